"""Glyph classes: which fonts and code points are math, and what symbol each glyph draws."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from ...model import Font, Glyph

_MATH_FONT_WORDS = (
    "cmmi", "cmsy", "cmex", "cmbsy", "cmmib", "msam", "msbm", "eufm", "eusm", "rsfs", "stix", "cambriamath",
    "cambria math", "lmmathitalic", "lmmathsymbols", "lmmathextension", "latinmodernmath", "latinmodern-math",
    "xitsmath", "txmi", "txsy", "txex", "pxmi", "pxsy", "pxex", "ntxmi", "ntxsy", "ntxex", "rtxmi", "rtxsy",
    "esint", "mathjax", "asanamath", "firamath", "libertinusmath", "dejavumath", "euler", "eurm", "cmbsy",
)  # fmt: skip


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
    if table is _CMEX:
        return _CMEX.get(ord(glyph.text), glyph.text if glyph.text.isalnum() else "\ufffd")
    return table.get(ord(glyph.text), glyph.text)


def baseline(glyph: Glyph, fonts: Sequence[Font]) -> float:
    """Where the glyph sits: its loose box bottom lifted by the font's descent."""
    descent = fonts[glyph.font].descent if glyph.font < len(fonts) else 0.0
    return glyph.y1 + (descent if descent < 0 else -0.2) * glyph.size


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


@dataclass(frozen=True, slots=True)
class _MathFonts:
    math: frozenset[int]
    codes: dict[int, dict[int, str]]
    fonts: Sequence[Font]

    def is_math(self, glyph: Glyph) -> bool:
        """A glyph of real math: in a math font, and not a symbol prose borrows (⟨meta⟩, bullets)."""
        return glyph.font in self.math and glyph_char(glyph, self.codes) not in TEXT_SYMBOLS


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
