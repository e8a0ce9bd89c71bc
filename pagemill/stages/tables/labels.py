"""Row labels set left of a ruled grid, outside its frame: the table's first column.

A spreadsheet printed with borders round the numbers only leaves the row labels
outside the frame; each label sits on a row of the grid, between two of its rules:

                 ┌─────┬─────┐
     Alcona      │ 963 │ 439 │      each label's middle in a row band,
                 ├─────┼─────┤      one label per band, the widest label
     Caledonia   │ 923 │ 393 │      ending near the frame: a column
                 └─────┴─────┘

The region grows left over the labels, and the row rules reaching the frame's left
side are carried over the label column (the rows go on; no rule is drawn there).
Prose in a column beside a table fails the test: its lines reach far left, go on above
and below the frame, or come closer than the grid's rows (two lines in one band).

Cost per page: one band lookup in the page's glyph index per ruled region.
"""

from __future__ import annotations

from bisect import bisect_left

from ...model import BBox, Drawing, Glyph
from .grid import text_rows
from .rules import PROSE_CHARS, SAME_RULE_PT, GlyphIndex

#: the widest label ends at most this far (em) left of the frame
LABEL_GAP_EM = 3.0
#: labels reach at most this far (em) left of the frame
LABEL_REACH_EM = 20.0
#: at least this many labels make a column
MIN_LABELS = 3
#: no text stands in the labels' column this close (em) above or below the frame
MARGIN_EM = 1.5


def label_column(
    box: BBox, hlines: list[Drawing], vlines: list[Drawing], index: GlyphIndex, em: float
) -> tuple[BBox, list[Drawing]] | None:
    """The region grown over a column of row labels left of its frame, with its row rules carried over; None if none."""
    if not any(abs((v.x0 + v.x1) / 2 - box.x0) <= 2 * SAME_RULE_PT and v.y1 - v.y0 > box.height / 2 for v in vlines):
        return None  # no frame on the left: labels outside it are a framed grid's only
    strip = [g for g in index.band(box.y0, box.y1) if g.text.strip() and g.x1 <= box.x0 + 0.5]
    if len(strip) < MIN_LABELS or min(g.x0 for g in strip) < box.x0 - LABEL_REACH_EM * em:
        return None  # nothing there, or lines reaching far left: a column of text beside the table
    margin = MARGIN_EM * em
    beside = index.band(box.y0 - margin, box.y0) + index.band(box.y1, box.y1 + margin)
    if any(g.text.strip() and g.x1 <= box.x0 + 0.5 and g.x1 > min(g.x0 for g in strip) for g in beside):
        return None  # the text left of the frame goes on above or below it: not the grid's labels
    left = [r for r in hlines if r.x0 <= box.x0 + 2 * SAME_RULE_PT]
    ys = sorted({round((r.y0 + r.y1) / 2, 1) for r in left})
    bands: dict[int, list[Glyph]] = {}
    for g in strip:
        middle = (g.y0 + g.y1) / 2
        k = bisect_left(ys, middle)
        if k == 0 or k == len(ys) or min(middle - ys[k - 1], ys[k] - middle) < 0.2 * em:
            return None  # above, below or on a rule: not a label of a row
        bands.setdefault(k, []).append(g)
    if len(bands) < MIN_LABELS:
        return None
    for glyphs in bands.values():
        if sum(len(g.text) for g in glyphs) >= PROSE_CHARS or len(text_rows(glyphs, em)) > 1:
            return None  # a line of prose, or two lines in one row: text beside the table, not its labels
    if box.x0 - max(g.x1 for g in strip) > LABEL_GAP_EM * em:
        return None
    x0 = min(g.x0 for g in strip) - 1
    grown = BBox(x0, box.y0, box.x1, box.y1)
    at_frame = {id(r) for r in left}
    carried = [Drawing(x0, r.y0, r.x1, r.y1, r.kind) if id(r) in at_frame else r for r in hlines]
    return grown, carried

