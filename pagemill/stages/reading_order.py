"""Reading order: split a page's lines into columns, read top to bottom in each.

A recursive XY-cut that does not trust every horizontal gap:

1. If a vertical gap runs the whole height with a column-wide line on each
   side, cut there and read the left side first (recursively).
2. Otherwise look for a gutter that only a few lines cross (a title, a wide
   caption). Rows that cross it separate the page into sections, and each
   section is cut again::

    +---------------------------+
    |      title (full width)   |  crosses the gutter: a section of its own
    +------------+--------------+
    | col 1      |   col 2      |  a gutter no row crosses: read col 1, col 2
    +------------+--------------+
    | figure caption (full)     |  crosses: its own section
    +------------+--------------+
    | col 1      |   col 2      |
    +---------------------------+

Paragraphs that happen to end at the same height in both columns never chop
the columns into interleaved bands, as a plain XY-cut's horizontal cuts would.
3. With no gutter at all, the lines are read row by row, top to bottom.

Where a page offers two gutters crossed by as few boxes (a text column beside an infobox,
whose keys and values are parted by white space too), the one with the most rows that hold
text on both sides, no row crossing it between them, is the column boundary, however narrow::

    prose prose prose |  Key    value      <- both gaps have text on both sides here ...
    prose prose prose |  Architectures A, B, C, D    <- ... but this row crosses the
    prose prose prose |         E, F, G                 key/value gap: the prose gutter
    wide paragraph crossing both gaps                   holds over more rows
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple, Protocol, TypeVar

from ..model import BBox

#: each side of a gutter must hold a line at least this wide (fraction of the section's width);
#: keeps bullets, equation numbers and narrow table cells from passing for columns
MIN_COLUMN_FRACTION = 0.2
#: a gutter narrower than this (points) is a word gap, not a column gap
MIN_GUTTER = 4.0
#: lines overlapping vertically by more than this fraction of their height share a row
ROW_OVERLAP = 0.3
#: a gutter may be crossed by titles and wide captions: at most this fraction of the boxes
CROSSING_FRACTION = 0.3


class HasBox(Protocol):
    @property
    def bbox(self) -> BBox: ...


T = TypeVar("T", bound=HasBox)


def column_order(items: Sequence[T], right_to_left: bool = False) -> list[list[T]]:
    """Items grouped into column segments, the segments in reading order.

    On a right-to-left page (Arabic, Hebrew) the right column is read first.
    """
    leaves: list[list[T]] = []
    _cut(list(items), leaves, depth=0, rtl=right_to_left)
    return leaves


def _cut(items: list[T], leaves: list[list[T]], depth: int, rtl: bool = False) -> None:
    if not items:
        return
    boxes = [item.bbox for item in items]
    gutter = find_gutter(boxes) if depth < 12 else None
    if gutter is not None:
        left = [item for item in items if item.bbox.x1 <= gutter]
        right = [item for item in items if item.bbox.x1 > gutter]
        for side in (right, left) if rtl else (left, right):
            _cut(side, leaves, depth + 1, rtl)
        return
    rows = _rows(items)
    gutter = find_crossed_gutter(boxes) if depth < 12 else None
    if gutter is None:
        leaves.append([item for row in rows for item in row])
        return
    # rows crossing the gutter (titles, wide captions) separate the columned sections
    section: list[T] = []
    spanning: list[T] = []
    for row in rows:
        if any(item.bbox.x0 < gutter < item.bbox.x1 for item in row):
            if section:
                _cut(section, leaves, depth + 1, rtl)
                section = []
            spanning.extend(row)
        else:
            if spanning:
                leaves.append(spanning)
                spanning = []
            section.extend(row)
    if section:
        _cut(section, leaves, depth + 1, rtl)
    if spanning:
        leaves.append(spanning)


def _rows(items: list[T]) -> list[list[T]]:
    """Items sorted top to bottom and grouped into rows, each row left to right."""
    ordered = sorted(items, key=lambda item: (item.bbox.y0, item.bbox.x0))
    rows: list[list[T]] = []
    bottom = -1e9
    for item in ordered:
        box = item.bbox
        shrink = ROW_OVERLAP * box.height
        if rows and box.y0 + shrink < bottom:
            rows[-1].append(item)
            bottom = max(bottom, box.y1 - shrink)
        else:
            rows.append([item])
            bottom = box.y1 - shrink
    for row in rows:
        row.sort(key=lambda item: item.bbox.x0)
    return rows


def _column_width(boxes: list[BBox]) -> tuple[float, float]:
    left_edge = min(b.x0 for b in boxes)
    width = max(b.x1 for b in boxes) - left_edge
    return left_edge, MIN_COLUMN_FRACTION * width


def find_gutter(boxes: list[BBox]) -> float | None:
    """The x of the widest vertical gap that no box crosses and that has columns on both sides."""
    if len(boxes) < 2:
        return None
    _, min_side = _column_width(boxes)
    best: tuple[float, float] | None = None
    reach = -1e9
    widest_left = 0.0
    for box in sorted(boxes, key=lambda b: b.x0):
        gap = box.x0 - reach
        if reach > -1e9 and gap >= MIN_GUTTER and widest_left >= min_side:
            widest_right = max((b.width for b in boxes if b.x0 >= box.x0), default=0.0)
            if widest_right >= min_side and (best is None or gap > best[0]):
                best = (gap, (reach + box.x0) / 2)
        reach = max(reach, box.x1)
        widest_left = max(widest_left, box.width)
    return best[1] if best else None


def find_crossed_gutter(boxes: list[BBox]) -> float | None:
    """A gutter that a few boxes cross: columns under a title, beside a wide caption.

    Candidates are the right edges of boxes. At a candidate x, boxes end left of
    it, start right of it (after a gap of MIN_GUTTER), or cross it. A gutter is
    crossed by at most CROSSING_FRACTION of the boxes, with at least two
    column-wide lines on each side; of the candidates in one white gap (ending
    at the same box) the one crossed by the fewest boxes stands for it. Of two
    gaps or more, the one that holds over the most rows with text on both sides
    is the gutter (``_support``); then the one crossed by the fewest boxes, then
    the widest.
    """
    if len(boxes) < 4:
        return None
    _, min_side = _column_width(boxes)
    wide = [b for b in boxes if b.width >= min_side]
    wide_ends = sorted(b.x1 for b in wide)
    wide_starts = sorted(b.x0 for b in wide)
    ends = sorted(b.x1 for b in boxes)
    starts = sorted(b.x0 for b in boxes)
    gaps: dict[int, tuple[int, float, float]] = {}  # the white gap (its right side's index) -> its best candidate
    for x in ends:
        left = bisect_right(ends, x)
        right_index = bisect_right(starts, x + MIN_GUTTER)
        right = len(starts) - right_index
        crossing = len(boxes) - left - right
        if crossing > CROSSING_FRACTION * len(boxes) or crossing >= min(left, right):
            continue
        if bisect_right(wide_ends, x) < 2 or len(wide_starts) - bisect_right(wide_starts, x + MIN_GUTTER) < 2:
            continue
        gap = starts[right_index] - x if right_index < len(starts) else 0.0
        best = gaps.get(right_index)
        if best is None or (crossing, -gap) < (best[0], -best[1]):
            gaps[right_index] = (crossing, gap, x + gap / 2)
    if len(gaps) > 1:
        rows = _box_rows(boxes)
        return max(gaps.values(), key=lambda c: (_support(rows, c[2]), -c[0], c[1]))[2]
    return next(iter(gaps.values()))[2] if gaps else None


class _Boxed(NamedTuple):
    bbox: BBox


def _box_rows(boxes: list[BBox]) -> list[list[BBox]]:
    """Boxes grouped into rows top to bottom, as ``_rows`` groups items."""
    return [[item.bbox for item in row] for row in _rows([_Boxed(b) for b in boxes])]


def _support(rows: list[list[BBox]], x: float) -> int:
    """The most rows with text on both sides of x that follow each other with no row crossing x.

    A column boundary holds over many lines; a gap between a table's keys and values,
    or a word gap that happens to line up, is crossed by a row that runs over it.
    """
    best = run = 0
    for row in rows:
        if any(b.x0 < x < b.x1 for b in row):
            run = 0
        elif any(b.x1 <= x for b in row) and any(b.x0 >= x for b in row):
            run += 1
            best = max(best, run)
    return best
