"""The cell grid of a table region: column and row boundaries, which of them are open (spans), header rows."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from operator import attrgetter

from ...model import BBox, Drawing, Glyph
from .edges import WORD_GAP_EM, ColumnStart, _slot, column_starts, cut_runs, heads_over_columns
from .rules import BASELINE_EM, COLUMN_GAP_EM, SAME_RULE_PT

#: a cell's wrapped line sits this close (em, ink to ink) under the line it continues; a row further down is a row
WRAP_GAP_EM = 0.6


@dataclass(slots=True)
class Grid:
    """Row and column boundaries of a table region, and which boundaries are drawn."""

    xs: list[float]
    ys: list[float]
    #: row boundary i (between rows i-1 and i) at column j is open (no rule): merge the cells
    open_rows: set[tuple[int, int]] = field(default_factory=set)
    #: column boundary j (between cols j-1 and j) in row i is open: merge the cells
    open_cols: set[tuple[int, int]] = field(default_factory=set)
    header_rows: int = 0


# -- the grid ------------------------------------------------------------------------------


def text_rows(glyphs: list[Glyph], em: float) -> list[list[Glyph]]:
    """Glyphs grouped into rows of text by the vertical centre of their boxes."""
    ordered = sorted(glyphs, key=lambda g: g.y0 + g.y1)
    rows: list[list[Glyph]] = []
    biggest: Glyph | None = None  # the row's largest glyph: its middle is the row's (``_middle``)
    for g in ordered:
        middle = (g.y0 + g.y1) / 2
        if biggest is not None and middle - (biggest.y0 + biggest.y1) / 2 < BASELINE_EM * em:
            rows[-1].append(g)
            if g.size > biggest.size:
                biggest = g
        else:
            rows.append([g])
            biggest = g
    return rows


def _middle(row: list[Glyph]) -> float:
    big = max(row, key=lambda g: g.size)
    return (big.y0 + big.y1) / 2


def build_grid(box: BBox, glyphs: list[Glyph], hlines: list[Drawing], vlines: list[Drawing], em: float) -> Grid | None:
    rows = text_rows(glyphs, em)
    offset = [] if vlines else _offset_labels(rows, em)
    others = [row for row in rows if not any(row is o for o in offset)]
    starts = [] if vlines else column_starts(others, em)
    xs = _column_bounds(box, others, vlines, em, starts)
    if len(xs) < 3:
        return None  # one column: no grid (most ruled regions of a book: framed text), its rows not measured
    rule_ys = _cluster([(r.y0 + r.y1) / 2 for r in hlines], SAME_RULE_PT * 2)
    bands = list(zip(rule_ys, rule_ys[1:]))
    # a text row centred on a rule (``\\multirow``) belongs to the cell the rule leaves open, not to a band
    middles = [_middle(row) for row in rows]
    inner = rule_ys[1:-1]
    banded = [row for row, m in zip(rows, middles) if not any(abs(m - y) < 0.35 * em for y in inner)]
    banded_middles = sorted(m for m in middles if not any(abs(m - y) < 0.35 * em for y in inner))
    filled = [bisect_left(banded_middles, b) - bisect_right(banded_middles, a) for a, b in bands]
    # a ruled grid: (nearly) every band between two rules holds one row, whose cells may wrap; where
    # vertical rules part the columns, a band whose cells wrap to different line counts is one row too
    grid_mode = bool(bands) and sum(1 for n in filled if n > 1) <= len(bands) // 4
    if not grid_mode and bands and len(xs) > 3 and len(vlines) >= len(xs) - 2:
        grid_mode = not any(_rows_in_band(banded, a, b, xs) for a, b in bands)
    if grid_mode:
        ys = [rule_ys[0]] + [b for (a, b), n in zip(bands, filled) if n > 0 or b == rule_ys[-1]]
        ys = [y for i, y in enumerate(ys) if i == 0 or y - ys[i - 1] > 0.3 * em]
    centered: list[list[Glyph]] = []
    if not grid_mode:
        centered = _centered_rows(rows, em, inner)
        body = [row for row in rows if not any(row is c for c in centered)]
        ys = _text_row_bounds(_join_wrapped(body, xs, em), box)
    if len(ys) < 2:
        return None
    grid = Grid(xs, ys)
    _open_boundaries(grid, glyphs, hlines, vlines, grid_mode, em, starts)
    for row in centered:
        _span_centered(grid, row)
    if not grid_mode:
        for row in offset:
            _span_centred_label(grid, row, others, em)
    full = [(r.y0 + r.y1) / 2 for r in hlines if r.x1 - r.x0 >= 0.9 * box.width]
    grid.header_rows = _header_rows(grid, full, box, grid_mode, em)
    return grid


def _rows_in_band(rows: list[list[Glyph]], top: float, bottom: float, xs: list[float]) -> bool:
    """Whether a band between two rules holds several rows: every filled column has the same count of lines.

    A band of one row whose cells wrap has columns of one line beside columns of two or more,
    and each of its cells starts on the band's first line. A column whose text starts lower,
    on the second line of a column that started on the first, is a row whose rule is missing
    (a rule too faint on a scan to be found):

    │ Temperature │          │ Min  │ Max │      <- the band's first line
    │ Island      │ Coast    │ -5   │ 22  │      <- "Island" starts here: a second row
    """
    inside = [row for row in rows if top < _middle(row) < bottom]
    if len(inside) < 2:
        return False
    lines: dict[int, list[int]] = {}
    for k, row in enumerate(inside):
        for j in {_slot(xs, (g.x0 + g.x1) / 2) for g in row}:
            lines.setdefault(j, []).append(k)
    if len(lines) >= 2 and len({len(ks) for ks in lines.values()}) == 1:
        return True
    second_lines = {k for ks in lines.values() if ks[0] == 0 for k in ks[1:]}
    return any(ks[0] in second_lines for ks in lines.values() if ks[0] > 0)


def _centered_rows(rows: list[list[Glyph]], em: float, rule_ys: list[float] | None = None) -> list[list[Glyph]]:
    """Text rows set halfway between two rows whose columns they leave empty (``\\multirow``).

        North   2  19
    Coast                   <- halfway down, in a column where North and Cape have nothing
        Cape   -5  21

    Halfway is told three ways: the two pitches around the row add up to the table's widest
    pitch (rows one line apart, the centred text between); the row is a label in the stub
    closer to both neighbours than a line's own height (a ``\\multirow`` between rows set
    solid: their boxes overlap it); or the row sits on an inner rule (a ``\\cmidrule`` under the columns
    it leaves empty, as a header cell spanning the two header rows does).
    """
    middles = [_middle(row) for row in rows]
    pitches = [b - a for a, b in zip(middles, middles[1:])]
    if len(pitches) < 2:
        return []
    full = max(pitches)
    found = []
    for i in range(1, len(rows) - 1):
        up, down = pitches[i - 1], pitches[i]
        if not (
            _halfway(up, down, full, em)
            or _between_solid_rows(up, down, rows[i], rows[i - 1] + rows[i + 1])
            or any(abs(middles[i] - y) < 0.35 * em for y in rule_ys or [])
        ):
            continue
        runs = _ink_runs(rows[i], em)
        neighbours = _ink_runs(rows[i - 1], em) + _ink_runs(rows[i + 1], em)
        if not any(min(b, d) > max(a, c) for a, b in runs for c, d in neighbours):
            found.append(rows[i])
    return found


def _halfway(up: float, down: float, full: float, em: float) -> bool:
    """Two equal pitches that add up to a full row pitch."""
    if up + down < 1.5 * BASELINE_EM * em:
        return False
    return abs(up - down) <= 0.2 * full and abs(up + down - full) <= 0.2 * full


#: a text row this much of its own height (or less) from the rows above and below it overlaps them
SOLID_OVERLAP = 0.8


def _between_solid_rows(up: float, down: float, row: list[Glyph], neighbours: list[Glyph]) -> bool:
    """A lone group label in the stub (left of all the text of the rows around it), closer to both
    neighbours than a line's height, at equal distances: it is centred between them.

    Lines staggered in a header whose cells wrap to different line counts, each cell centred
    in the row, interleave the same way; but a cell of theirs sits between other cells' lines.
    """
    height = max(g.y1 for g in row) - min(g.y0 for g in row)
    if len(_ink_runs(row, height)) > 1 or max(g.x1 for g in row) >= min(g.x0 for g in neighbours):
        return False
    return max(up, down) < SOLID_OVERLAP * height and abs(up - down) <= 0.25 * (up + down)


def _span_centered(grid: Grid, row: list[Glyph]) -> None:
    """The cell of a centred text spans the two rows it sits between."""
    middle = _middle(row)
    k = min(range(1, len(grid.ys) - 1), key=lambda i: abs(grid.ys[i] - middle), default=None)
    if k is None:
        return
    for g in row:
        j = _slot(grid.xs, (g.x0 + g.x1) / 2)
        grid.open_rows.add((k, j))


#: a lone label starting this far (em) right of the table's left edge, on no column edge, is set apart
OFFSET_LABEL_EM = 2.0


def _offset_labels(rows: list[list[Glyph]], em: float) -> list[list[Glyph]]:
    """Rows of one label (and a value or none) whose label starts and ends on no edge of the stub rows' cells.

    Description            Quantity   Unit price     Amount   <- stub rows: a cell at the left edge
    Installation (hours)         14      $ 72.00   $ 1,008.00
                   Subtotal                        $ 3,535.00   <- a label centred over three columns
                  Tax (10%)                          $ 353.50

    Such a label (``\\multicolumn{3}{c}{Subtotal}``) is no column of its own: the column
    channels are sought without it (``_span_centred_label`` gives it its span).
    """
    if len(rows) < 2:
        return []
    left = min(g.x0 for row in rows for g in row)
    runs = [_ink_runs(row, em) for row in rows]
    stub = [r for r in runs if r[0][0] < left + 0.5 * em]
    if len(stub) < 3:
        return []
    starts = [a for r in stub for a, _ in r]
    ends = [b for r in stub for _, b in r]

    def apart(a: float, b: float) -> bool:
        return (
            a > left + OFFSET_LABEL_EM * em
            and all(abs(a - x) > 0.5 * em for x in starts)
            and all(abs(b - x) > 0.5 * em for x in ends)
        )

    return [row for row, r in zip(rows, runs) if len(r) <= 2 and apart(*r[0])]


def _span_centred_label(grid: Grid, row: list[Glyph], others: list[list[Glyph]], em: float) -> None:
    """A label across a column boundary, centred over a wider run of columns left empty in its row, spans them.

    The columns it crosses give its narrowest span; an empty column beside them joins it where
    the label's middle is then the middle of the span's ink (the text of the other rows in those
    columns, within half an em) and was not before.
    """
    xs = grid.xs
    a, b = _ink_runs(row, em)[0]
    first, last = _slot(xs, a), _slot(xs, b)
    if first == last:
        return
    ink: dict[int, tuple[float, float]] = {}
    for g in (g for other in others for g in other):
        j = _slot(xs, (g.x0 + g.x1) / 2)
        lo_x, hi_x = ink.get(j, (g.x0, g.x1))
        ink[j] = (min(lo_x, g.x0), max(hi_x, g.x1))
    filled = {_slot(xs, (g.x0 + g.x1) / 2) for g in row if g.x0 > b}
    middle = (a + b) / 2

    def miss(lo: int, hi: int) -> float:
        if lo not in ink or hi not in ink:
            return float("inf")
        return abs((ink[lo][0] + ink[hi][1]) / 2 - middle)

    lo = first
    while lo > 0 and lo - 1 not in filled:
        lo -= 1
    hi = last
    while hi < len(xs) - 2 and hi + 1 not in filled:
        hi += 1
    best = min(((i, k) for i in range(lo, first + 1) for k in range(last, hi + 1)), key=lambda ik: miss(*ik))
    if miss(*best) < 0.5 * em < miss(first, last):
        i = _slot(grid.ys, _middle(row))
        grid.open_cols.update((i, j) for j in range(best[0] + 1, best[1] + 1))


def _join_wrapped(rows: list[list[Glyph]], xs: list[float], em: float) -> list[list[Glyph]]:
    """A row with text in one column only, under a line of that column that ran to its edge, continues it.

    nocheck   do not check the heights of the header and footer      <- runs to the column's edge
              (see section 17 on page 22)                            <- the same cell, wrapped
    """
    right_edge: dict[int, float] = {}
    for row in rows:
        for g in row:
            j = _slot(xs, (g.x0 + g.x1) / 2)
            right_edge[j] = max(right_edge.get(j, g.x1), g.x1)
    joined: list[list[Glyph]] = []
    for row in rows:
        columns = {_slot(xs, (g.x0 + g.x1) / 2) for g in row}
        if joined and len(columns) == 1:
            (j,) = columns
            above = [g for g in joined[-1] if _slot(xs, (g.x0 + g.x1) / 2) == j]
            if (
                above
                and not _starts_new_label(row, joined[-1], j, xs)
                and max(g.x1 for g in above) > right_edge[j] - 2 * em
                and abs(min(g.x0 for g in row) - min(g.x0 for g in above)) < 0.5 * em
                and min(g.y0 for g in row) - max(g.y1 for g in above) < WRAP_GAP_EM * em  # set solid, as a wrapped line
            ):
                joined[-1] = joined[-1] + row
                continue
        joined.append(row)
    return joined


def _starts_new_label(row: list[Glyph], above: list[Glyph], column: int, xs: list[float]) -> bool:
    """A capitalised line under a row that has cells in other columns too: a section label of its own.

    Net cash from operating activities      4,785.1   <- a full row, the longest label
    Investing activities                              <- not its second line
    """
    first = min(row, key=lambda g: g.x0).text[:1]
    return first.isupper() and any(_slot(xs, (g.x0 + g.x1) / 2) != column for g in above)


def _text_row_bounds(rows: list[list[Glyph]], box: BBox) -> list[float]:
    bounds = [box.y0]
    for upper, lower in zip(rows, rows[1:]):
        bounds.append((max(g.y1 for g in upper) + min(g.y0 for g in lower)) / 2)
    bounds.append(box.y1)
    return bounds


def _cluster(values: list[float], tolerance: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tolerance:
            continue
        out.append(v)
    return out


def _column_bounds(
    box: BBox, rows: list[list[Glyph]], vlines: list[Drawing], em: float, starts: list[ColumnStart]
) -> list[float]:
    """x of column boundaries, the table's edges included."""
    interior_v = [(r.x0 + r.x1) / 2 for r in vlines if box.x0 + 0.5 * em < (r.x0 + r.x1) / 2 < box.x1 - 0.5 * em]
    if interior_v:
        return [box.x0, *_cluster(interior_v, SAME_RULE_PT * 2), box.x1]
    return [box.x0, *_text_gaps(box, rows, em, starts), box.x1]


