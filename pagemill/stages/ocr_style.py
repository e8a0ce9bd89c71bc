"""Type size, weight and pitch of OCR'd lines, from the word boxes and the pixels.

An OCR engine gives words and boxes, no fonts. The heading, code and footnote stages
need what a font would have told them, so it is measured here, per line:

    size   a word's box spans what its letters reach: "cosmos" only the x-height,
           "Station" the ascenders, "gypsy" the descenders. Each word's height is divided
           by the share of the em its letters span, and the line's size is the median over
           its words (a line box alone grows with every descender, footnote mark or bracket,
           and made the first line of a paragraph look like a heading). Chinese and Japanese
           lines are measured by their width (a character is an em wide); lines of other
           scripts by their median word, set to the page's usual size when near it.
    bold   the mean width of the short horizontal ink runs (the stems), per size, against
           the page's usual: a bold line's stems are a fifth wider or more.
    mono   equal pitch: in a monospaced line every word's width per character is the same,
           and the gap between words is a whole character cell (prose spaces are a third of
           an em); judged per paragraph of the engine, as one line of code is too short to tell.
           A page that is mostly monospaced is typewritten: its lines are prose.

The numbers were measured on the benchmark's scans (Computer Modern, DejaVu) at 200 dpi.
"""

from __future__ import annotations

import math
import statistics
import unicodedata
from dataclasses import dataclass

import numpy as np

from ..engines.ocr import OcrWord

# share of the em a word's ink spans, by the letters it has (Latin, Greek, Cyrillic)
_TALL = set(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789bdfhiklt!?&%#@/\\'\"ßẞ"
    "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩβδζθλξ"
    "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯбйёф"
)
#: д, ц, щ reach below the baseline in most Cyrillic faces (Д, Ц, Щ too): read as x-height letters
#: they made "Введение" measure 2.2 body sizes instead of 1.6
_DEEP = set("gjpqyβγζημξρφχψруфдцщДЦЩ")
_BRACKETS = set("()[]{}|$")
_X_HEIGHT_EM = 0.50
_TALL_EM = 0.77
_DEEP_EM = 0.73
_TALL_DEEP_EM = 1.0
_BRACKET_EM = 1.1
#: a line of other scripts (CJK, Arabic, Hebrew): its box is about this share of the em
LINE_INK_EM = 0.95
#: a line with this many full-width characters is measured by its width; other characters
#: (Latin letters, digits) are about this share of an em wide. Two are enough: the bench's
#: two-character Chinese headings measured by their height were 1.6-2.0 body sizes for 1.14-1.62
CJK_MIN_CHARS = 2
NARROW_EM = 0.55
#: the blank sides of a line's first and last full-width character, together (their ink is ~0.9 em
#: wide): without them a two-character heading ("结论", 13.65 pt) measured 13.0, below the larger-
#: than-body bar, while a four-character one of its style measured 13.8
CJK_BEARINGS_EM = 0.1
#: a word of other scripts spans about this share of the em (the median word of a line)
WORD_INK_EM = 0.85
#: a line measured by its box within this share of the page's usual box size is body text
SAME_BOX_SIZE = 0.2
#: lines of other scripts (Hebrew, Arabic, Devanagari, Thai, Hangul) are measured by their core: the
#: rows that hold the line's ink but this share above and this share below (the letters' bodies,
#: without the odd ascender, descender or mark that makes a word's box, and so the line's, grow).
#: The bench's Hebrew scan measured its 17 pt headings 1.46-1.86 body sizes and a 14 pt one 1.00 by
#: the words' boxes, 1.44-1.64 and 1.25-1.29 by the core. Shares of 5% or 20% were worse on Arabic
#: and Hebrew, as was the band of rows at least a third as dark as the darkest.
CORE_MASS = 0.1
#: a line whose core is within this share of the page's usual core is set in the usual size
SAME_CORE_SIZE = 0.06
#: OCR'd sizes are rounded to steps of this ratio, so that one style measures as one size
SIZE_STEP = 1.06
#: a line is bold when its stems are this much wider (per size) than the page's usual
BOLD_STROKE = 1.22
#: stems are the horizontal ink runs up to this share of the em (longer runs are bars)
STEM_EM = 0.25
#: monospaced: width per character varies less than this between words (at least MONO_WORDS
#: of them), and the gap between words is at least this many character cells, each cell at
#: least this share of the em
MONO_WORDS = 3
MONO_SPREAD = 0.04
MONO_GAP_CELLS = 1.1
MONO_CELL_EM = 0.48
#: a line judged for pitch has at least this share of ASCII letters
CODE_ASCII = 0.8
#: the share of its cell a sign at the end of a word leaves blank
SIGN_UNINKED = 0.35
_PUNCTUATION = ".,;:!?()[]{}\"'"
#: a page with this share of its lines monospaced is typewritten, not a page of code
TYPEWRITTEN = 0.6
#: the lines of a typewritten page measured within this share of its monospaced lines' median size
#: are set in that one size: a recipe card's typed lines measured 3.2-4.0 pt, the larger read as
#: headings. A line further off is set otherwise (a printed letterhead) and keeps its size.
TYPED_SPREAD = 0.3


