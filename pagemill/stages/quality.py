"""Is the page's text layer good enough to use, or must its pixels be read?

Decided per page from what the PDF engine already gave (glyphs, fonts) and the
page's image objects, without rendering anything for an ordinary born-digital
page. The verdicts, most specific first:

    garbled       many characters are private-use, U+FFFD or control characters
                  (often from a font PDFium found no Unicode map for)  -> OCR the page
    implausible   enough Latin letters, but almost no vowels (a shifted or
                  scrambled encoding)                                  -> OCR the page
    bad OCR layer the text is invisible (render mode 3: an old OCR layer under a
                  scan) and its words are mostly not words             -> OCR the page
    no text       (almost) no characters, but a picture, or lines of text drawn as
                  outlines                                             -> OCR the page
    pictures of text  the text layer is good, but an image on the page shows
                  lines of text nobody typed in                        -> OCR those regions
    text          otherwise: use the text layer as it is

Thresholds are fractions of characters or of the page area, next to each name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from ..model import BBox, Glyph, RawPage

Decision = Literal["text", "ocr", "ocr_regions"]

#: fewer characters than this is too little text to judge by statistics
MIN_CHARS = 20
#: with no picture on the page, this many characters make a real text layer ("Part I Introduction")
FEW_CHARS = 3
#: garbled when more than this share of characters cannot be real text; below it the text
#: layer is mostly right (e.g. old-style digits in Adobe's private-use area, metalogo.pdf:
#: 11-16%) and reading the page again would lose more than it gains
GARBLED_SHARE = 0.30
#: statistics need this many letters before they say anything
MIN_LETTERS_FOR_STATISTICS = 200
#: real Latin-script prose has 30-45% vowels (y counted); listings of file and font names
#: go down to 14% (latexbug.pdf): only the extremes are implausible
VOWEL_SHARE_RANGE = (0.08, 0.75)
#: an invisible layer is an OCR layer when it holds more than this share of the characters
INVISIBLE_SHARE = 0.5
#: an OCR layer whose tokens are real words less often than this is wrong
CLEAN_TOKEN_SHARE = 0.6
#: an image smaller than this share of the page is an icon or a logo, not a picture of text
MIN_REGION_SHARE = 0.03
#: an image is "covered" by the text layer when characters lie on it at least this densely
#: (10 pt body text holds ~1 character per 40 pt^2; a caption or label over a photo far less)
COVERED_CHARS_PER_PT2 = 1 / 400
#: otherwise, at least this share of the lines of text the image shows must have glyphs
COVERED_LINE_SHARE = 0.7
#: an image covering this much of the page is the page (a scan): OCR the whole page
PAGE_SIZED_SHARE = 0.6
#: at most this many images per page are looked at (the largest)
MAX_REGIONS = 8

#: fonts of symbols, math extension pieces and dingbats map glyphs to private-use or control
#: codes by design; a table of their glyphs is not a garbled page
SYMBOL_FONT_WORDS = (
    "cmex", "cmsy", "cmmi", "msam", "msbm", "symbol", "dingbat", "wingding", "webding", "zapf", "esint",
    "stmary", "wasy", "lasy", "marvosym", "bbding", "fontawesome", "pifont", "mtex", "mtsy", "euex", "txex",
    "pxex", "txsy", "pxsy", "lmex", "rsfs", "mathematica", "opensymbol",
)

_LETTER_RUNS = re.compile(r"[^\W\d_]{3,}")
_VOWELS = set("aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœ")


@dataclass(slots=True)
class Quality:
    """The verdict on one page's text layer: what to do, why, and the counts behind it."""

    decision: Decision
    reason: str
    regions: list[BBox] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)

    def record(self) -> dict[str, Any]:
        """What goes into ``Page.text_quality`` (and the JSON)."""
        record: dict[str, Any] = {"decision": self.decision, "reason": self.reason, **self.facts}
        if self.regions:
            record["regions"] = [box.rounded() for box in self.regions]
        return record


_BAD_CHARS = re.compile("[\ufffd\ue000-\uf8ff\U000f0000-\U0010ffff\x00-\x08\x0b\x0c\x0e-\x1f]")


def is_bad_char(char: str) -> bool:
    """A character no real text layer is made of."""
    code = ord(char)
    if char == "\ufffd" or 0xE000 <= code <= 0xF8FF or code >= 0xF0000:
        return True
    return code < 0x20 and char not in "\t\n\r"


def is_symbol_font(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in SYMBOL_FONT_WORDS)


@dataclass(slots=True)
class CharCounts:
    """Characters of a page's text layer, by what they are."""

    visible: int = 0
    invisible: int = 0
    bad: int = 0
    unmapped: int = 0
    #: bad characters from fonts without a Unicode map
    bad_unmapped: int = 0
    text: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.visible + self.invisible


