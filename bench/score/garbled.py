"""Garbled math: emitted formulas whose glyphs, in their order, are not the page's.

A formula is reduced to the glyphs it stands for, in reading order: structure dropped (``\\frac``,
``\\left``, environments, braces, spacing, accents, styles such as ``\\mathbb``), commands for
symbols as their glyph (``\\alpha`` is α, ``\\sin`` is s i n, ``\\sum`` and a text ``\\Sigma`` are
one Σ), a base's subscript before its superscript (``x^2_i`` reads as ``x_i^2``, as a limit
under ∑ is read before the one over it), every character in Unicode compatibility form without its accents (x̄ is x).

An emitted formula (display or inline) is **garbled** when its glyph sequence does not occur,
contiguous, in the ground truth's document reduced the same way (its formulas reduced, its text
as characters, spaces and emphasis marks dropped). This catches glyphs invented, dropped from
the middle, doubled, or read in another order (``\\Sigma i^{n}=1`` for ``\\sum_{i=1}^{n}``),
while a formula that is only part of the truth's (``$=$`` out of ``r_i = y_i``) or that takes in
neighbouring text (``$x, y$`` for ``$x$, $y$``) is not. Its limits: a short garbled sequence
that happens to occur elsewhere in the document is not caught; notations the reduction does
not unify (``\\binom`` written as a matrix in parentheses is, most others are not) count as
garbled.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from .markdown import DISPLAY_MATH, INLINE_MATH, display_math, inline_math

_TOKEN = re.compile(r"\\[a-zA-Z]+|\\.|\S")
_GREEK = (
    "alpha:α beta:β gamma:γ delta:δ epsilon:ϵ varepsilon:ε zeta:ζ eta:η theta:θ vartheta:ϑ iota:ι kappa:κ "
    "lambda:λ mu:μ nu:ν xi:ξ pi:π varpi:ϖ rho:ρ varrho:ϱ sigma:σ varsigma:ς tau:τ upsilon:υ phi:ϕ varphi:φ "
    "chi:χ psi:ψ omega:ω Gamma:Γ Delta:Δ Theta:Θ Lambda:Λ Xi:Ξ Pi:Π Sigma:Σ Upsilon:Υ Phi:Φ Psi:Ψ Omega:Ω"
)
_SYMBOLS = (
    "sum:Σ prod:Π coprod:∐ int:∫ iint:∬ oint:∮ bigcup:∪ bigcap:∩ cup:∪ cap:∩ infty:∞ partial:∂ nabla:∇ "
    "pm:± mp:∓ times:× div:÷ cdot:· ast:* star:⋆ circ:∘ bullet:• leq:≤ le:≤ geq:≥ ge:≥ neq:≠ ne:≠ "
    "approx:≈ sim:∼ simeq:≃ equiv:≡ cong:≅ propto:∝ ll:≪ gg:≫ in:∈ notin:∉ ni:∋ subset:⊂ supset:⊃ "
    "subseteq:⊆ supseteq:⊇ emptyset:∅ varnothing:∅ forall:∀ exists:∃ neg:¬ lnot:¬ wedge:∧ land:∧ vee:∨ "
    "lor:∨ oplus:⊕ otimes:⊗ to:→ rightarrow:→ leftarrow:← gets:← Rightarrow:⇒ Leftarrow:⇐ "
    "leftrightarrow:↔ Leftrightarrow:⇔ implies:⇒ iff:⇔ mapsto:↦ mid:| vert:| lvert:| rvert:| Vert:‖ "
    "lVert:‖ rVert:‖ langle:⟨ rangle:⟩ lfloor:⌊ rfloor:⌋ lceil:⌈ rceil:⌉ lbrace:{ rbrace:} "
    "ldots:… dots:… cdots:⋯ vdots:⋮ ddots:⋱ prime:' ell:ℓ hbar:ℏ aleph:ℵ wp:℘ Re:ℜ Im:ℑ perp:⊥ "
    "parallel:∥ angle:∠ triangle:△ setminus:∖ backslash:∖ colon:: vdash:⊢ models:⊨ top:⊤ bot:⊥ "
    "sqrt:√ surd:√ degree:°"
)
_COMMANDS = {k: v for pair in (_GREEK + " " + _SYMBOLS).split() for k, v in [pair.split(":", 1)]}
#: commands that draw nothing of their own (structure, spacing, style, accents): dropped, arguments kept
_DROPPED = re.compile(
    r"\\(?:frac|dfrac|tfrac|cfrac|left|right|big|Big|bigg|Bigg|[bB]igg?[lrm]|displaystyle|textstyle|limits|"
    r"nolimits|quad|qquad|mathrm|mathit|mathbf|mathsf|mathtt|mathbb|mathcal|mathscr|mathfrak|boldsymbol|bm|"
    r"operatorname|text|textrm|textit|textbf|mbox|hat|widehat|bar|overline|underline|tilde|widetilde|vec|dot|"
    r"ddot|check|breve|acute|grave|mathring|overrightarrow|substack|phantom|hphantom|vphantom|not)$"
)
#: characters that several producers draw for one glyph
_FOLD = str.maketrans({"−": "-", "∗": "*", "∑": "Σ", "∏": "Π", "′": "'", "∣": "|", "⋅": "·", "∶": ":", "ε": "ϵ"})
_FOLD_PHI = str.maketrans({"φ": "ϕ", "ϑ": "θ", "ϖ": "π", "ϱ": "ρ", "ς": "σ"})
#: a proof's end mark: on the page, but no truth writes it, so it is no glyph of a formula either
_QED = str.maketrans({"□": None, "∎": None})
_ENVIRONMENT_FENCES = {
    "pmatrix": "()",
    "bmatrix": "[]",
    "Bmatrix": "{}",
    "vmatrix": "||",
    "Vmatrix": "‖‖",
    "cases": "{",
}


def glyphs_of_latex(latex: str) -> list[str]:
    """The glyphs a formula's LaTeX stands for, in reading order (subscript before superscript)."""
    latex = re.sub(r"\\tag\*?\{[^{}]*\}", " ", latex)
    latex = re.sub(r"\\(?:begin|end)\{array\}\{[^{}]*\}", " ", latex)
    tokens = _TOKEN.findall(latex)
    tree, _ = _group(tokens, 0)
    return _fold(_flatten(tree))


