"""Borderless and partly ruled tables (issue 14), set with reportlab in the test: each cell grid asserted exactly.

- a statement of financial position with no rules at all: a two-row header whose years span
  column groups, a label column headed on the lower header row, indented labels;
- the same kind of statement with a rule under the header only (partly ruled);
- a schedule that runs over a page break with its header repeated: one table, the header once;
- a two-column page of prose with a short aligned list of words: no table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

reportlab = pytest.importorskip("reportlab")
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from tm_grid import grid, table_attrs  # noqa: E402

HEAD = [["", "2025", "", "", "2024", "", ""], ["Item", "H1", "H2", "Year", "H1", "H2", "Year"]]
BODY = [
    ["Revenue", "", "", "", "", "", ""],
    ["  Taxation", "64,522.8", "98,299.3", "40,157.8", "1,812.4", "34,355.5", "59,760.0"],
    ["  Grants received", "94,873.1", "61,896.2", "83,904.2", "16,306.5", "37,081.6", "39,253.9"],
    ["  Interest", "74,727.1", "28,768.4", "23,773.5", "4,095.4", "25,762.4", "82,522.7"],
    ["Expenses", "", "", "", "", "", ""],
    ["  Employee expenses", "(1,219.9)", "(65,575.5)", "(45,401.8)", "(36,871.0)", "(27,552.1)", "(69,604.5)"],
    ["  Depreciation", "(33,829.9)", "(56,979.2)", "(27,024.3)", "(35,683.8)", "(86,577.6)", "(83,866.0)"],
    ["Net operating result", "(96,195.6)", "(27,725.6)", "70,505.6", "85,662.3", "17,787.2", "(36,030.8)"],
]
LABEL_X, FIRST_X, STEP = 60.0, 230.0, 55.0
PROSE = (
    "The department manages the roads, bridges and harbours of the coast and reports every year on what it "
    "spent and what it earned. Compared with the budget the result was higher, mainly because of the timing "
    "of federal grant payments and of lower interest rates on cash balances during the second half of the year."
)


def _statement(canvas: Canvas, top: float, rule: bool) -> float:
    """The statement drawn from ``top`` down (PDF points from the page's foot); returns the y under it."""
    y = top
    canvas.setFont("Helvetica-Bold", 9)
    for group, x in (("2025", FIRST_X + STEP), ("2024", FIRST_X + 4 * STEP)):
        canvas.drawCentredString(x - 15, y, group)  # over the middle of the three right-aligned columns
    y -= 13
    canvas.drawString(LABEL_X, y, "Item")
    for k, text in enumerate(HEAD[1][1:]):
        canvas.drawRightString(FIRST_X + k * STEP, y, text)
    if rule:
        canvas.line(LABEL_X, y - 4, FIRST_X + 5 * STEP, y - 4)
    for row in BODY:
        y -= 13
        label = row[0]
        canvas.setFont("Helvetica-Bold" if not label.startswith(" ") else "Helvetica", 9)
        canvas.drawString(LABEL_X + (12 if label.startswith(" ") else 0), y, label.strip())
        for k, text in enumerate(row[1:]):
            canvas.drawRightString(FIRST_X + k * STEP, y, text)
    return y


def _paragraph(canvas: Canvas, x: float, y: float, width: float, text: str) -> float:
    canvas.setFont("Times-Roman", 10)
    words, line = text.split(), ""
    for word in words:
        if canvas.stringWidth(f"{line} {word}".strip(), "Times-Roman", 10) > width:
            canvas.drawString(x, y, line)
            y, line = y - 12.5, word
        else:
            line = f"{line} {word}".strip()
    canvas.drawString(x, y, line)
    return y - 20


EXPECTED_HEAD = [
    ["Item", "2025", ">", ">", "2024", ">", ">"],
    ["^", "H1", "H2", "Year", "H1", "H2", "Year"],
]
EXPECTED_BODY = [[row[0].strip(), *row[1:]] for row in BODY]


@pytest.mark.parametrize("rule", [False, True], ids=["borderless", "header-rule"])
def test_statement_with_spanning_header_and_indented_labels(tmp_path: Path, rule: bool) -> None:
    pdf = tmp_path / "statement.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    y = _paragraph(canvas, LABEL_X, 780, 470, PROSE)
    canvas.setFont("Helvetica-Bold", 11)
    canvas.drawString(LABEL_X, y, "Operating statement by half-year ($ millions)")
    y = _statement(canvas, y - 24, rule)
    _paragraph(canvas, LABEL_X, y - 30, 470, PROSE)
    canvas.save()
    (table,) = table_attrs(pdf)
    assert table["header_rows"] == 2
    assert grid(table) == EXPECTED_HEAD + EXPECTED_BODY


def test_table_continued_over_a_page_break_is_one_table(tmp_path: Path) -> None:
    pdf = tmp_path / "schedule.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    funds = [f"Fund {n:02d}" for n in range(1, 61)]
    y = _paragraph(canvas, LABEL_X, 780, 470, PROSE)
    for page, rows in enumerate((funds[:40], funds[40:])):
        if page:
            canvas.showPage()
            y = 790
        canvas.setFont("Helvetica-Bold", 9)
        canvas.drawString(LABEL_X, y, "Fund")
        for k, text in enumerate(("Opening", "Receipts", "Closing")):
            canvas.drawRightString(FIRST_X + 60 + k * 80, y, text)
        canvas.setFont("Helvetica", 9)
        for name in rows:
            y -= 13
            number = funds.index(name) + 1
            canvas.drawString(LABEL_X, y, name)
            for k, value in enumerate((number * 101.5, number * 7.25, number * 108.75)):
                canvas.drawRightString(FIRST_X + 60 + k * 80, y, f"{value:,.2f}")
    canvas.save()
    tables = [t for t in table_attrs(pdf) if not t.get("continued")]
    assert len(tables) == 1
    rows = grid(tables[0])
    assert rows[0] == ["Fund", "Opening", "Receipts", "Closing"]
    assert len(rows) == 61
    assert rows[41] == ["Fund 41", "4,161.50", "297.25", "4,458.75"]
    assert [row[0] for row in rows[1:]] == funds


def test_two_column_prose_is_no_table(tmp_path: Path) -> None:
    pdf = tmp_path / "columns.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    for x in (60.0, 310.0):
        y = 780.0
        for _ in range(5):
            y = _paragraph(canvas, x, y, 225, PROSE)
    canvas.save()
    assert table_attrs(pdf) == []


def test_contents_and_tab_stop_list_are_no_tables(tmp_path: Path) -> None:
    """Titles with page numbers at the right (no leaders) and a list with markers at a tab stop."""
    pdf = tmp_path / "contents.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    canvas.setFont("Times-Roman", 10)
    y = 780.0
    for n, (title, page) in enumerate(
        [("Introduction", 1), ("Identification and loading", 4), ("Hyphenation patterns", 9), ("Fonts", 15)], 1
    ):
        canvas.drawString(LABEL_X, y, f"{n} {title}")
        canvas.drawRightString(530, y, str(page))
        y -= 13
    y -= 30
    for marker in ("(a)", "(b)", "(c)", "(d)"):
        canvas.drawString(LABEL_X, y, marker)
        canvas.drawString(LABEL_X + 40, y, PROSE[:90])
        y -= 13
    canvas.save()
    assert table_attrs(pdf) == []


def test_borderless_table_across_two_columns_of_prose(tmp_path: Path) -> None:
    """A table set across both columns of a two-column page: one table, its columns whole."""
    pdf = tmp_path / "spanning.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    bottom = 0.0
    for x in (60.0, 310.0):
        y = 780.0
        for _ in range(2):
            y = _paragraph(canvas, x, y, 225, PROSE)
        bottom = y
    canvas.setFont("Helvetica", 9)
    columns = (60.0, 250.0, 330.0, 410.0, 490.0)
    canvas.drawString(columns[0], bottom - 10, "Station")
    for x, head in zip(columns[1:], ("Mean", "Min", "Max", "Days")):
        canvas.drawRightString(x + 40, bottom - 10, head)
    rows = [
        ("Harbour", "9.9", "5", "18", "358"),
        ("Cape", "2.7", "-5", "15", "346"),
        ("North", "7.9", "-2", "17", "364"),
    ]
    for k, row in enumerate(rows, 1):
        canvas.drawString(columns[0], bottom - 10 - 13 * k, row[0])
        for x, value in zip(columns[1:], row[1:]):
            canvas.drawRightString(x + 40, bottom - 10 - 13 * k, value)
    for x in (60.0, 310.0):
        _paragraph(canvas, x, bottom - 90, 225, PROSE)
    canvas.save()
    (table,) = table_attrs(pdf)
    assert grid(table) == [["Station", "Mean", "Min", "Max", "Days"], *[list(row) for row in rows]]
