"""Ruled tables: regions from the page's rules, a cell grid with spans, one block.

A table is found where horizontal rules of about the same extent stack up
with text between them and no wider text line in between (booktabs' top,
mid and bottom rules; a fully ruled grid; ``\\hline`` and ``\\cline``):

    ─────────────────────────   top rule        the rules' common x-extent
     Method    Time    Score                    is the table's width
    ─────────────────────────   rule under the header
     Alpha     12.5    0.91
    ─────────────────────────   bottom rule

Columns come from vertical rules when the table has them, else from the
vertical gaps that run through the text of most rows. Rows come from the
rules when (nearly) every band between two rules holds one line of text
(a ruled grid, whose cells may hold several lines), else from the
baselines of the text. A cell spans columns where no vertical rule (or
text gap) separates it from its neighbour, and rows where a partial rule
(``\\cline``) leaves its column open.

All distances are in units of the page's body font size (em).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field, replace
from operator import attrgetter

from ..model import BBox, Block, BlockKind, Document, Drawing, Glyph, Layer, Line, RawPage
from ..render.escape import escape_inline
from .lines import build_lines, is_rtl, split_runs
from .math import INLINE_MATH, math_fonts

#: a table rule is at least this wide; shorter rules are fraction bars, underlines
MIN_RULE_EM = 3.5
#: rules this close vertically (points) are one rule (double rules, thick rules drawn twice)
SAME_RULE_PT = 1.2
#: rules of one table end within this many em of each other
RULE_ALIGN_EM = 2.0
#: text sticking out of the rules' extent by this much is prose, not a cell
PROSE_OVERHANG_EM = 1.0
#: inside a cell, words are closer than this; columns are further apart
COLUMN_GAP_EM = 0.9
#: two rules alone (no rule under a header) this far apart enclose a page of text, not a table
TWO_RULE_MAX_EM = 15.0
#: a cell this long that spans columns alone in its row is a line of prose
PROSE_CHARS = 40
#: rows: baselines closer than this are one text row
BASELINE_EM = 0.4


@dataclass(slots=True)
class Cell:
    """One cell of the grid: its top-left position, spans, text and box."""

    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    lines: list[Line] = field(default_factory=list)
    bbox: BBox | None = None

    @property
    def markdown(self) -> str:
        return " ".join(line.markdown for line in self.lines)

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


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


# -- finding regions ---------------------------------------------------------------------


def page_em(raw: RawPage) -> float:
    """The body font size of the page: the median glyph size."""
    sample = [g for g in raw.glyphs[:: max(1, len(raw.glyphs) // 400)] if g.text != " "]
    if not sample:
        return 10.0
    return statistics.median(g.size for g in sample)  # the engine scales sizes by the text matrix


def horizontal_rules(drawings: list[Drawing]) -> list[Drawing]:
    """Horizontal rules, with the top and bottom edges of stroked boxes (cell borders)."""
    rules = [d for d in drawings if d.kind == "hline"]
    for d in drawings:
        if d.kind == "rect" and d.stroked:
            rules.append(Drawing(d.x0, d.y0, d.x1, d.y0, "hline"))
            rules.append(Drawing(d.x0, d.y1, d.x1, d.y1, "hline"))
    return _merge_collinear(sorted(rules, key=lambda d: ((d.y0 + d.y1) / 2, d.x0)), vertical=False)


def vertical_rules(drawings: list[Drawing]) -> list[Drawing]:
    rules = [d for d in drawings if d.kind == "vline"]
    for d in drawings:
        if d.kind == "rect" and d.stroked:
            rules.append(Drawing(d.x0, d.y0, d.x0, d.y1, "vline"))
            rules.append(Drawing(d.x1, d.y0, d.x1, d.y1, "vline"))
    return _merge_collinear(sorted(rules, key=lambda d: ((d.x0 + d.x1) / 2, d.y0)), vertical=True)


def _merge_collinear(rules: list[Drawing], vertical: bool) -> list[Drawing]:
    """Pieces of one rule drawn end to end (TeX draws ``\\hline`` per column) joined."""
    merged: list[Drawing] = []
    for rule in rules:
        if merged:
            last = merged[-1]
            if vertical:
                same = abs((last.x0 + last.x1) / 2 - (rule.x0 + rule.x1) / 2) < SAME_RULE_PT
                touching = rule.y0 <= last.y1 + 0.5
            else:
                same = abs((last.y0 + last.y1) / 2 - (rule.y0 + rule.y1) / 2) < SAME_RULE_PT
                touching = rule.x0 <= last.x1 + 0.5
            if same and touching:
                merged[-1] = Drawing(last.x0, last.y0, max(last.x1, rule.x1), max(last.y1, rule.y1), last.kind)
                continue
        merged.append(rule)
    return merged


def find_table_regions(raw: RawPage, em: float) -> list[tuple[BBox, list[Drawing], list[Drawing]]]:
    """Boxes of ruled tables with their horizontal and vertical rules.

    Long rules fall into families that line up at both ends (two tables side by
    side make two families); down each family, rules with no prose between them
    bound one table. A rule of another family in between (``\\cmidrule``) is no bound.
    """
    hlines = horizontal_rules(raw.drawings)
    long_rules = [r for r in hlines if r.x1 - r.x0 >= MIN_RULE_EM * em]
    if len(long_rules) < 2:
        return []
    vlines = vertical_rules(raw.drawings)
    regions = []
    for family in _families(long_rules, em):
        group: list[Drawing] = [family[0]]
        for rule in family[1:]:
            if _same_table(group[-1], rule, raw.glyphs, em):
                group.append(rule)
            else:
                regions.extend(_region(group, hlines, vlines, raw.glyphs))
                group = [rule]
        regions.extend(_region(group, hlines, vlines, raw.glyphs))
    return sorted(_outermost(regions), key=lambda region: (region[0].y0, region[0].x0))


def _outermost(
    regions: list[tuple[BBox, list[Drawing], list[Drawing]]],
) -> list[tuple[BBox, list[Drawing], list[Drawing]]]:
    """Regions inside another one dropped (two aligned ``\\cline``s inside a table bound no table)."""
    kept: list[tuple[BBox, list[Drawing], list[Drawing]]] = []
    for region in sorted(regions, key=lambda r: -(r[0].width * r[0].height)):
        box = region[0]
        if not any(
            box.x0 >= k.x0 - 1 and box.x1 <= k.x1 + 1 and box.y0 >= k.y0 - 1 and box.y1 <= k.y1 + 1 for k, _, _ in kept
        ):
            kept.append(region)
    return kept


def _families(rules: list[Drawing], em: float) -> list[list[Drawing]]:
    """Rules grouped by their extent (both ends within RULE_ALIGN_EM), each family top to bottom."""
    families: list[list[Drawing]] = []
    for rule in rules:
        family = next((f for f in families if _aligned(f[0], rule, em)), None)
        if family is None:
            families.append([rule])
        else:
            family.append(rule)
    return [f for f in families if len(f) >= 2]


def _aligned(a: Drawing, b: Drawing, em: float) -> bool:
    """Both ends line up (a footnote rule lines up on the left only)."""
    slack = RULE_ALIGN_EM * em
    return abs(a.x0 - b.x0) <= slack and abs(a.x1 - b.x1) <= slack


def _same_table(upper: Drawing, lower: Drawing, glyphs: list[Glyph], em: float) -> bool:
    """Two rules bound one table when no prose runs between them."""
    left, right = min(upper.x0, lower.x0), max(upper.x1, lower.x1)
    top, bottom = upper.y1, lower.y0
    overhang = PROSE_OVERHANG_EM * em
    for g in glyphs:
        if g.y0 > top and g.y1 < bottom and g.text != " " and (g.x1 < left - overhang or g.x0 > right + overhang):
            continue  # text beside the table (another column)
        if g.y0 > top and g.y1 < bottom and g.text != " " and (g.x0 < left - overhang or g.x1 > right + overhang):
            return False
    between = [
        g for g in glyphs if g.y0 > top and g.y1 < bottom and left - overhang <= g.x0 and g.x1 <= right + overhang
    ]
    return not any(_is_prose_line(run, right - left, em) for run in split_runs(between))


def _is_prose_line(run: list[Glyph], width: float, em: float) -> bool:
    """A line of running text as wide as the rules: the rules are two boxes' edges, not a table's."""
    ink = [g for g in run if g.text.strip()]
    if len(ink) < PROSE_CHARS:
        return False
    return ink[-1].x1 - ink[0].x0 > 0.8 * width and not _has_wide_gap(run, em)


def _region(
    group: list[Drawing], hlines: list[Drawing], vlines: list[Drawing], glyphs: list[Glyph]
) -> list[tuple[BBox, list[Drawing], list[Drawing]]]:
    if len(group) < 2:
        return []
    box = BBox(min(r.x0 for r in group), group[0].y0, max(r.x1 for r in group), group[-1].y1)
    if len(group) == 2 and box.height > TWO_RULE_MAX_EM * _em_of(glyphs):
        return []  # a page-head rule over a footnote rule: the page's text between them, not a table
    inside = [g for g in glyphs if g.text != " " and _center_in(g, box)]
    if not inside:
        return []
    rules_h = [r for r in hlines if r.y0 >= box.y0 - 0.5 and r.y1 <= box.y1 + 0.5 and r.x1 > box.x0 and r.x0 < box.x1]
    rules_v = [
        r for r in vlines if box.x0 - 1 <= (r.x0 + r.x1) / 2 <= box.x1 + 1 and r.y0 < box.y1 - 1 and r.y1 > box.y0 + 1
    ]
    return [(box, rules_h, rules_v)]


def _em_of(glyphs: list[Glyph]) -> float:
    sizes = [g.size for g in glyphs[:: max(1, len(glyphs) // 200)]]
    return statistics.median(sizes) if sizes else 10.0


def _center_in(g: Glyph, box: BBox) -> bool:
    cx, cy = (g.x0 + g.x1) / 2, (g.y0 + g.y1) / 2
    return box.x0 <= cx <= box.x1 and box.y0 <= cy <= box.y1


# -- the grid ------------------------------------------------------------------------------


def text_rows(glyphs: list[Glyph], em: float) -> list[list[Glyph]]:
    """Glyphs grouped into rows of text by the vertical centre of their boxes."""
    ordered = sorted(glyphs, key=lambda g: (g.y0 + g.y1) / 2)
    rows: list[list[Glyph]] = []
    for g in ordered:
        middle = (g.y0 + g.y1) / 2
        if rows and middle - _middle(rows[-1]) < BASELINE_EM * em:
            rows[-1].append(g)
        else:
            rows.append([g])
    return rows


def _middle(row: list[Glyph]) -> float:
    big = max(row, key=lambda g: g.size)
    return (big.y0 + big.y1) / 2


def build_grid(box: BBox, glyphs: list[Glyph], hlines: list[Drawing], vlines: list[Drawing], em: float) -> Grid | None:
    rows = text_rows(glyphs, em)
    rule_ys = _cluster([(r.y0 + r.y1) / 2 for r in hlines], SAME_RULE_PT * 2)
    bands = list(zip(rule_ys, rule_ys[1:]))
    # a text row centred on a rule (``\\multirow``) belongs to the cell the rule leaves open, not to a band
    banded = [row for row in rows if not any(abs(_middle(row) - y) < 0.35 * em for y in rule_ys[1:-1])]
    filled = [sum(1 for row in banded if a < _middle(row) < b) for a, b in bands]
    # a ruled grid: (nearly) every band between two rules holds one row, whose cells may wrap
    grid_mode = bool(bands) and sum(1 for n in filled if n > 1) <= len(bands) // 4
    if grid_mode:
        ys = [rule_ys[0]] + [b for (a, b), n in zip(bands, filled) if n > 0 or b == rule_ys[-1]]
        ys = [y for i, y in enumerate(ys) if i == 0 or y - ys[i - 1] > 0.3 * em]
    centered: list[list[Glyph]] = []
    xs = _column_bounds(box, rows, vlines, em)
    if not grid_mode:
        centered = _centered_rows(rows, em)
        body = [row for row in rows if not any(row is c for c in centered)]
        ys = _text_row_bounds(_join_wrapped(body, xs, em), box)
    if len(xs) < 3 or len(ys) < 2:
        return None
    grid = Grid(xs, ys)
    _open_boundaries(grid, glyphs, hlines, vlines, grid_mode, em)
    for row in centered:
        _span_centered(grid, row)
    full = [(r.y0 + r.y1) / 2 for r in hlines if r.x1 - r.x0 >= 0.9 * box.width]
    grid.header_rows = _header_rows(grid, full, box, grid_mode, em)
    return grid


def _centered_rows(rows: list[list[Glyph]], em: float) -> list[list[Glyph]]:
    """Text rows set halfway between two rows whose columns they leave empty (``\\multirow``).

        North   2  19
    Coast                   <- halfway down, in a column where North and Cape have nothing
        Cape   -5  21
    """
    middles = [_middle(row) for row in rows]
    pitches = [b - a for a, b in zip(middles, middles[1:])]
    if len(pitches) < 2:
        return []
    full = max(pitches)
    found = []
    for i in range(1, len(rows) - 1):
        up, down = pitches[i - 1], pitches[i]
        if abs(up - down) > 0.2 * full or abs(up + down - full) > 0.2 * full or up + down < 1.5 * BASELINE_EM * em:
            continue
        runs = _ink_runs(rows[i], em)
        neighbours = _ink_runs(rows[i - 1], em) + _ink_runs(rows[i + 1], em)
        if not any(min(b, d) > max(a, c) for a, b in runs for c, d in neighbours):
            found.append(rows[i])
    return found


def _span_centered(grid: Grid, row: list[Glyph]) -> None:
    """The cell of a centred text spans the two rows it sits between."""
    middle = _middle(row)
    k = min(range(1, len(grid.ys) - 1), key=lambda i: abs(grid.ys[i] - middle), default=None)
    if k is None:
        return
    for g in row:
        j = _slot(grid.xs, (g.x0 + g.x1) / 2)
        grid.open_rows.add((k, j))


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
                and max(g.x1 for g in above) > right_edge[j] - 2 * em
                and abs(min(g.x0 for g in row) - min(g.x0 for g in above)) < 0.5 * em
            ):
                joined[-1] = joined[-1] + row
                continue
        joined.append(row)
    return joined


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


def _column_bounds(box: BBox, rows: list[list[Glyph]], vlines: list[Drawing], em: float) -> list[float]:
    """x of column boundaries, the table's edges included."""
    interior_v = [(r.x0 + r.x1) / 2 for r in vlines if box.x0 + 0.5 * em < (r.x0 + r.x1) / 2 < box.x1 - 0.5 * em]
    if interior_v:
        return [box.x0, *_cluster(interior_v, SAME_RULE_PT * 2), box.x1]
    return [box.x0, *_text_gaps(box, rows, em), box.x1]


