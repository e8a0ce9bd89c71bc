"""Glyph classes: which fonts and code points are math, and what symbol each glyph draws."""

from __future__ import annotations

import contextvars
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ...model import Font, Glyph

#: TeX's Type 1 math fonts and their kin, by the start of the name (``cmmi10``, ``msbm7``, ``eufm10``)
_TEX_MATH_PREFIXES = (
    "cmmi", "cmsy", "cmex", "cmbsy", "cmmib", "msam", "msbm", "eufm", "eufb", "eusm", "eusb", "eurm", "eurb", "euex",
    "rsfs", "esint", "txmi", "txsy", "txex", "pxmi", "pxsy", "pxex", "ntxmi", "ntxsy", "ntxex", "rtxmi", "rtxsy",
    "lmmathitalic", "lmmathsymbols", "lmmathextension", "stmary", "zeuex",
)  # fmt: skip
#: words in a font's name that make it a math font whatever the producer: OpenType math fonts (``STIXMath``,
#: ``LatinModernMath``, ``CambriaMath``, ``TeXGyrePagellaMath``, ``XITSMath``, ``AsanaMath``), KaTeX's and
#: MathJax's web fonts (all of them are math: ``KaTeX_Main`` sets the digits and operators of formulas), STIX 1's
#: math-only companions. ``STIX``/``STIXTwoText``/``XITS`` alone are text fonts: body text set in them is prose.
_MATH_NAME_WORDS = (
    "math", "katex", "mjxc", "mjxtex", "mjxzero", "stixsize", "stixintegrals", "stixvariants", "stixnonunicode",
    "euler",
)  # fmt: skip
#: fonts that set prose and math alike (STIX 1's general font, Symbol): a glyph of theirs is math by its class
#: (OpenSymbol: LibreOffice Math's operators and delimiters, and the bullets of its lists)
_MIXED_NAME_WORDS = ("stixgeneral", "symbol", "symbolmt", "opensymbol")
#: letter alphabets a font stands for, by words in its name (only the letters they name change)
_FONT_ALPHABETS = (
    (("msbm", "katexams", "mathjaxams", "mjxctexams"), r"\mathbb", "upper"),
    (("eufm", "eufb", "katexfraktur", "mathjaxfraktur", "mjxctexfrak"), r"\mathfrak", "letters"),
    (("rsfs", "eusm", "katexscript", "mathjaxscript", "mjxctexscript"), r"\mathscr", "upper"),
    (("katexcaligraphic", "mathjaxcalligraphic", "mjxctexcal"), r"\mathcal", "upper"),
    (("katexsansserif", "mathjaxsansserif", "mjxctexsans"), r"\mathsf", "letters"),
    (("katextypewriter", "mathjaxtypewriter", "mjxctextype"), r"\mathtt", "letters"),
    (("katexmainbold", "mathjaxmainbold", "mjxctexmainb"), r"\mathbf", "letters"),
)
#: fonts whose ASCII letters are upright in formulas (function names, ``\mathrm``): the main font of KaTeX and
#: MathJax and OpenType math fonts (their italic letters are the Mathematical Alphanumeric Symbols)
_UPRIGHT_WORDS = ("katexmain", "mathjaxmain", "mjxctexmain")
_ITALIC_MATH_WORDS = ("katexmath", "mathjaxmath", "mjxctexmath", "lmmathitalic")
#: letterlike symbols that stand for styled letters (ℝ is a double-struck R, ℎ unicode-math's italic h)
_LETTERLIKE = set("ℂℍℕℙℚℝℤℎℬℰℱℋℐℒℳℛℊℯℴℭℌℨ")
#: no math letter comes before the Letterlike Symbols block: text below it needs no look-up
_FIRST_MATH_LETTER = "\u2100"


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
    "\u2126": r"\Omega", "∶": ":", "◦": r"\circ", "µ": r"\mu",
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
#: ... and Unicode's (OpenType math fonts, Cambria Math): the brace extension ⎪ taken for the opening brace's
_PIECES |= dict(zip("⎛⎜⎝⎞⎟⎠⎡⎢⎣⎤⎥⎦⎧⎨⎩⎪⎫⎬⎭", "((()))[[[]]]{{{{}}}"))
_LIMIT_FUNCTIONS = {"lim", "max", "min", "sup", "inf", "det", "gcd", "liminf", "limsup"}
#: combining accents: unicode-math (XeLaTeX, LuaLaTeX) sets x̄ as the letter and a U+0304 glyph over it
_COMBINING_ACCENTS = {
    "\u0302": r"\hat", "\u0303": r"\tilde", "\u0304": r"\bar", "\u0305": r"\bar", "\u0307": r"\dot",
    "\u0308": r"\ddot", "\u030c": r"\check", "\u0301": r"\acute", "\u0300": r"\grave", "\u0306": r"\breve",
    "\u20d7": r"\vec",
}  # fmt: skip
_ACCENTS = {
    "ˆ": r"\hat", "^": r"\hat", "ˉ": r"\bar", "˜": r"\tilde", "~": r"\tilde", "¯": r"\bar", "˙": r"\dot", "¨": r"\ddot",
    "ˇ": r"\check", "´": r"\acute", "`": r"\grave", "˘": r"\breve", "⃗": r"\vec", "→": r"\vec",
} | _COMBINING_ACCENTS  # fmt: skip
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
#: MSAM's first row, where a font without a Unicode map (LuaLaTeX's Type 1 msam) gives control characters:
#: amsthm's end-of-proof □ is code 3. Its codes from 0x20 on read as ASCII and stay unmapped.
_MSAM = dict(zip(range(0x00, 0x10), "⊡⊞⊠□■⋅◊⧫↻↺⇌⇋⊟⊩⊪⊨"))
_CODE_TABLES = (
    ("cmex", _CMEX), ("lmmathextension", _CMEX), ("cmsy", _CMSY), ("cmbsy", _CMSY), ("lmmathsymbols", _CMSY),
    ("cmmi", _CMMI), ("lmmathitalic", _CMMI), ("msam", _MSAM),
)  # fmt: skip
#: end-of-proof marks (amsthm's ``\\qedsymbol``: msam's □, unicode-math's U+25A1): the proof's last word, no formula
QED_MARKS = set("□■∎◻◼▫▪")
#: math-font glyphs that prose borrows (doc-style ⟨meta⟩, bullets, daggers, end-of-proof marks): not math on their own
TEXT_SYMBOLS = set("⟨⟩|‖•·∗†‡§¶–—{}()[]") | QED_MARKS


