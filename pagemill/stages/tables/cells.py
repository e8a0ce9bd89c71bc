"""Cells of a grid filled with their text, and the TABLE block of a region."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from ...model import BBox, Block, BlockKind, Drawing, Glyph, Line, RawPage
from ...render.escape import escape_inline
from ..bidi import is_rtl
from ..lines import build_lines
from ..math import INLINE_MATH, math_fonts
from .grid import Grid, _slot, build_grid, text_rows
from .header import infer_header
from .labels import label_column
from .rules import PROSE_CHARS, GlyphIndex, find_table_regions


@dataclass(slots=True)
class Cell:
    """One cell of the grid: its top-left position, spans, text and box."""

    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    lines: list[Line] = field(default_factory=list)
    bbox: BBox | None = None
    #: the cell's glyphs in reading order; its lines are built from them once the table is kept
    glyphs: list[Glyph] = field(default_factory=list)

    @property
    def markdown(self) -> str:
        return " ".join(line.markdown for line in self.lines)

    @property
    def text(self) -> str:
        """The lines' text; before they are built, a draft: the glyphs with a space at each wider gap."""
        if self.lines or not self.glyphs:
            return " ".join(line.text for line in self.lines)
        parts = [self.glyphs[0].text]
        for a, b in zip(self.glyphs, self.glyphs[1:]):
            if b.x0 - a.x1 > DRAFT_SPACE_EM * b.size or b.x0 < a.x0:
                parts.append(" ")
            parts.append(b.text)
        return "".join(parts).strip()


#: in a cell's draft text, a gap this wide (em) is a space
DRAFT_SPACE_EM = 0.15
#: glyphs of one word touch: the next starts within this much (em) of where the last ended
WORD_TOUCH_EM = 0.05


# -- cells -----------------------------------------------------------------------------------


def make_cells(grid: Grid, glyphs: list[Glyph]) -> list[Cell]:
    """Cells with their spans, each holding the lines of its glyphs."""
    rows, cols = len(grid.ys) - 1, len(grid.xs) - 1
    owner = {(i, j): (i, j) for i in range(rows) for j in range(cols)}

    def find(key: tuple[int, int]) -> tuple[int, int]:
        while owner[key] != key:
            key = owner[key]
        return key

    for i, j in grid.open_rows:
        owner[find((i, j))] = find((i - 1, j))
    for i, j in grid.open_cols:
        a, b = find((i, j - 1)), find((i, j))
        if a != b:
            owner[b] = a
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for key in owner:
        groups.setdefault(find(key), []).append(key)
    cells: list[Cell] = []
    for members in groups.values():
        cells.extend(_rectangles(members))
    cells.sort(key=lambda c: (c.row, c.col))
    _assign(cells, grid, glyphs)
    return cells


def _rectangles(members: list[tuple[int, int]]) -> list[Cell]:
    """One spanning cell when the merged positions form a rectangle, else one cell each."""
    top = min(i for i, _ in members)
    left = min(j for _, j in members)
    height = max(i for i, _ in members) - top + 1
    width = max(j for _, j in members) - left + 1
    if height * width == len(members):
        return [Cell(top, left, height, width)]
    return [Cell(i, j) for i, j in members]


def _assign(cells: list[Cell], grid: Grid, glyphs: list[Glyph]) -> None:
    """Each cell's box, and its glyphs in reading order."""
    by_cell: dict[int, list[Glyph]] = {}
    index = {}
    for n, cell in enumerate(cells):
        for i in range(cell.row, cell.row + cell.rowspan):
            for j in range(cell.col, cell.col + cell.colspan):
                index[(i, j)] = n
    for word in _words(glyphs):
        j = _slot(grid.xs, (word[0].x0 + word[-1].x1) / 2)
        for g in word:
            i = _slot(grid.ys, (g.y0 + g.y1) / 2)
            if (i, j) in index:
                by_cell.setdefault(index[(i, j)], []).append(g)
    for n, cell in enumerate(cells):
        cell.bbox = BBox(
            grid.xs[cell.col], grid.ys[cell.row], grid.xs[cell.col + cell.colspan], grid.ys[cell.row + cell.rowspan]
        )
        found = by_cell.get(n, [])
        if found:
            cell.glyphs = _reading_order(found)


