"""Write a corpus ``Document`` as a Word file (DOCX) with python-docx, the way a Word user would.

Headings use the built-in Heading 1-3 styles (numbered with real Word multi-level numbering when
the document is numbered), lists use real Word numbering (one ``w:num`` per list, so each list
restarts at 1; nested lists one level deeper), footnotes go into a footnotes part that python-docx
has no API for (written here as XML), tables get full grids, a header rule only, or no borders,
with merged cells as ``gridSpan``/``vMerge``. Inline Markdown (``**bold**``, ``*italic*``,
```code```) becomes runs; ``{fn:N}`` becomes a footnote reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from docx import Document as new_docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from ..model import Code, Document, Figure, Heading, ListBlock, Math, Para, Table

INLINE = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*|`(.+?)`|\{fn:(\d+)\}")
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
BULLETS = ("•", "◦", "▪")


@dataclass(frozen=True)
class Look:
    """The fonts and page of one Word look."""

    body: str  # body font (Carlito is Calibri's metric twin, Caladea Cambria's)
    heading: str
    size: float = 11.0
    east_asian: str = ""  # font for CJK text, when the document has any
    columns: int = 1
    header: str = ""  # running header text, "" for none
    page_numbers: bool = True  # a PAGE field in the footer
    numbered: bool = False  # headings numbered by Word ("1", "1.1")
    borders: str = "alternate"  # unruled tables: "none", "header" (a rule under the header) or "alternate"


def write_docx(doc: Document, look: Look, workdir: Path, path: Path) -> None:
    """Write ``doc`` to ``path``; images are looked up in ``workdir``."""
    writer = DocxWriter(doc, look, workdir)
    writer.write()
    writer.docx.save(str(path))


class DocxWriter:
    """One document's conversion; keeps the numbering part and footnotes while blocks are added."""

    def __init__(self, doc: Document, look: Look, workdir: Path) -> None:
        self.doc, self.look, self.workdir = doc, look, workdir
        self.docx = new_docx()
        self.numbering = self.docx.part.numbering_part.element
        self.next_abstract = 10
        self.next_num = 10
        self.footnotes: list[str] = []
        self.unruled_tables = 0

    # ------------------------------------------------------------ document

    def write(self) -> None:
        self.set_up_styles()
        self.set_up_page()
        heading_num = self.heading_numbering() if self.look.numbered else 0
        for block in self.doc.blocks:
            if isinstance(block, Heading):
                paragraph = self.docx.add_paragraph(style=f"Heading {block.level}")
                if heading_num:
                    set_numbering(paragraph, heading_num, block.level - 1)
                self.add_inline(paragraph, block.text)
            elif isinstance(block, Para):
                self.add_inline(self.docx.add_paragraph(), block.text)
            elif isinstance(block, ListBlock):
                self.add_list(block, 0)
            elif isinstance(block, Code):
                self.add_code(block)
            elif isinstance(block, Table):
                self.add_table(block)
            elif isinstance(block, Figure):
                self.add_figure(block)
            elif isinstance(block, Math):  # no OMML writer: the recipes leave math out
                raise ValueError("the DOCX writer has no equations")
        if self.footnotes:
            self.add_footnotes_part()

    def set_up_styles(self) -> None:
        styles = self.docx.styles
        normal = styles["Normal"]
        normal.font.name = self.look.body
        normal.font.size = Pt(self.look.size)
        set_fonts(normal.element, self.look.body, self.look.east_asian)
        normal.paragraph_format.space_after = Pt(6)
        for level, size in ((1, 16), (2, 13), (3, 11.5)):
            style = styles[f"Heading {level}"]
            style.font.name = self.look.heading
            style.font.size = Pt(size)
            set_fonts(style.element, self.look.heading, self.look.east_asian)
        for name in ("Caption",):
            styles[name].font.name = self.look.body

    def set_up_page(self) -> None:
        section = self.docx.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin = section.bottom_margin = Cm(2.4)
        section.start_type = WD_SECTION.NEW_PAGE
        if self.look.columns > 1:
            cols = section._sectPr.find(qn("w:cols"))
            if cols is None:
                cols = parse_xml(f"<w:cols {nsdecls('w')}/>")
                section._sectPr.append(cols)
            cols.set(qn("w:num"), str(self.look.columns))
            cols.set(qn("w:space"), "567")
        if self.look.header:
            header = section.header.paragraphs[0]
            header.text = self.look.header
            header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            header.runs[0].font.size = Pt(9)
        if self.look.page_numbers:
            footer = section.footer.paragraphs[0]
            footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
            footer._p.append(
                parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>')
            )

    # ------------------------------------------------------------ inline text

    def add_inline(self, paragraph: Paragraph, text: str) -> None:
        """Runs for the inline Markdown: bold, italic, code, footnote calls."""
        position = 0
        for match in INLINE.finditer(text):
            if match.start() > position:
                paragraph.add_run(text[position : match.start()])
            bold, italic, code, note = match.groups()
            if bold is not None:
                paragraph.add_run(bold).bold = True
            elif italic is not None:
                paragraph.add_run(italic).italic = True
            elif code is not None:
                paragraph.add_run(code).font.name = "Liberation Mono"
            else:
                self.add_footnote_call(paragraph, int(note))
            position = match.end()
        if position < len(text):
            paragraph.add_run(text[position:])

    def add_footnote_call(self, paragraph: Paragraph, number: int) -> None:
        self.footnotes.append(self.doc.footnotes[number])
        index = len(self.footnotes)  # Word numbers notes by their order on the page, as the model does
        paragraph._p.append(
            parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{index}"/></w:r>'
            )
        )

    def add_footnotes_part(self) -> None:
        notes = [
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
            "</w:p></w:footnote>",
        ]
        for index, text in enumerate(self.footnotes, 1):
            notes.append(
                f'<w:footnote w:id="{index}"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
                '<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="18"/></w:rPr><w:footnoteRef/></w:r>'
                f'<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> {xml_text(text)}</w:t></w:r>'
                "</w:p></w:footnote>"
            )
        xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {nsdecls("w")}>'
        xml += "".join(notes) + "</w:footnotes>"
        part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_TYPE, xml.encode("utf-8"), self.docx.part.package)
        self.docx.part.relate_to(part, RT.FOOTNOTES)

    # ------------------------------------------------------------ numbering

    def add_abstract(self, levels: list[str]) -> int:
        """A new abstract numbering whose level ``i`` is ``levels[i]`` (the XML inside ``w:lvl``)."""
        number = self.next_abstract
        self.next_abstract += 1
        body = "".join(f'<w:lvl w:ilvl="{i}">{level}</w:lvl>' for i, level in enumerate(levels))
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{number}">'
            f'<w:multiLevelType w:val="hybridMultilevel"/>{body}</w:abstractNum>'
        )
        first_num = self.numbering.find(qn("w:num"))  # abstract numberings come before every w:num
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.numbering.append(abstract)
        return number

    def add_num(self, abstract: int, restart: bool) -> int:
        number = self.next_num
        self.next_num += 1
        overrides = (
            "".join(f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="1"/></w:lvlOverride>' for i in range(3))
            if restart
            else ""
        )
        self.numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{number}"><w:abstractNumId w:val="{abstract}"/>{overrides}</w:num>'
            )
        )
        return number

    def heading_numbering(self) -> int:
        levels = [
            f'<w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="{text}"/>'
            '<w:suff w:val="space"/><w:lvlJc w:val="left"/>'
            for text in ("%1", "%1.%2", "%1.%2.%3")
        ]
        return self.add_num(self.add_abstract(levels), restart=False)

    def add_list(self, block: ListBlock, depth: int) -> None:
        levels = []
        for i in range(3):
            indent = f'<w:pPr><w:ind w:left="{360 + 360 * i}" w:hanging="360"/></w:pPr>'
            if block.ordered:
                levels.append(
                    f'<w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%{i + 1}."/>'
                    f'<w:lvlJc w:val="left"/>{indent}'
                )
            else:
                levels.append(
                    f'<w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="{BULLETS[i]}"/>'
                    f'<w:lvlJc w:val="left"/>{indent}'
                )
        num = self.add_num(self.add_abstract(levels), restart=True)
        for item in block.items:
            paragraph = self.docx.add_paragraph(style="List Paragraph")
            paragraph.paragraph_format.space_after = Pt(2)
            set_numbering(paragraph, num, depth)
            self.add_inline(paragraph, item.text)
            if item.children:
                self.add_list(item.children, depth + 1)

    # ------------------------------------------------------------ other blocks

    def add_code(self, block: Code) -> None:
        paragraph = self.docx.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(0.5)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="F2F2F2"/>')
        )
        for index, line in enumerate(block.lines):
            run = paragraph.add_run(line)
            run.font.name = "Liberation Mono"
            run.font.size = Pt(9)
            if index < len(block.lines) - 1:
                run.add_break()

    def add_figure(self, block: Figure) -> None:
        self.docx.add_picture(str(self.workdir / block.image), width=Cm(7))
        self.docx.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        caption = self.docx.add_paragraph(f"Figure {block.number}: {block.caption}", style="Caption")
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def add_table(self, block: Table) -> None:
        caption = self.docx.add_paragraph(f"Table {block.number}: {block.caption}", style="Caption")
        caption.paragraph_format.keep_with_next = True  # a short table stays on one page, with its caption
        width = block.width
        table = self.docx.add_table(rows=len(block.rows), cols=width)
        placed = place_cells(block)
        if self.look.columns > 1:
            fit_to_column(table, self.look.columns, placed)
        for (row, column), cell in placed.items():  # merge first, while the cells are empty
            if cell.colspan > 1 or cell.rowspan > 1:
                table.cell(row, column).merge(table.cell(row + cell.rowspan - 1, column + cell.colspan - 1))
        for (row, column), cell in placed.items():
            target = table.cell(row, column)
            run = target.paragraphs[0].add_run(cell.text)
            run.bold = row < block.header_rows
            target.paragraphs[0].paragraph_format.space_after = Pt(0)
            target.paragraphs[0].paragraph_format.keep_with_next = row < len(block.rows) - 1
        if block.ruled:
            table.style = self.docx.styles["Table Grid"]
        else:
            self.unruled_tables += 1
            kind = self.look.borders
            if kind == "alternate":
                kind = "header" if self.unruled_tables % 2 else "none"
            if kind == "header":
                rule_under_header(table, block.header_rows)
        self.docx.add_paragraph()  # Word's usual empty paragraph after a table