def _text_gaps(box: BBox, rows: list[list[Glyph]], em: float) -> list[float]:
    """Middles of vertical white channels through the text of (nearly) every row."""
    step = 0.5
    bins = max(1, int((box.x1 - box.x0) / step) + 1)
    cover = [0] * bins
    for row in rows:
        for x0, x1 in _ink_runs(row, em):
            for i in range(max(0, int((x0 - box.x0) / step)), min(bins, int((x1 - box.x0) / step) + 1)):
                cover[i] += 1
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
            if (i - start) * step >= 0.5 * em:
                lowest = min(cover[start:i])
                run = [j for j in range(start, i) if cover[j] == lowest]
                gaps.append(box.x0 + step * (run[0] + run[-1]) / 2)
            start = None
    return gaps


def _ink_runs(row: list[Glyph], em: float) -> list[tuple[float, float]]:
    """The x-extents of the words-with-spaces of one text row: a cell's text is one run."""
    runs: list[tuple[float, float]] = []
    for g in sorted(row, key=lambda g: g.x0):
        if runs and g.x0 - runs[-1][1] < COLUMN_GAP_EM * em:
            runs[-1] = (runs[-1][0], max(runs[-1][1], g.x1))
        else:
            runs.append((g.x0, g.x1))
    return runs


