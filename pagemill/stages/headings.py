"""Headings and their levels, from the whole document's font statistics.

The body size is the size most characters are set in. A short block is a
heading when it is set larger than the body, or bold on a line of its own, or
numbered like "2.3 Methods" in bold; where the role model is sure, its role
decides instead (stages/roles.py). Where the model decided, the levels come from
the numbering first, then the styles (stages/heading_levels.py); on scanned pages
from the measured styles (larger first, bold before regular at equal size), a
section number's depth ("2.3.1" is depth 3) refining the level where the styles
alone cannot tell. On scanned pages, a line whose box reaches into the text above it
(running text measured too large) and a logo (far larger than the body, read unsure) are
no headings. A chapter's label set above its title ("Chapter 3" / "Results")
is joined with it first (``join_chapter_labels``, a stage of its own).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import replace

from ..model import Block, BlockKind, Document, Layer, Page
from . import roles
from .heading_levels import StyleOf, model_levels, style_levels

#: larger than the body by this factor reads as a heading
LARGER = 1.12
#: the same for OCR'd blocks, whose sizes are measured within ~10% (short lines): a bold heading
#: is found by its weight instead
LARGER_MEASURED = 1.25
#: OCR'd heading sizes closer than this ratio are one style measured twice
SAME_MEASURED_SIZE = 1.07
MAX_HEADING_CHARS = 160
#: an OCR'd block at least LOGO_SIZE body sizes large, read with less mean word confidence than
#: UNSURE_READING (0-100), is a logo, not a heading (``_logo``). The bench's scanned headings are at
#: most 2.2 body sizes (a title); a brochure's logo is 4.4, read at 62
LOGO_SIZE = 2.5
UNSURE_READING = 75.0
MAX_HEADING_LINES = 3
_NUMBERED = re.compile(r"^((?:\d{1,2}|[A-Z])(?:[.．]\d{1,2}){0,4})[.．]?\s+\S")
_SENTENCE_END = re.compile(r"[.,;:。，；：]$")
_PAGE_REFERENCE = re.compile(r"\s(\d{1,4}|[ivxlc]{1,6})$")
#: a chapter's label alone on its line ("Chapter 3", "Appendix B", "Part II"), its title below it
_CHAPTER_LABEL = re.compile(
    r"^(chapter|appendix|part|kapitel|anhang|teil|chapitre|annexe|partie|глава|приложение|часть)\s+"
    r"(\d{1,3}|[IVXLC]{1,6}|[A-Z])$",
    re.IGNORECASE,
)
#: the title stands at most this many label sizes below its label
LABEL_GAP = 4.0


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
        and not (page.origin == "ocr" and _runs_into_text_above(block, page))
    ]
    scanned = {page.number for page in document.pages if page.origin == "ocr"}
    style = _styles(candidates, scanned, body)
    if roles.model_on() and not scanned:
        if document.pages:  # where the model was unsure the thresholds decided: their front-matter rule too
            kept = {id(b) for b in _without_front_matter(candidates, document.pages[0], style)}
            candidates = [b for b in candidates if _confident(b) or id(b) in kept]
        for block in candidates:
            _make_heading(block)
        model_levels(candidates, style)
        return
    if document.pages:
        candidates = _without_front_matter(candidates, document.pages[0], style)
    rank = style_levels(candidates, style, measured=bool(scanned))
    numbered_top = min((rank[style(b)] for b in candidates if section_depth(b.text) == 1), default=None)
    for block in candidates:
        level = rank[style(block)]
        depth = section_depth(block.text)
        if depth and numbered_top is not None:
            level = max(level, numbered_top + depth - 1)
        listed = block.kind is BlockKind.LIST_ITEM
        _make_heading(block)
        if listed:
            level = max(level, (numbered_top or 1) + section_depth(block.lines[0].text) - 1)
        block.attrs["level"] = min(level, 6)


def _make_heading(block: Block) -> None:
    """The block becomes a heading; a list item's marker ("1.") goes back in front of its text."""
    if block.kind is BlockKind.LIST_ITEM:
        first = block.lines[0]
        marker = block.attrs.pop("marker")
        block.lines[0] = replace(first, text=f"{marker} {first.text}", markdown=f"{marker} {first.markdown}")
    block.kind = BlockKind.HEADING


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
    # the title is the largest style above the opening text (a logo set larger further down is not it)
    opening = [b for b in candidates if b.page == first.number and b.bbox.y0 <= text_starts] or candidates
    largest = max((style(block)[0] for block in opening), default=0.0)
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


