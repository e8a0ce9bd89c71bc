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


def _aligned(texts: list[str], marks: list[Atom | None], how: str) -> str:
    """Rows of a display: aligned at their first relation, left-aligned, or gathered on one centre."""
    if how == "aligned":
        texts = [_insert_ampersand(text, mark.latex) for text, mark in zip(texts, marks) if mark]
    elif how == "aligned-left":
        texts = ["&" + text for text in texts]
    env = "gathered" if how == "gathered" else "aligned"
    return rf"\begin{{{env}}} " + r" \\ ".join(texts) + rf" \end{{{env}}}"


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
    """``$$ latex \\tag{n} $$`` for an EQUATION block; its plain text where the gate refused the LaTeX."""
    latex = block.attrs.get("latex")
    tag = block.attrs.get("tag")
    text = block.attrs.get("unicode") or (None if latex else block.attrs.get("text"))
    if text is not None:  # Unicode asked for, or no LaTeX that passed the gate: the page's text
        return "  \n".join(row.strip() for row in str(text).splitlines()) + (f" ({tag})" if tag else "")
    return f"$${latex or ''}" + (f" \\tag{{{tag}}}" if tag else "") + "$$"
