"""A header row set tight, one word over each column, is one head per column; a head spanning columns stays whole."""

from __future__ import annotations

from pagemill.model import Glyph
from pagemill.stages.tables.edges import heads_over_columns

EM = 8.0
XS = [0.0, 40.0, 80.0, 120.0, 160.0]  # four columns


def _row(words: list[tuple[str, float]]) -> list[Glyph]:
    """Glyphs 4 pt wide for each word starting at x, on one line."""
    glyphs = []
    for word, x in words:
        for k, char in enumerate(word):
            glyphs.append(Glyph(char, x + 4 * k, 10.0, x + 4 * k + 4, 18.0, EM, 0))
    return glyphs


def test_one_word_over_each_column_is_cut_into_heads() -> None:
    row = _row([("method", 12.0), ("method", 54.0), ("sterile", 90.0), ("sterile", 128.0)])
    runs = [(12.0, 156.0)]  # one run: the words are a space apart
    assert len(heads_over_columns(runs, row, XS, EM)) == 4


def test_a_head_spanning_columns_stays_one_run() -> None:
    row = _row([("Modern", 30.0), ("method", 62.0)])  # two words across three columns
    runs = [(30.0, 86.0)]
    assert heads_over_columns(runs, row, XS, EM) == runs
