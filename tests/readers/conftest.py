"""The folder of inputs of every format (formats_support.py writes them)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from formats_support import SOURCE, SOURCE_TABLE, pandoc, write_scan, write_xlsx  # noqa: E402


@pytest.fixture(scope="session")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One file of each format, in one folder."""
    folder = tmp_path_factory.mktemp("formats")
    source = folder.parent / "source.md"
    source.write_text(SOURCE, encoding="utf-8")
    files = {
        "docx": pandoc(source, folder / "report.docx"),
        "odt": pandoc(source, folder / "letter.odt"),
        "html": pandoc(source, folder / "page.html", "-s", "--metadata", "pagetitle=Report"),
        "epub": pandoc(source, folder / "book.epub", "--metadata", "title=Book"),
        "pptx": pandoc(source, folder / "slides.pptx"),
        "xlsx": write_xlsx(folder / "sheet.xlsx"),
        "png": write_scan(folder / "scan.png"),
        "tif": write_scan(folder / "fax.tif", pages=2),
    }
    csv_path = folder / "table.csv"
    csv_path.write_text("\n".join(",".join(row) for row in SOURCE_TABLE) + "\n", encoding="utf-8")
    files["csv"] = csv_path
    return files
