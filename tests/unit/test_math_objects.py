"""Formulas of LibreOffice Math, groff eqn, unicode-math and browsers, on synthetic glyphs (issue 15)."""

from __future__ import annotations

from pagemill.model import Drawing, Font, Glyph
from pagemill.stages.math import Builder, continue_formula, interleave_math_runs, math_glyphs
from pagemill.stages.math.inline import _decimals_after_a_thin_space, _objects_of_another_size


def _glyph(text: str, x: float, baseline: float, font: int, size: float = 10.0, width: float = 0.5) -> Glyph:
    return Glyph(text, x, baseline - 0.75 * size, x + width * size, baseline + 0.2 * size, size, font)


def test_a_formula_cut_after_a_relation_goes_on_the_next_line() -> None:
    assert continue_formula(r"We report $\alpha=$", "$0.05$ and more") == r"We report $\alpha= 0.05$ and more"
    assert continue_formula(r"and $\beta\leq$", "$0.2$ for") == r"and $\beta\leq 0.2$ for"
    assert continue_formula(r"with $x-$", "$y$.") == "with $x- y$."
    assert continue_formula("a whole $x=1$", "$y$ next") is None  # the formula is whole
    assert continue_formula(r"costs \$", "$5") is None  # an escaped dollar is no formula
    assert continue_formula("ends $x=$", "no formula first") is None


def test_a_browsers_formula_at_the_start_of_its_line() -> None:
    fonts = [Font("LiberationSans"), Font("KaTeX_Main-Regular")]
    above = [_glyph(c, 10 + 5 * i, 80, 0) for i, c in enumerate("taken over")]
    line = [_glyph(c, 40 + 5 * i, 100, 0) for i, c in enumerate("stations")]
    formula = [_glyph(c, 14 + 6 * i, 100, 1) for i, c in enumerate("n=12")]  # ends 3 pt before "stations"
    merged = interleave_math_runs([above, line, formula], math_glyphs(fonts))
    assert merged is not None
    assert "".join(g.text for g in merged) == "taken overn=12stations"
    far = [_glyph(c, 10 + 3 * i, 100, 1) for i, c in enumerate("n=12")]  # 16 pt short of the line: not its word
    assert interleave_math_runs([above, line, far], math_glyphs(fonts)) is None


def test_a_lone_italic_letter_of_another_size_is_a_formula_object() -> None:
    words = [[_glyph("s", 0, 100, 0, 11.0)], [_glyph("h", 10, 100, 1, 11.9)], [_glyph("i", 20, 100, 0, 11.0)]]
    assert _objects_of_another_size(["text", "variable", "text"], words) == ["text", "math", "text"]
    same = [[_glyph("s", 0, 100, 0, 11.0)], [_glyph("h", 10, 100, 1, 11.0)]]
    assert _objects_of_another_size(["text", "variable"], same) == ["text", "variable"]  # emphasis: prose


def test_decimals_after_groff_eqns_thin_space() -> None:
    number = [_glyph("0", 0, 100, 0), _glyph(".", 5, 100, 0, width=0.25)]
    assert _decimals_after_a_thin_space(number, [_glyph("0", 9.2, 100, 0), _glyph("5", 14.2, 100, 0)])
    assert not _decimals_after_a_thin_space(number, [_glyph("5", 11, 100, 0)])  # a word space: a new sentence
    assert not _decimals_after_a_thin_space([_glyph("x", 0, 100, 0), number[1]], [_glyph("5", 8, 100, 0)])


def test_unicode_math_combining_accents() -> None:
    fonts = [Font("LatinModernMath-Regular")]
    hat = Glyph("\u0302", 350.8, 205.8, 355.6, 216.7, 10.9, 0)  # right of the y by its skew, as tall as it
    y = Glyph("𝑦", 349.4, 205.8, 352.5, 216.8, 10.9, 0)
    i = Glyph("𝑖", 354.8, 211.1, 357.9, 218.8, 7.6, 0)
    assert Builder(fonts).latex([hat, y, i], display=False) == r"\hat{y}_{i}"
    bar = Glyph("\u0304", 124.2, 282.6, 129.1, 293.5, 10.9, 0)
    x = Glyph("𝑥", 122.6, 282.6, 128.9, 293.5, 10.9, 0)
    assert Builder(fonts).latex([bar, x], display=False) == r"\bar{x}"


def test_groff_roots_from_symbols_radical_extender() -> None:
    fonts = [Font("Times-Italic", italic=True), Font("Symbol"), Font("Times-Roman")]
    sign = Glyph("√", 289.2, 496.7, 295.2, 510.1, 11.0, 1)
    pieces = [Glyph("\uf8e5", x, 496.7, x + 5.5, 510.1, 11.0, 1) for x in (289.2, 290.5, 296.0, 301.5)]
    body = [Glyph("b", 295.4, 499.2, 300.0, 509.5, 10.0, 0), Glyph("c", 302.0, 499.2, 306.0, 509.5, 10.0, 0)]
    assert Builder(fonts).latex([sign, *pieces, *body]) == r"\sqrt{bc}"


def test_a_rule_under_a_numerator_with_its_denominator_outside_the_formula() -> None:
    fonts = [Font("LiberationSerif-Italic", italic=True)]
    numerator = [_glyph("a", 100, 100, 0), _glyph("b", 106, 100, 0)]
    rule = Drawing(99, 103, 112, 103.5, "hline")
    denominator = [_glyph("c", 103, 114, 0)]  # on the page, not in the formula's glyphs
    assert Builder(fonts, [rule]).latex(numerator) == r"\underline{ab}"
    builder = Builder(fonts, [rule], denominator)
    assert builder.latex(numerator) is None
    assert "rule's other side" in builder.refused
