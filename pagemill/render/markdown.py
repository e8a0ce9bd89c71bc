"""GitHub-flavoured Markdown from the document model. Furniture is left out."""

from __future__ import annotations

import re

from ..model import Block, BlockKind, Document, Layer, Line

_ORDERED = re.compile(r"^\(?(\d{1,3})[.)]$")
# A paragraph must not start with something Markdown would read as syntax.
_LOOKS_LIKE_SYNTAX = re.compile(r"^(#{1,6}\s|>|[-+*]\s|\d{1,9}[.)]\s|={3,}|-{3,}|```)")


def render_markdown(document: Document, page_markers: bool = False, furniture: bool = False) -> str:
    out: list[str] = []
    previous: Block | None = None
    for page in document.pages:
        if page_markers:
            out.append(f"<!-- page {page.number} -->\n\n")
        for block in page.blocks:
            if block.layer is Layer.FURNITURE and not furniture:
                continue
            text = render_block(block)
            if not text:
                continue
            tight = previous is not None and previous.kind is BlockKind.LIST_ITEM and block.kind is BlockKind.LIST_ITEM
            if out and tight:
                out[-1] = out[-1].rstrip("\n") + "\n"
            out.append(text + "\n\n")
            previous = block
    return "".join(out).rstrip("\n") + "\n" if out else ""


def render_block(block: Block) -> str:
    kind = block.kind
    if kind is BlockKind.HEADING:
        return "#" * block.attrs.get("level", 2) + " " + join_lines(block.lines, plain=True)
    if kind is BlockKind.CODE:
        return _code(block)
    if kind is BlockKind.LIST_ITEM:
        return _list_item(block)
    text = join_lines(block.lines)
    if _LOOKS_LIKE_SYNTAX.match(text):
        text = "\\" + text
    return text


def join_lines(lines: list[Line], plain: bool = False) -> str:
    """Lines of a block as one string; line-break hyphens removed (only those)."""
    parts: list[str] = []
    for index, line in enumerate(lines):
        text = line.text if plain else line.markdown
        if parts and parts[-1].endswith("-") and lines[index - 1].hyphenated and text[:1].islower():
            parts[-1] = parts[-1][:-1]
            parts.append(text)
        else:
            if parts:
                parts.append(" ")
            parts.append(text)
    return "".join(parts).strip()


def _list_item(block: Block) -> str:
    marker = block.attrs.get("marker", "-")
    ordered = _ORDERED.match(marker)
    bullet = f"{ordered.group(1)}." if ordered else ("-" if len(marker) == 1 else f"- {marker}")
    return "  " * block.attrs.get("depth", 0) + f"{bullet} {join_lines(block.lines)}"


def _code(block: Block) -> str:
    indents = block.attrs.get("indents") or [0] * len(block.lines)
    body = "\n".join(" " * indent + line.text for indent, line in zip(indents, block.lines))
    fence = "````" if "```" in body else "```"
    return f"{fence}\n{body}\n{fence}"
