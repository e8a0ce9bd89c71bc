"""Lines of one column segment to blocks: paragraphs, list items, code, captions.

Within a column, a new block starts where (in units of the font size, "em"):

- the vertical gap exceeds the column's usual leading by PARAGRAPH_GAP_EM;
- the style changes: size by more than 10%, bold or monospace on/off;
- a line starts with a list marker (bullet, "3.", "(b)", "iv)");
- a line is indented by INDENT_EM or more against the previous one
  (TeX marks paragraphs by first-line indent, not by space).

Headings and footnotes need the whole document's font statistics and are
decided later (``headings.py``); this stage only knows one page.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import replace
from typing import NamedTuple

from ..model import BBox, Block, BlockKind, Line, union_all
from ..render.escape import escape_inline
from .bidi import read_neutral_rtl
from .math import INLINE_MATH
from .numbering import CJK_NUMERALS, NUMBER_SIGNS

PARAGRAPH_GAP_EM = 0.4
INDENT_EM = 0.8
#: where a list item's text starts, right of its marker, when no second line shows it
ITEM_TEXT_EM = 1.5
#: a code block may hold blank lines: gaps up to this many line heights
CODE_GAP_LINES = 2.6

BULLETS = "•◦▪▫‣⁃●○■□►▶✓✔➢➤–—-*·∙∗⋆★♦❖→"
_BULLET = re.compile(rf"^([{re.escape(BULLETS)}])\s+(?=\S)")
#: a glyph whose font gives no Unicode, alone before the text: a bullet from a symbol font (Word's
#: Symbol bullet is U+F0B7, TeX's TS1 bullet set as a Type 3 bitmap reads as U+0088). Nothing else
#: with no text of its own stands at a line's start followed by a space.
_UNMAPPED_BULLET = re.compile(r"^([\x80-\x9f\ue000-\uf8ff\ufffd])\s+(?=\S)")
#: a numbered reference entry's label, "[12]": a list item only where the labels run in sequence
_REFERENCE_LABEL = re.compile(r"^(\[(\d{1,3})\])\s+(?=\S)")
#: a number alone before a word ("3 Managers approve ..."): a list item only where the numbers run in sequence
_BARE_NUMBER = re.compile(r"^((\d{1,2}))\s+(?=[^\W\d_])")
_SEQUENCE_LABELS = (_REFERENCE_LABEL, _BARE_NUMBER)
#: "3.", "(b)", "iv)", in any digits ("٣.", "３．", full-width parentheses)
_ENUMERATOR = re.compile(r"^([(（]?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[.)．）])\s+(?=\S)")
#: numbers that are a list marker by themselves ("①", "⑴", "⒈"), and CJK enumerators ("一、", "（三）",
#: "3、", "３．"): CJK text sets no space after them
_SIGN_ENUMERATOR = re.compile(
    rf"^([{NUMBER_SIGNS}]|[(（][{CJK_NUMERALS}]{{1,3}}[)）]|(?:[{CJK_NUMERALS}]{{1,3}}|\d{{1,3}})、"
    r"|（?\d{1,3}[．）])\s*(?=\S)"
)
_CAPTION = re.compile(
    r"^(figure|fig\.|table|tab\.|listing|algorithm|abbildung|tabelle|tableau|рис\.|рисунок|таблица|图|表)\s*"
    r"[\dIVX]+[a-z]?[.:\s]",
    re.IGNORECASE,
)


_TOC_ENTRY = re.compile(r"(?:\.\s?){3,}\s*(?:\d{1,4}|[ivxlc]{1,6})$")
_DOT_LEADER = re.compile(r"\s*(?:\.\s?){3,}\s*(?=(?:\d{1,4}|[ivxlc]{1,6})$)")
_STYLED_LEADER = re.compile(r"\s*[*_]{0,2}(?:\.\s?){3,}[*_]{0,2}\s*(?=[*_]{0,2}(?:\d{1,4}|[ivxlc]{1,6})[*_]{0,2}$)")


def list_marker(text: str) -> str | None:
    """The bullet or enumerator a list item starts with, if any."""
    match = (
        _BULLET.match(text) or _UNMAPPED_BULLET.match(text) or _ENUMERATOR.match(text) or _SIGN_ENUMERATOR.match(text)
    )
    return match.group(1) if match else None


def reference_labels(lines: list[Line]) -> set[int]:
    """Indexes of the lines that open a numbered entry: "[3] A. Berger, ..." or a bare "3 Managers ...".

    A line that starts with "[n]" may be a citation that wrapped to a line's start; it opens an
    entry only where another line of the column, starting at the same place, is labelled n-1 or
    n+1: the labels of a list run in sequence down the column. A bare number is weaker ("2 Method"
    is a heading, "12 stations" a wrapped sentence): its neighbour must be the next numbered line, n+1,
    with only the entry's own indented lines between, in the same plain (not bold, not code) type.
    """
    found: set[int] = set()
    for pattern in _SEQUENCE_LABELS:
        numbers = {i: int(m.group(2)) for i, line in enumerate(lines) if (m := pattern.match(line.text))}
        order = sorted(numbers)
        for i, j in zip(order, order[1:]):
            a, b = lines[i], lines[j]
            # "[n]" labels may count down (a publication list, newest first); bare numbers count up: "4 ons
            # linzen" over "3 liter water" is a recipe's quantities, not entries 4 and 3
            step = numbers[j] - numbers[i] if pattern is _BARE_NUMBER else abs(numbers[j] - numbers[i])
            if step != 1 or abs(a.bbox.x0 - b.bbox.x0) >= 0.5 * a.size:
                continue
            if pattern is _BARE_NUMBER and not _entries_in_a_run(lines, i, j):
                continue
            found.update((i, j))
    return found


def _entries_in_a_run(lines: list[Line], i: int, j: int) -> bool:
    """Lines i and j, numbered in sequence, are two entries of one list: plain type of one size,
    and between them only lines of entry i's text, indented past its number."""
    a, b = lines[i], lines[j]
    if a.bold or b.bold or a.mono or b.mono or abs(a.size - b.size) > 0.05 * a.size or j - i > 6:
        return False
    return all(line.bbox.x0 > a.bbox.x0 + 0.5 * a.size for line in lines[i + 1 : j])