def join_chapter_labels(document: Document) -> None:
    """A chapter's label set large on a line of its own and its title set large below it are one
    heading, "Chapter 3 Results" (LaTeX's book and report classes, memoir).

    The title's lines move into the label's block, whose box grows to hold both (the title's own
    box is kept in ``attrs["joined"]``); nothing is dropped. This runs before the running heads
    are found: "Chapter 1", "Chapter 2" alone at the top of their pages would read as one.
    """
    body = document.font_stats.body_size()
    for page in document.pages:
        larger = (LARGER_MEASURED if page.origin == "ocr" else LARGER) * body
        kept: list[Block] = []
        label: Block | None = None
        for block in page.blocks:
            if label is not None and _titles(label, block, larger):
                label.attrs["joined"] = {"page": block.page, "bbox": block.bbox.rounded()}
                label.lines.extend(block.lines)
                label.bbox = label.bbox.union(block.bbox)
                label = None
                continue  # its lines live on in the label's block
            if block.layer is Layer.BODY:
                label = block if _is_chapter_label(block, larger) else None
            kept.append(block)
        page.blocks = kept


def _is_chapter_label(block: Block, larger: float) -> bool:
    return (
        block.kind is BlockKind.PARAGRAPH
        and len(block.lines) == 1
        and block.size >= larger
        and _CHAPTER_LABEL.match(block.text.strip()) is not None
    )


def _titles(label: Block, block: Block, larger: float) -> bool:
    """``block`` is the title of the chapter ``label`` names: set large, short, right below it."""
    text = block.text
    return (
        block.layer is Layer.BODY
        and block.kind is BlockKind.PARAGRAPH
        and len(block.lines) <= MAX_HEADING_LINES
        and len(text) <= MAX_HEADING_CHARS
        and any(c.isalpha() for c in text)
        and not _SENTENCE_END.search(text)
        and block.size >= larger
        and label.bbox.y1 - 1 <= block.bbox.y0 <= label.bbox.y1 + LABEL_GAP * label.size
    )


def _styles(candidates: list[Block], scanned: set[int], body: float = 0.0) -> StyleOf:
    """Each candidate's style: its size (rounded to half a point) and weight; a chapter label
    joined with its title (``join_chapter_labels``) has the title's, which other unnumbered
    chapters ("Bibliography") share.

    OCR'd headings of one style measure a few percent apart, so on scanned pages sizes
    closer than ``SAME_MEASURED_SIZE`` to the next smaller one share a group, and the group's
    median. Heading styles of a document differ by 15% or more. A weight measured from the
    stems is as rough (a bold heading of a group reads regular now and then): the group's
    weight is that of most of its headings.
    """
    titles = {id(block): _title_part(block) for block in candidates}
    sizes = {key: title.size for key, title in titles.items()}
    weights = {key: title.bold for key, title in titles.items()}
    groups: list[list[Block]] = []
    for block in sorted((b for b in candidates if b.page in scanned), key=lambda b: sizes[id(b)]):
        below = sizes[id(groups[-1][-1])] if groups else 0.0
        if groups and sizes[id(block)] <= SAME_MEASURED_SIZE * below and not below <= body < sizes[id(block)]:
            groups[-1].append(block)
        else:
            groups.append([block])
    for group in groups:
        median = float(statistics.median(sizes[id(block)] for block in group))
        bold = 2 * sum(weights[id(block)] for block in group) >= len(group)
        sizes.update((id(block), median) for block in group)
        weights.update((id(block), bold) for block in group)
    return lambda block: (round(sizes[id(block)] * 2) / 2, weights[id(block)])


def _title_part(block: Block) -> Block:
    """The block without its chapter label where ``join_chapter_labels`` put one in front."""
    return replace(block, lines=block.lines[1:]) if "joined" in block.attrs else block


