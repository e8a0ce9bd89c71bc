"""Footnotes: small text at the foot of a page, starting with a marker.

A footnote whose mark is a number becomes a Markdown footnote: its text
renders as ``[^3]: ...`` and the raised mark in the body of the same page
(``<sup>3</sup>``, from ``inline.py``) becomes the reference ``[^3]``.

Browsers set notes as a numbered list ("3. Map of the stations"): at the foot of
the page (WeasyPrint's CSS footnotes) or after the text (Chromium's endnotes). Such
a list is notes only where every item's number is raised in the body (``<sup>3</sup>``);
otherwise it stays a list.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import BBox, Block, BlockKind, Document, Layer, Page
from .lists import as_paragraph

#: footnotes are set smaller than the body: at most this fraction of its size
SMALLER = 0.92
#: the notes at a page's foot stand at most this many of their ems apart
FOOT_GAP_EM = 3.0
_MARKER = re.compile(r"^(\d{1,3}|[*†‡§¶]+|[a-z])\s*(?=\S)")
_RAISED_MARKER = re.compile(r"^<sup>(\d{1,3}|[*†‡§¶]+)</sup>\s*")
#: on a scan the raised mark is read as a digit or a stray sign glued to the first word
#: ("5Map of ...", "‘Hourly ...", "?Hourly ..."): no space follows it
_OCR_MARKER = re.compile(r"^(\d{1,3}|[^\w\s])(?=[^\W\d_])")
#: a note's number at the start of its text, set at the text's size (not raised), then a word
_BARE_MARK = re.compile(r"^(\d{1,3})\s+(?=[^\W\d_])")
_RAISED_NUMBER = re.compile(r"<sup>(\d{1,3})</sup>")
#: a numbered list item's marker, "3.", "3)" or a bare "3"
_NUMBERED = re.compile(r"^(\d{1,3})[.)]?$")


def find_footnotes(document: Document) -> None:
    """The run of small blocks at the bottom of each page (of each column) that starts with a marker."""
    body = document.font_stats.body_size()
    labels: set[str] = set()
    previous: list[Block] = []
    for page in document.pages:
        # a note that did not fit under its reference is set at the foot of the next page
        text = previous + page.blocks
        previous = page.blocks
        raised = _raised_numbers(text)
        for run in _foot_runs(_foot_of_page(page, body)):
            _notes_of_run(page, _split_at_marks(page, run, raised), text, labels)


def _notes_of_run(page: Page, notes: list[Block], text: list[Block], labels: set[str]) -> None:
    """The blocks of one run at the foot of a page made notes, where they open with a note's mark."""
    scanned = page.origin == "ocr"
    if notes and notes[0].kind is BlockKind.LIST_ITEM and _numbered_notes(items := _wrapped(notes), text):
        for block in items:
            _link_numbered(block, text, labels, page.number)
        in_notes = {id(b) for b in notes}
        page.blocks = [b for b in page.blocks if id(b) not in in_notes] + items
        return
    for block in notes:
        if str(block.attrs.get("marker", "")).isdigit():
            as_paragraph(block)  # "1 Monthly means ...": a note whose mark is not raised in the text
    if not notes or not (_OCR_MARKER if scanned else _MARKER).match(notes[0].text):
        return
    for block in notes:
        block.kind = BlockKind.FOOTNOTE
        if scanned:
            _without_read_mark(block)
        else:
            _link_footnote(page, block, labels)
    # notes go after the page's text, not between the columns they sit under
    in_notes = {id(b) for b in notes}
    page.blocks = [b for b in page.blocks if id(b) not in in_notes] + notes


