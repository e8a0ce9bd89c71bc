"""Building a ``Document`` from a format whose structure is exact (DOCX, PPTX, XLSX, CSV, HTML, EPUB).

Such a reader skips the geometry stages: it knows which paragraph is a heading, a
list item or a table cell, so it makes the blocks itself. Blocks have no boxes
(``NO_BOX``; the JSON leaves the box out) and each has one ``Line`` holding its
plain text and its Markdown. A "page" is what the format has: a slide, a sheet,
a chapter, or the whole document.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field
from typing import Any

from ..model import NO_BOX, Block, BlockKind, Document, Layer, Line, Page
from ..options import Options, parse_page_ranges

#: a picture larger than this (pixels) is linked by its alt text only, not decoded
MAX_IMAGE_PIXELS = 40_000_000
_SPACES = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Runs of white space as one space, ends trimmed."""
    return _SPACES.sub(" ", text).strip()


@dataclass
class Cell:
    """A table cell as a reader finds it; ``rowspan``/``colspan`` 1 unless merged."""

    text: str
    markdown: str
    rowspan: int = 1
    colspan: int = 1


@dataclass
class NativeDocument:
    """Collects blocks page by page, then gives the ``Document``."""

    source: str
    options: Options
    pages: list[Page] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    figures: int = 0

    def new_page(self) -> Page:
        page = Page(len(self.pages) + 1, 0.0, 0.0, 0, [], origin="native")
        self.pages.append(page)
        return page

    @property
    def page(self) -> Page:
        return self.pages[-1] if self.pages else self.new_page()

    def add(
        self,
        kind: BlockKind,
        text: str,
        markdown: str | None = None,
        layer: Layer = Layer.BODY,
        reason: str = "",
        **attrs: Any,
    ) -> Block | None:
        """A block of one line; nothing for empty text (except tables, figures, equations)."""
        text = text.strip()
        markdown = text if markdown is None else markdown.strip()
        if not text and kind not in (BlockKind.TABLE, BlockKind.FIGURE, BlockKind.EQUATION):
            return None
        page = self.page
        block = Block(kind, page.number, NO_BOX, [Line(text, markdown, NO_BOX, 0.0)], attrs, layer, reason)
        page.blocks.append(block)
        return block

    def code(self, text: str, layer: Layer = Layer.BODY, reason: str = "", after: Block | None = None) -> Block | None:
        """A code block: one line per source line, indentation kept; ``after``, the code block
        just before (one paragraph per line, as LibreOffice writes code), is extended instead."""
        rows = text.strip("\n").split("\n")
        if not any(row.strip() for row in rows):
            return after
        rows = [row.expandtabs(4).rstrip() for row in rows]
        indents = [len(row) - len(row.lstrip(" ")) for row in rows]
        lines = [Line(row.lstrip(" "), row.lstrip(" "), NO_BOX, 0.0, mono=True) for row in rows]
        page = self.page
        if after is not None and page.blocks and page.blocks[-1] is after:
            after.lines.extend(lines)
            after.attrs["indents"].extend(indents)
            after.attrs["blank_lines"].extend([0] * len(rows))
            return after
        attrs = {"indents": indents, "blank_lines": [0] * len(rows)}
        block = Block(BlockKind.CODE, page.number, NO_BOX, lines, attrs, layer, reason)
        page.blocks.append(block)
        return block

    def table(self, rows: list[list[Cell]], header_rows: int = 1, layer: Layer = Layer.BODY) -> Block | None:
        """A table from rows of cells; merged cells are placed on the grid as HTML would."""
        cells: list[dict[str, Any]] = []
        taken: set[tuple[int, int]] = set()
        for r, row in enumerate(rows):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                entry: dict[str, Any] = {"row": r, "col": c, "text": cell.text, "markdown": cell.markdown}
                if cell.rowspan > 1:
                    entry["rowspan"] = min(cell.rowspan, len(rows) - r)
                if cell.colspan > 1:
                    entry["colspan"] = cell.colspan
                cells.append(entry)
                for dr in range(entry.get("rowspan", 1)):
                    for dc in range(cell.colspan):
                        taken.add((r + dr, c + dc))
                c += cell.colspan
        if not cells or not any(cell["text"] for cell in cells):
            return None
        cols = max(col for _, col in taken) + 1
        text = " ".join(cell["text"] for cell in cells if cell["text"])
        return self.add(
            BlockKind.TABLE,
            text,
            layer=layer,
            cells=cells,
            rows=len(rows),
            cols=cols,
            header_rows=min(header_rows, len(rows)),
        )

    def figure(self, alt: str, data: bytes | None = None, link: str | None = None) -> Block | None:
        """A picture with its alt text; its pixels saved as PNG (``Options.images``), or a link to it."""
        attrs: dict[str, Any] = {"caption": squeeze(alt) or "Figure"}
        png = to_png(data) if data and self.options.images else None
        if png:
            self.figures += 1
            attrs["image"] = f"{images_folder(self.source)}/page{self.page.number}-figure{self.figures}.png"
        elif link and not link.lower().startswith(("javascript:", "data:")):
            attrs["image"] = link  # linked, never fetched
        block = self.add(BlockKind.FIGURE, squeeze(alt), **attrs)
        if block is not None:
            block.image = png
        return block

    def document(self) -> Document:
        pages = self.pages or [Page(1, 0.0, 0.0, 0, [], origin="native")]
        count = len(pages)
        if self.options.pages:
            wanted = {index + 1 for index in parse_page_ranges(self.options.pages, count)}
            pages = [page for page in pages if page.number in wanted]
        return Document(self.source, pages, count, self.metadata, errors=self.errors)


def images_folder(source: str) -> str:
    """Where a document's pictures are saved, next to its Markdown: ``report.docx`` -> ``report_docx_images``
    (the ending kept, so that report.docx and report.pdf, side by side, keep their pictures apart)."""
    name = os.path.basename(source) or "document"
    return name.replace(".", "_") + "_images"


def to_png(data: bytes) -> bytes | None:
    """Any picture Pillow reads, as PNG; None for what it cannot read or what is too large."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                return None
            out = io.BytesIO()
            image.convert("RGBA" if "A" in image.getbands() else "RGB").save(out, format="PNG")
            return out.getvalue()
    except Exception:  # noqa: BLE001 - a picture that cannot be decoded (EMF, SVG, broken) keeps its alt text
        return None


def inline(text: str, bold: bool = False, italic: bool = False, code: bool = False, link: str | None = None) -> str:
    """Markdown of one run of text with its styles, spaces kept outside the marks."""
    core = text.strip()
    if not core:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    if code:
        fence = "``" if "`" in core else "`"
        core = f"{fence}{core}{fence}"
    else:
        if italic:
            core = f"*{core}*"
        if bold:
            core = f"**{core}**"
    if link:
        core = f"[{core}]({link.replace(' ', '%20').replace(')', '%29')})"
    return lead + core + trail
