"""List bullets drawn as shapes: a browser draws a list's disc, circle or square as a small path, not a glyph.

Chromium prints ``list-style: disc`` as a filled circle of about 0.3 em when the font it sets the
list in is one of several (DejaVu Sans among them); the text layer then has no "•", and the items
read as one paragraph. A small shape about as wide as tall, centred on a line of text that begins
just after it (to its right; to its left on a right-to-left line) with nothing of that line on its
other side, is the line's marker: it becomes a glyph ("•" filled, "◦" outlined, "▪" a square) placed
before the glyph beside it in the stream, and the drawing leaves the page's drawings.

Cost: nothing on a page without small drawings; else one pass over the glyphs per candidate
(a few per list).
"""

from __future__ import annotations

import math
from dataclasses import replace

from ..model import Drawing, Glyph, RawPage

#: a marker is at most this wide and at least this wide, in the line's font size
MAX_EM = 0.6
MIN_EM = 0.12
#: and its text starts this close after it (em)
GAP_EM = (0.1, 2.5)
#: nothing of its line stands this close before it (em): a marker starts its line
CLEAR_EM = 3.0
#: more candidates than this on a page: a pattern or a chart, not a list
MAX_CANDIDATES = 200


def drawn_bullets(raw: RawPage) -> RawPage:
    """The page with its drawn list markers as glyphs (unchanged where it has none)."""
    candidates = [d for d in raw.drawings if _marker_shape(d)]
    if not candidates or not raw.glyphs or len(candidates) > MAX_CANDIDATES:
        return raw
    glyphs = list(raw.glyphs)
    inserts: dict[int, Glyph] = {}  # index of the line's first glyph -> the marker glyph before it
    used: set[int] = set()
    for k, drawing in enumerate(candidates):
        found = _line_after(drawing, glyphs)
        if found is None or found[0] in inserts:
            continue
        index, glyph = found
        inserts[index] = glyph
        used.add(k)
    if not inserts:
        return raw
    out: list[Glyph] = []
    for i, glyph in enumerate(glyphs):
        if i in inserts:
            out.append(inserts[i])
        out.append(glyph)
    kept = [d for d in raw.drawings if not any(d is candidates[k] for k in used)]
    return replace(raw, glyphs=out, drawings=kept)


def _marker_shape(drawing: Drawing) -> bool:
    width, height = drawing.x1 - drawing.x0, drawing.y1 - drawing.y0
    return (
        drawing.kind in ("shape", "rect")
        and (drawing.filled or drawing.stroked)
        and 0.5 < width < 12.0
        and 0.75 * height <= width <= 1.33 * height
    )


def _line_after(drawing: Drawing, glyphs: list[Glyph]) -> tuple[int, Glyph] | None:
    """(index of the glyph that starts the marker's line, the marker as a glyph), or None."""
    centre_y = (drawing.y0 + drawing.y1) / 2
    width = drawing.x1 - drawing.x0
    row = [
        (i, g)
        for i, g in enumerate(glyphs)
        if g.text.strip() and g.y0 < centre_y < g.y1 and MIN_EM * g.size <= width <= MAX_EM * g.size
    ]
    if not row:
        return None
    size = row[0][1].size
    right = [(i, g) for i, g in row if g.x0 >= drawing.x1]
    left = [(i, g) for i, g in row if g.x1 <= drawing.x0]
    after = min(right, key=lambda ig: ig[1].x0, default=None)  # the glyph just right of the shape
    before = max(left, key=lambda ig: ig[1].x1, default=None)  # and just left of it
    low, high = GAP_EM[0] * size, GAP_EM[1] * size
    right_gap = after[1].x0 - drawing.x1 if after else math.inf
    left_gap = drawing.x0 - before[1].x1 if before else math.inf
    clear = CLEAR_EM * size
    if after is not None and low <= right_gap <= high and left_gap > clear:
        return _marker(drawing, after)
    if before is not None and low <= left_gap <= high and right_gap > clear and _rtl(before[1]):
        return _marker(drawing, before)
    return None


def _marker(drawing: Drawing, beside: tuple[int, Glyph]) -> tuple[int, Glyph]:
    """The marker glyph, in the box of the glyph beside it and just before it in the stream."""
    index, glyph = beside
    text = "▪" if drawing.kind == "rect" else "•" if drawing.filled else "◦"
    return index, Glyph(text, drawing.x0, glyph.y0, drawing.x1, glyph.y1, glyph.size, glyph.font)


def _rtl(glyph: Glyph) -> bool:
    char = glyph.text[:1]
    return "\u0590" <= char <= "\u08ff" or "\ufb1d" <= char <= "\ufefc"
