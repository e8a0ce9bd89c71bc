"""Page furniture: running headers, footers and page numbers.

Candidates are the blocks nearest the top and the bottom edge of a page (in
the outer quarter of its height, at most two lines). A candidate is furniture
when it reads as a page number, or when its text with the digits taken out
comes back, at the same edge and the same size, on other pages: running heads
alternate "2 Title" and "Title 3" between even and odd pages, both give
"title". Furniture is kept, marked with the reason, and left out of the
Markdown; the size in the key keeps a title page's large title from matching
the small running head that repeats it. Where none of these rules holds, a candidate
the role model (stages/roles.py) is sure is furniture is furniture too: a letterhead on
a one-page letter, a web site's header and navigation.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Block, BlockKind, Document, Layer, Page
from . import roles

#: candidates lie in the outer part of the page: this fraction of its height at top and bottom
BAND = 0.25
#: the candidates examined at each edge, nearest the edge first
PER_EDGE = 2
INNER_BAND = 0.12
MAX_LINES = 2
#: repeated blocks match in size within this share (a title is far larger than a running head)
SAME_SIZE = 0.1
_PAGE_NUMBER = re.compile(
    r"^[\s\-–—|]*(?:page|seite|p\.|стр\.|página)?\s*(?:\d{1,5}|[ivxlcdm]{1,7})"
    r"(?:\s*(?:/|of|von|из)\s*\d{1,5})?[\s\-–—|]*$",
    re.IGNORECASE,
)

#: a printout's stamps stand in this outer share of the page, above and below the text
STAMP_BAND = 0.05
#: what a browser or a printer stamps on a printout's margin: the page's address, "1 of 9",
#: the date and time it was printed
_PRINT_STAMP = re.compile(
    r"https?://|www\.\w|\b\d{1,4}\s*(?:of|von|de|из)\s*\d{1,4}\b|"
    r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4},?\s+\d{1,2}:\d{2}\b",
    re.IGNORECASE,
)

Key = tuple[str, str, float]


def _key(edge: str, block: Block) -> Key:
    words = re.sub(r"\d+", " ", block.text.lower()).split()
    return edge, " ".join(words), round(block.size, 1)


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
    outermost = {id(block) for page in document.pages for block in _outermost(page)}
    # printed page number minus page index: constant over a run of pages, whether the number
    # stands alone or inside a running head; a head whose number fits the run is furniture
    offsets = Counter(
        number - page.number
        for page, _, block in candidates
        if id(block) in outermost and not _footnote(block) and (number := _folio(block.text, alone=True)) is not None
    )
    body = document.font_stats.body_size()
    alone = {id(page) for page in document.pages if sum(b.layer is Layer.BODY for b in page.blocks) < 2}
    for page, edge, block in candidates:
        key = _key(edge, block)
        folio = _folio(block.text)
        if _PAGE_NUMBER.match(block.text):
            reason = "page number"
        elif _in_margin(block, page) and len(block.lines) == 1 and _PRINT_STAMP.search(block.text):
            reason = "printout stamp (address, page count or time printed)"
        elif id(page) in alone:
            continue  # the only text of its page is content, however often it repeats: slides, forms
        elif _model_says_furniture(block):
            reason = f"the role model (p={block.attrs['role_p']})"
        elif key[1] and (count := _repeats(key, seen)) >= many and len(block.text) < 200:
            reason = f"repeated at the {edge} of {count} pages"
        elif (
            folio is not None
            and id(block) in outermost
            and _plain_small(block, body)
            and not _footnote(block)
            and offsets[folio - page.number] >= many
        ):
            reason = "running head with the page number"
        else:
            continue
        _mark(block, edge, reason)
    for page in document.pages:
        _mark_beside_folios(page)


def _model_says_furniture(block: Block) -> bool:
    """The role model (stages/roles.py) is sure this edge block is furniture: a letterhead, a site's header."""
    return roles.model_on() and block.attrs.get("role") == "furniture" and block.attrs.get("role_p", 0) >= roles.SURE


def _repeats(key: Key, seen: Counter[Key]) -> int:
    """Pages with this text at this edge, counting a head split in two ("Coastal measurements" |
    "Technical report 7") as the same as the whole: one text starting the other.

    Sizes match within ``SAME_SIZE``: a scanned page's sizes are measured, a few percent apart.
    """
    edge, words, size = key
    several = len(words.split()) >= 2

    def same_text(other: str) -> bool:
        if other == words:
            return True
        return several and len(other.split()) >= 2 and (other.startswith(words) or words.startswith(other))

    return sum(
        count
        for (other_edge, other, other_size), count in seen.items()
        if other_edge == edge and abs(other_size - size) <= SAME_SIZE * max(size, other_size) and same_text(other)
    )


def _footnote(block: Block) -> bool:
    """A block led by a raised mark: a footnote (numbered one per page, like a folio), never a running head."""
    return bool(block.lines) and block.lines[0].markdown.startswith("<sup>")


def _plain_small(block: Block, body: float) -> bool:
    """Set like a running head, not like a section heading ("3 Results" atop page 3)."""
    return not block.bold and block.size <= 1.05 * body


def _in_margin(block: Block, page: Page) -> bool:
    """In the outer STAMP_BAND of the page, where printers and browsers stamp their lines
    (a footnote with an address stands higher, at the foot of the text)."""
    return block.bbox.y1 <= STAMP_BAND * page.height or block.bbox.y0 >= (1 - STAMP_BAND) * page.height


def _outermost(page: Page) -> list[Block]:
    """The block nearest the top and the one nearest the bottom edge."""
    firsts: dict[str, Block] = {}
    for edge, block in _candidates(page):
        firsts.setdefault(edge, block)
    return list(firsts.values())


def _mark(block: Block, edge: str, reason: str) -> None:
    block.kind = BlockKind.PAGE_HEADER if edge == "top" else BlockKind.PAGE_FOOTER
    block.layer = Layer.FURNITURE
    block.reason = reason


def _mark_beside_folios(page: Page) -> None:
    """A running head set on the row of a page number ("2 TOOLS ........ 4") goes with it."""
    folios = [b for b in page.blocks if b.reason == "page number"]
    for edge, block in _candidates(page):
        if any(f.bbox.y0 < block.bbox.y1 and block.bbox.y0 < f.bbox.y1 for f in folios):
            _mark(block, edge, "running head beside the page number")


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def _folio(text: str, alone: bool = False) -> int | None:
    """The page number a running head starts or ends with ("ii PREFACE", "2.2 Pans 3"), if any.

    With ``alone``, a bare page number ("ii", "3") counts too.
    """
    words = text.split()
    if len(words) < (1 if alone else 2):
        return None
    for word in (words[0], words[-1]):
        if word.isdecimal() and len(word) <= 5:  # not isdigit(): "②".isdigit() is true and int("②") raises
            return int(word)
        if re.fullmatch(r"[ivxlcdm]{1,7}", word, re.IGNORECASE):
            return _roman(word.lower())
    return None


def _roman(word: str) -> int:
    values = [_ROMAN[c] for c in word]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
