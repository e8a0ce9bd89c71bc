"""Page furniture: running headers, footers and page numbers.

Candidates are the blocks nearest the top and the bottom edge of a page (in
the outer quarter of its height, at most two lines). A candidate is furniture
when it reads as a page number, or when its text with the digits taken out
comes back, at the same edge and the same size, on other pages: running heads
alternate "2 Title" and "Title 3" between even and odd pages, both give
"title". Furniture is kept, marked with the reason, and left out of the
Markdown; the size in the key keeps a title page's large title from matching
the small running head that repeats it.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Block, BlockKind, Document, Layer, Page

#: candidates lie in the outer part of the page: this fraction of its height at top and bottom
BAND = 0.25
#: the candidates examined at each edge, nearest the edge first
PER_EDGE = 2
INNER_BAND = 0.12
MAX_LINES = 2
_PAGE_NUMBER = re.compile(
    r"^[\s\-–—|]*(?:page|seite|p\.|стр\.|página)?\s*(?:\d{1,5}|[ivxlcdm]{1,7})"
    r"(?:\s*(?:/|of|von|из)\s*\d{1,5})?[\s\-–—|]*$",
    re.IGNORECASE,
)

Key = tuple[str, str, float]


def _key(edge: str, block: Block) -> Key:
    words = re.sub(r"\d+", " ", block.text.lower()).split()
    return edge, " ".join(words), round(block.size)


def _candidates(page: Page) -> list[tuple[str, Block]]:
    """Blocks at the top and bottom edge of a page, nearest the edge first.

    The block nearest an edge may lie anywhere in the outer BAND (generous
    margins); a second one only in the outer INNER_BAND, so that the first
    paragraph under a running head is not taken for a second head.
    """
    body = [b for b in page.blocks if b.layer is Layer.BODY and len(b.lines) <= MAX_LINES]
    top = sorted((b for b in body if b.bbox.y1 <= BAND * page.height), key=lambda b: b.bbox.y0)
    bottom = sorted((b for b in body if b.bbox.y0 >= (1 - BAND) * page.height), key=lambda b: -b.bbox.y1)
    top = top[:1] + [b for b in top[1:PER_EDGE] if b.bbox.y1 <= INNER_BAND * page.height]
    bottom = bottom[:1] + [b for b in bottom[1:PER_EDGE] if b.bbox.y0 >= (1 - INNER_BAND) * page.height]
    return [("top", b) for b in top] + [("bottom", b) for b in bottom]


def mark_furniture(document: Document) -> None:
    candidates = [(page, edge, block) for page in document.pages for edge, block in _candidates(page)]
    seen = Counter(_key(edge, block) for _, edge, block in candidates if _key(edge, block)[1])
    many = 2 if len(document.pages) < 6 else 3
    alone = {id(page) for page in document.pages if sum(b.layer is Layer.BODY for b in page.blocks) < 2}
    for page, edge, block in candidates:
        key = _key(edge, block)
        if _PAGE_NUMBER.match(block.text):
            reason = "page number"
        elif key[1] and seen[key] >= many and len(block.text) < 200 and id(page) not in alone:
            # (the only text of its page is content, however often it repeats: slides, forms)
            reason = f"repeated at the {edge} of {seen[key]} pages"
        else:
            continue
        block.kind = BlockKind.PAGE_HEADER if edge == "top" else BlockKind.PAGE_FOOTER
        block.layer = Layer.FURNITURE
        block.reason = reason