@dataclass(frozen=True, slots=True)
class LineStyle:
    """What a font would say of one OCR'd line; ``size_px`` is its em in the picture's pixels."""

    size_px: float
    bold: bool = False
    mono: bool = False


def is_wide(char: str) -> bool:
    """A full-width character: CJK ideographs, kana, hangul, full-width punctuation."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def em_share(text: str) -> float | None:
    """The share of the em that ``text``'s ink spans from top to bottom; None for other scripts."""
    if any(c in _BRACKETS for c in text):
        return _BRACKET_EM
    letters = [c for c in text if c.isalnum()]
    if not letters or not all(c in _TALL or c in _DEEP or _is_x_height(c) for c in letters):
        return None
    tall = any(c in _TALL or (not c.isascii() and c.lower() != c) for c in letters) or _accented(text)
    deep = any(c in _DEEP for c in letters)
    if tall and deep:
        return _TALL_DEEP_EM
    return _TALL_EM if tall else _DEEP_EM if deep else _X_HEIGHT_EM


def _is_x_height(char: str) -> bool:
    return char.isalpha() and char.lower() == char and ("a" <= char <= "z" or "\u00e0" <= char <= "\u04ff")


def _accented(text: str) -> bool:
    """Lowercase Latin letters with an accent (é, ü) reach as high as an ascender."""
    return any("\u00e0" <= c <= "\u017f" for c in text)


def line_size_px(words: list[OcrWord], tight_boxes: bool = True) -> tuple[float, bool]:
    """The em of a line in pixels, and whether it was measured from letter shapes or widths.

    Words whose letters are known (Latin, Greek, Cyrillic): the median of their heights over
    their em shares, when they hold most of the line. A line of Chinese or Japanese: its
    width, each of its characters being one em wide, a steadier measure than the height of
    a box drawn round the line. Otherwise (Arabic, Hebrew, ...): the height of the line's box.
    """
    text = "".join(w.text for w in words)
    wide = sum(is_wide(c) for c in text)
    if wide >= CJK_MIN_CHARS:
        width = max(w.box[2] for w in words) - min(w.box[0] for w in words)
        return width / (wide + NARROW_EM * (len(text) - wide) - CJK_BEARINGS_EM), True
    shaped = [(w, share) for w in words if tight_boxes and (share := em_share(w.text))]
    if shaped and not wide and 2 * sum(len(w.text) for w, _ in shaped) >= len(text):
        return float(statistics.median((w.box[3] - w.box[1]) / share for w, share in shaped)), True
    if not tight_boxes:
        return (max(w.box[3] for w in words) - min(w.box[1] for w in words)) / LINE_INK_EM, False
    # the median word: a line's box reaches the highest mark and the lowest tail of any of its words
    return float(statistics.median(w.box[3] - w.box[1] for w in words)) / WORD_INK_EM, False


