"""Mathematics: LaTeX rebuilt from the glyphs of math fonts and their geometry.

Where math is: glyphs in math fonts (CMMI, CMSY, CMEX, AMS, STIX, Cambria
Math, Latin Modern Math, ...). A line made of math alone is a displayed
equation; math words inside a line of prose are inline math.

How it is rebuilt, in order (units: the font size of the glyphs, "em"):

- a radical ``√`` followed by a rule over its content          -> ``\\sqrt{..}``
- glyphs over and under a horizontal rule                      -> ``\\frac{..}{..}``
- small glyphs over and under a large operator (∑ ∏ ∫ ⋃ ...)   -> ``\\sum_{..}^{..}``
- rows of glyphs between two tall delimiters                   -> ``pmatrix`` / ``bmatrix`` / ...
- smaller glyphs whose baseline is raised or lowered           -> ``^{..}`` / ``_{..}``
- several rows of a display, aligned at a relation             -> ``aligned`` with ``&``

Symbols map from Unicode to commands; CMEX's characters, which carry no
Unicode, map from their code positions. Whatever does not fit (an unknown
glyph, an empty numerator, rows of unequal length) returns None, and the
caller keeps the plain text: no invented LaTeX.
"""

from __future__ import annotations

import contextvars
import logging
import re
import statistics
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..model import BBox, Block, BlockKind, Drawing, Font, Glyph, Line, RawPage

_MATH_FONT_WORDS = (
    "cmmi", "cmsy", "cmex", "cmbsy", "cmmib", "msam", "msbm", "eufm", "eusm", "rsfs", "stix", "cambriamath",
    "cambria math", "lmmathitalic", "lmmathsymbols", "lmmathextension", "latinmodernmath", "latinmodern-math",
    "xitsmath", "txmi", "txsy", "txex", "pxmi", "pxsy", "pxex", "ntxmi", "ntxsy", "ntxex", "rtxmi", "rtxsy",
    "esint", "mathjax", "asanamath", "firamath", "libertinusmath", "dejavumath", "euler", "eurm", "cmbsy",
)  # fmt: skip

log = logging.getLogger(__name__)

#: inline math on/off; set per page by the pipeline from ``Options.math``
INLINE_MATH: contextvars.ContextVar[bool] = contextvars.ContextVar("pagemill_inline_math", default=True)

#: a glyph this much smaller than the base is a script (when also raised or lowered)
SCRIPT_SIZE = 0.9
#: ... or raised / lowered by this many em without being smaller (primes, spaced scripts)
SCRIPT_SHIFT_EM = 0.25
#: matrix columns / aligned parts are further apart than this
COLUMN_GAP_EM = 0.75
#: a delimiter taller than this many em encloses several rows
TALL_EM = 1.6

_GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ϵ": "epsilon", "ε": "varepsilon", "ζ": "zeta",
    "η": "eta", "θ": "theta", "ϑ": "vartheta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu",
    "ξ": "xi", "π": "pi", "ϖ": "varpi", "ρ": "rho", "ϱ": "varrho", "σ": "sigma", "ς": "varsigma", "τ": "tau",
    "υ": "upsilon", "ϕ": "phi", "φ": "varphi", "χ": "chi", "ψ": "psi", "ω": "omega", "Γ": "Gamma",
    "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Ξ": "Xi", "Π": "Pi", "Σ": "Sigma", "Υ": "Upsilon",
    "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega",
}  # fmt: skip
_SYMBOLS = {
    "−": "-", "∗": "*", "·": r"\cdot", "⋅": r"\cdot", "×": r"\times", "÷": r"\div", "±": r"\pm", "∓": r"\mp",
    "≤": r"\leq", "≥": r"\geq", "≠": r"\neq", "≈": r"\approx", "≡": r"\equiv", "∼": r"\sim", "≃": r"\simeq",
    "∝": r"\propto", "≪": r"\ll", "≫": r"\gg", "⊂": r"\subset", "⊃": r"\supset", "⊆": r"\subseteq",
    "⊇": r"\supseteq", "∈": r"\in", "∉": r"\notin", "∋": r"\ni", "∪": r"\cup", "∩": r"\cap", "∅": r"\emptyset",
    "∞": r"\infty", "∂": r"\partial", "∇": r"\nabla", "∀": r"\forall", "∃": r"\exists", "¬": r"\neg",
    "∧": r"\wedge", "∨": r"\vee", "→": r"\to", "←": r"\leftarrow", "↔": r"\leftrightarrow", "⇒": r"\Rightarrow",
    "⇐": r"\Leftarrow", "⇔": r"\Leftrightarrow", "↦": r"\mapsto", "′": "'", "∘": r"\circ", "•": r"\bullet",
    "⊕": r"\oplus", "⊗": r"\otimes", "⟨": r"\langle", "⟩": r"\rangle", "⌊": r"\lfloor", "⌋": r"\rfloor",
    "⌈": r"\lceil", "⌉": r"\rceil", "∣": "|", "∥": r"\|", "‖": r"\|", "…": r"\ldots", "⋯": r"\cdots",
    "⋮": r"\vdots", "⋱": r"\ddots", "ℓ": r"\ell", "ℏ": r"\hbar", "ℜ": r"\Re", "ℑ": r"\Im", "℘": r"\wp",
    "ℵ": r"\aleph", "√": r"\surd", "⊥": r"\perp", "∠": r"\angle", "△": r"\triangle", "{": r"\{", "}": r"\}",
    "\u2126": r"\Omega", "◦": r"\circ", "µ": r"\mu",
    "∑": r"\sum", "∏": r"\prod", "∐": r"\coprod", "∫": r"\int", "∮": r"\oint", "⋃": r"\bigcup",
    "⋂": r"\bigcap", "⨁": r"\bigoplus", "⨂": r"\bigotimes", "⨀": r"\bigodot", "⋀": r"\bigwedge",
    "⋁": r"\bigvee", "⨄": r"\biguplus", "⨆": r"\bigsqcup", "ı": r"\imath", "ȷ": r"\jmath", "%": r"\%",
    "#": r"\#", "&": r"\&", "_": r"\_", "\\": r"\backslash", "~": r"\sim", "^": r"\hat{}",
}  # fmt: skip
_LARGE_OPERATORS = set("∑∏∐∫∮⋃⋂⨁⨂⨀⋀⋁⨄⨆")
_RELATIONS = set("=<>≤≥≠≈≡∼≃∝≪≫⊂⊃⊆⊇∈∉∋→←↔⇒⇐⇔↦") | {":="}
_OPERATORS = set("+−-±∓×÷·⋅∗∘⊕⊗∪∩∧∨/")
_OPENING = {"(": "(", "[": "[", "{": r"\{", "⟨": r"\langle", "|": "|", "‖": r"\|", "⌊": r"\lfloor", "⌈": r"\lceil"}
_CLOSING = {")": ")", "]": "]", "}": r"\}", "⟩": r"\rangle", "|": "|", "‖": r"\|", "⌋": r"\rfloor", "⌉": r"\rceil"}
_MATRIX_ENV = {"(": "pmatrix", "[": "bmatrix", "{": "Bmatrix", "|": "vmatrix", "‖": "Vmatrix"}
_FUNCTIONS = {
    "sin", "cos", "tan", "cot", "sec", "csc", "log", "ln", "exp", "lim", "max", "min", "sup", "inf", "det", "dim",
    "ker", "deg", "arg", "gcd", "sinh", "cosh", "tanh", "arcsin", "arccos", "arctan", "Pr", "hom", "lg", "limsup",
    "liminf",
}  # fmt: skip
#: Adobe's private-use code points for the pieces of extensible delimiters
_PIECES = dict(zip("\uf8eb\uf8ec\uf8ed\uf8f6\uf8f7\uf8f8", "((()))")) | dict(
    zip("\uf8ee\uf8ef\uf8f0\uf8f9\uf8fa\uf8fb\uf8f1\uf8f2\uf8f3\uf8f4\uf8fc\uf8fd\uf8fe\uf8e6", "[[[]]]{{{{}}}|")
)
_LIMIT_FUNCTIONS = {"lim", "max", "min", "sup", "inf", "det", "gcd", "liminf", "limsup"}
_ACCENTS = {
    "ˆ": r"\hat", "^": r"\hat", "˜": r"\tilde", "~": r"\tilde", "¯": r"\bar", "˙": r"\dot", "¨": r"\ddot",
    "ˇ": r"\check", "´": r"\acute", "`": r"\grave", "˘": r"\breve", "⃗": r"\vec", "→": r"\vec",
}  # fmt: skip
_FUNCTION_NAMES_LONGEST_FIRST = sorted(_FUNCTIONS, key=len, reverse=True)
_NEUTRAL = set("0123456789+=-−()[]{}|/,.;:!<>'′*") | _OPERATORS | _RELATIONS


