"""Inputs of every format, written by pandoc, openpyxl, reportlab and Pillow inside the tests."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

#: the source every pandoc-written input is made from; its text is what the outputs are scored against
SOURCE = """\
# Introduction

This report has **bold words**, *italic words* and `inline code` with a [link](https://example.com/page).
Readers of the report will find the method, the data and the results in the sections that follow.

## Lists

- First bullet item
- Second bullet item
    - Nested bullet item
- Third bullet item

1. Step one of the process
2. Step two of the process
3. Step three of the process

# Data

| Name | Amount | Unit |
|------|--------|------|
| Apples | 12 | kg |
| Pears | 7 | kg |

The numbers above were counted by hand on the market of the old town.

# Code

```
def hello():
    return 42
```
"""

SOURCE_HEADINGS = [("Introduction", 1), ("Lists", 2), ("Data", 1), ("Code", 1)]
SOURCE_ITEMS = [
    ("First bullet item", 0, "•"),
    ("Second bullet item", 0, "•"),
    ("Nested bullet item", 1, "•"),
    ("Third bullet item", 0, "•"),
    ("Step one of the process", 0, "1."),
    ("Step two of the process", 0, "2."),
    ("Step three of the process", 0, "3."),
]
SOURCE_TABLE = [["Name", "Amount", "Unit"], ["Apples", "12", "kg"], ["Pears", "7", "kg"]]
SCAN_TEXT = [
    "The quick brown fox jumps over the lazy dog.",
    "Pack my box with five dozen liquor jugs.",
    "How vexingly quick daft zebras jump.",
]


def pandoc(source: Path, target: Path, *extra: str) -> Path:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed (make test installs it)")
    subprocess.run(["pandoc", str(source), "-o", str(target), *extra], check=True, timeout=60)
    return target


def write_xlsx(path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Fruit"
    for row in SOURCE_TABLE:
        sheet.append([int(v) if v.isdigit() else v for v in row])
    second = book.create_sheet("Dates")
    second.append(["Event", "Day"])
    second.append(["Harvest", dt.date(2024, 9, 1)])
    book.save(path)
    return path


def write_scan(path: Path, pages: int = 1) -> Path:
    """A page of printed text rendered to pixels at 300 dpi (PNG, or a 1-bit G4 TIFF of ``pages``)."""
    import pypdfium2 as pdfium
    from reportlab.pdfgen import canvas

    pdf_path = path.with_suffix(".source.pdf")
    page = canvas.Canvas(str(pdf_path), pagesize=(420.0, 595.0), invariant=1)
    page.setFont("Helvetica", 12)
    for index, line in enumerate(SCAN_TEXT):
        page.drawString(50, 480 - 22 * index, line)
    page.showPage()
    page.save()
    document = pdfium.PdfDocument(str(pdf_path))
    image = document[0].render(scale=300 / 72).to_pil().convert("L")
    document.close()
    pdf_path.unlink()
    if path.suffix == ".tif":
        frames = [image.convert("1")] * pages
        frames[0].save(path, compression="group4", dpi=(300, 300), save_all=True, append_images=frames[1:])
    else:
        image.save(path, dpi=(300, 300))
    return path
