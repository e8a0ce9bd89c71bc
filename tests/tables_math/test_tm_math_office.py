"""LibreOffice Math: Word equations (OMML, written by pandoc) printed by LibreOffice (issue 15).

LibreOffice sets variables in the body font's italic, operators and brackets in OpenSymbol, ∑ in a
larger size with its limits over and under it, and a fraction's parts in the body font over and
under a drawn rule. Golden Markdown, exact. Skipped where LibreOffice or its Math module is missing
(without libreoffice-math, LibreOffice leaves every equation out of the PDF).
"""

from __future__ import annotations

import hashlib
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from office_docs import office_pdf

import pagemill

_CACHE = Path(tempfile.gettempdir()) / "pagemill-math-office"
PROSE = "This body text is set in the text font and stays prose, however many formulas surround it."
SOURCE = f"""{PROSE} Each residual $r_i = y_i - \\hat{{y}}_i$ is kept, and we report $\\beta \\le 0.2$ for every test.

$$\\sigma^2 = \\frac{{1}}{{n-1}} \\sum_{{i=1}}^{{n}} (x_i - \\bar{{x}})^2$$

{PROSE}

$$\\nabla \\cdot E = \\frac{{\\rho}}{{\\varepsilon_0}}$$

$$e^{{i \\pi}} + 1 = 0$$

{PROSE}
"""
INLINE = r"Each residual $r_{i}=y_{i}-\hat{y}_{i}$ is kept, and we report $\beta\leq0.2$ for every test."
EXPECTED = f"""{PROSE} {INLINE}

$$\\sigma^{{2}}=\\frac{{1}}{{n-1}}\\sum_{{i=1}}^{{n}}(x_{{i}}-\\bar{{x}})^{{2}}$$

{PROSE}

$$\\nabla\\cdot E=\\frac{{\\rho}}{{\\varepsilon_{{0}}}}$$

$$e^{{i\\pi}}+1=0$$

{PROSE}
"""


def _office_pdf(source: str = SOURCE, half_points: int = 24) -> Path:
    """The Markdown as a Word document (pandoc) printed by LibreOffice; body text in ``half_points`` / 2 pt."""
    key = source if half_points == 24 else f"{source}{half_points}"
    folder = _CACHE / hashlib.sha1(key.encode()).hexdigest()[:12]
    pdf = office_pdf(folder, source, lambda docx, target: _bar_as_macron(docx, target, half_points))
    if "OpenSymbol" not in subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout:
        pdf.unlink()
        pytest.skip("LibreOffice printed no equations: libreoffice-math is not installed")
    return pdf


def _bar_as_macron(source: Path, target: Path, half_points: int = 24) -> None:
    """pandoc's ``\\bar`` accent (U+203E) prints as an acute in LibreOffice; U+0304 prints as the bar.

    The body size is pandoc's 12 pt unless ``half_points`` says otherwise (Word's 11 pt: 22).
    """
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.decode("utf-8").replace('m:val="\u203e"', 'm:val="\u0304"').encode("utf-8")
            if item.filename == "word/styles.xml":
                size = f'w:val="{half_points}"'
                data = data.decode("utf-8").replace('<w:sz w:val="24" />', f"<w:sz {size} />").encode("utf-8")
                data = data.replace(b'<w:szCs w:val="24" />', f"<w:szCs {size} />".encode())
            zout.writestr(item, data)


@pytest.fixture(scope="module")
def office() -> pagemill.Result:
    return pagemill.convert(_office_pdf())


def test_libreoffice_math_equations_golden(office: pagemill.Result) -> None:
    assert office.markdown == EXPECTED


#: formulas of one variable, and a display whose denominator is a run of four glyphs of the body font
OBJECTS = f"""{PROSE} The error decays like $O(h^2)$ when the step $h$ is halved, and the mean $\\bar{{x}}$ is taken.

$$P(A \\mid B) = \\frac{{P(B \\mid A) P(A)}}{{P(B)}}$$

$$\\sum_{{i=1}}^{{n}} i = \\frac{{n(n+1)}}{{2}}$$

{PROSE}
"""
OBJECTS_INLINE = r"The error decays like $O(h^{2})$ when the step $h$ is halved, and the mean $\bar{x}$ is taken."
OBJECTS_EXPECTED = f"""{PROSE} {OBJECTS_INLINE}

$$P(A|B)=\\frac{{P(B|A)P(A)}}{{P(B)}}$$

$$\\sum_{{i=1}}^{{n}}i=\\frac{{n(n+1)}}{{2}}$$

{PROSE}
"""


@pytest.fixture(scope="module")
def office_objects() -> pagemill.Result:
    return pagemill.convert(_office_pdf(OBJECTS, half_points=22))


def test_libreoffice_math_objects_in_11pt_prose_golden(office_objects: pagemill.Result) -> None:
    """Each formula is an object set at LibreOffice Math's 12 pt: a lone ``h`` in 11 pt prose is one; ``O(h²)``
    has OpenSymbol's parentheses, ``x̄`` OpenSymbol's bar over an italic x. ``P(B)`` (four glyphs) is the
    denominator of its fraction (it came out as ``\\underline`` of the numerator), and the ∑ display under
    it stays a display of its own: a full-size line over the large ∑ is none of its limits."""
    assert office_objects.markdown == OBJECTS_EXPECTED