def _cmex_table() -> dict[int, str]:
    """CMEX10 code positions (no Unicode in pdfTeX's Type 1 fonts) to the symbol they draw."""
    table: dict[int, str] = {}
    for start in (0x00, 0x10, 0x12, 0x20):
        for offset, char in enumerate("()"):
            table[start + offset] = char
    for start, chars in ((0x02, "[]⌊⌋⌈⌉{}⟨⟩|‖/\\"), (0x14, "[]⌊⌋⌈⌉{}⟨⟩/\\"), (0x22, "[]⌊⌋⌈⌉{}⟨⟩/\\/\\")):
        for offset, char in enumerate(chars):
            table[start + offset] = char
    for start, chars in ((0x30, "()[][][]{}{}{}{|"), (0x40, "()()⟨⟩")):
        for offset, char in enumerate(chars):
            table[start + offset] = char
    for offset, char in enumerate("⨆⨆∮∮⨀⨀⨁⨁⨂⨂∑∏∫⋃⋂⨄⋀⋁∑∏∫⋃⋂⨄⋀⋁∐∐"):
        table[0x46 + offset] = char
    for code in range(0x68, 0x70):
        table[code] = "[]⌊⌋⌈⌉{}"[code - 0x68]
    for code in range(0x70, 0x75):
        table[code] = "√"
    for code in range(0x62, 0x68):  # wide hats and tildes
        table[code] = "ˆ" if code < 0x65 else "˜"
    for code in range(0x75, 0x80):
        # extension pieces of radicals, arrows and horizontal braces (under/overbrace): drawing, not text
        table[code] = ""
    return table


_CMEX = _cmex_table()
#: CMSY (OMS encoding) where PDFium passes the code through: only lowercase letters and
#: digits, which CMSY does not have, so a properly mapped CMSY glyph is never taken for one
_CMSY = dict(
    zip(
        range(0x30, 0x3A),
        "′∞∈∋△▽/↦∀∃",
    )
) | dict(zip(range(0x61, 0x7B), "⊣⌊⌋⌈⌉{}⟨⟩|‖↕⇕\\≀√⨿∇∫⊔⊓⊑⊒§†‡"))
#: CMMI's Greek and symbols below 0x28 and at 0x40 (PDFium gives control characters there)
_CMMI = dict(zip(range(0x00, 0x28), "ΓΔΘΛΞΠΣΥΦΨΩαβγδϵζηθικλμνξπρστυϕχψωεϑϖϱςφ")) | {0x40: "∂"}
_CODE_TABLES = (
    ("cmex", _CMEX), ("lmmathextension", _CMEX), ("cmsy", _CMSY), ("cmbsy", _CMSY), ("lmmathsymbols", _CMSY),
    ("cmmi", _CMMI), ("lmmathitalic", _CMMI),
)  # fmt: skip
#: math-font glyphs that prose borrows (doc-style ⟨meta⟩, bullets, daggers): not math on their own
TEXT_SYMBOLS = set("⟨⟩|‖•·∗†‡§¶–—{}()[]")


# -- fonts ---------------------------------------------------------------------------------


_math_cache: dict[int, tuple[int, frozenset[int], dict[int, dict[int, str]]]] = {}


def math_fonts(fonts: Sequence[Font]) -> tuple[frozenset[int], dict[int, dict[int, str]]]:
    """Indexes of the math fonts, and the code tables of those whose codes PDFium leaves unmapped."""
    key = id(fonts)
    cached = _math_cache.get(key)
    if cached is not None and cached[0] == len(fonts):
        return cached[1], cached[2]
    math = set()
    codes: dict[int, dict[int, str]] = {}
    for index, font in enumerate(fonts):
        name = font.name.lower().split("+")[-1].replace("-", "").replace(" ", "")
        if any(word.replace("-", "").replace(" ", "") in name for word in _MATH_FONT_WORDS):
            math.add(index)
            table = next((table for prefix, table in _CODE_TABLES if name.startswith(prefix)), None)
            if table is not None:
                codes[index] = table
    result = (frozenset(math), codes)
    _math_cache[key] = (len(fonts), *result)
    return result


def glyph_char(glyph: Glyph, codes: dict[int, dict[int, str]]) -> str:
    """The symbol a glyph draws: TeX fonts' code positions looked up where PDFium has no Unicode."""
    table = codes.get(glyph.font)
    if table is None or len(glyph.text) != 1 or ord(glyph.text) >= 0x80:
        return glyph.text
    if table is _CMEX:  # "" for a piece of drawing
        return _CMEX.get(ord(glyph.text), glyph.text if glyph.text.isalnum() else "\ufffd")
    return table.get(ord(glyph.text), glyph.text)


def baseline(glyph: Glyph, fonts: Sequence[Font]) -> float:
    """Where the glyph sits: its loose box bottom lifted by the font's descent."""
    descent = fonts[glyph.font].descent if glyph.font < len(fonts) else 0.0
    return glyph.y1 + (descent if descent < 0 else -0.2) * glyph.size


# -- layout atoms -----------------------------------------------------------------------


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


class NotConfident(Exception):
    """The glyphs do not make a formula we can rebuild with confidence."""