def _marker(line: Line, entry: bool) -> str | None:
    """The line's list marker: a bullet or enumerator, or the label of a numbered entry."""
    for pattern in _SEQUENCE_LABELS if entry else ():
        if match := pattern.match(line.text):
            return match.group(1)
    return list_marker(line.text)


def merge_rows(lines: list[Line]) -> list[Line]:
    """Join segments of one column that sit on the same row (a wide justified gap, a list marker drawn apart).

    On a right-to-left row the right segment reads first: an Arabic list item's marker is at its right.
    """
    merged: list[Line] = []
    for line in lines:
        prev = merged[-1] if merged else None
        if prev is None or not _same_row(prev.bbox, line.bbox):
            merged.append(line)
            continue
        directions = {_direction(prev), _direction(line)}
        rtl = "R" in directions and "L" not in directions
        if line.bbox.x0 >= prev.bbox.x1:
            left, right = prev, line
        elif rtl and line.bbox.x1 <= prev.bbox.x0:
            left, right = line, prev
        else:
            merged.append(line)
            continue
        first, second = (_read_right_to_left(right), _read_right_to_left(left)) if rtl else (left, right)
        sep = " " * max(1, round((right.bbox.x0 - left.bbox.x1) / (0.55 * left.size))) if left.mono else " "
        merged[-1] = Line(
            text=first.text + sep + second.text,
            markdown=first.markdown + sep + second.markdown,
            bbox=prev.bbox.union(line.bbox),
            size=prev.size,
            bold=prev.bold and line.bold,
            italic=prev.italic and line.italic,
            mono=prev.mono and line.mono,
            rtl=prev.rtl or rtl,
            hyphenated=line.hyphenated,
            confidence=min(prev.confidence, line.confidence),
            underlined=prev.underlined and line.underlined,
        )
    return merged


_STRONG_LTR = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")


def _direction(line: Line) -> str:
    """"R" for a right-to-left line, "L" for one with left-to-right letters, "N" for neither (a marker, a number)."""
    return "R" if line.rtl else "L" if _STRONG_LTR.search(line.text) else "N"


def _read_right_to_left(line: Line) -> Line:
    """A segment of neither direction, read in a right-to-left row: ".1" drawn right of nothing is "1."."""
    if line.rtl or line.markdown != line.text:
        return line
    text = read_neutral_rtl(line.text)
    return replace(line, text=text, markdown=text)


def _same_row(a: BBox, b: BBox) -> bool:
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    return overlap > 0.5 * min(a.height, b.height)


