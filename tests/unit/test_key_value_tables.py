"""Key/value boxes beside a text column (tables/keyvalue.py), on synthetic boxes.

The gutter between a prose column and an infobox is found from the gaps after the prose lines;
a two-column grid is read as keys and values only where the keys are bold and short, keys and
values each start at one edge, and no value is bold; wrapped values and a key set solid on two
lines join their row; lone centred lines at its top (and the box's title above it) are heads.
"""

from __future__ import annotations

from typing import Any

from pagemill.model import BBox, Block, BlockKind, Font, Glyph, Line, RawPage
from pagemill.stages.tables.keyvalue import as_key_value, text_column_gutter
from pagemill.stages.tables.segments import Segment

EM = 10.0


def _segment(x0: float, x1: float, y: float) -> Segment:
    return Segment([Glyph("x", x0, y, x1, y + 9, EM, 0)], BBox(x0, y, x1, y + 9))


def _prose_beside_box(box_rows: int) -> list[list[Segment]]:
    """Prose lines 50-(260..278) on every row; a key (290-335) and value (356-470) on the first ``box_rows``."""
    rows = []
    for i in range(12):
        y = 100 + 14 * i
        row = [_segment(50, 260 + (i % 3) * 9, y)]
        if i < box_rows:
            row += [_segment(290, 335, y), _segment(356, 470, y)]
        rows.append(row)
    return rows


def test_the_gutter_after_a_prose_column_beside_a_box() -> None:
    gutter = text_column_gutter(_prose_beside_box(8), EM)
    assert gutter is not None and 278 < gutter < 290


def test_too_few_rows_beside_the_prose_are_no_gutter() -> None:
    assert text_column_gutter(_prose_beside_box(4), EM) is None


def test_a_prose_line_reaching_past_the_box_edge_leaves_no_common_gap() -> None:
    rows = _prose_beside_box(8)
    y = rows[3][0].box.y0
    rows[3] = [_segment(50, 300, y), _segment(356, 470, y)]  # runs past the keys' edge (290): no column there
    assert text_column_gutter(rows, EM) is None


def _line(text: str, x: float, y: float, bold: bool = False, pitch: float = 5) -> Line:
    return Line(text, f"**{text}**" if bold else text, BBox(x, y, x + pitch * len(text), y + 9), EM, bold=bold)


def _box(rows: list[tuple[str, list[str]]], bold: bool = True, heads: tuple[str, ...] = ()) -> Block:
    """A grid of two columns (keys 290-350, values 356-540) as the borderless search builds it.

    Each row: a key (empty: the row continues the value above) and its value's lines, 12 pt apart;
    a new key 17 pt under the last line. ``heads``: lone lines centred over the box at its top.
    """
    lines, cells = [], []
    y, row = 80.0, 0
    for head in heads:
        x = 415 - 2.5 * len(head)
        lines.append(_line(head, x, y, bold=True))
        cells.append({"row": row, "col": 1, "text": head, "bbox": [350, y - 1, 540, y + 11]})
        y, row = y + 17, row + 1
    for key, values in rows:
        top = y
        if key:
            lines.append(_line(key, 290, y, bold=bold, pitch=min(5, 55 / len(key))))  # within the key column
        for k, value in enumerate(values):
            lines.append(_line(value, 356, y + 12 * k))
        bottom = y + 12 * max(len(values), 1)
        if key:
            cells.append({"row": row, "col": 0, "text": key, "bbox": [290, top - 1, 350, bottom]})
        cells.append({"row": row, "col": 1, "text": " ".join(values), "bbox": [350, top - 1, 540, bottom]})
        y, row = bottom + 5, row + 1
    attrs: dict[str, Any] = {"cols": 2, "rows": row, "cells": cells, "header_rows": 0}
    return Block(BlockKind.TABLE, 1, BBox(290, 79, 540, y), lines, attrs)


def _empty_page() -> RawPage:
    return RawPage(1, 600, 800, 0, [], [Font("Times")])


def _grid(block: Block) -> list[list[str]]:
    rows: dict[int, list[str]] = {}
    for cell in sorted(block.attrs["cells"], key=lambda c: (c["row"], c["col"])):
        rows.setdefault(cell["row"], []).append(cell["text"] + ("*" if cell.get("colspan") == 2 else ""))
    return [rows[k] for k in sorted(rows)]


def test_bold_keys_and_plain_values_are_a_table_their_wrapped_lines_joined() -> None:
    block = _box(
        [
            ("Developer", ["various"]),
            ("Kernel", ["monolithic"]),
            ("Targets", ["Alpha, ARC,", "ARM, AVR32"]),
            ("Licence", ["GPLv2"]),
        ],
        heads=("Basic data",),
    )
    assert as_key_value(block, EM, _empty_page()) == ""
    assert _grid(block) == [
        ["Basic data*"],
        ["Developer", "various"],
        ["Kernel", "monolithic"],
        ["Targets", "Alpha, ARC, ARM, AVR32"],
        ["Licence", "GPLv2"],
    ]
    assert block.attrs["header_rows"] == 1 and block.attrs["rows"] == 5


def test_a_key_set_as_solid_as_a_wrapped_value_continues_the_key_above() -> None:
    block = _box(
        [("Developer", ["various"]), ("Latest", ["4.7"]), ("release", ["(2016)"]), ("Licence", ["GPL", "and others"])]
    )
    for text in ("release", "(2016)"):  # 12 pt under "Latest": as solid as "GPL" over "and others"
        k, line = next((k, line) for k, line in enumerate(block.lines) if line.text == text)
        box = BBox(line.bbox.x0, line.bbox.y0 - 5, line.bbox.x1, line.bbox.y1 - 5)
        block.lines[k] = Line(line.text, line.markdown, box, EM, bold=line.bold)
    assert as_key_value(block, EM, _empty_page()) == ""
    assert _grid(block) == [["Developer", "various"], ["Latest release", "4.7 (2016)"], ["Licence", "GPL and others"]]


def test_plain_keys_are_not_enough() -> None:
    block = _box([("Developer", ["various"]), ("Kernel", ["monolithic"]), ("Licence", ["GPLv2"])], bold=False)
    assert "keys bold" in as_key_value(block, EM, _empty_page())
    assert block.attrs["rows"] == 3 and "keys" not in block.attrs


def test_keys_as_long_as_a_line_of_text_are_prose() -> None:
    long_key = "a sentence of prose that runs on far too long"
    block = _box([(long_key, ["x"]), ("Kernel", ["monolithic"]), ("Licence", ["GPLv2"]), ("Size", ["4 MB"])])
    assert "as long as a line of text" in as_key_value(block, EM, _empty_page())


def test_the_box_title_centred_above_it_is_a_head() -> None:
    title = [Glyph(word, x, 40, x + 5 * len(word), 52, 12.0, 0) for word, x in (("Harbour", 380.0), ("data", 420.0))]
    page = RawPage(1, 600, 800, 0, title, [Font("Times", bold=True)])
    block = _box([("Developer", ["various"]), ("Kernel", ["monolithic"]), ("Licence", ["GPLv2"])])
    assert as_key_value(block, EM, page) == ""
    assert _grid(block)[0] == ["Harbour data*"]
    assert block.bbox.y0 == 40


def test_long_labels_beside_their_numbers_are_no_text_column() -> None:
    """A financial statement: labels as wide as a line of text, a number beside each, nothing running on."""
    rows = [[_segment(50, 260, 100 + 14 * i), _segment(400, 440, 100 + 14 * i)] for i in range(10)]
    assert text_column_gutter(rows, EM) is None
