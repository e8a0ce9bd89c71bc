"""The document model every stage reads and writes.

Coordinates are PDF points with the origin at the top-left of the page as it is
displayed (rotation applied); they are converted once, in the engine.

A page goes through three shapes:

    Glyph (engine output: one character, or one OCR word)
      -> Line (glyphs of one baseline, spaces decided, inline Markdown rendered)
        -> Block (lines of one paragraph, heading, list item, ...)

Blocks are never deleted: running headers become ``Layer.FURNITURE`` with a
``reason``, so every Markdown line can be traced back to a page and a box.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Any, Literal, NamedTuple


class BBox(NamedTuple):
    """A box in page points, top-left origin: x0 < x1, y0 (top) < y1 (bottom)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def union(self, other: BBox) -> BBox:
        return BBox(min(self.x0, other.x0), min(self.y0, other.y0), max(self.x1, other.x1), max(self.y1, other.y1))

    def rounded(self) -> list[float]:
        return [round(v, 1) for v in self]


#: the box of a block from a format without geometry (DOCX, HTML, ...): the JSON leaves it out
NO_BOX = BBox(0.0, 0.0, 0.0, 0.0)

#: where a page's blocks came from: a PDF's text layer, OCR of pixels, or a format whose
#: structure is read directly (DOCX, PPTX, XLSX, CSV, HTML, EPUB: readers/; no boxes)
Origin = Literal["pdf", "ocr", "native"]


def union_all(boxes: list[BBox]) -> BBox:
    """The smallest box holding all ``boxes`` (which must not be empty)."""
    return BBox(min(b.x0 for b in boxes), min(b.y0 for b in boxes), max(b.x1 for b in boxes), max(b.y1 for b in boxes))


@dataclass(frozen=True, slots=True)
class Font:
    """A font as the PDF names it, with the style flags we derive from it."""

    name: str
    bold: bool = False
    italic: bool = False
    mono: bool = False
    #: text render mode 3: drawn invisibly (usually an OCR layer under a scan)
    invisible: bool = False
    #: PDFium found no Unicode map for this font (FPDFText_HasUnicodeMapError): its text is guesswork
    unmapped: bool = False
    #: descent below the baseline per point of size (negative): baseline = glyph.y1 + descent * size
    descent: float = 0.0


class Glyph(NamedTuple):
    """One character from the text layer, or one word from OCR.

    ``size`` is the font size in points; ``font`` indexes ``RawPage.fonts``.
    ``link`` is the URI of a link annotation covering the glyph, if any; ``confidence`` is the
    OCR engine's in the word (0-100), 100 for the text layer's glyphs; ``underlined``: a rule
    underlines the OCR'd line the word is in.
    """

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    font: int
    link: str | None = None
    confidence: float = 100.0
    #: an OCR'd word of a line underlined on the page (engines/render.py: underlines)
    underlined: bool = False


class Drawing(NamedTuple):
    """A vector drawing of the page (display coordinates, points).

    ``kind``: "hline" / "vline" (a rule: a stroked line or a thin filled box),
    "rect" (an axis-aligned box), "shape" (anything else), "form" (a whole
    embedded drawing, e.g. an included PDF figure).
    """

    x0: float
    y0: float
    x1: float
    y1: float
    kind: str
    filled: bool = False
    stroked: bool = False


class Picture(NamedTuple):
    """An image placed on the page: its box in points and its size in pixels."""

    x0: float
    y0: float
    x1: float
    y1: float
    pixel_width: int = 0
    pixel_height: int = 0


@dataclass(slots=True)
class RawPage:
    """What an engine hands to the pipeline for one page."""

    number: int  # 1-based
    width: float
    height: float
    rotation: int
    glyphs: list[Glyph]
    fonts: list[Font]
    origin: Origin = "pdf"
    #: vector drawings and images (engines/pdf_objects.py); empty when the page has none
    drawings: list[Drawing] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    #: degrees the engine turned the page on top of its /Rotate to set sideways text upright (0: none)
    turned: int = 0
    #: lines of text set at a quarter turn, one glyph each (engines/sideways.py): read in table cells only
    sideways: list[Glyph] = field(default_factory=list)


