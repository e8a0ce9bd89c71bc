"""Fixtures of the OCR tests: the PDFs of scanmaker.py, made once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from . import scanmaker

BOOK = [scanmaker.ENGLISH[:4], scanmaker.ENGLISH[4:], scanmaker.ENGLISH[2:6]]


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("ocr-pdfs")
    made = {
        "digital": scanmaker.digital_pdf(scanmaker.ENGLISH),
        "scan": scanmaker.scanned_pdf(scanmaker.ENGLISH, heading="Annual Report"),
        "scan_de": scanmaker.scanned_pdf(scanmaker.GERMAN),
        "turned_90": scanmaker.scanned_pdf(scanmaker.ENGLISH, rotate=90),
        "turned_180": scanmaker.scanned_pdf(scanmaker.ENGLISH, rotate=180),
        "skewed": scanmaker.scanned_pdf(scanmaker.ENGLISH, skew=2.0),
        "private_use": scanmaker.garbled_pdf(scanmaker.ENGLISH),
        "unmapped": scanmaker.unmapped_pdf(scanmaker.ENGLISH),
        "mixed": scanmaker.mixed_pdf(scanmaker.ENGLISH[:4], scanmaker.ENGLISH[4:]),
        "figure": scanmaker.image_pdf([scanmaker.draw_figure_page(scanmaker.ENGLISH, scanmaker.FIGURE_CAPTION)]),
        "good_layer": scanmaker.scan_with_layer_pdf(scanmaker.ENGLISH, scanmaker.ENGLISH),
        "bad_layer": scanmaker.scan_with_layer_pdf(scanmaker.ENGLISH, [scanmaker.junk(s) for s in scanmaker.ENGLISH]),
        "book": scanmaker.image_pdf(scanmaker.running_pages(BOOK, "Minutes of the Committee")),
        "structured": scanmaker.image_pdf([scanmaker.draw_structured_page()]),
        "table": scanmaker.image_pdf([scanmaker.draw_table_page()]),
        "small_print": scanmaker.image_pdf(
            [scanmaker.draw_text_image(scanmaker.ENGLISH[:4], dpi=1200, size_pt=3.5, page_pt=(130, 40), margin_pt=4)],
            dpi=1200,
        ),
        "typewritten": scanmaker.scanned_pdf(scanmaker.ENGLISH, font=scanmaker.MONO, size_pt=10),
        "chinese": scanmaker.scanned_pdf(scanmaker.CHINESE, font=scanmaker.CJK, size_pt=14),
    }
    return {name: scanmaker.write(folder / f"{name}.pdf", data) for name, data in made.items()}
