"""Displayed equations: lines of math alone, clustered with their limits, rows and numbers."""

from __future__ import annotations

import re

from ...model import BBox, Block, BlockKind, Drawing, Glyph, Line, RawPage
from .builder import Builder
from .glyphs import (
    _OPERATORS,
    _RELATIONS,
    _has_text_word,
    _MathFonts,
    _text_letters,
    glyph_char,
    math_glyphs,
)
from .inline import MATH_MODE
from .layout import _union, join_rule_pieces
from .unicode import to_unicode

_TAG = re.compile(r"^\((\w+(?:[.\-]\w+)*)\)$")
_NUMBER_TAG = re.compile(r"^\((\d+(?:[.\-]\d+)*[a-z]?)\)$")
_LETTER = re.compile(r"[^\W\d_]")
#: most glyphs of a run of a text font that may be a fraction's numerator or denominator (no word in it)
FRACTION_PART_GLYPHS = 8


def find_equations(raw: RawPage, em: float, runs: list[list[Glyph]]) -> list[Block]:
    """Displayed equations of a page: lines of math alone, with their number as a tag."""
    fonts = math_glyphs(raw.fonts)
    runs = [part for run in runs for part in _split_trailing_tag(run, fonts)]
    kinds = [_run_kind(run, fonts) for run in runs]
    if "math" not in kinds:
        return []
    kinds = _fraction_parts(runs, kinds, join_rule_pieces([d for d in raw.drawings if d.kind == "hline"]), em)
    clusters = _clusters(runs, kinds, em)
    blocks = []
    for members, tags in clusters:
        blocks.extend(_equation_blocks(raw, members, tags, em))
    return blocks


def _split_trailing_tag(run: list[Glyph], fonts: _MathFonts) -> list[list[Glyph]]:
    """A wide formula and its number can share one run: ``...(I|I).   (14)`` -> formula, tag."""
    ink = sorted((g for g in run if g.text.strip()), key=lambda g: g.x0)
    if len(ink) < 4 or ink[-1].text != ")" or not any(fonts.is_math(g) for g in ink):
        return [run]
    start = max((i for i, g in enumerate(ink) if g.text == "("), default=-1)
    if start <= 0 or any(fonts.is_math(g) for g in ink[start:]):
        return [run]
    tag = ink[start:]
    before = ink[start - 1]
    if not _TAG.match("".join(g.text for g in tag)) or tag[0].x0 - before.x1 < 0.4 * tag[0].size:
        return [run]
    if before.text in _RELATIONS or before.text in _OPERATORS:
        return [run]  # ``x = (12)``: a parenthesis of the formula
    return [ink[:start], tag]


def _run_kind(run: list[Glyph], fonts: _MathFonts) -> str:
    ink = [g for g in run if g.text.strip()]
    if not ink:
        return "empty"
    text = "".join(g.text for g in ink)
    in_math = sum(1 for g in ink if fonts.is_math(g))
    if _NUMBER_TAG.match(text) or (not in_math and _TAG.match(text)):
        return "tag"  # KaTeX and MathJax set the number in their math font: ``(3)`` at the margin
    if not in_math:  # most runs: prose, told apart cheaply
        return "text" if _LETTER.search(text) and _text_letters(ink, fonts.math) else "neutral"
    if any(fonts.fonts[g.font].mono for g in ink):
        return "text"
    if _variables_around_a_relation(ink, fonts):
        return "math"
    letters = _text_letters(ink, fonts.math)
    if letters > max(2, 0.25 * len(ink)) or _has_text_word(ink, fonts.math):
        return "text"
    return "math"


def _variables_around_a_relation(ink: list[Glyph], fonts: _MathFonts) -> bool:
    """Letters of a text font, none in a word of three or more, around a math font's relation: a formula.

    LibreOffice Math sets variables in the body font's italic and only operators in OpenSymbol
    (``e^{iπ}+1=0``). A word is letters of one font side by side on one baseline, so a raised
    ``iπ`` is not part of the ``e`` before it.
    """
    if not any(fonts.is_math(g) and g.text in _RELATIONS for g in ink):
        return False
    word = 0
    for previous, glyph in zip([None, *ink], ink):
        text_letter = glyph.text.isalpha() and glyph.font not in fonts.math
        joined = (
            previous is not None
            and previous.font == glyph.font
            and previous.text.isalpha()
            and abs(previous.y1 - glyph.y1) < 0.1 * glyph.size
            and glyph.x0 - previous.x1 < 0.15 * glyph.size
        )
        word = (word + 1 if joined else 1) if text_letter else 0
        if word >= 3:
            return False
    return True


