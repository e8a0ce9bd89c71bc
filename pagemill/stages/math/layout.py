"""Layout atoms and the geometry among them: rows, columns, scripts, limits, stacked pieces."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from ...model import BBox, Drawing, Glyph
from .glyphs import _LIMIT_FUNCTIONS

#: a glyph this much smaller than the base is a script (when also raised or lowered)
SCRIPT_SIZE = 0.9
#: ... or raised / lowered by this many em without being smaller (primes, spaced scripts)
SCRIPT_SHIFT_EM = 0.25
#: matrix columns / aligned parts are further apart than this
COLUMN_GAP_EM = 0.75
#: a delimiter taller than this many em encloses several rows
TALL_EM = 1.6


@dataclass(slots=True)
class Atom:
    """A piece of a formula: one symbol, or a built structure (fraction, root, operator with limits)."""

    latex: str
    box: BBox
    size: float
    base: float  # baseline
    kind: str = "ord"  # ord, rel, bin, op, open, close, punct, struct
    char: str = ""
    upright: bool = False
    scripts: dict[str, str] = field(default_factory=dict)
    #: a letter of a word set upright (a named text font, KaTeX's main font): ``\\text{if}``, ``\\sin``
    wordlike: bool = False
    #: a letter whose font tells nothing of its slant (a browser's nameless copy of MathJax's fonts)
    unknown_slant: bool = False


class NotConfident(Exception):
    """The glyphs do not make a formula we can rebuild with confidence."""


def _relation_bars(atoms: list[Atom]) -> list[Atom]:
    """A bar with a relation's space on both sides is ``\\mid`` (P(A | B)), not an absolute value."""
    for bar in (a for a in atoms if a.char in ("|", "∣") and a.box.height < 1.5 * a.size):
        line = [a for a in atoms if a is not bar and abs(a.base - bar.base) < 0.2 * bar.size]
        left = [bar.box.x0 - a.box.x1 for a in line if a.box.x1 <= bar.box.x0 + 0.5]
        right = [a.box.x0 - bar.box.x1 for a in line if a.box.x0 >= bar.box.x1 - 0.5]
        if left and right and min(left) > 0.2 * bar.size and min(right) > 0.2 * bar.size:
            bar.latex, bar.kind = r"\mid", "rel"
    return atoms


def _join_pieces(atoms: list[Atom]) -> list[Atom]:
    """Pieces of one tall delimiter (top, extension, bottom: ⎛ ⎜ ⎝) stacked into one atom."""
    pieces = sorted((a for a in atoms if a.kind in ("open", "close") and a.char in "()[]{}|"), key=lambda a: a.box.y0)
    if len(pieces) < 2:
        return atoms
    joined: list[Atom] = []
    gone: set[int] = set()
    for piece in pieces:
        if id(piece) in gone:
            continue
        stack = [piece]
        for other in pieces:
            last = stack[-1]
            if id(other) in gone or other is piece or other.char != piece.char or other.box.y0 < last.box.y0:
                continue
            if abs(other.box.x0 - last.box.x0) < 0.15 * last.size and other.box.y0 - last.box.y1 < 0.3 * last.size:
                stack.append(other)
        if len(stack) > 1:
            gone.update(id(a) for a in stack)
            box = _union([a.box for a in stack])
            joined.append(
                Atom(
                    stack[0].latex,
                    box,
                    stack[0].size,
                    (box.y0 + box.y1) / 2 + 0.25 * stack[0].size,
                    stack[0].kind,
                    stack[0].char,
                )
            )
    return [a for a in atoms if id(a) not in gone] + joined


def join_rule_pieces(rules: Sequence[Drawing]) -> list[Drawing]:
    """Pieces of one rule (groff draws a fraction bar as overlapping strokes a few points long) joined into one.

    Pieces join where they lie on one line (tops and bottoms within 0.3 pt) and touch or overlap
    (a gap under half a point): two fraction bars side by side are an em or more apart.
    """
    joined: list[Drawing] = []
    for rule in sorted(rules, key=lambda r: r.x0):
        k = next((k for k, j in enumerate(joined) if _same_line(j, rule) and rule.x0 <= j.x1 + 0.5), None)
        if k is None:
            joined.append(rule)
        else:
            joined[k] = joined[k]._replace(x1=max(joined[k].x1, rule.x1))
    return joined


def _same_line(a: Drawing, b: Drawing) -> bool:
    return abs(a.y0 - b.y0) < 0.3 and abs(a.y1 - b.y1) < 0.3


