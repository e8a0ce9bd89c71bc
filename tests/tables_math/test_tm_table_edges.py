"""Borderless tables at their edges (issue 14), set with reportlab in the test, each cell grid asserted exactly.

- a table whose header and first row end a page, its other rows opening the next (no header
  repeated), or whose last row alone opens the next page: one table, in the page's columns;
  rows at a page's foot that no table continues stay a paragraph;
- an invoice whose totals' labels are centred over the three columns left of the amounts
  (``\\multicolumn{3}{c}``): one cell over three columns, no column of their own;
- a data sheet whose values grow past a short cell's length: the rows stay in the table;
- a table set small and tight (llncs, revtex): its columns start where the header's words do, less
  than a cell gap after the widest text of the column before: five columns, the header a row;
- a booktabs table at the page's top under a running head's rule in line with its rules: the
  body stays rows (the head's rule bounds no table).
"""

from __future__ import annotations

from pathlib import Path

import pytest

reportlab = pytest.importorskip("reportlab")
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from tm_grid import grid, table_attrs  # noqa: E402

from pagemill.api import convert  # noqa: E402

HEAD = ("Station", "Mean", "Min", "Max", "Days")
ROWS = [
    ("Island", "13.8", "5", "21", "339"),
    ("Harbour", "4.1", "-2", "15", "349"),
    ("South", "0.9", "-3", "15", "343"),
    ("Cape", "4.7", "-5", "12", "322"),
]
COLUMNS = (72.0, 160.0, 220.0, 280.0, 340.0)
PROSE = (
    "Each station recorded the water temperature every hour for three consecutive years, and the "
    "difference between the two sources stays below half a degree in almost every month of the record."
)


def _row(canvas: Canvas, y: float, cells: tuple[str, ...]) -> None:
    for x, text in zip(COLUMNS, cells):
        canvas.drawString(x, y, text)


def _prose(canvas: Canvas, y: float, lines: int) -> float:
    canvas.setFont("Times-Roman", 10)
    for _ in range(lines):
        canvas.drawString(72, y, PROSE[:95])
        y -= 12.5
    return y


def _page_foot(canvas: Canvas, page: int, note: bool) -> None:
    if note:
        canvas.setFont("Times-Roman", 8)
        canvas.drawString(82, 70, "1 Map of the stations: compare with the reference series.")
    canvas.setFont("Times-Roman", 10)
    canvas.drawCentredString(297, 40, str(page))


def _split_table(path: Path, continued: bool, before: int = 1) -> None:
    """Prose, then the table's header and its first ``before`` rows at the foot of page 1, the rest on page 2."""
    canvas = Canvas(str(path), pagesize=A4)
    y = _prose(canvas, 780, 53 - 2 * before)
    canvas.setFont("Times-Roman", 10)
    canvas.drawString(72, y - 8, "Table 1: Pressure and temperature")
    for k, row in enumerate([HEAD, *ROWS[:before]]):
        _row(canvas, y - 30 - 12 * k, row)
    _page_foot(canvas, 1, note=True)
    canvas.showPage()
    canvas.setFont("Times-Roman", 10)
    y = 760.0  # the first line of page 2, under the running head's place
    if continued:
        for row in ROWS[before:]:
            _row(canvas, y, row)
            y -= 12
        y -= 20
    _prose(canvas, y, 6)
    _page_foot(canvas, 2, note=False)
    canvas.save()


@pytest.mark.parametrize("before", [1, 3], ids=["two-rows-at-the-foot", "one-row-at-the-top"])
def test_table_split_by_a_page_break_into_a_part_too_short_is_one_table(tmp_path: Path, before: int) -> None:
    pdf = tmp_path / "split.pdf"
    _split_table(pdf, continued=True, before=before)
    tables = [t for t in table_attrs(pdf) if not t.get("continued")]
    assert [grid(t) for t in tables] == [[list(HEAD), *[list(row) for row in ROWS]]]
    assert tables[0]["pages"] == [1, 2]


def test_rows_at_a_page_foot_that_nothing_continues_stay_text(tmp_path: Path) -> None:
    pdf = tmp_path / "foot.pdf"
    _split_table(pdf, continued=False)
    result = convert(str(pdf))
    assert [b for page in result.document.pages for b in page.blocks if b.kind == "table"] == []
    assert "Station Mean Min Max Days Island 13.8 5 21 339" in result.markdown


