"""Column starts shared by the rows of a table set tight: left edges that cut a row's text into cells.

A LaTeX table of left-aligned columns (``\\begin{tabular}{lllll}``) set small may leave less than a
cell gap (COLUMN_GAP_EM) between a column's widest text and the next column, and its header
row no wider gaps than word spaces:

    Station Mean Min Max Days       <- word spaces only: one run of text
    Cape    6.4  2   13  361        <- wide gaps: five cells
    Island 4.8   0   10  340        <- "Island" ends 0.8 em before "4.8": one run

The columns still show: their text starts on the same x, to a fraction of a point, in every
row. An x where the words of most rows start, some of them after a wide gap (a cell seen as
one), is a column start (``column_starts``). A run of text is cut there only where it has a
word starting on every column start it crosses (``cut_runs``): a spanning header ("Literacy
Status" over six columns) crosses starts where none of its words begin and stays one run;
labels with the same first word ("Total assets", "Total equity") start their second words
on one x too, but never after a wide gap: no column start.

Cost: one pass over a table's glyphs per row, a sort of the word starts; only in a table's grid.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

from ...model import Glyph
from .rules import COLUMN_GAP_EM

#: a word starts after a gap of at least this (em) from the ink before it (a word space is 0.25-0.33 em)
WORD_GAP_EM = 0.15
#: a head set one word a column crosses its column's boundary by at most this much (em)
HEAD_OVERHANG_EM = 0.5
#: text edges this close (points) are one edge: a column's text starts on one x in every row
SAME_EDGE_PT = 0.6
#: a column start holds the first words of this share of the rows whose text reaches it, and MIN_ROWS rows
MAJORITY = 0.6
MIN_ROWS = 3
#: ... and of at least this many rows after a wide gap (cells that the gap already tells apart)
MIN_WIDE = 2


#: a column start: its x, and the extent of the column before it (left edge, right edge)
ColumnStart = tuple[float, float, float]


class Start(NamedTuple):
    """A word's left edge in a row, whether a cell gap is before it, and the ink before it since the last one."""

    x: float
    wide: bool
    before: tuple[float, float]


def word_starts(row: list[Glyph], em: float) -> list[Start]:
    """Where the words of one text row start (its first word aside)."""
    out: list[Start] = []
    end: float | None = None
    cell = 0.0  # where the text since the last cell gap starts
    for g in sorted(row, key=lambda g: g.x0):
        if not g.text.strip():
            continue
        if end is None:
            cell = g.x0
        elif g.x0 - end >= WORD_GAP_EM * em:
            wide = g.x0 - end >= COLUMN_GAP_EM * em
            out.append(Start(g.x0, wide, (cell, end)))
            if wide:
                cell = g.x0
        end = g.x1 if end is None else max(end, g.x1)
    return out


def column_starts(rows: list[list[Glyph]], em: float) -> list[ColumnStart]:
    """Left edges where the words of most rows start, some after a wide gap, each with the extent of the
    cells that those wide gaps close (the column before it)."""
    starts = sorted((s.x, k, s) for k, row in enumerate(rows) for s in word_starts(row, em))
    extents: list[tuple[float, float]] = []
    found: list[ColumnStart] = []
    i = 0
    while i < len(starts):
        j = i
        while j + 1 < len(starts) and starts[j + 1][0] - starts[i][0] <= SAME_EDGE_PT:
            j += 1
        group = starts[i : j + 1]
        i = j + 1
        wide = [s for _, _, s in group if s.wide]
        aligned = {k for _, k, _ in group}
        if len(aligned) < MIN_ROWS or len({k for _, k, s in group if s.wide}) < MIN_WIDE:
            continue
        if not extents:  # measured once, for the few edges that get this far
            extents = [(min(g.x0 for g in row), max(g.x1 for g in row)) for row in rows]
        x = group[0][0]
        reaching = sum(1 for a, b in extents if a < x - SAME_EDGE_PT < b)
        if len(aligned) >= MAJORITY * reaching:
            found.append((x, min(s.before[0] for s in wide), max(s.before[1] for s in wide)))
    return found


def cut_runs(
    runs: list[tuple[float, float]], row: list[Glyph], starts: list[ColumnStart], em: float
) -> list[tuple[float, float]]:
    """A row's ink runs, each cut at the column starts it crosses where it has a word starting on every
    one and the text before each falls in the column before it (an amount's digits right under another
    amount's "$" do not)."""
    if not any(a + SAME_EDGE_PT < x < b for a, b in runs for x, _, _ in starts):
        return runs
    words = {s.x: s.before for s in word_starts(row, em)}
    out: list[tuple[float, float]] = []
    for a, b in runs:
        crossed = [(x, lo, hi) for x, lo, hi in starts if a + SAME_EDGE_PT < x < b]
        pieces: list[tuple[float, float]] = []
        left = a
        for x, lo, hi in crossed:
            word = next((w for w in words if abs(w - x) <= SAME_EDGE_PT), None)
            end = words[word][1] if word is not None else b
            if word is None or min(end, hi) <= max(left, lo):
                pieces = []
                break
            pieces.append((left, end))
            left = word
        out.extend([*pieces, (left, b)] if pieces else [(a, b)])
    return out


def heads_over_columns(
    runs: list[tuple[float, float]], row: list[Glyph], xs: list[float], em: float
) -> list[tuple[float, float]]:
    """Runs cut where their words sit one over each column: a header set tight, one word a column.

    ``method method sterilization sterilization`` over four columns reads as one run (its words
    are a space apart); it is four heads when it holds one word per column it covers, three or
    more, each word centred in its column and crossing no boundary by more than HEAD_OVERHANG_EM.
    A head spanning columns ("Modern method" over seven) has fewer words than columns.
    """
    out: list[tuple[float, float]] = []
    for a, b in runs:
        crossed = [x for x in xs[1:-1] if a < x - 0.5 < x + 0.5 < b]
        if len(crossed) < 2:
            out.append((a, b))
            continue
        words = _row_words([g for g in row if a <= g.x0 and g.x1 <= b], em)
        columns = [_slot(xs, (w0 + w1) / 2) for w0, w1 in words]
        overhang = HEAD_OVERHANG_EM * em
        if (
            len(words) == len(crossed) + 1
            and len(set(columns)) == len(words)
            and all(xs[j] - overhang <= w0 and w1 <= xs[j + 1] + overhang for (w0, w1), j in zip(words, columns))
        ):
            out.extend((max(w0, xs[j] + 1), min(w1, xs[j + 1] - 1)) for (w0, w1), j in zip(words, columns))
        else:
            out.append((a, b))
    return out


def _row_words(row: list[Glyph], em: float) -> list[tuple[float, float]]:
    """The x-extents of the words of one text row (ink apart by more than a letter's space)."""
    words: list[tuple[float, float]] = []
    for g in sorted((g for g in row if g.text.strip()), key=lambda g: g.x0):
        if words and g.x0 - words[-1][1] < WORD_GAP_EM * em:
            words[-1] = (words[-1][0], max(words[-1][1], g.x1))
        else:
            words.append((g.x0, g.x1))
    return words


def _slot(bounds: list[float], value: float) -> int:
    """The index of the cell between ``bounds`` that holds ``value`` (the first or last one outside them)."""
    k = bisect_right(bounds, value) - 1  # (comparisons, not min() and max(): asked for every glyph of a table)
    if k < 0:
        k = 0
    last = len(bounds) - 2
    return k if k < last else last

