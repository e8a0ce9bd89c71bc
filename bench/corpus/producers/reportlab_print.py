"""Print a report or one-page document with reportlab's platypus (BSD): the PDF a reporting system makes.

Tables are platypus ``Table``s with a ``TableStyle``: white space alone, rules above and under the
header and at the foot only (``LINEABOVE``/``LINEBELOW``), or a full ``GRID``; a long table splits
over pages by row, with or without its header repeated (``repeatRows``). The running header and
footer are drawn on the canvas of every page (``onPage``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from ..generate import Recipe
from ..model import Document, Heading, ListBlock, Para, Table
from .layout import is_total, numeric_columns, placed

FONTS = {"helvetica": ("Helvetica", "Helvetica-Bold"), "times": ("Times-Roman", "Times-Bold")}


def render(recipe: Recipe, doc: Document, workdir: Path, pdf: Path) -> None:
    from reportlab.lib.pagesizes import A4, letter
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    options = dict(part.split("=", 1) for part in recipe.variant.split(",") if "=" in part)
    regular, bold = FONTS[options.get("font", "helvetica")]
    size = letter if options.get("paper") == "letter" else A4
    out = workdir / "doc.pdf"
    template = SimpleDocTemplate(
        str(out),
        pagesize=size,
        leftMargin=2.2 * cm,
        rightMargin=2.2 * cm,
        topMargin=2.6 * cm,
        bottomMargin=2.4 * cm,
        invariant=1,  # no time stamp or random document id: the same bytes on every build
        title="",
        author="",
    )
    story = flowables(doc, regular, bold)
    page_of = options.get("pages") == "of"

    def furniture(canvas: Any, template: Any) -> None:
        width, height = size
        canvas.saveState()
        if doc.furniture:
            letterhead = options.get("head") == "letterhead"
            canvas.setFont(bold if letterhead else regular, 15 if letterhead else 8.5)
            canvas.drawString(2.2 * cm, height - 1.6 * cm, doc.furniture[0])
            canvas.setLineWidth(0.4)
            canvas.line(2.2 * cm, height - 1.85 * cm, width - 2.2 * cm, height - 1.85 * cm)
        canvas.setFont(regular, 8)
        feet = list(doc.furniture[1:])
        if doc.page_numbers:
            feet.append(f"Page {canvas.getPageNumber()}" + (" of 1" if page_of else ""))
        for index, text in enumerate(feet):
            canvas.drawCentredString(width / 2, 1.5 * cm - index * 11, text)
        canvas.restoreState()

    template.build(story, onFirstPage=furniture, onLaterPages=furniture)
    out.replace(pdf)


def flowables(doc: Document, regular: str, bold: str) -> list[Any]:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, Spacer

    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=13.5, spaceAfter=6)
    headings = {
        1: ParagraphStyle("h1", fontName=bold, fontSize=16, leading=20, spaceBefore=6, spaceAfter=10, keepWithNext=1),
        2: ParagraphStyle("h2", fontName=bold, fontSize=12.5, leading=16, spaceBefore=10, spaceAfter=6, keepWithNext=1),
        3: ParagraphStyle("h3", fontName=bold, fontSize=10.5, leading=14, spaceBefore=8, spaceAfter=4, keepWithNext=1),
    }
    caption = ParagraphStyle(
        "caption", fontName=bold, fontSize=9, leading=12, spaceBefore=6, spaceAfter=4, keepWithNext=1
    )
    story: list[Any] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            story.append(Paragraph(escape(block.text), headings[block.level]))
        elif isinstance(block, Para):
            story.append(Paragraph(escape(block.text).replace("\n", "<br/>"), body))
        elif isinstance(block, ListBlock):
            items = [ListItem(Paragraph(escape(item.text), body)) for item in block.items]
            story.append(ListFlowable(items, bulletType="1" if block.ordered else "bullet", start=None))
        elif isinstance(block, Table):
            if block.caption:
                story.append(Paragraph(escape(f"Table {block.number}: {block.caption}"), caption))
            story.append(table_flowable(block, regular, bold))
            story.append(Spacer(1, 8))
        else:
            raise TypeError(f"reportlab_print: no way to print {type(block).__name__}")
    return story


def table_flowable(table: Table, regular: str, bold: str) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table as Grid
    from reportlab.platypus import TableStyle

    width = table.width
    grid = [["" for _ in range(width)] for _ in table.rows]
    numbers = numeric_columns(table)
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), regular, 8.5),
        ("FONT", (0, 0), (-1, table.header_rows - 1), bold, 8.5),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    for p in placed(table):
        grid[p.row][p.column] = p.cell.text
        last = (p.column + p.cell.colspan - 1, p.row + p.cell.rowspan - 1)
        if p.cell.colspan > 1 or p.cell.rowspan > 1:
            commands.append(("SPAN", (p.column, p.row), last))
        if p.row < table.header_rows and p.cell.colspan > 1:
            commands.append(("ALIGN", (p.column, p.row), last, "CENTER"))
        elif p.column in numbers:
            commands.append(("ALIGN", (p.column, p.row), (p.column, p.row), "RIGHT"))
        if p.cell.indent:
            commands.append(("LEFTPADDING", (p.column, p.row), (p.column, p.row), 6 + 11 * p.cell.indent))
    for r, row in enumerate(table.rows):
        if r >= table.header_rows and is_total(row):
            commands.append(("FONT", (0, r), (-1, r), bold, 8.5))
    style = table.rule_style
    if style == "frame":
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    elif style == "header":
        commands += [
            ("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.black),
            ("LINEBELOW", (0, table.header_rows - 1), (-1, table.header_rows - 1), 0.5, colors.black),
            ("LINEBELOW", (0, -1), (-1, -1), 0.8, colors.black),
        ]
    return Grid(grid, style=TableStyle(commands), repeatRows=table.header_rows if table.repeat else 0, hAlign="LEFT")
