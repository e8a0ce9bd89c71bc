"""Rows of a table at a page's foot or top, too few to be a table alone: its first or last rows.

    Table 1: Pressure and temperature
    Station    Mean    Min    Max    Days      <- the last lines of the page's text: one or two
    Island     13.8      5     21     339         rows of three cells or more, only notes and
    ─────────                                     the page number under them
    ¹ Map of the stations ...
    ══════════════════ page break ══════════════════
    Harbour     4.1     -2     15     349      <- a table in the same columns opens the next page
    South       0.9     -3     15     343

A borderless table needs MIN_ROWS rows (``aligned.py``); a page break can leave fewer above it.
Such rows become a TABLE block marked ``attrs['foot_rows']``: the document stage
(``continued.py``) joins it to a table in the same columns that opens the next page, and
makes it a paragraph again where none does (the decision recorded in ``reason``). The same
holds, mirrored, for one or two rows at the top of a page (``head_rows``: the last rows of
a table that ends the page before).

Cost per page: one segmentation of the page's text left outside the regions found, on pages
that hold a wide gap (``alignment``) or a "Table N" caption.
"""

from __future__ import annotations

from ...model import BBox, Block, Glyph, RawPage
from ..math import has_math
from .cells import table_block
from .rules import GlyphIndex, _boxes_union
from .segments import _CAPTION, _LEADERS, PROSE_SEGMENT, SHORT_SEGMENT, Rows, Segment, _rows, _segments

#: a bold row with glyphs larger than this (em) is a heading's line, not a table's row
LARGEST_EM = 1.05
#: at most this many rows wait at a page's foot (three are a table of their own)
MAX_FOOT_ROWS = 2
#: a foot row holds at least this many cells (two would be any label and its value)
MIN_FOOT_CELLS = 3
#: rows further apart than this (em, bottom to top) are not rows of one table
ROW_GAP_EM = 1.6
#: text under the rows is notes (smaller than this share of the body size) or the page's furniture zone
NOTE_SIZE = 0.95
FURNITURE_ZONE = 0.9
#: a line whose foot is over this share of the page's height is its running head; over the
#: larger share, a line that is no row of cells is too (the body's first line starts lower)
HEAD_ZONE, HEAD_MARGIN = 0.075, 0.1


def find_edge_rows(raw: RawPage, em: float, found: list[Block], index: GlyphIndex | None = None) -> list[Block]:
    """TABLE blocks of the page's last rows of aligned cells (``foot_rows``) and of its first (``head_rows``)."""
    taken = [b.bbox for b in found]
    index = index or GlyphIndex(raw.glyphs)
    glyphs = index.outside([g for g in raw.glyphs if g.text.strip()], taken)  # found regions hold no edge rows
    rows = _rows(_segments(glyphs, em))
    bold = {i for i, f in enumerate(raw.fonts) if f.bold}
    while rows and not _foot_row(rows[-1], em, bold) and _edge_matter(rows[-1], em, raw.height, top=False):
        rows.pop()  # notes and furniture under the rows (a table's rows may be set small too)
    while rows and (
        _edge_matter(rows[0], em, raw.height, top=True)
        or (not _foot_row(rows[0], em, bold) and _over(rows[0], raw.height))
    ):
        rows.pop(0)  # the running head over them
    blocks = []
    above_found = min((box.y0 for box in taken), default=raw.height)
    head = _edge_rows(rows, em, bold)
    if head and max(s.box.y1 for s in head[-1]) < above_found and all(_has_number(row) for row in head):
        reason = "aligned rows at the top of a page: a table going on from the last"
        blocks.append(_fragment(raw, head, em, "head_rows", reason, index))
    below_found = max((box.y1 for box in taken), default=0.0)
    foot = _edge_rows(rows[::-1], em, bold)[::-1]
    if (
        foot
        and min(s.box.y0 for s in foot[0]) > below_found
        and not any(row in head for row in foot)
        and (any(_has_number(row) for row in foot) or _under_caption(rows, foot[0]))
    ):
        reason = "aligned rows at the foot of a page: a table going on overleaf"
        blocks.append(_fragment(raw, foot, em, "foot_rows", reason, index))  # (rows alone on their page: the head's)
    return [b for b in blocks if b is not None]


def _fragment(raw: RawPage, body: Rows, em: float, mark: str, reason: str, index: GlyphIndex | None) -> Block | None:
    box = _boxes_union([s.box for row in body for s in row])
    box = BBox(box.x0 - 0.5, box.y0 - 0.5, box.x1 + 0.5, box.y1 + 0.5)
    if has_math([g for row in body for s in row for g in s.glyphs], raw.fonts):
        return None  # an equation and its number: the displays' search decides
    block = table_block(raw, box, [], [], em, index=index)
    if block is None or block.attrs["cols"] != len(body[0]):
        return None
    block.attrs.update({"ruled": False, "rules": "none", mark: True})
    block.reason = reason
    return block


def _edge_matter(row: list[Segment], em: float, height: float, top: bool) -> bool:
    """Notes in a smaller size, or the running head, foot and page number in the page's top or bottom zone."""
    glyphs: list[Glyph] = [g for s in row for g in s.glyphs if g.text.strip()]
    if top:
        return max(g.y1 for g in glyphs) < HEAD_ZONE * height
    return max(g.size for g in glyphs) < NOTE_SIZE * em or min(g.y0 for g in glyphs) > FURNITURE_ZONE * height


def _has_number(row: list[Segment]) -> bool:
    """A row of data: a number in one of its cells (a table's last rows, one of its first two)."""
    return any(s.numeric for s in row)


def _under_caption(rows: Rows, first: list[Segment]) -> bool:
    """A header row alone at the foot needs its "Table N" caption right above it."""
    k = next(i for i, row in enumerate(rows) if row is first)
    return k > 0 and bool(_CAPTION.match(rows[k - 1][0].text))


def _over(row: list[Segment], height: float) -> bool:
    return max(s.box.y1 for s in row) < HEAD_MARGIN * height


def _edge_rows(rows: Rows, em: float, bold: set[int]) -> Rows:
    """The page's first one or two rows (its last, ``rows`` reversed), each of the same count of short cells,
    next to a row that is none."""
    body: Rows = []
    for row in rows:
        if not _foot_row(row, em, bold) or (body and len(row) != len(body[0])):
            break
        gap = (
            max(
                min(s.box.y0 for s in body[-1]) - max(s.box.y1 for s in row),
                min(s.box.y0 for s in row) - max(s.box.y1 for s in body[-1]),
            )
            if body
            else 0.0
        )
        if gap > ROW_GAP_EM * em:
            break
        body.append(row)
        if len(body) > MAX_FOOT_ROWS:
            return []  # a table of its own: aligned.py's
    return body


def _foot_row(row: list[Segment], em: float, bold: set[int]) -> bool:
    """Three short cells or more, not a heading's line (larger than the body and bold: two columns'
    numbered headings side by side)."""
    glyphs = [g for s in row for g in s.glyphs if g.text.strip()]
    heading = max(g.size for g in glyphs) > LARGEST_EM * em and 2 * sum(g.font in bold for g in glyphs) > len(glyphs)
    return (
        len(row) >= MIN_FOOT_CELLS
        and not heading
        and all(len(s.text) <= SHORT_SEGMENT for s in row)
        and not any(len(s.text) >= PROSE_SEGMENT or _LEADERS.search(s.text) for s in row)
    )
