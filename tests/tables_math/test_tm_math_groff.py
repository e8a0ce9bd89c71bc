"""groff eqn: a Symbol Σ set large with its limits at its right, variables in the text font's italic (issue 15).

Before, ``sum sub {i = 1} sup n`` came out garbled (``{}^{\\sigma^{2}=}\\frac{1}{n-1}\\Sigma i^{n}=1^{x}i``:
the large Σ made every other glyph a script), ``E = m c sup 2`` as inline pieces after the prose, and
``r sub i`` as italic text. Golden Markdown, exact.
"""

from __future__ import annotations

from tm_latex import groff_pdf

import pagemill

PROSE = "The measurements were taken over several weeks in the spring, and every run was repeated three times."
SOURCE = f""".EQ
delim @@
.EN
.LP
{PROSE}
Each residual @r sub i = y sub i \\[u2212] y sub i@ is kept in degrees.
.EQ
sigma sup 2 = 1 over {{n \\[u2212] 1}} sum sub {{i = 1}} sup n x sub i
.EN
.LP
{PROSE}
.EQ
E = m c sup 2
.EN
.LP
{PROSE}
"""
EXPECTED = f"""{PROSE} Each residual $r_{{i}}=y_{{i}}-y_{{i}}$ is kept in degrees.

$$\\sigma^{{2}}=\\frac{{1}}{{n-1}}\\sum_{{i=1}}^{{n}}x_{{i}}$$

{PROSE}

$$E=mc^{{2}}$$

{PROSE}
"""


def test_groff_eqn_sum_scripts_and_inline_golden() -> None:
    assert pagemill.convert(groff_pdf(SOURCE)).markdown == EXPECTED


#: what pandoc writes for ``$\alpha = 0.05$``, ``$\beta \le 0.2$``, the roots of a quadratic and a mean
NUMBERS_AND_ROOTS = f""".EQ
delim @@
.EN
.LP
{PROSE}
We report @alpha = 0.05@ and @beta <= 0.2@ for every test.
.EQ
x = {{\\[u2212] b +- sqrt {{b sup 2 \\[u2212] 4 a c}}}} over {{2 a}}
.EN
.LP
{PROSE}
.EQ
x to \\[u203E] = 1 over n sum sub {{i = 1}} sup n x sub i
.EN
.LP
{PROSE}
"""
NUMBERS_AND_ROOTS_EXPECTED = f"""{PROSE} We report $\\alpha=0.05$ and $\\beta\\leq0.2$ for every test.

$$x=\\frac{{-b\\pm\\sqrt{{b^{{2}}-4ac}}}}{{2a}}$$

{PROSE}

$$\\bar{{x}}=\\frac{{1}}{{n}}\\sum_{{i=1}}^{{n}}x_{{i}}$$

{PROSE}
"""


def test_groff_eqn_decimals_roots_and_bars_golden() -> None:
    """eqn sets a thin space after a formula's full stop (``0. 05`` cut ``α = 0.05`` in two), draws a root's
    bar with Symbol's radical extenders (an unknown glyph refused the display: plain text in pieces), and
    ``x to \\[u203E]`` as a rule over one letter, which TeX writes ``\\bar{x}``."""
    assert pagemill.convert(groff_pdf(NUMBERS_AND_ROOTS)).markdown == NUMBERS_AND_ROOTS_EXPECTED
