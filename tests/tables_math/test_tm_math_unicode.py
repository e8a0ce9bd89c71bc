"""unicode-math (XeLaTeX and LuaLaTeX): accents as combining marks, and amsthm's end-of-proof mark (issue 15).

unicode-math sets ``\\bar{x}`` as the letter 𝑥 and a combining U+0304 glyph over it, shifted right by
the letter's skew (``\\hat{y}``: the hat's centre lies right of the y): both came out as Unicode
(``x̄``, ``ŷ``) inside the LaTeX. amsthm's □ at the right margin of a proof's last line came out as
a formula of its own (``$$□$$``). Golden Markdown, exact, from both engines.
"""

from __future__ import annotations

import pytest
import tm_latex as cases

import pagemill

PROSE = "This body text is set in the text font and stays prose, however many formulas surround it."
SOURCE = rf"""
\documentclass{{amsart}}
\usepackage{{unicode-math}}
\setmathfont{{Latin Modern Math}}
\pagestyle{{empty}}
\begin{{document}}
{PROSE} Each residual $r_i = y_i - \hat{{y}}_i$ is kept, and the mean $\bar{{x}}$ is taken.
\[ \bar{{x}} = \frac{{1}}{{n}} \sum_{{i=1}}^{{n}} x_i \]
\begin{{proof}}
The seasonal mean is an average of finitely many bounded values.
\end{{proof}}
\end{{document}}
"""
EXPECTED = rf"""{PROSE} Each residual $r_{{i}}=y_{{i}}-\hat{{y}}_{{i}}$ is kept, and the mean $\bar{{x}}$ is taken.

$$\bar{{x}}=\frac{{1}}{{n}}\sum_{{i=1}}^{{n}}x_{{i}}$$

*Proof.* The seasonal mean is an average of finitely many bounded values. □
"""


@pytest.mark.parametrize("engine", ["xelatex", "lualatex"])
def test_unicode_math_accents_and_end_of_proof_golden(engine: str) -> None:
    assert pagemill.convert(cases.build_pdf(f"accents-{engine}", SOURCE, engine=engine)).markdown == EXPECTED
