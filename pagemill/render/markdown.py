"""GitHub-flavoured Markdown from the document model. Furniture is left out."""

from __future__ import annotations

import re

from ..model import Block, BlockKind, Document, Layer, Line
from ..stages.inline import is_cjk
from ..stages.math import INLINE_MATH, continue_formula
from .escape import code_fence, escape_block_start, escape_heading_end, escape_inline
from .regions import REGION_KINDS, render_region

#: only ASCII digits make a Markdown ordered list; "٣." or "①" stay as they are printed, after "- "
_ORDERED = re.compile(r"^\(?(\d{1,3})[.)]?$", re.ASCII)


def render_markdown(document: Document, page_markers: bool = False, furniture: bool = False) -> str:
    out: list[str] = []
    previous: Block | None = None
    # width of the marker at each open list depth: a child nests under its parent's text
    list_widths: list[int] = []
    depth = previous_depth = 0
    for page in document.pages:
        if page_markers:
            out.append(f"<!-- page {page.number} -->\n\n")
        for block in page.blocks:
            if block.layer is Layer.FURNITURE and not furniture:
                continue
            if block.kind is BlockKind.LIST_ITEM:
                depth = min(block.attrs.get("depth", 0), len(list_widths))
                del list_widths[depth:]
                text = _list_item(block, sum(list_widths))
                list_widths.append(len(list_bullet(block)) + 1)
            elif block.attrs.get("in_list") and list_widths:
                text = " " * sum(list_widths) + render_block(block)
            else:
                list_widths.clear()
                text = render_block(block)
            if not text:
                continue
            tight = (
                previous is not None
                and previous.kind is BlockKind.LIST_ITEM
                and block.kind is BlockKind.LIST_ITEM
                and _may_follow_tightly(previous, block, depth > previous_depth)
            )
            if out and tight:
                out[-1] = out[-1].rstrip("\n") + "\n"
            out.append(text + "\n\n")
            previous, previous_depth = block, depth
    return "".join(out).rstrip("\n") + "\n" if out else ""


def render_block(block: Block) -> str:
    kind = block.kind
    if kind is BlockKind.HEADING:
        # the plain text (a heading is emphasis enough), escaped: the lines' Markdown is not used here
        title = escape_heading_end(escape_inline(join_lines(block.lines, plain=True), INLINE_MATH.get()))
        return "#" * block.attrs.get("level", 2) + " " + title
    if kind is BlockKind.CODE:
        return _code(block)
    if kind is BlockKind.LIST_ITEM:
        return _list_item(block)
    if kind is BlockKind.FOOTNOTE and "label" in block.attrs:
        return f"[^{block.attrs['label']}]: {escape_block_start(join_lines(block.lines))}"
    if kind in REGION_KINDS or "figure_caption" in block.attrs:
        return render_region(block)  # tables, equations, figures (and captions they carry): render/regions.py
    # a paragraph must not start with something Markdown would read as syntax ('# ', '1. ', '> ')
    return escape_block_start(join_lines(block.lines))


def join_lines(lines: list[Line], plain: bool = False) -> str:
    """Lines of a block as one string; line-break hyphens removed (only those).

    A hyphen at a line end joins the word parts when the next line goes on in
    lower case; in a compound that already has a hyphen ("state-of-the-") it is
    a real hyphen and stays. CJK lines join without a space.
    """
    parts: list[str] = []
    for index, line in enumerate(lines):
        text = line.text if plain else line.markdown
        if not parts:
            parts.append(text)
            continue
        before = parts[-1]
        if not plain and (joined := continue_formula(before, text)) is not None:
            parts[-1] = joined  # ``$\\alpha=$`` then ``$0.05$``: one formula cut by the line break
            continue
        if before.endswith("-") and lines[index - 1].hyphenated and text[:1].islower():
            last_word = before.rsplit(" ", 1)[-1]
            if "-" not in last_word[:-1]:
                parts[-1] = before[:-1]
        elif not (before and text and is_cjk(before[-1]) and is_cjk(text[0])):
            if (run := _emphasis_across(before, text)) and not plain:
                parts[-1], text = before[:-run], text[run:]  # "*Coastal* *Research*" -> "*Coastal Research*"
            parts.append(" ")
        parts.append(text)
    return "".join(parts).strip()


def _emphasis_across(before: str, after: str) -> int:
    """The length of an emphasis run that closes ``before`` and opens ``after`` again (0: none).

    Each line's Markdown closes its own emphasis, so a phrase set in italics across a line
    break would read "*Journal of Coastal* *Research*"; the two runs are one phrase.
    """
    closing = len(before) - len(before.rstrip("*"))
    opening = len(after) - len(after.lstrip("*"))
    if closing == 0 or closing != opening or closing > 3 or len(before) <= closing or len(after) <= opening:
        return 0
    if before[-closing - 1] in " \\*" or after[opening] == " ":
        return 0  # an escaped star, or a run that is not emphasis
    return closing


def list_bullet(block: Block) -> str:
    """The Markdown marker of a list item: '3.' for numbers, '-' for bullets, '- (a)' otherwise."""
    marker = block.attrs.get("marker", "-")
    ordered = _ORDERED.match(marker)
    return f"{ordered.group(1)}." if ordered else ("-" if len(marker) == 1 else f"- {marker}")


def _may_follow_tightly(a: Block, b: Block, nested: bool) -> bool:
    """Whether list item ``b`` may stand on the line right after item ``a``.

    A numbered item that starts a list (nested under an item, or after a bullet of its
    own depth) is read as more of the text above unless it is numbered 1 (CommonMark):
    it needs a blank line before it. Back out of a nested list, it goes on the outer one.
    """
    bullet = list_bullet(b)
    if not bullet[0].isdigit() or bullet == "1.":
        return True  # a bullet list, or one numbered from 1, may start right under text
    return not nested and (list_bullet(a)[0].isdigit() or a.attrs.get("depth", 0) > b.attrs.get("depth", 0))


def _list_item(block: Block, indent: int = 0) -> str:
    return " " * indent + f"{list_bullet(block)} {escape_block_start(join_lines(block.lines))}"


def _code(block: Block) -> str:
    """A fenced block, with the indentation and blank lines found by stages/blocks.py."""
    lines = block.lines
    indents = block.attrs.get("indents") or [0] * len(lines)
    blanks = block.attrs.get("blank_lines") or [0] * len(lines)
    out: list[str] = []
    for indent, blank, line in zip(indents, blanks, lines):
        out.extend([""] * blank)
        out.append(" " * indent + line.text)
    body = "\n".join(out)
    fence = code_fence(body)
    return f"{fence}\n{body}\n{fence}"
