"""The validity gate: a formula is written as LaTeX only when its structure is the page's.

Garbled LaTeX is worse than plain text (a model trained on it learns it), so every
formula passes these checks before it is written, and one that fails is written as
the page's plain text instead:

- geometry, while the formula is built: a row read left to right holds no glyphs
  stacked over each other (that would mix the glyphs of two lines); a script has a
  base before it and does not stand over or under the glyph that follows its base
  (limits read as scripts of the wrong glyph: ``\\Sigma i^{n}=1``); a matrix or
  ``cases`` only where its cells line up in rows and columns; a ``{..}`` over several
  lines is a matrix only with two columns or more (a set written over two lines is
  not one); rows of a display are ``aligned`` only on a relation, ``gathered`` only
  when centred on one axis;
- the LaTeX written: groups balanced (``{}``, ``\\left``/``\\right``,
  ``\\begin``/``\\end``), and every letter and digit of the glyphs used once: the
  LaTeX reduced to its characters has the same letters and digits as the glyphs.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

from .glyphs import _ACCENTS, _FUNCTIONS, _GREEK, _LARGE_OPERATORS, _SYMBOLS, styled_letter
from .layout import Atom, NotConfident, _cx, _cy

#: the letters and digits a command stands for (``\\alpha`` is α, ``\\sin`` is "sin"); others stand for none
_COMMAND_CHARS = {name: char for char, name in _GREEK.items()} | {name: name for name in _FUNCTIONS}
_COMMAND_CHARS |= {"ell": "ℓ", "imath": "ı", "jmath": "ȷ", "hbar": "ℏ", "aleph": "ℵ", "wp": "℘"}
_ENVIRONMENT = re.compile(r"\\(?:begin|end)\{[a-zA-Z*]+\}")
_COMMAND = re.compile(r"\\([A-Za-z]+)")
#: stacked: two full-size atoms of one row that overlap this much sideways lie on different lines
STACKED_OVERLAP = 0.3
#: cells of one column line up (left, centre or right) within this many em
COLUMN_SLACK_EM = 0.6
#: glyphs that only make sense with what they enclose or cover: never a row of a display by themselves
_PART_OF_A_STRUCTURE = set("√()[]{}⟨⟩|‖⌊⌋⌈⌉")


# -- geometry (called while the formula is built) ------------------------------------------------


def check_row(atoms: Sequence[Atom], size: float) -> None:
    """Raise when a row read left to right would mix glyphs of lines stacked over each other."""
    full = [a for a in atoms if a.kind != "struct" and a.size >= 0.9 * size and a.box.width > 0]
    full.sort(key=lambda a: a.box.x0)
    for i, a in enumerate(full):
        for b in full[i + 1 :]:
            if b.box.x0 >= a.box.x1:
                break
            overlap = min(a.box.x1, b.box.x1) - max(a.box.x0, b.box.x0)
            apart = abs(_cy(a) - _cy(b)) > 0.6 * size and abs(a.base - b.base) > 0.6 * size
            if apart and overlap > STACKED_OVERLAP * min(a.box.width, b.box.width):
                raise NotConfident(f"glyphs {a.char or a.latex!r} and {b.char or b.latex!r} stacked in one row")


def check_scripts(base: Atom | None, scripts: Sequence[Atom], following: Atom | None) -> None:
    """Raise when scripts hang on nothing, or stand over or under the glyph after their base.

    In the page's reading order a base's scripts come after it and before the next glyph of the
    row; a script that overlaps that next glyph sideways by more than STACKED_OVERLAP of the
    narrower box sits over or under it (a limit, a stacked line), and reading it as a script of
    the base would reorder the page's glyphs.
    """
    if not scripts:
        return
    if base is None:
        raise NotConfident(f"a script {''.join(a.char or a.latex for a in scripts)!r} with no base before it")
    if following is None or following.box.width <= 0:
        return
    for script in scripts:
        overlap = min(script.box.x1, following.box.x1) - max(script.box.x0, following.box.x0)
        if script.box.width > 0 and overlap > STACKED_OVERLAP * min(script.box.width, following.box.width):
            raise NotConfident(
                f"script {script.char or script.latex!r} over or under {following.char or following.latex!r},"
                " the glyph after its base"
            )


def check_grid(cells: list[list[list[Atom]]], size: float, opening: str) -> None:
    """Raise unless the cells of a matrix (or ``cases``) line up in rows and columns."""
    if len(cells) < 2:
        raise NotConfident("a matrix of one row")
    if len({len(row) for row in cells}) != 1:
        raise NotConfident("ragged matrix")
    columns = len(cells[0])
    if opening == "{" and columns < 2:
        raise NotConfident("a brace over several lines with one column: a set written over lines, not a matrix")
    slack = COLUMN_SLACK_EM * size
    spans = []
    for j in range(columns):
        boxes = [(min(a.box.x0 for a in row[j]), max(a.box.x1 for a in row[j])) for row in cells]
        lefts, rights = [b[0] for b in boxes], [b[1] for b in boxes]
        centres = [(b[0] + b[1]) / 2 for b in boxes]
        if min(_spread(lefts), _spread(rights), _spread(centres)) > slack:
            raise NotConfident(f"column {j + 1} of a matrix does not line up")
        spans.append((min(lefts), max(rights)))
    for (_, right), (left, _) in zip(spans, spans[1:]):
        if left <= right:
            raise NotConfident("matrix columns overlap")


def check_aligned(rows: Sequence[Sequence[Atom]], marks: Sequence[Atom | None], size: float) -> str:
    """How several rows of a display go together: "aligned" on a relation, "gathered" centred; else raise."""
    for row in rows:
        if len(row) == 1 and (row[0].char in _PART_OF_A_STRUCTURE or row[0].char in _LARGE_OPERATORS):
            raise NotConfident(f"a lone {row[0].char!r} as a row of its own: a structure not rebuilt")
    if all(marks) and max(_cx(m) for m in marks if m) - min(_cx(m) for m in marks if m) < 0.3 * size:
        return "aligned"
    centres = [(min(a.box.x0 for a in row) + max(a.box.x1 for a in row)) / 2 for row in rows]
    lefts = [min(a.box.x0 for a in row) for row in rows]
    if _spread(centres) < 1.0 * size:
        return "gathered"
    if _spread(lefts) < 0.3 * size:
        return "aligned-left"
    raise NotConfident("rows of a display that neither align on a relation nor share a centre")


def _spread(values: Iterable[float]) -> float:
    values = list(values)
    return max(values) - min(values)


# -- the LaTeX written -----------------------------------------------------------------------------


def check_latex(latex: str, chars: Iterable[str]) -> str | None:
    """Why this LaTeX may not stand for glyphs with these characters; None when it may."""
    if not balanced(latex):
        return "unbalanced groups"
    want = _alphanumerics(chars)
    have = Counter(c for c in reduce_latex(latex) if c.isalnum())
    if want != have:
        missing = "".join(sorted((want - have).elements()))
        extra = "".join(sorted((have - want).elements()))
        return f"glyphs not used once: missing {missing!r}, extra {extra!r}"
    return None


def balanced(latex: str) -> bool:
    """Braces, ``\\left``/``\\right`` and ``\\begin``/``\\end`` in pairs and well nested."""
    depth = 0
    i = 0
    while i < len(latex):
        c = latex[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth < 0:
                return False
        i += 1
    if depth:
        return False
    if len(re.findall(r"\\left(?![a-z])", latex)) != len(re.findall(r"\\right(?![a-z])", latex)):
        return False
    stack: list[str] = []
    for match in re.finditer(r"\\(begin|end)\{([a-zA-Z*]+)\}", latex):
        if match.group(1) == "begin":
            stack.append(match.group(2))
        elif not stack or stack.pop() != match.group(2):
            return False
    return not stack


def reduce_latex(latex: str) -> str:
    """The characters a formula's LaTeX shows: commands for letters as the letters, structure dropped."""
    text = _ENVIRONMENT.sub(" ", latex)
    text = re.sub(r"\\tag\{[^}]*\}", " ", text)
    return _COMMAND.sub(lambda m: _COMMAND_CHARS.get(m.group(1), " "), text)


def _alphanumerics(chars: Iterable[str]) -> Counter[str]:
    counted: Counter[str] = Counter()
    for char in chars:
        styled = styled_letter(char)
        if styled is not None:
            char = styled[0]
        if char in _ACCENTS:
            continue  # an accent over a letter (ˉ is a "modifier letter" to Unicode)
        if char in _SYMBOLS:
            char = reduce_latex(_SYMBOLS[char])  # µ is \\mu is μ; ∞ is no letter
        counted.update(c for c in unicodedata.normalize("NFD", char) if c.isalnum())
    return counted
