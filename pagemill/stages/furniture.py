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

Two rules reach past the candidates: a block set on the row of a page header or footer goes
with it (a site's name at the left, its navigation at the right; "2 TOOLS ..... 4"), and a
one-line copyright notice in small print below all the text of its page is furniture (a web
page's site footer, printed once after the article, wherever the article ends).

Where the rules guess (a text that comes back on two pages, a number that could be a page
number, a block on a header's row), a block the role model is sure is body text (a footnote,
a list item, a caption, a paragraph) stays in the body: a body line is never dropped on a guess.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

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

#: a copyright notice: "© 2024 Coastal Survey Office", "(c) 2019 ...", "Copyright 2020 ..."
_COPYRIGHT = re.compile(r"^\W{0,3}(?:©|\(c\)\s*\d|copyright\b)", re.IGNORECASE)
#: a notice in small print is set at most this share of the body size
SMALL_PRINT = 0.95

#: paragraphs this long that two pages share word for word make one a copy of the other (``_copies``)
COPY_TEXT = 80

Key = tuple[str, str, float]
#: where a text stood: its page's number and the numbers in it ("2 Title" on page 2: (2, (2,)))
Place = tuple[int, tuple[int, ...]]


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
    seen: dict[Key, list[Place]] = defaultdict(list)
    for page, edge, block in candidates:
        if (key := _key(edge, block))[1]:
            seen[key].append(_place(page, block))
    many = 2 if len(document.pages) < 6 else 3
    copy_of = _copies(document.pages)
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
        elif _model_says_body(block):
            continue  # a footnote or list item that happens to come back, numbered like the pages
        elif key[1] and (count := _repeats(key, _place(page, block), seen, copy_of)) >= many and len(block.text) < 200:
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
        _mark_copyright_notice(page, body)
        _mark_row_mates(page)


def _model_says_furniture(block: Block) -> bool:
    """The role model (stages/roles.py) is sure this edge block is furniture: a letterhead, a site's header."""
    return roles.model_on() and block.attrs.get("role") == "furniture" and block.attrs.get("role_p", 0) >= roles.SURE


def _place(page: Page, block: Block) -> Place:
    return page.number, tuple(int(n) for n in re.findall(r"\d{1,9}", block.text))


def _model_says_body(block: Block) -> bool:
    """The role model is sure this block is text of the body: the guesses below (a text that comes
    back on two pages, a number that runs with the pages) give way to it."""
    role = block.attrs.get("role")
    return roles.model_on() and role in _BODY_ROLES and block.attrs.get("role_p", 0) >= roles.SURE


_BODY_ROLES = ("paragraph", "list_item", "caption", "footnote")


def _repeats(key: Key, place: Place, seen: dict[Key, list[Place]], copy_of: dict[int, int]) -> int:
    """Pages with this text at this edge, counting a head split in two ("Coastal measurements" |
    "Technical report 7") as the same as the whole: one text starting the other. Copies of one
    page (``_copies``) count once: their every text comes back, the title as much as the body.

    Sizes match within ``SAME_SIZE``: a scanned page's sizes are measured, a few percent apart.
    The digits are taken out of the texts, but a number that differs between two of them must
    differ as their pages do, as a page number does ("2 Title" on page 2, "Title 3" on page 3):
    "Table 3: Grants" and "Table 4: Grants", footnotes 5 and 12 on pages 2 and 5 are not one text.
    """
    edge, words, size = key
    several = len(words.split()) >= 2

    def same_text(other: str) -> bool:
        if other == words:
            return True
        return several and len(other.split()) >= 2 and (other.startswith(words) or words.startswith(other))

    def same_numbers(other: Place) -> bool:
        return all(n == m or n - m == place[0] - other[0] for n, m in zip(place[1], other[1], strict=False))

    return len(
        {
            copy_of.get(other[0], other[0])
            for (other_edge, other_words, other_size), places in seen.items()
            if other_edge == edge
            and abs(other_size - size) <= SAME_SIZE * max(size, other_size)
            and same_text(other_words)
            for other in places
            if same_numbers(other)
        }
    )


def _copies(pages: list[Page]) -> dict[int, int]:
    """Pages that repeat an earlier page, by number, to that page's: at least half of their
    paragraphs (``COPY_TEXT`` characters or more, which no two pages of a book share) stand on it
    word for word. A page scanned twice, a form printed in four orientations (ocrmypdf's
    cardinal.pdf): the title atop each copy is not a running head."""
    where: dict[str, int] = {}
    copy_of: dict[int, int] = {}
    for page in pages:
        texts = {b.text for b in page.blocks if b.layer is Layer.BODY and len(b.text) >= COPY_TEXT}
        found = Counter(where[text] for text in texts if text in where)
        if texts and found and 2 * found.most_common(1)[0][1] >= len(texts):
            original = found.most_common(1)[0][0]
            copy_of[page.number] = copy_of.get(original, original)
        for text in texts:
            where.setdefault(text, page.number)
    return copy_of


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


def _mark_row_mates(page: Page) -> None:
    """Blocks in the outer BAND set on the row of a page header or footer go with it: a running head
    beside its page number ("2 TOOLS ........ 4"), a site's navigation beside the site's name.

    On the row: the boxes overlap by half the height of the shorter one at least.
    """
    marked = [b for b in page.blocks if b.kind in (BlockKind.PAGE_HEADER, BlockKind.PAGE_FOOTER)]
    marked = [b for b in marked if b.layer is Layer.FURNITURE and _in_band(b, page)]
    for block in page.blocks:
        if block.layer is not Layer.BODY or len(block.lines) > MAX_LINES or not _in_band(block, page):
            continue
        if _model_says_body(block):
            continue  # a footnote in one column beside a footer in the other
        mate = next((f for f in marked if _same_row(block, f)), None)
        if mate is not None:
            edge = "top" if mate.kind is BlockKind.PAGE_HEADER else "bottom"
            what = "page number" if mate.reason == "page number" else f"page {'header' if edge == 'top' else 'footer'}"
            _mark(block, edge, f"on the row of the {what}")


def _in_band(block: Block, page: Page) -> bool:
    return block.bbox.y1 <= BAND * page.height or block.bbox.y0 >= (1 - BAND) * page.height


def _same_row(a: Block, b: Block) -> bool:
    overlap = min(a.bbox.y1, b.bbox.y1) - max(a.bbox.y0, b.bbox.y0)
    return overlap >= 0.5 * min(a.bbox.height, b.bbox.height)


def _mark_copyright_notice(page: Page, body: float) -> None:
    """A one-line copyright notice in small print, below all the other text of its page: a site's
    footer printed after the article ("© 2024 Coastal Survey Office · Contact · Privacy")."""
    blocks = [b for b in page.blocks if b.layer is Layer.BODY]
    if len(blocks) < 2:
        return  # the only text of its page is content: a book's copyright page
    lowest = max(blocks, key=lambda b: b.bbox.y1)
    if (
        len(lowest.lines) == 1
        and lowest.size <= SMALL_PRINT * body
        and _COPYRIGHT.match(lowest.text)
        and all(b is lowest or b.bbox.y1 <= lowest.bbox.y0 for b in blocks)
    ):
        _mark(lowest, "bottom", "copyright notice below the text")


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