def _limit_group(
    atoms: list[Atom], op: Atom, box: BBox, above: bool, others: Sequence[BBox] = (), main: float = 0.0
) -> list[Atom]:
    """Smaller atoms stacked right over (or under) ``box``, grown along their own line.

    Limits are set smaller than the operator and than the formula's text (``main``, its full size):
    an operator set in a larger font (LibreOffice Math's ∑ of 17.5 pt in a 12 pt formula) takes no
    full-size glyphs of a line over it (another formula) as its limits.
    """
    reach = 1.5 * op.size
    slack = 0.3 * op.size
    largest = min(op.size * 0.95, 0.9 * main) if main else op.size * 0.95

    def stacked(a: Atom) -> bool:
        if a is op or a.size >= largest or not (box.x0 - slack <= _cx(a) <= box.x1 + slack):
            return False
        if above:
            return box.y0 - reach < a.box.y1 <= box.y0 + 0.2 * a.size
        return box.y1 - 0.2 * a.size <= a.box.y0 < box.y1 + reach

    group = [a for a in atoms if stacked(a)]
    if not group:
        return []
    grown = True
    while grown:
        grown = False
        for a in atoms:
            if a is op or a in group or a.size >= largest:
                continue
            if any(o.x0 - 0.1 * a.size <= _cx(a) <= o.x1 + 0.1 * a.size for o in others):
                continue  # over or under the next operator: its limits, not ours
            if any(_next_to(a, m) for m in group):  # on a member's line, right beside it
                group.append(a)
                grown = True
    return group


def _next_to(a: Atom, b: Atom) -> bool:
    same_line = abs(_cy(a) - _cy(b)) < 0.35 * min(a.size, b.size)
    return same_line and min(abs(a.box.x0 - b.box.x1), abs(b.box.x0 - a.box.x1)) < 0.25 * a.size


def _function_words(atoms: list[Atom]) -> list[tuple[str, list[Atom]]]:
    """Runs of upright letters that spell lim, max, sup, ... (functions that take limits)."""
    letters = sorted((a for a in atoms if a.upright or a.unknown_slant), key=lambda a: a.box.x0)
    found = []
    i = 0
    while i < len(letters):
        for length in (6, 3):
            run = letters[i : i + length]
            word = "".join(a.char for a in run)
            adjacent = all(
                b.box.x0 - a.box.x1 < 0.2 * a.size and abs(a.base - b.base) < 0.1 * a.size for a, b in zip(run, run[1:])
            )
            if len(run) == length and word in _LIMIT_FUNCTIONS and adjacent:
                found.append((word, run))
                i += length
                break
        else:
            i += 1
    return found


def _script_side(atom: Atom, base_size: float, main: float) -> str | None:
    shift = main - atom.base  # positive: raised
    if atom.kind == "struct":
        return None
    if atom.kind in ("open", "close") and atom.box.height >= SCRIPT_SIZE * base_size:
        return None  # a delimiter as tall as the row, set in a smaller font (LibreOffice Math's scaled brackets)
    smaller = atom.size < SCRIPT_SIZE * base_size
    if smaller and abs(shift) > 0.1 * base_size:
        return "^" if shift > 0 else "_"
    if atom.char in ("′", "'") and shift > 0:
        return "^"
    if abs(shift) > SCRIPT_SHIFT_EM * base_size and smaller:
        return "^" if shift > 0 else "_"
    return None


def _split_rows(atoms: list[Atom]) -> list[list[Atom]]:
    """Atoms in rows: full-size atoms by baseline, scripts to the row whose band they touch."""
    if not atoms:
        return []
    size = _main_size(atoms)
    full = sorted((a for a in atoms if a.size >= SCRIPT_SIZE * size), key=lambda a: a.base)
    bases: list[list[float]] = []
    for atom in full:
        if bases and atom.base - bases[-1][-1] < 0.9 * size:
            bases[-1].append(atom.base)
        else:
            bases.append([atom.base])
    if len(bases) <= 1:
        return [atoms]
    levels = [statistics.median(b) for b in bases]
    rows: list[list[Atom]] = [[] for _ in levels]
    for atom in atoms:
        nearest = min(range(len(levels)), key=lambda k: abs(levels[k] - atom.base))
        rows[nearest].append(atom)
    return [row for row in rows if row]


