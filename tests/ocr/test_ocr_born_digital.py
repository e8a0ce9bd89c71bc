"""In ``auto`` mode no page of a real born-digital PDF is OCR'd.

The PDFs are Debian's texlive-latex-base-doc (manuals, news letters, source listings,
font tables), which ``make test`` unpacks under ``$PAGEMILL_TEXDOCS``. The first pages of
every file are judged here; ``tests/ocr/measure.py digital`` judges every page (2,394).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import pagemill

PACKAGE = "texlive-latex-base-doc"
FIRST_PAGES = 3


def _pdfs() -> list[Path]:
    folder = os.environ.get("PAGEMILL_TEXDOCS")
    if not folder:
        pytest.skip("PAGEMILL_TEXDOCS is not set (make test sets it and fetches texlive-latex-base-doc)")
    pdfs = sorted((Path(folder) / PACKAGE).rglob("*.pdf"))
    assert len(pdfs) >= 40, f"only {len(pdfs)} PDFs under {folder}/{PACKAGE}"
    return pdfs


def test_no_born_digital_page_is_ocrd() -> None:
    judged = 0
    wrongly = []
    for path in _pdfs():
        result = pagemill.convert(str(path), pages=f"1-{FIRST_PAGES}")
        wrongly.extend(f"{path.name}: {error}" for error in result.errors)  # judging must not lose a page
        for page in result.document.pages:
            judged += 1
            if page.text_quality.get("decision") != "text":
                wrongly.append(f"{path.name} p{page.number}: {page.text_quality}")
    assert judged >= 150
    assert not wrongly, "\n".join(wrongly)
