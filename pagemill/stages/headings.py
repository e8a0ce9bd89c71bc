"""Headings and their levels, from the whole document's font statistics.

The body size is the size most characters are set in. A short block is a
heading when it is set larger than the body, or bold on a line of its own, or
numbered like "2.3 Methods" in bold. Levels come from the heading styles
(larger first, bold before regular at equal size); a section number's depth
("2.3.1" is depth 3) refines the level where the styles alone cannot tell.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from ..model import Block, BlockKind, Document, Layer, Page
from . import roles
from .features import numbering

#: larger than the body by this factor reads as a heading
LARGER = 1.12
#: the same for OCR'd blocks, whose sizes are measured within ~10% (short lines): a bold heading
#: is found by its weight instead
LARGER_MEASURED = 1.25
#: OCR'd heading sizes closer than this ratio are one style measured twice
SAME_MEASURED_SIZE = 1.07
MAX_HEADING_CHARS = 160
MAX_HEADING_LINES = 3
_NUMBERED = re.compile(r"^((?:\d{1,2}|[A-Z])(?:[.．]\d{1,2}){0,4})[.．]?\s+\S")
_SENTENCE_END = re.compile(r"[.,;:。，；：]$")
_PAGE_REFERENCE = re.compile(r"\s(\d{1,4}|[ivxlc]{1,6})$")

#: a heading style: size (half points) and bold; and how to find a candidate's
Style = tuple[float, bool]
StyleOf = Callable[[Block], Style]


def section_depth(text: str) -> int:
    """Depth of a section number at the start of ``text``: '2.3 x' -> 2, none -> 0."""
    match = _NUMBERED.match(text)
    return len(re.split("[.．]", match.group(1))) if match else 0


def find_headings(document: Document) -> None:
    body = document.font_stats.body_size()
    candidates = [
        block
        for page in document.pages
        for block in page.blocks
        if _candidate(block, body, page.origin == "ocr")
        and not (_PAGE_REFERENCE.search(block.text) and _is_contents_page(page))
    ]
    scanned = {page.number for page in document.pages if page.origin == "ocr"}
    style = _styles(candidates, scanned)
    if roles.model_on() and not scanned:
        if document.pages:  # where the model was unsure the thresholds decided: their front-matter rule too
            kept = {id(b) for b in _without_front_matter(candidates, document.pages[0], style)}
            candidates = [b for b in candidates if _confident(b) or id(b) in kept]
        _model_levels(candidates, style)
        return
    if document.pages:
        candidates = _without_front_matter(candidates, document.pages[0], style)
    rank = _style_levels(candidates, style)
    numbered_top = min((rank[style(b)] for b in candidates if section_depth(b.text) == 1), default=None)
    for block in candidates:
        level = rank[style(block)]
        depth = section_depth(block.text)
        if depth and numbered_top is not None:
            level = max(level, numbered_top + depth - 1)
        if block.kind is BlockKind.LIST_ITEM:
            first = block.lines[0]
            marker = block.attrs.pop("marker")
            block.lines[0] = replace(first, text=f"{marker} {first.text}", markdown=f"{marker} {first.markdown}")
            level = max(level, (numbered_top or 1) + section_depth(block.lines[0].text) - 1)
        block.kind = BlockKind.HEADING
        block.attrs["level"] = min(level, 6)


def _model_levels(candidates: list[Block], style_of: StyleOf) -> None:
    """Levels of the headings the role model found: numbering first, then styles.

    A numbering scheme's level is the order in which the schemes first appear ("I." before "A."
    makes sections and subsections), plus its depth ("2.3" is one deeper than "2"). A style that
    heads numbered headings takes their usual level; an unnumbered style larger than every
    numbered one (a title) is level 1 and puts the sections one below it (tests/cases/mini_paper);
    another unnumbered style takes the level of the nearest numbered style. Without any
    numbering, styles alone rank the levels (larger first, bold before regular).
    """
    for block in candidates:
        if block.kind is BlockKind.LIST_ITEM:
            first = block.lines[0]
            marker = block.attrs.pop("marker")
            block.lines[0] = replace(first, text=f"{marker} {first.text}", markdown=f"{marker} {first.markdown}")
        block.kind = BlockKind.HEADING
    schemes: list[str] = []
    numbered: dict[int, int] = {}
    for block in candidates:
        kind, token = numbering(block.text)
        if kind not in _SCHEMES:
            continue
        scheme = "decimal" if kind in ("arabic", "dotted") else kind
        if scheme not in schemes:
            schemes.append(scheme)
        depth = len(re.split("[.．]", token)) if scheme == "decimal" else 1
        numbered[id(block)] = schemes.index(scheme) + depth
    rank = _style_levels(candidates, style_of)
    by_style: dict[Style, list[int]] = {}
    for block in candidates:
        if id(block) in numbered:
            by_style.setdefault(style_of(block), []).append(numbered[id(block)])
    # a title (an unnumbered style larger than every numbered one) stands above the sections
    titled = any(
        id(b) not in numbered and all(style_of(b)[0] > other[0] for other in by_style) for b in candidates
    )
    for block in candidates:
        level = numbered.get(id(block))
        if level is not None and titled:
            level += 1
        if level is None and by_style:
            own = style_of(block)
            if own in by_style:
                level = Counter(by_style[own]).most_common(1)[0][0] + titled
            elif all(own[0] > other[0] for other in by_style):
                level = 1
            else:
                nearest = min(by_style, key=lambda other: (abs(other[0] - own[0]), other[1] != own[1]))
                level = Counter(by_style[nearest]).most_common(1)[0][0] + titled
        block.attrs["level"] = min(level if level is not None else rank[style_of(block)], 6)


#: numberings that number sections (a bullet or "§" does not give a level)
_SCHEMES = ("arabic", "dotted", "roman", "roman_lower", "letter", "letter_lower", "chapter")


def _style_levels(candidates: list[Block], style_of: StyleOf) -> dict[Style, int]:
    """A level for each heading style: larger first, bold before regular at equal size.

    Only styles that head two or more blocks (and the largest, the title) get a
    level of their own; a style seen once (a subtitle, "Version 3.84" on a title
    page) shares the level of the next recurring style below it, so a title
    page's many one-off sizes do not push the sections down to '#####'.
    """
    counts = Counter(style_of(block) for block in candidates)
    order = sorted(counts, key=lambda s: (-s[0], not s[1]))
    recurring = [s for s in order if counts[s] >= 2 or s == order[0]]
    levels = {style: index + 1 for index, style in enumerate(recurring)}
    for style in order:
        if style not in levels:
            below = [levels[r] for r in recurring if (-r[0], not r[1]) > (-style[0], not style[1])]
            levels[style] = min(below) if below else len(recurring) + 1
    return levels


def _without_front_matter(candidates: list[Block], first: Page, style: StyleOf) -> list[Block]:
    """Drop the title page's other lines (version, authors, affiliations, subtitle).

    On the first page, a heading candidate that is not the title (the largest
    style) and whose style heads nothing after the first page's opening text
    is front matter, not a section: section styles recur further on.
    """
    text_starts = min(
        (b.bbox.y0 for b in first.blocks if b.kind is BlockKind.PARAGRAPH and len(b.lines) > 1),
        default=first.height,
    )
    largest = max((style(block)[0] for block in candidates), default=0.0)
    elsewhere = {style(b) for b in candidates if b.page != first.number or b.bbox.y0 > text_starts}

    def front_matter(block: Block) -> bool:
        return (
            block.page == first.number
            and not section_depth(block.text)
            and style(block)[0] < largest
            and style(block) not in elsewhere
        )

    return [block for block in candidates if not front_matter(block)]


def _is_contents_page(page: Page) -> bool:
    """A page of a table of contents, whose entries ending in page numbers are not headings."""
    return sum(1 for block in page.blocks if block.attrs.get("toc")) >= 3


def _styles(candidates: list[Block], scanned: set[int]) -> StyleOf:
    """Each candidate's style: its size (rounded to half a point) and weight.

    OCR'd headings of one style measure a few percent apart, so on scanned pages sizes
    closer than ``SAME_MEASURED_SIZE`` to the next smaller one share a group, and the group's
    median. Heading styles of a document differ by 15% or more.
    """
    sizes = {id(block): block.size for block in candidates}
    groups: list[list[Block]] = []
    for block in sorted((b for b in candidates if b.page in scanned), key=lambda b: b.size):
        if groups and block.size <= SAME_MEASURED_SIZE * groups[-1][-1].size:
            groups[-1].append(block)
        else:
            groups.append([block])
    for group in groups:
        median = float(statistics.median(block.size for block in group))
        sizes.update((id(block), median) for block in group)
    return lambda block: (round(sizes[id(block)] * 2) / 2, block.bold)


def _candidate(block: Block, body: float, measured: bool) -> bool:
    """A heading by the role model where it is sure (stages/roles.py), else by the thresholds.

    OCR'd pages keep the thresholds: the model was trained on born-digital pages only.
    """
    role = block.attrs.get("role")
    if not roles.model_on() or role is None or measured or not _confident(block):
        return _is_heading(block, body, measured)
    if block.layer is not Layer.BODY or block.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
        return False
    return bool(role == "heading" and len(block.text) <= MAX_HEADING_CHARS and any(c.isalpha() for c in block.text))


def _confident(block: Block) -> bool:
    """The role model gave this block its role with at least ``roles.SURE`` probability."""
    return float(block.attrs.get("role_p", 0.0)) >= roles.SURE


def _is_heading(block: Block, body: float, measured: bool = False) -> bool:
    """``measured``: the block was OCR'd, its size measured from pixels (a few percent off)."""
    larger = LARGER_MEASURED if measured else LARGER
    if block.layer is not Layer.BODY or block.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
        return False
    text = block.text
    if len(block.lines) > MAX_HEADING_LINES or len(text) > MAX_HEADING_CHARS or len(text) < 2:
        return False
    if not any(c.isalpha() for c in text) or _SENTENCE_END.search(text):
        return False
    if block.kind is BlockKind.LIST_ITEM:
        # "1. Introduction" set bold or large is a numbered heading, not a list
        marker = block.attrs.get("marker", "")
        return marker[:1].isdigit() and len(block.lines) == 1 and (block.bold or block.size >= larger * body)
    if block.size >= larger * body:
        return True
    least = (0.9 if measured else 0.95) * body
    return block.bold and block.size >= least and (section_depth(text) > 0 or len(text) < 80)
