"""Key/value boxes beside a text column (an infobox, a data sheet's panel): found, then read as tables.

A box of bold keys and plain values set beside a column of prose, with white space
only between them::

    prose prose prose prose   |        Linux oder GNU/Linux      <- centred: a head over both columns
    prose prose prose prose   |          Basisdaten
    prose prose prose prose   |  Entwickler     diverse
    prose prose prose prose   |  Aktuelle       4.7.2            <- a key on two lines, set as
    prose prose prose prose   |  Version        (20. August)        solid as a wrapped value
    prose prose prose prose   |  Architekturen  DEC Alpha, ARC,
    prose prose prose prose   |                 C6x, ETRAX CRIS  <- a value's wrapped line
    prose prose prose prose   |  Lizenz         GPLv2

``text_column_gutter``: the narrow white gap between the prose and the box, held over many
rows, parts the page for the search of borderless tables (``aligned.py``), as the gap
between the two columns of a page set in two does; the box's rows are then no longer
the prose's. ``as_key_value``: a two-column grid of that search that the numbers and short cells
do not vouch for is a table when the page shows keys and values plainly (the keys bold,
left-aligned at one edge, the values plain at one edge); its cells are then read as such:
a value's wrapped lines and a key set solid on two lines belong to the row they start,
and the centred lines over the box are header rows spanning both columns. Else the
reason it is not is recorded, and its text stays paragraphs.

Cost: a page that reaches the borderless search and has no two-column gutter pays one pass over
its segments, each wide one looking at the segments of its row and the rows next to it; a
doubtful two-column grid, one pass over its cells and their lines (under 1 ms on real-masks).
"""

from __future__ import annotations

from statistics import median
from typing import Any

from ...model import BBox, Block, Line, RawPage, union_all
from ...render.escape import escape_inline
from ..lines import build_lines
from ..math import INLINE_MATH
from .segments import Rows

#: the prose column's side of the gutter holds, in this many rows at least, a line of text this wide (em);
#: and the column runs on past the box: this many of its lines have nothing beside them
TEXT_COLUMN_ROWS = 6
TEXT_LINE_EM = 15.0
TEXT_COLUMN_LINES = 2
#: a key/value table has at least this many keys, and this share of them bold (at least MIN_KEYS; a
#: scan measures the weight of a short word roughly: real-masks read 5 of its 6 keys bold, a test page 3 of 6)
MIN_KEYS = 3
BOLD_KEYS = 0.5
#: a key is short: at most this many characters
KEY_CHARS = 40
#: keys start at one left edge, and values at another: within this much (em)
SAME_START_EM = 0.5
#: a line centred over the box: its middle within this much (em) of the box's
CENTRED_EM = 1.0
#: a key under a key, as close (pitch, middle to middle: a box's top moves with the ascenders) as this
#: times the pitch of a value's wrapped lines, continues it
SOLID_PITCH = 1.08

Cell = dict[str, Any]


def text_column_gutter(rows: Rows, em: float) -> float | None:
    """The gutter between a column of prose and what stands beside it, or None.

    In TEXT_COLUMN_ROWS rows or more, a line of text (at least TEXT_LINE_EM wide) ends and,
    after a gap, text starts on its row or the rows next to it (the box's baselines need not
    be the column's); or, mirrored, a line of text starts after text. Where all these gaps
    overlap, the middle of their common part is the gutter, however narrow; if the column
    runs on past the box: TEXT_COLUMN_LINES of its lines alone on their rows. A table's long
    labels beside their numbers have a gap after them too, but a number beside each.
    """
    best: tuple[int, float] | None = None
    for prose_first in (True, False):
        gaps, lines = [], []
        for i, row in enumerate(rows):
            wide = [line for line in row if line.box.width >= TEXT_LINE_EM * em]
            near = [s for other in rows[max(0, i - 1) : i + 2] for s in other] if wide else []
            for line in wide:
                if prose_first and (after := [s.box.x0 for s in near if s.box.x0 > line.box.x1]):
                    gaps.append((line.box.x1, min(after)))
                    lines.append(line.box)
                elif not prose_first and (before := [s.box.x1 for s in near if s.box.x1 < line.box.x0]):
                    gaps.append((max(before), line.box.x0))
                    lines.append(line.box)
        if len(gaps) < TEXT_COLUMN_ROWS:
            continue
        left, right = max(a for a, _ in gaps), min(b for _, b in gaps)
        if left < right and _runs_on(rows, lines, em) and (best is None or len(gaps) > best[0]):
            best = (len(gaps), (left + right) / 2)
    return best[1] if best else None


