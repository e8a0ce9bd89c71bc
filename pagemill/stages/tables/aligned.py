"""Tables without rules: runs of lines whose words line up in columns (text-edge alignment).

A borderless table (a financial statement, a schedule, a data sheet) is a
stack of lines cut by wide gaps into short segments whose edges line up
from line to line: labels on the left, numbers right-aligned in columns:

    Statement of financial position          <- a title: one long segment, not a row
                         2025      2024      <- a header row over the number columns
    Current assets                           <- a section label: one short segment, kept inside
      Cash               1,204.5   1,100.2   <- an indented label and right-aligned numbers
      Receivables          310.0     298.7

The search is cheap first (``alignment``): a page without MIN_ROWS lines
close together that hold a wide gap costs one pass over its glyphs. Candidate
rows must hold several segments, short ones or numbers; rows of two-column
prose (two long segments), lines with leader dots (a table of contents), and
monospaced text (code) are no rows. A block of such rows, bounded by a wider
gap or a line of prose, takes the lone short lines between its rows (section
labels), over its value columns (a spanning head) and at the foot of a page
(a label whose rows go on overleaf). Rules count as evidence, not as a
requirement: a ruled header row alone right above the block (rules over and
under a header, the foot rule pages later) becomes its header. The grid is
built as for ruled tables (``grid.py``: columns from the white channels
through all rows; ``header.py``: header rows and spans from the numbers under
them). A grid with too few rows of two cells, or whose last column holds page
numbers that only grow (a table of contents), is no table: its lines go on as
the page's text. A grid with no number column and few short cells is a table
of low confidence: its text stays in reading order as paragraphs, each
recording why (``reason``); a table found records ``reason`` and ``rules``
("none", or "partial" where a rule marks its header).
"""

from __future__ import annotations

import re
from typing import Any

from ...model import BBox, Block, BlockKind, RawPage
from ..blocks import build_blocks
from ..lines import build_lines, split_runs
from ..math import has_math
from ..reading_order import column_order
from .cells import table_block
from .edges import SAME_EDGE_PT, word_starts
from .foot import FURNITURE_ZONE, NOTE_SIZE
from .keyvalue import as_key_value, text_column_gutter
from .rules import GlyphIndex, _boxes_union, _center_in, horizontal_rules
from .sections import _sections_joined, _with_first_label
from .segments import (
    _CAPTION,
    _LEADERS,
    _NUMBER,
    PROSE_SEGMENT,
    SHORT_SEGMENT,
    Rows,
    Segment,
    _long_label_row,
    _rows,
    _segments,
    _tabular,
)

#: a table has at least this many rows with two cells or more
MIN_ROWS = 3
#: lines further apart than this (em, bottom to top) are not rows of one table
ROW_GAP_EM = 1.6
#: ... or, in a table set loosely, twice its usual gap up to this
MAX_ROW_GAP_EM = 3.0
#: a lone line this long between rows is prose, not a section label
LABEL_CHARS = 60
#: a grid's outer column is a column of the page's text when this many lines no wider than it run on
#: within this many em above the rows, and as many below
TEXT_COLUMN_LINES = 2
TEXT_RUNS_ON_EM = 3.0

#: an index entry: words, then page numbers after a comma ("patverse (environment), 269, 270")
_INDEX_ENTRY = re.compile(r"[^\d\s,]\s*,\s*[\dxvi]+(\s*,\s*[\dxvi]+)*$")