# -- fonts ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FontClasses:
    """What each font of a document is to mathematics, by index into ``RawPage.fonts``."""

    #: fonts whose every glyph is math (but for the symbols prose borrows, ``TEXT_SYMBOLS``)
    math: frozenset[int]
    #: fonts of prose and math alike (STIXGeneral, Symbol): their math symbols are math, their letters text
    mixed: frozenset[int]
    #: code tables of TeX fonts whose codes PDFium leaves unmapped
    codes: dict[int, dict[int, str]]
    #: letters that stand for an alphabet command (msbm's ``R`` is ``\\mathbb{R}``): (command, "upper"/"letters")
    alphabets: dict[int, tuple[str, str]]
    #: math fonts whose ASCII letters are upright (function names), not italic variables
    upright: frozenset[int]


#: nameless fonts that this page shows to be math (set per page by :func:`learn_page_fonts`)
PAGE_MATH_FONTS: contextvars.ContextVar[frozenset[int]] = contextvars.ContextVar(
    "pagemill_page_math_fonts", default=frozenset()
)
#: by the font list's id: the list itself (held, so that its id is not reused by another document's
#: list while cached), its length when classified (a document's list grows as pages are read), the classes
_class_cache: dict[int, tuple[Sequence[Font], int, FontClasses]] = {}
_CACHED_LISTS = 8


def _normal_name(font: Font) -> str:
    return font.name.lower().split("+")[-1].replace("-", "").replace(" ", "").replace("_", "")


def font_classes(fonts: Sequence[Font]) -> FontClasses:
    """The math classes of a document's fonts, by their names (cached per font list), and this page's learnt ones."""
    key = id(fonts)
    cached = _class_cache.get(key)
    if cached is None or cached[0] is not fonts or cached[1] != len(fonts):
        if len(_class_cache) >= _CACHED_LISTS:
            _class_cache.clear()
        cached = (fonts, len(fonts), _classify(fonts))
        _class_cache[key] = cached
    classes = cached[2]
    extra = PAGE_MATH_FONTS.get()
    if extra and not extra <= classes.math:
        return FontClasses(classes.math | extra, classes.mixed, classes.codes, classes.alphabets, classes.upright)
    return classes


