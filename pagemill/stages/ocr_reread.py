"""Unsure words of a table on a scan, read again one by one.

Tesseract reads a page by its layout: a table's row is cut into short lines, a label centred
over two rows (``\\multirow``) is read on the baseline of its neighbours, and the rules beside
a cell are read into it. Such words come back garbled and unsure ("Region" as "ere" at 24,
"-9" as "1-91" at 14, "125" as "i25" at 0), while the same word alone on a clean line is read
surely. So the unsure words that stand in a table (apart from the next word on their row by
a column's gap, or on a ruled page between rules) are cut out of the picture, the rules taken
off, stacked one under the other with white between them, and read again in one call of the
engine as separate lines. A word read again replaces the first reading only when the engine is
sure of it (``REREAD_CONFIDENCE``) and surer than before, reads it as one word, and does not
read figures as letters; else the first reading stays.

Cost: nothing on a page without unsure words in a table; else one more call of the engine on a
picture of those words (0.15-0.45 s for 1-20 words at 200 dpi, most of it tesseract's start).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PIL import Image

from ..engines.ocr import OcrWord

#: a word less sure than this is read again when it stands in a table
UNSURE_CONFIDENCE = 60.0
#: ... and its second reading is kept when at least this sure
REREAD_CONFIDENCE = 80.0
#: a gap to the next word on the row this many times the word's height is a column's gap (a table's
#: row holds two such gaps or more)
COLUMN_GAP = 1.2
#: at most this many words are read again on a page (a page of bad print is not a table)
MAX_WORDS = 60
#: pixels of the picture kept round a word, and of white between the words stacked
PAD_PX = 8
SPACE_PX = 30

Rule = tuple[int, int, int, int, str]


def reread_unsure(
    words: list[OcrWord], image: Any, rules: list[Rule], engine: object, dpi: float, record: dict[str, Any]
) -> list[OcrWord]:
    """``words`` with the unsure ones of tables read again (where the engine reads single lines).

    ``record`` (the page's ``text_quality``) gets ``reread``: how many words were read again, and
    how many of them the second reading replaced.
    """
    read_lines = getattr(engine, "read_lines", None)  # tesseract; RapidOCR reads lines already
    chosen = unsure_in_table(words, rules)[:MAX_WORDS]
    if read_lines is None or not chosen:
        return words
    pixels = _without_rules(np.asarray(image.convert("L")), rules)
    strip, spans = _stack([words[i].box for i in chosen], pixels)
    read: list[OcrWord] = read_lines(strip, dpi)
    out = list(words)
    for i, (top, bottom) in zip(chosen, spans):
        again = [w for w in read if top <= (w.box[1] + w.box[3]) / 2 <= bottom]
        if len(again) != 1:
            continue
        if _better(out[i], again[0]):
            out[i] = out[i]._replace(text=again[0].text, confidence=again[0].confidence)
    record["reread"] = {"words": len(chosen), "replaced": sum(a.text != b.text for a, b in zip(words, out))}
    return out


def _better(first: OcrWord, again: OcrWord) -> bool:
    """Whether the second reading replaces the first: sure, surer, and not letters for figures
    (alone, without its line, a heading's number "1.1.1" is read as "Lid")."""
    if again.confidence < max(REREAD_CONFIDENCE, first.confidence) or not again.text.strip():
        return False
    return _has_letter(first.text) or not _has_letter(again.text)


def _has_letter(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def unsure_in_table(words: list[OcrWord], rules: list[Rule]) -> list[int]:
    """Indexes of the unsure words that stand in a table: a column's gap from the next word on
    their row, or between two horizontal rules of the page that span them."""
    hlines = [r for r in rules if r[4] == "hline"]
    found = []
    for i, word in enumerate(words):
        if word.confidence >= UNSURE_CONFIDENCE or not any(ch.isalnum() for ch in word.text):
            continue
        if _beside_a_column_gap(word, words) or _between_rules(word, hlines):
            found.append(i)
    return found


def _beside_a_column_gap(word: OcrWord, words: list[OcrWord]) -> bool:
    """The word is apart from a neighbour on its row by a column's gap, and its row is cut into three
    pieces or more by such gaps (a heading's number before its title, or two columns of prose, make two)."""
    x0, y0, x1, y1 = word.box
    height = y1 - y0
    row = sorted(
        (w.box for w in words if min(y1, w.box[3]) - max(y0, w.box[1]) >= 0.5 * min(height, w.box[3] - w.box[1])),
        key=lambda box: box[0],
    )
    wide = [COLUMN_GAP * height < b[0] - a[2] for a, b in zip(row, row[1:])]
    at = row.index(word.box)
    beside = (at > 0 and wide[at - 1]) or (at < len(wide) and wide[at])
    return beside and sum(wide) >= 2


def _between_rules(word: OcrWord, hlines: list[Rule]) -> bool:
    x0, y0, x1, y1 = word.box
    spans = [r for r in hlines if r[0] <= x0 and x1 <= r[2]]
    return any(r[3] <= y0 for r in spans) and any(r[1] >= y1 for r in spans)


def _without_rules(pixels: np.ndarray, rules: list[Rule]) -> np.ndarray:
    """The picture with the rules painted white (a rule beside a word is read into it)."""
    clean = pixels.copy()
    for x0, y0, x1, y1, _ in rules:
        clean[max(0, y0 - 2) : y1 + 2, max(0, x0 - 2) : x1 + 2] = 255
    return clean


def _stack(
    boxes: list[tuple[float, float, float, float]], pixels: np.ndarray
) -> tuple[Image.Image, list[tuple[int, int]]]:
    """The words' pictures one under another on white; each one's top and bottom row in it."""
    height, width = pixels.shape
    crops = []
    for x0, y0, x1, y1 in boxes:
        left, top = max(0, int(x0) - PAD_PX), max(0, int(y0) - PAD_PX)
        crops.append(pixels[top : min(height, int(y1) + PAD_PX), left : min(width, int(x1) + PAD_PX)])
    total = sum(c.shape[0] for c in crops) + SPACE_PX * (len(crops) + 1)
    strip = np.full((total, max(c.shape[1] for c in crops) + 2 * SPACE_PX), 255, dtype=np.uint8)
    spans, y = [], SPACE_PX
    for crop in crops:
        strip[y : y + crop.shape[0], SPACE_PX : SPACE_PX + crop.shape[1]] = crop
        spans.append((y, y + crop.shape[0]))
        y += crop.shape[0] + SPACE_PX
    return Image.fromarray(strip), spans