def _steadied(
    sizes: list[tuple[float, bool]], lines: list[list[OcrWord]], cores: list[float | None] | None = None
) -> list[float]:
    """Sizes measured from line boxes, which grow and shrink with the letters a line happens to
    hold, set to the page's usual when within ``SAME_BOX_SIZE`` of it (headings stay larger).

    Where the lines' ``cores`` were measured (``core_height``), a boxed line's size is the usual
    size scaled by its core against the usual core: one style measures as one size, and a heading
    only a seventh larger than the body is told from it.
    """
    weights = [sum(len(w.text) for w in words) for words in lines]
    boxed = [(size, weight) for (size, measured), weight in zip(sizes, weights) if not measured]
    if not boxed:
        return [size for size, _ in sizes]
    usual = _weighted_median(boxed)
    cores = cores or [None] * len(sizes)
    cored = [(core, weight) for (_, measured), core, weight in zip(sizes, cores, weights) if not measured and core]
    usual_core = _weighted_median(cored) if cored else None
    steadied: list[float] = []
    for (size, measured), core in zip(sizes, cores):
        if measured:
            steadied.append(size)
        elif core and usual_core:
            ratio = core / usual_core
            steadied.append(usual if abs(ratio - 1) <= SAME_CORE_SIZE else usual * ratio)
        else:
            steadied.append(usual if abs(size - usual) <= SAME_BOX_SIZE * usual else size)
    return steadied


def core_height(ink: np.ndarray) -> float | None:
    """The rows of a line's pixels that hold all but ``CORE_MASS`` of its ink above and below:
    about the x-height of a Latin line, the body of Hebrew letters, the band of Arabic along its
    baseline; steady where the box round the line grows with one tall or deep letter."""
    rows = ink.sum(axis=1) if ink.size else np.zeros(0)
    if not rows.sum():
        return None
    cumulative = np.cumsum(rows) / rows.sum()
    low, high = np.searchsorted(cumulative, [CORE_MASS, 1 - CORE_MASS])
    return float(high - low + 1)


def _weighted_median(values: list[tuple[float, int]]) -> float:
    ordered = sorted(values)
    half = sum(weight for _, weight in ordered) / 2
    total = 0
    for value, weight in ordered:
        total += weight
        if total >= half:
            return value
    return ordered[-1][0]


def rounded_size(points: float) -> float:
    """A measured size snapped to a geometric grid (one step = 6%), so one style is one size."""
    if points <= 0:
        return points
    return round(SIZE_STEP ** round(math.log(points, SIZE_STEP)), 1)


def stem_width(ink: np.ndarray, size_px: float) -> float | None:
    """Mean length of the short horizontal ink runs in ``ink`` (a line's pixels), per em."""
    if ink.size == 0 or size_px <= 0:
        return None
    padded = np.pad(ink, ((0, 0), (1, 1))).astype(np.int8)
    steps = np.diff(padded, axis=1).ravel()
    runs = np.flatnonzero(steps == -1) - np.flatnonzero(steps == 1)
    runs = runs[runs <= max(2.0, STEM_EM * size_px)]
    return float(runs.mean()) / size_px if len(runs) else None


def pitch(lines: list[list[OcrWord]], size_px: float) -> bool | None:
    """Whether the lines (one paragraph of the engine) are set monospaced; None: too few words.

    Judged over the whole paragraph: a line of code holds two or three words, too few to tell
    an even pitch from chance ("3. Monatsmittel berechnen"), a listing holds dozens.
    """
    words = [w for line in lines for w in line]
    judged = [w for w in words if len(w.text) >= 3 and any(c.isalpha() for c in w.text)]
    if len(judged) < MONO_WORDS or size_px <= 0:
        return None
    letters = [c for w in words for c in w.text if c.isalpha()]
    if sum(c.isascii() for c in letters) < CODE_ASCII * len(letters):
        return False  # code is written in ASCII; Cyrillic or Greek letters are near-even in width
    cells = [(w.box[2] - w.box[0]) / _inked_cells(w.text) for w in judged]
    cell = statistics.fmean(cells)
    spread = statistics.pstdev(cells) / cell
    gaps = [b.box[0] - a.box[2] for line in lines for a, b in zip(line, line[1:])]
    if not gaps:
        return False
    return spread <= MONO_SPREAD and cell >= MONO_CELL_EM * size_px and statistics.median(gaps) >= MONO_GAP_CELLS * cell


def _inked_cells(text: str) -> float:
    """Character cells a monospaced word's ink spans: a sign at either end (";", "(", ".")
    inks only part of its cell."""
    core = text.strip(_PUNCTUATION)
    return len(text) - SIGN_UNINKED * (len(text) - len(core)) if core else len(text)


