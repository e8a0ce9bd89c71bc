"""What the held-out real tables (bench family real-tables-heldout) showed, set with reportlab in the test.

- a price list: item names of prose length, each with its price after a wide gap ("8 €", the currency
  after the number), group lines between them: one borderless table, its grid exact;
- a table of contents with titles as long and page numbers after them: no table;
- a font whose descriptor flags it italic but whose name is an upright face's ("LiberationSans",
  as "Helvetica" in an NNMB report): upright text, no emphasis in its table's cells.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

reportlab = pytest.importorskip("reportlab")
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from tm_grid import grid, table_attrs  # noqa: E402

from pagemill.api import convert  # noqa: E402

PRICES = [
    ("Whites", "12.5 cl"),
    ("Côtes du Rhône", ""),
    ("Domaine de la Guicharde « Autour de la chapelle » 2016", "8 €"),
    ("Vacqueyras", ""),
    ("Domaine de Montvac « Melodine » 2016", "10 €"),
    ("Châteauneuf du Pape", ""),
    ("Domaine de Beaurenard, vieilles vignes et cuvée de garde 2017", "13 €"),
    ("Reds", "12.5 cl"),
    ("Côtes du Rhône", ""),
    ("Château Saint Estève d’Uchaux « Grande Réserve » 2014", "9 €"),
    ("Domaine de la Florane « Terre Pourpre » 2014", "10 €"),
    ("L’Oratoire St Martin « Réserve des Seigneurs » 2015", "11 €"),
]


def test_price_list_with_long_item_names_is_one_table(tmp_path: Path) -> None:
    pdf = tmp_path / "prices.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(60, 790, "Wines by the glass")
    y = 750.0
    for name, price in PRICES:
        if name in ("Whites", "Reds") and y < 750:
            y -= 20  # a wider gap before each colour
        canvas.setFont("Helvetica", 10)
        canvas.drawString(60, y, name)
        canvas.drawRightString(530, y, price)
        y -= 14
    canvas.save()
    (table,) = table_attrs(pdf)
    assert grid(table) == [list(row) for row in PRICES]


def test_contents_with_long_titles_is_no_table(tmp_path: Path) -> None:
    pdf = tmp_path / "contents.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    canvas.setFont("Times-Roman", 10)
    titles = [
        "Identification of the loading procedure and its options",
        "Hyphenation patterns for the languages of the eastern provinces",
        "Fonts, encodings and the input of characters outside ASCII",
        "Interaction with other packages and with the document classes",
    ]
    y = 780.0
    for n, title in enumerate(titles, 1):
        canvas.drawString(60, y, f"{n} {title}")
        canvas.drawRightString(530, y, str(4 * n + 1))
        y -= 13
    canvas.save()
    assert table_attrs(pdf) == []


def test_upright_font_flagged_italic_is_upright(tmp_path: Path) -> None:
    font = Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf")
    if not font.exists():
        pytest.skip("Liberation Sans is not installed")
    pdfmetrics.registerFont(TTFont("Upright", str(font)))
    pdf = tmp_path / "flagged.pdf"
    canvas = Canvas(str(pdf), pagesize=A4, pageCompression=0)
    canvas.setFont("Upright", 10)
    canvas.drawString(60, 780, "The sample size for each investigation is given below.")
    rows = [("Investigations", "Households"), ("Anthropometry", "2400"), ("Diet survey", "1200"), ("Blood", "2400")]
    for k, (label, value) in enumerate(rows):
        canvas.drawString(60, 750 - 14 * k, label)
        canvas.drawRightString(300, 750 - 14 * k, value)
    canvas.save()
    data = pdf.read_bytes()
    flagged = re.sub(rb"/Flags 4 ", b"/Flags 68", data)  # the italic flag (64) set, the byte offsets kept
    assert flagged != data and b"LiberationSans" in data
    pdf.write_bytes(flagged)
    markdown = convert(str(pdf)).markdown
    assert "*" not in markdown
    (table,) = table_attrs(pdf)
    assert grid(table) == [list(row) for row in rows]