#: the page's text width (cm: A4 less the margins of ``set_up_page``) and the gap between its columns
TEXT_WIDTH_CM, COLUMN_GAP_CM = 21 - 2 * 2.2, 1.0


def fit_to_column(table: DocxTable, columns: int, placed: dict[tuple[int, int], object]) -> None:
    """The table as wide as one column of the page, not the page's text width; columns as wide as their text.

    python-docx gives a new table the section's text width; in a section set in two columns
    LibreOffice prints it so, past the column and the page's edge, and the page shows only
    its first columns (the truth has them all).
    """
    longest = [6] * len(table.columns)  # characters, a bold header word and the cell padding included
    for (_, column), cell in placed.items():
        if getattr(cell, "colspan", 1) == 1:
            longest[column] = max(longest[column], len(str(getattr(cell, "text", ""))) + 2)
    width = (TEXT_WIDTH_CM - COLUMN_GAP_CM * (columns - 1)) / columns
    table.autofit = False
    for column, chars in zip(table.columns, longest):
        share = Cm(width * chars / sum(longest))
        column.width = share
        for cell in column.cells:
            cell.width = share


def place_cells(block: Table) -> dict[tuple[int, int], object]:
    """Each cell of the model at its grid position (row, column), skipping spots covered by spans."""
    taken: set[tuple[int, int]] = set()
    placed = {}
    for r, row in enumerate(block.rows):
        column = 0
        for cell in row:
            while (r, column) in taken:
                column += 1
            placed[(r, column)] = cell
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, column + dc))
            column += cell.colspan
    return placed


