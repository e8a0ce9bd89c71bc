"""Print an HTML page to PDF with headless Chromium, for the golden cases built from web pages."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest


def print_html(html: str, path: str) -> None:
    """``html`` printed to ``path`` as Chromium's "Save as PDF" does, without its header and footer."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium is missing (make test installs it)")
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "page.html"
        page.write_text(html, encoding="utf-8")
        command = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={folder}/profile",
            "--no-pdf-header-footer",
            f"--print-to-pdf={path}",
            str(page),
        ]
        subprocess.run(command, check=True, capture_output=True, timeout=120)
