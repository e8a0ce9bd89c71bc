"""Mathematics from other producers than pdfLaTeX, and the validity gate (issue 15).

- unicode-math (XeLaTeX): body text in an OpenType text font (STIX) stays prose; formulas in the
  math font (Latin Modern Math) come out as LaTeX, ``ℝ`` as ``\\mathbb{R}``, cases as ``cases``;
- pdfLaTeX: ``\\mathbb{R}`` from msbm; a brace set is one formula; a set written over two lines
  comes out as one correct formula or as plain text, never as a matrix;
- KaTeX in Chromium (when node's KaTeX and Chromium are on the machine: the bench's npm cache);
- KaTeX's and MathJax's fonts and the math alphanumerics on synthetic glyphs; the gate on its own.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import tm_latex as cases

import pagemill
from pagemill.model import BlockKind, Font, Glyph
from pagemill.stages.math import (
    PAGE_MATH_FONTS,
    Builder,
    font_classes,
    interleave_math_runs,
    learn_page_fonts,
    math_glyphs,
    to_unicode,
)
from pagemill.stages.math.gate import balanced, check_latex

_CACHE = Path(tempfile.gettempdir()) / "pagemill-math-producers"
PROSE = "This body text is set in the text font and stays prose, however many formulas surround it. "

UNICODE_MATH = r"""
\documentclass{article}
\usepackage{amsmath}
\usepackage{unicode-math}
\setmainfont{STIX}
\setmathfont{Latin Modern Math}
\pagestyle{empty}
\begin{document}
%(prose)s Let $X = \{0, 1, 2\}$ and $f(x) = x^2 + 1$ for all $x \in \mathbb{R}$, with $\alpha_i$ inside.
%(prose)s
\begin{equation}
e^{i\pi} + 1 = 0
\end{equation}
%(prose)s
\[ |x| = \begin{cases} x & x \geq 0 \\ -x & x < 0 \end{cases} \]
\[ \lim_{x \to 0} \frac{\sin x}{x} = 1 \]
%(prose)s
\end{document}
"""

PDFLATEX_SETS = r"""
%(prose)s Let $X = \{0, 1, 2\}$ be the digits and $x \in \mathbb{R}$ a real number.