def test_totals_centred_over_three_columns_span_them(tmp_path: Path) -> None:
    pdf = tmp_path / "invoice.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    right = (250.0, 320.0, 390.0)  # right edges of Quantity, Unit price, Amount
    left, y = 120.0, 700.0
    items = [
        ("Installation (hours)", "14", "$ 72.00", "$ 1,008.00"),
        ("Sensor KT-220", "6", "$ 214.50", "$ 1,287.00"),
        ("Commissioning report", "1", "$ 390.00", "$ 390.00"),
        ("Site survey", "1", "$ 850.00", "$ 850.00"),
    ]
    totals = [("Subtotal", "$ 3,535.00"), ("Tax (10%)", "$ 353.50"), ("Balance due", "$ 3,888.50")]
    canvas.setFont("Times-Roman", 10)
    canvas.drawString(left, y, "Description")
    for x, text in zip(right, ("Quantity", "Unit price", "Amount")):
        canvas.drawRightString(x, y, text)
    for item in items:
        y -= 13
        canvas.drawString(left, y, item[0])
        for x, text in zip(right, item[1:]):
            canvas.drawRightString(x, y, text)
    for label, amount in totals:
        y -= 13
        canvas.drawCentredString((left - 4 + right[1] + 4) / 2, y, label)  # over Description to Unit price
        canvas.drawRightString(right[2], y, amount)
    canvas.save()
    (table,) = table_attrs(pdf)
    assert grid(table) == [
        ["Description", "Quantity", "Unit price", "Amount"],
        *[list(item) for item in items],
        *[[label, ">", ">", amount] for label, amount in totals],
    ]


def test_values_longer_than_a_short_cell_stay_in_the_table(tmp_path: Path) -> None:
    pdf = tmp_path / "sheet.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    rows = [
        ("Parameter", "Value"),
        ("Supply voltage", "5 V DC"),
        ("Current draw", "21 mA"),
        ("Accuracy", "± 0.6 °C"),
        ("Output", "RS-485 Modbus RTU"),
        ("Housing", "Anodised aluminium"),
        ("Weight", "219 g"),
    ]
    y = _prose(canvas, 780, 3) - 20
    for k, (name, value) in enumerate(rows):
        canvas.setFont("Times-Bold" if k == 0 else "Times-Roman", 9)
        canvas.drawString(72, y, name)
        canvas.drawString(150, y, value)
        y -= 13
    _prose(canvas, y - 20, 3)
    canvas.save()
    (table,) = table_attrs(pdf)
    assert grid(table) == [list(row) for row in rows]


TIGHT_HEAD = ("Station", "Mean", "Min", "Maximum", "Days")
TIGHT_ROWS = [
    ("Cape", "6.4", "2", "13", "361"),
    ("Bay", "3.0", "0", "14", "312"),
    ("East", "6.6", "3", "20", "351"),
    ("Island", "4.8", "0", "10", "340"),
]


def _tight_table(path: Path, caption: str) -> None:
    """Prose in 10 pt, then a table set small and tight (llncs, revtex): each column starts a word space
    after the header word over the column before, so the header has no wider gaps than word spaces
    and "Island" ends 0.85 em before the next column (under the cell gap); "Cape" does not."""
    canvas = Canvas(str(path), pagesize=A4)
    y = _prose(canvas, 780, 6)
    canvas.setFont("Helvetica", 8)
    if caption:
        canvas.drawString(180, y - 14, caption)
        y -= 14
    starts = [180.0]
    for word in TIGHT_HEAD[:-1]:
        starts.append(starts[-1] + canvas.stringWidth(word, "Helvetica", 8) + 3.0)
    for k, row in enumerate([TIGHT_HEAD, *TIGHT_ROWS]):
        for x, text in zip(starts, row):
            canvas.drawString(x, y - 20 - 11 * k, text)
    _prose(canvas, y - 20 - 11 * len(TIGHT_ROWS) - 24, 4)
    canvas.save()


@pytest.mark.parametrize("caption", ["Table 1. Temperature by station", ""], ids=["captioned", "aligned"])
def test_columns_closer_than_a_cell_gap_start_where_the_header_words_do(tmp_path: Path, caption: str) -> None:
    pdf = tmp_path / "tight.pdf"
    _tight_table(pdf, caption)
    (table,) = table_attrs(pdf)
    assert grid(table) == [list(TIGHT_HEAD), *[list(row) for row in TIGHT_ROWS]]


def test_a_running_heads_rule_over_a_booktabs_table_at_the_page_top_is_no_rule_of_it(tmp_path: Path) -> None:
    """The running head's rule lines up with the rules of the table under it (within two em), white space
    between: it tops no table, and the table's body under its two-row header stays rows."""
    pdf = tmp_path / "top.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    canvas.setFont("Times-Roman", 9)
    canvas.drawString(60, 800, "Annual report 2025")
    canvas.line(60, 796, 388, 796)  # the running head's rule
    for y in (780.0, 751.0, 697.0):  # toprule, midrule, bottomrule
        canvas.line(66, y, 376, y)
    canvas.line(216, 765, 300, 765)  # cmidrule under "Temperature", over Min and Max
    canvas.setFont("Times-Roman", 10)
    canvas.drawCentredString(255, 769, "Temperature")
    _row(canvas, 755, HEAD)
    for k, row in enumerate(ROWS):
        _row(canvas, 739 - 12 * k, row)
    _prose(canvas, 680, 8)
    canvas.save()
    (table,) = table_attrs(pdf)
    assert grid(table) == [
        ["Station", "Mean", "Temperature", ">", "Days"],  # the header cells with nothing above them span both rows
        ["^", "^", "Min", "Max", "^"],
        *[list(row) for row in ROWS],
    ]