def line_styles(lines: list[list[OcrWord]], ink: np.ndarray | None, tight_boxes: bool = True) -> list[LineStyle]:
    """The style of each line (its words in reading order); ``ink`` is the page's dark pixels.

    ``tight_boxes``: each word's box is its own ink (tesseract). RapidOCR boxes whole lines,
    so there only the size is measured, from the line's box.
    """
    if ink is not None and not tight_boxes:  # a line's box has a margin round its ink: measure the ink
        lines = [_trimmed(ink, words) for words in lines]
    crops = [_line_ink(ink, words) if ink is not None and tight_boxes else None for words in lines]
    measured = [line_size_px(words, tight_boxes) for words in lines]
    cores = [None if crop is None or shaped else core_height(crop) for crop, (_, shaped) in zip(crops, measured)]
    sizes = _steadied(measured, lines, cores)
    if not tight_boxes:
        return [LineStyle(size) for size in sizes]
    mono = _monospaced(lines, sizes)
    if sum(mono) >= TYPEWRITTEN * len(lines) and len(lines) >= 6:
        # a typewritten page: its prose is monospaced, not code, and set in the typewriter's one size
        typed = statistics.median(size for size, is_mono in zip(sizes, mono) if is_mono)
        sizes = [typed if abs(size / typed - 1) <= TYPED_SPREAD else size for size in sizes]
        mono = [False] * len(lines)
    stems = [stem_width(crop, size) if crop is not None else None for crop, size in zip(crops, sizes)]
    known = [s for s in stems if s is not None]
    usual = statistics.median(known) if known else None
    return [
        LineStyle(size, bold=bool(usual and stem and stem >= BOLD_STROKE * usual), mono=bool(is_mono))
        for size, stem, is_mono in zip(sizes, stems, mono)
    ]


def _line_ink(ink: np.ndarray, words: list[OcrWord]) -> np.ndarray:
    """The dark pixels of the box round a line's words."""
    x0, y0 = (max(0, int(min(w.box[k] for w in words))) for k in (0, 1))
    x1, y1 = (int(max(w.box[k] for w in words)) for k in (2, 3))
    return ink[y0:y1, x0:x1]


def _trimmed(ink: np.ndarray, words: list[OcrWord]) -> list[OcrWord]:
    """A line's words (one box cut in shares, RapidOCR) with the line's box shrunk to its ink:
    the margin the engine leaves round a line is a large part of a short heading's box."""
    crop = _line_ink(ink, words)
    rows, columns = np.flatnonzero(crop.any(axis=1)), np.flatnonzero(crop.any(axis=0))
    if not len(rows):
        return words
    x0, y0 = (max(0.0, float(int(min(w.box[k] for w in words)))) for k in (0, 1))
    top, bottom = y0 + rows[0], y0 + rows[-1] + 1
    left, right = x0 + columns[0], x0 + columns[-1] + 1
    trimmed = [w._replace(box=(w.box[0], top, w.box[2], bottom)) for w in words]
    first, last = trimmed[0], trimmed[-1]
    trimmed[0] = first._replace(box=(max(first.box[0], left), *first.box[1:]))
    last = trimmed[-1]
    trimmed[-1] = last._replace(box=(*last.box[:2], min(last.box[2], right), last.box[3]))
    return trimmed


def _monospaced(lines: list[list[OcrWord]], sizes: list[float]) -> list[bool]:
    """Each line: whether its paragraph (as the engine grouped the lines) is monospaced.

    A paragraph too short to judge ("};" closing a listing) goes with the listing right above it.
    """
    paragraphs: dict[tuple[int, ...], list[int]] = {}
    for i, words in enumerate(lines):
        paragraphs.setdefault(words[0].line[:2], []).append(i)
    mono = [False] * len(lines)
    above: list[int] | None = None
    for members in paragraphs.values():
        size = statistics.median(sizes[i] for i in members)
        judged = pitch([lines[i] for i in members], size)
        if judged is None and above is not None and mono[above[-1]]:
            gap = min(w.box[1] for w in lines[members[0]]) - max(w.box[3] for w in lines[above[-1]])
            judged = 0 <= gap <= size
        if judged:
            for i in members:
                mono[i] = True
        above = members
    return mono