def count_chars(page: RawPage) -> CharCounts:
    """Count the ink characters (not spaces) of the page by kind.

    Runs on every page, so the counting is done per font and the bad characters
    are found by one regular expression over the page's text, not glyph by glyph.
    """
    counts = CharCounts()
    symbol_fonts = {i for i, font in enumerate(page.fonts) if is_symbol_font(font.name)}
    glyphs = [g for g in page.glyphs if g.font not in symbol_fonts] if symbol_fonts else page.glyphs
    if not glyphs:
        return counts
    per_font = Counter(g.font for g in glyphs if not g.text.isspace())
    for font_index, number in per_font.items():
        font = page.fonts[font_index]
        if font.invisible:
            counts.invisible += number
        else:
            counts.visible += number
        if font.unmapped:
            counts.unmapped += number
    counts.text = _spaced(glyphs)
    counts.bad = len(_BAD_CHARS.findall("".join(g.text for g in glyphs)))
    if counts.bad and counts.unmapped:
        unmapped = [g.text for g in glyphs if page.fonts[g.font].unmapped]
        counts.bad_unmapped = len(_BAD_CHARS.findall("".join(unmapped)))
    return counts


def _spaced(glyphs: Sequence[Glyph]) -> list[str]:
    """The glyphs' text with a space at each word gap or new line (PDFium's guesses were dropped).

    A word gap is a fifth of an em; a new line, a move of half an em up or down. One pass
    over every glyph of every page: the test is written out here, not called per pair.
    """
    first = glyphs[0]
    text = [first.text]
    append = text.append
    end, bottom = first.x1, first.y0
    for glyph in glyphs[1:]:
        size = glyph.size if glyph.size > 1.0 else 1.0
        x0, y0 = glyph.x0, glyph.y0
        if x0 - end > 0.2 * size or abs(y0 - bottom) > 0.5 * size:
            append(" ")
        append(glyph.text)
        end, bottom = glyph.x1, y0
    return text


def vowel_share(text: str) -> float | None:
    """Share of vowels among Latin letters; None when there are too few letters to tell."""
    # only runs of three or more letters: index codes (W30, g1066) and single-letter
    # variables are not prose, and would read as vowel-less; and each word once, so that a
    # table repeating "Hsb" a hundred times (xcolor.pdf) does not speak for the page
    words = set(_LETTER_RUNS.findall(text.lower()))
    letters = [char for run in words for char in run if _is_latin(char)]
    if len(letters) < MIN_LETTERS_FOR_STATISTICS:
        return None
    return sum(char in _VOWELS for char in letters) / len(letters)


def _is_latin(char: str) -> bool:
    return ord(char) < 0x250


def clean_token_share(text: str) -> float:
    """Share of whitespace-separated tokens that look like words or numbers.

    Bad OCR writes tokens like ``l'i,|`` or ``tbe-m;`` : letters mixed with
    punctuation inside the token. Punctuation at either end is normal.
    """
    tokens = [token.strip(".,;:!?()[]{}\"'«»„“”‘’-–—*") for token in text.split()]
    tokens = [token for token in tokens if token]
    if not tokens:
        return 1.0
    clean = sum(_is_clean(token) for token in tokens)
    return clean / len(tokens)


def _is_clean(token: str) -> bool:
    if token.isalpha() or token.replace(".", "").replace(",", "").isdigit():
        return True
    # hyphenated or apostrophised words: every part a word
    parts = token.replace("'", "-").replace("’", "-").split("-")
    return all(part.isalpha() for part in parts if part) and any(parts)