def _open_boundaries(
    grid: Grid, glyphs: list[Glyph], hlines: list[Drawing], vlines: list[Drawing], grid_mode: bool, em: float
) -> None:
    xs, ys = grid.xs, grid.ys
    if grid_mode:
        for i in range(1, len(ys) - 1):
            for j in range(len(xs) - 1):
                if not _covered_h(hlines, ys[i], xs[j], xs[j + 1]):
                    grid.open_rows.add((i, j))
    for i in range(len(ys) - 1):
        row_glyphs = [g for g in glyphs if ys[i] < (g.y0 + g.y1) / 2 < ys[i + 1]]
        runs = _ink_runs(row_glyphs, em)
        for j in range(1, len(xs) - 1):
            x = xs[j]
            crossed = any(a < x - 0.5 < x + 0.5 < b for a, b in runs)
            drawn = _covered_v(vlines, x, ys[i], ys[i + 1]) if vlines else not crossed
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


# -- cells -----------------------------------------------------------------------------------


def make_cells(grid: Grid, glyphs: list[Glyph], raw: RawPage) -> list[Cell]:
    """Cells with their spans, each holding the lines of its glyphs."""
    rows, cols = len(grid.ys) - 1, len(grid.xs) - 1
    owner = {(i, j): (i, j) for i in range(rows) for j in range(cols)}

    def find(key: tuple[int, int]) -> tuple[int, int]:
        while owner[key] != key:
            key = owner[key]
        return key

    for i, j in grid.open_rows:
        owner[find((i, j))] = find((i - 1, j))
    for i, j in grid.open_cols:
        a, b = find((i, j - 1)), find((i, j))
        if a != b:
            owner[b] = a
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for key in owner:
        groups.setdefault(find(key), []).append(key)
    cells: list[Cell] = []
    for members in groups.values():
        cells.extend(_rectangles(members))
    cells.sort(key=lambda c: (c.row, c.col))
    _fill(cells, grid, glyphs, raw)
    return cells