def _split_columns(row: list[Atom]) -> list[list[Atom]]:
    ordered = sorted(row, key=lambda a: a.box.x0)
    size = _main_size(ordered)
    cells: list[list[Atom]] = [[ordered[0]]]
    right = ordered[0].box.x1
    for atom in ordered[1:]:
        if atom.box.x0 - right > COLUMN_GAP_EM * size:
            cells.append([atom])
        else:
            cells[-1].append(atom)
        right = max(right, atom.box.x1)
    return cells


def _replace(atoms: list[Atom], remove: list[Atom], made: Atom | None) -> list[Atom]:
    gone = {id(a) for a in remove}
    kept = [a for a in atoms if id(a) not in gone]
    return kept + [made] if made is not None else kept


def _grow(atoms: list[Atom], part: list[Atom], rule: Drawing, above: bool, y: float) -> list[Atom]:
    """A numerator or denominator with its scripts, which may reach past the first selection."""
    box = _union([a.box for a in part])
    grown = list(part)
    for a in atoms:
        if a in grown or not (rule.x0 - 1 <= _cx(a) <= rule.x1 + 1):
            continue
        if (above and _cy(a) < y or not above and _cy(a) > y) and a.box.y1 > box.y0 and a.box.y0 < box.y1:
            grown.append(a)
    return grown


def _overlaps_x(a: Atom, op: Atom, group: list[Atom]) -> bool:
    span = _union([g.box for g in group])
    return span.x0 < op.box.x1 and span.x1 > op.box.x0


def _axis_base(atom: Atom) -> float:
    """The baseline a tall symbol centred on the math axis stands for."""
    return (atom.box.y0 + atom.box.y1) / 2 + 0.25 * atom.size


def _main_size(atoms: Sequence[Atom]) -> float:
    """The size of the row's full-size glyphs: the largest, large operators left out.

    A producer that sets ∑ in a larger font (LibreOffice Math, groff eqn) would otherwise make
    every other glyph of the row look like a script.
    """
    sizes = [a.size for a in atoms if a.kind not in ("struct", "op")]
    sizes = sizes or [a.size for a in atoms if a.kind != "struct"] or [a.size for a in atoms]
    return max(sizes)


def _main_base(atoms: Sequence[Atom]) -> float:
    size = _main_size(atoms)
    bases = [a.base for a in atoms if a.size >= SCRIPT_SIZE * size and a.kind not in ("struct", "op")]
    bases = bases or [a.base for a in atoms]
    return statistics.median(bases)


def _union(boxes: list[BBox]) -> BBox:
    return BBox(min(b.x0 for b in boxes), min(b.y0 for b in boxes), max(b.x1 for b in boxes), max(b.y1 for b in boxes))


def _cx(a: Atom) -> float:
    return (a.box.x0 + a.box.x1) / 2


def _cy(a: Atom) -> float:
    return (a.box.y0 + a.box.y1) / 2


#: Adobe Symbol's radical extender (``radicalex``, private use U+F8E5): groff eqn draws a root's bar with it
_RADICAL_EXTENDER = "\uf8e5"


def radical_bars(ink: list[Glyph]) -> tuple[list[Glyph], list[Drawing]]:
    """The glyphs without Symbol's radical extenders, and the bar those draw over a root, as a rule.

    groff eqn sets ``sqrt`` as Symbol's √ and a row of ``radicalex`` glyphs half an em apart. The
    glyph draws its stroke right of its advance, over the second half of its em (Symbol's metrics:
    x from 0.495 to 1.0 em, at the top of the em), so the bar reaches from the first piece's
    middle to the last piece's em end.
    """
    pieces = [g for g in ink if g.text == _RADICAL_EXTENDER]
    if not pieces:
        return ink, []
    bars: list[Drawing] = []
    for row in _rows_of(pieces):
        size = max(g.size for g in row)
        x0, x1 = min(g.x0 for g in row) + 0.495 * size, max(g.x0 for g in row) + size
        top = min(g.y0 for g in row)
        bars.append(Drawing(x0, top, x1, top + 0.02 * size, "hline"))
    return [g for g in ink if g.text != _RADICAL_EXTENDER], bars


def _rows_of(pieces: list[Glyph]) -> list[list[Glyph]]:
    """Pieces on one level and touching, left to right: one bar each."""
    rows: list[list[Glyph]] = []
    for g in sorted(pieces, key=lambda g: (round(g.y0), g.x0)):
        if rows and abs(rows[-1][-1].y0 - g.y0) < 0.1 * g.size and g.x0 - rows[-1][-1].x0 <= 0.6 * g.size:
            rows[-1].append(g)
        else:
            rows.append([g])
    return rows
