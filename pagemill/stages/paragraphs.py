"""Paragraphs continued across a column or page break are joined into one block.

A paragraph continues when its last line does not end a sentence and the next
body paragraph (skipping furniture, footnotes and figures between them) starts
in lower case. The joined block keeps the boxes of both parts in
``attrs["continued_on"]`` so the JSON still shows where each part stood; the
second block's lines move into the first, nothing is dropped.
"""

from __future__ import annotations

from ..model import Block, BlockKind, Document, Layer

_ENDS_SENTENCE = tuple(".!?:;…。！？")
_SKIPPED = (BlockKind.FOOTNOTE, BlockKind.FIGURE, BlockKind.CAPTION, BlockKind.TABLE)


def join_continued(document: Document) -> None:
    open_block: Block | None = None
    for page in document.pages:
        kept: list[Block] = []
        for block in page.blocks:
            if block.layer is not Layer.BODY or block.kind in _SKIPPED:
                kept.append(block)
                continue
            if open_block is not None and _continues(open_block, block):
                open_block.lines.extend(block.lines)
                open_block.attrs.setdefault("continued_on", []).append(
                    {"page": block.page, "bbox": block.bbox.rounded()}
                )
                continue  # its lines live on in open_block
            open_block = block if block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM) else None
            kept.append(block)
        page.blocks = kept


def _continues(first: Block, second: Block) -> bool:
    if second.kind is not BlockKind.PARAGRAPH:
        return False
    last = first.lines[-1].text.rstrip()
    start = second.lines[0].text.lstrip()
    if not last or not start or last.endswith(_ENDS_SENTENCE):
        return False
    return start[0].islower() or first.lines[-1].hyphenated
