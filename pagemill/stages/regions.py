"""Tables, figures and displayed equations taken out of a page before its lines are built.

    take_regions    RawPage -> (RawPage without the regions' glyphs, TABLE / FIGURE / EQUATION blocks)
    place_regions   those blocks put into the page's blocks in reading order, captions attached

A page without rules, drawings, images or math fonts costs one scan of its
drawings and fonts and one pass over its glyphs (the cheap test for aligned
columns, ``tables/aligned.py``): nothing else runs.
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from dataclasses import replace

from ..model import Block, BlockKind, Glyph, Line, RawPage
from ..options import Options
from .blocks import build_blocks
from .figures import attach_captions, find_figures, without_glyphs
from .lines import split_runs
from .math import (
    INLINE_MATH,
    MATH_MODE,
    PAGE_MATH_FONTS,
    find_equations,
    has_math,
    interleave_math_runs,
    learn_page_fonts,
    math_glyphs,
)
from .tables import (
    GlyphIndex,
    alignment,
    find_aligned_tables,
    find_edge_rows,
    find_tables,
    find_unruled_tables,
    has_table_caption,
    page_em,
)

log = logging.getLogger(__name__)


def take_regions(raw: RawPage, options: Options) -> tuple[RawPage, list[Block]]:
    """The page without the glyphs of its tables, figures and displays, and their blocks.

    A failure here must not cost the page its text: the page goes on without regions, logged.
    """
    INLINE_MATH.set(options.math != "off")
    MATH_MODE.set(options.math)
    PAGE_MATH_FONTS.set(learn_page_fonts(raw.glyphs, raw.fonts) if options.math != "off" else frozenset())
    try:
        return _take_regions(raw, options)
    except Exception:  # noqa: BLE001 - the plain text is still good
        log.warning("page %d: tables/figures/equations skipped", raw.number, exc_info=True)
        return raw, []


def _take_regions(raw: RawPage, options: Options) -> tuple[RawPage, list[Block]]:
    has_math = options.math != "off" and _uses_math_fonts(raw)
    if has_math:
        interleaved = interleave_math_runs(split_runs(raw.glyphs), math_glyphs(raw.fonts))
        if interleaved is not None:
            raw = replace(raw, glyphs=interleaved)
    captioned = options.tables and has_table_caption(raw)
    em = page_em(raw)
    # one pass: lines with a wide gap before short text, or such a line first or last on the page
    aligned, edge = alignment(raw, em) if options.tables else (False, False)
    if not has_math and not raw.drawings and not raw.pictures and not captioned and not aligned and not edge:
        return raw, []  # most pages of a book: nothing drawn, no math, no "Table N", no aligned columns
    found: list[Block] = []
    index = GlyphIndex(raw.glyphs)  # the page's glyphs by height, for every finder (sorted on first use)
    if options.tables and raw.drawings:
        found.extend(find_tables(raw, em, index))
    if aligned:  # before the caption's search, which sees only the caption's width of a wide table
        found = find_aligned_tables(raw, em, found, index)
    if captioned:
        found.extend(find_unruled_tables(raw, em, [b.bbox for b in found], index))
    if edge or captioned:  # a table's rows at the page's foot or top, too few alone, wait for the next or last page
        found.extend(find_edge_rows(raw, em, found, index))
    found.extend(find_figures(raw, em, [b.bbox for b in found]))
    rest = replace(raw, glyphs=without_glyphs(raw.glyphs, [b.bbox for b in found])) if found else raw
    if has_math:
        equations = find_equations(rest, em, split_runs(_near_math(rest, em)))
        if equations:
            found.extend(equations)
            rest = replace(rest, glyphs=without_glyphs(rest.glyphs, [b.bbox for b in equations]))
    return rest, found


def _near_math(raw: RawPage, em: float) -> list[Glyph]:
    """The glyphs within a few lines of a math glyph: all that the search for displays needs to see."""
    test = math_glyphs(raw.fonts)
    bands: list[list[float]] = []
    for top, bottom in sorted((g.y0 - 2 * em, g.y1 + 2 * em) for g in raw.glyphs if test.is_math(g)):
        if bands and top <= bands[-1][1]:
            bands[-1][1] = max(bands[-1][1], bottom)
        else:
            bands.append([top, bottom])
    if not bands:
        return []
    tops = [top for top, _ in bands]
    near = []
    for g in raw.glyphs:
        k = bisect_right(tops, g.y0) - 1  # the band starting last above the glyph: the only one that can hold it
        if k >= 0 and g.y1 <= bands[k][1]:
            near.append(g)
    return near


def _uses_math_fonts(raw: RawPage) -> bool:
    """Whether any glyph of this page is math (the font list is the whole document's)."""
    return has_math(raw.glyphs, raw.fonts)


def place_regions(blocks: list[Block], regions: list[Block]) -> list[Block]:
    """Each region block before the first block under it in its column; captions attached."""
    if not regions:
        return blocks
    placed = _split_straddling(blocks, regions)
    for region in sorted(regions, key=lambda b: b.bbox.y0):
        placed.insert(_position(placed, region), region)
    em = regions[0].lines[0].size if regions[0].lines else 10.0
    attach_captions(placed, em)
    return placed


def _split_straddling(blocks: list[Block], regions: list[Block]) -> list[Block]:
    """A block with lines above and below a region (its glyphs taken out) is cut there."""
    out: list[Block] = []
    for block in blocks:
        cuts = sorted(
            r.bbox.y0
            for r in regions
            if _shares_x(block, r)
            and any(line.bbox.y1 <= r.bbox.y0 + 1 for line in block.lines)
            and any(line.bbox.y0 >= r.bbox.y1 - 1 for line in block.lines)
        )
        if not cuts:
            out.append(block)
            continue
        groups: list[list[Line]] = [[] for _ in range(len(cuts) + 1)]
        for line in block.lines:
            groups[sum(1 for cut in cuts if line.bbox.y0 >= cut)].append(line)
        for group in groups:
            if group:
                out.extend(build_blocks(group, block.page))
    return out


def _shares_x(a: Block, b: Block) -> bool:
    return min(a.bbox.x1, b.bbox.x1) > max(a.bbox.x0, b.bbox.x0)


def _position(blocks: list[Block], region: Block) -> int:
    """Before the first block of the region's column that lies lower on the page; else after the last one."""
    beside = [i for i, b in enumerate(blocks) if _beside(b, region)]
    if beside:
        return _position_in_column(blocks, region, beside)
    middle = (region.bbox.y0 + region.bbox.y1) / 2
    overlapping = [b.bbox for b in blocks if _shares_x(b, region)]
    if overlapping:  # the region's column: as wide as the text that runs past it (a heading further left)
        left, right = min(b.x0 for b in overlapping), max(b.x1 for b in overlapping)
        column = [i for i, b in enumerate(blocks) if b.bbox.x0 >= left - 1 and b.bbox.x1 <= right + 1]
    else:
        column = []
    for index in column:
        if (blocks[index].bbox.y0 + blocks[index].bbox.y1) / 2 > middle:
            return index
    return column[-1] + 1 if column else len(blocks)


def _position_in_column(blocks: list[Block], region: Block, beside: list[int]) -> int:
    """A region with text beside it (on its lines, in another column) stands in a column of its own:
    after the blocks of the column to its left (read first), before the first block of its own
    column lower on the page (one that shares no x with the text beside it: a line across the page
    is no block of the column); at the foot of its column; with none, before the column to its right,
    or right after the left one.

    An infobox beside an article's text, an equation in the right column of a paper.
    """
    middle = (region.bbox.y0 + region.bbox.y1) / 2
    left_of = [i for i in beside if blocks[i].bbox.x1 <= region.bbox.x0]
    start = max(left_of) + 1 if left_of else 0
    others = [blocks[i] for i in beside]
    mine = [b.bbox for b in blocks if _shares_x(b, region) and not any(_shares_x(b, other) for other in others)]
    own: list[int] = []
    if mine:  # as wide as the text that runs past it (a heading further left), as in ``_position``
        left, right = min(b.x0 for b in mine), max(b.x1 for b in mine)
        own = [i for i in range(start, len(blocks)) if blocks[i].bbox.x0 >= left - 1 and blocks[i].bbox.x1 <= right + 1]
    for index in own:
        if (blocks[index].bbox.y0 + blocks[index].bbox.y1) / 2 > middle:
            return index
    if own:
        return own[-1] + 1  # the foot of its column
    right_of = [i for i in beside if i >= start and blocks[i].bbox.x0 >= region.bbox.x1]
    return min(right_of) if right_of else start


def _beside(block: Block, region: Block) -> bool:
    """The block shares lines with the region and no x: it stands in a column beside it."""
    return not _shares_x(block, region) and min(block.bbox.y1, region.bbox.y1) > max(block.bbox.y0, region.bbox.y0)


def is_region(block: Block) -> bool:
    return block.kind in (BlockKind.TABLE, BlockKind.FIGURE, BlockKind.EQUATION)
