"""Heading levels, decided per document from its headings: numbering first, then styles.

``find_headings`` (stages/headings.py) decides which blocks are headings; this module gives each
its level. A numbering scheme's level is the order in which the schemes first appear ("I." before
"A." makes sections and subsections), plus its depth ("2.3" is one deeper than "2"); a decimal
numbering that never stands alone below a chapter scheme ("Chapter 1", then "1.1" and "1.1.1")
counts its depth from the chapter's. Unnumbered headings take the level of the numbered headings
set in their style; one that opens the document in a style above every numbered one is the title,
level 1, and the sections sit one below it. Any other unnumbered heading before the first numbered
one ("Abstract", "Contents") is a sibling of the top sections: nothing above it is open yet. The
rest take the level of the nearest numbered style. Without any numbering, styles alone rank the
levels (larger first, bold before regular).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from ..model import Block
from .features import numbering

#: a heading style: size (half points) and bold; and how to find a candidate's
Style = tuple[float, bool]
StyleOf = Callable[[Block], Style]


#: numberings that number sections (a bullet or "§" does not give a level)
SCHEMES = ("arabic", "dotted", "roman", "roman_lower", "letter", "letter_lower", "chapter")


def outranks(style: Style, other: Style) -> bool:
    """``style`` stands above ``other``: larger, or as large and bold where the other is not."""
    return style[0] > other[0] or (style[0] == other[0] and style[1] and not other[1])


def numbered_levels(candidates: list[Block]) -> dict[int, int]:
    """The level each numbered heading's numbering gives it, by ``id`` of the block.

    Schemes rank in the order they first appear; a decimal number adds its depth. Where a
    chapter scheme came first and decimals never stand alone at depth 1 ("Chapter 2", then
    "2.1"), the decimal's first part is the chapter's number: "2.1" is one below the chapter.
    """
    found: list[tuple[Block, str, int]] = []
    schemes: list[str] = []
    for block in candidates:
        kind, token = numbering(block.text)
        if kind not in SCHEMES:
            continue
        scheme = "decimal" if kind in ("arabic", "dotted") else kind
        if scheme not in schemes:
            schemes.append(scheme)
        found.append((block, scheme, len(re.split("[.．]", token)) if scheme == "decimal" else 1))
    shallowest = min((depth for _, scheme, depth in found if scheme == "decimal"), default=1)
    below_chapter = "chapter" in schemes and shallowest > 1 and schemes.index("chapter") < schemes.index("decimal")
    levels = {}
    for block, scheme, depth in found:
        if scheme == "decimal" and below_chapter:
            levels[id(block)] = schemes.index("chapter") + depth
        else:
            levels[id(block)] = schemes.index(scheme) + depth
    return levels


def model_levels(candidates: list[Block], style_of: StyleOf) -> None:
    """``attrs["level"]`` of each heading in ``candidates`` (in reading order), as the docstring above says."""
    numbered = numbered_levels(candidates)
    rank = style_levels(candidates, style_of)
    by_style: dict[Style, list[int]] = {}
    for block in candidates:
        if id(block) in numbered:
            by_style.setdefault(style_of(block), []).append(numbered[id(block)])
    top = _top_styles(candidates, numbered, by_style, style_of)
    titled = 1 if top else 0
    first_numbered = next((i for i, block in enumerate(candidates) if id(block) in numbered), len(candidates))
    top_section = min(numbered.values(), default=1)
    for index, block in enumerate(candidates):
        own = style_of(block)
        level = numbered.get(id(block))
        if level is not None:
            level += titled
        elif not by_style:
            level = rank[own]
        elif own in by_style:
            level = Counter(by_style[own]).most_common(1)[0][0] + titled
        elif own in top:
            level = 1
        elif index < first_numbered:
            level = top_section + titled
        else:
            nearest = min(by_style, key=lambda other: (abs(other[0] - own[0]), other[1] != own[1]))
            level = Counter(by_style[nearest]).most_common(1)[0][0] + titled
        block.attrs["level"] = min(level, 6)


def _top_styles(
    candidates: list[Block], numbered: dict[int, int], by_style: dict[Style, list[int]], style_of: StyleOf
) -> set[Style]:
    """The title's styles: unnumbered styles larger than every numbered one (tests/cases/mini_paper),
    and the style of an unnumbered first heading on the first page that outranks every numbered
    style, though only by weight (amsart's bold title over its small-caps sections)."""
    if not by_style:
        return set()
    top = {
        style_of(b) for b in candidates if id(b) not in numbered and all(style_of(b)[0] > s[0] for s in by_style)
    }
    first = candidates[0]
    if (
        id(first) not in numbered
        and first.page == min(b.page for b in candidates)
        and all(outranks(style_of(first), s) for s in by_style)
    ):
        top.add(style_of(first))
    return top


def style_levels(candidates: list[Block], style_of: StyleOf, measured: bool = False) -> dict[Style, int]:
    """A level for each heading style: larger first, bold before regular at equal size.

    Only styles that head two or more blocks (and the largest, the title) get a
    level of their own; a style seen once (a subtitle, "Version 3.84" on a title
    page) shares the level of the next recurring style below it, so a title
    page's many one-off sizes do not push the sections down to '#####'. Where the
    sizes were ``measured`` from pixels, the title is the style seen once that opens
    the document, set above every recurring style: a largest style seen once elsewhere
    is a section measured too large, or a logo ("Linn" under a brochure's last lines).
    """
    counts = Counter(style_of(block) for block in candidates)
    order = sorted(counts, key=lambda s: (-s[0], not s[1]))
    if measured and candidates:
        recurring = _measured_recurring(order, counts, style_of(candidates[0]))
    else:
        recurring = [s for s in order if counts[s] >= 2 or s == order[0]]
    levels = {style: index + 1 for index, style in enumerate(recurring)}
    for style in order:
        if style not in levels:
            below = [levels[r] for r in recurring if (-r[0], not r[1]) > (-style[0], not style[1])]
            levels[style] = min(below) if below else len(recurring) + 1
    return levels


def _measured_recurring(order: list[Style], counts: Counter[Style], first: Style) -> list[Style]:
    """On scanned pages: the styles with a level of their own, the title's first where the document opens with one."""
    recurring = [s for s in order if counts[s] >= 2]
    above_all = not recurring or (-first[0], not first[1]) < (-recurring[0][0], not recurring[0][1])
    return [first, *recurring] if counts[first] == 1 and above_all else recurring