def _classify(fonts: Sequence[Font]) -> FontClasses:
    math: set[int] = set()
    mixed: set[int] = set()
    upright: set[int] = set()
    codes: dict[int, dict[int, str]] = {}
    alphabets: dict[int, tuple[str, str]] = {}
    for index, font in enumerate(fonts):
        name = _normal_name(font)
        if any(word in name for word in _MIXED_NAME_WORDS):
            mixed.add(index)
            continue
        if not (name.startswith(_TEX_MATH_PREFIXES) or any(word in name for word in _MATH_NAME_WORDS)):
            continue
        math.add(index)
        table = next((table for prefix, table in _CODE_TABLES if name.startswith(prefix)), None)
        if table is not None:
            codes[index] = table
        alphabet = next(((command, which) for words, command, which in _FONT_ALPHABETS if name.startswith(words)), None)
        if alphabet is not None:
            alphabets[index] = alphabet
        if name.startswith(_UPRIGHT_WORDS) or (
            "math" in name and not name.startswith(_TEX_MATH_PREFIXES) and not name.startswith(_ITALIC_MATH_WORDS)
        ):
            upright.add(index)
    return FontClasses(frozenset(math), frozenset(mixed), codes, alphabets, frozenset(upright))


def math_fonts(fonts: Sequence[Font]) -> tuple[frozenset[int], dict[int, dict[int, str]]]:
    """Indexes of the math fonts, and the code tables of those whose codes PDFium leaves unmapped."""
    classes = font_classes(fonts)
    return classes.math, classes.codes


def learn_page_fonts(glyphs: Sequence[Glyph], fonts: Sequence[Font]) -> frozenset[int]:
    """Nameless fonts (a browser's Type 3 copies of MathJax's fonts) that set math on this page.

    A font without a name tells nothing; its glyphs do. Prose sets words: runs of four letters and more
    in one font. Math sets single letters, digits and symbols, and shows at least one math symbol. A
    nameless font with the first profile stays text; with the second it is math for this page.
    """
    nameless = {i for i, f in enumerate(fonts) if not _normal_name(f) and not f.invisible}
    if not nameless:
        return frozenset()
    letters: dict[int, int] = {}
    in_words: dict[int, int] = {}
    symbols: dict[int, int] = {}
    run_font, run_letters, last = -1, 0, None
    for g in glyphs:
        if g.font not in nameless:
            run_font, run_letters, last = -1, 0, None
            continue
        adjacent = last is not None and g.font == run_font and abs(g.y1 - last.y1) < 0.3 * g.size
        adjacent = adjacent and last is not None and -0.1 * g.size < g.x0 - last.x1 < 0.12 * g.size
        if g.text.isalpha():
            letters[g.font] = letters.get(g.font, 0) + 1
            run_letters = run_letters + 1 if adjacent and run_letters else 1
            if run_letters == 4:
                in_words[g.font] = in_words.get(g.font, 0) + 4
            elif run_letters > 4:
                in_words[g.font] = in_words.get(g.font, 0) + 1
        else:
            run_letters = 0
        if is_math_symbol(g.text):
            symbols[g.font] = symbols.get(g.font, 0) + 1
        run_font, last = g.font, g
    no_words = {i for i in nameless if in_words.get(i, 0) <= 0.2 * max(letters.get(i, 0), 1)}
    math = {i for i in no_words if symbols.get(i)}
    # a font of letters alone (MathJax's italic) is math where its glyphs stand right beside math glyphs
    for a, b in zip(glyphs, glyphs[1:]):
        pair = {a.font, b.font}
        beside = abs(a.y1 - b.y1) < 0.5 * a.size and abs(b.x0 - a.x1) < 0.5 * a.size
        if len(pair) == 2 and pair <= no_words and len(pair & math) == 1 and beside:
            math |= pair
    return frozenset(math)


def is_math_symbol(char: str) -> bool:
    """A character that only formulas use: relations, operators, large operators, Greek, math alphanumerics."""
    return len(char) == 1 and (
        char in _RELATIONS
        or (char in _OPERATORS and char not in "-/·")
        or char in _LARGE_OPERATORS
        or char in "√∂∇∞∀∃∅"
        or char in _GREEK
        or is_math_letter(char)
    )


