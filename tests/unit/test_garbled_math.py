"""The bench's garbled-math count: a formula's glyphs, in order, against the truth's (bench/score/garbled.py)."""

from __future__ import annotations

from bench.score.garbled import garbled_scores, glyphs_of_latex

TRUTH = r"""Each residual $r_i = y_i - \hat{y}_i$ is kept.

$$
\sigma^2 = \frac{1}{n-1} \sum_{i=1}^{n} (x_i - \bar{x})^2
$$
"""


def test_glyphs_read_subscript_before_superscript_and_drop_structure() -> None:
    assert "".join(glyphs_of_latex(r"\sum^{n}_{i=1} x^2_i \binom{n}{k} \mathbb{R} \le \bar{x}")) == "Σi=1nxi2(nk)R≤x"


def test_the_same_formula_written_otherwise_is_not_garbled() -> None:
    predicted = r"$$\sigma^{2}=\frac{1}{n-1}\sum_{i=1}^{n}\left( x_{i}-\overline{x} \right)^{2}$$"
    predicted += r" and $r_{i}=y_{i}-ŷ_{i}$"
    assert garbled_scores(TRUTH, predicted)["math_garbled"] == 0


def test_a_part_of_a_formula_is_not_garbled() -> None:
    assert garbled_scores(TRUTH, "residual *r*<sub>*i*</sub> $=$ *y*")["math_garbled"] == 0


def test_glyphs_read_in_another_order_are_garbled() -> None:
    predicted = r"$${}^{\sigma^{2}=}\frac{1}{n-1}\Sigma i^{n}=1\left( x_{i}-\overline{x} \right)^{2}$$"
    scores = garbled_scores(TRUTH, predicted)
    assert (scores["math_emitted"], scores["math_garbled"]) == (1, 1)


def test_an_invented_glyph_is_garbled() -> None:
    assert garbled_scores(TRUTH, r"$r_{i}=y_{i}+ŷ_{i}$")["math_garbled"] == 1
