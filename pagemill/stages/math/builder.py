"""The builder: LaTeX rebuilt from the glyphs of one formula and the rules drawn among them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...model import BBox, Drawing, Font, Glyph
from .gate import check_aligned, check_grid, check_latex, check_row, check_scripts
from .glyphs import (
    _ACCENTS,
    _CLOSING,
    _CMSY,
    _COMBINING_ACCENTS,
    _FUNCTIONS,
    _LARGE_OPERATORS,
    _MATRIX_ENV,
    _OPENING,
    _PIECES,
    _combined_accent,
    _kind,
    _token,
    baseline,
    font_classes,
    glyph_char,
    styled_letter,
)
from .latex import _aligned, _function_names, _join, _with_limits
from .layout import (
    TALL_EM,
    Atom,
    NotConfident,
    _axis_base,
    _cx,
    _cy,
    _function_words,
    _grow,
    _join_pieces,
    _limit_group,
    _main_base,
    _main_size,
    _relation_bars,
    _replace,
    _script_side,
    _split_columns,
    _split_rows,
    _union,
    join_rule_pieces,
    radical_bars,
)


class Builder:
    """Rebuilds LaTeX from the glyphs of one formula and the rules drawn among them."""

    def __init__(self, fonts: Sequence[Font], rules: Sequence[Drawing] = (), page: Sequence[Glyph] = ()) -> None:
        self.fonts = fonts
        #: the page's other glyphs: a rule with nothing of the formula on one side may have a part of it there
        self.page = page
        self.classes = font_classes(fonts)
        self.math, self.codes = self.classes.math, self.classes.codes
        self.rules = join_rule_pieces([r for r in rules if r.kind == "hline"])
        #: radical signs drawn as paths (KaTeX), each ending where its bar (one of the rules) starts
        self.radicals = [r for r in rules if r.kind == "radical"]
        self.refused = ""

    # the entry point ---------------------------------------------------------------
    def latex(self, glyphs: Sequence[Glyph], display: bool = True) -> str | None:
        """The formula's LaTeX, or None when it does not pass the gate (``self.refused`` says why)."""
        self.refused = ""
        self.row_cuts: list[float] = []
        ink = [g for g in glyphs if g.text.strip() and glyph_char(g, self.codes)]  # "": drawing pieces
        ink, bars = radical_bars(ink)
        try:
            atoms = [self._atom(g) for g in ink]
            chars = [a.char if a.kind == "op" else self._char(g) for a, g in zip(_large_capitals(atoms), ink)]
            atoms = _relation_bars(_join_pieces(atoms))
            if not atoms:
                return None
            atoms = self._structures(atoms, display, self.rules + bars)
            latex = self._rows(atoms, display)
            if latex.startswith(r"\begin{gathered}"):  # rows that share a centre only: where to cut them
                rows = sorted(_split_rows(atoms), key=_main_base)
                self.row_cuts = [
                    (max(a.box.y1 for a in upper) + min(a.box.y0 for a in lower)) / 2
                    for upper, lower in zip(rows, rows[1:])
                ]
        except NotConfident as error:
            self.refused = str(error) or "not confident"
            return None
        reason = check_latex(latex, chars)  # a large Σ counted as the ∑ it stands for
        if reason is not None:
            self.refused = reason
            return None
        return latex

    def _char(self, glyph: Glyph) -> str:
        return _PIECES.get(glyph.text, glyph_char(glyph, self.codes))

    def _atom(self, glyph: Glyph) -> Atom:
        char = _PIECES.get(glyph.text, glyph_char(glyph, self.codes))
        if char in ("\ufffd",) or (len(char) == 1 and (ord(char) < 32 or 0xE000 <= ord(char) <= 0xF8FF)):
            raise NotConfident(f"unknown glyph {glyph.text!r}")
        box = BBox(glyph.x0, glyph.y0, glyph.x1, glyph.y1)
        math_font = glyph.font in self.math
        italic_text = not math_font and self.fonts[glyph.font].italic  # groff eqn's variables: Palatino-Italic
        upright_font = not math_font or glyph.font in self.classes.upright
        upright = char.isalpha() and char.isascii() and not italic_text and upright_font
        token = r"\not" if char == "\u0338" else _token(char)
        accented = _combined_accent(char)
        if accented is not None:  # x̄ composed by the lines stage, or a precomposed ŷ
            char, token = accented
        alphabet = self.classes.alphabets.get(glyph.font)
        if alphabet is not None and char.isascii() and (char.isupper() if alphabet[1] == "upper" else char.isalnum()):
            token = f"{alphabet[0]}{{{char}}}"  # msbm's R is ℝ, KaTeX_AMS's too; eufm's g is 𝔤
            upright = False
        elif (
            upright and not math_font and self.fonts[glyph.font].bold and not _regular_tex_font(self.fonts[glyph.font])
        ):
            token = rf"\mathbf{{{token}}}"
        elif "A" <= char <= "Z" and self.codes.get(glyph.font) is _CMSY:
            token = rf"\mathcal{{{char}}}"  # CMSY's capitals are calligraphic
        styled = styled_letter(char)
        if styled is not None:
            char = styled[0]  # 𝑥 is the letter x to the layout (function names, accents)
        atom = Atom(token, box, glyph.size, baseline(glyph, self.fonts), _kind(char), char, upright)
        named = bool(self.fonts[glyph.font].name.split("+")[-1].strip())
        atom.wordlike = upright and (named or math_font)
        atom.unknown_slant = not named and char.isascii() and char.isalpha()
        return atom

    # structures: roots, fractions, operators with limits, matrices ------------------------
    def _structures(self, atoms: list[Atom], display: bool, rules: list[Drawing]) -> list[Atom]:
        rules = sorted(rules, key=lambda r: r.x1 - r.x0)
        used: set[int] = set()
        for index, rule in enumerate(rules):
            root = next(
                (
                    a
                    for a in atoms
                    if a.char == "√" and abs(a.box.x1 - rule.x0) < 1.5 and a.box.y0 - 1.5 < rule.y0 < _cy(a)
                ),
                None,
            )
            drawn = next((r for r in self.radicals if abs(r.x1 - rule.x0) < 0.5 and abs(r.y0 - rule.y0) < 0.5), None)
            if root is not None:
                atoms = self._root(atoms, [root], root.box, rule)
                used.add(index)
            elif drawn is not None:  # a sign drawn as a path, its bar the rule: only the geometry says root
                atoms = self._root(atoms, [], BBox(drawn.x0, drawn.y0, drawn.x1, drawn.y1), rule)
                used.add(index)
        for index, rule in enumerate(rules):
            if index not in used:
                atoms = self._fraction(atoms, rule)
        atoms = self._accents(atoms)
        atoms = self._limits(atoms) if display else atoms
        atoms = self._matrices(atoms)
        return atoms

    def _root(self, atoms: list[Atom], sign: list[Atom], sign_box: BBox, rule: Drawing) -> list[Atom]:
        """``\\sqrt{..}``: the atoms under the bar and beside the sign (a glyph, or a drawing: ``sign`` empty)."""
        inside = [
            a
            for a in atoms
            if not any(a is s for s in sign)
            and rule.x0 - 1 <= _cx(a) <= rule.x1 + 1
            and a.box.y0 >= rule.y0 - 1
            and _cy(a) < sign_box.y1
        ]
        if not inside:
            raise NotConfident("empty root")
        body = self._rows(inside, True)
        box = _union([sign_box, *[a.box for a in inside]])
        base = _main_base(inside)
        made = Atom(rf"\sqrt{{{body}}}", box, _main_size(inside), base, "struct")
        return _replace(atoms, [*sign, *inside], made)

    def _fraction(self, atoms: list[Atom], rule: Drawing) -> list[Atom]:
        y = (rule.y0 + rule.y1) / 2
        over = [
            a
            for a in atoms
            if rule.x0 - 1 <= _cx(a) <= rule.x1 + 1
            and a.box.y1 <= y + 0.35 * a.size
            and a.box.y1 > y - 1.1 * a.size
            and _cy(a) < y
        ]
        under = [
            a
            for a in atoms
            if rule.x0 - 1 <= _cx(a) <= rule.x1 + 1
            and a.box.y0 >= y - 0.35 * a.size
            and a.box.y0 < y + 1.1 * a.size
            and _cy(a) > y
        ]
        if not over and not under:
            return atoms  # a rule among the formula that is not a fraction bar (an overline, a table rule)
        if not over or not under:
            return self._line_over_or_under(atoms, over or under, rule, over=bool(under))
        over = _grow(atoms, over, rule, above=True, y=y)
        under = _grow(atoms, under, rule, above=False, y=y)
        numerator, denominator = self._rows(over, False), self._rows(under, False)
        box = _union([BBox(rule.x0, rule.y0, rule.x1, rule.y1), *[a.box for a in over + under]])
        size = max(_main_size(over), _main_size(under))
        base = y + 0.25 * size  # the fraction sits on the math axis, a quarter em over the baseline
        made = Atom(rf"\frac{{{numerator}}}{{{denominator}}}", box, size, base, "struct")
        return _replace(atoms, over + under, made)

    def _line_over_or_under(self, atoms: list[Atom], part: list[Atom], rule: Drawing, over: bool) -> list[Atom]:
        """A rule over (``\\overline``) or under (``\\underline``) atoms that span it; else not confident."""
        span = _union([a.box for a in part])
        if span.x0 < rule.x0 - 1.5 or span.x1 > rule.x1 + 1.5 or span.width < 0.6 * (rule.x1 - rule.x0):
            raise NotConfident("a rule with text on one side that it does not span")
        y = (rule.y0 + rule.y1) / 2
        reach = 1.2 * _main_size(part)
        other_side = [
            a
            for a in atoms
            if a not in part
            and min(a.box.x1, rule.x1) > max(a.box.x0, rule.x0)
            and ((a.box.y1 <= y + 1 and a.box.y1 > y - reach) if over else (a.box.y0 >= y - 1 and a.box.y0 < y + reach))
        ]
        if other_side:
            raise NotConfident("a fraction whose other part is not where it should be")
        near = 0.5 * _main_size(part)  # a fraction's part hugs its bar; a line of prose over a display does not
        if any(
            g.text.strip()
            and min(g.x1, rule.x1) > max(g.x0, rule.x0)
            and ((g.y1 <= y + 1 and g.y1 > y - near) if over else (g.y0 >= y - 1 and g.y0 < y + near))
            for g in self.page
        ):
            raise NotConfident("text of the page on the rule's other side: a fraction whose part is not in the formula")
        command = r"\overline" if over else r"\underline"
        if over and len(part) == 1 and part[0].char.isalpha() and len(part[0].char) == 1:
            command = r"\bar"  # a bar over one letter (groff eqn's ``x bar``) is the accent, as TeX writes it
        made = Atom(f"{command}{{{self._rows(part, False)}}}", span, _main_size(part), _main_base(part), "struct")
        return _replace(atoms, part, made)

    def _limits(self, atoms: list[Atom]) -> list[Atom]:
        """Limits over and under large operators and under lim, max, sup, ... (display style)."""
        size = _main_size(atoms)  # an operator set in a larger font (LibreOffice Math) is as large as a tall one
        for op in [
            a for a in atoms if a.char in _LARGE_OPERATORS and (a.box.height > 1.2 * a.size or a.size > 1.3 * size)
        ]:
            others = [a.box for a in atoms if a is not op and a.char in _LARGE_OPERATORS]
            upper = _limit_group(atoms, op, op.box, above=True, others=others, main=size)
            lower = _limit_group(atoms, op, op.box, above=False, others=others, main=size)
            if upper:
                op.scripts["^"] = self._limit(upper)
            if lower:
                op.scripts["_"] = self._limit(lower)
            op.kind = "struct"
            op.base = _axis_base(op)
            atoms = _replace(atoms, upper + lower, None)
        for name, letters in _function_words(atoms):
            box = _union([a.box for a in letters])  # its foot at the baseline: a text font's box hangs below it
            box = BBox(box.x0, box.y0, box.x1, min(box.y1, max(a.base for a in letters)))
            lower = _limit_group(atoms, letters[0], box, above=False)
            if not lower:
                continue
            made = Atom(f"\\{name}_{{{self._rows(lower, False)}}}", box, letters[0].size, letters[0].base, "struct")
            atoms = _replace(atoms, letters + lower, made)
        return atoms

    def _limit(self, atoms: list[Atom]) -> str:
        """One line of a limit, or several stacked as ``\\substack{..\\\\..}``."""
        rows = _split_rows(atoms)
        if len(rows) == 1:
            return self._linear(atoms)
        rows.sort(key=_main_base)
        return r"\substack{" + r" \\ ".join(self._linear(row) for row in rows) + "}"

    def _accents(self, atoms: list[Atom]) -> list[Atom]:
        """An accent glyph over a letter (x̂, ũ, v̄) becomes ``\\hat{x}``.

        A spacing accent (TeX's ``ˆ`` of cmr) lies over its letter: they overlap by 0.4 of the accent's
        width. A combining one (unicode-math's U+0302) has a box as tall as its letter's and is shifted
        right of an italic letter by its skew (``ŷ``: the hat's centre right of the y): any overlap with a
        glyph of its own size will do, the largest wins (not the smaller script after the letter).
        """
        for accent in [a for a in atoms if a.char in _ACCENTS]:
            combining = accent.char in _COMBINING_ACCENTS
            share = 0.0 if combining else 0.4
            under = [
                a
                for a in atoms
                if a is not accent
                and a.char not in _ACCENTS
                and a.base >= accent.base - 0.1 * a.size
                and min(a.box.x1, accent.box.x1) - max(a.box.x0, accent.box.x0) > share * accent.box.width
                and (not combining or a.size >= 0.9 * accent.size)
            ]
            if not under:
                continue
            base = max(under, key=lambda a: min(a.box.x1, accent.box.x1) - max(a.box.x0, accent.box.x0))
            made = Atom(
                f"{_ACCENTS[accent.char]}{{{_with_limits(base)}}}", base.box, base.size, base.base, "ord", base.char
            )
            atoms = _replace(atoms, [accent, base], made)
        return atoms

    def _matrices(self, atoms: list[Atom]) -> list[Atom]:
        tall = sorted(
            (a for a in atoms if a.box.height > TALL_EM * a.size and a.char in _OPENING), key=lambda a: a.box.x0
        )
        for left in tall:
            right = next(
                (
                    a
                    for a in atoms
                    if a.box.x0 > left.box.x1
                    and a.char in _CLOSING
                    and a.box.height > TALL_EM * a.size
                    and abs(a.box.y0 - left.box.y0) < 0.3 * a.size
                ),
                None,
            )
            if right is None:
                if left.char == "{":
                    atoms = self._cases(atoms, left)
                continue
            inside = [
                a
                for a in atoms
                if left.box.x1 - 0.5 <= _cx(a) <= right.box.x0 + 0.5 and a is not left and a is not right
            ]
            rows = _split_rows(inside)
            if not rows:
                raise NotConfident("empty delimiters")
            if len(rows) == 1:
                body = self._rows(inside, True)
                made = Atom(
                    rf"\left{_OPENING[left.char]} {body} \right{_CLOSING[right.char]}",
                    _union([left.box, right.box]),
                    _main_size(inside),
                    _axis_base(left),
                    "struct",
                )
            else:
                env = (
                    _MATRIX_ENV.get(left.char, "matrix")
                    if left.char == right.char or left.char + right.char in ("()", "[]", "{}")
                    else "matrix"
                )
                cells = [_split_columns(row) for row in sorted(rows, key=_main_base)]
                check_grid(cells, _main_size(inside), left.char)
                body = r" \\ ".join(" & ".join(self._linear(cell) for cell in row) for row in cells)
                made = Atom(
                    rf"\begin{{{env}}} {body} \end{{{env}}}",
                    _union([left.box, right.box]),
                    left.size,
                    _axis_base(left),
                    "struct",
                )
            atoms = _replace(atoms, [left, right, *inside], made)
        return atoms

    def _cases(self, atoms: list[Atom], left: Atom) -> list[Atom]:
        """A tall ``{`` with rows of cells to its right and nothing closing it: ``cases``, if the cells line up."""
        inside = [
            a
            for a in atoms
            if a is not left and a.box.x0 >= left.box.x1 - 0.5 and left.box.y0 - 1 <= _cy(a) <= left.box.y1 + 1
        ]
        rows = sorted(_split_rows(inside), key=_main_base)
        if len(rows) < 2:
            return atoms
        cells = [_split_columns(row) for row in rows]
        check_grid(cells, _main_size(inside), "{")
        body = r" \\ ".join(" & ".join(self._linear(cell) for cell in row) for row in cells)
        box = _union([left.box, *[a.box for a in inside]])
        made = Atom(rf"\begin{{cases}} {body} \end{{cases}}", box, left.size, _axis_base(left), "struct")
        return _replace(atoms, [left, *inside], made)

    # rows, alignment, scripts ------------------------------------------------------------
    def _rows(self, atoms: list[Atom], allow_rows: bool) -> str:
        rows = _split_rows(atoms)
        if len(rows) <= 1 or not allow_rows:
            if len(rows) > 1:
                raise NotConfident("several rows where one was expected")
            return self._linear(atoms)
        rows.sort(key=_main_base)
        marks = [
            next((a for a in sorted(row, key=lambda a: a.box.x0) if a.kind == "rel" and a.latex != r"\mid"), None)
            for row in rows
        ]  # a bar of P(A | B) is no place to align rows at
        how = check_aligned(rows, marks, _main_size(atoms))
        return _aligned([self._linear(row) for row in rows], marks, how)

    def _linear(self, atoms: list[Atom]) -> str:
        """One row: scripts attached to their base by size and baseline shift."""
        if not atoms:
            return ""
        ordered = sorted(atoms, key=lambda a: (a.box.x0, a.box.y0))
        base_size = _main_size(ordered)
        check_row(ordered, base_size)  # the gate: no glyphs of stacked lines read as one row
        ordered = _text_words(ordered)
        main = _main_base(ordered)
        tokens: list[str] = []
        pending: list[Atom] = []
        i = 0
        while i < len(ordered):
            atom = ordered[i]
            side = _script_side(atom, base_size, main)
            if side is None:
                if pending:
                    tokens.append(self._attach(pending, base_size, main, atom))
                pending = [atom]
                i += 1
                continue
            group = [atom]
            i += 1
            while i < len(ordered) and _script_side(ordered[i], base_size, main) is not None:
                group.append(ordered[i])
                i += 1
            pending.extend(group)
        if pending:
            tokens.append(self._attach(pending, base_size, main))
        return _join(_function_names(tokens))

    def _attach(self, group: list[Atom], base_size: float, main: float, following: Atom | None = None) -> str:
        """A base atom followed by its script atoms, as ``base_{sub}^{sup}`` (``following``: the next base)."""
        base = group[0] if _script_side(group[0], base_size, main) is None else None
        rest = group[1:] if base is not None else group
        check_scripts(base, rest, following)
        latex = _with_limits(base) if base is not None else "{}"
        sup = [a for a in rest if _script_side(a, base_size, main) == "^"]
        sub = [a for a in rest if _script_side(a, base_size, main) == "_"]
        if sub:
            latex += "_{" + self._linear(sub) + "}"
        if sup:
            script = self._linear(sup)
            latex += script if set(script) == {"'"} else "^{" + script + "}"  # primes: x'
        return latex


