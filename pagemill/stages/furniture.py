"""Page furniture: running headers, footers and page numbers.

A block is furniture when it sits in the top or bottom band of its page and
either looks like a page number, or its text (digits masked) comes back in the
same band on other pages. Furniture is kept, marked with the reason, and left
out of the Markdown.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Block, BlockKind, Document, Layer, Page

#: the top and bottom bands where furniture lives, as a fraction of the page height
BAND = 0.12
#: the candidates examined per band, nearest the edge first
PER_BAND = 3
_PAGE_NUMBER = re.compile(
    r"^[\s\-–—|]*(?:page|seite|p\.|стр\.|página)?\s*(?:\d{1,5}|[ivxlcdm]{1,7})(?:\s*(?:/|of|von|из)\s*\d{1,5})?[\s\-–—|]*$",
    re.IGNORECASE,
)


def _masked(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _bands(page: Page) -> list[tuple[str, Block]]:
    """Candidate blocks with their band name ("top" / "bottom")."""
    body = [b for b in page.blocks if b.layer is Layer.BODY]
    top = sorted((b for b in body if b.bbox.y1 <= BAND * page.height), key=lambda b: b.bbox.y0)
    bottom = sorted((b for b in body if b.bbox.y0 >= (1 - BAND) * page.height), key=lambda b: -b.bbox.y1)
    return [("top", b) for b in top[:PER_BAND]] + [("bottom", b) for b in bottom[:PER_BAND]]


def mark_furniture(document: Document) -> None:
    candidates = [(page, band, block) for page in document.pages for band, block in _bands(page)]
    seen = Counter((band, _masked(block.text)) for _, band, block in candidates)
    many = 2 if len(document.pages) < 6 else 3
    for _page, band, block in candidates:
        kind = BlockKind.PAGE_HEADER if band == "top" else BlockKind.PAGE_FOOTER
        if _PAGE_NUMBER.match(block.text):
            reason = "page number"
        elif seen[(band, _masked(block.text))] >= many and len(block.text) < 200:
            reason = f"repeated in the {band} margin on {seen[(band, _masked(block.text))]} pages"
        else:
            continue
        block.kind = kind
        block.layer = Layer.FURNITURE
        block.reason = reason
