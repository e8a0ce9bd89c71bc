"""A prose column beside an infobox is no column of the box's rows (tables/aligned.py: _text_column_beside).

real-masks (a scanned Wikipedia page): the lines of the text column beside the infobox were cut
into the rows of a three-column grid ("bezeichnet." | "" | ""; "Das modular ..." | "Version" | ...).
"""

from __future__ import annotations

from pagemill.model import BBox, Block, BlockKind, Font, Glyph, RawPage
from pagemill.stages.tables.aligned import _text_column_beside

EM = 10.0


def _line(text: str, x: float, y: float) -> list[Glyph]:
    return [Glyph(c, x + 5 * i, y, x + 5 * i + 5, y + 9, EM, 0) for i, c in enumerate(text)]


def _grid(first_column: list[str]) -> Block:
    """Three columns from x 50: the first 50-200, then an infobox's labels (210-280) and values (280-400)."""
    cells = []
    labels, values = ["Entwickler", "", "Version"], ["diverse", "", "4.7"]
    for row, (text, label, value) in enumerate(zip(first_column, labels, values)):
        y = 200 + 12 * row
        for col, (x0, x1, cell) in enumerate(((50, 210, text), (210, 280, label), (280, 400, value))):
            cells.append({"row": row, "col": col, "text": cell, "bbox": [x0, y, x1, y + 12]})
    return Block(BlockKind.TABLE, 1, BBox(50, 200, 400, 236), [], {"cols": 3, "rows": 3, "cells": cells})


def _page(above: list[str], below: list[str]) -> RawPage:
    glyphs = [g for n, text in enumerate(above) for g in _line(text, 50, 200 - 12 * (len(above) - n))]
    glyphs += [g for n, text in enumerate(below) for g in _line(text, 50, 240 + 12 * n)]
    return RawPage(1, 600, 800, 0, glyphs, [Font("Times")])


def test_a_text_column_running_on_above_and_below_is_no_column_of_the_table() -> None:
    grid = _grid(["bezeichnet.", "", "Das modular gebaute"])
    prose = _page(["Als Linux bezeichnet", "man in der Regel die"], ["Software der ganzen", "Welt, die an den"])
    assert "column 1 is a column of the page's text" in _text_column_beside(prose, grid, EM)


def test_a_caption_above_and_prose_across_the_page_below_leave_the_table() -> None:
    grid = _grid(["Coast", "", "Inland"])
    assert _text_column_beside(_page(["Table 1: Stations"], ["Note: hourly."]), grid, EM) == ""  # a line each side
    wide = "a paragraph that runs across the whole width of the table and past it"
    assert _text_column_beside(_page([wide, wide], [wide, wide]), grid, EM) == ""
