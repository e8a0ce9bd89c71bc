"""Test PDFs made the way Word documents reach readers: Markdown -> DOCX (pandoc) -> PDF (LibreOffice).

``office_pdf`` writes the DOCX, lets the test patch it (Word's habits pandoc does not have: note
styles, font sizes, accents) and prints it with the bench's own ``print_docx``; the PDF is cached
in ``folder`` (pass a folder named by the content). Skipped where LibreOffice or pandoc is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.corpus.producers.libreoffice import print_docx


def office_pdf(folder: Path, markdown: str, patch: Callable[[Path, Path], None]) -> Path:
    """``folder/doc.pdf``: ``markdown`` by pandoc as DOCX, ``patch(pandoc_docx, docx)``, printed by LibreOffice."""
    if shutil.which("soffice") is None or shutil.which("pandoc") is None:
        pytest.skip("LibreOffice or pandoc is not installed (make test installs them)")
    pdf = folder / "doc.pdf"
    if pdf.exists():
        return pdf
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder) as work:  # moved in whole: a test beside never reads half a PDF
        workdir = Path(work)
        (workdir / "doc.md").write_text(markdown, encoding="utf-8")
        subprocess.run(["pandoc", "doc.md", "-o", "pandoc.docx"], cwd=workdir, check=True, timeout=120)
        patch(workdir / "pandoc.docx", workdir / "doc.docx")
        print_docx(workdir, workdir / "printed.pdf")
        os.replace(workdir / "printed.pdf", pdf)
    return pdf
