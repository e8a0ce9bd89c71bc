"""Line pieces between wide gaps (segments): the cells of a borderless table's rows.

    Cash               1,204.5   1,100.2      <- three segments: a label and two numbers

A page's runs (stages/lines.py) are cut again at every gap wider than CELL_GAP_EM;
segments on one line make a row; a row of short segments or numbers is tabular.
"""

from __future__ import annotations

import re
from operator import attrgetter

from ...model import BBox, Glyph
from ..lines import split_runs

#: inside a cell, glyphs are closer than this (em); a wider gap starts the next cell
CELL_GAP_EM = 1.0
#: a segment this long (characters) is a line of prose (a wide label may come near it)
PROSE_SEGMENT = 48
#: a short segment: a cell, not a line of text
SHORT_SEGMENT = 16
#: a row's label may be this long (characters) where only numbers follow it (a price list's or a statement's item)
LONG_LABEL = 80

#: a number: signs, brackets, a currency before it or after it ("$ 1,204.5", "(310.0)", "8 €"), a per cent
_NUMBER = re.compile(
    r"^[(\[–—−-]?\s*[$€£¥]?\s*[(–—−-]?[\d][\d.,  ]*\)?\s*[%$€£¥]?[¹²³⁴⁵⁶⁷⁸⁹⁰*†‡a-z]?\)?$|^[–—−-]+$|^n/?a$"
)
_CAPTION = re.compile(r"^(table|tab\.|tabelle|tableau|таблица|表)\s*[\dIVX]", re.IGNORECASE)
#: an equation's number at the right margin ("(3)", "(2.14a)"): a display, not a row of values
_EQUATION_TAG = re.compile(r"^\(\d+(?:[.\-]\d+)*[a-z]?\)$")
_LEADERS = re.compile(r"(\.\s?){4,}|(·\s?){4,}|_{4,}")


class Segment:
    """A piece of one line between two wide gaps: a cell's text in a table."""

    __slots__ = ("box", "glyphs", "text")

    def __init__(self, glyphs: list[Glyph], box: BBox) -> None:
        self.glyphs = glyphs
        self.box = box  # of its ink, spaces left out
        self.text = "".join(g.text for g in glyphs).strip()

    @property
    def numeric(self) -> bool:
        return bool(_NUMBER.match(self.text))


def _segments(glyphs: list[Glyph], em: float) -> list[Segment]:
    """Line pieces: the page's runs cut again at every gap wider than CELL_GAP_EM."""
    out: list[Segment] = []
    gap = CELL_GAP_EM * em
    for run in split_runs(glyphs):
        piece: list[Glyph] = []
        left = top = right = bottom = 0.0  # the ink box of the piece so far
        for g in sorted(run, key=_LEFT):
            if not g.text or g.text.isspace():
                if piece:
                    piece.append(g)
                continue
            if piece and g.x0 - right > gap:
                out.append(Segment(piece, BBox(left, top, right, bottom)))
                piece = []
            if not piece:
                left, top, right, bottom = g.x0, g.y0, g.x1, g.y1
            else:  # (comparisons, not min() and max(): this loop sees every glyph of a page)
                if g.y0 < top:
                    top = g.y0
                if g.x1 > right:
                    right = g.x1
                if g.y1 > bottom:
                    bottom = g.y1
            piece.append(g)
        if piece:
            out.append(Segment(piece, BBox(left, top, right, bottom)))
    return out


_LEFT = attrgetter("x0")


def _rows(segments: list[Segment]) -> list[list[Segment]]:
    """Segments grouped into lines by vertical overlap, top to bottom, each left to right."""
    rows: list[list[Segment]] = []
    bottom = top = 0.0
    for seg in sorted(segments, key=lambda s: s.box.y0):
        box = seg.box
        if rows and min(box.y1, bottom) - max(box.y0, top) > 0.5 * min(box.height, bottom - top):
            rows[-1].append(seg)
            top, bottom = min(top, box.y0), max(bottom, box.y1)
            continue
        rows.append([seg])
        top, bottom = box.y0, box.y1
    return [sorted(row, key=lambda s: s.box.x0) for row in rows]


def _long_label_row(row: list[Segment]) -> bool:
    """A label of prose length and only numbers after it, none an equation's number:

    Domaine de la Guicharde « Autour de la chapelle » 2016          8 €
    """
    label = row[0].text
    if len(row) < 2 or not PROSE_SEGMENT <= len(label) <= LONG_LABEL or _LEADERS.search(label):
        return False
    return all(s.numeric and not _EQUATION_TAG.match(s.text) for s in row[1:])


def _tabular(row: list[Segment]) -> bool:
    """A line that can be a table row: cells, not prose, leaders or a list item."""
    if _long_label_row(row):
        return True
    cells = [s for s in row if len(s.text) < PROSE_SEGMENT]
    if len(cells) < 2 or any(_LEADERS.search(s.text) for s in row):
        return False
    numbers = sum(s.numeric for s in cells[1:])
    short = sum(len(s.text) <= SHORT_SEGMENT for s in cells)
    if len(cells) == 2:
        # a label and a number; two short words; never a marker before a line of text (a list)
        return bool(numbers) or (short == 2 and len(cells[0].text) > 3)
    return numbers >= 1 or short >= len(cells) - 1


Rows = list[list[Segment]]
