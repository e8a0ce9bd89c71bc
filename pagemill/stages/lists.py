"""List nesting: a list item's depth from where its marker stands in its column.

Positions are ``attrs["indent"]``, the offset from the edge the block's lines start at
in its column segment (the left; the right for right-to-left lines: ``blocks.py``), so a
list that goes on at the top of the next column keeps its depths.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Block, BlockKind, Document, Layer

#: a letter or roman enumerator: "(a)", "b)", "A.", "iv)"
_LETTERED = re.compile(r"^[(（]?(?:[a-zA-Z]|[ivxIVX]{1,5})[.)．）]$")


def nest_lists(document: Document) -> None:
    """Depth = how many distinct marker columns lie left of this one in the same list."""
    run: list[Block] = []
    inside: list[Block] = []
    for block in document.blocks():
        if block.layer is not Layer.BODY:
            continue
        if block.kind is BlockKind.LIST_ITEM:
            run.append(block)
        elif run and _continues(run[-1], block):
            block.attrs["in_list"] = True  # a paragraph of the item above: render.markdown indents it
            inside.append(block)
        elif run:
            _end_run(run, inside)
            run, inside = [], []
    _end_run(run, inside)


def _end_run(run: list[Block], inside: list[Block]) -> None:
    """A list run ends: its depths, or, for a lone lettered item, no list at all.

    "(a) Restated: ..." under a table is the note to a mark in the table; a list lettered (a)
    goes on to (b). A lone lettered item is a paragraph that starts with its letter.
    """
    if len(run) == 1 and _LETTERED.match(str(run[0].attrs.get("marker", ""))):
        as_paragraph(run[0])
        for block in inside:
            del block.attrs["in_list"]
    else:
        _set_depths(run)


def as_paragraph(item: Block) -> None:
    """A list item made a paragraph again, its marker back at the start of its text."""
    marker = str(item.attrs.pop("marker"))
    item.kind = BlockKind.PARAGRAPH
    first = item.lines[0]
    item.lines[0] = replace(first, text=f"{marker} {first.text}", markdown=f"{marker} {first.markdown}")


def _continues(item: Block, block: Block) -> bool:
    """A paragraph indented under the last item keeps the list open."""
    return block.kind is BlockKind.PARAGRAPH and _indent(block) > _indent(item) + 0.5 * item.size


def _indent(block: Block) -> float:
    return float(block.attrs.get("indent", block.bbox.x0))


def _set_depths(items: list[Block]) -> None:
    columns: list[float] = []
    for item in sorted(items, key=_indent):
        if not columns or _indent(item) - columns[-1] > 0.8 * item.size:
            columns.append(_indent(item))
    for item in items:
        item.attrs["depth"] = sum(1 for x in columns if x < _indent(item) - 0.8 * item.size)
