"""Arabic from a real shaped PDF: letters in logical order, presentation forms folded, bidi runs right.

fpdf2 with text shaping (uharfbuzz) writes Arabic the way word processors do:
shaped glyphs (presentation forms) placed right to left. The logical string
must come back, with its number and its Latin word where a reader expects them.
"""

from pathlib import Path

import pytest

import pagemill

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
LINES = ["مرحبا بالعالم 2024 PDF", "الجملة الثانية باللغة العربية", "שלום עולם 123"]


@pytest.fixture(scope="module")
def arabic_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    fpdf = pytest.importorskip("fpdf")
    pytest.importorskip("uharfbuzz", reason="fpdf2 needs uharfbuzz to shape Arabic (test extra)")
    if not FONT.exists():
        pytest.fail(f"{FONT} is missing: install fonts-dejavu-core (make test does)")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.add_font("dejavu", "", str(FONT))
    pdf.set_font("dejavu", size=14)
    pdf.set_text_shaping(True)
    for line in LINES:
        pdf.cell(text=line)
        pdf.ln(20)
    path = tmp_path_factory.mktemp("arabic") / "arabic.pdf"
    pdf.output(str(path))
    return path


def test_arabic_and_hebrew_lines_come_out_in_logical_order(arabic_pdf: Path) -> None:
    result = pagemill.convert(arabic_pdf)
    lines = [line.text for page in result.document.pages for block in page.blocks for line in block.lines]
    assert lines == LINES


def test_no_presentation_forms_survive(arabic_pdf: Path) -> None:
    markdown = pagemill.convert(arabic_pdf).markdown
    assert not [c for c in markdown if "\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufeff"]
