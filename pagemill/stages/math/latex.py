"""The LaTeX writer: tokens joined, function names, aligned rows, equation Markdown."""

from __future__ import annotations

import re

from ...model import Block
from .glyphs import _FUNCTIONS
from .layout import Atom


def _with_limits(atom: Atom) -> str:
    latex = atom.latex
    if atom.scripts:
        latex += "".join(
            f"{key}{{{value}}}" for key, value in sorted(atom.scripts.items(), key=lambda kv: kv[0] != "_")
        )
    return latex


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


def equation_markdown(block: Block) -> str:
    """``$$ latex \\tag{n} $$`` for an EQUATION block."""
    latex = block.attrs.get("latex", "")
    tag = block.attrs.get("tag")
    return f"$${latex}" + (f" \\tag{{{tag}}}" if tag else "") + "$$"
