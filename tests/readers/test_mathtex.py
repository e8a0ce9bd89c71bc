"""Equations to LaTeX: MathML (HTML, EPUB, ODT formula objects) and Office Math (DOCX, PPTX)."""

from __future__ import annotations

from xml.etree.ElementTree import fromstring

from pagemill.readers.html import parse_html
from pagemill.readers.mathtex import mathml_to_latex, omml_to_latex

M = 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'


def test_mathml_in_html() -> None:
    page = parse_html(
        "<math display='block'><mrow><munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow>"
        "<mi>n</mi></munderover><msqrt><msub><mi>x</mi><mi>i</mi></msub></msqrt><mo>≤</mo>"
        "<mfrac><mi>α</mi><mn>2</mn></mfrac></mrow></math>"
    )
    math = page.find("math")
    assert math is not None
    assert mathml_to_latex(math) == r"\sum_{i = 1}^n \sqrt{x_i} \leq \frac{\alpha}{2}"


def test_mathml_as_xml() -> None:
    math = fromstring(
        '<math xmlns="http://www.w3.org/1998/Math/MathML"><mover><mi>v</mi><mo>→</mo></mover>'
        "<mo>=</mo><mi>sin</mi><mi>θ</mi></math>"
    )
    assert mathml_to_latex(math) == r"\vec{v} = \sin \theta"


def test_office_math() -> None:
    math = fromstring(
        f"<m:oMath {M}><m:nary><m:naryPr><m:chr m:val='∑'/></m:naryPr><m:sub><m:r><m:t>k</m:t></m:r></m:sub>"
        "<m:sup/><m:e><m:sSup><m:e><m:r><m:t>k</m:t></m:r></m:e><m:sup><m:r><m:t>2</m:t></m:r></m:sup></m:sSup>"
        "</m:e></m:nary><m:r><m:t>=</m:t></m:r><m:d><m:e><m:r><m:t>a+b</m:t></m:r></m:e></m:d></m:oMath>"
    )
    assert omml_to_latex(math) == r"\sum_k k^2=\left( a+b \right)"
