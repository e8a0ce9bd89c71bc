"""Tables as real documents draw them (issue 14), set with reportlab in the test: each cell grid asserted exactly.

- a ruled table printed sideways on a portrait page (the page is read turned);
- a grid drawn as one path of thin filled boxes, its rules meeting at small corner squares,
  over white cell backgrounds (a spreadsheet's export);
- a fully ruled grid whose cells wrap to different line counts: one row per band;
- a borderless table set in sections apart by white space, a label over each section;
- on synthetic boxes: two ruled tables of one width with a paragraph between them whose
  glyphs are words (an OCR'd page) are two tables.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

reportlab = pytest.importorskip("reportlab")
from reportlab.lib.colors import black, white  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from tm_grid import grid, table_attrs  # noqa: E402

from pagemill.api import convert  # noqa: E402
from pagemill.model import Drawing, Font, Glyph, RawPage  # noqa: E402
from pagemill.stages.tables.rules import find_table_regions  # noqa: E402

STATES = [
    ["State", "1975", "1988", "2011"],
    ["Kerala", "5738", "6633", "8297"],
    ["Tamil Nadu", "7387", "10217", "7851"],
    ["Karnataka", "6453", "8138", "8958"],
    ["Orissa", "3756", "5540", "8473"],
]
XS = [60.0, 170.0, 240.0, 310.0, 380.0]  # column bounds
ROW = 20.0  # row height


def _cell_texts(canvas: Canvas, top: float) -> None:
    """STATES in the cells of XS, rows of ROW from ``top`` down (user space)."""
    canvas.setFillColor(black)
    canvas.setFont("Helvetica", 9)
    for i, row in enumerate(STATES):
        for j, text in enumerate(row):
            canvas.drawString(XS[j] + 4, top - (i + 1) * ROW + 6, text)


def test_table_printed_sideways_is_read_turned(tmp_path: Path) -> None:
    pdf = tmp_path / "sideways.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    canvas.setFont("Helvetica", 9)
    canvas.drawCentredString(A4[0] / 2, 30, "72")  # the page number stays upright
    canvas.saveState()
    canvas.translate(A4[0] - 60, 60)
    canvas.rotate(90)  # the table's lines run up the page
    canvas.setFont("Helvetica-Bold", 10)
    canvas.drawString(XS[0], 60, "Table 1: Coverage by state (contd.)")
    top = 40.0
    for i in range(len(STATES) + 1):
        canvas.line(XS[0], top - i * ROW, XS[-1], top - i * ROW)
    for x in XS:
        canvas.line(x, top, x, top - len(STATES) * ROW)
    _cell_texts(canvas, top)
    canvas.restoreState()
    canvas.save()
    (table,) = table_attrs(pdf)
    assert grid(table) == STATES


def _box(path: Any, x: float, y: float, width: float, height: float) -> None:
    path.rect(x, y, width, height)


def test_grid_drawn_as_one_path_of_boxes_with_corner_squares(tmp_path: Path) -> None:
    """Each rule a filled box between two corner squares 1.4 pt wide, all in one path (~400 segments)."""
    pdf = tmp_path / "spreadsheet.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    top, thick = 700.0, 1.4
    ys = [top - i * ROW for i in range(len(STATES) + 1)]
    canvas.setFillColor(white)  # the cells' white backgrounds, drawn first
    for y_top, y_bottom in zip(ys, ys[1:]):
        for x0, x1 in zip(XS, XS[1:]):
            canvas.rect(x0 + thick, y_bottom + thick, x1 - x0 - thick, y_top - y_bottom - thick, stroke=0, fill=1)
    path = canvas.beginPath()
    for y in ys:
        for x0, x1 in zip(XS, XS[1:]):
            _box(path, x0 + thick, y, x1 - x0 - thick, thick)  # the rule between two corners
        for x in XS:
            _box(path, x, y, thick, thick)  # the corner square
    for y_top, y_bottom in zip(ys, ys[1:]):
        for x in XS:
            _box(path, x, y_bottom + thick, thick, y_top - y_bottom - thick)
    canvas.setFillColor(black)
    canvas.drawPath(path, stroke=0, fill=1)
    _cell_texts(canvas, top)
    canvas.save()
    (table,) = table_attrs(pdf)
    assert table["ruled"] is True  # found from its rules, not from the alignment of its text
    assert grid(table) == STATES


def test_ruled_grid_with_cells_wrapped_to_different_line_counts(tmp_path: Path) -> None:
    """Vertical and horizontal rules round every cell; a header cell of three lines beside one of one."""
    pdf = tmp_path / "wrapped.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    cells = [
        [["State"], ["Date"], ["Halt", "stations"], ["Persons", "directly", "reached"]],
        [["Delhi"], ["1.12.2009"], ["8"], ["1.29"]],
        [["Gujarat"], ["20.12.2009 to", "3.1.2010"], ["6"], ["6.03"]],
        [["Kerala"], ["23.2.2010 to", "11.3.2010"], ["9"], ["1.42"]],
        [["Total"], [""], ["23"], ["8.74"]],
    ]
    heights = [40.0, 16.0, 28.0, 28.0, 16.0]
    y = 700.0
    ys = [y]
    canvas.setFont("Helvetica", 9)
    for row, height in zip(cells, heights):
        for j, lines in enumerate(row):
            for k, text in enumerate(lines):
                canvas.drawCentredString((XS[j] + XS[j + 1]) / 2, y - 11 - 11 * k, text)
        y -= height
        ys.append(y)
    for rule_y in ys:
        canvas.line(XS[0], rule_y, XS[-1], rule_y)
    for x in XS:
        canvas.line(x, ys[0], x, ys[-1])
    canvas.save()
    (table,) = table_attrs(pdf)
    assert grid(table) == [
        ["State", "Date", "Halt stations", "Persons directly reached"],
        ["Delhi", "1.12.2009", "8", "1.29"],
        ["Gujarat", "20.12.2009 to 3.1.2010", "6", "6.03"],
        ["Kerala", "23.2.2010 to 11.3.2010", "9", "1.42"],
        ["Total", "", "23", "8.74"],
    ]


SECTIONS = [
    ("Class A", [("Net asset value at 31 December", "5,111,372"), ("Outstanding units at 31 December", "49,136")]),
    ("Class B", [("Net asset value at 31 December", "49,144,825"), ("Outstanding units at 31 December", "471,555")]),
    ("Result per unit", [("Revaluation", "3.99"), ("Costs", "(0.21)"), ("Total result per unit", "3.78")]),
]


def test_borderless_table_in_sections_apart_by_white_space(tmp_path: Path) -> None:
    """Rows 22 pt apart, then a wider gap and a last section set tight: one table, each section's label kept."""
    pdf = tmp_path / "sections.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(70, 780, "Key figures")
    y = 740.0
    for number, (label, rows) in enumerate(SECTIONS):
        tight = number == len(SECTIONS) - 1
        if tight:
            y -= 14  # the gap before the last section: wider than any between the rows
        canvas.setFont("Helvetica-Bold", 9)
        canvas.drawString(70, y, label)
        canvas.setFont("Helvetica", 9)
        for text, value in rows:
            y -= 11 if tight else 22
            canvas.drawString(70, y, text)
            canvas.drawRightString(530, y, value)
        y -= 32
    canvas.setFont("Times-Roman", 10)
    canvas.drawString(70, y - 40, "The results cover the period from the inception of the fund to the end of the year.")
    canvas.save()
    (table,) = table_attrs(pdf)
    expected = []
    for label, rows in SECTIONS:
        expected.append([label, ""])
        expected.extend([text, value] for text, value in rows)
    assert grid(table) == expected