%(prose)s
\[ A = \left\{ \begin{array}{l} x \in \mathbb{N} : x > 3 \\ \text{or } x = 1 \end{array} \right\} \]
%(prose)s
"""


def _equations(result: pagemill.Result) -> list[str]:
    return [
        cases.normalize_latex(str(b.attrs["latex"]))
        for b in result.document.blocks()
        if b.kind is BlockKind.EQUATION and "latex" in b.attrs
    ]


def _inline(markdown: str) -> list[str]:
    return [cases.normalize_latex(m) for m in re.findall(r"(?<!\$)\$([^$]+)\$(?!\$)", markdown)]


# -- unicode-math ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def unicode_math() -> pagemill.Result:
    return pagemill.convert(cases.build_pdf("unicode-math", UNICODE_MATH % {"prose": PROSE}, engine="xelatex"))


def test_unicode_math_body_text_in_stix_stays_prose(unicode_math: pagemill.Result) -> None:
    assert unicode_math.markdown.count(PROSE.strip()) == 4
    assert not any(PROSE.split()[2] in e for e in _equations(unicode_math))


def test_unicode_math_inline_formulas(unicode_math: pagemill.Result) -> None:
    found = _inline(unicode_math.markdown)
    for expected in (r"X=\{0,1,2\}", "f(x)=x^{2}+1", r"x\in\mathbb{R}", r"\alpha_{i}"):
        assert cases.normalize_latex(expected) in found
    assert r"$x\in\mathbb{R}$," in unicode_math.markdown  # the sentence's comma stays outside


def test_unicode_math_displays_and_cases(unicode_math: pagemill.Result) -> None:
    equations = _equations(unicode_math)
    assert cases.normalize_latex(r"e^{i\pi}+1=0") in equations
    assert cases.normalize_latex(r"|x|=\begin{cases}x&x\geq0\\-x&x<0\end{cases}") in equations
    assert r"\tag{1}$$" in unicode_math.markdown
    assert r"$$\lim_{x\to0}\frac{\sin x}{x}=1$$" in unicode_math.markdown  # lim in the text font, its limit under it


# -- pdfLaTeX: msbm, brace sets, sets over lines ------------------------------------------------------


@pytest.fixture(scope="module")
def sets() -> pagemill.Result:
    source = cases.document(PDFLATEX_SETS % {"prose": PROSE}, packages="amsmath,amssymb")
    return pagemill.convert(cases.build_pdf("sets", source))


def test_mathbb_from_msbm_and_a_brace_set_as_one_formula(sets: pagemill.Result) -> None:
    found = _inline(sets.markdown)
    assert cases.normalize_latex(r"X=\{0,1,2\}") in found
    assert cases.normalize_latex(r"x\in\mathbb{R}") in found


def test_a_set_over_two_lines_is_never_a_matrix(sets: pagemill.Result) -> None:
    assert "matrix" not in sets.markdown and "aligned" not in sets.markdown
    for block in sets.document.blocks():
        if block.kind is BlockKind.EQUATION and "latex" not in block.attrs:
            assert block.attrs["gate"] == "refused" and block.attrs["reason"]
    text = re.sub(r"[\s$\\{}]", "", sets.markdown)
    assert "x>3" in text.replace("mathbb", "") or "x>3" in text


# -- KaTeX and MathJax in Chromium (the bench's npm cache, when there) ---------------------------------------------

_NPM = Path(__file__).resolve().parents[2] / "bench" / "cache" / "npm" / "node_modules"
SENTENCES = [
    "The first display follows this sentence, which says nothing about it.",
    "A second one comes after a paragraph of a different length and wording.",
    "The last display carries its number at the right margin of the page.",
    "A root that KaTeX draws as a path, not as a glyph, follows here.",
    "And a root inside the numerator of a fraction, with its number.",
]
#: node: [[latex, display], ...] on stdin -> {"html": [...], "head": the style element} on stdout, by KaTeX or
#: MathJax 3 (CHTML, its woff fonts linked where npm put them): static HTML, no script at print time
_RENDER = r"""
const [engine, fonts] = process.argv.slice(-2);
const items = JSON.parse(require('fs').readFileSync(0, 'utf8'));
if (engine === 'katex') {
  const katex = require('katex');
  process.stdout.write(JSON.stringify({html: items.map(([t, d]) => katex.renderToString(t, {displayMode: d})),
    head: `<link rel='stylesheet' href='${fonts}'>`}));
} else {
  const {mathjax} = require('mathjax-full/js/mathjax.js');
  const {TeX} = require('mathjax-full/js/input/tex.js');
  const {CHTML} = require('mathjax-full/js/output/chtml.js');
  const {liteAdaptor} = require('mathjax-full/js/adaptors/liteAdaptor.js');
  const {RegisterHTMLHandler} = require('mathjax-full/js/handlers/html.js');
  const {AllPackages} = require('mathjax-full/js/input/tex/AllPackages.js');
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const doc = mathjax.document('', {InputJax: new TeX({packages: AllPackages}),
    OutputJax: new CHTML({fontURL: fonts})});
  const html = items.map(([t, d]) => adaptor.outerHTML(doc.convert(t, {display: d})));
  const css = adaptor.textContent(doc.outputJax.styleSheet(doc));
  process.stdout.write(JSON.stringify({html, head: `<style>${css}</style>`}));
}
"""
#: what each engine's HTML links to: KaTeX's style sheet, MathJax's fonts
_ASSETS = {"katex": ("katex", "dist/katex.min.css"), "mathjax": ("mathjax-full", "es5/output/chtml/fonts/woff-v2")}
KATEX_ITEMS = [
    (r"X = \{0, 1, 2\}", False),
    (r"x \in \mathbb{R}", False),
    (r"e^{i\pi} + 1 = 0", True),
    (r"|x| = \begin{cases} x & x \geq 0 \\ -x & x < 0 \end{cases}", True),
    (r"a^2 + b^2 = c^2 \tag{3}", True),
    (r"f(x) = \sqrt{x^2 + y^2}", True),
    (r"x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a} \tag{4}", True),
]


def _web_math_page(engine: str) -> pagemill.Result:
    """KATEX_ITEMS rendered by ``engine`` (katex, mathjax) in node, among prose, printed by Chromium."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    package, asset = _ASSETS[engine]
    if not (_NPM / package).is_dir() or shutil.which("node") is None or chromium is None:
        pytest.skip(f"{package} (bench/cache/npm), node or Chromium missing")
    folder = _CACHE / f"{engine}-{hashlib.sha1(str(KATEX_ITEMS + SENTENCES).encode()).hexdigest()[:8]}"
    pdf = folder / "page.pdf"
    if not pdf.exists():
        folder.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            ["node", "-e", _RENDER, engine, (_NPM / package / asset).as_uri()],
            input=json.dumps(KATEX_ITEMS), cwd=_NPM.parent, capture_output=True, text=True, check=True,
        )  # fmt: skip
        rendered = json.loads(done.stdout)
        html = rendered["html"]
        body = f"<p>{cases.PROSE} Let {html[0]} and {html[1]} here.</p>"
        body += "".join(f"<p>{SENTENCES[k]}</p>{h}" for k, h in enumerate(html[2:]))
        page = f"<html><head><meta charset='utf-8'>{rendered['head']}</head><body>{body}</body></html>"
        (folder / "page.html").write_text(page, encoding="utf-8")
        subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--allow-file-access-from-files", "--virtual-time-budget=10000", f"--user-data-dir={folder / 'profile'}",
             "--no-pdf-header-footer", "--print-to-pdf=page.pdf", "page.html"],
            cwd=folder, capture_output=True, timeout=120,
        )  # fmt: skip
        shutil.rmtree(folder / "profile", ignore_errors=True)
    if not pdf.exists():
        pytest.skip("Chromium printed no PDF")
    return pagemill.convert(pdf)


