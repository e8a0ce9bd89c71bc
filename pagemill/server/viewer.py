"""What the web viewer shows of a converted page: each block's box, and its Markdown as HTML.

The Markdown is rendered here, block by block, with markdown-it-py, raw HTML turned
off: the text comes from an untrusted PDF, and a PDF that says ``<script>`` must
show those characters, not run them. One HTML fragment per block is what lets the
viewer scroll from a box to its Markdown and back.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt

from ..debug import ocr_regions

_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
# a nested list item is indented by two spaces per level in the document's Markdown;
# on its own, four spaces would read as a code block, so the depth becomes a CSS class
_LIST_INDENT = re.compile(r"^( +)(?=[-*+]|\d+[.)])")


# CommonMark has no footnotes: the ``[^n]`` marks and ``[^n]:`` definitions become superscripts
_FOOTNOTE_MARK = re.compile(r"\[\^([\w-]{1,16})\]:?")


def block_html(markdown: str, kind: str = "paragraph") -> str:
    """One block's Markdown as HTML (safe to insert: raw HTML in the text is escaped)."""
    html = _MARKDOWN.render(_LIST_INDENT.sub("", markdown))
    if kind == "code":
        return html
    return _FOOTNOTE_MARK.sub(r'<sup class="footnote-mark">\1</sup>', html)


def page_view(page: dict[str, Any], furniture_in_markdown: bool) -> dict[str, Any]:
    """One page of the JSON tree with, per block, its reading-order number and HTML."""
    blocks = []
    for order, block in enumerate(page["blocks"], 1):
        in_markdown = block["layer"] == "body" or furniture_in_markdown
        blocks.append(
            {
                "id": block["id"],
                "order": order,
                "kind": block["kind"],
                "bbox": block.get("bbox"),  # none for formats without geometry (DOCX, HTML, ...)
                "layer": block["layer"],
                "reason": block.get("reason", ""),
                "depth": block.get("attrs", {}).get("depth", 0),
                "html": block_html(block["markdown"], block["kind"]) if in_markdown and block["markdown"] else "",
            }
        )
    return {
        "number": page["number"],
        "width": page["width"],
        "height": page["height"],
        "origin": page.get("origin", "pdf"),
        "ocr_regions": ocr_regions(page),
        "blocks": blocks,
    }