# -- synthetic pages ----------------------------------------------------------------------------


def _words(text: str, x: float, y: float) -> list[Glyph]:
    """One glyph per word, as an OCR engine gives them."""
    glyphs = []
    for word in text.split():
        glyphs.append(Glyph(word, x, y, x + 5 * len(word), y + 9, 10.0, 0))
        x += 5 * len(word) + 4
    return glyphs


def _rule(y: float) -> Drawing:
    return Drawing(100, y - 0.2, 500, y + 0.2, "hline", stroked=True)


def test_paragraph_of_ocr_words_between_two_ruled_tables_parts_them() -> None:
    table = _words("Key", 105, 0) + _words("Value", 300, 0)
    glyphs = [g._replace(y0=g.y0 + y, y1=g.y1 + y) for y in (102, 122, 302, 322) for g in table]
    glyphs += _words("a paragraph of running text between the two tables, one glyph a word", 100, 200)
    rules = [_rule(y) for y in (100, 115, 135, 300, 315, 335)]
    page = RawPage(1, 600, 800, 0, glyphs, [Font("Helvetica")], drawings=rules)
    regions = find_table_regions(page, 10.0)
    assert [(round(box.y0), round(box.y1)) for box, _, _ in regions] == [(100, 135), (300, 335)]


@pytest.mark.parametrize("rule", [False, True], ids=["borderless", "header-rule"])
def test_group_heads_set_flush_left_span_their_group(tmp_path: Path, rule: bool) -> None:
    """A word processor's two-row header: group heads flush left over Min/Max, stub heads with nothing under."""
    pdf = tmp_path / "groups.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    xs = [60.0, 140.0, 220.0, 300.0, 380.0, 460.0]
    head = [["Region", "Station", "Temperature", "", "Pressure", ""], ["", "", "Min", "Max", "Min", "Max"]]
    body = [
        ["Coast", "Cape", "-7", "15", "999", "1027"],
        ["", "East", "2", "25", "994", "1039"],
        ["Inland", "North", "-3", "26", "996", "1036"],
        ["", "Harbour", "-8", "22", "1000", "1028"],
    ]
    y = 700.0
    for number, row in enumerate(head + body):
        canvas.setFont("Helvetica-Bold" if number < 2 else "Helvetica", 9)
        for x, text in zip(xs, row):
            canvas.drawString(x, y, text)
        if rule and number == 1:
            canvas.line(xs[0], y - 4, xs[-1] + 60, y - 4)
        y -= 13
    canvas.save()
    (table,) = table_attrs(pdf)
    assert grid(table) == [
        ["Region", "Station", "Temperature", ">", "Pressure", ">"],
        ["^", "^", "Min", "Max", "Min", "Max"],
        *body,
    ]


