"""Paragraphs continued across a column or page break are joined into one block.

A paragraph continues when its last line does not end a sentence and the next
body paragraph (skipping furniture, footnotes and figures between them) starts
in lower case, or, in a document that indents its paragraphs, opens the next
column or page without an indent. The joined block keeps the boxes of both parts in
``attrs["continued_on"]`` so the JSON still shows where each part stood; the
second block's lines move into the first, nothing is dropped.
"""

from __future__ import annotations

from ..model import Block, BlockKind, Document, Layer
from .blocks import INDENT_EM

_ENDS_SENTENCE = tuple(".!?:;…。！？")
_SKIPPED = (BlockKind.FOOTNOTE, BlockKind.FIGURE, BlockKind.CAPTION, BlockKind.TABLE)


def join_continued(document: Document) -> None:
    open_block: Block | None = None
    indented = _indents_paragraphs(document)
    for page in document.pages:
        kept: list[Block] = []
        for block in page.blocks:
            if block.layer is not Layer.BODY or block.kind in _SKIPPED:
                kept.append(block)
                continue
            if open_block is not None and _continues(open_block, block, indented):
                open_block.lines.extend(block.lines)
                open_block.attrs.setdefault("continued_on", []).append(
                    {"page": block.page, "bbox": block.bbox.rounded()}
                )
                continue  # its lines live on in open_block
            open_block = block if block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM) else None
            kept.append(block)
        page.blocks = kept


def _indents_paragraphs(document: Document) -> bool:
    """Whether this document marks paragraphs by a first-line indent (TeX's way)."""
    paragraphs = [b for b in document.blocks() if b.kind is BlockKind.PARAGRAPH and len(b.lines) > 1]
    indented = sum(1 for b in paragraphs if b.attrs.get("first_indent", 0.0) > INDENT_EM * b.size)
    return indented >= max(2, 0.3 * len(paragraphs))


def _continues(first: Block, second: Block, indented: bool) -> bool:
    if second.kind is not BlockKind.PARAGRAPH:
        return False
    last = first.lines[-1].text.rstrip()
    start = second.lines[0].text.lstrip()
    if not last or not start or last.endswith(_ENDS_SENTENCE):
        return False
    if start[0].islower() or first.lines[-1].hyphenated:
        return True
    # "... brought them at last to | Paris, where": a new column that starts without the
    # indent every paragraph here starts with goes on with the last column's paragraph
    return (
        indented
        and bool(second.attrs.get("opens_column"))
        and first.kind is BlockKind.PARAGRAPH
        and second.attrs.get("first_indent", 0.0) < 0.5 * second.size
    )
