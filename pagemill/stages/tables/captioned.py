"""Tables without rules found next to a "Table N" caption."""

from __future__ import annotations

import re
from operator import attrgetter

from ...model import BBox, Block, Glyph, RawPage
from ..lines import split_runs
from .cells import table_block
from .rules import GlyphIndex, _boxes_union, _has_wide_gap, _run_box

#: a caption's label ("Table 3:", "Tab. IV."): a caption is a line that starts with one
_LABEL = r"(table|tab\.|tabelle|tableau|таблица|表)\s*[\dIVX]+[a-z]?[.:\s]"
_TABLE_CAPTION = re.compile("^" + _LABEL, re.IGNORECASE)
_LABEL_ANYWHERE = re.compile(_LABEL, re.IGNORECASE)
#: rows of an unruled table are closer than this (em); a wider gap ends the table
ROW_GAP_EM = 1.6
#: an unruled table has at least this many rows, most of them with two cells or more
MIN_UNRULED_ROWS = 3


def find_unruled_tables(raw: RawPage, em: float, taken: list[BBox], index: GlyphIndex | None = None) -> list[Block]:
    """Tables without rules: aligned columns of text right under (or over) a "Table N" caption."""
    text = "".join(map(attrgetter("text"), raw.glyphs))  # (joined once: both tests read the page's text)
    if not _CAPTION_WORD.search(text) or not _LABEL_ANYWHERE.search(text):
        return []  # a line's text is a piece of the page's: no label in the page, no line that starts with one
    runs = [run for run in split_runs(raw.glyphs) if any(g.text.strip() for g in run)]
    captions = [run for run in runs if _TABLE_CAPTION.match("".join(g.text for g in run).strip())]
    if not captions:
        return []  # "Table" in the text, no line that starts with it
    boxes = {id(run): _run_box(run) for run in runs}  # measured once: each caption looks at every run
    blocks = []
    for caption_run in captions:
        caption = boxes[id(caption_run)]
        rows = _rows_of_runs(_same_column(runs, boxes, caption, em), boxes)
        at = next(i for i, row in enumerate(rows) if any(run is caption_run for run in row))
        if len(rows[at]) != 1:
            continue  # a caption shares its line with nothing
        for body in (_table_rows(rows[at + 1 :], caption, em), _table_rows(rows[:at][::-1], caption, em)[::-1]):
            if len(body) < MIN_UNRULED_ROWS:
                continue
            box = _boxes_union([_run_box(run) for row_runs in body for run in row_runs])
            if any(min(box.x1, t.x1) > max(box.x0, t.x0) and min(box.y1, t.y1) > max(box.y0, t.y0) for t in taken):
                continue
            region = BBox(box.x0 - 0.5, box.y0 - 0.5, box.x1 + 0.5, box.y1 + 0.5)
            block = table_block(raw, region, [], [], em, index=index)
            if block is not None and _mostly_multi_cell(block):
                block.attrs["ruled"] = False
                block.attrs["rules"] = "none"
                blocks.append(block)
                taken = [*taken, block.bbox]  # a caption on each side of one table: found once
                break
    return blocks


_CAPTION_WORD = re.compile(r"Table|TABLE|Tab\.|Tabelle|Tableau|Таблица|表")


def has_table_caption(raw: RawPage) -> bool:
    """Whether the page's text holds a word that starts table captions (a cheap first test)."""
    return bool(_CAPTION_WORD.search("".join(map(attrgetter("text"), raw.glyphs))))


def _same_column(runs: list[list[Glyph]], boxes: dict[int, BBox], caption: BBox, em: float) -> list[list[Glyph]]:
    """The runs of the caption's column: as wide as the lines near it that overlap it (two columns)."""
    near = [
        box
        for box in (boxes[id(run)] for run in runs)
        if abs(box.y0 - caption.y0) < 30 * em and min(box.x1, caption.x1) > max(box.x0, caption.x0)
    ]
    left, right = min(b.x0 for b in near), max(b.x1 for b in near)
    return [run for run in runs if (box := boxes[id(run)]).x0 >= left - 1 and box.x1 <= right + 1]


def _rows_of_runs(runs: list[list[Glyph]], boxes: dict[int, BBox]) -> list[list[list[Glyph]]]:
    """Runs (line segments) grouped into rows by vertical overlap, top to bottom, left to right."""
    rows: list[list[list[Glyph]]] = []
    last = BBox(0, 0, 0, 0)  # the union of the last row's runs
    for run in sorted(runs, key=lambda r: boxes[id(r)].y0):
        box = boxes[id(run)]
        if rows and min(box.y1, last.y1) - max(box.y0, last.y0) > 0.5 * min(box.height, last.height):
            rows[-1].append(run)
            last = _boxes_union([last, box])
            continue
        rows.append([run])
        last = box
    return [sorted(row, key=lambda r: boxes[id(r)].x0) for row in rows]


def _table_rows(candidates: list[list[list[Glyph]]], caption: BBox, em: float) -> list[list[list[Glyph]]]:
    """The rows next to a caption that look like table rows: close together, not lines of prose."""
    body: list[list[list[Glyph]]] = []
    previous = caption
    for row in candidates:
        box = _boxes_union([_run_box(r) for r in row])
        gap = box.y0 - previous.y1 if box.y0 >= previous.y0 else previous.y0 - box.y1
        if gap > ROW_GAP_EM * em or min(box.x1, caption.x1 + 10 * em) <= max(box.x0, caption.x0 - 10 * em):
            break
        if len(row) == 1 and len("".join(g.text for g in row[0])) > 40 and not _has_wide_gap(row[0], em):
            break  # a line of prose
        if len(body) >= 2 and len(row) == 1 and _sticks_out(box, body, em):
            break  # a heading or a paragraph after the table, further left or right than its columns
        body.append(row)
        previous = box
    return body


def _sticks_out(box: BBox, body: list[list[list[Glyph]]], em: float) -> bool:
    table = _boxes_union([_run_box(run) for row in body for run in row])
    return box.x0 < table.x0 - em or box.x1 > table.x1 + em


def _mostly_multi_cell(block: Block) -> bool:
    filled: dict[int, int] = {}
    for cell in block.attrs["cells"]:
        if cell["text"]:
            filled[cell["row"]] = filled.get(cell["row"], 0) + 1
    multi = sum(1 for count in filled.values() if count >= 2)
    return multi >= MIN_UNRULED_ROWS and multi >= 0.7 * len(filled)