def _runs_on(rows: Rows, lines: list[BBox], em: float) -> bool:
    """TEXT_COLUMN_LINES lines of text alone on their rows, within the column of ``lines``."""
    x0, x1 = min(b.x0 for b in lines), max(b.x1 for b in lines)
    alone = [row[0].box for row in rows if len(row) == 1 and row[0].box.width >= TEXT_LINE_EM * em]
    return sum(x0 - em <= b.x0 and b.x1 <= x1 + em for b in alone) >= TEXT_COLUMN_LINES


def as_key_value(block: Block, em: float, raw: RawPage) -> str:
    """Read a two-column grid as keys and values, its cells rewritten; else why not (empty when it is).

    The box's title, centred over it with nothing but white space (or a picture) between, is a
    head too: the block grows to hold it.
    """
    attrs = block.attrs
    if attrs["cols"] != 2:
        return f"no keys and values: {attrs['cols']} columns"
    rows = _cell_rows(attrs["cells"], block.lines)
    box = block.bbox
    heads: list[list[Line]] = []
    while rows and _centred_alone(rows[0], box, em):
        heads.append([line for cell, lines in rows.pop(0) for line in lines])
    why = _not_keys_and_values(rows, em)
    if why:
        return why
    title = _title_above(raw, box, em)
    if title is not None:
        heads.insert(0, [title])
        block.lines.insert(0, title)
        block.bbox = box.union(title.bbox)
    body = _joined_rows(rows)
    cells = [_spanning(lines, k) for k, lines in enumerate(heads)]
    for k, (key, value) in enumerate(body, len(heads)):
        cells.append(_spanning(key, k) | {"colspan": 1})  # a key: plain, as a header cell is
        if value:
            cells.append(_cell(value, k, 1))
    attrs.update(rows=len(heads) + len(body), header_rows=len(heads), cells=cells, keys=True)
    return ""


def _title_above(raw: RawPage, box: BBox, em: float) -> Line | None:
    """The first line above the box within its width, when it is one line centred over it."""
    above = [g for g in raw.glyphs if g.y1 <= box.y0 and g.x1 > box.x0 and g.x0 < box.x1 and g.text.strip()]
    if not above:
        return None
    bottom = max(g.y1 for g in above)
    row = [g for g in above if g.y1 > bottom - 0.5 * em]
    if min(g.x0 for g in row) < box.x0 or max(g.x1 for g in row) > box.x1:
        return None  # wider than the box: the text around it
    lines = build_lines(RawPage(raw.number, raw.width, raw.height, raw.rotation, row, raw.fonts))
    if len(lines) != 1 or abs((lines[0].bbox.x0 + lines[0].bbox.x1) / 2 - (box.x0 + box.x1) / 2) > CENTRED_EM * em:
        return None
    return lines[0]


Parts = list[tuple[Cell, list[Line]]]


def _cell_rows(cells: list[Cell], lines: list[Line]) -> list[Parts]:
    """The grid's filled cells row by row, each with its lines."""
    rows: dict[int, Parts] = {}
    for cell in cells:
        if not cell["text"] or "bbox" not in cell:
            continue
        x0, y0, x1, y1 = cell["bbox"]
        mine = [
            ln
            for ln in lines
            if x0 <= (ln.bbox.x0 + ln.bbox.x1) / 2 <= x1 and y0 <= (ln.bbox.y0 + ln.bbox.y1) / 2 <= y1
        ]
        if mine:
            rows.setdefault(cell["row"], []).append((cell, mine))
    return [sorted(rows[k], key=lambda part: part[0]["col"]) for k in sorted(rows)]


