"""Inline math: runs of math words inside a line of prose written as ``$...$``."""

from __future__ import annotations

import contextvars
import logging
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence

from ...model import Font, Glyph
from .builder import Builder
from .glyphs import _ACCENTS, _FIRST_MATH_LETTER, _OPERATORS, _RELATIONS, _MathFonts, _text_words, _token, math_glyphs
from .unicode import to_unicode

log = logging.getLogger(__name__)


#: inline math on/off; set per page by the pipeline from ``Options.math``
INLINE_MATH: contextvars.ContextVar[bool] = contextvars.ContextVar("pagemill_inline_math", default=True)
#: how formulas are written: "latex" or "unicode" (set per page by the pipeline from ``Options.math``)
MATH_MODE: contextvars.ContextVar[str] = contextvars.ContextVar("pagemill_math_mode", default="latex")


#: glyphs of a text font that may belong to a formula set in the body font (LibreOffice Math: ``β≤0.2``)
_MATH_LIKE = _RELATIONS | set(_ACCENTS) | {"−"}
_MATH_LIKE_CHARS = {char for text in _MATH_LIKE for char in text}

#: the widest gap (em) between a decimal point and the digits after it (groff eqn's thin space: 1/6 em)
THIN_SPACE_EM = 0.2
#: a lone italic letter whose size differs from the prose's by more than this share is a formula object
OBJECT_SIZE_CHANGE = 0.05

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
    glyphs = [g for word in words for g in word]
    if not _may_hold_math(glyphs, fonts, test):
        return None  # cheap: most lines of prose hold no math glyph, no relation and no formula object
    spans = _math_spans(words, test)
    if not spans:
        return None
    builder = Builder(fonts)
    out: list[str] = []
    last = 0
    for start, end in spans:
        if start > last:
            out.append(render_text(last, start))
        lead, formula, trail = split_punctuation([g for word in words[start:end] for g in word], test)
        latex = builder.latex(formula, display=False) if formula else None
        if latex is None:
            out.append(render_text(start, end))
        else:
            written = to_unicode(latex) if MATH_MODE.get() == "unicode" else f"${latex}$"
            out.append("".join(g.text for g in lead) + written + "".join(g.text for g in trail))
        last = end
    if last < len(words):
        out.append(render_text(last, len(words)))
    return " ".join(part for part in out if part)


#: LaTeX tokens a formula may not end with: TeX breaks an inline formula after a relation or an operator
_OPEN_ENDS = {_token(c) for c in _RELATIONS | _OPERATORS} - {"/"}
_LAST_TOKEN = re.compile(r"(\\[A-Za-z]+|\\.|\S)\s*$")


def continue_formula(before: str, after: str) -> str | None:
    """The Markdown of two lines whose formula the line break cut, joined into one; None if it cut none.

    TeX breaks an inline formula after a relation or an operator: ``$\\alpha=$`` ends one line and
    ``$0.05$`` starts the next. A formula that ends with one is no whole formula; with the next line's
    first formula it is the one the page set.
    """
    if not (before.endswith("$") and after.startswith("$")) or before.endswith("\\$"):
        return None
    opening = _opening_dollar(before)
    closing = after.find("$", 1)
    if opening is None or closing <= 1:
        return None
    last = _LAST_TOKEN.search(before[opening + 1 : -1])
    if last is None or last.group(1) not in _OPEN_ENDS:
        return None
    return f"{before[:-1]} {after[1:]}"


def _opening_dollar(text: str) -> int | None:
    """Where the formula that closes at the end of ``text`` opens (``$`` not escaped), if it does."""
    at = len(text) - 1
    while True:
        at = text.rfind("$", 0, at)
        if at < 0:
            return None
        if at == 0 or text[at - 1] != "\\":
            return at


def _math_spans(words: list[list[Glyph]], math: _MathFonts) -> list[tuple[int, int]]:
    """Runs of words that are math: a math-font word, with the operators, operands and brackets around it.

    Text-font braces, commas, digits and parentheses belong to the formula when they stand between its
    glyphs or follow one of its operators (``X = {0, 1, 2}`` is one formula); a word of prose ends it.
    """
    kinds = _relations_of_variables([_word_kind(word, math) for word in words], words)
    kinds = _objects_of_another_size(kinds, words)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if kinds[i] != "math":
            i += 1
            continue
        start = i
        while start > 0 and kinds[start - 1] == "operator" and (start == 1 or kinds[start - 2] != "text"):
            start -= 1
        while start > 0 and kinds[start - 1] == "operator" and _opens(words[start - 1]):
            start -= 1  # ``(`` or ``{`` set in the text font right before the formula
        end = i + 1
        while end < len(words) and (
            kinds[end] in ("math", "operator")
            or (
                kinds[end] in ("number", "variable")
                and (_ends_with_operator(words[end - 1]) or _math_follows(kinds, end))
            )
            or _decimals_after_a_thin_space(words[end - 1], words[end])
        ):
            end += 1
        while end - 1 > i and kinds[end - 1] == "operator" and _text(words[end - 1]) in (",", ".", ";", ":"):
            end -= 1
        spans.append((start, end))
        i = end
    return spans