def build_blocks(lines: list[Line], page: int) -> list[Block]:
    """Blocks of one column segment, lines already in reading order."""
    lines = merge_rows(lines)
    if not lines:
        return []
    left = min(line.bbox.x0 for line in lines)
    right = max(line.bbox.x1 for line in lines)
    entries = {id(lines[i]) for i in reference_labels(lines)}
    column = _Column(_usual_gap(lines), left, right, entries)
    groups: list[list[Line]] = [[lines[0]]]
    for prev, line in zip(lines, lines[1:]):
        if _starts_block(groups[-1], prev, line, column):
            groups.append([line])
        else:
            groups[-1].append(line)
    blocks = [_make_block(group, page, id(group[0]) in entries) for group in groups]
    for block in blocks:
        if block.kind in (BlockKind.LIST_ITEM, BlockKind.PARAGRAPH):
            if block.lines[0].rtl:  # from the column's right edge, where right-to-left lines start
                block.attrs["indent"] = round(right - block.bbox.x1, 1)
                block.attrs["first_indent"] = round(right - block.lines[0].bbox.x1, 1)
            else:  # from the column's left edge
                block.attrs["indent"] = round(block.bbox.x0 - left, 1)
                block.attrs["first_indent"] = round(block.lines[0].bbox.x0 - left, 1)
    blocks[0].attrs["opens_column"] = True  # paragraphs.py: where a paragraph may go on from the last column
    return blocks


def _usual_gap(lines: list[Line]) -> float:
    """The column's leading: the median gap between consecutive lines, among gaps under one em
    (a heading's space or a page's blank middle says nothing about line spacing)."""
    gaps = [
        gap
        for a, b in zip(lines, lines[1:])
        if b.bbox.y0 > a.bbox.y0 and (gap := b.bbox.y0 - a.bbox.y1) < min(a.size, b.size)
    ]
    return max(statistics.median(gaps), 0.0) if gaps else 0.0


def is_toc_entry(text: str) -> bool:
    """A table-of-contents line: a title, dot leaders, a page number."""
    return _TOC_ENTRY.search(text) is not None


class _Column(NamedTuple):
    """What the block decisions need to know of the whole column segment."""

    leading: float  # the usual gap between lines
    left: float
    right: float
    entries: set[int]  # ids of the lines that open a reference entry


def _starts_block(group: list[Line], prev: Line, line: Line, column: _Column) -> bool:
    leading, left, entries = column.leading, column.left, column.entries
    size = min(prev.size, line.size)
    gap = line.bbox.y0 - prev.bbox.y1
    if is_toc_entry(prev.text):
        return True
    if prev.mono and line.mono:
        return gap > CODE_GAP_LINES * prev.bbox.height
    if gap > leading + PARAGRAPH_GAP_EM * size or gap < -2 * size:
        return True
    if abs(prev.size - line.size) > 0.1 * size or prev.bold != line.bold or prev.mono != line.mono:
        return True
    if id(line) in entries or list_marker(line.text) or line.markdown.startswith("<sup>"):
        return True  # a list item, or a footnote starting with its raised mark
    if prev.italic != line.italic and prev.bbox.x1 < column.right - 2 * size:
        return True  # a short italic line, then roman text: a run-in head's line ("A. Results") ends
    first = group[0]
    # "a) Sensor drift: ..." set in a paragraph's first-line indent is a paragraph, not a list item
    run_in = _label_in_indent(first, group[1] if len(group) > 1 else line, column.right)
    if _marker(first, id(first) in entries) and not run_in:
        # a list item continues on lines aligned with its text, right of the marker;
        # a line indented past that text starts a paragraph of its own inside the item
        if line.bbox.x0 < first.bbox.x0 + 0.5 * size:
            return not _centered(prev, line, left)
        text_x = group[1].bbox.x0 if len(group) > 1 else first.bbox.x0 + ITEM_TEXT_EM * size
        return line.bbox.x0 > text_x + INDENT_EM * size
    if prev.bold and line.bold:
        # a bold heading wraps with a hanging indent under its number; but a line opening with a bold
        # run-in head ("**Monthly means.** The ...") under a wholly bold line starts a paragraph
        return _whole_bold(prev) and bool(_RUN_IN_HEAD.match(line.markdown))
    # right-to-left lines start at the right: they are indented from there (their left is ragged)
    indent = prev.bbox.x1 - line.bbox.x1 if prev.rtl and line.rtl else line.bbox.x0 - prev.bbox.x0
    return indent > INDENT_EM * size and indent < 6 * size and not _centered(prev, line, left)


