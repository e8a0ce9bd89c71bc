"""Formulas as Unicode text (``--math unicode``): x², ℝ, a/b, √x, for readers who want no LaTeX.

The input is the LaTeX the builder writes (a small, known subset), after it passed the
gate; every character of the result stands for a glyph of the page.
"""

from __future__ import annotations

import re
import unicodedata

from .glyphs import _FUNCTIONS, _GREEK, _SYMBOLS

_COMMANDS = {name: char for char, name in _GREEK.items()}
for _char, _latex in _SYMBOLS.items():
    if _latex.startswith("\\") and _latex[1:].isalpha():
        _COMMANDS.setdefault(_latex[1:], _char)
_COMMANDS |= {"mid": "|", "ldots": "…", "cdots": "⋯", "to": "→", "in": "∈", "leq": "≤", "geq": "≥"}
_STYLES = {
    "mathbb": ("DOUBLE-STRUCK", "DOUBLE-STRUCK"), "mathcal": ("SCRIPT", "SCRIPT"), "mathscr": ("SCRIPT", "SCRIPT"),
    "mathfrak": ("FRAKTUR", "BLACK-LETTER"), "mathbf": ("BOLD", ""), "boldsymbol": ("BOLD ITALIC", ""),
    "mathsf": ("SANS-SERIF", ""), "mathtt": ("MONOSPACE", ""), "mathrm": ("", ""),
}  # fmt: skip
_ACCENTS = {
    "hat": "\u0302", "tilde": "\u0303", "bar": "\u0304", "dot": "\u0307", "ddot": "\u0308", "check": "\u030c",
    "acute": "\u0301", "grave": "\u0300", "breve": "\u0306", "vec": "\u20d7", "overline": "\u0305",
    "underline": "\u0332",
}  # fmt: skip
_SUPERSCRIPTS = dict(zip("0123456789+-−=()niT'", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱᵀ′"))
_SUBSCRIPTS = dict(zip("0123456789+-−=()aeijkmnoprstux", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑᵢⱼₖₘₙₒₚᵣₛₜᵤₓ"))
_COMMAND = re.compile(r"\\([A-Za-z]+) ?")
_RELATION_STARTS = ("=", "<", ">", "\\")
_MATRIX_DELIMITERS = {"pmatrix": "()", "bmatrix": "[]", "Bmatrix": "{}", "vmatrix": "||", "Vmatrix": "‖‖"}


def to_unicode(latex: str) -> str:
    """The formula as Unicode text; rows of a display on lines of their own."""
    return re.sub(r"[ \t]+", " ", _convert(latex)).strip()


def _convert(s: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s) and not s[i + 1].isalpha():
            out.append({"\\": "\n", ",": " ", "|": "‖", " ": " "}.get(s[i + 1], s[i + 1]))
            i += 2
        elif c == "\\":
            match = _COMMAND.match(s, i)
            if match is None:
                out.append(c)
                i += 1
                continue
            name, i = match.group(1), match.end()
            i = _command(name, s, i, out)
        elif c in "^_":
            body, i = _argument(s, i + 1)
            out.append(_script(_convert(body), c == "^"))
        elif c == "{":
            body, i = _argument(s, i)
            out.append(_convert(body))
        elif c == "&":
            i += 1
            if s[i : i + 1] not in _RELATION_STARTS:
                out.append(" ")  # between cells; before a relation the row reads on
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _command(name: str, s: str, i: int, out: list[str]) -> int:
    if name == "frac":
        top, i = _argument(s, i)
        bottom, i = _argument(s, i)
        out.append(f"{_wrap(_convert(top))}/{_wrap(_convert(bottom))}")
    elif name == "sqrt":
        body, i = _argument(s, i)
        out.append("√" + _wrap(_convert(body)))
    elif name in ("text", "operatorname"):
        body, i = _argument(s, i)
        out.append(body)  # a word of the formula, as set: ``otherwise``, ``sgn``
    elif name in _STYLES:
        body, i = _argument(s, i)
        out.append("".join(_styled(ch, *_STYLES[name]) for ch in _convert(body)))
    elif name in _ACCENTS:
        body, i = _argument(s, i)
        out.append("".join(ch + _ACCENTS[name] for ch in _convert(body)))
    elif name in ("begin", "end"):
        env, i = _argument(s, i)
        if name == "begin" and env == "cases":
            out.append("{ ")
        elif env in ("pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix"):
            out.append(
                "()[]{}||‖‖"[2 * ["pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix"].index(env) + (name == "end")]
            )
    elif name == "substack":
        body, i = _argument(s, i)
        out.append(_convert(body).replace("\n", ", "))
    elif name == "not":
        out.append("\u0338")
    elif name in ("left", "right"):
        pass  # the delimiter follows
    elif name in _COMMANDS:
        out.append(_COMMANDS[name])
    elif name in _FUNCTIONS:
        out.append(name + " ")
    else:
        out.append(name)
    return i


def _argument(s: str, i: int) -> tuple[str, int]:
    """The braced group (or the single token) at ``i``, and the position after it."""
    while i < len(s) and s[i] == " ":
        i += 1
    if i >= len(s):
        return "", i
    if s[i] != "{":
        if s[i] == "\\":
            match = _COMMAND.match(s, i)
            if match is not None:
                return s[i : match.end()], match.end()
            return s[i : i + 2], i + 2
        return s[i], i + 1
    depth = 0
    for j in range(i, len(s)):
        if s[j] == "\\":
            continue
        if s[j] == "{" and (j == 0 or s[j - 1] != "\\"):
            depth += 1
        elif s[j] == "}" and s[j - 1] != "\\":
            depth -= 1
            if depth == 0:
                return s[i + 1 : j], j + 1
    return s[i + 1 :], len(s)


def _script(text: str, sup: bool) -> str:
    table = _SUPERSCRIPTS if sup else _SUBSCRIPTS
    if text and all(ch in table for ch in text):
        return "".join(table[ch] for ch in text)
    if sup and set(text) == {"'"}:
        return "′" * len(text)
    return ("^" if sup else "_") + (f"({text})" if len(text) > 1 else text)


def _wrap(text: str) -> str:
    text = text.strip()
    return text if len(text) <= 1 or text.isalnum() else f"({text})"


def _styled(char: str, style: str, letterlike: str) -> str:
    if not style or not char.isalpha() or not char.isascii():
        return char
    case = "CAPITAL" if char.isupper() else "SMALL"
    for name in (f"MATHEMATICAL {style} {case} {char.upper()}", f"{letterlike} {case} {char.upper()}"):
        try:
            return unicodedata.lookup(name)
        except KeyError:
            continue
    return char
