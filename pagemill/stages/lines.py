"""Glyphs to lines: words and spaces decided from geometry, in logical order.

A PDF's own spaces are often missing (TeX positions words instead of writing
spaces) or doubled, so spaces come from the gaps between glyph boxes, measured
in units of the font size (an "em"):

    |word|<- gap ->|word|
    gap >  SPACE_EM  * size   -> a space
    gap >  SPLIT_EM  * size   -> a different segment (column, table cell)

TeX's inter-word space is ~0.33 em (shrinking to ~0.22), kerning inside a word
stays under ~0.1 em with loose (advance-width) boxes, so 0.15 em separates them.
A right-to-left line's words are put in reading order by stages/bidi.py; the words' text and
inline styles (**bold**, `code`, <sup>) come from stages/inline.py.
"""

from __future__ import annotations

import statistics
import unicodedata
from collections import Counter
from collections.abc import Sequence
from operator import itemgetter

from ..model import BBox, Font, Glyph, Line, RawPage
from ..render.escape import escape_inline
from .bidi import is_rtl, is_rtl_line, logical_order
from .inline import RAISED_SIZE, inline_styles, is_cjk, word_text
from .math import INLINE_MATH, font_classes, glyph_char, math_fonts
from .math import inline_markdown as inline_math

SPACE_EM = 0.15
#: on a tightly set line a space is any gap over TIGHT_SPACE of its median word space, at least MIN_SPACE_EM
TIGHT_SPACE = 0.6
MIN_SPACE_EM = 0.11
#: letter-spacing: a line whose gaps cluster at this width or more (and under TRACKING_MAX_EM)
#: is tracked; its quartile gap is taken off every gap before spaces are decided
TRACKING_EM = 0.08
TRACKING_MAX_EM = 0.8
TRACKING_SPREAD_EM = 0.05
TRACKING_MIN_GLYPHS = 6
#: a line with one even gap and no word space is tracked only under this (a word space is wider)
TRACKING_ALONE_EM = 0.21
#: gaps wider than this split a line into segments: column gutters, table cells
SPLIT_EM = 1.8
#: inside right-to-left text, a jump back to the left this far is still the same line
RTL_JUMP_EM = 12.0
#: Chinese and Japanese are set without spaces; only a wide gap between two such glyphs is a space
CJK_SPACE_EM = 1.0
#: two glyphs share a line when they overlap vertically by this much of the smaller height
SAME_LINE_OVERLAP = 0.5
#: cursive attachment lifts or lowers a letter of Arabic script by up to half an em (Noto Naskh's final
#: yeh in "ينبغي" sits 0.5 em below the rest of its word): such a letter is on the line of the glyph before
#: it, and one joined to it (within this many em sideways) needs only to overlap it at all
CURSIVE_JOIN_EM = 0.15

_HYPHENS = ("-", "\u00ad", "\u2010", "\x02")
#: spacing accents (TeX OT1 draws them as separate glyphs) and their combining forms
_COMBINING = {
    "\u00a8": "\u0308",  # diaeresis
    "\u00b4": "\u0301",  # acute
    "`": "\u0300",
    "\u02c6": "\u0302",  # circumflex
    "\u02dc": "\u0303",  # tilde
    "\u00b8": "\u0327",  # cedilla
    "\u02c7": "\u030c",  # caron
    "\u02d8": "\u0306",  # breve
    "\u00af": "\u0304",  # macron
    "\u02d9": "\u0307",  # dot above
    "\u02da": "\u030a",  # ring above
    "\u02dd": "\u030b",  # double acute
}


#: (size, letter-spacing) of the page's last tracked line in each font
Tracked = dict[int, tuple[float, float]]
_LEFT = itemgetter(1)  # a glyph's x0


def _both_hangul(a: Glyph, b: Glyph) -> bool:
    """Korean puts spaces between its words (unlike Chinese and Japanese): Hangul keeps the word-gap test."""
    return 0xAC00 <= ord(a.text[-1]) <= 0xD7AF and 0xAC00 <= ord(b.text[0]) <= 0xD7AF


def build_lines(page: RawPage) -> list[Line]:
    """All lines of a page, in the order the PDF draws them."""
    glyphs = _decode_tex_symbols(page.glyphs, page.fonts)
    tracked: Tracked = {}  # a tracked heading's letter-spacing, for its short last line
    return [line for run in split_runs(glyphs) if (line := make_line(run, page.fonts, tracked)) is not None]


