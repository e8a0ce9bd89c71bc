"""List nesting: a list item's depth from where its marker stands."""

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
        elif run and not _continues(run[-1], block):
            _set_depths(run)
            run = []
    _set_depths(run)


def _continues(item: Block, block: Block) -> bool:
    """A paragraph indented under the last item keeps the list open."""
    return block.kind is BlockKind.PARAGRAPH and block.bbox.x0 > item.bbox.x0 + 0.5 * item.size


def _set_depths(items: list[Block]) -> None:
    columns: list[float] = []
    for item in sorted(items, key=lambda b: b.bbox.x0):
        if not columns or item.bbox.x0 - columns[-1] > 0.8 * item.size:
            columns.append(item.bbox.x0)
    for item in items:
        item.attrs["depth"] = sum(1 for x in columns if x < item.bbox.x0 - 0.8 * item.size)