def _text_gaps(box: BBox, rows: list[list[Glyph]], em: float, starts: list[ColumnStart]) -> list[float]:
    """Middles of vertical white channels through the text of (nearly) every row.

    A channel is half an em wide at least, or a word space where it ends on a column start (``edges.py``).
    """
    step = 0.5
    bins = max(1, int((box.x1 - box.x0) / step) + 1)
    change = [0] * (bins + 1)  # where runs begin (+1) and end (-1): the cover is their running sum
    for row in rows:
        for x0, x1 in cut_runs(_ink_runs(row, em), row, starts, em):
            first, stop = max(0, int((x0 - box.x0) / step)), min(bins, int((x1 - box.x0) / step) + 1)
            if first < stop:
                change[first] += 1
                change[stop] -= 1
    cover = list(accumulate(change[:bins]))
    allowed = len(rows) // 4  # a few rows may span the gap (a header over several columns)
    gaps: list[float] = []
    start = None
    # channels between the first and the last column that most rows fill (a wide header past them is no column)
    first_ink = next((i for i, c in enumerate(cover) if c > allowed), bins)
    last_ink = max((i for i, c in enumerate(cover) if c > allowed), default=0)
    for i in range(first_ink, last_ink + 1):
        free = cover[i] <= allowed
        if free and start is None:
            start = i
        elif not free and start is not None:
            at_start = any(abs(box.x0 + i * step - x) <= 2 * step for x, _, _ in starts)
            if (i - start) * step >= (WORD_GAP_EM if at_start else 0.5) * em:
                lowest = min(cover[start:i])
                run = [j for j in range(start, i) if cover[j] == lowest]
                gaps.append(box.x0 + step * (run[0] + run[-1]) / 2)
            start = None
    return gaps