def is_math_letter(char: str) -> bool:
    """A letter of the Mathematical Alphanumeric Symbols block or a letterlike math letter (𝑥, 𝐄, ℝ, ℎ)."""
    return len(char) == 1 and ("\U0001d400" <= char <= "\U0001d7ff" or char in _LETTERLIKE)


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


def _combined_accent(char: str) -> tuple[str, str] | None:
    """(base letter, ``\\bar{x}``) for a letter with an accent combined onto it, else None."""
    parts = unicodedata.normalize("NFD", char)
    if len(parts) != 2 or parts[1] not in _COMBINING_ACCENTS:
        return None
    return parts[0], f"{_COMBINING_ACCENTS[parts[1]]}{{{_token(parts[0])}}}"


def _token(char: str) -> str:
    styled = styled_letter(char)
    if styled is not None:
        plain, command = styled
        token = _token(plain)
        return f"{command}{{{token}}}" if command else token
    if char in _GREEK:
        return "\\" + _GREEK[char]
    if char in _SYMBOLS:
        return _SYMBOLS[char]
    return char


#: alphabet commands by words of a Mathematical Alphanumeric Symbol's Unicode name, first match wins
_STYLE_WORDS = (
    ("DOUBLE-STRUCK", r"\mathbb"), ("FRAKTUR", r"\mathfrak"), ("BLACK-LETTER", r"\mathfrak"),
    ("SCRIPT", r"\mathcal"), ("SANS-SERIF", r"\mathsf"), ("MONOSPACE", r"\mathtt"),
    ("BOLD ITALIC", r"\boldsymbol"), ("BOLD", r"\mathbf"),
)  # fmt: skip


def styled_letter(char: str) -> tuple[str, str] | None:
    """(plain letter, alphabet command or "") for a math alphanumeric: 𝑥 -> ("x", ""), ℝ -> ("R", "\\mathbb")."""
    if not is_math_letter(char):
        return None
    plain = unicodedata.normalize("NFKC", char)
    if plain == char or len(plain) != 1:
        return None
    name = unicodedata.name(char, "")
    command = next((command for word, command in _STYLE_WORDS if word in name), "")
    if command == r"\mathbf" and plain in _GREEK:
        command = r"\boldsymbol"  # \mathbf does not make Greek bold
    return plain, command


@dataclass(frozen=True, slots=True)
class _MathFonts:
    math: frozenset[int]
    codes: dict[int, dict[int, str]]
    fonts: Sequence[Font]

    mixed: frozenset[int] = frozenset()

    def is_math(self, glyph: Glyph) -> bool:
        """A glyph of real math: in a math font and not a symbol prose borrows (⟨meta⟩, bullets); or a math
        symbol of a font that sets prose too (STIXGeneral, Symbol); or a math alphanumeric (𝑥, ℝ) in any font."""
        if glyph.font in self.math:
            return glyph_char(glyph, self.codes) not in TEXT_SYMBOLS
        if glyph.font in self.mixed:
            return is_math_symbol(glyph.text)
        return is_math_letter(glyph.text)

    def any_math(self, glyphs: Iterable[Glyph]) -> bool:
        """Whether any of the glyphs is math: ``is_math`` with a fast pass over prose fonts' glyphs."""
        special = self.math | self.mixed
        for glyph in glyphs:
            if glyph.font in special:
                if self.is_math(glyph):
                    return True
            elif glyph.text >= _FIRST_MATH_LETTER and is_math_letter(glyph.text):
                return True
        return False


def math_glyphs(fonts: Sequence[Font]) -> _MathFonts:
    """The test of which glyphs are math, for a document's fonts (and this page's learnt ones)."""
    classes = font_classes(fonts)
    return _MathFonts(classes.math, classes.codes, fonts, classes.mixed)


def has_math(glyphs: Sequence[Glyph], fonts: Sequence[Font]) -> bool:
    """Whether any of these glyphs is math (symbols that prose borrows from math fonts alone make none)."""
    return math_glyphs(fonts).any_math(glyphs)


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
        + (g.text if g.font not in math and g.text.isalpha() and not is_math_letter(g.text) else " ")
        for b, g in zip([None, *ink], ink)
    )  # a change of font ends a word: ``per`` then a bold ``A``
    for name in _FUNCTION_NAMES_LONGEST_FIRST:
        if name in letters:
            letters = letters.replace(name, " ")
    return letters.split()
