"""A borderless table set in sections: blocks apart by white space, joined where their columns go on.

    Net Asset Value per unit     104.03
    Total investment result    1,969,797
                                          <- a wider gap than between the rows
    Investment result per unit            <- a section label at the table's left edge
    Revaluation                     3.99  <- the same columns go on
"""

from __future__ import annotations

from .segments import _CAPTION, Rows, Segment, _tabular

#: a table set in sections goes on over white space up to this (em) where its columns go on
SECTION_GAP_EM = 5.0


def _sections_joined(found: list[tuple[Rows, Rows]], rows: Rows, em: float) -> list[tuple[Rows, Rows]]:
    """Blocks one under another with the same columns, apart only by white space and section labels: one table.

    Net Asset Value per unit     104.03
    Total investment result    1,969,797
                                          <- a wider gap than between the rows
    Investment result per unit            <- a section label at the table's left edge
    Revaluation                     3.99  <- the same columns go on
    """
    joined: list[tuple[Rows, Rows]] = []
    for lead, body in found:
        if joined and _next_section(joined[-1][1], lead, body, rows, em):
            joined[-1] = (joined[-1][0], joined[-1][1] + lead + body)
        else:
            joined.append((lead, body))
    return joined


def _next_section(upper: Rows, lead: Rows, lower: Rows, rows: Rows, em: float) -> bool:
    bottom = max(s.box.y1 for s in upper[-1])
    top = min(s.box.y0 for s in (lead or lower)[0])
    if top - bottom > SECTION_GAP_EM * em:
        return False
    between = [r for r in rows if bottom < min(s.box.y0 for s in r) < top]
    left = min(r[0].box.x0 for r in upper)
    size = _body_size(upper)
    if between or any(not _is_label(r, left, size, em) for r in lead):
        return False  # a line of text between them, or a lead line that is no section label (a title)
    return _same_columns(upper, lower, em)


def _is_label(row: list[Segment], left: float, size: float, em: float) -> bool:
    """A section label: alone on its line, at the table's left edge, no larger than its rows, no caption."""
    segment = row[0]
    if len(row) != 1 or abs(segment.box.x0 - left) > 0.5 * em or _CAPTION.match(segment.text):
        return False
    return segment.glyphs[0].size <= size + 0.5


def _body_size(body: Rows) -> float:
    """The font size of most of the block's segments."""
    sizes = sorted(s.glyphs[0].size for r in body for s in r)
    return sizes[len(sizes) // 2]


def _same_columns(a: Rows, b: Rows, em: float) -> bool:
    """The same count of cells in most rows, labels at one left edge, and each value column over the other's."""
    profile_a, profile_b = _columns(a), _columns(b)
    if not profile_a or len(profile_a) != len(profile_b) or abs(profile_a[0][0] - profile_b[0][0]) > 0.5 * em:
        return False
    return all(min(x1, v1) > max(x0, v0) for (x0, x1), (v0, v1) in zip(profile_a[1:], profile_b[1:]))


def _columns(body: Rows) -> list[tuple[float, float]]:
    """The x-extent of each column over the tabular rows with the usual count of cells."""
    tabular = [r for r in body if _tabular(r)]
    if not tabular:
        return []
    counts = [len(r) for r in tabular]
    usual = max(set(counts), key=counts.count)
    ranges = [(min(r[k].box.x0 for r in tabular if len(r) == usual), 0.0) for k in range(usual)]
    return [(x0, max(r[k].box.x1 for r in tabular if len(r) == usual)) for k, (x0, _) in enumerate(ranges)]


def _with_first_label(lead: Rows, body: Rows, em: float) -> tuple[Rows, Rows]:
    """A table set in sections takes the label of its first section from its lead (the lone lines above it).

    Class A                          <- the lead's last line, at the left edge like "Class B" below
    Net Asset Value          104.03
    Class B                          <- a section label inside the table
    """
    left = min(r[0].box.x0 for r in body)
    size = _body_size(body)
    if not any(len(r) == 1 and not _tabular(r) and abs(r[0].box.x0 - left) < 0.5 * em for r in body):
        return lead, body
    taken = 0
    for row in reversed(lead):
        if not _is_label(row, left, size, em):
            break
        taken += 1
    return lead[: len(lead) - taken], lead[len(lead) - taken :] + body