@dataclass(slots=True)
class Line:
    """Glyphs on one baseline, in reading order, with spaces decided.

    ``text`` is plain text; ``markdown`` has inline bold/italic/code/links.
    ``size`` is the dominant font size; ``bold``/``italic``/``mono`` are true
    when most of the line's characters have that style.
    """

    text: str
    markdown: str
    bbox: BBox
    size: float
    bold: bool = False
    italic: bool = False
    mono: bool = False
    rtl: bool = False
    hyphenated: bool = False  # ends with a line-break hyphen that joins a word
    #: the OCR engine's mean confidence in the line's words (0-100); 100 for a text layer's line
    confidence: float = 100.0
    #: a rule on the scan underlines the whole line (a typed heading's only mark)
    underlined: bool = False


class BlockKind(enum.StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    CODE = "code"
    TABLE = "table"
    EQUATION = "equation"
    FIGURE = "figure"
    CAPTION = "caption"
    FOOTNOTE = "footnote"
    PAGE_HEADER = "page_header"
    PAGE_FOOTER = "page_footer"


class Layer(enum.StrEnum):
    BODY = "body"
    FURNITURE = "furniture"


@dataclass(slots=True)
class Block:
    """A unit of the output: one paragraph, heading, list item, code block, ...

    ``attrs`` holds kind-specific facts: ``level`` for headings, ``depth`` and
    ``marker`` for list items, ``continued`` for paragraphs joined across a
    column or page break.
    """

    kind: BlockKind
    page: int
    bbox: BBox
    lines: list[Line]
    attrs: dict[str, Any] = field(default_factory=dict)
    layer: Layer = Layer.BODY
    reason: str = ""
    #: a figure's pixels as PNG (saved next to the Markdown; not in the JSON)
    image: bytes | None = None

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def size(self) -> float:
        """Font size of the block, weighted by characters."""
        total = sum(len(line.text) for line in self.lines) or 1
        return sum(line.size * len(line.text) for line in self.lines) / total

    @property
    def bold(self) -> bool:
        return all(line.bold for line in self.lines)


@dataclass(slots=True)
class Page:
    """One page after the per-page stages: blocks in reading order."""

    number: int
    width: float
    height: float
    rotation: int
    blocks: list[Block]
    origin: Origin = "pdf"
    text_quality: dict[str, Any] = field(default_factory=dict)
    #: ISO 639 code of the page's language (engines/language.py); None when too little text
    language: str | None = None
    #: glyphs with no character to show (U+FFFD, private use, control codes) left out of the text
    dropped_glyphs: int = 0


@dataclass(slots=True)
class FontStats:
    """Characters counted per (rounded size, bold) over the whole document."""

    chars: dict[tuple[float, bool], int] = field(default_factory=dict)

    def add(self, size: float, bold: bool, count: int) -> None:
        key = (round(size * 2) / 2, bold)
        self.chars[key] = self.chars.get(key, 0) + count

    def body_size(self) -> float:
        """The size most characters are set in: the body text."""
        if not self.chars:
            return 10.0
        by_size: dict[float, int] = {}
        for (size, _), count in self.chars.items():
            by_size[size] = by_size.get(size, 0) + count
        return max(by_size.items(), key=lambda kv: kv[1])[0]


@dataclass(slots=True)
class Document:
    """The whole converted document."""

    source: str
    pages: list[Page]
    page_count: int
    metadata: dict[str, str] = field(default_factory=dict)
    font_stats: FontStats = field(default_factory=FontStats)
    errors: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    #: the language most characters are in (ISO 639), and pages per language
    language: str | None = None
    languages: dict[str, int] = field(default_factory=dict)

    def blocks(self) -> list[Block]:
        return [block for page in self.pages for block in page.blocks]


def release_line_boxes(blocks: list[Block]) -> None:
    """Give every line its block's box once the per-page stages are done with line geometry.

    A 1,000-page book keeps ~45,000 lines for the document stages, which need
    their text and style but not their boxes; sharing the block's box frees
    ~8 MB and keeps peak memory flat in document length. Blocks keep their boxes.
    """
    for block in blocks:
        for index, line in enumerate(block.lines):
            if line.bbox is not block.bbox:
                block.lines[index] = replace(line, bbox=block.bbox)