def _ink_runs(row: list[Glyph], em: float) -> list[tuple[float, float]]:
    """The x-extents of the words-with-spaces of one text row: a cell's text is one run."""
    runs: list[tuple[float, float]] = []
    gap = COLUMN_GAP_EM * em
    start = end = 0.0  # the run so far (put in ``runs`` when the next one starts)
    for g in sorted(row, key=_LEFT):
        if runs and g.x0 - end < gap:
            if g.x1 > end:
                end = g.x1
            runs[-1] = (start, end)
        else:
            start, end = g.x0, g.x1
            runs.append((start, end))
    return runs


_LEFT = attrgetter("x0")


def _open_boundaries(
    grid: Grid,
    glyphs: list[Glyph],
    hlines: list[Drawing],
    vlines: list[Drawing],
    grid_mode: bool,
    em: float,
    starts: list[ColumnStart],
) -> None:
    xs, ys = grid.xs, grid.ys
    if grid_mode:
        for i in range(1, len(ys) - 1):
            for j in range(len(xs) - 1):
                if not _covered_h(hlines, ys[i], xs[j], xs[j + 1]):
                    grid.open_rows.add((i, j))
    ordered = sorted(glyphs, key=lambda g: g.y0 + g.y1)
    keys = [g.y0 + g.y1 for g in ordered]
    for i in range(len(ys) - 1):
        row_glyphs = ordered[bisect_right(keys, 2 * ys[i]) : bisect_left(keys, 2 * ys[i + 1])]
        runs = heads_over_columns(cut_runs(_ink_runs(row_glyphs, em), row_glyphs, starts, em), row_glyphs, xs, em)
        for j in range(1, len(xs) - 1):
            x = xs[j]
            crossed = any(a < x - 0.5 < x + 0.5 < b for a, b in runs)
            if not vlines:
                drawn = not crossed
            else:
                drawn = _covered_v(vlines, x, ys[i], ys[i + 1]) or (
                    not crossed and _rule_at(vlines, x) and _both_sides(row_glyphs, xs, j)
                )
            if not drawn:
                grid.open_cols.add((i, j))
    if not grid_mode and not vlines:
        _spans_over_partial_rules(grid, glyphs, hlines)


