"""The tables pagemill finds in a PDF, as grids of cell texts (shared by the table tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pagemill.api import convert


def grid(block: dict[str, Any]) -> list[list[str]]:
    """The table as rows of cell texts, a spanned position as ">" (colspan) or "^" (rowspan)."""
    rows = [["" for _ in range(block["cols"])] for _ in range(block["rows"])]
    for cell in block["cells"]:
        for i in range(cell["row"], cell["row"] + cell.get("rowspan", 1)):
            for j in range(cell["col"], cell["col"] + cell.get("colspan", 1)):
                rows[i][j] = "^" if i > cell["row"] else ">" if j > cell["col"] else cell["text"]
    return rows


def table_attrs(path: Path) -> list[dict[str, Any]]:
    """The attributes (rows, cols, cells) of every table block of the converted document."""
    result = convert(str(path))
    return [b.attrs for page in result.document.pages for b in page.blocks if b.kind == "table"]
