"""List nesting: a list item's depth from where its marker stands in its column.

Positions are ``attrs["indent"]``, the offset from the edge the block's lines start at
in its column segment (the left; the right for right-to-left lines: ``blocks.py``), so a
list that goes on at the top of the next column keeps its depths.
"""

from __future__ import annotations

from ..model import Block, BlockKind, Document, Layer


def nest_lists(document: Document) -> None:
    """Depth = how many distinct marker columns lie left of this one in the same list."""
    run: list[Block] = []
    for block in document.blocks():
        if block.layer is not Layer.BODY:
            continue
        if block.kind is BlockKind.LIST_ITEM:
            run.append(block)
        elif run and _continues(run[-1], block):
            block.attrs["in_list"] = True  # a paragraph of the item above: render.markdown indents it
        elif run:
            _set_depths(run)
            run = []
    _set_depths(run)


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
