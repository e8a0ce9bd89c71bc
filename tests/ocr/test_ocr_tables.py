"""A ruled table on a realistic scan: hairline rules, greyed by the scanner's blur, tilted, noisy.

The page is a reportlab table with a 0.4 pt grid (LaTeX's ``\\hline`` and ``|``), rendered at
300 dpi in grey, turned by 0.7 degrees, blurred, noised and JPEG-coded as the bench's scans are.
At the 200 dpi the OCR reads it, such a rule is a line of grey pixels near the ink threshold:
looked for in the ink mask, it broke into pieces too short to be rules, no grid was found and the
rules came out as "|" in the text (stages/ocr.py; engines/render.py: rule_mask).
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageFilter

import pagemill

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")

GRID = [
    ["Station", "Region", "Days", "Mean"],
    ["Harbour", "Coast", "354", "125"],
    ["Island", "North", "321", "98"],
    ["Cape", "South", "308", "112"],
    ["Bridge", "Inland", "347", "104"],
]
PROSE = (
    "Each station recorded the water temperature every hour for three years. "
    "The table below gives the mean of each series and the number of days measured."
)


def _digital_table() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    out = io.BytesIO()
    style = getSampleStyleSheet()["BodyText"]
    table = Table(GRID, colWidths=[80, 60, 50, 70])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, "black"), ("FONTSIZE", (0, 0), (-1, -1), 11)]))
    SimpleDocTemplate(out, pagesize=A4).build([Paragraph(PROSE, style), Spacer(1, 12), table])
    return out.getvalue()


def _scanned(pdf: bytes, dpi: int = 300) -> bytes:
    """Each page rendered in grey and degraded as a scanner does (bench/corpus/render.py: degrade)."""
    rng = np.random.default_rng(7)
    pages = []
    for page in pdfium.PdfDocument(pdf):
        image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        turned = image.rotate(0.7, resample=Image.Resampling.BICUBIC, fillcolor=255)
        pixels = np.asarray(turned.filter(ImageFilter.GaussianBlur(radius=0.6)), dtype=np.float32)
        pixels = pixels + rng.normal(0.0, 12.0, pixels.shape)
        pages.append(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L"))
    out = io.BytesIO()
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=float(dpi), quality=80)
    return out.getvalue()


def test_a_hairline_grid_on_a_scan_is_a_table_with_its_exact_cells(tmp_path: Path) -> None:
    path = tmp_path / "scanned-table.pdf"
    path.write_bytes(_scanned(_digital_table()))
    result = pagemill.convert(str(path), lang="eng")
    assert result.status == "ok", result.errors
    assert result.document.pages[0].origin == "ocr"
    tables = [b for page in result.json()["pages"] for b in page["blocks"] if b["kind"] == "table"]
    assert len(tables) == 1
    rows = [line for line in result.markdown.splitlines() if line.startswith("|") and "---" not in line]
    assert [[cell.strip() for cell in row.strip("|").split("|")] for row in rows] == GRID
    assert "Each station recorded" in result.markdown