#: Greek capitals that a producer without a math font sets large for ∑ and ∏ (groff eqn's Symbol Σ)
_LARGE_CAPITALS = {"Σ": ("∑", r"\sum"), "Π": ("∏", r"\prod")}


def _large_capitals(atoms: list[Atom]) -> list[Atom]:
    """A Σ or Π at least 1.3 times the size of the formula's other glyphs is the operator ∑ or ∏."""
    capitals = [a for a in atoms if a.char in _LARGE_CAPITALS]
    for atom in capitals:
        others = [a.size for a in atoms if a is not atom]
        if others and atom.size >= 1.3 * max(others):
            atom.char, atom.latex = _LARGE_CAPITALS[atom.char]
            atom.kind = "op"
    return atoms


def _text_words(ordered: list[Atom]) -> list[Atom]:
    """Two or more upright letters side by side that name no function: a word, ``\\text{otherwise}``."""
    out: list[Atom] = []
    i = 0
    while i < len(ordered):
        j = i
        while (
            j + 1 < len(ordered)
            and ordered[j].wordlike
            and ordered[j + 1].wordlike
            and ordered[j + 1].box.x0 - ordered[j].box.x1 < 0.15 * ordered[j].size
            and abs(ordered[j + 1].base - ordered[j].base) < 0.1 * ordered[j].size
        ):
            j += 1
        word = "".join(a.char for a in ordered[i : j + 1])
        if j > i and ordered[i].wordlike and word.isalpha() and word not in _FUNCTIONS:
            first = ordered[i]
            box = _union([a.box for a in ordered[i : j + 1]])
            after = ordered[j + 1] if j + 1 < len(ordered) else None
            applied = after is not None and after.char == "(" and after.box.x0 - box.x1 < 0.15 * first.size
            command = r"\operatorname" if applied else r"\text"  # ``sgn(x)``: a word applied to its argument
            out.append(Atom(f"{command}{{{word}}}", box, first.size, first.base, "ord", word, True))
        else:
            out.extend(ordered[i : j + 1])
        i = j + 1
    return out


_TEX_BOLD = re.compile(r"^(?:cm|lm|ec|tc)[a-z]*?(?:bx|b)[a-z]*\d", re.IGNORECASE)


def _regular_tex_font(font: Font) -> bool:
    """A Computer Modern face that is not bold by its name (CMR10), whatever the PDF's flags say (dvips)."""
    name = font.name.split("+")[-1]
    tex = re.match(r"^(?:cm|lm|ec|tc)", name, re.IGNORECASE)
    return bool(tex) and not _TEX_BOLD.match(name) and "bold" not in name.lower()
