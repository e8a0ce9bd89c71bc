"""List markers drawn as shapes become glyphs (stages/bullets.py), on synthetic boxes."""

from __future__ import annotations

from pagemill.model import Drawing, Font, Glyph, RawPage
from pagemill.stages.bullets import drawn_bullets
from pagemill.stages.lines import build_lines


def _word(text: str, x: float, y: float, size: float = 12.0) -> list[Glyph]:
    """Glyphs of ``text`` from ``x`` on the line whose box starts at ``y``; a space is a gap."""
    out, step = [], 0.55 * size
    for char in text:
        if char != " ":
            out.append(Glyph(char, x, y, x + step, y + size * 1.2, size, 0))
        x += step
    return out


def _page(glyphs: list[Glyph], drawings: list[Drawing]) -> RawPage:
    return RawPage(1, 600.0, 800.0, 0, glyphs, [Font("DejaVuSans")], drawings=drawings)


def _disc(x: float, y: float, kind: str = "shape", filled: bool = True) -> Drawing:
    """A 3.75 pt marker centred at (x + 1.9, y + 7), as Chromium draws a disc beside 12 pt text at ``y``."""
    return Drawing(x, y + 5.1, x + 3.75, y + 8.85, kind, filled=filled, stroked=not filled)


def test_discs_squares_and_circles_start_their_lines() -> None:
    glyphs = _word("check the data", 60.0, 100.0) + _word("plot it", 60.0, 116.0) + _word("one more", 60.0, 132.0)
    drawings = [_disc(48.0, 100.0), _disc(48.0, 116.0, filled=False), _disc(48.0, 132.0, kind="rect")]
    page = drawn_bullets(_page(glyphs, drawings))
    assert [line.text for line in build_lines(page)] == ["• check the data", "◦ plot it", "▪ one more"]
    assert page.drawings == []  # the markers are glyphs now, not drawings for the figure stage


def test_a_shape_inside_a_line_or_alone_is_not_a_marker() -> None:
    inside = _word("see", 60.0, 100.0) + _word("here", 90.0, 100.0)  # a dot between two words: an icon
    alone = _word("text far away", 300.0, 200.0)
    drawings = [_disc(80.0, 100.0), _disc(48.0, 200.0), Drawing(40.0, 300.0, 60.0, 320.0, "shape", filled=True)]
    page = drawn_bullets(_page(inside + alone, drawings))
    assert page.glyphs == inside + alone and len(page.drawings) == 3


def test_right_to_left_marker_stands_at_the_right() -> None:
    hebrew = _word("םלוע םולש", 60.0, 100.0)  # "שלום עולם" as it stands on the page, left to right
    page = drawn_bullets(_page(hebrew, [_disc(124.0, 100.0)]))
    assert [line.text for line in build_lines(page)] == ["• שלום עולם"]
