"""Golden mathematics: inline scripts, a fraction, a sum with limits, a matrix, aligned rows."""

from __future__ import annotations

import re

import pytest
import tm_latex as cases

import pagemill
from pagemill.model import BlockKind, Font, Glyph
from pagemill.stages.math import Builder, glyph_char, math_fonts


@pytest.fixture(scope="module")
def result() -> pagemill.Result:
    return pagemill.convert(cases.build_pdf("math", cases.document(cases.math_source())))


def equations(result: pagemill.Result) -> list[tuple[str, str | None]]:
    return [
        (cases.normalize_latex(b.attrs["latex"]), b.attrs.get("tag"))
        for b in result.document.blocks()
        if b.kind is BlockKind.EQUATION
    ]


@pytest.mark.parametrize(
    "source, expected, tag", cases.DISPLAYS, ids=["fraction-sum", "integral", "matrix", "series", "root"]
)
def test_displayed_equation(result: pagemill.Result, source: str, expected: str, tag: str) -> None:
    assert (cases.normalize_latex(expected), tag) in equations(result)
    assert f"\\tag{{{tag}}}$$" in result.markdown


def test_aligned_rows_with_numbers_are_one_equation_each(result: pagemill.Result) -> None:
    for expected, tag in cases.ALIGN_EXPECTED:
        assert (cases.normalize_latex(expected), tag) in equations(result)


def test_aligned_rows_without_numbers_are_one_aligned_display(result: pagemill.Result) -> None:
    assert (cases.normalize_latex(cases.ALIGN_STAR_EXPECTED), None) in equations(result)


def test_every_display_is_found_and_none_is_invented(result: pagemill.Result) -> None:
    assert len(equations(result)) == len(cases.DISPLAYS) + len(cases.ALIGN_EXPECTED) + 1


def test_inline_math_with_sub_and_superscripts(result: pagemill.Result) -> None:
    line = next(line for line in result.markdown.splitlines() if line.startswith("Inline math"))
    found = [cases.normalize_latex(m) for m in re.findall(r"\$([^$]+)\$", line)]
    assert found == [cases.normalize_latex(e) for e in cases.INLINE_EXPECTED]
    assert "sits in the text, and so does" in line


def test_prose_has_no_dollar_signs(result: pagemill.Result) -> None:
    prose = [line for line in result.markdown.splitlines() if line.startswith("The measurements")]
    assert prose and not any("$" in line for line in prose)


def test_math_can_be_switched_off() -> None:
    plain = pagemill.convert(cases.build_pdf("math", cases.document(cases.math_source())), math=False)
    assert not any(b.kind is BlockKind.EQUATION for b in plain.document.blocks())
    assert "$" not in plain.markdown
    assert "Inline math x" in plain.markdown and "α" in plain.markdown  # the plain text stays


# -- the builder on synthetic glyphs ------------------------------------------------------------

FONTS = [Font("CMR10", descent=-0.2), Font("CMMI10", descent=-0.2), Font("CMR7", descent=-0.2), Font("CMEX10")]


def _glyph(text: str, x: float, baseline: float, size: float = 10.0, font: int = 1) -> Glyph:
    return Glyph(text, x, baseline - 0.75 * size, x + 0.5 * size, baseline + 0.2 * size, size, font)


def test_superscript_and_subscript_from_size_and_baseline() -> None:
    glyphs = [_glyph("x", 0, 100), _glyph("2", 5, 96.5, 7, 2), _glyph("i", 5, 102.5, 7, 1)]
    assert Builder(FONTS).latex(glyphs) == "x_{i}^{2}"


def test_same_size_on_one_baseline_is_linear() -> None:
    glyphs = [_glyph("a", 0, 100), _glyph("+", 6, 100, font=0), _glyph("b", 12, 100)]
    assert Builder(FONTS).latex(glyphs) == "a+b"


def test_unknown_glyph_keeps_the_plain_text() -> None:
    assert Builder(FONTS).latex([_glyph("x", 0, 100), _glyph("\ue000", 6, 100)]) is None


def test_cmex_positions_map_to_symbols() -> None:
    _, codes = math_fonts(FONTS + [Font("CMSY10")])
    assert glyph_char(Glyph("X", 0, 0, 1, 1, 10, 3), codes) == "∑"
    assert glyph_char(Glyph("\x12", 0, 0, 1, 1, 10, 3), codes) == "("
    assert glyph_char(Glyph("X", 0, 0, 1, 1, 10, 1), codes) == "X"
    assert glyph_char(Glyph("\x0b", 0, 0, 1, 1, 10, 1), codes) == "α"  # CMMI without Unicode
    assert glyph_char(Glyph("h", 0, 0, 1, 1, 10, 4), codes) == "⟨"  # CMSY without Unicode
    assert glyph_char(Glyph("−", 0, 0, 1, 1, 10, 4), codes) == "−"  # CMSY with Unicode


def test_normalisation_ignores_spacing_and_braces() -> None:
    assert cases.normalize_latex(r"x_i^{2} \, + \le") == cases.normalize_latex(r"x_{i}^2+\leq")


def test_a_lone_radical_sign_is_never_a_row_of_a_display() -> None:
    """A root sign whose bar was not found stands over its formula: a ``gathered`` of it would invent a row."""
    row = [_glyph("f", 0, 30), _glyph("=", 8, 30, font=0), _glyph("x", 16, 30)]
    sign = _glyph("√", 8, 12, font=0)
    builder = Builder(FONTS)
    assert builder.latex(row + [sign]) is None
    assert "√" in builder.refused
    assert Builder(FONTS).latex(row + [_glyph("y", 8, 12)]) == r"\begin{gathered} y \\ f=x \end{gathered}"


def test_a_script_over_the_glyph_after_its_base_is_refused() -> None:
    """A small glyph raised over the ``=`` after ``x`` is no superscript of ``x``: ``x^{n}=`` would reorder the page."""
    glyphs = [_glyph("x", 0, 100), _glyph("n", 4.8, 95.5, 7), _glyph("=", 5.5, 100, font=0), _glyph("y", 12, 100)]
    builder = Builder(FONTS)
    assert builder.latex(glyphs) is None
    assert "over or under '='" in builder.refused


def test_a_large_sigma_is_a_sum_with_its_scripts() -> None:
    """groff eqn's ``sum from i=1 to n``: a Symbol Σ at 1.5 times the size, n and i=1 at its right."""
    glyphs = [
        _glyph("Σ", 0, 100, 15, 0),
        _glyph("n", 9.2, 95.5, 7),
        _glyph("i", 9.0, 103, 7),
        _glyph("=", 11.2, 103, 7, 0),
        _glyph("1", 15.1, 103, 7, 2),
        _glyph("x", 20, 100),
    ]
    assert Builder(FONTS).latex(glyphs) == r"\sum_{i=1}^{n}x"


def test_a_script_with_no_base_is_refused() -> None:
    builder = Builder(FONTS)
    assert builder.latex([_glyph("2", 0, 96.5, 7, 2), _glyph("x", 5, 100)]) is None
    assert "no base" in builder.refused


def test_scripts_after_their_base_pass_the_gate() -> None:
    glyphs = [_glyph("x", 0, 100), _glyph("2", 5, 96.5, 7, 2), _glyph("+", 10, 100, font=0), _glyph("y", 16, 100)]
    assert Builder(FONTS).latex(glyphs) == "x^{2}+y"
