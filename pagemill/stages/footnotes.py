"""Footnotes: small text at the foot of a page, starting with a marker.

A footnote whose mark is a number becomes a Markdown footnote: its text
renders as ``[^3]: ...`` and the raised mark in the body of the same page
(``<sup>3</sup>``, from ``lines.py``) becomes the reference ``[^3]``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Block, BlockKind, Document, Layer, Page

#: footnotes are set smaller than the body: at most this fraction of its size
SMALLER = 0.92
_MARKER = re.compile(r"^(\d{1,3}|[*†‡§¶]+|[a-z])\s*(?=\S)")
_RAISED_MARKER = re.compile(r"^<sup>(\d{1,3}|[*†‡§¶]+)</sup>\s*")
#: on a scan the raised mark is read as a digit or a stray sign glued to the first word
#: ("5Map of ...", "‘Hourly ...", "?Hourly ..."): no space follows it
_OCR_MARKER = re.compile(r"^(\d{1,3}|[^\w\s])(?=[^\W\d_])")


def find_footnotes(document: Document) -> None:
    """The run of small blocks at the bottom of each page that starts with a marker."""
    body = document.font_stats.body_size()
    labels: set[str] = set()
    for page in document.pages:
        notes = _foot_of_page(page, body)
        scanned = page.origin == "ocr"
        if not notes or not (_OCR_MARKER if scanned else _MARKER).match(notes[0].text):
            continue
        for block in notes:
            block.kind = BlockKind.FOOTNOTE
            if scanned:
                _without_read_mark(block)
            else:
                _link_footnote(page, block, labels)
        # notes go after the page's text, not between the columns they sit under
        page.blocks = [b for b in page.blocks if b.kind is not BlockKind.FOOTNOTE] + notes


def _foot_of_page(page: Page, body: float) -> list[Block]:
    blocks = [b for b in page.blocks if b.layer is Layer.BODY and b.bbox.y0 > 0.5 * page.height]
    blocks.sort(key=lambda b: b.bbox.y0)
    tail: list[Block] = []
    for block in reversed(blocks):
        if block.size > SMALLER * body or block.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
            break
        tail.append(block)
    return tail[::-1]


def _without_read_mark(note: Block) -> None:
    """A scanned note's mark, read as a stray sign or digit, taken off (no reference to link it to)."""
    first = note.lines[0]
    match = _OCR_MARKER.match(first.text)
    if match:
        cut = len(match.group(1))
        markdown = first.markdown[cut:] if first.markdown.startswith(match.group(1)) else first.markdown
        note.lines[0] = replace(first, text=first.text[cut:], markdown=markdown)


def _link_footnote(page: Page, note: Block, labels: set[str]) -> None:
    """Label a numbered note and turn its mark in the page's body into a reference."""
    first = note.lines[0]
    match = _RAISED_MARKER.match(first.markdown)
    if match is None:
        return
    mark = match.group(1)
    label = mark if mark not in labels else f"p{page.number}-{mark}"
    labels.add(label)
    note.attrs["label"] = label
    text = first.text[len(mark) :].lstrip() if first.text.startswith(mark) else first.text
    note.lines[0] = replace(first, text=text, markdown=first.markdown[match.end() :])
    reference = f"<sup>{mark}</sup>"
    for block in page.blocks:
        if block is note or block.kind is BlockKind.FOOTNOTE:
            continue
        for index, line in enumerate(block.lines):
            if reference in line.markdown:
                block.lines[index] = replace(line, markdown=line.markdown.replace(reference, f"[^{label}]", 1))
                return
