"""Rows of a table at the foot of a page, too few to be a table alone: its first rows, going on overleaf.

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
makes it a paragraph again where none does (the decision recorded in ``reason``).

Cost per page: one pass over the segments of the page's last lines, on pages that hold a
wide gap (``has_alignment``) or a "Table N" caption.
"""

from __future__ import annotations

from ...model import BBox, Block, Glyph, RawPage
from ..math import has_math
from .cells import table_block
from .rules import _boxes_union, _center_in
from .segments import _LEADERS, PROSE_SEGMENT, SHORT_SEGMENT, Rows, Segment, _rows, _segments

#: at most this many rows wait at a page's foot (three are a table of their own)
MAX_FOOT_ROWS = 2
#: a foot row holds at least this many cells (two would be any label and its value)
MIN_FOOT_CELLS = 3
#: rows further apart than this (em, bottom to top) are not rows of one table
ROW_GAP_EM = 1.6
#: text under the rows is notes (smaller than this share of the body size) or the page's furniture zone
NOTE_SIZE = 0.95
FURNITURE_ZONE = 0.9


def find_foot_rows(raw: RawPage, em: float, found: list[Block]) -> Block | None:
    """A TABLE block of the page's last rows of aligned cells, marked ``foot_rows``; None if there are none."""
    taken = [b.bbox for b in found]
    glyphs = [g for g in raw.glyphs if g.text.strip() and not any(_center_in(g, box) for box in taken)]
    below_found = max((box.y1 for box in taken), default=0.0)
    rows = [row for row in _rows(_segments(glyphs, em)) if not _foot_matter(row, em, raw.height)]
    if not rows or min(s.box.y0 for s in rows[-1]) < below_found:
        return None
    body = _last_rows(rows, em)
    if not body:
        return None
    box = _boxes_union([s.box for row in body for s in row])
    box = BBox(box.x0 - 0.5, box.y0 - 0.5, box.x1 + 0.5, box.y1 + 0.5)
    if has_math([g for row in body for s in row for g in s.glyphs], raw.fonts):
        return None  # an equation and its number: the displays' search decides
    block = table_block(raw, box, [], [], em)
    if block is None or block.attrs["cols"] != len(body[0]):
        return None
    block.attrs.update(ruled=False, rules="none", foot_rows=True)
    block.reason = "aligned rows at the foot of a page: a table going on overleaf"
    return block


def _foot_matter(row: list[Segment], em: float, height: float) -> bool:
    """Notes in a smaller size, or the page number and running foot in the page's bottom zone."""
    glyphs: list[Glyph] = [g for s in row for g in s.glyphs if g.text.strip()]
    return max(g.size for g in glyphs) < NOTE_SIZE * em or min(g.y0 for g in glyphs) > FURNITURE_ZONE * height


def _last_rows(rows: Rows, em: float) -> Rows:
    """The last one or two rows of the page, each of the same count of short cells, under a row that is none."""
    body: Rows = []
    for row in reversed(rows):
        if not _foot_row(row) or (body and len(row) != len(body[0])):
            break
        if body and min(s.box.y0 for s in body[0]) - max(s.box.y1 for s in row) > ROW_GAP_EM * em:
            break
        body.insert(0, row)
        if len(body) > MAX_FOOT_ROWS:
            return []  # a table of its own: aligned.py's
    return body


def _foot_row(row: list[Segment]) -> bool:
    return (
        len(row) >= MIN_FOOT_CELLS
        and all(len(s.text) <= SHORT_SEGMENT for s in row)
        and not any(len(s.text) >= PROSE_SEGMENT or _LEADERS.search(s.text) for s in row)
    )