#: a bold run-in head ending in a full stop or colon, then roman text
_RUN_IN_HEAD = re.compile(r"^\*\*[^*]+[.:：。]\*\*\s*[^*\s]")


def _whole_bold(line: Line) -> bool:
    return line.markdown.startswith("**") and line.markdown.endswith("**") and line.markdown.count("**") == 2


def _label_in_indent(first: Line, second: Line, right: float) -> bool:
    """A full first line whose next line starts left of it: a paragraph's first-line indent holds
    the label. A list item's lines never run left of its marker."""
    return second.bbox.x0 < first.bbox.x0 - 0.5 * first.size and first.bbox.x1 > right - first.size


def _centered(a: Line, b: Line, left: float) -> bool:
    """Two lines centred on the same axis (titles, centred abstracts), not indented text.

    Text that starts at the column's left edge is never centred.
    """
    if min(a.bbox.x0, b.bbox.x0) < left + a.size:
        return False
    ca = (a.bbox.x0 + a.bbox.x1) / 2
    cb = (b.bbox.x0 + b.bbox.x1) / 2
    return abs(ca - cb) < 0.5 * a.size


def _make_block(lines: list[Line], page: int, entry: bool = False) -> Block:
    bbox = union_all([line.bbox for line in lines])
    first = lines[0].text
    attrs: dict[str, object] = {}
    if is_toc_entry(lines[-1].text):
        kind = BlockKind.PARAGRAPH
        attrs["toc"] = True
        lines[-1] = _without_leader(lines[-1])
    elif sum(line.mono for line in lines) >= 0.8 * len(lines):
        kind = BlockKind.CODE
        attrs["indents"] = _code_indents(lines, bbox.x0)
        attrs["blank_lines"] = _blank_lines_before(lines)
    elif (marker := _marker(lines[0], entry)) is not None and not (
        len(lines) > 1 and _label_in_indent(lines[0], lines[1], bbox.x1)
    ):
        kind = BlockKind.LIST_ITEM
        attrs["marker"] = marker
        lines[0] = _without_marker(lines[0], marker)
    elif _CAPTION.match(first):
        kind = BlockKind.CAPTION
    else:
        kind = BlockKind.PARAGRAPH
    return Block(kind, page, bbox, lines, attrs)


def _without_marker(line: Line, marker: str) -> Line:
    """The first line of a list item with its bullet or number taken off (kept in attrs)."""
    text = line.text[len(marker) :].lstrip()
    markdown = line.markdown[len(marker) :].lstrip() if line.markdown.startswith(marker) else text
    return replace(line, text=text, markdown=markdown)


def _without_leader(line: Line) -> Line:
    """'Methods . . . . . 12' -> 'Methods 12': dot leaders carry no text (nor their styling)."""
    text = _DOT_LEADER.sub(" ", line.text)
    match = _STYLED_LEADER.search(line.markdown)
    # the leader's own styling goes with it; styling that began before it must stay closed
    balanced = match is not None and match.group().count("*") % 2 == 0 and match.group().count("_") % 2 == 0
    if match and balanced:
        markdown = line.markdown[: match.start()] + " " + line.markdown[match.end() :]
    elif text != line.text:
        markdown = escape_inline(text, INLINE_MATH.get())  # a leader the pattern cannot take out of the markup
    else:
        markdown = line.markdown
    return replace(line, text=text, markdown=markdown)


def _blank_lines_before(lines: list[Line]) -> list[int]:
    """Blank lines a code block had before each line, from gaps of whole line pitches."""
    pitches = sorted(b.bbox.y0 - a.bbox.y0 for a, b in zip(lines, lines[1:]))
    pitch = pitches[len(pitches) // 2] if pitches else 0.0
    if pitch <= 0:
        return [0] * len(lines)
    return [0] + [max(0, round((b.bbox.y0 - a.bbox.y0) / pitch) - 1) for a, b in zip(lines, lines[1:])]


def _code_indents(lines: list[Line], left: float) -> list[int]:
    """Leading spaces of each code line, from its offset in character widths."""
    widths = [line.bbox.width / len(line.text) for line in lines if len(line.text) > 3]
    char = statistics.median(widths) if widths else 0.55 * lines[0].size
    return [max(0, round((line.bbox.x0 - left) / char)) for line in lines]
