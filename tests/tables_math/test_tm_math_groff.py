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