def _candidate(block: Block, body: float, measured: bool) -> bool:
    """A heading by the role model where it is sure (stages/roles.py), else by the thresholds.

    OCR'd pages keep the thresholds: the model was trained on born-digital pages only.
    """
    if _formula_fragment(block.text) or _row_of_figures(block.text):
        return False
    role = block.attrs.get("role")
    if not roles.model_on() or role is None or measured or not _confident(block):
        return _is_heading(block, body, measured)
    if block.layer is not Layer.BODY or block.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
        return False
    return bool(role == "heading" and len(block.text) <= MAX_HEADING_CHARS and any(c.isalpha() for c in block.text))


#: a word of two letters or more (any script), and the signs a formula is built of
_WORD = re.compile(r"[^\W\d_]{2,}")
_FORMULA_SIGNS = re.compile(r"[()\[\]=+<>|∣/^]")


def _formula_fragment(text: str) -> bool:
    """Single letters among brackets or relations ("P (B )", the denominator of a display fraction left
    outside its formula): a piece of mathematics, never a heading, however it is set."""
    return not _WORD.search(text) and bool(_FORMULA_SIGNS.search(text))


#: a figure of a table's row: "91,169.5", "-4.4", "(2,706)", "12%"
_FIGURE = re.compile(r"^[-+−(]?\d[\d.,]*%?\)?$")


def _row_of_figures(text: str) -> bool:
    """A line that is mostly figures ("Total 91,169.5 2,706.7 60,351.1"): a table's row set apart from its
    table (a bold total), never a heading, however it is set."""
    words = text.split()
    return len(words) >= 3 and 2 * sum(bool(_FIGURE.match(word)) for word in words) > len(words)


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
    if measured and (_continues_sentence(text) or _logo(block, body)):
        return False
    if block.kind is BlockKind.LIST_ITEM:
        # "1. Introduction" set bold or large is a numbered heading, not a list
        marker = block.attrs.get("marker", "")
        return marker[:1].isdigit() and len(block.lines) == 1 and (block.bold or block.size >= larger * body)
    if block.size >= larger * body or (measured and len(block.lines) == 1 and block.lines[0].underlined):
        return True  # on a scan, a line underlined whole is a heading: a typewriter's only mark of one
    least = (0.9 if measured else 0.95) * body
    return block.bold and block.size >= least and (section_depth(text) > 0 or len(text) < 80)


def _runs_into_text_above(block: Block, page: Page) -> bool:
    """An OCR'd line whose box reaches into the block right above it in its column: a line of running
    text measured too large (an Arabic line's core grows with the line above's tails, or a raised
    note mark), never a heading, which stands apart from the text above it.

    The block above: the nearest starting higher whose columns overlap half the narrower's width.
    """
    above = [
        other
        for other in page.blocks
        if other is not block
        and other.layer is Layer.BODY
        and other.bbox.y0 < block.bbox.y0
        and min(other.bbox.x1, block.bbox.x1) - max(other.bbox.x0, block.bbox.x0)
        >= 0.5 * min(other.bbox.width, block.bbox.width)
    ]
    nearest = max(above, key=lambda other: other.bbox.y0, default=None)
    return nearest is not None and nearest.bbox.y1 > block.bbox.y0


def _logo(block: Block, body: float) -> bool:
    """An OCR'd block set at least ``LOGO_SIZE`` body sizes and read with a mean confidence below
    ``UNSURE_READING``: letters that large read surely unless they are a drawing, a logo or ornamental
    lettering ("Linn" under a brochure's text, read "Tinn" at 62); never a heading, its text stays in
    the body. Smaller headings of some scripts read as unsure (a Greek one at 42): not judged."""
    if block.size < LOGO_SIZE * body:
        return False
    chars = sum(len(line.text) for line in block.lines) or 1
    return sum(line.confidence * len(line.text) for line in block.lines) / chars < UNSURE_READING


def _continues_sentence(text: str) -> bool:
    """A line that opens with a lowercase letter ("per disk!") ends a sentence begun above it: on a
    scan, the last line of a list item set large, split from it, is no heading. No heading of the
    bench's corpus (2,173) opens lowercase."""
    return text[:1].islower()
