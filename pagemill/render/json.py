"""The JSON block tree: every block, furniture included, with page, box and provenance."""

from __future__ import annotations

from typing import Any

from ..model import NO_BOX, Block, Document
from .markdown import render_block

SCHEMA_VERSION = 1


def render_json(document: Document) -> dict[str, Any]:
    return {
        "schema": SCHEMA_VERSION,
        "source": document.source,
        "page_count": document.page_count,
        "metadata": document.metadata,
        "language": document.language,
        "languages": document.languages,
        "errors": document.errors,
        "pages": [
            {
                "number": page.number,
                "width": round(page.width, 1) if page.origin != "native" else None,
                "height": round(page.height, 1) if page.origin != "native" else None,
                "rotation": page.rotation,
                "origin": page.origin,
                "language": page.language,
                "text_quality": page.text_quality,
                "dropped_glyphs": page.dropped_glyphs,
                "blocks": [_block(f"p{page.number}-b{i}", block) for i, block in enumerate(page.blocks)],
            }
            for page in document.pages
        ],
    }


def _block(block_id: str, block: Block) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": block_id,
        "kind": block.kind.value,
        "page": block.page,
        "text": block.text,
        "markdown": render_block(block),
        "layer": block.layer.value,
    }
    if block.bbox != NO_BOX:  # formats without geometry (DOCX, HTML, ...) have no boxes
        out["bbox"] = block.bbox.rounded()
    if block.reason:
        out["reason"] = block.reason
    if block.attrs:
        out["attrs"] = block.attrs
    return out
