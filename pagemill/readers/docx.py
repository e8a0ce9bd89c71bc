"""DOCX read from its XML (WordprocessingML), not through a PDF.

    headings     a paragraph's outline level, or its style's (following ``basedOn``),
                 or a style named "Heading N" / "Title"
    lists        numbering (numbering.xml): level, format and counters per list
    tables       cells with ``gridSpan`` (colspan) and ``vMerge`` (rowspan); header rows
    footnotes    footnotes.xml and endnotes.xml, referenced as [^n]
    links        hyperlinks (relationship targets, never fetched) and bookmarks
    pictures     embedded images with their alt text (``wp:docPr/@descr``)
    equations    Office Math to LaTeX (mathtex.py): ``$inline$`` and displayed
    furniture    headers and footers of the sections
    pages        a page break the author typed starts a new page

The XML is parsed by defusedxml (safezip.py); the package is checked for zip bombs.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from ..model import Block, BlockKind, Document, Layer
from ..options import Options
from .mathtex import M, omml_to_latex
from .native import Cell, NativeDocument, inline, squeeze
from .safezip import SafeZip

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_HEADING_NAME = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_CODE_STYLES = {"sourcecode", "source code", "html preformatted", "code", "preformatted text", "plain text"}
_CODE_RUN_STYLES = {"verbatimchar", "htmlcode", "code", "html code"}
_MONO_FONTS = ("courier", "consolas", "mono", "menlo")
_ROMAN = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90), ("l", 50), ("xl", 40),
          ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))  # fmt: skip


def read_docx(path: str, options: Options) -> Document:
    with SafeZip(path) as package:
        return _DocxReader(package, options).read()


def _val(element: Element | None, default: str | None = None) -> str | None:
    return element.get(W + "val", default) if element is not None else default


def _on(element: Element | None) -> bool:
    """A toggle property (``<w:b/>``, ``<w:b w:val="0"/>``)."""
    return element is not None and _val(element, "true") not in ("0", "false", "off", "none")


@dataclass
class _Style:
    name: str = ""
    based_on: str | None = None
    outline: int | None = None
    num: tuple[str, int] | None = None
    bold: bool = False
    italic: bool = False


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _Runs:
    """A paragraph's content as plain text and Markdown, and what it holds besides text."""

    text: list[str] = field(default_factory=list)
    markdown: list[str] = field(default_factory=list)
    pictures: list[tuple[str, bytes | None]] = field(default_factory=list)
    displays: list[str] = field(default_factory=list)
    page_break: bool = False

    def add(self, text: str, markdown: str | None = None) -> None:
        self.text.append(text)
        self.markdown.append(text if markdown is None else markdown)