def _centred_alone(row: Parts, box: BBox, em: float) -> bool:
    """A row of one line, centred over the box: a head spanning its columns."""
    if len(row) != 1 or len(row[0][1]) != 1:
        return False
    line = row[0][1][0].bbox
    return abs((line.x0 + line.x1) / 2 - (box.x0 + box.x1) / 2) <= CENTRED_EM * em


def _not_keys_and_values(rows: list[Parts], em: float) -> str:
    """Why these rows are no keys with their values; empty when they are."""
    keys = [lines for row in rows for cell, lines in row if cell["col"] == 0]
    values = [line for row in rows for cell, lines in row if cell["col"] == 1 for line in lines]
    if len(keys) < MIN_KEYS or not values:
        return f"no keys and values: {len(keys)} keys"
    if rows and rows[0][0][0]["col"] != 0:
        return "no keys and values: a value above the first key"
    bold = sum(all(line.bold for line in lines) for lines in keys)
    if bold < max(MIN_KEYS, BOLD_KEYS * len(keys)) or any(line.bold for line in values):
        return f"no keys and values: {bold} of {len(keys)} keys bold, {sum(ln.bold for ln in values)} values bold"
    if any(len(" ".join(line.text for line in lines)) > KEY_CHARS for lines in keys):
        return "no keys and values: a key as long as a line of text"
    starts = [line.bbox.x0 for lines in keys for line in lines]
    value_starts = [line.bbox.x0 for line in values]
    if max(starts) - min(starts) > SAME_START_EM * em or max(value_starts) - min(value_starts) > SAME_START_EM * em:
        return "no keys and values: keys or values not at one left edge"
    return ""


def _joined_rows(rows: list[Parts]) -> list[tuple[list[Line], list[Line]]]:
    """Key and value lines per row: a row without a key continues the value above (a wrapped line);
    a key set as solid under the key above as a value's wrapped lines are continues that key."""
    joined: list[tuple[list[Line], list[Line]]] = []
    for row in rows:
        key = [line for cell, lines in row if cell["col"] == 0 for line in lines]
        value = [line for cell, lines in row if cell["col"] == 1 for line in lines]
        if joined and not key:
            joined[-1][1].extend(value)
        else:
            joined.append((key, value))
    pitch = _wrap_pitch([value for _, value in joined])
    if pitch is None:
        return joined
    solid: list[tuple[list[Line], list[Line]]] = []
    for key, value in joined:
        if solid and _middle(key[0]) - _middle(solid[-1][0][-1]) <= SOLID_PITCH * pitch:
            solid[-1][0].extend(key)
            solid[-1][1].extend(value)
        else:
            solid.append((key, value))
    return solid


def _wrap_pitch(values: list[list[Line]]) -> float | None:
    """The usual distance (middle to middle) between a value's wrapped lines; None when no value wraps."""
    pitches = [_middle(b) - _middle(a) for lines in values for a, b in zip(lines, lines[1:])]
    return median(pitches) if pitches else None


def _middle(line: Line) -> float:
    return (line.bbox.y0 + line.bbox.y1) / 2


def _cell(lines: list[Line], row: int, col: int) -> Cell:
    return {
        "row": row,
        "col": col,
        "text": " ".join(line.text for line in lines),
        "markdown": " ".join(line.markdown for line in lines),
        "bbox": _union(lines).rounded(),
    }


def _spanning(lines: list[Line], row: int) -> Cell:
    """A head over both columns: its Markdown plain (the header is emphasis enough, as in ``cells.cell_json``)."""
    text = " ".join(line.text for line in lines)
    cell = {"row": row, "col": 0, "text": text, "markdown": escape_inline(text, INLINE_MATH.get()), "colspan": 2}
    return cell | {"bbox": _union(lines).rounded()}


def _union(lines: list[Line]) -> BBox:
    return union_all([line.bbox for line in lines])