def _rectangles(members: list[tuple[int, int]]) -> list[Cell]:
    """One spanning cell when the merged positions form a rectangle, else one cell each."""
    top = min(i for i, _ in members)
    left = min(j for _, j in members)
    height = max(i for i, _ in members) - top + 1
    width = max(j for _, j in members) - left + 1
    if height * width == len(members):
        return [Cell(top, left, height, width)]
    return [Cell(i, j) for i, j in members]


def _fill(cells: list[Cell], grid: Grid, glyphs: list[Glyph], raw: RawPage) -> None:
    by_cell: dict[int, list[Glyph]] = {}
    index = {}
    for n, cell in enumerate(cells):
        for i in range(cell.row, cell.row + cell.rowspan):
            for j in range(cell.col, cell.col + cell.colspan):
                index[(i, j)] = n
    for g in glyphs:
        i = _slot(grid.ys, (g.y0 + g.y1) / 2)
        j = _slot(grid.xs, (g.x0 + g.x1) / 2)
        if (i, j) in index:
            by_cell.setdefault(index[(i, j)], []).append(g)
    for n, cell in enumerate(cells):
        cell.bbox = BBox(
            grid.xs[cell.col], grid.ys[cell.row], grid.xs[cell.col + cell.colspan], grid.ys[cell.row + cell.rowspan]
        )
        found = by_cell.get(n, [])
        if found:
            sub = RawPage(raw.number, raw.width, raw.height, raw.rotation, sorted(found, key=_reading_key), raw.fonts)
            cell.lines = sorted(build_lines(sub), key=lambda line: (round(line.bbox.y0), line.bbox.x0))


