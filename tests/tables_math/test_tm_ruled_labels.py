"""A spreadsheet printed with borders (an election's returns, bench family real-tables-heldout), set with reportlab.

Its grid is drawn cell by cell: each rule stops at the rule it crosses (a gap as wide as that
rule), each row is closed by a doubled rule round a grey band, the column heads are set
vertically, and the row labels stand left of the frame, outside it:

                 ┌────┬────┬────┐
                 │ V  │ S  │ S  │   heads written upwards
                 │ o  │ e  │ h  │
                 ├────┼────┼────┤
    North        │ 12 │  3 │ 40 │
                 ╞════╪════╪════╡   two rules, a grey band between
    South        │  9 │  2 │ 35 │
                 └────┴────┴────┘

One table; the labels are its first column, the heads its first row.
"""

from __future__ import annotations

from pathlib import Path

import pytest

reportlab = pytest.importorskip("reportlab")
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from tm_grid import grid, table_attrs  # noqa: E402

HEADS = ["Votes cast", "Seats won", "Share"]
ROWS = [("North", "12", "3", "40"), ("South", "9", "2", "35"), ("East", "15", "4", "52"), ("West city", "7", "1", "28")]
XS = [150.0, 200.0, 250.0, 300.0]  # vertical rules, 2 pt thick
ROW_PT, BAND_PT, HEAD_PT = 15.0, 5.0, 60.0


def _ruled_sheet(path: Path) -> None:
    canvas = Canvas(str(path), pagesize=A4)
    # rule heights (reportlab's y up), top to bottom: the heads' band, then each row and its doubled rule
    ys = [700.0, 700.0 - HEAD_PT]
    for _ in ROWS:
        ys.append(ys[-1] - ROW_PT)
        ys.append(ys[-1] - BAND_PT)
    ys.pop()  # the last row is closed by one rule
    canvas.setFillGray(0.8)
    for k in range(2, len(ys) - 1, 2):
        canvas.rect(XS[0], ys[k + 1], XS[-1] - XS[0], BAND_PT, stroke=0, fill=1)  # the grey band
    canvas.setFillGray(0)
    for y in ys:  # horizontal rules, 1 pt thick, in pieces between the vertical rules
        for x0, x1 in zip(XS, XS[1:]):
            canvas.rect(x0 + 1, y - 0.5, x1 - x0 - 2, 1, stroke=0, fill=1)
    for x in XS:  # vertical rules, in pieces between the horizontal rules
        for top, bottom in zip(ys, ys[1:]):
            canvas.rect(x - 1, bottom + 0.5, 2, top - bottom - 1, stroke=0, fill=1)
    canvas.setFont("Helvetica", 9)
    for head, x0, x1 in zip(HEADS, XS, XS[1:]):
        canvas.saveState()
        canvas.translate((x0 + x1) / 2 + 3, ys[1] + 4)
        canvas.rotate(90)
        canvas.drawString(0, 0, head)
        canvas.restoreState()
    for k, row in enumerate(ROWS):
        baseline = ys[1 + 2 * k] - ROW_PT + 4
        canvas.drawString(100, baseline, row[0])  # the label, left of the frame
        for text, x1 in zip(row[1:], XS[1:]):
            canvas.drawRightString(x1 - 5, baseline, text)
    canvas.save()


def test_ruled_sheet_with_labels_outside_and_vertical_heads(tmp_path: Path) -> None:
    pdf = tmp_path / "sheet.pdf"
    _ruled_sheet(pdf)
    (table,) = table_attrs(pdf)
    assert grid(table) == [["", *HEADS], *[list(row) for row in ROWS]]
