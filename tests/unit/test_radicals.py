"""A radical sign drawn as a path is told from other shapes by its geometry alone (engines/radicals.py)."""

from __future__ import annotations

from pagemill.engines.radicals import radical_parts
from pagemill.model import Drawing, Font, Glyph
from pagemill.stages.math import Builder

#: KaTeX's ``sqrtMain`` outline (flattened, display coordinates: y down), 12 units to the point; its bar
#: runs on to x = 401001 and the SVG's clip box cuts it where the radicand ends
KATEX_ROOT = [
    (263, 681), (281, 720), (349, 879), (417, 1038), (470, 1158), (810, 453), (980, 97), (993, 80), (1001, 80),
    (40000, 80), (40000, 120), (1012, 120), (741, 687), (657, 862), (553, 1078), (493, 1202), (459, 1273),
    (436, 1280), (424, 1279), (315, 1026), (205, 774), (171, 800), (137, 826), (111, 800), (187, 741), (263, 681),
    (1001, 80), (401001, 80), (401001, 120), (1001, 120),
]  # fmt: skip


def _scaled(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(x / 12, y / 12) for x, y in points]


def test_katex_root_is_a_sign_and_a_bar() -> None:
    parts = radical_parts(_scaled(KATEX_ROOT), (0.0, 0.0, 4000 / 12, 1300 / 12))
    assert parts is not None
    sign, bar = parts
    assert round(sign[0], 1) == round(111 / 12, 1) and round(sign[2], 1) == round(810 / 12, 1)
    assert bar[0] == sign[2] and bar[2] == 4000 / 12  # the bar ends at the clip box
    assert bar[3] - bar[1] < 0.05 * (sign[3] - sign[1])  # a thin band at the top


def test_shapes_that_are_no_root() -> None:
    box = [(0, 0), (50, 0), (50, 20), (0, 20), (0, 0)]
    check_mark = [(0, 10), (5, 20), (20, 0)]  # a tick without a bar
    bracket = [(10, 0), (0, 0), (0, 20), (10, 20), (40, 20)]  # [ and a rule: its lowest points reach its left edge
    arrow = [(0, 10), (40, 10), (35, 5), (40, 10), (35, 15)]
    root_without_bar = [(x, y) for x, y in _scaled(KATEX_ROOT) if x < 1000 / 12]
    for shape in (box, check_mark, bracket, arrow, root_without_bar):
        assert radical_parts([(float(x), float(y)) for x, y in shape]) is None


def test_a_drawn_sign_and_its_bar_make_sqrt() -> None:
    fonts = [Font("KaTeX_Main-Regular"), Font("KaTeX_Math-Italic")]
    x = Glyph("x", 12.0, 2.0, 18.0, 14.0, 12.0, 1)
    two = Glyph("2", 18.0, 0.0, 22.0, 8.0, 8.0, 0)
    sign = Drawing(2.0, 0.0, 11.0, 14.0, "radical", filled=True)
    bar = Drawing(11.0, 0.0, 23.0, 0.5, "hline", filled=True)
    assert Builder(fonts, [sign, bar]).latex([x, two]) == r"\sqrt{x^{2}}"
    assert Builder(fonts, [bar]).latex([x, two]) == r"\overline{x^{2}}"  # no sign: a bar alone is no root