@pytest.fixture(scope="module")
def katex_page() -> pagemill.Result:
    return _web_math_page("katex")


@pytest.fixture(scope="module")
def mathjax_page() -> pagemill.Result:
    return _web_math_page("mathjax")


def test_katex_formulas_are_latex_and_never_headings(katex_page: pagemill.Result) -> None:
    assert not any(b.kind is BlockKind.HEADING for b in katex_page.document.blocks())
    assert cases.normalize_latex(r"X=\{0,1,2\}") in _inline(katex_page.markdown)
    assert cases.normalize_latex(r"x\in\mathbb{R}") in _inline(katex_page.markdown)
    equations = _equations(katex_page)
    assert cases.normalize_latex(r"e^{i\pi}+1=0") in equations
    assert cases.normalize_latex(r"|x|=\begin{cases}x&x\geq0\\-x&x<0\end{cases}") in equations
    assert r"a^{2}+b^{2}=c^{2} \tag{3}$$" in katex_page.markdown


def test_katex_roots_drawn_as_paths(katex_page: pagemill.Result) -> None:
    assert r"$$f(x)=\sqrt{x^{2}+y^{2}}$$" in katex_page.markdown
    assert r"$$x=\frac{-b\pm\sqrt{b^{2}-4ac}}{2a} \tag{4}$$" in katex_page.markdown


def test_mathjax_formulas_are_latex_and_never_headings(mathjax_page: pagemill.Result) -> None:
    """The same formulas by MathJax 3 (CHTML: MJXc-TeX-* web fonts, its own spacing and stretchy glyphs)."""
    assert not any(b.kind is BlockKind.HEADING for b in mathjax_page.document.blocks())
    assert cases.normalize_latex(r"X=\{0,1,2\}") in _inline(mathjax_page.markdown)
    # not asserted: x \in \mathbb{R}. Chromium embeds MathJax's web fonts as nameless Type 3 fonts whose
    # double-struck R says "R" (KaTeX's fonts keep their names: \mathbb above); pagemill writes R
    equations = _equations(mathjax_page)
    assert cases.normalize_latex(r"e^{i\pi}+1=0") in equations
    assert cases.normalize_latex(r"|x|=\begin{cases}x&x\geq0\\-x&x<0\end{cases}") in equations
    assert r"a^{2}+b^{2}=c^{2} \tag{3}$$" in mathjax_page.markdown
    assert r"$$f(x)=\sqrt{x^{2}+y^{2}}$$" in mathjax_page.markdown


# -- glyph classes on synthetic glyphs --------------------------------------------------------------------


def _glyph(text: str, x: float, baseline: float, font: int, size: float = 10.0) -> Glyph:
    return Glyph(text, x, baseline - 0.75 * size, x + 0.5 * size, baseline + 0.2 * size, size, font)


def test_font_classes_of_every_producer() -> None:
    names = [
        "AAAAAA+KaTeX_Main-Regular", "KaTeX_Math-Italic", "KaTeX_AMS-Regular", "KaTeX_Size2-Regular",
        "MJXc-TeX-math-I", "MathJax_Main-Regular", "CambriaMath", "STIXTwoMath-Regular", "LatinModernMath-Regular",
        "TeXGyrePagellaMath-Regular", "XITSMath", "AsanaMath", "MSBM10", "EUFM10", "RSFS10",
        "STIX-Regular", "STIXTwoText-Regular", "Cambria", "XITS-Regular", "LMRoman10-Regular", "STIXGeneral-Regular",
    ]  # fmt: skip
    classes = font_classes([Font(name) for name in names])
    assert classes.math == frozenset(range(15))
    assert classes.mixed == frozenset({20})
    assert classes.alphabets[2][0] == r"\mathbb" and classes.alphabets[12][0] == r"\mathbb"
    assert classes.alphabets[13][0] == r"\mathfrak" and classes.alphabets[14][0] == r"\mathscr"
    assert 0 in classes.upright and 1 not in classes.upright