def _decimals_after_a_thin_space(before: list[Glyph], word: list[Glyph]) -> bool:
    """``0.`` then ``05``: groff eqn sets a thin space after a formula's full stop, which cuts ``α = 0.05``.

    Digits a fifth of an em or less after a digit and its point go on the number; a sentence that
    ends in a number and a next one that starts with one are a word space apart, wider than that.
    """
    if len(before) < 2 or not word or not word[0].text.isdigit():
        return False
    point, digit = before[-1], before[-2]
    return point.text == "." and digit.text.isdigit() and word[0].x0 - point.x1 <= THIN_SPACE_EM * point.size


def _relations_of_variables(kinds: list[str], words: list[list[Glyph]]) -> list[str]:
    """``β ≤ 0.2`` with spaces, all in the body font (LibreOffice Math): a relation between a lone italic
    variable and a number or variable makes the three math; other lone italic letters stay prose."""
    kinds = list(kinds)
    for i in range(1, len(words) - 1):
        relation = kinds[i] == "operator" and any(g.text in _RELATIONS for g in words[i])
        if relation and kinds[i - 1] == "variable" and kinds[i + 1] in ("variable", "number", "math"):
            kinds[i - 1] = kinds[i] = "math"
    return kinds


def _objects_of_another_size(kinds: list[str], words: list[list[Glyph]]) -> list[str]:
    """A lone italic letter set in another size than the line's prose is a formula object (LibreOffice Math).

    An office suite draws each formula as an object of its own, at the formula's base size (LibreOffice
    Math: 12 pt) whatever the paragraph's: ``the step h is halved`` has an h of 11.9 pt in 11 pt prose.
    An italic letter of the prose's size stays prose (``Plan B``); so do all where the sizes agree.
    """
    prose = [g.size for word, kind in zip(words, kinds) if kind == "text" for g in word if g.text.isalpha()]
    if "variable" not in kinds or not prose:
        return kinds
    size = sorted(prose)[len(prose) // 2]
    return [
        "math" if kind == "variable" and abs(word[0].size - size) > OBJECT_SIZE_CHANGE * size else kind
        for word, kind in zip(words, kinds)
    ]


def _may_hold_math(glyphs: list[Glyph], fonts: Sequence[Font], test: _MathFonts) -> bool:
    """A math glyph, a relation or accent, a font of math and prose alike, or an italic letter of another size.

    Runs on every line: the fonts and the characters are looked at as sets and one string
    first; a glyph at a time only where they allow an answer of yes.
    """
    used = {g.font for g in glyphs}
    if not used.isdisjoint(test.mixed):
        return True
    text = "".join(g.text for g in glyphs)
    if (not used.isdisjoint(test.math) or max(text, default="") >= _FIRST_MATH_LETTER) and test.any_math(glyphs):
        return True
    if not _MATH_LIKE_CHARS.isdisjoint(text) and any(g.text in _MATH_LIKE for g in glyphs):
        return True
    return any(fonts[f].italic for f in used) and _italic_of_another_size(glyphs, fonts)


def _italic_of_another_size(glyphs: list[Glyph], fonts: Sequence[Font]) -> bool:
    """Whether an italic letter of the line differs in size from most of its glyphs (cheap, for the pre-test)."""
    italic = [g.size for g in glyphs if fonts[g.font].italic and g.text.isalpha()]
    if not italic:
        return False
    size = Counter(round(g.size, 1) for g in glyphs).most_common(1)[0][0]
    return any(abs(s - size) > OBJECT_SIZE_CHANGE * size for s in italic)


def _math_follows(kinds: list[str], at: int) -> bool:
    """A math word comes after ``at`` before any word of prose: the numbers between belong to the formula."""
    for kind in kinds[at + 1 :]:
        if kind == "math":
            return True
        if kind == "text":
            return False
    return False


def _opens(word: list[Glyph]) -> bool:
    return all(g.text in "([{⟨" for g in word)


def _ends_with_operator(word: list[Glyph]) -> bool:
    last = max(word, key=lambda g: g.x1).text
    return last in _OPERATORS or last in _RELATIONS or last in "([{,"


def split_punctuation(glyphs: list[Glyph], math: _MathFonts) -> tuple[list[Glyph], list[Glyph], list[Glyph]]:
    """(leading, formula, trailing): text-font punctuation after a formula and brackets it does not close.

    ``x ∈ ℝ,`` is the formula ``x ∈ ℝ`` and a comma of the sentence; ``(where x > 0)`` keeps its
    parentheses out of ``x > 0``.
    """
    ink = sorted(glyphs, key=lambda g: g.x0)
    lead: list[Glyph] = []
    trail: list[Glyph] = []
    while ink and not math.is_math(ink[-1]) and ink[-1].text in ",.;:!?" and len(ink) > 1:
        trail.insert(0, ink.pop())
    for opening, closing in ("()", "[]"):
        depth = sum((g.text == opening) - (g.text == closing) for g in ink)
        if depth < 0 and ink and ink[-1].text == closing and not math.is_math(ink[-1]):
            trail.insert(0, ink.pop())
        elif depth > 0 and ink and ink[0].text == opening and not math.is_math(ink[0]):
            lead.append(ink.pop(0))
    while ink and not math.is_math(ink[-1]) and ink[-1].text in ",.;:!?" and len(ink) > 1:
        trail.insert(0, ink.pop())
    return lead, ink, trail


def _text(word: list[Glyph]) -> str:
    return "".join(g.text for g in word)


def _word_kind(word: list[Glyph], math: _MathFonts) -> str:
    if any(math.fonts[g.font].mono for g in word):
        return "text"  # code: `\\cs{⟨arg⟩}` keeps its symbols as text
    full = _full_size(word)
    if any(math.is_math(g) for g in word):
        # a word of text with a math symbol in it (the LaTeX2ε logo) stays text; single letters (y−y) and
        # scripts are no prose
        return "math" if max(map(len, _text_words(full, math.math)), default=0) <= 1 else "text"
    if _italic_operand(word, full, math):
        return "math"
    if len(word) == 1 and word[0].text.isalpha() and math.fonts[word[0].font].italic:
        return "variable"  # math only beside a relation (``_relations_of_variables``); else prose
    text = _text(word)
    if text and all(c in _OPERATORS or c in _RELATIONS or c in "()[]{}|∣‖" for c in text):
        return "operator"  # (a bar alone joins math on both sides: P(A | B))
    if text and any(c.isdigit() for c in text) and all(c in "0123456789.,;()[]{}" for c in text):
        return "number"  # 2}, {0, (1
    return "text"


def _full_size(word: list[Glyph]) -> list[Glyph]:
    """The word's glyphs without its scripts (glyphs smaller than the largest: ``i`` of ``r_i``)."""
    largest = max((g.size for g in word), default=0.0)
    return [g for g in word if g.size >= 0.9 * largest]


def _italic_operand(word: list[Glyph], full: list[Glyph], math: _MathFonts) -> bool:
    """``y_i −`` or ``ŷ_i`` in LibreOffice Math: one italic variable of a text font with its scripts.

    A word of no math font is math when its letters are all italic, at most one of them at full size
    (a variable, not a word), and it holds a relation (``β≤0.2``), a script of that variable
    (``r_i``, groff eqn's too), or a math accent of a font that sets prose and math alike
    (OpenSymbol's ``^``); whatever its letters, when it holds such a font's bracket (``O(h²)``).
    """
    letters = [g for g in word if g.text.isalpha()]
    if not letters or not all(math.fonts[g.font].italic for g in letters):
        return False
    relation = any(g.text in _RELATIONS and g.text != "=" or g.text == "=" and len(word) > 2 for g in word)
    accent = any(g.font in math.mixed and g.text in _ACCENTS for g in word)  # OpenSymbol's ^ over ŷ
    if any(g.font in math.mixed and g.text in "()[]{}|" for g in word):
        return True  # O(h²): only LibreOffice Math sets parentheses in OpenSymbol
    variables = [g for g in word if g.text.isalpha() and g.size >= 0.9 * max(a.size for a in letters)]
    scripted = len(full) < len(word) and any(g.text.isalpha() for g in full)
    return (relation or scripted or accent) and len(variables) <= 1


def interleave_math_runs(runs: list[list[Glyph]], test: _MathFonts) -> list[Glyph] | None:
    """The page's glyphs with each math run put into the hole of the line it fills; None if none does.

    A browser draws a line's words first and its KaTeX or MathJax formulas after them, in their own
    fonts: the formula's glyphs arrive after the line, which has a hole where the formula sits. Put
    back into that hole, the formula joins its sentence (inline math) instead of a line of its own.
    A line here is a sequence of runs that follow each other in the stream, left to right on one
    baseline band: the other column of a page is never one (it comes elsewhere in the stream).
    """
    boxes = [_box(run) for run in runs]
    lines: list[list[int]] = []
    for k, run in enumerate(runs):
        if not run:
            continue
        if lines and lines[-1][-1] == k - 1 and _follows(boxes[k - 1], boxes[k], run[0].size):
            lines[-1].append(k)
        else:
            lines.append([k])
    line_of = {k: index for index, line in enumerate(lines) for k in line}
    spans = [(min(boxes[j][1] for j in line), max(boxes[j][3] for j in line)) for line in lines]
    inserted: dict[int, list[int]] = {}  # line index -> math runs put into its holes
    for k, run in enumerate(runs):
        if not run or len(lines) < 2 or not all(g.font in test.math or not g.text.strip() for g in run):
            continue  # only a run of math fonts alone can be a browser's formula drawn after its line
        top, bottom = boxes[k][1], boxes[k][3]
        for index, line in enumerate(lines):
            if line[0] >= k or index == line_of.get(k) or spans[index][1] < top or spans[index][0] > bottom:
                continue  # later in the stream, its own line, or not level with it: cheap tests first
            if _fills_hole([g for j in line for g in runs[j]], run, boxes[k]):
                inserted.setdefault(index, []).append(k)
                break
    if not inserted:
        return None
    moved = {k for ks in inserted.values() for k in ks}
    out: list[Glyph] = []
    for index, line in enumerate(lines):
        members = [j for j in line if j not in moved]
        if index in inserted:
            out.extend(sorted((g for j in members + inserted[index] for g in runs[j]), key=lambda g: g.x0))
        else:
            out.extend(g for j in members for g in runs[j])
    return out


#: a formula drawn after its line goes at the line's start (or end) when it ends (or starts) this many em away
EDGE_EM = 0.6


def _follows(a: tuple[float, float, float, float], b: tuple[float, float, float, float], size: float) -> bool:
    """Run ``b`` goes on the line of run ``a``: the same baseline band, further right."""
    vertical = min(a[3], b[3]) - max(a[1], b[1])
    return vertical > 0.5 * min(a[3] - a[1], b[3] - b[1]) and b[0] >= a[2] - 0.2 * size


def _fills_hole(line: list[Glyph], run: list[Glyph], box: tuple[float, float, float, float]) -> bool:
    """Every glyph of the formula lies in a gap between two glyphs of the line, on its baseline band, or the
    whole formula a space before the line's start or after its end (a formula that starts or ends the line)."""
    ink = sorted((g for g in line if g.text.strip()), key=lambda g: g.x0)
    if len(ink) < 2:
        return False
    top, bottom = min(g.y0 for g in ink), max(g.y1 for g in ink)
    if min(bottom, box[3]) - max(top, box[1]) < 0.5 * min(bottom - top, box[3] - box[1]):
        return False
    starts = [g.x0 for g in ink]
    for g in run:
        if not g.text.strip():
            continue
        k = bisect_right(starts, g.x0)  # the line's first glyph right of this one's start
        slack = 0.3 * g.size
        if k == 0:  # before the line's start, a space away: its first word (``0.2 for every test``)
            if not (box[2] <= ink[0].x0 + slack and ink[0].x0 - box[2] < EDGE_EM * g.size):
                return False
        elif k == len(ink):  # after its end, a space away: its last word
            if not (g.x0 >= ink[-1].x1 - slack and box[0] - ink[-1].x1 < EDGE_EM * g.size):
                return False
        elif not (ink[k - 1].x1 - slack <= g.x0 and g.x1 <= ink[k].x0 + slack):
            return False
    return True


def _box(run: list[Glyph]) -> tuple[float, float, float, float]:
    ink = [g for g in run if g.text.strip()] or run
    return min(g.x0 for g in ink), min(g.y0 for g in ink), max(g.x1 for g in ink), max(g.y1 for g in ink)
