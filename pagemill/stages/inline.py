"""The characters and inline styles of a line's words: text as it reads, Markdown as it looks.

``word_text``: a word's glyphs as text (ligatures spelled out, soft hyphens dropped inside a
word, Arabic presentation forms normalised). ``inline_styles``: a line's words with **bold**,
*italic*, `code`, [links](uri), <sup>marks</sup> and <sub>indexes</sub>, read per glyph so that
a roman comma after a bold word stays outside it; None for a line of plain text (most lines).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from ..model import Font, Glyph
from ..render.escape import code_span, escape_inline

#: a glyph at most this fraction of the line's size, shifted off its baseline, is a super/subscript
SCRIPT_SIZE = 0.8
SCRIPT_SHIFT_EM = 0.15
#: a line this much of whose glyphs are small is set in the small size: its larger glyphs are not the line's
#: text (a note's number at the body's size before the note's text), and its text is no script
SMALL_LINE = 0.8
#: a browser's superscript (CSS "smaller", ~0.83 of the size) is raised further: a third of an em
RAISED_SIZE = 0.9
RAISED_SHIFT_EM = 0.3

_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
)
_NEEDS_NFKC = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")  # Arabic presentation forms


def is_cjk(char: str) -> bool:
    """Chinese, Japanese or Korean: CJK symbols, kana, ideographs, Hangul, full-width forms."""
    code = ord(char)
    return (
        0x3000 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x2FFFF
    )


def word_text(word: list[Glyph]) -> str:
    text = "".join([g.text for g in word]).translate(_LIGATURES)
    if "\u00ad" in text:  # soft hyphens vanish inside a word; at its end they mark a line break
        text = text[:-1].replace("\u00ad", "") + text[-1]
    if _NEEDS_NFKC.search(text):
        text = unicodedata.normalize("NFKC", text)
    return text


Style = tuple[bool, bool, bool, str | None, str]  # bold, italic, code, link, "sup"/"sub"/""


def inline_styles(words: list[list[Glyph]], texts: list[str], fonts: Sequence[Font], math: bool) -> str | None:
    """Words with **bold**, *italic*, `code`, [links](uri) and <sup>marks</sup>, runs merged.

    Styles are read per glyph, so the roman comma after a bold word stays outside
    the bold run. None when the line has no inline styling at all.
    """
    script = _script_of(words)
    if not script and _plain(words, fonts):
        return None
    runs: list[tuple[Style, list[str]]] = []
    styled = False
    for word, text in zip(words, texts):
        for index, (style, glyphs) in enumerate(_style_runs(word, fonts, script)):
            styled = styled or any(style)
            piece = text if len(glyphs) == len(word) else word_text(glyphs)
            separator = " " if index == 0 else ""
            if runs and runs[-1][0] == style:
                runs[-1][1].append(separator + piece)
            else:
                runs.append((style, [separator + piece]))
    if not styled:
        return None
    out: list[str] = []
    for index, ((bold, italic, code, link, position), parts) in enumerate(runs):
        lead = " " if parts[0].startswith(" ") else ""
        text = "".join(parts).strip()
        if code:
            text = code_span(text)
        elif italic or bold:
            glued_after = index + 1 < len(runs) and not runs[index + 1][1][0].startswith(" ")
            text = _emphasis(
                text, "*" * (italic + 2 * bold), math, glued_before=bool(out) and not lead, glued_after=glued_after
            )
        else:
            text = escape_inline(text, math)
        if position:
            text = f"<{position}>{text}</{position}>"
        if link:
            text = f"[{text}]({link})"
        out.append(lead + text)
    return "".join(out).strip()


def _emphasis(text: str, marker: str, math: bool, glued_before: bool, glued_after: bool) -> str:
    """``*text*`` that CommonMark reads as emphasis where it touches the words around it.

    A ``*`` glued to a letter opens only before a letter, and closes only after one:
    punctuation at a glued edge ("pdfTEX*.*", "ε*-TEX*") stands outside the markers,
    and a run of punctuation alone is left plain (an italic full stop looks the same).
    """
    start, end = 0, len(text)
    if glued_before:
        while start < end and _is_punctuation(text[start]):
            start += 1
    if glued_after:
        while end > start and _is_punctuation(text[end - 1]):
            end -= 1
    while start < end and text[start].isspace():  # ", version 2.0": the marker goes after the space
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return escape_inline(text, math)
    core = f"{marker}{escape_inline(text[start:end], math)}{marker}"
    return escape_inline(text[:start], math) + core + escape_inline(text[end:], math)


def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char)[0] in "PS"


def _plain(words: list[list[Glyph]], fonts: Sequence[Font]) -> bool:
    """No bold, italic, monospace or link anywhere in the line (most lines: checked fast)."""
    used = {g.font for word in words for g in word}
    if any(fonts[i].bold or fonts[i].italic or fonts[i].mono for i in used):
        return False
    return not any(g.link for word in words for g in word)


def _script_of(words: list[list[Glyph]]) -> dict[int, str]:
    """Glyphs set small and raised (footnote marks, exponents) or lowered, by id.

    Small means at most SCRIPT_SIZE of the line's largest size; raised or
    lowered means its bottom sits SCRIPT_SHIFT_EM off the line's baseline. A glyph
    only a little smaller (RAISED_SIZE) is a superscript when raised RAISED_SHIFT_EM.
    """
    every = [g.size for word in words for g in word]
    big = max(every)
    if min(every) > RAISED_SIZE * big:
        return {}
    sizes = sorted(g.size for word in words for g in word if g.text.strip())
    if sizes and sum(size <= SCRIPT_SIZE * big for size in sizes) >= SMALL_LINE * len(sizes):
        big = sizes[len(sizes) // 2]  # a line of small type after a larger number (a Word note's own mark)
        if min(every) > RAISED_SIZE * big:
            return {}
    baseline = max(g.y1 for word in words for g in word if g.size > SCRIPT_SIZE * big)
    found: dict[int, str] = {}
    for word in words:
        for index, glyph in enumerate(word):
            if _inside_word(word, index, SCRIPT_SIZE * big):
                continue  # a small raised letter inside a word is a logo (LaTeX's "A"), not a mark
            if glyph.size <= SCRIPT_SIZE * big and glyph.text.strip():
                if glyph.y1 < baseline - SCRIPT_SHIFT_EM * big:
                    found[id(glyph)] = "sup"
                elif glyph.y1 > baseline + SCRIPT_SHIFT_EM * big:
                    found[id(glyph)] = "sub"
            elif glyph.size <= RAISED_SIZE * big and glyph.text.strip() and glyph.y1 < baseline - RAISED_SHIFT_EM * big:
                found[id(glyph)] = "sup"
    return found


def _inside_word(word: list[Glyph], index: int, small: float) -> bool:
    """Between two full-size letters of one word."""
    if index == 0 or index + 1 >= len(word):
        return False
    before, after = word[index - 1], word[index + 1]
    return before.size > small and after.size > small and before.text[-1:].isalpha() and after.text[:1].isalpha()


def _style_runs(word: list[Glyph], fonts: Sequence[Font], script: dict[int, str]) -> list[tuple[Style, list[Glyph]]]:
    """A word cut where the style changes (a roman comma after a bold word is its own run)."""
    runs: list[tuple[Style, list[Glyph]]] = []
    for glyph in word:
        font = fonts[glyph.font]
        # code is one span whatever its weight or slant: two spans glued together read as one broken one
        mono = font.mono and not is_cjk(glyph.text[:1])  # a CJK font's fixed pitch is not code
        style = (font.bold and not mono, font.italic and not mono, mono, glyph.link, script.get(id(glyph), ""))
        if runs and runs[-1][0] == style:
            runs[-1][1].append(glyph)
        else:
            runs.append((style, [glyph]))
    return runs