def find_endnotes(document: Document) -> None:
    """A numbered list of small items after the document's text, each number raised in the body: notes."""
    body = document.font_stats.body_size()
    blocks = [b for b in document.blocks() if b.layer is Layer.BODY]
    notes: list[Block] = []
    for block in reversed(blocks):
        if block.kind is BlockKind.FOOTNOTE and not notes:
            continue  # the list's last items, at the foot of its last page, are notes already
        if block.kind is not BlockKind.LIST_ITEM or block.size > SMALLER * body:
            break
        notes.append(block)
    notes.reverse()
    if notes and _numbered_notes(notes, blocks):
        labels = {str(b.attrs["label"]) for b in blocks if b.kind is BlockKind.FOOTNOTE and "label" in b.attrs}
        for note in notes:
            _link_numbered(note, blocks, labels, 0)


def _wrapped(notes: list[Block]) -> list[Block]:
    """Numbered notes with their wrapped lines: a note's second line set flush under its number
    (CSS's marker inside the box) starts a paragraph of its own; it goes back into its note."""
    items: list[Block] = []
    for block in notes:
        if block.kind is BlockKind.PARAGRAPH and items:
            items[-1] = replace(items[-1], lines=items[-1].lines + block.lines, bbox=items[-1].bbox.union(block.bbox))
        else:
            items.append(block)
    return items


def _numbered_notes(notes: list[Block], blocks: list[Block]) -> bool:
    """Numbered list items, each number once and raised somewhere in ``blocks``' text."""
    markers = [_NUMBERED.match(str(b.attrs.get("marker", ""))) for b in notes if b.kind is BlockKind.LIST_ITEM]
    numbers = [m.group(1) for m in markers if m is not None]
    if len(numbers) != len(notes) or len(set(numbers)) != len(numbers):
        return False  # (a note that did not fit may come after the next one: WeasyPrint sets 6 above 5)
    own = {id(note) for note in notes}
    text = "\n".join(line.markdown for block in blocks if id(block) not in own for line in block.lines)
    return all(f"<sup>{n}</sup>" in text for n in numbers)


def _link_numbered(note: Block, blocks: list[Block], labels: set[str], page: int) -> None:
    """A numbered list item made a labelled note; the first raised mark of its number, its reference."""
    mark = _NUMBERED.match(str(note.attrs.pop("marker")))
    assert mark is not None  # _numbered_notes checked it
    number = mark.group(1)
    label = number if number not in labels else f"p{page}-{number}"
    labels.add(label)
    note.kind = BlockKind.FOOTNOTE
    note.attrs["label"] = label
    note.attrs.pop("depth", None)
    _link_reference(blocks, note, number, label)


def _link_reference(blocks: list[Block], note: Block, mark: str, label: str) -> None:
    """The first raised ``mark`` in the body (``<sup>3</sup>``) becomes the note's reference ``[^label]``."""
    reference = f"<sup>{mark}</sup>"
    for block in blocks:
        if block is note or block.kind is BlockKind.FOOTNOTE:
            continue
        for index, line in enumerate(block.lines):
            if reference in line.markdown:
                block.lines[index] = replace(line, markdown=line.markdown.replace(reference, f"[^{label}]", 1))
                return


def _foot_of_page(page: Page, body: float) -> list[Block]:
    """The small blocks of the page's lower half with only small blocks below them in their column,
    in reading order (notes set under each of two columns: the left column's first)."""
    lower = [b for b in page.blocks if b.layer is Layer.BODY and b.bbox.y0 > 0.5 * page.height]
    small = [b for b in lower if b.size <= SMALLER * body and b.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)]
    large = [b for b in lower if all(b is not s for s in small)]
    return [b for b in small if not any(_under(other, b) for other in large)]


def _foot_runs(foot: list[Block]) -> list[list[Block]]:
    """The foot's blocks by column: blocks that share some width are one run (a note set across both
    columns joins them), each run in reading order. Each run is judged on its own: the notes under
    the left column and a reference list ending the right one."""
    runs: list[list[Block]] = []
    for block in foot:
        joined = [run for run in runs if any(_share_width(block, other) for other in run)]
        merged = [b for run in joined for b in run] + [block]
        runs = [run for run in runs if all(run is not j for j in joined)] + [merged]
    order = {id(block): index for index, block in enumerate(foot)}
    runs = [sorted(_bottom(run), key=lambda b: order[id(b)]) for run in runs]
    return sorted(runs, key=lambda run: order[id(run[0])])


