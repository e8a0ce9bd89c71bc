"""List bullets that a page draws instead of writing: Chromium paints a disc, a circle or a square.

The text layer of such a list has no marker, so its items would read as lines of one
paragraph. A small filled or stroked shape just left of a line's first glyph, centred on the
line's middle, is that line's bullet (sizes in units of the line's font size, "em")::

        ●  download the raw files          <- a disc of ~0.3 em, 0.3-2 em left of the text,
           ◦  remove duplicate records        its centre in the middle band of the glyph box

The shape becomes a bullet glyph ("•" filled, "◦" stroked) on the text's row, so the
block stage reads the line as a list item (``blocks.list_marker``) and the list stage
nests it by its position. Nothing else on the row may stand left of it nearby: a shape
between words is decoration, not a marker.

Cost: one pass over the page's drawings; for each of the few small shapes, one pass over
the glyphs (pages without such shapes pay only the first pass).
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Drawing, Glyph, RawPage

#: a bullet's width and height, in em of the text beside it
MIN_EM, MAX_EM = 0.2, 0.7
#: its gap to the text it marks, in em
MAX_GAP_EM = 2.0
#: nothing else on the row within this many em left of the shape
CLEAR_LEFT_EM = 3.0
#: where the shape's centre may sit in the glyph box, from its top (0) to its bottom (1)
MIDDLE_BAND = (0.3, 0.75)
#: more small shapes than this on a page: a chart's marks, not a list's bullets
MAX_SHAPES = 200


def drawn_bullets(raw: RawPage) -> RawPage:
    """``raw`` with a bullet glyph before each line that a drawn disc, circle or square marks."""
    shapes = [d for d in raw.drawings if d.kind in ("shape", "rect") and (d.filled or d.stroked) and _squarish(d)]
    if not shapes or len(shapes) > MAX_SHAPES:
        return raw
    glyphs = list(raw.glyphs)
    inserts: dict[int, Glyph] = {}
    for shape in shapes:
        index = _marked_glyph(shape, glyphs)
        if index is not None and index not in inserts:
            text, bullet = glyphs[index], "•" if shape.filled else "◦"
            inserts[index] = Glyph(bullet, shape.x0, text.y0, shape.x1, text.y1, text.size, text.font)
    if not inserts:
        return raw
    out: list[Glyph] = []
    for index, glyph in enumerate(glyphs):
        if index in inserts:
            out.append(inserts[index])
        out.append(glyph)
    return replace(raw, glyphs=out)


def _squarish(shape: Drawing) -> bool:
    """Small and about as wide as high (points: a bullet of text from 4 to 30 pt)."""
    width, height = shape.x1 - shape.x0, shape.y1 - shape.y0
    return 0.8 <= width <= 21 and 0.8 <= height <= 21 and 0.6 <= width / height <= 1.6


def _marked_glyph(shape: Drawing, glyphs: list[Glyph]) -> int | None:
    """The index of the glyph that ``shape`` marks as a list item's first, if it is a bullet."""
    width, height = shape.x1 - shape.x0, shape.y1 - shape.y0
    middle = (shape.y0 + shape.y1) / 2
    best: int | None = None
    for index, glyph in enumerate(glyphs):
        if glyph.text.isspace() or not glyph.y0 < middle < glyph.y1:
            continue
        em = glyph.size
        if glyph.x1 <= shape.x0 and shape.x0 - glyph.x1 < CLEAR_LEFT_EM * em:
            return None  # text just left of the shape: it sits inside a line
        if glyph.x0 < shape.x1 or glyph.x0 - shape.x1 > MAX_GAP_EM * em:
            continue
        if best is None or glyph.x0 < glyphs[best].x0:
            best = index
    if best is None:
        return None
    glyph = glyphs[best]
    em = glyph.size
    band = (middle - glyph.y0) / (glyph.y1 - glyph.y0)
    sized = MIN_EM * em <= width <= MAX_EM * em and MIN_EM * em <= height <= MAX_EM * em
    return best if sized and MIDDLE_BAND[0] <= band <= MIDDLE_BAND[1] else None
