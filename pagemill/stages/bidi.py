"""Right-to-left lines (Arabic, Hebrew): from the order glyphs are drawn in to the order they are read.

A PDF draws a right-to-left line left to right. Its words are put back in reading order
(``logical_order``): right-to-left words reversed glyph by glyph, Latin runs and numbers kept
in their own order inside them, brackets facing the way they are read. ``read_neutral_rtl``
does the same for a bare marker of digits and signs (".1" drawn, "1." read) in blocks.py.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from ..model import Glyph


def is_rtl(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


def is_rtl_line(ink: list[Glyph]) -> bool:
    rtl = ltr = 0
    for glyph in ink:
        direction = unicodedata.bidirectional(glyph.text[0])
        if direction in ("R", "AL"):
            rtl += 1
        elif direction == "L":
            ltr += 1
    return rtl > ltr


def logical_order(words: list[list[Glyph]]) -> list[list[Glyph]]:
    """Visual left-to-right words of a right-to-left line, into reading order.

    Right-to-left words are reversed glyph by glyph; runs of Latin words keep
    their inner order, numbers keep theirs, and the sequence of runs reverses.
    """
    runs: list[list[list[Glyph]]] = []
    previous_latin = False
    for word in words:
        ltr = not any(is_rtl(g.text[0]) for g in word)
        # Latin words join into one left-to-right run; numbers stand alone (Unicode bidi rule N1)
        latin = ltr and any(unicodedata.bidirectional(g.text[0]) == "L" for g in word)
        if latin and previous_latin:
            runs[-1].append(word)
        else:
            runs.append([word if latin else _neutral_order(word) if ltr else _rtl_word_order(word)])
        previous_latin = latin
    return [word for run in reversed(runs) for word in run]


def _rtl_word_order(word: list[Glyph]) -> list[Glyph]:
    """A right-to-left word drawn left to right, in reading order: reversed, but a number or a Latin
    part inside it keeps its own order ("ו-12%", "ה-PDF")."""
    out = word[::-1]
    i = 0
    while i < len(out):
        if not _left_to_right(out[i].text):
            i += 1
            continue
        j = i + 1
        while j < len(out) and (
            _left_to_right(out[j].text)
            or (out[j].text in _NUMBER_SIGNS and j + 1 < len(out) and _left_to_right(out[j + 1].text))
        ):
            j += 1
        out[i:j] = out[i:j][::-1]
        i = j
    return _brackets_facing(out)


#: signs inside or around a number that read with it: separators between digits, percent, currency
_NUMBER_SIGNS = set(".,:%$€£¥#+°")


def _left_to_right(text: str) -> bool:
    char = text[:1]
    return char.isdigit() or (char.isascii() and char.isalpha()) or char in "%$€£¥°"


def _neutral_order(word: list[Glyph]) -> list[Glyph]:
    """A word of digits and signs in a right-to-left line, in reading order (``rtl_neutral_order``)."""
    return _brackets_facing([word[i] for i in rtl_neutral_order([g.text for g in word])])


def read_neutral_rtl(text: str) -> str:
    """Text of digits and signs drawn in a right-to-left row (a list marker ".1"), in reading order: "1."."""
    chars = [text[i] for i in rtl_neutral_order(list(text))]
    return "".join(_MIRRORED.get(c, c) for c in chars) if _closes_first(chars) else "".join(chars)


def rtl_neutral_order(texts: Sequence[str]) -> list[int]:
    """Indexes of digits and signs drawn left to right in a right-to-left line, in reading order: the signs
    around the number take the line's direction, the number keeps its own ("1." is drawn ".1"; "12.5" stays)."""
    digits = [i for i, text in enumerate(texts) if text[:1].isdigit()]
    if not digits:
        return list(range(len(texts)))[::-1]
    first, last = digits[0], digits[-1] + 1
    return [*range(len(texts) - 1, last - 1, -1), *range(first, last), *range(first - 1, -1, -1)]


_MIRRORED = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<", "«": "»", "»": "«"}


def _brackets_facing(word: list[Glyph]) -> list[Glyph]:
    """The word's brackets mirrored back where its first bracket closes (``_closes_first``)."""
    if not _closes_first([g.text for g in word]):
        return word
    return [g._replace(text=_MIRRORED[g.text]) if g.text in _MIRRORED else g for g in word]


def _closes_first(texts: Sequence[str]) -> bool:
    """A right-to-left word in reading order whose first bracket closes: the producer wrote each bracket
    as the one it looks like on the page (WeasyPrint: "(1):" drawn ":(1)" reads ")1(:"), so each is to be
    mirrored back; a producer that wrote the brackets it meant (Chromium) gives "(1)" already."""
    return next((text for text in texts if text in _MIRRORED), None) in (")", "]", "}", ">", "»")