def _fraction_parts(runs: list[list[Glyph]], kinds: list[str], rules: list[Drawing], em: float) -> list[str]:
    """Short text runs over and under one rule that ends or starts beside math: a fraction's parts.

    LibreOffice Math sets variables in the body font, so ``ρ`` over ``ε0`` next to ``∇⋅E=`` reads as
    two runs of prose (or ``ε0`` alone when ``ρ`` joined the run of ``∇⋅E=``). Short runs (at most
    FRACTION_PART_GLYPHS glyphs, no word: ``P(B)`` under ``P(B|A)P(A)``) stacked over or under a rule,
    within its width, are math when a math run that the rule's height crosses ends or starts within an
    em of the rule's ends, or runs over it (the run of ``P(A|B)=`` that took the numerator in).
    """
    boxes = [_run_box(run) for run in runs]
    short = [
        i
        for i, kind in enumerate(kinds)
        if kind == "text"
        and len([g for g in runs[i] if g.text.strip()]) <= FRACTION_PART_GLYPHS
        and not _has_word(runs[i])
    ]
    kinds = list(kinds)
    for rule in rules:
        y = (rule.y0 + rule.y1) / 2

        def within(box: BBox) -> bool:
            return rule.x0 - 1 <= (box.x0 + box.x1) / 2 <= rule.x1 + 1  # noqa: B023 - used at once

        over = [i for i in short if within(boxes[i]) and y - 1.2 * em < boxes[i].y1 <= y + 0.35 * em]
        under = [i for i in short if within(boxes[i]) and y - 0.35 * em <= boxes[i].y0 < y + 1.2 * em]
        beside = [
            i
            for i, kind in enumerate(kinds)
            if kind == "math"
            and boxes[i].y0 < y < boxes[i].y1
            and boxes[i].x0 < rule.x1 + em
            and boxes[i].x1 > rule.x0 - em  # beside the rule, or holding the other part (``P(A|B)=`` and its numerator)
        ]
        if (over or under) and beside:
            for i in over + under:
                kinds[i] = "math"
    return kinds


def _has_word(run: list[Glyph]) -> bool:
    return any(len(word) > 1 for word in "".join(g.text if g.text.isalpha() else " " for g in run).split())


def _clusters(
    runs: list[list[Glyph]], kinds: list[str], em: float
) -> list[tuple[list[list[Glyph]], list[tuple[str, BBox]]]]:
    """Math runs joined with the runs they touch (limits, numerators, rows of an alignment)."""
    boxes = [_run_box(run) for run in runs]
    clusters: list[tuple[BBox, list[int]]] = []
    for index, kind in sorted(enumerate(kinds), key=lambda ik: boxes[ik[0]].y0):
        if kind != "math":
            continue
        box = boxes[index]
        for k, (cbox, members) in enumerate(clusters):
            if _near(cbox, box, em):
                clusters[k] = (cbox.union(box), members + [index])
                break
        else:
            clusters.append((box, [index]))
    out = []
    for cbox, members in _merge_clusters(clusters, em):
        for index, kind in enumerate(kinds):
            if kind == "neutral" and index not in members and _near(cbox, boxes[index], em, 0.2):
                members.append(index)
                cbox = cbox.union(boxes[index])
        beside = [i for i in range(len(runs)) if kinds[i] == "text" and _beside(boxes[i], cbox, em)]
        if beside and all(_words_of_a_display(runs[i], boxes[i], cbox, em) for i in beside):
            members.extend(beside)  # ``sgn(x) =`` before the brace of cases, ``otherwise`` in a cell
            for i in beside:
                cbox = cbox.union(boxes[i])
        elif beside:
            continue  # prose beside or inside: inline math, handled in the line
        tags = [
            ("".join(g.text for g in runs[i] if g.text.strip()), boxes[i])
            for i in range(len(runs))
            if kinds[i] == "tag"
            and (boxes[i].x0 > cbox.x1 or boxes[i].x1 < cbox.x0)  # right, or left with leqno
            and cbox.y0 - 0.2 * em < (boxes[i].y0 + boxes[i].y1) / 2 < cbox.y1 + 0.2 * em
        ]
        out.append(([runs[i] for i in sorted(members)], tags))
    return _nearest_tags(out)