def _group(tokens: list[str], i: int) -> tuple[list[Any], int]:
    """Tokens as nested lists, one per ``{..}`` group."""
    out: list[Any] = []
    while i < len(tokens):
        token = tokens[i]
        if token == "{":
            inner, i = _group(tokens, i + 1)
            out.append(inner)
        elif token == "}":
            return out, i + 1
        else:
            out.append(token)
            i += 1
    return out, i


def _flatten(nodes: list[Any]) -> list[str]:
    glyphs: list[str] = []
    i = 0
    while i < len(nodes):
        node = nodes[i]
        if node == "^" and i + 3 < len(nodes) and nodes[i + 2] == "_":  # x^{a}_{b} reads as x_{b}^{a}
            glyphs += _flatten(_as_list(nodes[i + 3])) + _flatten(_as_list(nodes[i + 1]))
            i += 4
            continue
        if node == r"\binom" and i + 2 < len(nodes):  # drawn as a pair in parentheses
            glyphs += ["(", *_flatten(_as_list(nodes[i + 1])), *_flatten(_as_list(nodes[i + 2])), ")"]
            i += 3
            continue
        i += 1
        if isinstance(node, list):
            glyphs += _flatten(node)
        elif node in ("^", "_", "&", "\\\\", "~") or (node.startswith("\\") and len(node) == 2 and node[1] in ",;:!> "):
            continue
        elif node in (r"\begin", r"\end") and i < len(nodes) and isinstance(nodes[i], list):
            name = "".join(t for t in nodes[i] if isinstance(t, str)).rstrip("*")
            fences = _ENVIRONMENT_FENCES.get(name, "")
            glyphs += [fences[0]] if node == r"\begin" and fences else []
            glyphs += [fences[1]] if node == r"\end" and len(fences) > 1 else []
            i += 1
        elif node.startswith("\\") and node[1:].isalpha():
            if not _DROPPED.match(node):
                glyphs += list(_COMMANDS.get(node[1:], node[1:]))
        else:
            glyphs.append({"\\|": "‖"}.get(node, node[1:] if node.startswith("\\") else node))
    return glyphs


def _as_list(node: Any) -> list[Any]:
    return node if isinstance(node, list) else [node]


def _fold(glyphs: list[str]) -> list[str]:
    folded = unicodedata.normalize("NFKD", "".join(glyphs)).translate(_FOLD).translate(_FOLD_PHI).translate(_QED)
    return [c for c in folded if not c.isspace() and not unicodedata.combining(c)]  # x̄ is x, as \\bar{x}


def truth_glyphs(markdown: str) -> str:
    """The ground truth reduced to one string of glyphs: formulas reduced, text as characters."""
    parts: list[str] = []
    position = 0
    spans = sorted(
        [(m.start(), m.end(), m.group(0)) for m in DISPLAY_MATH.finditer(markdown)]
        + [(m.start(), m.end(), m.group(0)) for m in INLINE_MATH.finditer(DISPLAY_MATH.sub(_blank, markdown))]
    )
    for start, end, found in spans:
        if start < position:
            continue
        parts.append(_text_glyphs(markdown[position:start]))
        inner = (display_math(found) or inline_math(found) or [""])[0]
        parts.append("".join(glyphs_of_latex(inner)))
        position = end
    parts.append(_text_glyphs(markdown[position:]))
    return "".join(parts)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def _text_glyphs(text: str) -> str:
    text = re.sub(r"[*_#`>]", "", text)
    return "".join(_fold(list(text)))


def garbled_scores(truth: str, predicted: str) -> dict[str, Any]:
    """How many formulas the prediction emits, and which of them are garbled (see the module)."""
    page = truth_glyphs(truth)
    formulas = display_math(predicted) + inline_math(predicted)
    garbled = [f for f in formulas if "".join(glyphs_of_latex(f)) not in page]
    return {"math_emitted": len(formulas), "math_garbled": len(garbled), "math_garbled_examples": garbled[:5]}
