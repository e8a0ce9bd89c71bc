"""Header rows of a table without a rule under its header: found from the numbers under it.

                    2025                 2024         <- a head centred over a group of columns: colspan 3
    Item       H1    H2    Year     H1    H2    Year  <- "Item" with nothing above it: rowspan 2
    Taxation  64.5  98.2   40.1    1.8  34.3    59.7  <- the first row with numbers: the body starts

The rows above the first row that holds a number in a value column are the
header, where most rows under them hold numbers (a statement, a schedule).
A header cell alone over several columns of the header row under it spans
those columns when it sits centred over them; a header cell with no text
above it (and no span over it) reaches up to the header's first row.
"""

from __future__ import annotations

import re

from ...model import Glyph
from .grid import Grid, _slot

#: at most this many header rows are found from the numbers under them
MAX_HEADER_ROWS = 3

_NUMBER = re.compile(r"^[(\[–—−-]?\s*[$€£¥]?\s*[(–—−-]?\d[\d.,  ]*\)?\s*%?[¹²³⁴⁵⁶⁷⁸⁹⁰*†‡a-z]?\)?$|^[–—−-]+$")

_YEAR = re.compile(r"^(19|20)\d\d[a-z]?$")


def infer_header(grid: Grid, glyphs: list[Glyph], em: float) -> None:
    """Header rows (where no rule marks them) and the spans of their cells, for a grid without vertical rules."""
    rows, cols = len(grid.ys) - 1, len(grid.xs) - 1
    texts = _texts(grid, glyphs)
    numeric = [any(_is_value(texts.get((i, j), "")) for j in range(1, cols)) for i in range(rows)]
    first = grid.header_rows  # a rule under the header marks where it ends
    if not first:
        first = next((i for i in range(rows) if numeric[i]), rows)
        # section labels right above the first numbers ("Revenue" alone in the label column) are body rows
        first = 1 + max((i for i in range(first) if any((i, j) in texts for j in range(1, cols))), default=-1)
        if first == 0 or first > MAX_HEADER_ROWS or first >= rows - 1:
            return
        if sum(numeric[first:]) < 0.5 * (rows - first):
            return  # not a table of numbers: no evidence where its header ends
        grid.header_rows = first
    elif first > MAX_HEADER_ROWS:
        return
    centres = _centres(grid, glyphs)
    for i in range(first - 1):
        _span_groups(grid, i, texts, centres, em)
        _span_left_aligned(grid, i, texts, _lefts(grid, glyphs), em)
    for j in range(cols):
        for i in range(1, first):
            if (i, j) in texts and all((k, j) not in texts and not _spanned(grid, k, j) for k in range(i)):
                grid.open_rows.update((k, j) for k in range(1, i + 1))
    for j in range(cols):  # a head of the first row with nothing under it in the header reaches down
        under = range(1, first)
        stub = (0, j) in texts and not _spanned(grid, 0, j)
        if stub and not any((k, j) in texts or _spanned(grid, k, j) for k in under):
            grid.open_rows.update((k, j) for k in under)


def _is_value(text: str) -> bool:
    """A number of the table's body; a year ("2025") heads a column."""
    return bool(_NUMBER.match(text)) and not _YEAR.match(text)


def _texts(grid: Grid, glyphs: list[Glyph]) -> dict[tuple[int, int], str]:
    parts: dict[tuple[int, int], list[Glyph]] = {}
    for g in glyphs:
        if g.text.strip():
            parts.setdefault((_slot(grid.ys, (g.y0 + g.y1) / 2), _slot(grid.xs, (g.x0 + g.x1) / 2)), []).append(g)
    return {key: "".join(g.text for g in sorted(found, key=lambda g: g.x0)).strip() for key, found in parts.items()}


def _centres(grid: Grid, glyphs: list[Glyph]) -> dict[tuple[int, int], float]:
    """The middle of each cell's ink, and of each column's ink over all rows (row -1)."""
    spans: dict[tuple[int, int], tuple[float, float]] = {}
    for g in glyphs:
        if not g.text.strip():
            continue
        j = _slot(grid.xs, (g.x0 + g.x1) / 2)
        for key in ((_slot(grid.ys, (g.y0 + g.y1) / 2), j), (-1, j)):
            a, b = spans.get(key, (g.x0, g.x1))
            spans[key] = (min(a, g.x0), max(b, g.x1))
    return {key: (a + b) / 2 for key, (a, b) in spans.items()}


def _span_groups(
    grid: Grid, i: int, texts: dict[tuple[int, int], str], centres: dict[tuple[int, int], float], em: float
) -> None:
    """Cells of header row i each take the columns nearest to them, kept where they sit centred on them.

    Only the columns the row under names can be taken: a stub column (a head over the labels,
    nothing under it in the header) belongs to no group.
    """
    cols = len(grid.xs) - 1
    heads = sorted(j for j in range(1, cols) if (i, j) in texts)
    named = [j for j in range(1, cols) if (i + 1, j) in texts]
    if not heads or not named:
        return
    owner: dict[int, int] = {}
    for j in named:
        x = centres.get((-1, j), (grid.xs[j] + grid.xs[j + 1]) / 2)
        owner[j] = min(heads, key=lambda h: abs(centres[(i, h)] - x))
    for head in heads:
        group = [j for j, h in owner.items() if h == head]
        if len(group) < 2 or group != list(range(group[0], group[-1] + 1)):
            continue
        left = centres.get((i + 1, group[0]), grid.xs[group[0]])
        right = centres.get((i + 1, group[-1]), grid.xs[group[-1] + 1])
        if abs((left + right) / 2 - centres[(i, head)]) < 1.5 * em:
            grid.open_cols.update((i, j) for j in group[1:])


def _span_left_aligned(
    grid: Grid, i: int, texts: dict[tuple[int, int], str], lefts: dict[tuple[int, int], float], em: float
) -> None:
    """A head set flush left over a group: it spans the empty cells of its row up to the next head.

    Region   Station   Temperature           Pressure
                       Min        Max        Min        Max     <- each group named under it
    """
    cols = len(grid.xs) - 1
    starts = [j for j in range(cols) if (i, j) in texts]
    for head, following in zip(starts, [*starts[1:], cols]):
        group = range(head, following)
        if head == 0 or len(group) < 2 or _spanned(grid, i, head):
            continue
        if any((i + 1, j) not in texts for j in group):
            continue
        if abs(lefts[(i, head)] - lefts.get((i + 1, head), grid.xs[head])) < 0.5 * em:
            grid.open_cols.update((i, j) for j in group[1:])


def _lefts(grid: Grid, glyphs: list[Glyph]) -> dict[tuple[int, int], float]:
    """Where each cell's ink starts."""
    found: dict[tuple[int, int], float] = {}
    for g in glyphs:
        if g.text.strip():
            key = (_slot(grid.ys, (g.y0 + g.y1) / 2), _slot(grid.xs, (g.x0 + g.x1) / 2))
            found[key] = min(found.get(key, g.x0), g.x0)
    return found


def _spanned(grid: Grid, i: int, j: int) -> bool:
    return (i, j) in grid.open_cols or (i, j + 1) in grid.open_cols
