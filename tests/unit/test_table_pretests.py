"""The table step's cheap tests: a page or block with a table passes them, prose and an index do not.

    alignment         tables/aligned.py: lines with wide gaps close under each other (the page-level test)
    _index_entries    tables/aligned.py: an index set in columns, told from its pieces before any grid
    _LABEL_ANYWHERE   tables/captioned.py: a caption's label somewhere in the page's text
    GlyphIndex        tables/rules.py: sorted on first use; ``outside`` as ``_center_in`` tells
"""

from __future__ import annotations

from pagemill.model import BBox, Font, Glyph, RawPage
from pagemill.stages.tables.aligned import _index_entries, alignment
from pagemill.stages.tables.captioned import _LABEL_ANYWHERE
from pagemill.stages.tables.rules import GlyphIndex, _center_in
from pagemill.stages.tables.segments import _rows, _segments

EM = 10.0
WIDTH = 5.0  # each character's advance


def _line(text: str, x: float, y: float) -> list[Glyph]:
    """Glyphs of one line; a run of spaces in ``text`` is left as a gap (no space glyphs: TeX writes none)."""
    return [Glyph(c, x + WIDTH * i, y, x + WIDTH * (i + 1), y + 9, EM, 0) for i, c in enumerate(text) if c != " "]


def _page(lines: list[str], top: float = 100.0) -> RawPage:
    glyphs = [g for n, text in enumerate(lines) for g in _line(text, 50, top + 12 * n)]
    return RawPage(1, 600, 800, 0, glyphs, [Font("Times")])


TABLE = [
    "Station      Mean      Min      Max",
    "Cape          6.4        2       13",
    "Island        4.8        0       10",
    "Harbour       4.1       -2       15",
]
PROSE = [
    "The stations of the coast were read every morning at",
    "nine, and the mean of each month was taken from the",
    "readings of its days; the minimum and maximum came from",
    "the thermometers kept in the shade of the lighthouse.",
]
INDEX = [
    "abstract, 71        chapter, 5, 84",
    "appendix, 80        chapterstyle, 97",
    "article, 12, 14     citation, 301",
]


def test_a_page_with_a_table_passes_the_alignment_test_and_prose_does_not() -> None:
    assert alignment(_page(TABLE), EM) == (True, True)  # three cells on its first line: edge rows may be there too
    assert alignment(_page(PROSE), EM) == (False, False)


def test_two_lines_with_gaps_are_too_few_for_a_table() -> None:
    assert alignment(_page(TABLE[:2] + PROSE), EM)[0] is False


def test_an_index_in_columns_is_told_before_its_grid_and_a_table_is_not() -> None:
    index = _rows(_segments(_page(INDEX).glyphs, EM))
    table = _rows(_segments(_page(TABLE).glyphs, EM))
    assert _index_entries(index)
    assert not _index_entries(table)


def test_a_caption_label_anywhere_in_the_text() -> None:
    assert _LABEL_ANYWHERE.search("as the results show.Table 3: Mean temperature")
    assert _LABEL_ANYWHERE.search("see Tab. IV. below")
    assert not _LABEL_ANYWHERE.search("the Table of contents lists every chapter")


def test_the_glyph_index_sorts_on_first_use_and_finds_what_center_in_finds() -> None:
    page = _page(TABLE + PROSE)
    index = GlyphIndex(page.glyphs)
    assert index.order == []  # nothing asked yet: nothing sorted
    boxes = [BBox(40, 110, 120, 125), BBox(200, 95, 260, 150)]
    expected = [g for g in page.glyphs if not any(_center_in(g, box) for box in boxes)]
    assert index.outside(page.glyphs, boxes) == expected
    assert len(expected) < len(page.glyphs)
    assert index.outside(page.glyphs, []) == page.glyphs
    band = index.band(112, 124)
    assert band == [g for g in page.glyphs if 112 <= (g.y0 + g.y1) / 2 <= 124]
