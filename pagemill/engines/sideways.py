"""Lines of sideways text (set at a quarter turn: a table's column heads written upwards) as word glyphs.

The engine leaves sideways characters out of a page's glyphs (they would break its lines);
it keeps them here, each with its displayed box, so that a table can read a cell whose head
is set vertically ("Brian Calley" up the column). Characters that follow
each other up or down one column of the page make one glyph whose text is the line's, its box
the line's (tall and narrow), as an OCR'd word is one glyph.

Cost per page: one box query per sideways character; a page without any pays nothing.
"""

from __future__ import annotations

from ..model import Glyph

#: characters of one sideways line stand this close (in their font size) across the line ...
ACROSS_EM = 0.5
#: ... and follow each other with at most this much space along it
ALONG_EM = 1.5


def sideways_lines(chars: list[Glyph]) -> list[Glyph]:
    """Sideways characters (each with its displayed box) in the page's order, as one glyph per line."""
    lines: list[list[Glyph]] = []
    for g in chars:
        if lines and _follows(lines[-1][-1], g):
            lines[-1].append(g)
        else:
            lines.append([g])
    return [_joined(line) for line in lines if any(g.text.strip() for g in line)]


def _follows(a: Glyph, b: Glyph) -> bool:
    size = max(a.size, b.size)
    across = abs((a.x0 + a.x1) - (b.x0 + b.x1)) / 2
    along = max(b.y0 - a.y1, a.y0 - b.y1)
    return across <= ACROSS_EM * size and along <= ALONG_EM * size


def _joined(line: list[Glyph]) -> Glyph:
    text = " ".join("".join(g.text for g in line).split())
    first = line[0]
    return first._replace(
        text=text,
        x0=min(g.x0 for g in line),
        y0=min(g.y0 for g in line),
        x1=max(g.x1 for g in line),
        y1=max(g.y1 for g in line),
    )
