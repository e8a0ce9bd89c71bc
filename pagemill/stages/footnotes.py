"""Footnotes: small text at the foot of a page, starting with a marker."""

from __future__ import annotations

import re

from ..model import BlockKind, Document, Layer

#: footnotes are set smaller than the body: at most this fraction of its size
SMALLER = 0.92
_MARKER = re.compile(r"^(\d{1,3}|[*†‡§¶]+|[a-z])\s*(?=\S)")


def find_footnotes(document: Document) -> None:
    """The run of small blocks at the bottom of each page that starts with a marker."""
    body = document.font_stats.body_size()
    for page in document.pages:
        blocks = [b for b in page.blocks if b.layer is Layer.BODY and b.bbox.y0 > 0.5 * page.height]
        blocks.sort(key=lambda b: b.bbox.y0)
        tail = []
        for block in reversed(blocks):
            if block.size > SMALLER * body or block.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
                break
            tail.append(block)
        tail.reverse()
        if not tail or not (_MARKER.match(tail[0].text) or tail[0].kind is BlockKind.LIST_ITEM):
            continue
        for block in tail:
            block.kind = BlockKind.FOOTNOTE
