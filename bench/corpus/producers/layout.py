"""What the report and one-page printers share: a table's grid, which columns hold numbers, the page furniture.

``reportlab_print`` and ``latex_print`` both print a ``Document`` themselves (no pandoc) so that
they can draw what pandoc cannot: partial rules, indented row labels, tables that run on over pages.
A document made by ``reports.py`` carries its furniture in ``doc.furniture`` from the start:
the first text is printed at the top of the page (letterhead, running header), the others at the
foot, and ``doc.page_numbers`` adds the page number at the foot ("Page N", or "Page N of M" for
the one-page documents).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Cell, Table

NUMBER = re.compile(r"^[-$€£(]*\s*[\d.,]+\s*[)%¹²³]*(\s*\([a-z]\))?$|^[-–—]$")


@dataclass(frozen=True)
class Placed:
    """A cell at its place in the table's grid."""

    row: int
    column: int
    cell: Cell


def placed(table: Table) -> list[Placed]:
    """Every cell with the grid row and column it starts at (rowspans from above skipped over)."""
    width = table.width
    covered: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(table.rows):
        column = 0
        for cell in row:
            while (r, column) in covered:
                column += 1
            out.append(Placed(r, column, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    covered.add((r + dr, column + dc))
            column += cell.colspan
        if column > width:
            raise ValueError(f"table row {r} is {column} columns wide, the first row {width}")
    return out


def numeric_columns(table: Table) -> set[int]:
    """The columns whose body cells are mostly numbers (printed right-aligned)."""
    counts: dict[int, list[int]] = {}
    for p in placed(table):
        if p.row >= table.header_rows and p.cell.colspan == 1 and p.cell.text:
            tally = counts.setdefault(p.column, [0, 0])
            tally[0] += bool(NUMBER.match(p.cell.text))
            tally[1] += 1
    return {column for column, (numbers, cells) in counts.items() if numbers * 2 > cells}


def is_total(row: list[Cell]) -> bool:
    """A totals row (printed bold): its label starts with "Total" or "Net"."""
    return bool(row) and row[0].text.startswith(("Total", "Net ", "Balance due", "Grand total"))