def _spans_over_partial_rules(grid: Grid, glyphs: list[Glyph], hlines: list[Drawing]) -> None:
    """A rule under part of a row (booktabs' ``\\cmidrule``) under one lone text: that text spans its columns.

    ─────────────────────────
          Item                  one text over two columns
    ──────────────   (cmidrule)
    Animal  Description  Price
    """
    xs, ys = grid.xs, grid.ys
    width = xs[-1] - xs[0]
    for rule in hlines:
        if rule.x1 - rule.x0 > 0.9 * width:
            continue
        y = (rule.y0 + rule.y1) / 2
        above_rule = [i for i in range(len(ys) - 1) if (ys[i] + ys[i + 1]) / 2 < y]
        if not above_rule or y > ys[-1] - 1:
            continue
        row = above_rule[-1]
        covered = [
            j for j in range(len(xs) - 1) if min(rule.x1, xs[j + 1]) - max(rule.x0, xs[j]) > 0.5 * (xs[j + 1] - xs[j])
        ]
        if len(covered) < 2:
            continue
        above = [g for g in glyphs if ys[row] < (g.y0 + g.y1) / 2 < min(y, ys[row + 1])]
        filled = {j for j in covered for g in above if xs[j] <= (g.x0 + g.x1) / 2 < xs[j + 1]}
        if len(filled) == 1:
            grid.open_cols.update((row, j) for j in covered[1:])


