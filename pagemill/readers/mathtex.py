"""Equations to LaTeX: Office Math (OMML, in DOCX) and MathML (in HTML and EPUB).

Fractions, scripts, roots, big operators, delimiters, accents, functions and
matrices are rebuilt; any other element gives its children, so the text of an
equation is never lost. Symbols become LaTeX commands where one exists.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

#: Unicode symbols with a LaTeX command
SYMBOLS = {
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\epsilon", "ϵ": r"\epsilon",
    "ζ": r"\zeta", "η": r"\eta", "θ": r"\theta", "ι": r"\iota", "κ": r"\kappa", "λ": r"\lambda",
    "μ": r"\mu", "ν": r"\nu", "ξ": r"\xi", "π": r"\pi", "ρ": r"\rho", "σ": r"\sigma", "τ": r"\tau",
    "υ": r"\upsilon", "φ": r"\phi", "ϕ": r"\phi", "χ": r"\chi", "ψ": r"\psi", "ω": r"\omega",
    "Γ": r"\Gamma", "Δ": r"\Delta", "Θ": r"\Theta", "Λ": r"\Lambda", "Ξ": r"\Xi", "Π": r"\Pi",
    "Σ": r"\Sigma", "Φ": r"\Phi", "Ψ": r"\Psi", "Ω": r"\Omega",
    "∑": r"\sum", "∏": r"\prod", "∫": r"\int", "∬": r"\iint", "∮": r"\oint", "∞": r"\infty",
    "≤": r"\leq", "≥": r"\geq", "≠": r"\neq", "≈": r"\approx", "≡": r"\equiv", "±": r"\pm", "∓": r"\mp",
    "×": r"\times", "÷": r"\div", "·": r"\cdot", "⋅": r"\cdot", "∘": r"\circ", "→": r"\to", "←": r"\leftarrow",
    "⇒": r"\Rightarrow", "⇔": r"\Leftrightarrow", "↦": r"\mapsto", "∈": r"\in", "∉": r"\notin",
    "⊂": r"\subset", "⊆": r"\subseteq", "∪": r"\cup", "∩": r"\cap", "∅": r"\emptyset", "∀": r"\forall",
    "∃": r"\exists", "∂": r"\partial", "∇": r"\nabla", "¬": r"\neg", "∧": r"\wedge", "∨": r"\vee",
    "…": r"\ldots", "⋯": r"\cdots", "′": "'", "−": "-", "∗": "*", "ℝ": r"\mathbb{R}", "ℕ": r"\mathbb{N}",
    "ℤ": r"\mathbb{Z}", "ℚ": r"\mathbb{Q}", "ℂ": r"\mathbb{C}",
}  # fmt: skip
#: accent characters (OMML m:acc, MathML mover) and their commands
ACCENTS = {"̂": r"\hat", "^": r"\hat", "̃": r"\tilde", "~": r"\tilde", "̄": r"\bar", "¯": r"\bar",
           "⃗": r"\vec", "→": r"\vec", "̇": r"\dot", "˙": r"\dot", "̈": r"\ddot"}  # fmt: skip
FUNCTIONS = {"sin", "cos", "tan", "log", "ln", "exp", "lim", "max", "min", "det", "sup", "inf", "sinh", "cosh"}
_DELIMS = {"{": r"\{", "}": r"\}", "|": "|", "‖": r"\|", "⟨": r"\langle", "⟩": r"\rangle", "": "."}


def symbols(text: str) -> str:
    """Text of a math run with each symbol as its command (a space after a command word)."""
    out = []
    for char in text:
        command = SYMBOLS.get(char)
        out.append(command + " " if command and command[-1].isalpha() else command or char)
    return "".join(out).rstrip() if out and out[-1].endswith(" ") else "".join(out)


def group(latex: str) -> str:
    """``latex`` as one argument: braced unless it is a single character."""
    return latex if len(latex) == 1 else "{" + latex + "}"


def tidy(latex: str) -> str:
    return " ".join(latex.split())


# -- OMML --------------------------------------------------------------------------------

M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"


def omml_to_latex(element: Any) -> str:
    """An ``m:oMath`` (or ``m:oMathPara``) element as LaTeX."""
    return tidy(_omml(element))


def _omml_children(element: Any, name: str | None = None) -> str:
    if name is not None:
        child = element.find(M + name)
        return _omml(child) if child is not None else ""
    return "".join(_omml(child) for child in element)


def _omml_prop(element: Any, prop: str, attr: str, default: str) -> str:
    node = element.find(f"{M}{prop}/{M}{attr}")
    return node.get(M + "val", default) if node is not None else default


def _omml(element: Any) -> str:
    tag = element.tag.removeprefix(M)
    handler = _OMML.get(tag)
    if handler is not None:
        return handler(element)
    if tag.endswith("Pr"):
        return ""  # properties of an element, not content
    if tag == "r":
        return symbols("".join(t.text or "" for t in element.iter(M + "t")))
    return _omml_children(element)


def _omml_nary(e: Any) -> str:
    char = _omml_prop(e, "naryPr", "chr", "∫")
    sub, sup = _omml_children(e, "sub"), _omml_children(e, "sup")
    out = SYMBOLS.get(char, char)
    if sub:
        out += "_" + group(sub)
    if sup:
        out += "^" + group(sup)
    return out + " " + _omml_children(e, "e")


def _omml_delim(e: Any) -> str:
    begin = _omml_prop(e, "dPr", "begChr", "(")
    end = _omml_prop(e, "dPr", "endChr", ")")
    sep = _omml_prop(e, "dPr", "sepChr", "|")
    inner = f" {sep} ".join(_omml(child) for child in e.findall(M + "e"))
    return rf"\left{_DELIMS.get(begin, begin)} {inner} \right{_DELIMS.get(end, end)}"


def _omml_func(e: Any) -> str:
    name = _omml_children(e, "fName").strip()
    name = "\\" + name if name in FUNCTIONS else name
    return f"{name} {group(_omml_children(e, 'e'))}"


def _omml_matrix(e: Any) -> str:
    rows = [" & ".join(_omml(cell) for cell in row.findall(M + "e")) for row in e.findall(M + "mr")]
    return r"\begin{matrix} " + r" \\ ".join(rows) + r" \end{matrix}"


def _omml_acc(e: Any) -> str:
    char = _omml_prop(e, "accPr", "chr", "̂")
    command = ACCENTS.get(char, r"\hat")
    return f"{command}{{{_omml_children(e, 'e')}}}"


def _omml_bar(e: Any) -> str:
    below = _omml_prop(e, "barPr", "pos", "top") == "bot"
    command = r"\underline" if below else r"\overline"
    return f"{command}{{{_omml_children(e, 'e')}}}"


_OMML: dict[str, Callable[[Any], str]] = {
    "f": lambda e: rf"\frac{{{_omml_children(e, 'num')}}}{{{_omml_children(e, 'den')}}}",
    "sSup": lambda e: f"{group(_omml_children(e, 'e'))}^{group(_omml_children(e, 'sup'))}",
    "sSub": lambda e: f"{group(_omml_children(e, 'e'))}_{group(_omml_children(e, 'sub'))}",
    "sSubSup": lambda e: (
        f"{group(_omml_children(e, 'e'))}_{group(_omml_children(e, 'sub'))}^{group(_omml_children(e, 'sup'))}"
    ),
    "sPre": lambda e: (
        f"{{}}_{group(_omml_children(e, 'sub'))}^{group(_omml_children(e, 'sup'))}{_omml_children(e, 'e')}"
    ),
    "rad": lambda e: (
        rf"\sqrt[{_omml_children(e, 'deg')}]{{{_omml_children(e, 'e')}}}"
        if _omml_children(e, "deg")
        else rf"\sqrt{{{_omml_children(e, 'e')}}}"
    ),
    "nary": _omml_nary,
    "d": _omml_delim,
    "func": _omml_func,
    "m": _omml_matrix,
    "acc": _omml_acc,
    "bar": _omml_bar,
    "limLow": lambda e: f"{_omml_children(e, 'e')}_{group(_omml_children(e, 'lim'))}",
    "limUpp": lambda e: f"{_omml_children(e, 'e')}^{group(_omml_children(e, 'lim'))}",
    "eqArr": lambda e: r" \\ ".join(_omml(child) for child in e.findall(M + "e")),
}


# -- MathML ------------------------------------------------------------------------------


def mathml_to_latex(element: Any) -> str:
    """A ``<math>`` element (the HTML reader's nodes or ElementTree's) as LaTeX."""
    return tidy(_mathml(element))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _kids(element: Any) -> list[Any]:
    return [child for child in _children(element) if not isinstance(child, str)]


def _children(element: Any) -> Sequence[Any]:
    children = getattr(element, "children", None)
    return list(children) if children is not None else list(element)


def _text(element: Any) -> str:
    if hasattr(element, "text_content"):
        return str(element.text_content())
    return "".join(element.itertext())


def _mathml(element: Any) -> str:
    tag = _local(element.tag)
    kids = _kids(element)
    args = [_mathml(kid) for kid in kids]
    if tag in ("mi", "mn", "mo", "mtext", "ms"):
        text = _text(element).strip()
        if tag == "mi" and text in FUNCTIONS:
            return "\\" + text + " "
        if tag == "mtext":
            return rf"\text{{{text}}}"
        return symbols(text)
    if tag == "annotation" or tag == "annotation-xml":
        return ""
    if tag == "semantics":
        return args[0] if args else ""
    if tag == "mfrac" and len(args) == 2:
        return rf"\frac{{{args[0]}}}{{{args[1]}}}"
    if tag == "msup" and len(args) == 2:
        return f"{group(args[0])}^{group(args[1])}"
    if tag == "msub" and len(args) == 2:
        return f"{group(args[0])}_{group(args[1])}"
    if tag == "msubsup" and len(args) == 3:
        return f"{group(args[0])}_{group(args[1])}^{group(args[2])}"
    if tag == "munderover" and len(args) == 3:
        return f"{args[0]}_{group(args[1])}^{group(args[2])}"
    if tag == "munder" and len(args) == 2:
        return f"{args[0]}_{group(args[1])}"
    if tag == "mover" and len(args) == 2:
        accent = ACCENTS.get(_text(kids[1]).strip())
        return f"{accent}{{{args[0]}}}" if accent else f"{args[0]}^{group(args[1])}"
    if tag == "msqrt":
        return rf"\sqrt{{{''.join(args)}}}"
    if tag == "mroot" and len(args) == 2:
        return rf"\sqrt[{args[1]}]{{{args[0]}}}"
    if tag == "mfenced":
        attrs = getattr(element, "attrib", None) or getattr(element, "attrs", {})
        open_, close = attrs.get("open", "("), attrs.get("close", ")")
        return rf"\left{_DELIMS.get(open_, open_)} {', '.join(args)} \right{_DELIMS.get(close, close)}"
    if tag == "mtable":
        rows = [" & ".join(_mathml(cell) for cell in _kids(row)) for row in kids]
        return r"\begin{matrix} " + r" \\ ".join(rows) + r" \end{matrix}"
    return " ".join(arg for arg in args if arg)
