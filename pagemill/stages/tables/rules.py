"""Ruled tables: regions bounded by the page's rules.

A table is found where horizontal rules of about the same extent stack up
with text between them and no wider text line in between (booktabs' top,
mid and bottom rules; a fully ruled grid; ``\\hline`` and ``\\cline``):

    ─────────────────────────   top rule        the rules' common x-extent
     Method    Time    Score                    is the table's width
    ─────────────────────────   rule under the header
     Alpha     12.5    0.91
    ─────────────────────────   bottom rule

Columns come from vertical rules when the table has them, else from the
vertical gaps that run through the text of most rows. Rows come from the
rules when (nearly) every band between two rules holds one line of text
(a ruled grid, whose cells may hold several lines), else from the
baselines of the text. A cell spans columns where no vertical rule (or
text gap) separates it from its neighbour, and rows where a partial rule
(``\\cline``) leaves its column open.

All distances are in units of the page's body font size (em).
"""

from __future__ import annotations

import statistics
from bisect import bisect_left, bisect_right

from ...model import BBox, Drawing, Glyph, RawPage
from ..lines import split_runs

#: a table rule is at least this wide; shorter rules are fraction bars, underlines
MIN_RULE_EM = 3.5
#: a filled square this small (points) where rules meet is part of both
JOINT_PT = 2.5
#: rules this close vertically (points) are one rule (double rules, thick rules drawn twice)
SAME_RULE_PT = 1.2
#: rules of one table end within this many em of each other
RULE_ALIGN_EM = 2.0
#: text sticking out of the rules' extent by this much is prose, not a cell
PROSE_OVERHANG_EM = 1.0
#: inside a cell, words are closer than this; columns are further apart
COLUMN_GAP_EM = 0.9
#: two rules alone (no rule under a header) this far apart enclose a page of text, not a table
TWO_RULE_MAX_EM = 15.0
#: a cell this long that spans columns alone in its row is a line of prose
PROSE_CHARS = 40
#: rows: baselines closer than this are one text row
BASELINE_EM = 0.4

# -- finding regions ---------------------------------------------------------------------