def _reading_key(g: Glyph) -> tuple[float, float]:
    return (round((g.y0 + g.y1) / 2 / 3), g.x0)


def _slot(bounds: list[float], value: float) -> int:
    for k in range(len(bounds) - 1):
        if value < bounds[k + 1]:
            return k
    return len(bounds) - 2


# -- the block --------------------------------------------------------------------------------


def table_block(
    raw: RawPage, box: BBox, hlines: list[Drawing], vlines: list[Drawing], em: float, trimmed: bool = False
) -> Block | None:
    """A TABLE block for one region, or None when it does not hold a grid of two columns or more."""
    glyphs = [g for g in raw.glyphs if g.text != " " and _center_in(g, box)]
    if _mostly_math(glyphs, raw):
        return None  # fraction bars of stacked displays line up too
    grid = build_grid(box, glyphs, hlines, vlines, em)
    if grid is None:
        return None
    cells = make_cells(grid, glyphs, raw)
    if _right_to_left(raw):
        _mirror(cells, len(grid.xs) - 1)
    prose = _prose_rows(cells)
    if prose and not trimmed:
        return _without_prose_rows(raw, box, grid, prose, hlines, vlines, em)
    if prose:
        return None  # ruled prose (a framed note), not a grid
    if not _some_row_has_two_cells(cells):
        return None  # one line between rules (a framed command), not a table
    attrs = {
        "rows": len(grid.ys) - 1,
        "cols": len(grid.xs) - 1,
        "header_rows": grid.header_rows,
        "cells": [cell_json(c, header=c.row < max(grid.header_rows, 1)) for c in cells],
        "ruled": bool(vlines),
    }
    lines = [line for cell in cells for line in cell.lines]
    if not lines:
        return None
    return Block(BlockKind.TABLE, raw.number, box, lines, attrs)