class Builder:
    """Rebuilds LaTeX from the glyphs of one formula and the rules drawn among them."""

    def __init__(self, fonts: Sequence[Font], rules: Sequence[Drawing] = ()) -> None:
        self.fonts = fonts
        self.math, self.codes = math_fonts(fonts)
        self.rules = [r for r in rules if r.kind == "hline"]

    # the entry point ---------------------------------------------------------------
    def latex(self, glyphs: Sequence[Glyph], display: bool = True) -> str | None:
        try:
            glyphs = [g for g in glyphs if g.text.strip() and glyph_char(g, self.codes)]  # "": drawing pieces
            atoms = _relation_bars(_join_pieces([self._atom(g) for g in glyphs]))
            if not atoms:
                return None
            atoms = self._structures(atoms, display)
            return self._rows(atoms, display)
        except NotConfident:
            return None

    def _atom(self, glyph: Glyph) -> Atom:
        char = _PIECES.get(glyph.text, glyph_char(glyph, self.codes))
        if char in ("\ufffd",) or (len(char) == 1 and (ord(char) < 32 or 0xE000 <= ord(char) <= 0xF8FF)):
            raise NotConfident(f"unknown glyph {glyph.text!r}")
        box = BBox(glyph.x0, glyph.y0, glyph.x1, glyph.y1)
        upright = glyph.font not in self.math and char.isalpha() and char.isascii()
        token = r"\not" if char == "\u0338" else _token(char)
        accented = _combined_accent(char)
        if accented is not None:  # x̄ composed by the lines stage, or a precomposed ŷ
            char, token = accented
        if upright and self.fonts[glyph.font].bold:
            token = rf"\mathbf{{{token}}}"
        elif "A" <= char <= "Z" and self.codes.get(glyph.font) is _CMSY:
            token = rf"\mathcal{{{char}}}"  # CMSY's capitals are calligraphic
        return Atom(token, box, glyph.size, baseline(glyph, self.fonts), _kind(char), char, upright)

    # structures: roots, fractions, operators with limits, matrices ------------------------
    def _structures(self, atoms: list[Atom], display: bool) -> list[Atom]:
        rules = sorted(self.rules, key=lambda r: r.x1 - r.x0)
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
            if root is not None:
                atoms = self._root(atoms, root, rule)
                used.add(index)
        for index, rule in enumerate(rules):
            if index not in used:
                atoms = self._fraction(atoms, rule)
        atoms = self._accents(atoms)
        atoms = self._limits(atoms) if display else atoms
        atoms = self._matrices(atoms)
        return atoms

    def _root(self, atoms: list[Atom], root: Atom, rule: Drawing) -> list[Atom]:
        inside = [
            a
            for a in atoms
            if a is not root
            and rule.x0 - 1 <= _cx(a) <= rule.x1 + 1
            and a.box.y0 >= rule.y0 - 1
            and _cy(a) < root.box.y1
        ]
        if not inside:
            raise NotConfident("empty root")
        body = self._rows(inside, True)
        box = _union([root.box, *[a.box for a in inside]])
        base = _main_base(inside)
        made = Atom(rf"\sqrt{{{body}}}", box, _main_size(inside), base, "struct")
        return _replace(atoms, [root, *inside], made)

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
        command = r"\overline" if over else r"\underline"
        made = Atom(f"{command}{{{self._rows(part, False)}}}", span, _main_size(part), _main_base(part), "struct")
        return _replace(atoms, part, made)

    def _limits(self, atoms: list[Atom]) -> list[Atom]:
        """Limits over and under large operators and under lim, max, sup, ... (display style)."""
        for op in [a for a in atoms if a.char in _LARGE_OPERATORS and a.box.height > 1.2 * a.size]:
            others = [a.box for a in atoms if a is not op and a.char in _LARGE_OPERATORS]
            upper = _limit_group(atoms, op, op.box, above=True, others=others)
            lower = _limit_group(atoms, op, op.box, above=False, others=others)
            if upper:
                op.scripts["^"] = self._limit(upper)
            if lower:
                op.scripts["_"] = self._limit(lower)
            op.kind = "struct"
            op.base = _axis_base(op)
            atoms = _replace(atoms, upper + lower, None)
        for name, letters in _function_words(atoms):
            box = _union([a.box for a in letters])
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
        """An accent glyph over a letter (x̂, ũ, v̄) becomes ``\\hat{x}``."""
        for accent in [a for a in atoms if a.char in _ACCENTS]:
            under = [
                a
                for a in atoms
                if a is not accent
                and a.char not in _ACCENTS
                and a.base >= accent.base - 0.1 * a.size
                and min(a.box.x1, accent.box.x1) - max(a.box.x0, accent.box.x0) > 0.4 * accent.box.width
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
                cells = [_split_columns(row) for row in rows]
                if len({len(c) for c in cells}) != 1:
                    raise NotConfident("ragged matrix")
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

    # rows, alignment, scripts ------------------------------------------------------------
    def _rows(self, atoms: list[Atom], allow_rows: bool) -> str:
        rows = _split_rows(atoms)
        if len(rows) <= 1 or not allow_rows:
            if len(rows) > 1:
                raise NotConfident("several rows where one was expected")
            return self._linear(atoms)
        return _aligned([self._linear(row) for row in rows], rows)

    def _linear(self, atoms: list[Atom]) -> str:
        """One row: scripts attached to their base by size and baseline shift."""
        if not atoms:
            return ""
        ordered = sorted(atoms, key=lambda a: (a.box.x0, a.box.y0))
        base_size = _main_size(ordered)
        main = _main_base(ordered)
        tokens: list[str] = []
        pending: list[Atom] = []
        i = 0
        while i < len(ordered):
            atom = ordered[i]
            side = _script_side(atom, base_size, main)
            if side is None:
                if pending:
                    tokens.append(self._attach(pending, base_size, main))
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

    def _attach(self, group: list[Atom], base_size: float, main: float) -> str:
        """A base atom followed by its script atoms, as ``base_{sub}^{sup}``."""
        base = group[0] if _script_side(group[0], base_size, main) is None else None
        rest = group[1:] if base is not None else group
        latex = _with_limits(base) if base is not None else "{}"
        sup = [a for a in rest if _script_side(a, base_size, main) == "^"]
        sub = [a for a in rest if _script_side(a, base_size, main) == "_"]
        if sub:
            latex += "_{" + self._linear(sub) + "}"
        if sup:
            script = self._linear(sup)
            latex += script if set(script) == {"'"} else "^{" + script + "}"  # primes: x'
        return latex


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


def _limit_group(atoms: list[Atom], op: Atom, box: BBox, above: bool, others: Sequence[BBox] = ()) -> list[Atom]:
    """Smaller atoms stacked right over (or under) ``box``, grown along their own line."""
    reach = 1.5 * op.size
    slack = 0.3 * op.size

    def stacked(a: Atom) -> bool:
        if a is op or a.size >= op.size * 0.95 or not (box.x0 - slack <= _cx(a) <= box.x1 + slack):
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
            if a is op or a in group or a.size >= op.size * 0.95:
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
    letters = sorted((a for a in atoms if a.upright), key=lambda a: a.box.x0)
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


def _with_limits(atom: Atom) -> str:
    latex = atom.latex
    if atom.scripts:
        latex += "".join(
            f"{key}{{{value}}}" for key, value in sorted(atom.scripts.items(), key=lambda kv: kv[0] != "_")
        )
    return latex


def _script_side(atom: Atom, base_size: float, main: float) -> str | None:
    shift = main - atom.base  # positive: raised
    if atom.kind == "struct":
        return None
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


def _aligned(texts: list[str], rows: list[list[Atom]]) -> str:
    """Rows of a display aligned at their first relation when those relations line up."""
    marks = []
    for row in rows:
        rel = next((a for a in sorted(row, key=lambda a: a.box.x0) if a.kind == "rel"), None)
        marks.append(rel)
    if all(marks) and max(m.box.x0 for m in marks if m) - min(m.box.x0 for m in marks if m) < 1.0:
        texts = [_insert_ampersand(text, mark.latex) for text, mark in zip(texts, marks) if mark]
    return r"\begin{aligned} " + r" \\ ".join(texts) + r" \end{aligned}"


def _insert_ampersand(text: str, relation: str) -> str:
    at = text.find(relation)
    return text if at < 0 else text[:at] + "&" + text[at:]


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
    sizes = [a.size for a in atoms if a.kind != "struct"] or [a.size for a in atoms]
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


def _kind(char: str) -> str:
    if char in _RELATIONS:
        return "rel"
    if char in _OPERATORS:
        return "bin"
    if char in _LARGE_OPERATORS:
        return "op"
    if char in "([{⟨⌊⌈":
        return "open"
    if char in ")]}⟩⌋⌉":
        return "close"
    if char in ",;":
        return "punct"
    return "ord"


_COMBINING_ACCENTS = {
    "\u0302": r"\hat", "\u0303": r"\tilde", "\u0304": r"\bar", "\u0305": r"\bar", "\u0307": r"\dot",
    "\u0308": r"\ddot", "\u030c": r"\check", "\u0301": r"\acute", "\u0300": r"\grave", "\u0306": r"\breve",
    "\u20d7": r"\vec",
}  # fmt: skip


def _combined_accent(char: str) -> tuple[str, str] | None:
    """(base letter, ``\\bar{x}``) for a letter with an accent combined onto it, else None."""
    parts = unicodedata.normalize("NFD", char)
    if len(parts) != 2 or parts[1] not in _COMBINING_ACCENTS:
        return None
    return parts[0], f"{_COMBINING_ACCENTS[parts[1]]}{{{_token(parts[0])}}}"


def _token(char: str) -> str:
    if "\U0001d400" <= char <= "\U0001d7ff":  # mathematical italic/bold letters (unicode-math): the letter
        char = unicodedata.normalize("NFKC", char)
    if char in _GREEK:
        return "\\" + _GREEK[char]
    if char in _SYMBOLS:
        return _SYMBOLS[char]
    return char


def _function_names(tokens: list[str]) -> list[str]:
    """Upright letter runs that name a function (sin, log, lim) become its command."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for length in (6, 5, 4, 3, 2):
            word = "".join(tokens[i : i + length])
            if len(word) == length and word in _FUNCTIONS and all(len(t) == 1 for t in tokens[i : i + length]):
                out.append("\\" + word)
                i += length
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def _join(tokens: list[str]) -> str:
    """Tokens with a space only where TeX needs one (after a command word before a letter)."""
    out = ""
    for token in tokens:
        if out and re.search(r"\\[A-Za-z]+$", out) and token[:1].isalpha():
            out += " "
        out += token
    return out


# -- inline math (a hook in stages/lines.py) ---------------------------------------------


TextRenderer = Callable[[list[list[Glyph]], list[str], Sequence[Font]], "str | None"]


def inline_markdown(
    words: list[list[Glyph]], texts: list[str], fonts: Sequence[Font], render: TextRenderer
) -> str | None:
    """The line's Markdown with math words as ``$...$``; None when the line holds no math.

    ``texts`` are the words' plain texts; ``render`` styles a run of words
    (bold, italic, links) and returns None when it has no styling.
    """

    def render_text(start: int, end: int) -> str:
        return render(words[start:end], texts[start:end], fonts) or " ".join(texts[start:end])

    if not INLINE_MATH.get():
        return None
    try:
        return _inline_markdown(words, texts, fonts, render_text)
    except Exception:  # noqa: BLE001 - a line keeps its plain text rather than lose the page
        log.warning("inline math skipped on a line", exc_info=True)
        return None


def _inline_markdown(
    words: list[list[Glyph]], texts: list[str], fonts: Sequence[Font], render_text: Callable[[int, int], str]
) -> str | None:
    math, codes = math_fonts(fonts)
    if not math or math.isdisjoint({g.font for word in words for g in word}):
        return None
    spans = _math_spans(words, _MathFonts(math, codes, fonts))
    if not spans:
        return None
    builder = Builder(fonts)
    out: list[str] = []
    last = 0
    for start, end in spans:
        if start > last:
            out.append(render_text(last, start))
        latex = builder.latex([g for word in words[start:end] for g in word], display=False)
        out.append(f"${latex}$" if latex else render_text(start, end))
        last = end
    if last < len(words):
        out.append(render_text(last, len(words)))
    return " ".join(part for part in out if part)


@dataclass(frozen=True, slots=True)
class _MathFonts:
    math: frozenset[int]
    codes: dict[int, dict[int, str]]
    fonts: Sequence[Font]

    def is_math(self, glyph: Glyph) -> bool:
        """A glyph of real math: in a math font, and not a symbol prose borrows (⟨meta⟩, bullets)."""
        return glyph.font in self.math and glyph_char(glyph, self.codes) not in TEXT_SYMBOLS


def _math_spans(words: list[list[Glyph]], math: _MathFonts) -> list[tuple[int, int]]:
    """Runs of words that are math: a math-font word, with the operators and operands around it."""
    kinds = [_word_kind(word, math) for word in words]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if kinds[i] != "math":
            i += 1
            continue
        start = i
        while start > 0 and kinds[start - 1] == "operator":
            start -= 1
        end = i + 1
        while end < len(words) and (
            kinds[end] in ("math", "operator") or (kinds[end] == "number" and _ends_with_operator(words[end - 1]))
        ):
            end += 1
        while end - 1 > i and kinds[end - 1] == "operator" and _text(words[end - 1]) in (",", ".", ";", ":"):
            end -= 1
        spans.append((start, end))
        i = end
    return spans


def _ends_with_operator(word: list[Glyph]) -> bool:
    last = max(word, key=lambda g: g.x1).text
    return last in _OPERATORS or last in _RELATIONS


def _text(word: list[Glyph]) -> str:
    return "".join(g.text for g in word)


def _word_kind(word: list[Glyph], math: _MathFonts) -> str:
    if any(math.fonts[g.font].mono for g in word):
        return "text"  # code: `\\cs{⟨arg⟩}` keeps its symbols as text
    if any(math.is_math(g) for g in word):
        # a word of text with a math symbol in it (the LaTeX2ε logo) stays text
        return "math" if _text_letters(word, math.math) <= 1 else "text"
    text = _text(word)
    if text and all(c in _OPERATORS or c in _RELATIONS or c in "()[]|∣‖" for c in text):
        return "operator"  # (a bar alone joins math on both sides: P(A | B))
    if text and all(c in "0123456789.," for c in text):
        return "number"
    return "text"


# -- displayed equations --------------------------------------------------------------


_TAG = re.compile(r"^\((\w+(?:[.\-]\w+)*)\)$")
_LETTER = re.compile(r"[^\W\d_]")


def find_equations(raw: RawPage, em: float, runs: list[list[Glyph]]) -> list[Block]:
    """Displayed equations of a page: lines of math alone, with their number as a tag."""
    math, codes = math_fonts(raw.fonts)
    if not math:
        return []
    fonts = _MathFonts(math, codes, raw.fonts)
    runs = [part for run in runs for part in _split_trailing_tag(run, fonts)]
    kinds = [_run_kind(run, fonts) for run in runs]
    if "math" not in kinds:
        return []
    clusters = _clusters(runs, kinds, em)
    blocks = []
    for members, tags in clusters:
        blocks.extend(_equation_blocks(raw, members, tags, em))
    return blocks


def _split_trailing_tag(run: list[Glyph], fonts: _MathFonts) -> list[list[Glyph]]:
    """A wide formula and its number can share one run: ``...(I|I).   (14)`` -> formula, tag."""
    ink = sorted((g for g in run if g.text.strip()), key=lambda g: g.x0)
    if len(ink) < 4 or ink[-1].text != ")" or not any(fonts.is_math(g) for g in ink):
        return [run]
    start = max((i for i, g in enumerate(ink) if g.text == "("), default=-1)
    if start <= 0 or any(fonts.is_math(g) for g in ink[start:]):
        return [run]
    tag = ink[start:]
    before = ink[start - 1]
    if not _TAG.match("".join(g.text for g in tag)) or tag[0].x0 - before.x1 < 0.4 * tag[0].size:
        return [run]
    if before.text in _RELATIONS or before.text in _OPERATORS:
        return [run]  # ``x = (12)``: a parenthesis of the formula
    return [ink[:start], tag]


def _run_kind(run: list[Glyph], fonts: _MathFonts) -> str:
    ink = [g for g in run if g.text.strip()]
    if not ink:
        return "empty"
    text = "".join(g.text for g in ink)
    in_math = sum(1 for g in ink if fonts.is_math(g))
    if not in_math:  # most runs: prose, told apart cheaply
        if _TAG.match(text):
            return "tag"
        return "text" if _LETTER.search(text) and _text_letters(ink, fonts.math) else "neutral"
    if any(fonts.fonts[g.font].mono for g in ink):
        return "text"
    letters = _text_letters(ink, fonts.math)
    if letters > max(2, 0.25 * len(ink)) or _has_text_word(ink, fonts.math):
        return "text"
    return "math"


def _has_text_word(ink: list[Glyph], math: frozenset[int]) -> bool:
    """A word of four letters or more in a text font that names no function: prose, not a display."""
    return any(len(w) >= 4 for w in _text_words(ink, math))


def _text_letters(ink: list[Glyph], math: frozenset[int]) -> int:
    """Letters in text fonts, not counting function names (sin, log) set upright in math."""
    return sum(len(w) for w in _text_words(ink, math))


def _text_words(ink: list[Glyph], math: frozenset[int]) -> list[str]:
    """Runs of letters in text fonts, function names (sin, det) taken out: ``detK`` is ``\\det`` and a bold K."""
    letters = "".join(
        (" " if b is not None and b.font != g.font else "")
        + (g.text if g.font not in math and g.text.isalpha() else " ")
        for b, g in zip([None, *ink], ink)
    )  # a change of font ends a word: ``per`` then a bold ``A``
    for name in _FUNCTION_NAMES_LONGEST_FIRST:
        if name in letters:
            letters = letters.replace(name, " ")
    return letters.split()


def _clusters(
    runs: list[list[Glyph]], kinds: list[str], em: float
) -> list[tuple[list[list[Glyph]], list[tuple[str, BBox]]]]:
    """Math runs joined with the runs they touch (limits, numerators, rows of an alignment)."""
    boxes = [_run_box(run) for run in runs]
    clusters: list[tuple[BBox, list[int]]] = []
    for index, kind in sorted(enumerate(kinds), key=lambda ik: boxes[ik[0]].y0):
        if kind != "math":
            continue
        box = boxes[index]
        for k, (cbox, members) in enumerate(clusters):
            if _near(cbox, box, em):
                clusters[k] = (cbox.union(box), members + [index])
                break
        else:
            clusters.append((box, [index]))
    out = []
    for cbox, members in _merge_clusters(clusters, em):
        for index, kind in enumerate(kinds):
            if kind == "neutral" and index not in members and _near(cbox, boxes[index], em, 0.2):
                members.append(index)
                cbox = cbox.union(boxes[index])
        if any(kinds[i] == "text" and _overlaps(boxes[i], cbox) for i in range(len(runs))):
            continue  # prose beside or inside: inline math, handled in the line
        tags = [
            ("".join(g.text for g in runs[i] if g.text.strip()), boxes[i])
            for i in range(len(runs))
            if kinds[i] == "tag"
            and (boxes[i].x0 > cbox.x1 or boxes[i].x1 < cbox.x0)  # right, or left with leqno
            and cbox.y0 - 0.2 * em < (boxes[i].y0 + boxes[i].y1) / 2 < cbox.y1 + 0.2 * em
        ]
        out.append(([runs[i] for i in sorted(members)], tags))
    return out


def _merge_clusters(clusters: list[tuple[BBox, list[int]]], em: float) -> list[tuple[BBox, list[int]]]:
    """Clusters that came to touch as they grew, joined (a run between two joins both)."""
    merged = True
    while merged:
        merged = False
        for i in range(len(clusters)):
            for j in range(i + 1, len(clusters)):
                if _near(clusters[i][0], clusters[j][0], em):
                    box = clusters[i][0].union(clusters[j][0])
                    clusters[i] = (box, clusters[i][1] + clusters[j][1])
                    del clusters[j]
                    merged = True
                    break
            if merged:
                break
    return clusters


def _near(a: BBox, b: BBox, em: float, slack: float = 0.8) -> bool:
    gap_y = max(a.y0 - b.y1, b.y0 - a.y1)
    gap_x = max(a.x0 - b.x1, b.x0 - a.x1)
    return gap_y < slack * em and gap_x < 3 * em


def _overlaps(a: BBox, b: BBox) -> bool:
    vertical = min(a.y1, b.y1) - max(a.y0, b.y0)
    return vertical > 0.5 * min(a.height, b.height) and min(a.x1, b.x1) > max(a.x0, b.x0) - 1


def _run_box(run: list[Glyph]) -> BBox:
    ink = [g for g in run if g.text.strip()] or run
    return BBox(min(g.x0 for g in ink), min(g.y0 for g in ink), max(g.x1 for g in ink), max(g.y1 for g in ink))


def _equation_blocks(raw: RawPage, members: list[list[Glyph]], tags: list[tuple[str, BBox]], em: float) -> list[Block]:
    glyphs = [g for run in members for g in run if g.text.strip()]
    pieces = _split_by_tags(glyphs, tags) if len(tags) > 1 else [(glyphs, tags[0] if tags else None)]
    blocks = []
    for part, tag in pieces:
        if not part:
            continue
        box = _union([BBox(g.x0, g.y0, g.x1, g.y1) for g in part])
        rules = [
            d
            for d in raw.drawings
            if d.kind == "hline" and d.x0 >= box.x0 - 2 and d.x1 <= box.x1 + 2 and box.y0 - 2 <= d.y0 <= box.y1 + 2
        ]
        latex = Builder(raw.fonts, rules).latex(part, display=True)
        if latex is None:
            continue
        attrs: dict[str, object] = {"latex": latex}
        full_box = box
        if tag is not None:
            match = _TAG.match(tag[0])
            attrs["tag"] = match.group(1) if match else tag[0]
            full_box = box.union(tag[1])
        text = "".join(g.text for g in sorted(part, key=lambda g: g.x0))
        line = Line(text=text, markdown=text, bbox=full_box, size=em)
        blocks.append(Block(BlockKind.EQUATION, raw.number, full_box, [line], attrs))
    return blocks


def _split_by_tags(
    glyphs: list[Glyph], tags: list[tuple[str, BBox]]
) -> list[tuple[list[Glyph], tuple[str, BBox] | None]]:
    """A display with a number on each row (``align``): one equation per number."""
    ordered = sorted(tags, key=lambda t: t[1].y0)
    cuts = [(a[1].y1 + b[1].y0) / 2 for a, b in zip(ordered, ordered[1:])]
    parts: list[list[Glyph]] = [[] for _ in ordered]
    for g in glyphs:
        middle = (g.y0 + g.y1) / 2
        parts[sum(1 for c in cuts if middle > c)].append(g)
    return list(zip(parts, ordered))


def equation_markdown(block: Block) -> str:
    """``$$ latex \\tag{n} $$`` for an EQUATION block."""
    latex = block.attrs.get("latex", "")
    tag = block.attrs.get("tag")
    return f"$${latex}" + (f" \\tag{{{tag}}}" if tag else "") + "$$"
