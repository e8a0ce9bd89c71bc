"""OCR'd words, cleaned, become the page's glyphs (the last steps of stages/ocr.py).

Specks, the "|" and "___" an engine reads rules as, and bullets misread as "©" are mended on
the words; then each word becomes one Glyph in points (one per character in monospaced lines),
its line's size, weight and pitch measured from the pixels (stages/ocr_style.py).
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..engines.ocr import OcrWord
from ..engines.render import ink_mask
from ..model import Glyph
from .ocr_style import LineStyle, line_styles, rounded_size

#: words this unsure and without a letter or digit are specks, not text
SPECK_CONFIDENCE = 40.0
#: words at least this sure count as words (a picture's ink outside them is not text)
SURE_WORD_CONFIDENCE = 60.0
#: a bullet read as another sign is at most this high (and at least BULLET_MIN_HEIGHT: a full stop is
#: lower), and this far from the next word, per the height of that word
BULLET_HEIGHT = 0.6
BULLET_MIN_HEIGHT = 0.25
BULLET_GAP = 0.25


class Frame:
    """Maps pixels of the picture that was read to points of the page as it was read.

    That is the upright, straightened page: a skew of a degree or two is undone,
    not mapped back, so that the words of one line share one baseline.
    """

    def __init__(self, dpi: float, origin: tuple[float, float] = (0.0, 0.0)) -> None:
        self.scale = 72 / dpi
        self.origin = origin

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        s, (ox, oy) = self.scale, self.origin
        return ox + x0 * s, oy + y0 * s, ox + x1 * s, oy + y1 * s


def words_to_glyphs(
    words: list[OcrWord],
    frame: Frame,
    first_font: int,
    ink: np.ndarray | None = None,
    tight_boxes: bool | None = None,
    underlines: Sequence[tuple[int, int, int, int]] = (),
) -> list[Glyph]:
    """One glyph per word (per character in monospaced lines); words of one engine line share
    its top and bottom, and the size, weight and pitch measured for it (stages/ocr_style.py).

    ``first_font`` indexes the first of ``OCR_FONTS`` in the page's font list; ``ink`` is the
    dark pixels of the picture that was read, given when the engine boxes each word's own ink
    (tesseract), not a share of its line's box (RapidOCR): then weight and pitch are measured.
    ``tight_boxes=False`` with ``ink``: the boxes are lines' (RapidOCR), measured by the ink inside them.
    ``underlines``: the picture's underlines (engines/render.py); a line one of them underlines whole
    has its glyphs marked ``underlined``.
    """
    lines: dict[tuple[int, ...], list[OcrWord]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    grouped = list(lines.values())
    tight = ink is not None if tight_boxes is None else tight_boxes
    styles = line_styles(grouped, ink, tight_boxes=tight)
    bold = _bold_pieces(grouped, styles, ink, tight)
    glyphs: list[Glyph] = []
    for line_words, style in zip(grouped, styles):
        top = min(word.box[1] for word in line_words)
        bottom = max(word.box[3] for word in line_words)
        size = rounded_size(style.size_px * frame.scale)
        under = bool(underlines) and _underlined(line_words, style.size_px, underlines)
        for word in line_words:
            font = first_font + (2 if style.mono else 1 if bold.get(id(word), style.bold) else 0)
            x0, y0, x1, y1 = frame.box(word.box[0], top, word.box[2], bottom)
            if not style.mono:
                glyphs.append(Glyph(word.text, x0, y0, x1, y1, round(size, 1), font, None, word.confidence, under))
                continue
            cell = (x1 - x0) / len(word.text)  # code keeps its columns: one glyph per character cell
            sure = word.confidence
            glyphs.extend(
                Glyph(char, x0 + i * cell, y0, x0 + (i + 1) * cell, y1, round(size, 1), font, None, sure, under)
                for i, char in enumerate(word.text)
            )
    return glyphs


#: an engine's line is cut for weight at a gap between words wider than this many times its height
#: (a section number's gap before its title, about an em, stays in its line: "5.1  Results" is bold)
PIECE_GAP = 2.0
#: a piece of fewer characters keeps its line's weight (en-latex-plain-scan150's stray "1" and "é" read bold)
PIECE_CHARS = 3


def _bold_pieces(
    lines: list[list[OcrWord]], styles: list[LineStyle], ink: np.ndarray | None, tight: bool
) -> dict[int, bool]:
    """The weight of each word of a line that the engine read across a wide gap (a key and its
    value, a table's cells), measured piece by piece; the other lines keep their line's weight.

    ``Architekturen   DEC Alpha, ARC, ARM`` is one engine line: measured whole, its bold key
    was plain. Keyed by ``id`` of the word; empty when no line has such a gap (no second pass).
    """
    pieces = [_pieces(words) for words in lines]
    if ink is None or not tight or all(len(p) == 1 for p in pieces):
        return {}
    flat = [piece for line in pieces for piece in line]
    measured = line_styles(flat, ink, tight_boxes=True)
    out: dict[int, bool] = {}
    for line, style in zip(lines, styles):
        for word in line:
            out[id(word)] = style.bold
    for piece, style in zip(flat, measured):
        if sum(len(word.text) for word in piece) >= PIECE_CHARS:  # a mark or a page number alone weighs nothing sure
            for word in piece:
                out[id(word)] = style.bold
    return out


def _pieces(words: list[OcrWord]) -> list[list[OcrWord]]:
    """A line's words cut at each gap wider than PIECE_GAP times the line's height."""
    height = max(w.box[3] for w in words) - min(w.box[1] for w in words)
    ordered = sorted(words, key=lambda w: w.box[0])
    pieces = [[ordered[0]]]
    for a, b in zip(ordered, ordered[1:]):
        if b.box[0] - a.box[2] > PIECE_GAP * height:
            pieces.append([])
        pieces[-1].append(b)
    return pieces


#: an underline lies within this many ems of its line's lowest ink, and spans this share of the line
UNDER_GAP_EM = 0.4
UNDER_SPAN = 0.8


def _underlined(words: list[OcrWord], size_px: float, underlines: Sequence[tuple[int, int, int, int]]) -> bool:
    """An underline runs beneath the line, at most ``UNDER_GAP_EM`` below its lowest ink, along at
    least ``UNDER_SPAN`` of it (a link underlined inside a line of text spans a part)."""
    x0, x1 = min(w.box[0] for w in words), max(w.box[2] for w in words)
    bottom = max(w.box[3] for w in words)
    for ux0, uy0, ux1, _ in underlines:
        below = -UNDER_GAP_EM * size_px <= uy0 - bottom <= UNDER_GAP_EM * size_px
        if below and min(x1, ux1) - max(x0, ux0) >= UNDER_SPAN * (x1 - x0):
            return True
    return False


#: what an engine reads a rule as: "|" or "[" for a vertical one, "—" or "___" for a horizontal one
_RULE_MARKS = {"vline": "|[]", "hline": "-_—–=~"}


def without_rule_marks(words: list[OcrWord], rules: list[tuple[int, int, int, int, str]]) -> list[OcrWord]:
    """Words without the marks that are a rule read as text.

    A vertical rule's marks are cut from the ends of the words it touches ("|Mean" -> "Mean");
    a word that is nothing but a horizontal rule's marks goes, and so does a narrow word of
    letters shaped like a stroke ("I", "l", "1") standing on a vertical rule: a cell's text
    never sits on its border.
    """
    if not rules:
        return words
    kept = []
    for word in words:
        x0, y0, x1, y1 = word.box
        text = word.text
        for rx0, ry0, rx1, ry1, kind in rules:
            if rx0 <= x1 and x0 <= rx1 and ry0 <= y1 and y0 <= ry1:
                if kind == "vline" and _stroke_like(text, word.box):
                    text = ""
                stripped = text.strip(_RULE_MARKS[kind])
                text = stripped if kind == "vline" or not stripped else text
        if text == word.text:
            kept.append(word)
        elif text:
            kept.append(word._replace(text=text))
    return kept


#: letters a vertical rule alone is read as
_STROKES = set("|[]Il1!")


def _stroke_like(text: str, box: tuple[float, float, float, float]) -> bool:
    """A word of stroke-like signs, narrower than high."""
    x0, y0, x1, y1 = box
    return bool(text) and set(text) <= _STROKES and x1 - x0 < y1 - y0


#: what tesseract reads a round or square bullet as, when the sign stands alone before a line
#: ("=" and "«" for a square, "°", "©", "¢", "." for a small circle or disc)
_BULLET_LOOKALIKES = set("©¢«»®°•·■□▪●○◦=.")
#: letters a small round bullet is read as, only where the engine is this unsure of them
_BULLET_LETTERS = set("eoc")
_UNSURE_LETTER = 50.0
#: a bullet is about as wide as it is high (a "=" of the text is two or three times wider)
BULLET_SQUARE = 1.6


def with_bullets(words: list[OcrWord]) -> list[OcrWord]:
    """A line's first word that is a bullet read as another sign ("©", "¢", "«", "=") becomes "•":
    a sign smaller than the next word's letters, about as wide as high, and standing apart from it
    (a "©" of a copyright line is as tall as the capitals). The engine is often unsure of such a
    sign; it is kept at the speck threshold, so that without_specks does not take the bullet away."""
    out = list(words)
    for i, (word, after) in enumerate(zip(words, words[1:])):
        if after.line != word.line or (i and words[i - 1].line == word.line) or not _looks_like_bullet(word):
            continue
        height = after.box[3] - after.box[1]
        small = BULLET_MIN_HEIGHT * height <= word.box[3] - word.box[1] <= BULLET_HEIGHT * height
        if small and after.box[0] - word.box[2] >= BULLET_GAP * height:
            out[i] = word._replace(text="•", confidence=max(word.confidence, SPECK_CONFIDENCE))
    return out


def _looks_like_bullet(word: OcrWord) -> bool:
    width, height = word.box[2] - word.box[0], word.box[3] - word.box[1]
    if width > BULLET_SQUARE * height or height > BULLET_SQUARE * width:
        return False
    return word.text in _BULLET_LOOKALIKES or (word.text in _BULLET_LETTERS and word.confidence < _UNSURE_LETTER)


def without_specks(words: list[OcrWord]) -> list[OcrWord]:
    return [w for w in words if w.confidence >= SPECK_CONFIDENCE or any(c.isalnum() for c in w.text)]


def mean_confidence(words: list[OcrWord]) -> float:
    return statistics.fmean(word.confidence for word in words) if words else 0.0


def not_over(glyphs: list[Glyph], existing: list[Glyph]) -> list[Glyph]:
    """OCR words that do not lie on text the PDF already has (labels drawn over a picture)."""
    kept = []
    for glyph in glyphs:
        over = any(
            g.x0 < glyph.x1 and glyph.x0 < g.x1 and g.y0 < glyph.y1 and glyph.y0 < g.y1
            for g in existing
            if not g.text.isspace()
        )
        if not over:
            kept.append(glyph)
    return kept


def words_per_line(words: list[OcrWord]) -> float:
    lines: dict[tuple[int, ...], int] = {}
    for word in words:
        lines[word.line] = lines.get(word.line, 0) + 1
    return statistics.median(lines.values()) if lines else 0.0


def ink_outside_words(image: Any, words: list[OcrWord]) -> float:
    """Share of the picture's ink that lies outside every word box (drawings, photos, rules)."""
    mask = ink_mask(image, 600)
    scale = mask.shape[1] / image.width
    covered = np.zeros_like(mask)
    for word in words:
        if word.confidence < SURE_WORD_CONFIDENCE:
            continue  # a chart read as one big unsure "word" must not count as text
        x0, y0, x1, y1 = (int(v * scale) for v in word.box)
        covered[max(y0 - 2, 0) : y1 + 3, max(x0 - 2, 0) : x1 + 3] = True
    ink = int(mask.sum())
    return float((mask & ~covered).sum() / ink) if ink else 0.0