def test_font_classes_are_never_another_documents() -> None:
    """The classes are cached per font list: a later document's list of the same length, which CPython
    may give the freed list's id, must be classified anew (a batch worker once read Libertine as CMSY)."""
    PAGE_MATH_FONTS.set(frozenset())  # a page converted before in this thread learnt its nameless fonts
    for _ in range(20):
        first = [Font("CMSY10"), Font("CMMI10")]
        assert font_classes(first).math == frozenset({0, 1})
        del first
        second = [Font("LinLibertineT"), Font("LinBiolinumT")]
        assert font_classes(second).math == frozenset()
        del second


def test_math_alphanumerics_in_any_font_and_msbm() -> None:
    fonts = [Font("LMRoman10-Regular"), Font("MSBM10"), Font("KaTeX_AMS-Regular")]
    glyphs = [_glyph("𝑥", 0, 100, 0), _glyph("∈", 6, 100, 0), _glyph("ℝ", 12, 100, 0)]
    assert math_glyphs(fonts).is_math(glyphs[0]) and math_glyphs(fonts).is_math(glyphs[2])
    assert Builder(fonts).latex(glyphs) == r"x\in\mathbb{R}"
    assert Builder(fonts).latex([_glyph("𝐄", 0, 100, 0)]) == r"\mathbf{E}"
    assert Builder(fonts).latex([_glyph("R", 0, 100, 1)]) == r"\mathbb{R}"
    assert Builder(fonts).latex([_glyph("N", 0, 100, 2)]) == r"\mathbb{N}"


def test_nameless_fonts_are_math_by_their_glyphs() -> None:
    fonts = [Font("LiberationSans"), Font(""), Font("")]
    prose = [_glyph(c, 10 + 5 * i, 100, 2) for i, c in enumerate("Words")]  # a nameless text font: words
    formula = [_glyph("x", 0, 120, 1), _glyph("=", 8, 120, 1), _glyph("y", 16, 120, 1)]
    assert learn_page_fonts(prose + formula, fonts) == frozenset({1})


# -- the gate ----------------------------------------------------------------------------------------------


def test_gate_refuses_glyphs_of_stacked_lines_in_one_row() -> None:
    fonts = [Font("CMMI10", descent=-0.2)]
    stacked = [_glyph("x", 0, 100, 0), _glyph("y", 1, 115, 0), _glyph("z", 8, 100, 0)]
    builder = Builder(fonts)
    assert builder.latex(stacked, display=False) is None
    assert "stacked" in builder.refused or "rows" in builder.refused


def test_gate_on_the_latex() -> None:
    assert balanced(r"\frac{a}{b}") and not balanced(r"\frac{a}{b") and not balanced(r"\left( x")
    assert check_latex(r"\alpha_{i}+\sin x", ["α", "i", "+", "s", "i", "n", "x"]) is None
    assert check_latex("x+y", ["x", "+", "y", "z"]) is not None  # a glyph lost
    assert check_latex("x+x", ["x", "+"]) is not None  # a glyph used twice


def test_unicode_writer() -> None:
    assert to_unicode(r"x^{2}+y_{i}=\mathbb{R}") == "x²+yᵢ=ℝ"
    assert to_unicode(r"\frac{a}{b+c}") == "a/(b+c)"
    assert to_unicode(r"\sqrt{x}\leq\alpha") == "√x≤α"


def test_math_option_values() -> None:
    assert pagemill.Options(math=True).math == "latex" and pagemill.Options(math=False).math == "off"
    assert pagemill.Options(math="false").math == "off"  # type: ignore[arg-type]  # a query string
    with pytest.raises(ValueError):
        pagemill.Options(math="mathml")  # type: ignore[arg-type]


def test_a_browsers_formula_goes_back_into_the_hole_of_its_line() -> None:
    fonts = [Font("LiberationSans"), Font("KaTeX_Math-Italic")]
    left = [_glyph(c, 10 + 5 * i, 100, 0) for i, c in enumerate("Let")]
    right = [_glyph(c, 60 + 5 * i, 100, 0) for i, c in enumerate("be")]
    formula = [_glyph("x", 35, 100, 1), _glyph("y", 45, 100, 1)]
    other_column = [_glyph(c, 300 + 5 * i, 100, 0) for i, c in enumerate("far")]
    runs = [left, right, other_column, formula]
    merged = interleave_math_runs(runs, math_glyphs(fonts))
    assert merged is not None
    assert "".join(g.text for g in merged) == "Letxybefar"
    assert interleave_math_runs([left + right, other_column], math_glyphs(fonts)) is None