def _words(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """The glyphs as words: glyphs that follow each other (in the order the page draws them) on one line
    and touch (no space, no gap over WORD_TOUCH_EM). One pass, no sorting.

    A column boundary placed from the rows under a header can run through a header's word wider than
    its column ("IUD Injectables Nirodh" over narrow number columns); the word goes whole to the
    column that holds its middle, not a letter to each side ("IUD I", "njectable", "s Nirodh").
    """
    words: list[list[Glyph]] = []
    word: list[Glyph] = []
    for g in glyphs:
        if g.text.isspace():
            if word:
                words.append(word)
            word = []
            continue
        if word:
            last = word[-1]
            touch = WORD_TOUCH_EM * g.size
            if not (-touch <= g.x0 - last.x1 <= touch and abs(g.y0 + g.y1 - last.y0 - last.y1) < g.size):
                words.append(word)
                word = []
        word.append(g)
    if word:
        words.append(word)
    return words


def fill_lines(cells: list[Cell], raw: RawPage) -> None:
    """The lines of each cell, from its glyphs (the costly part: done for the tables kept)."""
    for cell in cells:
        if cell.glyphs:
            sub = RawPage(raw.number, raw.width, raw.height, raw.rotation, cell.glyphs, raw.fonts)
            cell.lines = sorted(build_lines(sub), key=lambda line: (round(line.bbox.y0), line.bbox.x0))


def _reading_order(glyphs: list[Glyph]) -> list[Glyph]:
    """A cell's glyphs line by line, each line left to right; a raised note mark stays on its line."""
    em = max(g.size for g in glyphs)
    return [g for row in text_rows(glyphs, em) for g in sorted(row, key=lambda g: g.x0)]


# -- the block --------------------------------------------------------------------------------


def table_block(
    raw: RawPage,
    box: BBox,
    hlines: list[Drawing],
    vlines: list[Drawing],
    em: float,
    trimmed: bool = False,
    index: GlyphIndex | None = None,
    keep: Callable[[dict[str, Any]], bool] | None = None,
) -> Block | None:
    """A TABLE block for one region, or None when it does not hold a grid of two columns or more.

    ``keep``: a test of the table's attributes (cells with draft texts) before its cells' lines
    are built; a table it refuses costs no line building.
    """
    glyphs = (index or GlyphIndex(raw.glyphs + raw.sideways)).inside(box)
    if _mostly_math(glyphs, raw):
        return None  # fraction bars of stacked displays line up too
    grid = build_grid(box, glyphs, hlines, vlines, em)
    if grid is None:
        return None
    if not vlines:
        infer_header(grid, glyphs, em)  # no rule under the header: the numbers under it tell where it ends
    cells = make_cells(grid, glyphs)
    right_to_left = _right_to_left(raw)
    if right_to_left:
        _mirror(cells, len(grid.xs) - 1)
    prose = _prose_rows(cells)
    if prose and not trimmed:
        return _without_prose_rows(raw, box, grid, prose, hlines, vlines, em, index)
    if prose:
        return None  # ruled prose (a framed note), not a grid
    if not _some_row_has_two_cells(cells):
        return None  # one line between rules (a framed command), not a table
    if keep is not None and not keep(_attrs(grid, cells, vlines)):
        return None
    fill_lines(cells, raw)
    if right_to_left:
        _unmirror_numbers(cells)
    attrs = _attrs(grid, cells, vlines)
    lines = [line for cell in cells for line in cell.lines]
    if not lines:
        return None
    return Block(BlockKind.TABLE, raw.number, box, lines, attrs)


def _attrs(grid: Grid, cells: list[Cell], vlines: list[Drawing]) -> dict[str, Any]:
    return {
        "rows": len(grid.ys) - 1,
        "cols": len(grid.xs) - 1,
        "header_rows": grid.header_rows,
        "cells": [cell_json(c, header=c.row < max(grid.header_rows, 1)) for c in cells],
        "ruled": bool(vlines),
    }


def _without_prose_rows(
    raw: RawPage,
    box: BBox,
    grid: Grid,
    prose: set[int],
    hlines: list[Drawing],
    vlines: list[Drawing],
    em: float,
    index: GlyphIndex | None = None,
) -> Block | None:
    """The table under (or over) lines of prose that the rules also enclose; None if prose is inside it."""
    rows = len(grid.ys) - 1
    top = 0
    while top in prose:
        top += 1
    bottom = rows
    while bottom - 1 in prose:
        bottom -= 1
    if bottom - top < 2 or any(top <= r < bottom for r in prose):
        return None
    inner = BBox(box.x0, grid.ys[top], box.x1, grid.ys[bottom])
    keep_h = [r for r in hlines if inner.y0 - 1 <= (r.y0 + r.y1) / 2 <= inner.y1 + 1]
    return table_block(raw, inner, keep_h, vlines, em, trimmed=True, index=index)


def _mostly_math(glyphs: list[Glyph], raw: RawPage) -> bool:
    math = math_fonts(raw.fonts)[0]
    return bool(math) and sum(1 for g in glyphs if g.font in math) > 0.5 * len(glyphs)


def _right_to_left(raw: RawPage) -> bool:
    """A page written mostly in a right-to-left script: its tables' first column is the rightmost."""
    sample = raw.glyphs[:: max(1, len(raw.glyphs) // 300)]
    rtl = sum(1 for g in sample if g.text and is_rtl(g.text[0]))
    ltr = sum(1 for g in sample if g.text and g.text[0].isalpha() and not is_rtl(g.text[0]))
    return rtl > ltr


def _mirror(cells: list[Cell], cols: int) -> None:
    """Columns numbered from the right."""
    for cell in cells:
        cell.col = cols - cell.col - cell.colspan
    cells.sort(key=lambda c: (c.row, c.col))


def _unmirror_numbers(cells: list[Cell]) -> None:
    """A number set as ``1-`` by the bidirectional layout read as ``-1``."""
    for cell in cells:
        for index, line in enumerate(cell.lines):
            if _MIRRORED_NUMBER.match(line.text):
                text = "-" + line.text[:-1]
                cell.lines[index] = replace(line, text=text, markdown=text)


_MIRRORED_NUMBER = re.compile(r"^\d[\d.,]*-$")


def _some_row_has_two_cells(cells: list[Cell]) -> bool:
    filled: dict[int, int] = {}
    for cell in cells:
        if cell.glyphs:
            filled[cell.row] = filled.get(cell.row, 0) + 1
    return any(count >= 2 for count in filled.values())


def _prose_rows(cells: list[Cell]) -> set[int]:
    """Rows whose only text is a long line that runs across the columns: a paragraph, not cells."""
    by_row: dict[int, list[Cell]] = {}
    for cell in cells:
        if cell.glyphs:
            by_row.setdefault(cell.row, []).append(cell)
    return {
        row
        for row, found in by_row.items()
        if len(found) == 1 and found[0].colspan > 1 and len(found[0].text) > PROSE_CHARS
    }


def cell_json(cell: Cell, header: bool = False) -> dict[str, object]:
    """A cell for the JSON; a header cell's Markdown is its plain text (the header is emphasis enough)."""
    markdown = escape_inline(cell.text, INLINE_MATH.get()) if header else cell.markdown
    out: dict[str, object] = {"row": cell.row, "col": cell.col, "text": cell.text, "markdown": markdown}
    if cell.rowspan > 1:
        out["rowspan"] = cell.rowspan
    if cell.colspan > 1:
        out["colspan"] = cell.colspan
    if cell.bbox is not None:
        out["bbox"] = cell.bbox.rounded()
    return out


def find_tables(raw: RawPage, em: float, index: GlyphIndex | None = None) -> list[Block]:
    """Every ruled table of the page as a TABLE block (``index``: the page's glyphs, shared by the finders)."""
    blocks = []
    if raw.sideways:  # column heads set vertically are a ruled grid's text too (not the other finders')
        index = GlyphIndex(raw.glyphs + raw.sideways)
    index = index or GlyphIndex(raw.glyphs)
    for box, hlines, vlines in find_table_regions(raw, em, index):
        labelled = label_column(box, hlines, vlines, index, em)
        if labelled is not None:
            box, hlines = labelled
        block = table_block(raw, box, hlines, vlines, em, index=index)
        if block is not None:
            blocks.append(block)
    return blocks
