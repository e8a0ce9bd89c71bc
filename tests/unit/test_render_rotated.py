"""A region of a page stored with /Rotate 90 renders as displayed (page.get_size() is already turned)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("reportlab")
import numpy as np  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from pagemill.engines.pdf_objects import render_region  # noqa: E402
from pagemill.engines.render import render  # noqa: E402
from pagemill.model import BBox  # noqa: E402


def _rotated_page(path: Path) -> None:
    canvas = Canvas(str(path), pagesize=(595.0, 420.0))
    canvas.setPageRotation(90)  # stored 420 wide and 595 high, shown 595 wide and 420 high
    canvas.rect(100, 100, 200, 120, stroke=0, fill=1)
    canvas.showPage()
    canvas.save()


def test_region_of_a_page_turned_by_rotate_renders_as_shown(tmp_path: Path) -> None:
    pdf_path = tmp_path / "rotated.pdf"
    _rotated_page(pdf_path)
    pdf = pdfium.PdfDocument(str(pdf_path))
    whole = np.asarray(render(pdf, 0, 72).image)
    assert whole.shape == (420, 595)
    box = BBox(300, 50, 550, 350)  # reaches past the stored page's width: cropped wrong before
    part = np.asarray(render(pdf, 0, 72, box).image)
    assert part.shape == (300, 250)
    assert np.array_equal(part, whole[50:350, 300:550])
    assert render_region(pdf[0], box, 72.0).startswith(b"\x89PNG")
