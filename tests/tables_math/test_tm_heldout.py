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


def _framed(canvas: Canvas, top: float, rows: list[list[str]], section: int | None = None) -> float:
    """A table ruled all round, 18 pt rows, 90 pt columns; row ``section`` one cell across (no inner rules)."""
    xs = [60.0 + 90.0 * k for k in range(len(rows[0]) + 1)]
    ys = [top - 18.0 * k for k in range(len(rows) + 1)]
    canvas.setFont("Helvetica", 9)
    for y in ys:
        canvas.line(xs[0], y, xs[-1], y)
    for k, row in enumerate(rows):
        inner = xs[1:-1] if k != section else []
        for x in (xs[0], *inner, xs[-1]):
            canvas.line(x, ys[k], x, ys[k + 1])
        for x, text in zip(xs, row):
            canvas.drawString(x + 4, ys[k + 1] + 6, text)
    return ys[-1]


def test_two_framed_tables_with_a_title_between_are_two_tables(tmp_path: Path) -> None:
    pdf = tmp_path / "two.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    first = [["sample", "blue", "red"], ["clear water", "97", "79"], ["tea water", "33", "70"]]
    second = [["sample", "blue %", "red %"], ["clear water", "100%", "100%"], ["tea water", "34%", "91%"]]
    bottom = _framed(canvas, 760, first)
    canvas.setFont("Helvetica-BoldOblique", 11)
    canvas.drawString(150, bottom - 22, "Example of Data Table 2")
    _framed(canvas, bottom - 30, second)
    canvas.save()
    assert [grid(t) for t in table_attrs(pdf)] == [first, second]


def test_framed_table_with_a_section_row_is_one_table(tmp_path: Path) -> None:
    pdf = tmp_path / "section.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    rows = [["sample", "blue", "red"], ["clear water", "97", "79"], ["Milk added", "", ""], ["tea water", "33", "70"]]
    _framed(canvas, 760, rows, section=2)
    canvas.save()
    (table,) = table_attrs(pdf)
    assert grid(table) == [rows[0], rows[1], ["Milk added", ">", ">"], rows[3]]
