"""A table continued over a page break: its repeated header is dropped, however each page's grid splits it."""

from __future__ import annotations

from typing import Any

from pagemill.model import BBox, Block, BlockKind
from pagemill.stages.tables.continued import _append_rows


def _table(page: int, rows: list[list[str]], header_rows: int) -> Block:
    cells: list[dict[str, Any]] = [
        {"row": r, "col": c, "text": text} for r, row in enumerate(rows) for c, text in enumerate(row)
    ]
    attrs = {"rows": len(rows), "cols": len(rows[0]), "header_rows": header_rows, "cells": cells}
    return Block(BlockKind.TABLE, page, BBox(70, 100, 520, 300), [], attrs)


def _rows(block: Block) -> list[list[str]]:
    grid = [["" for _ in range(block.attrs["cols"])] for _ in range(block.attrs["rows"])]
    for cell in block.attrs["cells"]:
        grid[cell["row"]][cell["col"]] = cell["text"]
    return grid


def test_a_header_repeated_in_other_rows_on_the_next_page_is_dropped() -> None:
    # page 1's grid set the spanning years a row lower than page 2's: the same words, other rows
    first = _table(1, [["Item", "H1", "", "H1", ""], ["", "", "2025", "", "2024"], ["", "", "H2", "", "H2"],
                       ["Interest", "70.9", "55.5", "37.9", "43.1"]], 3)  # fmt: skip
    second = _table(2, [["Item", "2025", "", "2024", ""], ["", "H1", "H2", "H1", "H2"],
                        ["Grants paid", "(69.8)", "(11.5)", "(11.6)", "(14.7)"]], 2)  # fmt: skip
    _append_rows(first, second)
    assert _rows(first)[3:] == [["Interest", "70.9", "55.5", "37.9", "43.1"],
                                ["Grants paid", "(69.8)", "(11.5)", "(11.6)", "(14.7)"]]  # fmt: skip
    assert second.attrs["continued"] and second.attrs["rows"] == 0


def test_a_first_row_like_no_header_is_kept() -> None:
    first = _table(1, [["Item", "2025", "2024"], ["Interest", "70.9", "55.5"]], 1)
    second = _table(2, [["Grants", "2025", "2024"], ["Sales", "1.2", "3.4"]], 1)
    _append_rows(first, second)
    assert [row[0] for row in _rows(first)] == ["Item", "Interest", "Grants", "Sales"]