def _decode_tex_symbols(glyphs: list[Glyph], fonts: Sequence[Font]) -> list[Glyph]:
    """TeX's symbol fonts without a Unicode map: PDFium reads CMSY's angle brackets as 'h' and 'i'.

    Their code positions are looked up in the tables of stages/math/glyphs.py ('⟨language⟩', not 'hlanguagei').
    """
    codes = math_fonts(fonts)[1]
    if not codes:
        return glyphs
    decoded = []
    for glyph in glyphs:
        if glyph.font in codes:
            text = glyph_char(glyph, codes)
            if not text:
                continue  # a piece of a brace or radical: drawing rather than text
            glyph = glyph._replace(text=text)
        decoded.append(glyph)
    return decoded


def split_runs(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """Cut the glyph stream where it leaves the current line or jumps far sideways."""
    runs: list[list[Glyph]] = []
    run: list[Glyph] = []
    top = bottom = left = right = 0.0
    rtl = False
    for glyph in glyphs:
        if run:
            g_top, g_bottom = glyph.y0, glyph.y1
            height = bottom - top if bottom - top < g_bottom - g_top else g_bottom - g_top
            overlap = (bottom if bottom < g_bottom else g_bottom) - (top if top > g_top else g_top)
            split = SPLIT_EM * (glyph.size if glyph.size > 1.0 else 1.0)
            # right-to-left text comes in logical order: a number or Latin word inside it
            # starts at its far left, well away from where the run has reached
            back = split * RTL_JUMP_EM / SPLIT_EM if rtl else split
            on_line = overlap >= SAME_LINE_OVERLAP * height or _cursive_join(glyph, run[-1])
            if (on_line or _raised_mark(glyph, run[-1], run[0].size)) and (
                glyph.x0 - right < split and left - glyph.x1 < back
            ):
                run.append(glyph)
                if glyph.text >= "\u0590" and not rtl:
                    rtl = is_rtl(glyph.text[0])
                if glyph.text != " ":
                    if glyph.x0 < left:
                        left = glyph.x0
                    if glyph.x1 > right:
                        right = glyph.x1
                continue
            runs.append(run)
        run = [glyph]
        top, bottom, left, right = glyph.y0, glyph.y1, glyph.x0, glyph.x1
        rtl = glyph.text >= "\u0590" and is_rtl(glyph.text[0])
    if run:
        runs.append(run)
    return runs


def _cursive_join(glyph: Glyph, before: Glyph) -> bool:
    """An Arabic letter on the line of the glyph before it, whatever the run's first glyph: overlapping it
    vertically at all where it touches it (the same word), by SAME_LINE_OVERLAP where it does not."""
    if not "\u0600" <= glyph.text[:1] <= "\u08ff":
        return False
    overlap = min(glyph.y1, before.y1) - max(glyph.y0, before.y0)
    join = CURSIVE_JOIN_EM * glyph.size
    if glyph.x0 - before.x1 < join and before.x0 - glyph.x1 < join:
        return overlap > 0
    return overlap >= SAME_LINE_OVERLAP * min(glyph.y1 - glyph.y0, before.y1 - before.y0)


def _raised_mark(glyph: Glyph, before: Glyph, size: float) -> bool:
    """A smaller glyph set raised right after the glyph before it (a note's mark after a word), or the
    next digit of such a mark, is on the run's line (of ``size``) wherever it overlaps that glyph at all:
    a font whose boxes are its ink (Cyrillic lower case in LibreOffice's PDFs: 0.55 em high) leaves a
    raised mark less than SAME_LINE_OVERLAP of the line."""
    if glyph.size > RAISED_SIZE * size or glyph.y1 > before.y1 + 0.1 * glyph.size or not glyph.text.strip():
        return False
    if before.size <= RAISED_SIZE * size and abs(glyph.size - before.size) > 0.05 * size:
        return False  # after a small glyph: only the mark's next glyph, in its size
    touching = -CURSIVE_JOIN_EM * size < glyph.x0 - before.x1 < CURSIVE_JOIN_EM * size
    return touching and min(glyph.y1, before.y1) - max(glyph.y0, before.y0) > 0


def make_line(run: list[Glyph], fonts: Sequence[Font], tracked: Tracked | None = None) -> Line | None:
    """Words from one run of glyphs: spaces from gaps, order from direction.

    ``tracked`` carries the letter-spacing of the page's tracked lines by style, so that a
    line too short to show its own (a tracked heading's last word) is read with it.
    """
    ink = [g for g in run if g.text != " "]
    if not ink:
        return None
    ink.sort(key=_LEFT)
    space_marks = {round(g.x0, 1) for g in run if g.text == " "} if len(ink) < len(run) else set()
    top = max([g.text for g in ink])  # below U+0590 (most lines): no right-to-left, Arabic or CJK tests
    rtl = top >= "\u0590" and is_rtl_line(ink)
    if any(g.text in _COMBINING for g in ink):
        ink = _attach_accents(ink, _math_accent_fonts(fonts))
    # the glyphs' fields as columns (text, x0, y0, x1, y1, size, font, link): built in C, read fast below
    columns = tuple(zip(*ink))
    words = _words(ink, columns, space_marks, tracked, top)
    size, bold, italic, mono = _dominant_style(ink, columns, fonts, top)
    if rtl:
        words = logical_order(words)
    texts = [word_text(w) for w in words]
    text = _spaced_text(words, texts) if mono and not rtl else " ".join(texts)
    if not text.strip():
        return None
    bbox = BBox(min(columns[1]), min(columns[2]), max(columns[3]), max(columns[4]))
    last = text[-1]
    hyphenated = last in _HYPHENS and len(text) > 1 and text[-2].isalpha()
    math = INLINE_MATH.get()
    markdown = None
    if not (rtl or mono):

        def render(words: list[list[Glyph]], texts: list[str], fonts: Sequence[Font]) -> str:
            return inline_styles(words, texts, fonts, math) or escape_inline(" ".join(texts), math)

        # $math$: stages/math/; else **bold**, *italic*, links
        markdown = inline_math(words, texts, fonts, render) or inline_styles(words, texts, fonts, math)
    if not markdown:
        markdown = escape_inline(text, math)
    if hyphenated and last != "-":
        text = text[:-1] + "-"
        markdown = markdown[:-1] + "-" if markdown.endswith(last) else markdown
    return Line(
        text=text,
        markdown=markdown,
        bbox=bbox,
        size=size,
        bold=bold,
        italic=italic,
        mono=mono,
        rtl=rtl,
        hyphenated=hyphenated,
        confidence=100.0 if ink[0].confidence >= 100.0 else statistics.fmean(g.confidence for g in ink),
        underlined=ink[0].underlined and all(g.underlined for g in ink),
    )


def _math_accent_fonts(fonts: Sequence[Font]) -> frozenset[int]:
    """Fonts whose accents are math accents: math fonts and those of math and prose alike (OpenSymbol)."""
    classes = font_classes(fonts)
    return classes.math | classes.mixed


def _attach_accents(ink: list[Glyph], math_fonts: frozenset[int] = frozenset()) -> list[Glyph]:
    """Put a spacing accent drawn over a letter onto it: '¨' over 'o' -> 'ö'.

    TeX's OT1 fonts have no accented letters: the accent is a glyph of its own,
    placed over the letter. The accent belongs to the letter its centre lies over.
    An accent of a math font stays a glyph of its own: LibreOffice Math sets x̄ as an
    italic x and OpenSymbol's ¯, and the formula builder makes ``\\bar{x}`` of the two.
    """
    out: list[Glyph] = []
    pending: str | None = None  # an accent waiting for the letter after it
    for glyph in ink:
        mark = _COMBINING.get(glyph.text) if glyph.font not in math_fonts else None
        if mark is not None:
            centre = (glyph.x0 + glyph.x1) / 2
            if out and out[-1].text.isalpha() and out[-1].x0 - 0.5 <= centre <= out[-1].x1 + 0.5:
                out[-1] = out[-1]._replace(text=unicodedata.normalize("NFC", out[-1].text + mark))
                continue
            pending = mark
            out.append(glyph)
            continue
        if pending is not None and glyph.text.isalpha() and _covers(glyph, out[-1]):
            accent = out.pop()
            glyph = glyph._replace(text=unicodedata.normalize("NFC", glyph.text + pending), x0=min(glyph.x0, accent.x0))
        pending = None
        out.append(glyph)
    return out


def _covers(letter: Glyph, accent: Glyph) -> bool:
    centre = (accent.x0 + accent.x1) / 2
    return letter.x0 - 0.5 <= centre <= letter.x1 + 0.5


def _words(
    ink: list[Glyph], columns: tuple[tuple, ...], space_marks: set[float], tracked: Tracked | None, top: str
) -> list[list[Glyph]]:
    """The line's glyphs cut into words at the gaps that are spaces (``top``: its highest character).

    ``columns``: the glyphs' fields as tuples, ``zip(*ink)``.
    """
    words: list[list[Glyph]] = [[ink[0]]]
    maybe_cjk = top >= "\u3000"
    pairs = list(zip(ink, ink[1:]))
    x0s, x1s, sizes = columns[1], columns[3], columns[5]
    # gaps in em of the smaller size of the two glyphs (sizes are never 0: the engines make them 1)
    ems = [(b0 - a1) / ((sa if sa < sb else sb) or 1.0) for a1, b0, sa, sb in zip(x1s, x0s[1:], sizes, sizes[1:])]
    tight = sum(1 for em in ems if em <= TRACKING_EM)
    if tight <= len(ems) // 4:  # no more than a quarter tight: tracked?
        if len(ink) >= TRACKING_MIN_GLYPHS:
            tracking = _tracking(ink)
            if tracking and tracked is not None:
                tracked[ink[0].font] = (ink[0].size, tracking)
        else:
            tracking = _tracked_like(ink, tracked.get(ink[0].font) if tracked else None)
        if tracking:
            ems = [em - tracking / ((a.size if a.size < b.size else b.size) or 1.0) for em, (a, b) in zip(ems, pairs)]
    space_em = _joined_script_space_em(ems) if top >= "\u0600" and _joins_letters(ink) else _space_em(ems)
    for (prev, glyph), em in zip(pairs, ems):
        if maybe_cjk and is_cjk(prev.text[-1]) and is_cjk(glyph.text[0]) and not _both_hangul(prev, glyph):
            spaced = em > CJK_SPACE_EM
        else:
            spaced = em > space_em or (em > 0.05 and _space_between(prev, glyph, space_marks))
        if spaced:
            words.append([glyph])
        else:
            words[-1].append(glyph)
    return words


def _space_em(ems: list[float]) -> float:
    """The gap (em) over which a line has a word space: SPACE_EM, less on a tightly set line.

    A justified line squeezed to fit has word spaces well under the usual third of
    an em; where a glyph's advance could not be read apart from its ink (an
    overhanging f in a font whose widths PDFium cannot give), its space is smaller
    still. On such a line a gap counts as a space from TIGHT_SPACE of the line's
    median word space, but never under MIN_SPACE_EM, which kerning does not reach.
    """
    wide = [em for em in ems if em > SPACE_EM]
    if len(wide) < 2:
        return SPACE_EM
    median = sorted(wide)[len(wide) // 2]
    return max(MIN_SPACE_EM, min(SPACE_EM, TIGHT_SPACE * median))


def _joins_letters(ink: list[Glyph]) -> bool:
    """Arabic script's letters from a text layer: they join, and one that does not join the next (ا, د, ر, و)
    leaves a gap inside the word. (OCR'd glyphs are whole words: every gap between them is a space.)"""
    return (
        sum(len(g.text) for g in ink) <= 1.5 * len(ink)
        and any("\u0600" <= g.text[:1] <= "\u08ff" or "\ufb50" <= g.text[:1] <= "\ufeff" for g in ink)
    )


def _joined_script_space_em(ems: list[float]) -> float:
    """The word-space gap of an Arabic line: over the gaps inside words after a non-joining letter.

    Its glyph boxes are loose (no advance widths for shaped scripts: engines/pdfium.py), and a letter
    that does not join the next leaves up to ~0.2 em inside a word, where word spaces are ~0.3-0.5 em:
    the threshold is TIGHT_SPACE of the median wide gap, never under SPACE_EM (a producer's own spaces
    still count whatever their width: ``_space_between``).
    """
    wide = sorted(em for em in ems if em > SPACE_EM)
    if len(wide) < 2:
        return SPACE_EM
    return max(SPACE_EM, TIGHT_SPACE * wide[len(wide) // 2])


def _tracking(ink: list[Glyph]) -> float:
    """The letter-spacing of a tracked line (a spaced-out heading), 0.0 for text set normally.

    Tracking adds the same gap after every letter; word spaces come on top. A line
    is tracked when the gaps between its letters cluster at a width of their own, at least TRACKING_EM:
    then the lower quartile of its gaps is the letter-spacing, and only a gap wider
    by a word space is a space. Kerning scatters gaps around zero instead.
    """
    if len(ink) < TRACKING_MIN_GLYPHS:
        return 0.0
    size = ink[len(ink) // 2].size
    floor = TRACKING_EM * (size if size > 1.0 else 1.0)
    # between letters only: dot leaders and spaced symbols keep their own even gaps
    # (single letters: an OCR'd line's glyphs are whole words, a word space apart)
    gaps = [
        b.x0 - a.x1
        for a, b in zip(ink, ink[1:])
        if len(a.text) == 1 == len(b.text) and a.text.isalpha() and b.text.isalpha()
    ]
    if len(gaps) < TRACKING_MIN_GLYPHS - 1 or sum(1 for gap in gaps if gap <= floor) > len(gaps) // 4:
        return 0.0  # a quarter of the gaps or more are tight: set normally (most lines end here)
    tracking = sorted(gaps)[len(gaps) // 4]
    if tracking >= TRACKING_MAX_EM * size:
        return 0.0
    near = sum(1 for gap in gaps if abs(gap - tracking) <= TRACKING_SPREAD_EM * size)
    if near < 0.6 * len(gaps):
        return 0.0
    # one even gap and no wider one: a tracked word, or single letters a word space apart ("a b c")
    if tracking >= TRACKING_ALONE_EM * size and not any(gap > tracking + SPACE_EM * size for gap in gaps):
        return 0.0
    return tracking


def _tracked_like(ink: list[Glyph], style: tuple[float, float] | None) -> float:
    """A short line's letter-spacing: that of a tracked line in its font and size (within a tenth: TeX's
    font expansion), when every gap between its letters is as wide (a tracked heading's "B e g i n")."""
    if style is None or not 0.9 <= ink[0].size / style[0] <= 1.1:
        return 0.0
    tracking = style[1] * ink[0].size / style[0]
    slack = TRACKING_SPREAD_EM * ink[0].size
    gaps = [b.x0 - a.x1 for a, b in zip(ink, ink[1:]) if a.text.isalpha() and b.text.isalpha()]
    return tracking if gaps and all(gap >= tracking - slack for gap in gaps) else 0.0


def _spaced_text(words: list[list[Glyph]], texts: list[str]) -> str:
    """Monospaced words with as many spaces as the gaps hold characters (code alignment)."""
    glyphs = [g for word in words for g in word]
    char = sum(g.x1 - g.x0 for g in glyphs) / len(glyphs) or 1.0
    parts = [texts[0]]
    for prev, word, text in zip(words, words[1:], texts[1:]):
        parts.append(" " * max(1, round((word[0].x0 - prev[-1].x1) / char)))
        parts.append(text)
    return "".join(parts)


def _space_between(prev: Glyph, glyph: Glyph, space_marks: set[float]) -> bool:
    return any(prev.x1 - 0.5 <= x <= glyph.x0 + 0.5 for x in space_marks)


def _dominant_style(
    ink: list[Glyph], columns: tuple[tuple, ...], fonts: Sequence[Font], top: str
) -> tuple[float, bool, bool, bool]:
    counts = Counter(zip(columns[5], columns[6]))  # (size, font) of each glyph
    sizes: Counter[float] = Counter()
    bold = italic = mono = 0
    for (size, index), count in counts.items():
        sizes[round(size, 1)] += count
        font = fonts[index]
        bold += font.bold * count
        italic += font.italic * count
        mono += font.mono * count
    most = sizes.most_common(1)[0][0]
    half = len(ink) * 0.5
    # CJK type is set on a square grid: a fixed-pitch flag on its glyphs says nothing about code
    if mono and top >= "\u3000":
        spelled = [glyph for glyph in ink if not is_cjk(glyph.text[:1])]
        mono = sum(fonts[glyph.font].mono for glyph in spelled) if spelled else 0
        ink = spelled
    # a line is code only when (nearly) all of it is monospaced; prose with `code` inside is not
    return most, bold > half, italic > half, bool(ink) and mono >= 0.9 * len(ink)