def page_em(raw: RawPage) -> float:
    """The body font size of the page: the median glyph size."""
    sample = [g for g in raw.glyphs[:: max(1, len(raw.glyphs) // 400)] if g.text != " "]
    if not sample:
        return 10.0
    return statistics.median(g.size for g in sample)  # the engine scales sizes by the text matrix


def horizontal_rules(drawings: list[Drawing]) -> list[Drawing]:
    """Horizontal rules, with the top and bottom edges of stroked boxes (cell borders)."""
    rules = [d for d in drawings if d.kind == "hline" or _is_joint(d)]
    for d in drawings:
        if d.kind == "rect" and d.stroked:
            rules.append(Drawing(d.x0, d.y0, d.x1, d.y0, "hline"))
            rules.append(Drawing(d.x0, d.y1, d.x1, d.y1, "hline"))
    merged = _merge_collinear(sorted(rules, key=lambda d: ((d.y0 + d.y1) / 2, d.x0)), vertical=False)
    return [d for d in merged if d.x1 - d.x0 > JOINT_PT]


def vertical_rules(drawings: list[Drawing]) -> list[Drawing]:
    rules = [d for d in drawings if d.kind == "vline" or _is_joint(d)]
    for d in drawings:
        if d.kind == "rect" and d.stroked:
            rules.append(Drawing(d.x0, d.y0, d.x0, d.y1, "vline"))
            rules.append(Drawing(d.x1, d.y0, d.x1, d.y1, "vline"))
    merged = _merge_collinear(sorted(rules, key=lambda d: ((d.x0 + d.x1) / 2, d.y0)), vertical=True)
    return [d for d in merged if d.y1 - d.y0 > JOINT_PT]


def _is_joint(d: Drawing) -> bool:
    """A small filled square where two rules of a grid drawn cell by cell meet: it joins them."""
    return d.kind in ("rect", "hline", "vline") and d.filled and d.x1 - d.x0 <= JOINT_PT and d.y1 - d.y0 <= JOINT_PT


def _merge_collinear(rules: list[Drawing], vertical: bool) -> list[Drawing]:
    """Pieces of one rule drawn end to end (TeX draws ``\\hline`` per column; a grid drawn cell by cell) joined.

    ``rules`` come sorted by their middle across the rule. Pieces whose middles lie within
    SAME_RULE_PT of the previous one are one line (a thick rule with a sliver along it);
    along that line, pieces that touch (gaps up to JOINT_PT: a cell's corner square left
    out, or the crossing rule, up to JOINT_PT thick, that a grid drawn cell by cell stops
    at) are one rule.
    """

    def across(d: Drawing) -> float:
        return (d.x0 + d.x1) / 2 if vertical else (d.y0 + d.y1) / 2

    lines: list[list[Drawing]] = []
    for rule in rules:
        if lines and across(rule) - across(lines[-1][-1]) < SAME_RULE_PT:
            lines[-1].append(rule)
        else:
            lines.append([rule])
    merged: list[Drawing] = []
    for line in lines:
        merged.extend(_join_touching(line, vertical))
    return merged


def _join_touching(pieces: list[Drawing], vertical: bool) -> list[Drawing]:
    """Pieces along one line joined where they touch, as boxes covering them."""
    if vertical:
        pieces = [Drawing(d.y0, d.x0, d.y1, d.x1, d.kind) for d in pieces]  # swapped: the sweep runs along x
    joined: list[Drawing] = []
    for d in sorted(pieces, key=lambda d: d.x0):
        last = joined[-1] if joined else None
        if last is not None and d.x0 <= last.x1 + JOINT_PT:
            joined[-1] = Drawing(last.x0, min(last.y0, d.y0), max(last.x1, d.x1), max(last.y1, d.y1), last.kind)
        else:
            joined.append(Drawing(d.x0, d.y0, d.x1, d.y1, d.kind))
    if vertical:
        joined = [Drawing(d.y0, d.x0, d.y1, d.x1, d.kind) for d in joined]
    return joined


class GlyphIndex:
    """A page's glyphs by the middle of their height: those of a band of the page found by bisection.

    Made once per page and shared by the table finders, it spares each rule pair and each
    region a pass over every glyph of the page. The glyphs are sorted when the first band is
    asked for: a page whose finders ask for none (fewer than two long rules) pays nothing.
    Glyphs come back in the page's order.
    """

    __slots__ = ("glyphs", "keys", "order")

    def __init__(self, glyphs: list[Glyph]) -> None:
        self.glyphs = glyphs
        self.order: list[int] = []  # glyph numbers by middle, and those middles (doubled): sorted on first use
        self.keys: list[float] = []

    def band(self, top: float, bottom: float) -> list[Glyph]:
        """The glyphs whose middle lies between ``top`` and ``bottom`` (inclusive)."""
        if not self.order:
            self._sort()
        first, last = bisect_left(self.keys, 2 * top), bisect_right(self.keys, 2 * bottom)
        return [self.glyphs[i] for i in sorted(self.order[first:last])]

    def _sort(self) -> None:
        middles = [g.y0 + g.y1 for g in self.glyphs]
        self.order = sorted(range(len(self.glyphs)), key=middles.__getitem__)
        self.keys = [middles[i] for i in self.order]

    def inside(self, box: BBox) -> list[Glyph]:
        """The glyphs other than spaces whose middle lies in ``box``."""
        x0, x1 = 2 * box.x0, 2 * box.x1
        return [g for g in self.band(box.y0, box.y1) if g.text != " " and x0 <= g.x0 + g.x1 <= x1]

    def outside(self, glyphs: list[Glyph], boxes: list[BBox]) -> list[Glyph]:
        """``glyphs`` (some of the page's) less those whose middle lies in one of ``boxes`` (``_center_in``)."""
        if not boxes:
            return glyphs
        held = {id(g) for box in boxes for g in self.band(box.y0, box.y1) if box.x0 <= (g.x0 + g.x1) / 2 <= box.x1}
        return [g for g in glyphs if id(g) not in held]


def find_table_regions(
    raw: RawPage, em: float, index: GlyphIndex | None = None
) -> list[tuple[BBox, list[Drawing], list[Drawing]]]:
    """Boxes of ruled tables with their horizontal and vertical rules.

    Long rules fall into families that line up at both ends (two tables side by
    side make two families); down each family, rules with no prose between them
    bound one table. A rule of another family in between (``\\cmidrule``) is no bound.
    """
    hlines = horizontal_rules(raw.drawings)
    long_rules = [r for r in hlines if r.x1 - r.x0 >= MIN_RULE_EM * em]
    if len(long_rules) < 2:
        return []
    vlines = vertical_rules(raw.drawings)
    index = index or GlyphIndex(raw.glyphs)
    regions = []
    for family in _families(long_rules, em):
        group: list[Drawing] = [family[0]]
        for rule in family[1:]:
            if (
                _same_table(group[-1], rule, index, em)
                and not (len(group) == 1 and _blank_between(group[0], rule, index, em))
                and not _frames_apart(group[-1], rule, vlines, em)
            ):
                group.append(rule)
            else:
                regions.extend(_region(group, hlines, vlines, index))
                group = [rule]
        regions.extend(_region(group, hlines, vlines, index))
    return sorted(_outermost(regions), key=lambda region: (region[0].y0, region[0].x0))


def _outermost(
    regions: list[tuple[BBox, list[Drawing], list[Drawing]]],
) -> list[tuple[BBox, list[Drawing], list[Drawing]]]:
    """Regions inside another one dropped (two aligned ``\\cline``s inside a table bound no table)."""
    kept: list[tuple[BBox, list[Drawing], list[Drawing]]] = []
    for region in sorted(regions, key=lambda r: -(r[0].width * r[0].height)):
        box = region[0]
        if not any(
            box.x0 >= k.x0 - 1 and box.x1 <= k.x1 + 1 and box.y0 >= k.y0 - 1 and box.y1 <= k.y1 + 1 for k, _, _ in kept
        ):
            kept.append(region)
    return kept


def _families(rules: list[Drawing], em: float) -> list[list[Drawing]]:
    """Rules grouped by their extent (both ends within RULE_ALIGN_EM), each family top to bottom."""
    families: list[list[Drawing]] = []
    for rule in rules:
        family = next((f for f in families if _aligned(f[0], rule, em)), None)
        if family is None:
            families.append([rule])
        else:
            family.append(rule)
    return [f for f in families if len(f) >= 2]


def _aligned(a: Drawing, b: Drawing, em: float) -> bool:
    """Both ends line up (a footnote rule lines up on the left only)."""
    slack = RULE_ALIGN_EM * em
    return abs(a.x0 - b.x0) <= slack and abs(a.x1 - b.x1) <= slack


def _same_table(upper: Drawing, lower: Drawing, index: GlyphIndex, em: float) -> bool:
    """Two rules bound one table when no prose runs between them."""
    left, right = min(upper.x0, lower.x0), max(upper.x1, lower.x1)
    top, bottom = upper.y1, lower.y0
    overhang = PROSE_OVERHANG_EM * em
    low, high = left - overhang, right + overhang  # the rules' extent with the overhang allowed
    between = []
    for g in index.band(top, bottom):
        if g.y0 <= top or g.y1 >= bottom:
            continue
        if low <= g.x0 and g.x1 <= high:
            between.append(g)
        elif g.text != " " and g.x1 >= low and g.x0 <= high:
            return False  # text sticking out of the rules (not beside them, in another column): prose
    return not any(_is_prose_line(run, right - left, em) for run in split_runs(between))


def _frames_apart(upper: Drawing, lower: Drawing, vlines: list[Drawing], em: float) -> bool:
    """Vertical rules run up to the upper rule and down from the lower one, and none crosses the band
    between them, not even a frame's side: two framed tables one above the other (a title between
    them), not one. A row of a framed table without inner rules (a section row) keeps the frame's sides.
    """
    top, bottom = upper.y1, lower.y0
    if bottom - top < em:
        return False
    left, right = min(upper.x0, lower.x0) - em, max(upper.x1, lower.x1) + em
    near = [v for v in vlines if left <= v.x0 and v.x1 <= right]
    slack = 2 * SAME_RULE_PT
    above = any(abs(v.y1 - upper.y0) <= slack or abs(v.y1 - upper.y1) <= slack for v in near)
    below = any(abs(v.y0 - lower.y0) <= slack or abs(v.y0 - lower.y1) <= slack for v in near)
    return above and below and not any(v.y0 < top + slack and v.y1 > bottom - slack for v in near)


def _blank_between(upper: Drawing, lower: Drawing, index: GlyphIndex, em: float) -> bool:
    """Nothing but white space, an em or more, between two rules: the upper one tops no table (a running head's
    rule over a table at the top of the page, in line with its rules)."""
    if lower.y0 - upper.y1 < em:
        return False
    left, right = min(upper.x0, lower.x0), max(upper.x1, lower.x1)
    band = index.band(upper.y1, lower.y0)
    return not any(g.text.strip() and left <= (g.x0 + g.x1) / 2 <= right for g in band)


def _is_prose_line(run: list[Glyph], width: float, em: float) -> bool:
    """A line of running text as wide as the rules: the rules are two boxes' edges, not a table's."""
    ink = [g for g in run if g.text.strip()]
    if sum(len(g.text) for g in ink) < PROSE_CHARS:  # characters: a glyph of an OCR'd page is a word
        return False
    return ink[-1].x1 - ink[0].x0 > 0.8 * width and not _has_wide_gap(run, em)


def _region(
    group: list[Drawing], hlines: list[Drawing], vlines: list[Drawing], index: GlyphIndex
) -> list[tuple[BBox, list[Drawing], list[Drawing]]]:
    if len(group) < 2:
        return []
    box = BBox(min(r.x0 for r in group), group[0].y0, max(r.x1 for r in group), group[-1].y1)
    if len(group) == 2 and box.height > TWO_RULE_MAX_EM * _em_of(index.glyphs):
        return []  # a page-head rule over a footnote rule: the page's text between them, not a table
    if not index.inside(box):
        return []
    rules_h = [r for r in hlines if r.y0 >= box.y0 - 0.5 and r.y1 <= box.y1 + 0.5 and r.x1 > box.x0 and r.x0 < box.x1]
    rules_v = [
        r for r in vlines if box.x0 - 1 <= (r.x0 + r.x1) / 2 <= box.x1 + 1 and r.y0 < box.y1 - 1 and r.y1 > box.y0 + 1
    ]
    return [(box, rules_h, rules_v)]


def _em_of(glyphs: list[Glyph]) -> float:
    sizes = [g.size for g in glyphs[:: max(1, len(glyphs) // 200)]]
    return statistics.median(sizes) if sizes else 10.0


def _center_in(g: Glyph, box: BBox) -> bool:
    cx, cy = (g.x0 + g.x1) / 2, (g.y0 + g.y1) / 2
    return box.x0 <= cx <= box.x1 and box.y0 <= cy <= box.y1


def _has_wide_gap(run: list[Glyph], em: float) -> bool:
    ink = sorted((g for g in run if g.text.strip()), key=lambda g: g.x0)
    return any(b.x0 - a.x1 > COLUMN_GAP_EM * em for a, b in zip(ink, ink[1:]))


def _run_box(run: list[Glyph]) -> BBox:
    ink = [g for g in run if g.text.strip()] or run
    return BBox(min(g.x0 for g in ink), min(g.y0 for g in ink), max(g.x1 for g in ink), max(g.y1 for g in ink))


def _boxes_union(boxes: list[BBox]) -> BBox:
    return BBox(min(b.x0 for b in boxes), min(b.y0 for b in boxes), max(b.x1 for b in boxes), max(b.y1 for b in boxes))