def _rule_at(vlines: list[Drawing], x: float) -> bool:
    """Some piece of a vertical rule runs at ``x`` (a scan's faint rule is found in pieces)."""
    return any(abs((r.x0 + r.x1) / 2 - x) < 2 * SAME_RULE_PT for r in vlines)


def _both_sides(glyphs: list[Glyph], xs: list[float], j: int) -> bool:
    """The row has text in the columns on both sides of boundary ``j``, none across it: two cells.

    Where a rule parts two columns elsewhere in the table but is not found beside this row (its
    ink too faint on a scan), the text on both sides still tells two cells, not one over both.
    """
    slots = {_slot(xs, (g.x0 + g.x1) / 2) for g in glyphs}
    return j - 1 in slots and j in slots


def _covered_h(hlines: list[Drawing], y: float, x0: float, x1: float) -> bool:
    need = 0.5 * (x1 - x0)
    return any(abs((r.y0 + r.y1) / 2 - y) < 2 * SAME_RULE_PT and min(r.x1, x1) - max(r.x0, x0) >= need for r in hlines)


def _covered_v(vlines: list[Drawing], x: float, y0: float, y1: float) -> bool:
    need = 0.5 * (y1 - y0)
    return any(abs((r.x0 + r.x1) / 2 - x) < 2 * SAME_RULE_PT and min(r.y1, y1) - max(r.y0, y0) >= need for r in vlines)


def _header_rows(grid: Grid, rule_ys: list[float], box: BBox, grid_mode: bool, em: float) -> int:
    """Rows above the first interior rule (booktabs' midrule); in a full grid, the first row."""
    rows = len(grid.ys) - 1
    if grid_mode:
        first = 1
        while first < rows and any((first, j) in grid.open_rows for j in range(len(grid.xs) - 1)):
            first += 1  # a header cell spanning down takes the rows it spans
        return first if first < rows else 1
    interior = [y for y in rule_ys if box.y0 + 0.5 * em < y < box.y1 - 0.5 * em]
    if not interior:
        return 0
    count = sum(1 for top, bottom in zip(grid.ys, grid.ys[1:]) if (top + bottom) / 2 < interior[0])
    return count if count < rows else 0