def alignment(raw: RawPage, em: float) -> tuple[bool, bool]:
    """The cheap first tests: MIN_ROWS lines close under each other with a wide gap each (a table may be
    there), and one of the page's first three or last two lines of text with two wide gaps (a table's
    rows left there by a page break may be: ``foot.py``).

    One pass over the glyphs, no sorting: each line (a band of half an em) keeps where
    its last glyph ended, so a table written column by column is seen too. A gap is
    where a glyph starts far right of that. Monospaced text (code) is no evidence. A page
    with a line of two gaps takes a second pass, for the size of its last lines.
    """
    gap = 1.5 * em
    band = 0.5 * em
    mono = {i for i, f in enumerate(raw.fonts) if f.mono}
    ends: dict[int, float] = {}
    gaps: dict[int, int] = {}
    line: int | None = None  # the band of the glyph before, and where it ended (kept in ``ends`` on leaving it)
    end: float | None = None
    for g in raw.glyphs:
        if g.text == " ":
            continue
        key = int(g.y1 / band)
        if key != line:  # (most glyphs follow one on their own line: no look-up for them)
            if line is not None and end is not None:
                ends[line] = end
            line, end = key, ends.get(key)
        if end is not None and g.x0 - end > gap and g.font not in mono:
            gaps[key] = gaps.get(key, 0) + 1
        end = g.x1
    if line is not None and end is not None:
        ends[line] = end
    aligned = False
    run, last = 0, -100
    for key in sorted(gaps):
        run = run + 1 if key - last <= 5 else 1  # lines within 2.5 em of each other
        last = key
        if run >= MIN_ROWS:
            aligned = True
            break
    if not any(n >= 2 for n in gaps.values()):
        return aligned, False
    sizes: dict[int, float] = {}  # each band's largest glyph, on a page with a line of three cells only
    for g in raw.glyphs:
        if g.text != " ":
            key = int(g.y1 / band)
            if g.size > sizes.get(key, 0.0):
                sizes[key] = g.size
    lines = sorted(k for k in ends if k * band < FURNITURE_ZONE * raw.height)
    while lines and sizes[lines[-1]] < NOTE_SIZE * em and gaps.get(lines[-1], 0) < 2:
        lines.pop()  # notes under the text (a table's rows may be set small too)
    # two gaps or more (three cells: ``foot.py``'s rows); the first line may be the running head
    return aligned, any(gaps.get(k, 0) >= 2 for k in lines[:3] + lines[-2:])


def find_aligned_tables(raw: RawPage, em: float, found: list[Block], index: GlyphIndex | None = None) -> list[Block]:
    """The blocks found so far, with the page's borderless tables added (doubtful ones as paragraphs).

    Call it where ``alignment`` finds aligned lines (the cheap test). A ruled table of a header row
    alone right above a borderless block (the rules over and under a header, the table's
    foot on a later page) is that block's header: the two become one table.
    """
    found = list(found)
    index = index or GlyphIndex(raw.glyphs)
    mono = {i for i, f in enumerate(raw.fonts) if f.mono}
    glyphs = [g for g in raw.glyphs if g.font not in mono] if mono else raw.glyphs
    glyphs = index.outside(glyphs, [b.bbox for b in found])  # the regions found so far are no rows of a table
    rows = _rows(_segments(glyphs, em))
    hlines = horizontal_rules(raw.drawings) if raw.drawings else []
    for lead, body in _blocks_by_column(rows, em, raw.width, 0.9 * raw.height):
        if _index_entries(body):
            continue  # a book's index set in columns (``_not_a_table`` would refuse its cells): no grid built
        box = _boxes_union([s.box for row in body for s in row if len(s.text) < PROSE_SEGMENT or _long_label_row(row)])
        box = BBox(box.x0 - 0.5, box.y0 - 0.5, box.x1 + 0.5, box.y1 + 0.5)
        head = next((b for b in found if _is_header_above(b, box, em)), None)
        labels = _section_labels(lead, box, em)
        if head is None and labels:  # section labels between a ruled header and the rows
            top = _boxes_union([s.box for row in labels for s in row])
            head = next((b for b in found if _is_header_above(b, top, em)), None)
            if head is not None:
                box = _boxes_union([box, top])
        if head is not None:
            box = _boxes_union([box, head.bbox])
        if any(_overlaps(box, b.bbox) for b in found if b is not head):
            continue
        # a rule inside the block marks the foot of its header; rules at its top and foot bound nothing
        rules = [r for r in hlines if box.y0 + 0.5 * em < (r.y0 + r.y1) / 2 < box.y1 - 0.5 * em][:1]
        block = table_block(raw, box, rules, [], em, index=index, keep=lambda attrs: not _not_a_table(attrs))
        if block is None:
            continue
        if head is not None:
            found.remove(head)
        if _not_a_table(block.attrs):
            if head is not None:
                found.append(head)
            continue  # its lines go the way of the page's text
        doubt = _judge(block)
        verdict = doubt or _text_column_beside(raw, block, em)
        if verdict and has_math([g for g in raw.glyphs if _center_in(g, box)], raw.fonts):
            continue  # aligned rows of math (``cases``, an equation and its number): the displays' search decides
        keys = False
        if doubt and verdict == doubt:  # no numbers, few short cells: keys and values, if the page shows them plainly
            why = as_key_value(block, em, raw)
            keys = not why
            verdict = f"{verdict}; {why}" if why else ""
        if verdict:
            found.extend(_as_paragraphs(raw, box, verdict))
        else:
            block.attrs["ruled"] = False
            block.attrs["rules"] = "partial" if rules else "none"
            block.reason = "keys and values aligned by white space" if keys else "columns aligned by white space"
            found.append(block)
    return found


