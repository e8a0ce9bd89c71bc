"""Inline math: runs of math words inside a line of prose written as ``$...$``."""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Callable, Sequence

from ...model import Font, Glyph
from .builder import Builder
from .glyphs import _OPERATORS, _RELATIONS, _MathFonts, _text_letters, math_glyphs
from .unicode import to_unicode

log = logging.getLogger(__name__)


#: inline math on/off; set per page by the pipeline from ``Options.math``
INLINE_MATH: contextvars.ContextVar[bool] = contextvars.ContextVar("pagemill_inline_math", default=True)
#: how formulas are written: "latex" or "unicode" (set per page by the pipeline from ``Options.math``)
MATH_MODE: contextvars.ContextVar[str] = contextvars.ContextVar("pagemill_math_mode", default="latex")


TextRenderer = Callable[[list[list[Glyph]], list[str], Sequence[Font]], "str | None"]


def inline_markdown(
    words: list[list[Glyph]], texts: list[str], fonts: Sequence[Font], render: TextRenderer
) -> str | None:
    """The line's Markdown with math words as ``$...$``; None when the line holds no math.

    ``texts`` are the words' plain texts; ``render`` styles a run of words
    (bold, italic, links) and returns None when it has no styling.
    """

    def render_text(start: int, end: int) -> str:
        return render(words[start:end], texts[start:end], fonts) or " ".join(texts[start:end])

    if not INLINE_MATH.get():
        return None
    try:
        return _inline_markdown(words, texts, fonts, render_text)
    except Exception:  # noqa: BLE001 - a line keeps its plain text rather than lose the page
        log.warning("inline math skipped on a line", exc_info=True)
        return None


def _inline_markdown(
    words: list[list[Glyph]], texts: list[str], fonts: Sequence[Font], render_text: Callable[[int, int], str]
) -> str | None:
    test = math_glyphs(fonts)
    if not any(test.is_math(g) for word in words for g in word):
        return None
    spans = _math_spans(words, test)
    if not spans:
        return None
    builder = Builder(fonts)
    out: list[str] = []
    last = 0
    for start, end in spans:
        if start > last:
            out.append(render_text(last, start))
        latex = builder.latex([g for word in words[start:end] for g in word], display=False)
        if latex and MATH_MODE.get() == "unicode":
            out.append(to_unicode(latex))
        else:
            out.append(f"${latex}$" if latex else render_text(start, end))
        last = end
    if last < len(words):
        out.append(render_text(last, len(words)))
    return " ".join(part for part in out if part)


def _math_spans(words: list[list[Glyph]], math: _MathFonts) -> list[tuple[int, int]]:
    """Runs of words that are math: a math-font word, with the operators and operands around it."""
    kinds = [_word_kind(word, math) for word in words]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if kinds[i] != "math":
            i += 1
            continue
        start = i
        while start > 0 and kinds[start - 1] == "operator":
            start -= 1
        end = i + 1
        while end < len(words) and (
            kinds[end] in ("math", "operator") or (kinds[end] == "number" and _ends_with_operator(words[end - 1]))
        ):
            end += 1
        while end - 1 > i and kinds[end - 1] == "operator" and _text(words[end - 1]) in (",", ".", ";", ":"):
            end -= 1
        spans.append((start, end))
        i = end
    return spans


def _ends_with_operator(word: list[Glyph]) -> bool:
    last = max(word, key=lambda g: g.x1).text
    return last in _OPERATORS or last in _RELATIONS


def _text(word: list[Glyph]) -> str:
    return "".join(g.text for g in word)


def _word_kind(word: list[Glyph], math: _MathFonts) -> str:
    if any(math.fonts[g.font].mono for g in word):
        return "text"  # code: `\\cs{⟨arg⟩}` keeps its symbols as text
    if any(math.is_math(g) for g in word):
        # a word of text with a math symbol in it (the LaTeX2ε logo) stays text
        return "math" if _text_letters(word, math.math) <= 1 else "text"
    text = _text(word)
    if text and all(c in _OPERATORS or c in _RELATIONS or c in "()[]|∣‖" for c in text):
        return "operator"  # (a bar alone joins math on both sides: P(A | B))
    if text and all(c in "0123456789.," for c in text):
        return "number"
    return "text"