def _nearest_tags(
    clusters: list[tuple[list[list[Glyph]], list[tuple[str, BBox]]]],
) -> list[tuple[list[list[Glyph]], list[tuple[str, BBox]]]]:
    """A number belongs to the display nearest to it on its level (on two columns: not the one across the gutter)."""
    boxes = [_run_box([g for run in members for g in run]) for members, _ in clusters]

    def gap(box: BBox, tag: BBox) -> float:
        return max(tag.x0 - box.x1, box.x0 - tag.x1)

    out = []
    for k, (members, tags) in enumerate(clusters):
        rivals = [[boxes[j] for j, (_, other) in enumerate(clusters) if tag in other] for tag in tags]
        kept = [tag for tag, near in zip(tags, rivals) if all(gap(boxes[k], tag[1]) <= gap(b, tag[1]) for b in near)]
        out.append((members, kept))
    return out


def _merge_clusters(clusters: list[tuple[BBox, list[int]]], em: float) -> list[tuple[BBox, list[int]]]:
    """Clusters that came to touch as they grew, joined (a run between two joins both)."""
    merged = True
    while merged:
        merged = False
        for i in range(len(clusters)):
            for j in range(i + 1, len(clusters)):
                if _near(clusters[i][0], clusters[j][0], em):
                    box = clusters[i][0].union(clusters[j][0])
                    clusters[i] = (box, clusters[i][1] + clusters[j][1])
                    del clusters[j]
                    merged = True
                    break
            if merged:
                break
    return clusters


def _near(a: BBox, b: BBox, em: float, slack: float = 0.8) -> bool:
    gap_y = max(a.y0 - b.y1, b.y0 - a.y1)
    gap_x = max(a.x0 - b.x1, b.x0 - a.x1)
    return gap_y < slack * em and gap_x < 3 * em


def _overlaps(a: BBox, b: BBox) -> bool:
    vertical = min(a.y1, b.y1) - max(a.y0, b.y0)
    return vertical > 0.5 * min(a.height, b.height) and min(a.x1, b.x1) > max(a.x0, b.x0) - 1


def _words_of_a_display(run: list[Glyph], box: BBox, cluster: BBox, em: float) -> bool:
    """A few words that belong to a display of several rows: inside its box, or beside its middle rows.

    ``otherwise`` in a cell of ``cases`` lies within the display's box; ``sgn(x) =`` stands left of the
    brace, level with the middle row. A line of prose beside a one-row formula is never taken.
    """
    words = "".join(g.text if g.text.isalpha() else " " for g in run).split()
    if len(words) > 3 or cluster.height < 1.8 * em:
        return False
    return cluster.y0 - 0.2 * em <= box.y0 and box.y1 <= cluster.y1 + 0.2 * em


def _beside(text: BBox, math: BBox, em: float) -> bool:
    """Prose over the formula, or on its line a space away (a browser draws a line's math after its words)."""
    if _overlaps(text, math):
        return True
    vertical = min(text.y1, math.y1) - max(text.y0, math.y0)
    gap = max(text.x0 - math.x1, math.x0 - text.x1)
    return vertical > 0.5 * min(text.height, math.height) and gap < 0.6 * em


def _run_box(run: list[Glyph]) -> BBox:
    ink = [g for g in run if g.text.strip()] or run
    return BBox(min(g.x0 for g in ink), min(g.y0 for g in ink), max(g.x1 for g in ink), max(g.y1 for g in ink))


def _equation_blocks(raw: RawPage, members: list[list[Glyph]], tags: list[tuple[str, BBox]], em: float) -> list[Block]:
    glyphs = [g for run in members for g in run if g.text.strip()]
    pieces = _split_by_tags(glyphs, tags) if len(tags) > 1 else [(glyphs, tags[0] if tags else None)]
    blocks = []
    while pieces:
        part, tag = pieces.pop(0)
        if not part:
            continue
        box = _union([BBox(g.x0, g.y0, g.x1, g.y1) for g in part])
        rules = [
            d
            for d in raw.drawings
            if d.kind == "hline" and d.x0 >= box.x0 - 2 and d.x1 <= box.x1 + 2 and box.y0 - 2 <= d.y0 <= box.y1 + 2
        ]
        rules += _radicals(raw.drawings, rules)
        inside = set(map(id, part))
        builder = Builder(raw.fonts, rules, [g for g in raw.glyphs if id(g) not in inside and _near_box(g, box, em)])
        latex = builder.latex(part, display=True)
        if latex is None or latex.startswith(r"\begin{gathered}"):
            bands = _bands(part, rules, em)
            if len(bands) < 2 and builder.row_cuts:  # displays one under another: cut between their rows
                bands = _cut(part, builder.row_cuts)
            if len(bands) > 1:  # displays one under the other, not one display of rows: each on its own
                pieces[:0] = [(band, _tag_of(band, tag)) for band in bands]
                continue
        plain = plain_text(part, builder.codes)
        attrs: dict[str, object]
        if latex is None:  # the gate refused it: the page's text, in its rows, and the reason in the JSON
            attrs = {"gate": "refused", "reason": builder.refused, "text": plain}
        else:
            attrs = {"latex": latex, "gate": "passed"}
            if MATH_MODE.get() == "unicode":  # the Markdown's Unicode: no LaTeX the output does not show
                attrs = {"unicode": to_unicode(latex), "gate": "passed"}
        full_box = _union([box, *[BBox(d.x0, d.y0, d.x1, d.y1) for d in rules if d.kind == "radical"]])
        if tag is not None:
            match = _TAG.match(tag[0])
            attrs["tag"] = match.group(1) if match else tag[0]
            full_box = box.union(tag[1])
        line = Line(text=plain, markdown=plain, bbox=full_box, size=em)
        blocks.append(Block(BlockKind.EQUATION, raw.number, full_box, [line], attrs))
    return blocks