def _without_prose_rows(
    raw: RawPage, box: BBox, grid: Grid, prose: set[int], hlines: list[Drawing], vlines: list[Drawing], em: float
) -> Block | None:
    """The table under (or over) lines of prose that the rules also enclose; None if prose is inside it."""
    rows = len(grid.ys) - 1
    top = 0
    while top in prose:
        top += 1
    bottom = rows
    while bottom - 1 in prose:
        bottom -= 1
    if bottom - top < 2 or any(top <= r < bottom for r in prose):
        return None
    inner = BBox(box.x0, grid.ys[top], box.x1, grid.ys[bottom])
    keep_h = [r for r in hlines if inner.y0 - 1 <= (r.y0 + r.y1) / 2 <= inner.y1 + 1]
    return table_block(raw, inner, keep_h, vlines, em, trimmed=True)


def _mostly_math(glyphs: list[Glyph], raw: RawPage) -> bool:
    math = math_fonts(raw.fonts)[0]
    return bool(math) and sum(1 for g in glyphs if g.font in math) > 0.5 * len(glyphs)


def _right_to_left(raw: RawPage) -> bool:
    """A page written mostly in a right-to-left script: its tables' first column is the rightmost."""
    sample = raw.glyphs[:: max(1, len(raw.glyphs) // 300)]
    rtl = sum(1 for g in sample if g.text and is_rtl(g.text[0]))
    ltr = sum(1 for g in sample if g.text and g.text[0].isalpha() and not is_rtl(g.text[0]))
    return rtl > ltr


def _mirror(cells: list[Cell], cols: int) -> None:
    """Columns numbered from the right; a number set as ``1-`` by the bidirectional layout read as ``-1``."""
    for cell in cells:
        cell.col = cols - cell.col - cell.colspan
        for index, line in enumerate(cell.lines):
            if _MIRRORED_NUMBER.match(line.text):
                text = "-" + line.text[:-1]
                cell.lines[index] = replace(line, text=text, markdown=text)
    cells.sort(key=lambda c: (c.row, c.col))


_MIRRORED_NUMBER = re.compile(r"^\d[\d.,]*-$")


def _some_row_has_two_cells(cells: list[Cell]) -> bool:
    filled: dict[int, int] = {}
    for cell in cells:
        if cell.lines:
            filled[cell.row] = filled.get(cell.row, 0) + 1
    return any(count >= 2 for count in filled.values())


def _prose_rows(cells: list[Cell]) -> set[int]:
    """Rows whose only text is a long line that runs across the columns: a paragraph, not cells."""
    by_row: dict[int, list[Cell]] = {}
    for cell in cells:
        if cell.lines:
            by_row.setdefault(cell.row, []).append(cell)
    return {
        row
        for row, found in by_row.items()
        if len(found) == 1 and found[0].colspan > 1 and len(found[0].text) > PROSE_CHARS
    }


def cell_json(cell: Cell, header: bool = False) -> dict[str, object]:
    """A cell for the JSON; a header cell's Markdown is its plain text (the header is emphasis enough)."""
    markdown = escape_inline(cell.text, INLINE_MATH.get()) if header else cell.markdown
    out: dict[str, object] = {"row": cell.row, "col": cell.col, "text": cell.text, "markdown": markdown}
    if cell.rowspan > 1:
        out["rowspan"] = cell.rowspan
    if cell.colspan > 1:
        out["colspan"] = cell.colspan
    if cell.bbox is not None:
        out["bbox"] = cell.bbox.rounded()
    return out


def find_tables(raw: RawPage, em: float) -> list[Block]:
    """Every ruled table of the page as a TABLE block."""
    blocks = []
    for box, hlines, vlines in find_table_regions(raw, em):
        block = table_block(raw, box, hlines, vlines, em)
        if block is not None:
            blocks.append(block)
    return blocks


# -- a table continued on the next page --------------------------------------------------------


def join_tables(document: Document) -> None:
    """A table that ends a page and one that starts the next, with the same columns, become one.

    The second block keeps its place (blocks are never deleted) with
    ``attrs['continued']`` set and no rows of its own; a header row repeated
    at the top of the continuation (longtable's ``\\endhead``) is dropped.
    """
    previous: Block | None = None
    for page in document.pages:
        body = [b for b in page.blocks if b.layer is Layer.BODY]
        first = body[0] if body else None
        if previous is not None and first is not None and first.kind is BlockKind.TABLE and _continues(previous, first):
            _append_rows(previous, first)
        last = body[-1] if body else None
        if last is not None and last.kind is BlockKind.TABLE:
            previous = last if not last.attrs.get("continued") else previous
        else:
            previous = None


def _continues(first: Block, second: Block) -> bool:
    if first.attrs.get("cols") != second.attrs.get("cols"):
        return False
    return abs(first.bbox.x0 - second.bbox.x0) < 10 and abs(first.bbox.x1 - second.bbox.x1) < 10


def _append_rows(first: Block, second: Block) -> None:
    cells = second.attrs["cells"]
    skip = 0
    header = second.attrs.get("header_rows", 0) or 0
    if header and _row_texts(cells, range(header)) == _row_texts(first.attrs["cells"], range(header)):
        skip = header
    offset = first.attrs["rows"] - skip
    moved = []
    for cell in cells:
        if cell["row"] >= skip:
            moved.append({**cell, "row": cell["row"] + offset, "page": second.page})
    first.attrs["cells"] = first.attrs["cells"] + moved
    first.attrs["rows"] = first.attrs["rows"] + second.attrs["rows"] - skip
    first.attrs["pages"] = sorted({first.page, *first.attrs.get("pages", []), second.page})
    second.attrs["continued"] = True
    second.attrs["cells"] = []
    second.attrs["rows"] = 0


def _row_texts(cells: list[dict[str, object]], rows: range) -> list[str]:
    return [str(c["text"]) for c in cells if c["row"] in rows]


# -- tables without rules, found from their caption ---------------------------------------------

_TABLE_CAPTION = re.compile(r"^(table|tab\.|tabelle|tableau|таблица|表)\s*[\dIVX]+[a-z]?[.:\s]", re.IGNORECASE)
#: rows of an unruled table are closer than this (em); a wider gap ends the table
ROW_GAP_EM = 1.6
#: an unruled table has at least this many rows, most of them with two cells or more
MIN_UNRULED_ROWS = 3


def find_unruled_tables(raw: RawPage, em: float, taken: list[BBox]) -> list[Block]:
    """Tables without rules: aligned columns of text right under (or over) a "Table N" caption."""
    if not has_table_caption(raw):
        return []
    runs = [run for run in split_runs(raw.glyphs) if any(g.text.strip() for g in run)]
    blocks = []
    for caption_run in runs:
        if not _TABLE_CAPTION.match("".join(g.text for g in caption_run).strip()):
            continue
        caption = _run_box(caption_run)
        rows = _rows_of_runs(_same_column(runs, caption, em))
        index = next(i for i, row in enumerate(rows) if any(run is caption_run for run in row))
        if len(rows[index]) != 1:
            continue  # a caption shares its line with nothing
        for body in (_table_rows(rows[index + 1 :], caption, em), _table_rows(rows[:index][::-1], caption, em)[::-1]):
            if len(body) < MIN_UNRULED_ROWS:
                continue
            box = _boxes_union([_run_box(run) for row_runs in body for run in row_runs])
            if any(min(box.x1, t.x1) > max(box.x0, t.x0) and min(box.y1, t.y1) > max(box.y0, t.y0) for t in taken):
                continue
            block = table_block(raw, BBox(box.x0 - 0.5, box.y0 - 0.5, box.x1 + 0.5, box.y1 + 0.5), [], [], em)
            if block is not None and _mostly_multi_cell(block):
                block.attrs["ruled"] = False
                block.attrs["rules"] = "none"
                blocks.append(block)
                taken = [*taken, block.bbox]  # a caption on each side of one table: found once
                break
    return blocks


_CAPTION_WORD = re.compile(r"Table|TABLE|Tab\.|Tabelle|Tableau|Таблица|表")


def has_table_caption(raw: RawPage) -> bool:
    """Whether the page's text holds a word that starts table captions (a cheap first test)."""
    return bool(_CAPTION_WORD.search("".join(map(attrgetter("text"), raw.glyphs))))


def _same_column(runs: list[list[Glyph]], caption: BBox, em: float) -> list[list[Glyph]]:
    """The runs of the caption's column: as wide as the lines near it that overlap it (two columns)."""
    near = [
        box
        for box in map(_run_box, runs)
        if abs(box.y0 - caption.y0) < 30 * em and min(box.x1, caption.x1) > max(box.x0, caption.x0)
    ]
    left, right = min(b.x0 for b in near), max(b.x1 for b in near)
    return [run for run in runs if (box := _run_box(run)).x0 >= left - 1 and box.x1 <= right + 1]


def _rows_of_runs(runs: list[list[Glyph]]) -> list[list[list[Glyph]]]:
    """Runs (line segments) grouped into rows by vertical overlap, top to bottom, left to right."""
    rows: list[list[list[Glyph]]] = []
    for run in sorted(runs, key=lambda r: _run_box(r).y0):
        box = _run_box(run)
        if rows:
            last = _boxes_union([_run_box(r) for r in rows[-1]])
            if min(box.y1, last.y1) - max(box.y0, last.y0) > 0.5 * min(box.height, last.height):
                rows[-1].append(run)
                continue
        rows.append([run])
    return [sorted(row, key=lambda r: _run_box(r).x0) for row in rows]


def _table_rows(candidates: list[list[list[Glyph]]], caption: BBox, em: float) -> list[list[list[Glyph]]]:
    """The rows next to a caption that look like table rows: close together, not lines of prose."""
    body: list[list[list[Glyph]]] = []
    previous = caption
    for row in candidates:
        box = _boxes_union([_run_box(r) for r in row])
        gap = box.y0 - previous.y1 if box.y0 >= previous.y0 else previous.y0 - box.y1
        if gap > ROW_GAP_EM * em or min(box.x1, caption.x1 + 10 * em) <= max(box.x0, caption.x0 - 10 * em):
            break
        if len(row) == 1 and len("".join(g.text for g in row[0])) > 40 and not _has_wide_gap(row[0], em):
            break  # a line of prose
        if len(body) >= 2 and len(row) == 1 and _sticks_out(box, body, em):
            break  # a heading or a paragraph after the table, further left or right than its columns
        body.append(row)
        previous = box
    return body


def _sticks_out(box: BBox, body: list[list[list[Glyph]]], em: float) -> bool:
    table = _boxes_union([_run_box(run) for row in body for run in row])
    return box.x0 < table.x0 - em or box.x1 > table.x1 + em


def _has_wide_gap(run: list[Glyph], em: float) -> bool:
    ink = sorted((g for g in run if g.text.strip()), key=lambda g: g.x0)
    return any(b.x0 - a.x1 > COLUMN_GAP_EM * em for a, b in zip(ink, ink[1:]))


def _mostly_multi_cell(block: Block) -> bool:
    filled: dict[int, int] = {}
    for cell in block.attrs["cells"]:
        if cell["text"]:
            filled[cell["row"]] = filled.get(cell["row"], 0) + 1
    multi = sum(1 for count in filled.values() if count >= 2)
    return multi >= MIN_UNRULED_ROWS and multi >= 0.7 * len(filled)


def _run_box(run: list[Glyph]) -> BBox:
    ink = [g for g in run if g.text.strip()] or run
    return BBox(min(g.x0 for g in ink), min(g.y0 for g in ink), max(g.x1 for g in ink), max(g.y1 for g in ink))


def _boxes_union(boxes: list[BBox]) -> BBox:
    return BBox(min(b.x0 for b in boxes), min(b.y0 for b in boxes), max(b.x1 for b in boxes), max(b.y1 for b in boxes))
