"""Displayed equations from latex -> dvips -> ps2pdf (Type 1 fonts re-encoded by Ghostscript).

Ghostscript writes each font's bounding box as its descent (CMSY: 0.96 em, CMEX: 2.36 em) and
the StemV it measures as its weight (CMR10 comes out "bold"); the unmapped CMEX's widths cannot
be looked up through Unicode. The engine corrects all three (``engines/pdfium.py``); these
displays must then come out exactly as from pdflatex: limits under their operator in order, a
``cases`` with its number (aligned rows the borderless-table search must leave alone), a root,
and the prose not bold.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import tm_latex as cases

import pagemill
from pagemill.model import BlockKind
from pagemill.render.json import render_json

_CACHE = Path(tempfile.gettempdir()) / "pagemill-math-dvips"

SOURCE = r"""
\documentclass{article}
\usepackage{amsmath,amssymb}
\pagestyle{empty}
\setlength{\textwidth}{12.2cm}
\begin{document}
%(prose)s
\begin{equation} \sum_{i=1}^{n} i = \frac{n(n+1)}{2} \end{equation}
%(prose)s
\[ \mathbb{E}[X] = \sum_{x \in \mathcal{X}} x \, p(x) \]
%(prose)s
\begin{equation} \operatorname{sgn}(x) = \begin{cases} 1 & x > 0 \\ 0 & x = 0 \\ -1 & x < 0 \end{cases} \end{equation}
%(prose)s
\[ f(x) = \sqrt{x^2 + y^2} \]
%(prose)s
\begin{equation} \mathcal{L}(\theta) = \prod_{i=1}^{n} p(x_i \mid \theta) \end{equation}
%(prose)s
\end{document}
"""

EXPECTED = [
    (r"\sum_{i=1}^{n}i=\frac{n(n+1)}{2}", "1"),
    (r"\mathbb{E}[X]=\sum_{x\in\mathcal{X}}xp(x)", None),
    (r"\operatorname{sgn}(x)=\begin{cases} 1 & x>0 \\ 0 & x=0 \\ -1 & x<0 \end{cases}", "2"),
    (r"f(x)=\sqrt{x^{2}+y^{2}}", None),
    (r"\mathcal{L}(\theta)=\prod_{i=1}^{n}p(x_{i}\mid\theta)", "3"),
]


def _dvips_pdf(name: str, source: str) -> Path:
    if not all(shutil.which(tool) for tool in ("latex", "dvips", "ps2pdf")):
        pytest.skip("latex, dvips or ps2pdf (ghostscript) is not installed")
    digest = hashlib.sha1(source.encode()).hexdigest()[:12]
    folder = _CACHE / f"{name}-{digest}"
    pdf = folder / f"{name}.pdf"
    if pdf.exists():
        return pdf
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.tex").write_text(source, encoding="utf-8")
    steps = (
        ["latex", "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"],
        ["dvips", "-q", "-o", f"{name}.ps", f"{name}.dvi"],
        ["ps2pdf", "-dPDFSETTINGS=/prepress", f"{name}.ps", f"{name}.pdf"],
    )
    for step in steps:
        done = subprocess.run(step, cwd=folder, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{step[0]} failed on {name}:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return pdf


@pytest.fixture(scope="module")
def dvips_pdf() -> Path:
    return _dvips_pdf("displays", SOURCE % {"prose": cases.PROSE})


@pytest.fixture(scope="module")
def dvips(dvips_pdf: Path) -> pagemill.Result:
    return pagemill.convert(dvips_pdf)


def test_dvips_displays_exactly(dvips: pagemill.Result) -> None:
    found = [
        (b.attrs.get("latex"), b.attrs.get("tag")) for b in dvips.document.blocks() if b.kind is BlockKind.EQUATION
    ]
    assert found == EXPECTED


def test_dvips_numbers_are_tags(dvips: pagemill.Result) -> None:
    assert r"\frac{n(n+1)}{2} \tag{1}$$" in dvips.markdown
    assert r"\end{cases} \tag{2}$$" in dvips.markdown


def test_dvips_prose_is_not_bold(dvips: pagemill.Result) -> None:
    prose = [line for line in dvips.markdown.splitlines() if "measurements" in line]
    assert prose and not any("**" in line for line in prose)


def test_unicode_mode_keeps_no_latex_in_the_json(dvips_pdf: Path) -> None:
    result = pagemill.convert(dvips_pdf, math="unicode")
    assert "f(x)=√(x²+y²)" in result.markdown.splitlines()
    assert "sgn(x)={ 1 x>0" in result.markdown
    equations = [b.attrs for b in result.document.blocks() if b.kind is BlockKind.EQUATION]
    assert len(equations) == len(EXPECTED) and all("unicode" in a and "latex" not in a for a in equations)
    assert not [text for text in _strings(render_json(result.document)) if re.search(r"\\[A-Za-z]", text)]


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


# -- other producers' habits: variation selectors, numbers across the gutter, rules in pieces ------------

TWO_COLUMNS = r"""
\documentclass[twocolumn]{article}
\usepackage{amsmath,amssymb}
\input{glyphtounicode}
\pdfgentounicode=1
\pagestyle{empty}
\begin{document}
%(prose)s
\[ |x| = \begin{cases} x & \text{if } x \ge 0 \\ -x & \text{otherwise} \end{cases} \]
%(prose)s
\begin{equation} \mathcal{L}(\theta) = \prod_{i=1}^{n} p(x_i \mid \theta) \end{equation}
%(prose)s
\[ \Pr(T > t) = e^{-\lambda t} \]
\newpage
%(prose)s
\[ |x| = \begin{cases} x & \text{if } x \ge 0 \\ -x & \text{otherwise} \end{cases} \]
%(prose)s
\begin{equation} \mathcal{L}(\theta) = \prod_{i=1}^{n} p(x_i \mid \theta) \end{equation}
%(prose)s
\begin{equation} e^{i\pi} + 1 = 0 \end{equation}
\end{document}
"""


def test_variation_selectors_and_numbers_across_the_gutter() -> None:
    """glyphtounicode maps CMEX's big variants to ``∏`` + U+FE01; a number belongs to its own column's display."""
    pdf = cases.build_pdf("two-columns", TWO_COLUMNS % {"prose": cases.PROSE})
    result = pagemill.convert(pdf)
    found = [
        (b.attrs.get("latex"), b.attrs.get("tag")) for b in result.document.blocks() if b.kind is BlockKind.EQUATION
    ]
    cases_display = r"|x|=\begin{cases} x & \text{if}x\geq0 \\ -x & \text{otherwise} \end{cases}"
    likelihood = r"\mathcal{L}(\theta)=\prod_{i=1}^{n}p(x_{i}\mid\theta)"
    assert found == [
        (cases_display, None),
        (likelihood, "1"),
        (r"\Pr(T>t)=e^{-\lambda t}", None),
        (cases_display, None),
        (likelihood, "2"),
        (r"e^{i\pi}+1=0", "3"),
    ]


GROFF = """.EQ
delim off
.EN
.PP
The measurements were taken over several weeks in the spring, and every run was repeated three times.
.EQ
{partial u} over {partial t} = alpha {partial sup 2 u} over {partial x sup 2}
.EN
.PP
The measurements were taken over several weeks in the spring, and every run was repeated three times.
"""


def test_groff_fraction_bars_drawn_in_pieces() -> None:
    """groff's eqn draws a fraction bar as overlapping strokes a few points long: one bar, one fraction."""
    pdf = cases.groff_pdf(GROFF)
    latex = [b.attrs.get("latex") for b in pagemill.convert(pdf).document.blocks() if b.kind is BlockKind.EQUATION]
    assert latex == [r"\frac{\partial u}{\partial t}=\alpha\frac{\partial^{2}u}{\partial x^{2}}"]
