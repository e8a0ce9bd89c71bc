"""PPTX read from its XML (PresentationML): one page per slide.

order        slides as ``presentation.xml`` lists them; on a slide, the title first, then
             shapes top to bottom, left to right (a placeholder without its own position
             takes its layout's); groups are read in place
title        the title placeholder is the slide's heading (level 1 on a title slide, else 2)
text         paragraphs; list items where the paragraph has a bullet or a number, or sits
             in a body placeholder without ``buNone`` (bullets are inherited there); ``lvl``
             is the depth; a paragraph set wholly in a monospaced font is code
tables       ``a:tbl`` with ``gridSpan``/``rowSpan`` (merged continuation cells skipped)
pictures     alt text (``descr``), pixels from the package
notes        the speaker notes, as furniture blocks with reason "speaker notes" (in the
             JSON, out of the Markdown unless furniture is asked for)
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from ..model import BlockKind, Document, Layer
from ..options import Options
from .mathtex import M, omml_to_latex
from .native import Cell, NativeDocument, inline, squeeze
from .safezip import SafeZip

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_TITLES = {"title", "ctrTitle"}
_BODY = {"body", "obj", ""}
_MONO = ("courier", "consolas", "mono", "menlo")


def read_pptx(path: str, options: Options) -> Document:
    with SafeZip(path) as package:
        return _PptxReader(package, options).read()


@dataclass
class _Shape:
    y: float
    x: float
    height: float
    width: float
    order: int
    element: Element
    placeholder: str | None  # the placeholder type ("" for a typed-less body placeholder), None if none


class _PptxReader:
    def __init__(self, package: SafeZip, options: Options) -> None:
        self.package = package
        self.options = options
        self.out = NativeDocument(package.path, options, metadata={"format": "pptx"})

    def rels(self, part: str) -> dict[str, tuple[str, str, bool]]:
        folder, name = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", name + ".rels")
        found: dict[str, tuple[str, str, bool]] = {}
        if rels_name not in self.package.names:
            return found
        for rel in self.package.xml(rels_name).iter(REL + "Relationship"):
            target = rel.get("Target", "")
            external = rel.get("TargetMode") == "External"
            resolved = target if external else posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
            found[rel.get("Id", "")] = (resolved, rel.get("Type", "").rsplit("/", 1)[-1], external)
        return found

    def read(self) -> Document:
        presentation = self.package.xml("ppt/presentation.xml")
        rels = self.rels("ppt/presentation.xml")
        for slide_id in presentation.iter(P + "sldId"):
            target = rels.get(slide_id.get(R + "id", ""), ("", "", False))[0]
            if target in self.package.names:
                self.out.new_page()
                self.slide(target)
        return self.out.document()

    def slide(self, name: str) -> None:
        rels = self.rels(name)
        self.current_rels = rels
        root = self.package.xml(name)
        layout = next((target for target, kind, _ in rels.values() if kind == "slideLayout"), None)
        positions = self.layout_positions(layout) if layout and layout in self.package.names else {}
        tree = root.find(f"{P}cSld/{P}spTree")
        shapes = self.shapes(tree, positions) if tree is not None else []
        for shape in reading_order(shapes):
            self.shape(shape)
        notes = next((target for target, kind, _ in rels.values() if kind == "notesSlide"), None)
        if notes and notes in self.package.names:
            self.notes(notes)

    def layout_positions(self, layout: str) -> dict[str, _Box]:
        positions = {}
        for sp in self.package.xml(layout).iter(P + "sp"):
            ph = sp.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
            box = _box(sp.find(f"{P}spPr/{A}xfrm"))
            if ph is not None and box is not None:
                positions["idx:" + ph.get("idx", "")] = box
                positions["type:" + ph.get("type", "body")] = box
        return positions

    def shapes(self, tree: Element, positions: dict[str, _Box]) -> list[_Shape]:
        found: list[_Shape] = []
        for element in _children(tree):
            tag = element.tag
            if tag == P + "grpSp":
                found.extend(self.shapes(element, positions))
                continue
            if tag not in (P + "sp", P + "graphicFrame", P + "pic"):
                continue
            ph = element.find(f".//{P}nvPr/{P}ph")
            placeholder = ph.get("type", "") if ph is not None else None
            box = _box(element.find(f"./{P}spPr/{A}xfrm")) or _box(element.find(f"./{P}xfrm"))
            if box is None and ph is not None:
                box = positions.get("idx:" + ph.get("idx", "-")) or positions.get("type:" + (placeholder or "body"))
            y, x, height, width = box or (0.0, 0.0, 0.0, 0.0)
            found.append(_Shape(y, x, height, width, len(found), element, placeholder))
        return found

    def shape(self, shape: _Shape) -> None:
        element = shape.element
        if element.tag == P + "graphicFrame":
            table = element.find(f".//{A}tbl")
            if table is not None:
                self.table(table)
            return
        if element.tag == P + "pic":
            props = element.find(f"{P}nvPicPr/{P}cNvPr")
            alt = (props.get("descr") or props.get("title") or "") if props is not None else ""
            blip = element.find(f".//{A}blip")
            embed = blip.get(R + "embed", "") if blip is not None else ""
            target, _, external = self.current_rels.get(embed, ("", "", True))
            data = None
            if not external and target in self.package.names and self.options.images:
                data = self.package.read(target, 64 * 1024 * 1024)
            self.out.figure(alt, data)
            return
        body = element.find(f"{P}txBody")
        if body is None:
            return
        if shape.placeholder in _TITLES:
            text, markdown = self.text_of(body)
            self.out.add(BlockKind.HEADING, text, markdown, level=1 if shape.placeholder == "ctrTitle" else 2)
            return
        self.paragraphs(body, in_body=shape.placeholder in _BODY)

    def paragraphs(self, body: Element, in_body: bool, layer: Layer = Layer.BODY, reason: str = "") -> None:
        counters: dict[int, int] = {}
        for p in body.findall(A + "p"):
            props = p.find(A + "pPr")
            depth = int(props.get("lvl", "0")) if props is not None else 0
            text, markdown, mono = self.runs(p)
            if not text.strip():
                continue
            if p.find(f".//{M}oMathPara") is not None and not any((t.text or "").strip() for t in p.iter(A + "t")):
                self.out.add(BlockKind.EQUATION, text, layer=layer, reason=reason, latex=squeeze(text))
                continue
            numbered = props.find(A + "buAutoNum") if props is not None else None
            bullet = props is not None and props.find(A + "buChar") is not None
            none = props is not None and props.find(A + "buNone") is not None
            for deeper in [level for level in counters if level > depth]:
                del counters[deeper]
            if mono and not bullet and numbered is None:
                self.out.code(text, layer, reason)
            elif numbered is not None:
                start = int(numbered.get("startAt", "1"))
                counters[depth] = counters.get(depth, start - 1) + 1
                self.out.add(BlockKind.LIST_ITEM, squeeze(text), squeeze(markdown), layer, reason,
                             marker=f"{counters[depth]}.", depth=depth)  # fmt: skip
            elif bullet or (in_body and not none):
                counters.pop(depth, None)
                self.out.add(BlockKind.LIST_ITEM, squeeze(text), squeeze(markdown), layer, reason,
                             marker="•", depth=depth)  # fmt: skip
            else:
                counters.pop(depth, None)
                self.out.add(BlockKind.PARAGRAPH, squeeze(text), squeeze(markdown), layer, reason)

    def runs(self, p: Element) -> tuple[str, str, bool]:
        """A paragraph's text, its Markdown, and whether all of it is in a monospaced font."""
        text: list[str] = []
        markdown: list[str] = []
        mono_chars = chars = 0
        for child in _children(p):
            tag = child.tag
            if tag in (A + "r", A + "fld"):
                props = child.find(A + "rPr")
                value = "".join(t.text or "" for t in child.iter(A + "t"))
                bold = props is not None and props.get("b") in ("1", "true")
                italic = props is not None and props.get("i") in ("1", "true")
                font = props.find(A + "latin") if props is not None else None
                mono = font is not None and any(name in font.get("typeface", "").lower() for name in _MONO)
                link_ref = props.find(A + "hlinkClick") if props is not None else None
                link = None
                if link_ref is not None and self.options.links and not link_ref.get("action"):
                    target, _, external = self.current_rels.get(link_ref.get(R + "id", ""), ("", "", False))
                    link = target if external else None
                text.append(value)
                markdown.append(inline(value, bold, italic, mono, link))
                chars += len(value.strip())
                mono_chars += len(value.strip()) if mono else 0
            elif tag == A + "br":
                text.append("\n")
                markdown.append("\n")
            else:
                for math in child.iter(M + "oMath"):
                    latex = omml_to_latex(math)
                    text.append(latex)
                    markdown.append(f"${latex}$")
        return "".join(text), "".join(markdown), chars > 0 and mono_chars == chars

    def text_of(self, body: Element) -> tuple[str, str]:
        parts = [self.runs(p) for p in body.findall(A + "p")]
        return squeeze(" ".join(t for t, _, _ in parts)), squeeze(" ".join(m for _, m, _ in parts))

    def table(self, table: Element) -> None:
        rows: list[list[Cell]] = []
        for tr in table.findall(A + "tr"):
            row = []
            for tc in tr.findall(A + "tc"):
                if tc.get("hMerge") in ("1", "true") or tc.get("vMerge") in ("1", "true"):
                    continue  # covered by a merged cell
                body = tc.find(A + "txBody")
                text, markdown = self.text_of(body) if body is not None else ("", "")
                row.append(Cell(text, markdown, int(tc.get("rowSpan", "1")), int(tc.get("gridSpan", "1"))))
            rows.append(row)
        self.out.table(rows, 1)

    def notes(self, name: str) -> None:
        saved = self.current_rels
        self.current_rels = self.rels(name)
        try:
            for sp in self.package.xml(name).iter(P + "sp"):
                ph = sp.find(f".//{P}nvPr/{P}ph")
                body = sp.find(P + "txBody")
                if ph is not None and ph.get("type") == "body" and body is not None:
                    self.paragraphs(body, in_body=False, layer=Layer.FURNITURE, reason="speaker notes")
        finally:
            self.current_rels = saved