def _section_labels(lead: Rows, box: BBox, em: float) -> Rows:
    """The last lead lines that start at the table's left edge (or indented a little): section labels."""
    labels: Rows = []
    for row in reversed(lead):
        if not box.x0 - 0.5 * em <= row[0].box.x0 <= box.x0 + 3 * em or _CAPTION.match(row[0].text):
            break
        labels.insert(0, row)
    return labels


def _is_header_above(block: Block, box: BBox, em: float) -> bool:
    """A ruled table of one or two rows (a header between two rules) right above the box, as wide."""
    if block.kind is not BlockKind.TABLE or block.attrs.get("rows", 0) > 2 or not 0 <= box.y0 - block.bbox.y1 < 2 * em:
        return False
    return min(box.x1, block.bbox.x1) - max(box.x0, block.bbox.x0) > 0.6 * (box.x1 - box.x0)


def _candidate_blocks(rows: Rows, em: float, foot: float) -> list[tuple[Rows, Rows]]:
    """Runs of tabular lines, with the short lone lines between them (section labels, spanning heads).

    Each comes with its lead: the lone lines right above it that it did not take (section
    labels under a header that rules set apart, or a title).
    """
    found: list[tuple[Rows, Rows]] = []
    lead: Rows = []
    body: Rows = []
    pending: Rows = []  # lone lines close above each other, waiting for a tabular line under them
    previous_bottom = -1e9
    gaps: list[float] = []  # between the rows of the current body: a table set loosely allows wider gaps
    for row in rows:
        top = min(s.box.y0 for s in row)
        gap = top - previous_bottom
        allowed = ROW_GAP_EM * em
        if len(gaps) >= 2:
            allowed = min(max(allowed, 2 * sorted(gaps)[len(gaps) // 2]), MAX_ROW_GAP_EM * em)
        close = gap <= allowed
        if body and close:
            gaps.append(gap)
        elif not close:
            gaps = []
        if _tabular(row) or (body and close and _continues_columns(row, body[-1], em)):
            if body and close:
                body.extend(pending)
            elif body:
                found.append((lead, body))
                body = []
            if not body:
                pending = pending if close else []
                body = _lone_heads(pending, row, em)
                lead = pending[: len(pending) - len(body)]
            body.append(row)
            pending = []
        elif close and len(row) == 1 and len(row[0].text) <= LABEL_CHARS and not _LEADERS.search(row[0].text):
            pending.append(row)
        else:
            if body:
                if pending and top > foot:  # labels at the foot of the page: the table goes on overleaf
                    body.extend(_trailing_labels(pending, body, em))
                found.append((lead, body))
            body, pending = [], []
            if len(row) == 1 and len(row[0].text) <= LABEL_CHARS:
                pending = [row]  # may head the table under it
        previous_bottom = max(s.box.y1 for s in row)
    if body:
        body.extend(_trailing_labels(pending, body, em))
        found.append((lead, body))
    found = [_with_first_label(lead, body, em) for lead, body in _sections_joined(found, rows, em)]
    return [(lead, body) for lead, body in found if sum(_tabular(r) for r in body) >= MIN_ROWS]


def _continues_columns(row: list[Segment], last: list[Segment], em: float) -> bool:
    """A row of as many cells as the table's last row, each starting where that row's does: a row of it.

    Supply voltage    5 V DC              <- tabular: short cells
    Output            RS-485 Modbus RTU   <- a value too long to be "short", but in the same columns

    Two cells at least, none longer than two short cells, a label longer than a list marker; every
    left edge within half an em of the row above's (two columns of prose start at the
    same edges too, but their lines are of prose length).
    """
    if len(row) < 2 or len(row) != len(last) or len(row[0].text) <= 3:
        return False
    if any(len(s.text) > 2 * SHORT_SEGMENT or _LEADERS.search(s.text) for s in row):
        return False
    return all(abs(a.box.x0 - b.box.x0) < 0.5 * em for a, b in zip(row, last))


def _blocks_by_column(rows: Rows, em: float, width: float, foot: float) -> list[tuple[Rows, Rows]]:
    """Candidate blocks, sought in each column of a two-column page (a row there joins both columns' lines).

    A table that spans both columns is found in halves, one beside the other on the
    same lines: the halves are joined again.
    """
    gutter = _gutter(rows, em, width)
    if gutter is None:
        gutter = text_column_gutter(rows, em)  # a text column beside an infobox: keys.py
    if gutter is None:
        return _candidate_blocks(rows, em, foot)
    halves = []
    for side in (lambda seg: seg.box.x1 <= gutter, lambda seg: seg.box.x0 >= gutter):
        part = [kept for row in rows if (kept := [seg for seg in row if side(seg)])]
        halves.append(_candidate_blocks(part, em, foot))
    found = list(halves[0])
    for lead, body in halves[1]:
        twin = next((k for k, (_, other) in enumerate(found) if _same_lines(body, other)), None)
        if twin is None:
            found.append((lead, body))
            continue
        other_lead, other = found[twin]
        joined = _rows([seg for row in other + body for seg in row])
        found[twin] = (other_lead, joined)
    return found


def _gutter(rows: Rows, em: float, width: float) -> float | None:
    """The white channel between the two columns of a page set in two, from its lines of prose."""
    prose = [s.box for row in rows for s in row if len(s.text) >= PROSE_SEGMENT or s.box.width > 20 * em]
    middle = width / 2
    left = sorted(b.x1 for b in prose if b.x1 <= middle + 2 * em)
    right = sorted(b.x0 for b in prose if b.x0 >= middle - 2 * em)
    across = sum(1 for b in prose if b.x0 < middle - 2 * em and b.x1 > middle + 2 * em)
    if len(left) < 3 or len(right) < 3 or across > min(len(left), len(right)) / 2:
        return None
    edge_left, edge_right = left[len(left) // 2], right[len(right) // 2]
    return (edge_left + edge_right) / 2 if edge_right - edge_left > 0.5 * em else None


def _same_lines(a: Rows, b: Rows) -> bool:
    """Two blocks on (nearly) the same lines: the halves of one table."""
    top_a, bottom_a = min(s.box.y0 for s in a[0]), max(s.box.y1 for s in a[-1])
    top_b, bottom_b = min(s.box.y0 for s in b[0]), max(s.box.y1 for s in b[-1])
    shared = min(bottom_a, bottom_b) - max(top_a, top_b)
    return shared > 0.8 * min(bottom_a - top_a, bottom_b - top_b)


def _trailing_labels(pending: Rows, body: Rows, em: float) -> Rows:
    """Short lone lines at the table's left edge under its last row, at the foot of a page (a section label)."""
    left = min(row[0].box.x0 for row in body)
    if all(abs(row[0].box.x0 - left) < 3 * em and len(row[0].text) <= SHORT_SEGMENT * 2 for row in pending):
        return pending
    return []


def _lone_heads(pending: Rows, first: list[Segment], em: float) -> Rows:
    """Lone lines right above a table that sit over its value columns (a head spanning them), not its left edge;
    and a header row set with word spaces only, its words starting on the first row's cells' left edges."""
    if pending and _header_on_edges(pending[-1], first, em):
        return [pending[-1]]
    left = first[0].box.x1 + em
    heads: Rows = []
    for row in reversed(pending):
        if row[0].box.x0 < left or len(row[0].text) > SHORT_SEGMENT or _CAPTION.match(row[0].text):
            break
        heads.insert(0, row)
    return heads


def _header_on_edges(row: list[Segment], first: list[Segment], em: float) -> bool:
    """One line whose words start where each cell of the row under it starts (three cells or more).

    Station Mean Min Max Days     <- word spaces only, no cell gap: one segment
    West    -4.6 -9  7   304      <- five cells, each starting under a word of the line above
    """
    if len(row) != 1 or len(first) < 3 or _CAPTION.match(row[0].text):
        return False
    words = [row[0].box.x0] + [s.x for s in word_starts(row[0].glyphs, em)]
    return all(any(abs(w - seg.box.x0) <= SAME_EDGE_PT for w in words) for seg in first)


def _not_a_table(attrs: dict[str, Any]) -> bool:
    """Too few rows of several cells, a table of contents or an index: no table, and no doubt about it."""
    cells = [c for c in attrs["cells"] if c["text"]]
    filled: dict[int, int] = {}
    for cell in cells:
        filled[cell["row"]] = filled.get(cell["row"], 0) + 1
    multi = sum(1 for count in filled.values() if count >= 2)
    if multi < MIN_ROWS or multi < 0.5 * len(filled) or _contents_list(cells, attrs["cols"]):
        return True
    return sum(bool(_INDEX_ENTRY.search(str(c["text"]))) for c in cells) >= 0.5 * len(cells)


def _index_entries(body: Rows) -> bool:
    """Half the block's pieces of text or more are index entries, as ``_not_a_table`` tells from a grid's cells.

    The pieces are the cells' text before any grid is built. A wrapped entry's first line (no page number
    yet) counts as no entry, and so does the page numbers' piece of an entry whose words are in a
    monospaced font (left out of the rows): a block passes this test less often than its cells would
    (on the bench's documents: 40 blocks, every one refused by its cells as well).
    """
    texts = [s.text for row in body for s in row if s.text]
    return sum(bool(_INDEX_ENTRY.search(text)) for text in texts) >= 0.5 * len(texts)


def _judge(block: Block) -> str:
    """Empty when the grid is a table; else why its text stays a paragraph (a table of low confidence)."""
    cells = [c for c in block.attrs["cells"] if c["text"]]
    cols = block.attrs["cols"]
    filled_rows = len({c["row"] for c in cells})
    values = [c for c in cells if c["col"] > 0]
    numbers = sum(bool(_NUMBER.match(str(c["text"]).strip())) for c in values)
    if values and numbers >= 0.4 * len(values):
        return ""
    short = sum(len(str(c["text"])) <= 2 * SHORT_SEGMENT for c in cells)
    if cols >= 3 and filled_rows >= 4 and short >= 0.8 * len(cells):
        return ""
    if filled_rows > MIN_ROWS and len(cells) == filled_rows * cols and _bold_head_only(block):
        return ""  # a full grid under a bold head row (a data sheet's parameters and values)
    return f"aligned text of low confidence: {cols} columns, {numbers} numbers in {len(values)} value cells"


def _text_column_beside(raw: RawPage, block: Block, em: float) -> str:
    """Why the grid is no table when its first or last column is a column of the page's text: lines
    no wider than that column run on right above and right below the rows (a prose column beside
    an infobox, its lines cut into the rows of the box); else empty."""
    cells = [c for c in block.attrs["cells"] if c["text"]]
    cols, box = block.attrs["cols"], block.bbox
    for outer, inner in ((0, 1), (cols - 1, cols - 2)):
        mine = [c["bbox"] for c in cells if c["col"] == outer]
        rest = [c["bbox"] for c in cells if c["col"] == inner]
        if cols < 2 or not mine or not rest:
            continue
        if outer == 0:
            left, right = min(b[0] for b in mine) - em, min(b[0] for b in rest)
        else:
            left, right = max(b[2] for b in rest), max(b[2] for b in mine) + em
        reach = TEXT_RUNS_ON_EM * em
        above = _lines_between(raw, box.y0 - reach, box.y0, left, right)
        below = _lines_between(raw, box.y1, box.y1 + reach, left, right)
        if min(above, below) >= TEXT_COLUMN_LINES:
            return f"aligned text of low confidence: column {outer + 1} is a column of the page's text running on"
    return ""


def _lines_between(raw: RawPage, top: float, bottom: float, left: float, right: float) -> int:
    """How many lines of text between ``top`` and ``bottom`` lie between ``left`` and ``right``."""
    glyphs = [g for g in raw.glyphs if g.text != " " and top < (g.y0 + g.y1) / 2 < bottom]
    runs = split_runs(sorted(glyphs, key=lambda g: (round(g.y1), g.x0)))
    return sum(left <= min(g.x0 for g in run) and max(g.x1 for g in run) <= right + 0.5 for run in runs)


def _bold_head_only(block: Block) -> bool:
    """The first row's lines are all bold and no other line is: a header set apart by its style."""
    heads = [c["bbox"][3] for c in block.attrs["cells"] if c["row"] == 0 and c["text"]]
    if not heads:
        return False
    foot = max(heads)
    top = [line for line in block.lines if line.bbox.y1 <= foot + 0.5]
    rest = [line for line in block.lines if line.bbox.y1 > foot + 0.5]
    return bool(top) and bool(rest) and all(line.bold for line in top) and not any(line.bold for line in rest)


def _contents_list(cells: list[dict[str, Any]], cols: int) -> bool:
    """Titles with page numbers: the last column plain integers that never decrease, in a table of 2 or 3 columns."""
    last = [str(c["text"]) for c in sorted(cells, key=lambda c: c["row"]) if c["col"] + c.get("colspan", 1) == cols]
    if cols > 3 or len(last) < MIN_ROWS or not all(text.isdigit() for text in last):
        return False
    return all(int(a) <= int(b) for a, b in zip(last, last[1:]))


def _as_paragraphs(raw: RawPage, box: BBox, reason: str) -> list[Block]:
    """The region's text in reading order, the decision recorded on each block."""
    glyphs = [g for g in raw.glyphs if _center_in(g, box)]
    sub = RawPage(raw.number, raw.width, raw.height, raw.rotation, glyphs, raw.fonts)
    blocks = [block for segment in column_order(build_lines(sub)) for block in build_blocks(segment, raw.number)]
    for block in blocks:
        if block.kind is BlockKind.PARAGRAPH:
            block.reason = reason
    return blocks


def _overlaps(a: BBox, b: BBox) -> bool:
    return min(a.x1, b.x1) > max(a.x0, b.x0) and min(a.y1, b.y1) > max(a.y0, b.y0)
