"""Markdown for tables, displayed equations and figures.

A table whose cells span nothing and that has at most one header row is a
GitHub table; any other is an HTML ``<table>`` with ``rowspan``/``colspan``
(GitHub renders both). A displayed equation is ``$$ ... $$`` with its number
as ``\\tag{..}``; a figure is an image link with its caption as alt text.
"""

from __future__ import annotations

import html
from typing import Any

from ..model import Block, BlockKind
from ..stages.figures import figure_markdown
from ..stages.math import equation_markdown

REGION_KINDS = (BlockKind.TABLE, BlockKind.EQUATION, BlockKind.FIGURE)


def render_region(block: Block) -> str:
    if "figure_caption" in block.attrs:
        return ""  # the caption is the figure's alt text, written once
    if block.kind is BlockKind.TABLE:
        return table_markdown(block)
    if block.kind is BlockKind.EQUATION:
        return equation_markdown(block)
    return figure_markdown(block)


def table_markdown(block: Block) -> str:
    cells: list[dict[str, Any]] = block.attrs.get("cells", [])
    if not cells or block.attrs.get("continued"):
        return ""  # merged into the table it continues
    simple = all(c.get("rowspan", 1) == 1 and c.get("colspan", 1) == 1 for c in cells)
    if simple and block.attrs.get("header_rows", 0) <= 1:
        return _gfm(cells, block.attrs["rows"], block.attrs["cols"])
    return _html(cells, block.attrs["rows"], block.attrs.get("header_rows", 0))


def _gfm(cells: list[dict[str, Any]], rows: int, cols: int) -> str:
    grid = [["" for _ in range(cols)] for _ in range(rows)]
    for cell in cells:
        if cell["row"] < rows and cell["col"] < cols:
            grid[cell["row"]][cell["col"]] = _gfm_text(cell.get("markdown") or cell.get("text", ""))
    out = ["| " + " | ".join(grid[0]) + " |", "|" + "---|" * cols]
    out.extend("| " + " | ".join(row) + " |" for row in grid[1:])
    return "\n".join(out)


def _gfm_text(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").strip()


def _html(cells: list[dict[str, Any]], rows: int, header_rows: int) -> str:
    by_row: dict[int, list[dict[str, Any]]] = {}
    for cell in cells:
        by_row.setdefault(cell["row"], []).append(cell)
    out = ["<table>"]
    for row in range(rows):
        tag = "th" if row < header_rows else "td"
        if row == 0 and header_rows:
            out.append("<thead>")
        if row == header_rows:
            out.append("<tbody>")
        parts = []
        for cell in sorted(by_row.get(row, []), key=lambda c: c["col"]):
            spans = "".join(f' {name}="{cell[name]}"' for name in ("rowspan", "colspan") if cell.get(name, 1) > 1)
            parts.append(f"<{tag}{spans}>{html.escape(cell.get('markdown') or cell.get('text', ''))}</{tag}>")
        out.append("<tr>" + "".join(parts) + "</tr>")
        if row == header_rows - 1:
            out.append("</thead>")
    if header_rows < rows:
        out.append("</tbody>")
    out.append("</table>")
    return "\n".join(out)