def assess(
    page: RawPage,
    images: Sequence[BBox],
    shows_text: Callable[[], bool],
    text_bands: Callable[[BBox], list[tuple[float, float]]],
) -> Quality:
    """Decide what to do with ``page``'s text layer (see the module docstring).

    ``shows_text`` says whether the rendered page shows lines of text; ``text_bands``
    gives the lines of text a region shows (top and bottom, page points). Both
    render, so they are only called for pages that get that far.
    """
    counts = count_chars(page)
    facts: dict[str, Any] = {"chars": counts.total}
    whole = "".join(counts.text)
    if counts.total >= MIN_CHARS:
        # PDFium flags fonts without a ToUnicode map (FPDFText_HasUnicodeMapError) even when it
        # decodes them right from their encoding (TeX's Type 3 fonts): the flag says where the
        # bad characters come from, the characters themselves say whether the text is bad
        bad = counts.bad / counts.total
        facts["bad_share"] = round(bad, 3)
        if counts.unmapped:
            facts["unmapped_share"] = round(counts.unmapped / counts.total, 3)
        if bad > GARBLED_SHARE:
            what = "private-use/U+FFFD/control"
            if counts.bad_unmapped > counts.bad / 2:
                what = "control or private-use codes from a font without a Unicode map"
            return Quality("ocr", f"garbled text layer: {bad:.0%} of characters are {what}", facts=facts)
        vowels = vowel_share(whole)
        if vowels is not None and not VOWEL_SHARE_RANGE[0] <= vowels <= VOWEL_SHARE_RANGE[1]:
            facts["vowel_share"] = round(vowels, 3)
            return Quality("ocr", f"implausible text layer: {vowels:.0%} vowels among Latin letters", facts=facts)
        if counts.invisible > INVISIBLE_SHARE * counts.total:
            clean = clean_token_share(whole)
            facts["invisible_clean_share"] = round(clean, 3)
            if clean < CLEAN_TOKEN_SHARE:
                reason = f"invisible OCR layer looks wrong: only {clean:.0%} of its tokens are words"
                return Quality("ocr", reason, facts=facts)
    page_area = page.width * page.height or 1.0
    if counts.total < MIN_CHARS:
        if any(box.width * box.height > MIN_REGION_SHARE * page_area for box in images):
            return Quality("ocr", "no text layer", facts=facts)
        if counts.total >= FEW_CHARS:
            return Quality("text", "little text, but a text layer (a title or part page)", facts=facts)
        if shows_text():
            return Quality("ocr", "no text layer, but lines of text drawn (outlined glyphs)", facts=facts)
        return Quality("text", "no text layer and no lines of text: blank, or drawings only", facts=facts)
    regions = uncovered_images(page, images, text_bands)
    if any(box.width * box.height > PAGE_SIZED_SHARE * page_area for box in regions):
        return Quality("ocr", "the text layer covers little of a page-sized picture of text", facts=facts)
    if regions:
        return Quality("ocr_regions", f"{len(regions)} picture(s) of text without a text layer", regions, facts)
    return Quality("text", "text layer is good", facts=facts)


def uncovered_images(
    page: RawPage, images: Sequence[BBox], text_bands: Callable[[BBox], list[tuple[float, float]]]
) -> list[BBox]:
    """Images showing lines of text that the text layer does not cover.

    Densely covered images are passed without a look (the common case: a scan under
    its OCR layer). Otherwise the picture's lines of text are found, and each must
    have glyphs at its height; an image with fewer than two lines is not text.
    """
    page_area = page.width * page.height or 1.0
    regions: list[BBox] = []
    for box in images[:MAX_REGIONS]:
        area = box.width * box.height
        if area < MIN_REGION_SHARE * page_area:
            continue
        inside = [g for g in page.glyphs if _centre_inside(g, box) and not g.text.isspace()]
        if len(inside) >= COVERED_CHARS_PER_PT2 * area:
            continue
        bands = text_bands(box)
        if len(bands) < 2:
            continue
        covered = sum(any(g.y0 < bottom and top < g.y1 for g in inside) for top, bottom in bands)
        if covered < COVERED_LINE_SHARE * len(bands):
            regions.append(box)
    return regions


def _centre_inside(glyph: Glyph, box: BBox) -> bool:
    x = (glyph.x0 + glyph.x1) / 2
    y = (glyph.y0 + glyph.y1) / 2
    return box.x0 <= x <= box.x1 and box.y0 <= y <= box.y1


# -- what a picture of text looks like ----------------------------------------------

#: a text line is 3 to 48 points high
LINE_HEIGHT_PT = (3.0, 48.0)
#: a row with more than this share of dark pixels holds ink
ROW_INK_SHARE = 0.005


def text_line_count(mask: np.ndarray, dpi: float) -> int:
    """How many bands of ``mask`` (True = ink) look like lines of words."""
    return len(text_line_bands(mask, dpi))


def text_line_bands(mask: np.ndarray, dpi: float) -> list[tuple[int, int]]:
    """The bands of rows (start, end) of ``mask`` (True = ink) that look like lines of words.

    A line of text is a band of rows with ink, between blank rows, 3-48 pt high,
    whose ink breaks into several pieces along the band (words), each piece no
    longer than a dozen line heights. A photo is one band with no breaks.
    """
    if mask.size == 0:
        return []
    rows = mask.mean(axis=1) > ROW_INK_SHARE
    low, high = (value * dpi / 72 for value in LINE_HEIGHT_PT)
    lines: list[tuple[int, int]] = []
    for start, end in _runs(rows):
        height = end - start
        if not max(low, 2) <= height <= high:
            continue
        columns = np.asarray(mask[start:end].any(axis=0))
        pieces = _runs(columns)
        if len(pieces) >= 2 and max(b - a for a, b in pieces) <= 12 * height:
            lines.append((start, end))
    return lines


def _runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of True in a 1-D boolean array."""
    padded = np.concatenate(([False], flags, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist()))