def _near_box(glyph: Glyph, box: BBox, em: float) -> bool:
    return glyph.x1 > box.x0 and glyph.x0 < box.x1 and glyph.y1 > box.y0 - 2 * em and glyph.y0 < box.y1 + 2 * em


def _radicals(drawings: list[Drawing], bars: list[Drawing]) -> list[Drawing]:
    """Radical signs drawn as paths whose bar is one of ``bars`` (``engines/radicals.py``)."""
    return [
        d
        for d in drawings
        if d.kind == "radical" and any(abs(bar.x0 - d.x1) < 0.5 and abs(bar.y0 - d.y0) < 0.5 for bar in bars)
    ]


def plain_text(glyphs: list[Glyph], codes: dict[int, dict[int, str]]) -> str:
    """The glyphs as the page shows them: rows top to bottom, left to right, a space at each gap."""
    rows: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (g.y0 + g.y1) / 2):
        middle = (g.y0 + g.y1) / 2
        if rows and abs(middle - sum((r.y0 + r.y1) / 2 for r in rows[-1]) / len(rows[-1])) < 0.5 * g.size:
            rows[-1].append(g)
        else:
            rows.append([g])
    lines = []
    for row in rows:
        text = ""
        last: Glyph | None = None
        for g in sorted(row, key=lambda g: g.x0):
            if last is not None and g.x0 - last.x1 > 0.2 * min(g.size, last.size):
                text += " "
            text += glyph_char(g, codes)
            last = g
        lines.append(text)
    return "\n".join(lines)


def _bands(glyphs: list[Glyph], rules: list[Drawing], em: float) -> list[list[Glyph]]:
    """The glyphs cut where a gap of a third of an em runs across the whole display (rules bridge theirs)."""
    spans = sorted([(g.y0, g.y1) for g in glyphs] + [(d.y0 - 0.3 * em, d.y1 + 0.3 * em) for d in rules])
    cuts: list[float] = []
    reach = spans[0][1]
    for top, bottom in spans[1:]:
        if top - reach > 0.35 * em:
            cuts.append((top + reach) / 2)
        reach = max(reach, bottom)
    bands: list[list[Glyph]] = [[] for _ in range(len(cuts) + 1)]
    for g in glyphs:
        bands[sum(1 for c in cuts if (g.y0 + g.y1) / 2 > c)].append(g)
    return [band for band in bands if band]


def _cut(glyphs: list[Glyph], cuts: list[float]) -> list[list[Glyph]]:
    parts: list[list[Glyph]] = [[] for _ in range(len(cuts) + 1)]
    for g in glyphs:
        parts[sum(1 for c in cuts if (g.y0 + g.y1) / 2 > c)].append(g)
    parts = [part for part in parts if part]
    return parts if len(parts) > 1 else []


def _tag_of(band: list[Glyph], tag: tuple[str, BBox] | None) -> tuple[str, BBox] | None:
    """The display's number, for the band level with it."""
    if tag is None:
        return None
    middle = (tag[1].y0 + tag[1].y1) / 2
    return tag if min(g.y0 for g in band) - 2 <= middle <= max(g.y1 for g in band) + 2 else None


def _split_by_tags(
    glyphs: list[Glyph], tags: list[tuple[str, BBox]]
) -> list[tuple[list[Glyph], tuple[str, BBox] | None]]:
    """A display with a number on each row (``align``): one equation per number."""
    ordered = sorted(tags, key=lambda t: t[1].y0)
    cuts = [(a[1].y1 + b[1].y0) / 2 for a, b in zip(ordered, ordered[1:])]
    parts: list[list[Glyph]] = [[] for _ in ordered]
    for g in glyphs:
        middle = (g.y0 + g.y1) / 2
        parts[sum(1 for c in cuts if middle > c)].append(g)
    return list(zip(parts, ordered))
