"""Reading order on synthetic boxes: columns, full-width titles, figures across columns."""

from dataclasses import dataclass

from pagemill.model import BBox
from pagemill.stages.reading_order import _box_rows, _support, column_order, find_crossed_gutter, find_gutter


@dataclass
class Item:
    name: str
    bbox: BBox


def column(prefix: str, x0: float, x1: float, top: float, count: int, step: float = 12) -> list[Item]:
    return [Item(f"{prefix}{i}", BBox(x0, top + i * step, x1, top + i * step + 10)) for i in range(count)]


def names(leaves: list[list[Item]]) -> list[str]:
    return [item.name for leaf in leaves for item in leaf]


def test_two_columns_read_left_then_right() -> None:
    items = column("L", 50, 290, 100, 5) + column("R", 310, 550, 100, 5)
    assert names(column_order(items)) == [f"L{i}" for i in range(5)] + [f"R{i}" for i in range(5)]


def test_full_width_title_above_columns_and_caption_between() -> None:
    title = [Item("T", BBox(100, 50, 500, 70))]
    top = column("A", 50, 290, 100, 4) + column("B", 310, 550, 100, 4)
    caption = [Item("C", BBox(50, 160, 550, 170))]
    bottom = column("D", 50, 290, 190, 3) + column("E", 310, 550, 190, 3)
    order = names(column_order(title + top + caption + bottom))
    assert order == ["T", "A0", "A1", "A2", "A3", "B0", "B1", "B2", "B3", "C", "D0", "D1", "D2", "E0", "E1", "E2"]


def test_aligned_paragraph_gaps_do_not_interleave_columns() -> None:
    # both columns have a paragraph break at the same height: a plain XY-cut would cut there
    left = column("L", 50, 290, 100, 3) + column("L", 50, 290, 150, 3)
    right = column("R", 310, 550, 100, 3) + column("R", 310, 550, 150, 3)
    order = names(column_order(left + right))
    assert order[:6] == ["L0", "L1", "L2", "L0", "L1", "L2"]


def test_three_columns() -> None:
    items = column("A", 40, 200, 100, 4) + column("B", 215, 375, 100, 4) + column("C", 390, 550, 100, 4)
    assert names(column_order(items)) == [f"{c}{i}" for c in "ABC" for i in range(4)]


def test_bullets_are_not_a_column() -> None:
    bullets = [Item(f"b{i}", BBox(50, 100 + 12 * i, 55, 110 + 12 * i)) for i in range(4)]
    text = [Item(f"t{i}", BBox(65, 100 + 12 * i, 500, 110 + 12 * i)) for i in range(4)]
    assert find_gutter([i.bbox for i in bullets + text]) is None
    assert names(column_order(bullets + text)) == ["b0", "t0", "b1", "t1", "b2", "t2", "b3", "t3"]


def test_short_heading_at_top_of_right_column_stays_in_it() -> None:
    title = [Item("T", BBox(150, 40, 450, 60))]
    heading = [Item("H", BBox(310, 90, 360, 100))]
    left = column("L", 50, 290, 90, 6)
    right = column("R", 310, 550, 110, 4)
    assert names(column_order(title + heading + left + right)) == (
        ["T"] + [f"L{i}" for i in range(6)] + ["H"] + [f"R{i}" for i in range(4)]
    )


def test_right_to_left_pages_read_the_right_column_first() -> None:
    items = column("L", 50, 290, 100, 3) + column("R", 310, 550, 100, 3)
    assert names(column_order(items, right_to_left=True)) == ["R0", "R1", "R2", "L0", "L1", "L2"]


def infobox_page() -> tuple[list[Item], list[Item], list[Item]]:
    """A prose column (50-280) beside a key/value box (keys 290-335, values 356-): the gutter
    between them is 10 pt; the gap between keys and values is wider but one row runs over it."""
    prose = column("P", 50, 280, 100, 20, step=14)
    box = []
    for i, key in enumerate(["K0", "K1", "K2"]):
        y = 100 + 28 * i
        box += [Item(key, BBox(290, y, 335, y + 10)), Item(f"V{i}", BBox(356, y, 470, y + 10))]
    box.append(Item("K3 V3", BBox(290, 184, 536, 194)))  # a key and its long value, read as one line
    box += [Item(f"W{i}", BBox(356, 198 + 14 * i, 520, 208 + 14 * i)) for i in range(4)]  # the value wrapped
    # a paragraph across the page; its last line ends between the keys and the values
    wide = [Item(f"F{i}", BBox(50, 400 + 14 * i, 540, 410 + 14 * i)) for i in range(3)]
    wide.append(Item("F3", BBox(50, 442, 324, 452)))
    return prose, box, wide


def test_a_narrow_gutter_held_over_many_rows_beats_a_wider_gap_a_row_crosses() -> None:
    prose, box, wide = infobox_page()
    order = names(column_order(prose + box + wide))
    assert order[:20] == [f"P{i}" for i in range(20)]
    assert order[20:] == ["K0", "V0", "K1", "V1", "K2", "V2", "K3 V3", "W0", "W1", "W2", "W3", "F0", "F1", "F2", "F3"]


def test_support_counts_rows_with_text_on_both_sides_until_a_row_crosses() -> None:
    prose, box, wide = infobox_page()
    rows = _box_rows([item.bbox for item in prose + box + wide])
    assert _support(rows, 285) == 8  # every row of the box, prose beside it; no row crosses
    assert _support(rows, 345) == 4  # the key/value gap: K3 V3 crosses it, the wrapped value's rows follow
    assert find_crossed_gutter([item.bbox for item in prose + box + wide]) == 285