class _DocxReader:
    def __init__(self, package: SafeZip, options: Options) -> None:
        self.package = package
        self.options = options
        self.out = NativeDocument(package.path, options)
        self.rels = self._rels("word/document.xml")
        self.styles = self._styles()
        self.levels, self.nums = self._numbering()
        self.counters: dict[tuple[str, int], int] = {}
        self.code_block: Block | None = None  # the code block the next code paragraph goes on
        self.notes: dict[tuple[str, str], str] = {}  # (kind, id) -> label
        self.note_order: list[tuple[str, str, str]] = []  # kind, id, label

    # -- package parts --------------------------------------------------------------

    def _part(self, name: str) -> Element | None:
        return self.package.xml(name) if name in self.package.names else None

    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        folder, name = posixpath.split(part)
        root = self._part(posixpath.join(folder, "_rels", name + ".rels"))
        rels = {}
        for rel in root.iter(REL + "Relationship") if root is not None else ():
            target = rel.get("Target", "")
            external = rel.get("TargetMode") == "External"
            resolved = target if external else posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
            rels[rel.get("Id", "")] = (resolved, "external" if external else "internal")
        return rels

    def _styles(self) -> dict[str, _Style]:
        root = self._part("word/styles.xml")
        styles: dict[str, _Style] = {}
        for node in root.iter(W + "style") if root is not None else ():
            style = _Style(name=_val(node.find(W + "name"), "") or "", based_on=_val(node.find(W + "basedOn")))
            outline = _val(node.find(f"{W}pPr/{W}outlineLvl"))
            style.outline = int(outline) if outline and outline.isdigit() else None
            num = node.find(f"{W}pPr/{W}numPr")
            if num is not None and _val(num.find(W + "numId")) not in (None, "0"):
                style.num = (_val(num.find(W + "numId"), "0") or "0", int(_val(num.find(W + "ilvl"), "0") or 0))
            style.bold = _on(node.find(f"{W}rPr/{W}b"))
            style.italic = _on(node.find(f"{W}rPr/{W}i"))
            styles[node.get(W + "styleId", "")] = style
        return styles

    def _numbering(self) -> tuple[dict[str, dict[int, _Level]], dict[str, tuple[str, dict[int, int]]]]:
        root = self._part("word/numbering.xml")
        abstract: dict[str, dict[int, _Level]] = {}
        nums: dict[str, tuple[str, dict[int, int]]] = {}
        if root is None:
            return abstract, nums
        for node in root.iter(W + "abstractNum"):
            levels = {}
            for lvl in node.iter(W + "lvl"):
                start = _val(lvl.find(W + "start"), "1") or "1"
                levels[int(lvl.get(W + "ilvl", "0"))] = _Level(
                    _val(lvl.find(W + "numFmt"), "decimal") or "decimal",
                    _val(lvl.find(W + "lvlText"), "") or "",
                    int(start) if start.lstrip("-").isdigit() else 1,
                )
            abstract[node.get(W + "abstractNumId", "")] = levels
        for node in root.iter(W + "num"):
            overrides = {}
            for override in node.iter(W + "lvlOverride"):
                start = _val(override.find(W + "startOverride")) or ""
                if start.isdigit():
                    overrides[int(override.get(W + "ilvl", "0"))] = int(start)
            nums[node.get(W + "numId", "")] = (_val(node.find(W + "abstractNumId"), "") or "", overrides)
        return abstract, nums

    # -- the body -------------------------------------------------------------------

    def read(self) -> Document:
        body = self.package.xml("word/document.xml").find(W + "body")
        self._furniture(body, "header")
        if body is not None:
            self._blocks(body)
        self._notes()
        self._furniture(body, "footer")
        self.out.metadata = self._metadata()
        return self.out.document()

    def _blocks(self, container: Element) -> None:
        for child in container:
            tag = child.tag
            if tag == W + "p":
                self._paragraph(child)
            elif tag == W + "tbl":
                self._table(child)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self._blocks(content)
            elif tag in (M + "oMathPara", M + "oMath"):
                self.out.add(BlockKind.EQUATION, omml_to_latex(child), latex=omml_to_latex(child))

    def _style_chain(self, style_id: str | None) -> Iterator[_Style]:
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = style.based_on

    def _paragraph(self, p: Element) -> None:
        props = p.find(W + "pPr")
        style_id = _val(props.find(W + "pStyle")) if props is not None else None
        chain = list(self._style_chain(style_id))
        style_name = chain[0].name.lower() if chain else ""
        if props is not None and _on(props.find(W + "pageBreakBefore")) and self.out.page.blocks:
            self.out.new_page()
        runs = _Runs()
        self._inline(p, runs, code=style_name in _CODE_STYLES)
        text = "".join(runs.text)
        markdown = "".join(runs.markdown)
        level = self._heading_level(props, chain)
        num = self._numbered(props, chain)
        if style_name in _CODE_STYLES:
            self.code_block = self.out.code(text, after=self.code_block)
        elif level is not None:
            self.out.add(BlockKind.HEADING, squeeze(text), squeeze(markdown), level=level)
        elif num is not None and squeeze(text):
            marker, depth = self._marker(*num)
            self.out.add(BlockKind.LIST_ITEM, squeeze(text), squeeze(markdown), marker=marker, depth=depth)
        else:
            self.out.add(BlockKind.PARAGRAPH, squeeze(text), squeeze(markdown))
        for latex in runs.displays:
            self.out.add(BlockKind.EQUATION, latex, latex=latex)
        for alt, data in runs.pictures:
            self.out.figure(alt, data)
        if runs.page_break:
            self.out.new_page()

    def _heading_level(self, props: Element | None, chain: list[_Style]) -> int | None:
        own = _val(props.find(W + "outlineLvl")) if props is not None else None
        if own and own.isdigit() and int(own) < 9:
            return min(int(own) + 1, 6)
        for style in chain:
            if style.outline is not None and style.outline < 9:
                return min(style.outline + 1, 6)
            match = _HEADING_NAME.match(style.name)
            if match:
                return min(max(int(match.group(1)), 1), 6)
            if style.name.lower() == "title":
                return 1
        return None

    def _numbered(self, props: Element | None, chain: list[_Style]) -> tuple[str, int] | None:
        num = props.find(W + "numPr") if props is not None else None
        if num is not None:
            num_id = _val(num.find(W + "numId"))
            if num_id in (None, "0"):
                return None
            return num_id or "", int(_val(num.find(W + "ilvl"), "0") or 0)
        for style in chain:
            if style.num:
                return style.num
        return None

    def _marker(self, num_id: str, ilvl: int) -> tuple[str, int]:
        """The list marker as the document would show it, and the item's depth."""
        abstract_id, overrides = self.nums.get(num_id, ("", {}))
        levels = self.levels.get(abstract_id, {})
        level = levels.get(ilvl, _Level("bullet", "•"))
        if level.fmt == "bullet" or level.fmt == "none":
            return "•", ilvl
        key = (num_id, ilvl)
        self.counters[key] = self.counters.get(key, overrides.get(ilvl, level.start) - 1) + 1
        for deeper in [k for k in self.counters if k[0] == num_id and k[1] > ilvl]:
            del self.counters[deeper]  # a sub-list starts again under the next item
        text = level.text or f"%{ilvl + 1}."
        for index in range(ilvl + 1):
            lvl = levels.get(index, _Level())
            value = self.counters.get((num_id, index), lvl.start)
            text = text.replace(f"%{index + 1}", _format_number(value, lvl.fmt))
        return text, ilvl

    # -- runs ---------------------------------------------------------------------------

    def _inline(self, element: Element, runs: _Runs, link: str | None = None, code: bool = False) -> None:
        for child in element:
            tag = child.tag
            if tag == W + "r":
                self._run(child, runs, link, code)
            elif tag == W + "hyperlink":
                target = self.rels.get(child.get(R + "id", ""), ("", ""))[0] or (
                    "#" + child.get(W + "anchor", "") if child.get(W + "anchor") else None
                )
                self._inline(child, runs, target if self.options.links else None, code)
            elif tag in (W + "ins", W + "smartTag", W + "customXml", W + "fldSimple", W + "sdt", W + "sdtContent"):
                self._inline(child, runs, link, code)
            elif tag == M + "oMathPara":
                runs.displays.extend(omml_to_latex(math) for math in child.iter(M + "oMath"))
            elif tag == M + "oMath":
                latex = omml_to_latex(child)
                runs.add(latex, f"${latex}$")

    def _run(self, r: Element, runs: _Runs, link: str | None, code: bool) -> None:
        props = r.find(W + "rPr")
        bold = italic = mono = False
        if props is not None:
            run_style = (_val(props.find(W + "rStyle")) or "").lower()
            chain = list(self._style_chain(_val(props.find(W + "rStyle"))))
            bold = _on(props.find(W + "b")) or any(s.bold for s in chain)
            italic = _on(props.find(W + "i")) or any(s.italic for s in chain)
            fonts = props.find(W + "rFonts")
            font = (fonts.get(W + "ascii", "") if fonts is not None else "").lower()
            mono = run_style in _CODE_RUN_STYLES or any(name in font for name in _MONO_FONTS)
            if _on(props.find(W + "vanish")):
                return  # hidden text
        for child in r:
            tag = child.tag
            if tag == W + "t":
                text = child.text or ""
                runs.add(text, text if code else inline(text, bold, italic, mono, link))
            elif tag == W + "tab":
                runs.add("\t" if code else " ")
            elif tag in (W + "br", W + "cr"):
                if child.get(W + "type") == "page":
                    runs.page_break = True
                else:
                    runs.add("\n" if code else " ")
            elif tag == W + "noBreakHyphen":
                runs.add("-")
            elif tag == W + "sym":
                char = child.get(W + "char", "")
                runs.add(chr(int(char, 16)) if re.fullmatch(r"[0-9A-Fa-f]{2,4}", char) else "")
            elif tag in (W + "footnoteReference", W + "endnoteReference"):
                kind = "footnote" if tag == W + "footnoteReference" else "endnote"
                label = self._note_label(kind, child.get(W + "id", ""))
                runs.add(f"[{label}]", f"[^{label}]")
            elif tag in (W + "drawing", W + "pict", "{urn:schemas-microsoft-com:vml}shape"):
                runs.pictures.extend(self._pictures(child))

    def _note_label(self, kind: str, note_id: str) -> str:
        key = (kind, note_id)
        if key not in self.notes:
            label = str(len(self.notes) + 1)
            self.notes[key] = label
            self.note_order.append((kind, note_id, label))
        return self.notes[key]

    def _pictures(self, drawing: Element) -> Iterator[tuple[str, bytes | None]]:
        alt = ""
        for prop in drawing.iter(WP + "docPr"):
            alt = prop.get("descr") or prop.get("title") or ""
        for blip in drawing.iter(A + "blip"):
            target, mode = self.rels.get(blip.get(R + "embed", ""), ("", ""))
            data = None
            if mode == "internal" and target in self.package.names and self.options.images:
                data = self.package.read(target, 64 * 1024 * 1024)
            yield alt, data
            return
        if alt:
            yield alt, None

    # -- tables -------------------------------------------------------------------------

    def _table(self, table: Element) -> None:
        rows: list[list[Cell]] = []
        header_rows = 0
        #: the open vertical merge of each grid column: the cell it extends
        merging: dict[int, Cell] = {}
        for r, tr in enumerate(table.findall(W + "tr")):
            if header_rows == r and _on(tr.find(f"{W}trPr/{W}tblHeader")):
                header_rows += 1
            row: list[Cell] = []
            column = 0
            for tc in tr.findall(W + "tc"):
                props = tc.find(W + "tcPr")
                span = int(_val(props.find(W + "gridSpan"), "1") or 1) if props is not None else 1
                vmerge = props.find(W + "vMerge") if props is not None else None
                if vmerge is not None and _val(vmerge, "continue") == "continue" and column in merging:
                    merging[column].rowspan += 1
                    column += span
                    continue
                text, markdown = self._cell_text(tc)
                cell = Cell(text, markdown, colspan=max(span, 1))
                if vmerge is not None:
                    merging[column] = cell
                else:
                    merging.pop(column, None)
                row.append(cell)
                column += span
            rows.append(row)
        self.out.table(rows, header_rows or 1)

    def _cell_text(self, tc: Element) -> tuple[str, str]:
        texts, markdowns = [], []
        for p in tc.iter(W + "p"):
            runs = _Runs()
            self._inline(p, runs)
            texts.append(squeeze("".join(runs.text)))
            markdowns.append(squeeze("".join(runs.markdown)))
        return " ".join(t for t in texts if t), " ".join(m for m in markdowns if m)

    # -- notes and furniture ------------------------------------------------------------

    def _notes(self) -> None:
        parts = {kind: self._part(f"word/{kind}s.xml") for kind in ("footnote", "endnote")}
        by_id = {
            (kind, node.get(W + "id", "")): node
            for kind, root in parts.items()
            if root is not None
            for node in root.iter(W + kind)
        }
        for kind, note_id, label in self.note_order:
            node = by_id.get((kind, note_id))
            if node is None:
                continue
            runs = _Runs()
            for p in node.iter(W + "p"):
                self._inline(p, runs)
                runs.add(" ")
            text, markdown = squeeze("".join(runs.text)), squeeze("".join(runs.markdown))
            self.out.add(BlockKind.FOOTNOTE, text, markdown, label=label, note=kind)

    def _furniture(self, body: Element | None, kind: str) -> None:
        """The headers (or footers) the sections name, each once, as furniture."""
        seen: set[str] = set()
        for ref in body.iter(W + kind + "Reference") if body is not None else ():
            target = self.rels.get(ref.get(R + "id", ""), ("", ""))[0]
            if target in seen or target not in self.package.names:
                continue
            seen.add(target)
            root = self.package.xml(target)
            saved, self.rels = self.rels, self._rels(target)
            try:
                for p in root.iter(W + "p"):
                    runs = _Runs()
                    self._inline(p, runs)
                    block_kind = BlockKind.PAGE_HEADER if kind == "header" else BlockKind.PAGE_FOOTER
                    self.out.add(block_kind, squeeze("".join(runs.text)), layer=Layer.FURNITURE, reason=f"DOCX {kind}")
            finally:
                self.rels = saved

    def _metadata(self) -> dict[str, str]:
        root = self._part("docProps/core.xml")
        metadata = {"format": "docx"}
        for node in root if root is not None else ():
            name = node.tag.rsplit("}", 1)[-1]
            if name in ("title", "creator", "subject", "created", "modified") and node.text:
                metadata[name] = node.text.strip()
        return metadata


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        n = value
        while n > 0:
            n, rest = divmod(n - 1, 26)
            letters = chr(97 + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        out = ""
        n = value
        for numeral, amount in _ROMAN:
            while n >= amount:
                out += numeral
                n -= amount
        return out.upper() if fmt == "upperRoman" else out
    return str(value)
