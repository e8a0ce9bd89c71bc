"""ODT (OpenDocument text) read from its XML, not through a PDF.

    headings     ``text:h`` with its outline level
    lists        ``text:list`` nesting is the depth; the list style (named on the list or
                 inherited from the outer list) says bullet or number, and where numbers start
    tables       ``table:number-columns-spanned`` / ``-rows-spanned``; covered cells skipped;
                 ``table:table-header-rows`` are the header
    inline       bold and italic from the text styles, monospaced fonts as code, links, notes
    code         paragraphs whose style descends from "Preformatted Text" / "Source Text"
    equations    formula objects (MathML in their own part) to LaTeX (mathtex.py)
    pictures     ``draw:image`` with the frame's ``svg:title`` / ``svg:desc`` as alt text
    furniture    the master pages' headers and footers (styles.xml)

A package whose manifest names encryption data is ``Encrypted``.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from ..errors import Encrypted
from ..model import BlockKind, Document, Layer
from ..options import Options
from .mathtex import mathml_to_latex
from .native import Cell, NativeDocument, inline, squeeze
from .safezip import SafeZip

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
SVG = "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}"
XLINK = "{http://www.w3.org/1999/xlink}"
MANIFEST = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"
_CODE_STYLES = ("preformatted_20_text", "source_20_text", "preformatted text", "source text")
_MONO = ("courier", "mono", "consolas", "menlo")


def read_odt(path: str, options: Options) -> Document:
    with SafeZip(path) as package:
        if "META-INF/manifest.xml" in package.names:
            manifest = package.xml("META-INF/manifest.xml")
            if manifest.find(f".//{MANIFEST}encryption-data") is not None:
                raise Encrypted("a password-protected OpenDocument file: save it without a password", path)
        return _OdtReader(package, options).read()


@dataclass
class _Style:
    parent: str = ""
    bold: bool = False
    italic: bool = False
    mono: bool = False
    list_style: str = ""


class _OdtReader:
    def __init__(self, package: SafeZip, options: Options) -> None:
        self.package = package
        self.options = options
        self.out = NativeDocument(package.path, options, metadata={"format": "odt"})
        self.styles: dict[str, _Style] = {}
        self.lists: dict[str, dict[int, tuple[bool, int]]] = {}  # list style -> level -> (numbered, start)
        self.fonts: dict[str, str] = {}
        self.notes: list[tuple[str, str, str]] = []
        self.last_number = 1  # where a list that continues the one before goes on counting
        self.styles_root = package.xml("styles.xml") if "styles.xml" in package.names else None
        self.content = package.xml("content.xml")
        for root in (self.styles_root, self.content):
            if root is not None:
                self._read_styles(root)

    def _read_styles(self, root: Element) -> None:
        for face in root.iter(STYLE + "font-face"):
            self.fonts[face.get(STYLE + "name", "")] = face.get(SVG + "font-family", "")
        for node in root.iter(STYLE + "style"):
            props = node.find(STYLE + "text-properties")
            font = ""
            if props is not None:
                font = (props.get(STYLE + "font-name") or props.get(FO + "font-family") or "").lower()
                font = (self.fonts.get(props.get(STYLE + "font-name", ""), "") or font).lower()
            self.styles[node.get(STYLE + "name", "")] = _Style(
                parent=node.get(STYLE + "parent-style-name", ""),
                bold=props is not None and props.get(FO + "font-weight") in ("bold", "600", "700", "800", "900"),
                italic=props is not None and props.get(FO + "font-style") in ("italic", "oblique"),
                mono=any(name in font for name in _MONO),
                list_style=node.get(STYLE + "list-style-name", ""),
            )
        for node in root.iter(TEXT + "list-style"):
            levels = {}
            for level in node:
                depth = int(level.get(TEXT + "level", "1")) - 1
                numbered = level.tag == TEXT + "list-level-style-number" and bool(level.get(STYLE + "num-format"))
                start = level.get(TEXT + "start-value", "1")
                levels[depth] = (numbered, int(start) if start.isdigit() else 1)
            self.lists[node.get(STYLE + "name", "")] = levels

    def _chain(self, name: str) -> list[str]:
        chain, seen = [], set()
        while name and name not in seen:
            seen.add(name)
            chain.append(name)
            name = self.styles.get(name, _Style()).parent
        return chain

    def read(self) -> Document:
        self._furniture("header")
        body = self.content.find(f"{OFFICE}body/{OFFICE}text")
        if body is not None:
            self._blocks(body, depth=-1, list_style="")
        for label, text, markdown in self.notes:
            self.out.add(BlockKind.FOOTNOTE, text, markdown, label=label)
        self._furniture("footer")
        return self.out.document()

    def _blocks(self, container: Element, depth: int, list_style: str, layer: Layer = Layer.BODY) -> None:
        code: list[str] = []
        reason = "ODT header or footer" if layer is Layer.FURNITURE else ""

        def flush() -> None:
            if code:
                self.out.code("\n".join(code), layer, reason)
                code.clear()

        for child in container:
            tag = child.tag
            if tag == TEXT + "p" and any(
                s.lower() in _CODE_STYLES for s in self._chain(child.get(TEXT + "style-name", ""))
            ):
                code.append(self._text(child, code=True)[0])
                continue
            flush()
            if tag == TEXT + "h":
                text, markdown = self._text(child)
                level = int(child.get(TEXT + "outline-level", "1") or 1)
                self.out.add(BlockKind.HEADING, squeeze(text), squeeze(markdown), layer, reason, level=min(level, 6))
            elif tag == TEXT + "p":
                text, markdown = self._text(child)
                self.out.add(BlockKind.PARAGRAPH, squeeze(text), squeeze(markdown), layer, reason)
                self._pictures(child)
            elif tag == TEXT + "list":
                self._list(child, depth + 1, child.get(TEXT + "style-name") or list_style, layer)
            elif tag == TABLE + "table":
                self._table(child, layer)
            elif tag == TEXT + "section":
                self._blocks(child, depth, list_style, layer)
        flush()

    def _list(self, node: Element, depth: int, list_style: str, layer: Layer) -> None:
        numbered, number = self.lists.get(list_style, {}).get(depth, (False, 1))
        continues = node.get(TEXT + "continue-numbering") == "true"
        number = self.last_number if continues else number
        for item in node:
            if item.tag not in (TEXT + "list-item", TEXT + "list-header"):
                continue
            first = True
            for child in item:
                if child.tag in (TEXT + "p", TEXT + "h") and first:
                    text, markdown = self._text(child)
                    style = self.styles.get(child.get(TEXT + "style-name", ""), _Style())
                    if style.list_style and style.list_style != list_style and depth == 0:
                        numbered, number = self.lists.get(style.list_style, {}).get(depth, (numbered, number))
                    marker = f"{number}." if numbered else "•"
                    self.out.add(
                        BlockKind.LIST_ITEM, squeeze(text), squeeze(markdown), layer, marker=marker, depth=depth
                    )
                    first = False
                elif child.tag == TEXT + "list":
                    self._list(child, depth + 1, child.get(TEXT + "style-name") or list_style, layer)
                else:
                    self._blocks_of(child, depth, list_style, layer)
            number += 1
        self.last_number = number

    def _blocks_of(self, element: Element, depth: int, list_style: str, layer: Layer) -> None:
        holder = Element("holder")
        holder.append(element)
        self._blocks(holder, depth, list_style, layer)

    def _text(self, element: Element, code: bool = False) -> tuple[str, str]:
        text: list[str] = []
        markdown: list[str] = []
        self._inline(element, text, markdown, code, bold=False, italic=False, mono=False, link=None)
        return "".join(text), "".join(markdown)

    def _inline(
        self, element: Element, text: list[str], markdown: list[str], code: bool,
        bold: bool, italic: bool, mono: bool, link: str | None,
    ) -> None:  # fmt: skip
        def add(value: str) -> None:
            text.append(value)
            markdown.append(value if code else inline(value, bold, italic, mono, link))

        if element.text:
            add(element.text)
        for child in element:
            tag = child.tag
            if tag == TEXT + "span" or tag == TEXT + "a":
                style = self.styles.get(child.get(TEXT + "style-name", ""), _Style())
                href = child.get(XLINK + "href") if tag == TEXT + "a" and self.options.links else None
                self._inline(child, text, markdown, code, bold or style.bold, italic or style.italic,
                             mono or style.mono, href or link)  # fmt: skip
            elif tag == TEXT + "s":
                add(" " * int(child.get(TEXT + "c", "1") or 1))
            elif tag == TEXT + "tab":
                add("\t" if code else " ")
            elif tag == TEXT + "line-break":
                add("\n" if code else " ")
            elif tag == TEXT + "note":
                label = str(len(self.notes) + 1)
                body = child.find(TEXT + "note-body")
                note_text, note_md = self._text(body) if body is not None else ("", "")
                self.notes.append((label, squeeze(note_text), squeeze(note_md)))
                text.append(f"[{label}]")
                markdown.append(f"[^{label}]")
            elif tag == DRAW + "frame":
                latex = self._formula(child)
                if latex:
                    text.append(latex)
                    markdown.append(f"${latex}$")
            elif tag in (TEXT + "bookmark-start", TEXT + "bookmark-end", TEXT + "bookmark"):
                pass
            else:
                self._inline(child, text, markdown, code, bold, italic, mono, link)
            if child.tail:
                add(child.tail)

    def _formula(self, frame: Element) -> str:
        obj = frame.find(DRAW + "object")
        if obj is None:
            return ""
        part = posixpath.normpath(obj.get(XLINK + "href", "").lstrip("./").rstrip("/") + "/content.xml")
        if part not in self.package.names:
            return ""
        return mathml_to_latex(self.package.xml(part))

    def _pictures(self, paragraph: Element) -> None:
        for frame in paragraph.iter(DRAW + "frame"):
            image = frame.find(DRAW + "image")
            if image is None:
                continue
            title, desc = frame.find(SVG + "title"), frame.find(SVG + "desc")
            alt = (desc.text if desc is not None else None) or (title.text if title is not None else None) or ""
            target = posixpath.normpath(image.get(XLINK + "href", ""))
            data = None
            if target in self.package.names and self.options.images:
                data = self.package.read(target, 64 * 1024 * 1024)
            self.out.figure(alt or frame.get(DRAW + "name", ""), data)

    def _table(self, table: Element, layer: Layer) -> None:
        rows: list[list[Cell]] = []
        for row_node in table.iter(TABLE + "table-row"):
            row = []
            for cell in row_node:
                if cell.tag != TABLE + "table-cell":
                    continue  # covered cells lie under a merged one
                text, markdown = [], []
                for p in cell.iter():
                    if p.tag in (TEXT + "p", TEXT + "h"):
                        t, m = self._text(p)
                        text.append(squeeze(t))
                        markdown.append(squeeze(m))
                row.append(Cell(" ".join(filter(None, text)), " ".join(filter(None, markdown)),
                                int(cell.get(TABLE + "number-rows-spanned", "1")),
                                int(cell.get(TABLE + "number-columns-spanned", "1"))))  # fmt: skip
            rows.append(row)
        header = table.find(TABLE + "table-header-rows")
        header_rows = len(header.findall(TABLE + "table-row")) if header is not None else 1
        self.out.table(rows, header_rows or 1, layer)

    def _furniture(self, kind: str) -> None:
        if self.styles_root is None:
            return
        for master in self.styles_root.iter(STYLE + "master-page"):
            part = master.find(STYLE + kind)
            if part is not None:
                for p in part.iter():
                    if p.tag in (TEXT + "p", TEXT + "h"):
                        text, _ = self._text(p)
                        block_kind = BlockKind.PAGE_HEADER if kind == "header" else BlockKind.PAGE_FOOTER
                        self.out.add(block_kind, squeeze(text), layer=Layer.FURNITURE, reason=f"ODT {kind}")
