"""Where a glyph's advance ends when PDFium can give neither it nor the font's width for it.

PDFium's loose box is the union of a glyph's ink and its advance; where the ink
reaches past the advance on the right (an f, an italic letter) the box ends at
the ink, and the advance is only known from the font's widths. For some fonts
(LuaTeX's CID fonts) PDFium reads the width of another glyph mapped to the same
character, one wider than the box itself: useless. The page still tells how far
that glyph's ink overhangs: inside a word the next letter starts at its advance
(give or take a kern), so ``ink end - next origin`` is the overhang. Learned per
style and character over the document, it is taken off the same glyph where it
ends a word, and the word space after it shows its true width.

    |o|f⌐ink|    inside "often": next origin sits under the f's ink  -> overhang sample
    |o|f⌐ink|  |t|he   at a word end: ink end - overhang = advance end -> the real gap
"""

from __future__ import annotations

from ..model import Glyph

#: a glyph followed this closely (em) by the next one is inside a word: its overhang is measured
WORD_INSIDE_EM = 0.05
#: samples kept per (style, character)
MAX_SAMPLES = 15


def trim_overhangs(glyphs: list[Glyph], ink_ended: list[int], samples: dict[tuple[int, str], list[float]]) -> None:
    """Move the right edge of each word-final glyph in ``ink_ended`` back by its learned overhang (in place)."""
    ends: list[int] = []
    for index in ink_ended:
        glyph = glyphs[index]
        following = _next_on_line(glyphs, index)
        overhang = (glyph.x1 - following.x0) / glyph.size if following is not None else -1.0
        if following is not None and following.text != " " and overhang > -WORD_INSIDE_EM:
            found = samples.setdefault((glyph.font, glyph.text), [])
            if len(found) < MAX_SAMPLES:
                found.append(overhang if overhang > 0.0 else 0.0)
        else:
            ends.append(index)
    for index in ends:
        glyph = glyphs[index]
        learned = samples.get((glyph.font, glyph.text))
        if learned:
            overhang = sorted(learned)[len(learned) // 2] * glyph.size
            glyphs[index] = glyph._replace(x1=max(glyph.x0 + 0.3 * (glyph.x1 - glyph.x0), glyph.x1 - overhang))


def _next_on_line(glyphs: list[Glyph], index: int) -> Glyph | None:
    """The glyph drawn after ``glyphs[index]`` on the same baseline, if any."""
    if index + 1 >= len(glyphs):
        return None
    glyph, following = glyphs[index], glyphs[index + 1]
    if abs(following.y1 - glyph.y1) > 0.3 * glyph.size or following.x1 < glyph.x0:
        return None
    return following