def _bottom(run: list[Block]) -> list[Block]:
    """The blocks of a column's foot set close together above its last: notes stand tight at the foot,
    a reference list that ends the column higher up stands apart (more than FOOT_GAP_EM)."""
    run = sorted(run, key=lambda b: b.bbox.y0)
    start = len(run) - 1
    while start and run[start].bbox.y0 - run[start - 1].bbox.y1 <= FOOT_GAP_EM * run[start].size:
        start -= 1
    return run[start:]


def _share_width(a: Block, b: Block) -> bool:
    return min(a.bbox.x1, b.bbox.x1) > max(a.bbox.x0, b.bbox.x0)


def _under(lower: Block, upper: Block) -> bool:
    """``lower`` starts below ``upper``'s start and shares some of its width."""
    return lower.bbox.y0 > upper.bbox.y0 and _share_width(lower, upper)


def _raised_numbers(blocks: list[Block]) -> set[str]:
    """The numbers raised in the text of ``blocks`` (``<sup>4</sup>``): the marks notes may answer."""
    return {n for block in blocks for line in block.lines for n in _RAISED_NUMBER.findall(line.markdown)}


def _split_at_marks(page: Page, notes: list[Block], raised: set[str]) -> list[Block]:
    """Notes set one under another without space between them, each opening with its number
    at the text's size, not raised (LibreOffice, Word: "3 Hourly temperature ..."), run into one
    block: it is cut before each line that opens with the next note's number where the body
    raises that number. The cut-off notes become numbered items for the steps below; the pieces
    take their block's place on the page."""
    pieces: dict[int, list[Block]] = {}
    last: int | None = None  # the number of the note above
    for block in notes:
        marker = str(block.attrs.get("marker", ""))
        if block.kind is BlockKind.LIST_ITEM and marker.isdigit():
            last = int(marker)
        cuts: list[tuple[int, str]] = []
        for index, line in enumerate(block.lines):
            match = _BARE_MARK.match(line.markdown)  # a mark raised in the note ("<sup>3</sup>") is not bare
            if match is None or match.group(1) not in raised or (index == 0 and block.kind is BlockKind.LIST_ITEM):
                continue
            number = int(match.group(1))
            if last is None or number == last + 1:
                cuts.append((index, match.group(1)))
                last = number
        pieces[id(block)] = _cut(block, cuts) if cuts else [block]
    page.blocks = [piece for block in page.blocks for piece in pieces.get(id(block), [block])]
    return [piece for block in notes for piece in pieces[id(block)]]


def _cut(block: Block, cuts: list[tuple[int, str]]) -> list[Block]:
    """``block`` cut before each line index of ``cuts``; each piece from a cut a note numbered by it.

    The lines share their block's box (model.release_line_boxes): a piece's box is its share of
    the block's height, line by line."""
    pieces: list[Block] = []
    starts = [index for index, _ in cuts]
    bounds = ([0] if starts[0] > 0 else []) + starts + [len(block.lines)]
    pitch = block.bbox.height / len(block.lines)
    marks = dict(cuts)
    for start, end in zip(bounds, bounds[1:]):
        box = BBox(block.bbox.x0, block.bbox.y0 + start * pitch, block.bbox.x1, block.bbox.y0 + end * pitch)
        lines = [replace(line, bbox=box) for line in block.lines[start:end]]
        piece = Block(block.kind, block.page, box, lines, dict(block.attrs), block.layer, block.reason)
        if start in marks:
            piece.kind = BlockKind.LIST_ITEM
            piece.attrs["marker"] = mark = marks[start]
            first = lines[0]
            text = first.text[len(mark) :].lstrip() if first.text.startswith(mark) else first.text
            lines[0] = replace(first, text=text, markdown=first.markdown[len(mark) :].lstrip())
        pieces.append(piece)
    return pieces


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
    _link_reference(page.blocks, note, mark, label)
