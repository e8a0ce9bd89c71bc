"""A table cell takes whole words: a header word wider than its column is not cut at the column's edge."""

from __future__ import annotations

from pagemill.model import Glyph
from pagemill.stages.tables.cells import make_cells
from pagemill.stages.tables.grid import Grid

SIZE = 9.0


def _word(text: str, x: float, y: float) -> list[Glyph]:
    return [Glyph(c, x + 4.5 * i, y, x + 4.5 * (i + 1), y + SIZE, SIZE, 0) for i, c in enumerate(text)]


def test_a_word_wider_than_its_column_goes_whole_to_the_column_of_its_middle() -> None:
    """A column 30 pt wide under "Injectables" (49.5 pt), which runs over both its edges."""
    glyphs = [
        *_word("IUD", 70.0, 10.0),
        Glyph(" ", 83.5, 10.0, 86.0, 10.0 + SIZE, SIZE, 0),
        *_word("Injectables", 95.0, 10.0),  # 95 .. 144.5 over the column 100 .. 130: its middle 119.75
        *_word("Nirodh", 148.0, 10.0),
        *_word("0.0", 80.0, 25.0),
        *_word("0.2", 110.0, 25.0),
        *_word("2.2", 140.0, 25.0),
    ]
    grid = Grid(xs=[60.0, 100.0, 130.0, 190.0], ys=[8.0, 22.0, 36.0])
    cells = make_cells(grid, glyphs)
    assert [[c.text for c in cells if c.row == r] for r in (0, 1)] == [
        ["IUD", "Injectables", "Nirodh"],
        ["0.0", "0.2", "2.2"],
    ]