_Box = tuple[float, float, float, float]  # y, x, height, width (EMU)
#: more shapes than this on a slide are read top to bottom only
MAX_ORDERED_SHAPES = 200


def _box(xfrm: Element | None) -> _Box | None:
    if xfrm is None:
        return None
    offset, extent = xfrm.find(A + "off"), xfrm.find(A + "ext")
    if offset is None:
        return None
    size = (float(extent.get("cy", 0)), float(extent.get("cx", 0))) if extent is not None else (0.0, 0.0)
    return float(offset.get("y", 0)), float(offset.get("x", 0)), *size


def _precedes(a: _Shape, b: _Shape) -> bool:
    """``a`` is read before ``b``: above it in the same column, or left of it in the same band."""
    overlap_x = a.x < b.x + b.width and b.x < a.x + a.width
    overlap_y = a.y < b.y + b.height and b.y < a.y + a.height
    if overlap_x and not overlap_y:
        return a.y < b.y
    if overlap_y and not overlap_x:
        return a.x < b.x
    return False


def reading_order(shapes: list[_Shape]) -> list[_Shape]:
    """Title first; then a shape comes when none that precedes it is left (columns read one by one)."""
    remaining = sorted(shapes, key=lambda s: (s.placeholder not in _TITLES, s.y, s.x, s.order))
    if len(remaining) > MAX_ORDERED_SHAPES:
        return remaining
    ordered: list[_Shape] = []
    while remaining:
        pick = next((s for s in remaining if not any(_precedes(o, s) for o in remaining if o is not s)), remaining[0])
        if remaining[0].placeholder in _TITLES:
            pick = remaining[0]
        remaining.remove(pick)
        ordered.append(pick)
    return ordered


def _children(element: Element) -> list[Element]:
    """Children, with markup-compatibility alternatives replaced by the content of their first choice."""
    out: list[Element] = []
    for child in element:
        if child.tag == MC + "AlternateContent":
            choice = child.find(MC + "Choice")
            if choice is None:
                choice = child.find(MC + "Fallback")
            if choice is not None:
                out.extend(_children(choice))
        else:
            out.append(child)
    return out