def rule_under_header(table: DocxTable, header_rows: int) -> None:
    """A rule above the table, below its header rows and below its last row (a booktabs-like look)."""
    last = len(table.rows) - 1
    for r, row in enumerate(table.rows):
        edges = []
        if r == 0:
            edges.append("top")
        if r == header_rows - 1 or r == last:
            edges.append("bottom")
        if not edges:
            continue
        for cell in row.cells:
            props = cell._tc.get_or_add_tcPr()
            borders = props.find(qn("w:tcBorders"))
            if borders is None:
                borders = parse_xml(f"<w:tcBorders {nsdecls('w')}/>")
                props.append(borders)
            for edge in edges:
                borders.append(
                    parse_xml(f'<w:{edge} {nsdecls("w")} w:val="single" w:sz="8" w:space="0" w:color="000000"/>')
                )


def set_numbering(paragraph: Paragraph, num: int, level: int) -> None:
    props = paragraph._p.get_or_add_pPr()
    props.insert(
        1 if props.find(qn("w:pStyle")) is not None else 0,
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'),
    )


def set_fonts(style_element: object, font: str, east_asian: str) -> None:
    """Every script slot of a style's fonts (python-docx sets only the Latin ones)."""
    props = style_element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = props.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        props.insert(0, fonts)
    for attribute in list(fonts.attrib):  # theme fonts would win over the names set here
        if "Theme" in attribute:
            del fonts.attrib[attribute]
    for slot in ("ascii", "hAnsi", "cs"):
        fonts.set(qn(f"w:{slot}"), font)
    fonts.set(qn("w:eastAsia"), east_asian or font)


def xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