DVIPS_SOURCE = r"""\documentclass{article}
\begin{document}
Some text before the table.\footnote{The first note of the document.}

\begin{table}[h]
\centering
\begin{tabular}{|l|r|r|}
\hline
Station & Mean & Days \\
\hline
Harbour & 8.3 & 347 \\
North & 9.5 & 333 \\
\hline
\end{tabular}
\caption{Pressure and temperature}
\end{table}

\newpage
More text on the next page.\footnote{The second note of the document.}
\end{document}
"""


def test_table_of_a_dvips_pdf_is_plain_text(tmp_path: Path) -> None:
    """latex, dvips, ps2pdf: Ghostscript writes no weight for CMR10, and PDFium guesses one from its stems
    (744: bold). A TeX font names its weight; the cells are plain, and the notes (one a page, their
    numbers rising with the pages like folios) stay footnotes."""
    import shutil
    import subprocess

    if not all(shutil.which(tool) for tool in ("latex", "dvips", "ps2pdf")):
        pytest.skip("latex, dvips and ps2pdf are needed")
    (tmp_path / "doc.tex").write_text(DVIPS_SOURCE)
    for command in (["latex", "-interaction=nonstopmode", "doc.tex"], ["dvips", "-q", "doc.dvi"], ["ps2pdf", "doc.ps"]):
        subprocess.run(command, cwd=tmp_path, capture_output=True, timeout=120, check=True)
    result = convert(str(tmp_path / "doc.pdf"))
    (table,) = [b.attrs for page in result.document.pages for b in page.blocks if b.kind == "table"]
    assert grid(table) == [["Station", "Mean", "Days"], ["Harbour", "8.3", "347"], ["North", "9.5", "333"]]
    assert "**" not in result.markdown
    assert "The second note of the document." in result.markdown
