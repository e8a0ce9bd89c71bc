"""A small LaTeX writer for the corpus's document model (not pandoc's template).

Publisher classes (IEEEtran, acmart, llncs, ...) are meant to be fed hand-written LaTeX: sectioning
commands, ``itemize``/``enumerate``, ``verbatim``, ``tabular`` with ``booktabs`` or a full grid,
floats with ``\\caption``, ``\\footnote``, ``equation``/``align``, amsthm environments,
``thebibliography``. This module writes exactly that from a ``Document``; what the class prints
around it (numbers, caption labels, run-in heads) is recorded in the model by ``latex_classes``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import (
    Block,
    Code,
    Document,
    Figure,
    Heading,
    ListBlock,
    Math,
    Para,
    References,
    Table,
    Theorem,
    Title,
    latex_rows,
)


@dataclass
class RunIn(Para):
    """A paragraph opened by a run-in head: ``\\<command>{title}`` in the source, ``lead`` as printed."""

    command: str = "paragraph"
    title: str = ""


@dataclass
class Style:
    """How the writer spells the parts a class treats differently."""

    headings: tuple[str, str, str] = ("section", "subsection", "subsubsection")
    tables: str = "grid"  # how a ruled table is ruled: "grid" (every line) or "booktabs" (three rules, cmidrules)
    float_place: str = "H"  # float placement; "H" keeps floats where the source has them (float package)
    wide_merged: bool = False  # two-column page: tables with merged cells span both columns (table*)
    numbered_equations: bool = True  # an equation ending in \tag{N} is written as an equation environment
    figure_width: str = "0.45\\linewidth"
    extra: dict[str, str] = field(default_factory=dict)


INLINE = re.compile(r"(\$[^$]+\$|\*\*[^*]+\*\*|\*[^*]+\*|`[^`]+`|\{fn:\d+\})")
TEXT_SPECIAL = {
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "\\": r"\textbackslash{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    '"': "''",
}
TAG = re.compile(r"\s*\\tag\{(\d+)\}\s*$")


def escape(text: str) -> str:
    """Plain text to LaTeX: every special character as a command that prints it."""
    return "".join(TEXT_SPECIAL.get(char, char) for char in text)


def inline(text: str, footnotes: dict[int, str]) -> str:
    """Inline Markdown (``**``, ``*``, backticks, ``$...$``, ``{fn:N}``) to LaTeX."""
    out = []
    for piece in INLINE.split(text):
        if not piece:
            continue
        if piece.startswith("$"):
            out.append(piece)
        elif piece.startswith("**"):
            out.append(rf"\textbf{{{escape(piece[2:-2])}}}")
        elif piece.startswith("*"):
            out.append(rf"\emph{{{escape(piece[1:-1])}}}")
        elif piece.startswith("`"):
            out.append(rf"\texttt{{{escape(piece[1:-1])}}}")
        elif piece.startswith("{fn:"):
            out.append(rf"\footnote{{{inline(footnotes[int(piece[4:-1])], {})}}}")
        else:
            out.append(escape(piece))
    return "".join(out)


def latex_body(doc: Document, style: Style) -> str:
    """The document's blocks as LaTeX (what goes between ``\\begin{document}`` and ``\\end{document}``)."""
    writer = _Writer(doc, style)
    return "\n\n".join(writer.block(b) for b in doc.blocks) + "\n"


class _Writer:
    def __init__(self, doc: Document, style: Style) -> None:
        self.doc = doc
        self.style = style
        self.equations = 0

    def block(self, block: Block) -> str:
        if isinstance(block, Heading):
            star = "" if self.doc.numbered else "*"
            return rf"\{self.style.headings[block.level - 1]}{star}{{{escape(block.text)}}}"
        if isinstance(block, RunIn):
            return rf"\{block.command}{{{escape(block.title)}}}" + "\n" + inline(block.text, self.doc.footnotes)
        if isinstance(block, Para):
            return inline(block.text, self.doc.footnotes)
        if isinstance(block, ListBlock):
            return "\n".join(list_lines(block, self.doc.footnotes))
        if isinstance(block, Code):
            return "\\begin{verbatim}\n" + "\n".join(block.lines) + "\n\\end{verbatim}"
        if isinstance(block, Table):
            return table(block, self.style)
        if isinstance(block, Math):
            return self.math(block.latex)
        if isinstance(block, Figure):
            return figure(block, self.style)
        if isinstance(block, Theorem):
            return theorem(block, self.doc.footnotes)
        if isinstance(block, References):
            return bibliography(block)
        if isinstance(block, Title):
            return ""  # the class's front matter writes it (latex_classes)
        raise TypeError(f"no LaTeX for {type(block).__name__}")

    def math(self, latex: str) -> str:
        tag = TAG.search(latex)
        body = TAG.sub("", latex) if tag else latex
        aligned = re.fullmatch(r"\\begin\{aligned\}(.*)\\end\{aligned\}", body.strip(), re.S)
        if tag and self.style.numbered_equations and int(tag.group(1)) == self.equations + 1:
            self.equations += 1
            if aligned:  # one number for the block, on its last line
                lines = aligned.group(1).strip().split(r"\\")
                marked = [line.strip() + r" \nonumber" for line in lines[:-1]] + [lines[-1].strip()]
                return "\\begin{align}\n" + " \\\\\n".join(marked) + "\n\\end{align}"
            return f"\\begin{{equation}}\n{body.strip()}\n\\end{{equation}}"
        if aligned and not tag:
            return "\\begin{align*}\n" + aligned.group(1).strip() + "\n\\end{align*}"
        return f"\\begin{{equation*}}\n{latex.strip()}\n\\end{{equation*}}"


def list_lines(block: ListBlock, footnotes: dict[int, str]) -> list[str]:
    env = "enumerate" if block.ordered else "itemize"
    lines = [rf"\begin{{{env}}}"]
    for item in block.items:
        lines.append(r"\item " + inline(item.text, footnotes))
        if item.children:
            lines.extend(list_lines(item.children, footnotes))
    lines.append(rf"\end{{{env}}}")
    return lines


def table(block: Table, style: Style) -> str:
    """A floating table: a full grid, booktabs rules (with ``\\cmidrule`` under spanning heads) or no rules."""
    width = block.width
    grid = block.ruled and style.tables == "grid"
    booktabs = block.ruled and style.tables == "booktabs"
    spec = "|" + "|".join("l" for _ in range(width)) + "|" if grid else "l" * width
    plain = Table(block.rows, block.header_rows, grid, block.caption, block.number)
    env = "table*" if style.wide_merged and block.merged else "table"
    place = "t" if env == "table*" else style.float_place
    lines = [rf"\begin{{{env}}}[{place}]", r"\centering", rf"\caption{{{escape(block.caption)}}}"]
    lines.append(rf"\begin{{tabular}}{{{spec}}}")
    lines.append(r"\hline" if grid else r"\toprule" if booktabs else "")
    for index, (row_text, rule) in enumerate(latex_rows(plain)):
        after = ""
        if grid:
            after = " " + rule
        elif booktabs and index + 1 == block.header_rows:
            after = r" \midrule"
        elif booktabs and index + 1 < block.header_rows:
            after = " " + cmidrules(block.rows[index])
        lines.append(row_text + r" \\" + after)
    if booktabs:
        lines.append(r"\bottomrule")
    lines += [r"\end{tabular}", rf"\end{{{env}}}"]
    return "\n".join(line for line in lines if line)


def cmidrules(row: list) -> str:
    """booktabs' partial rules under the cells of a header row that span several columns."""
    rules, column = [], 1
    for cell in row:
        if cell.colspan > 1:
            rules.append(rf"\cmidrule(lr){{{column}-{column + cell.colspan - 1}}}")
        column += cell.colspan
    return " ".join(rules)


def figure(block: Figure, style: Style) -> str:
    return "\n".join(
        [
            rf"\begin{{figure}}[{style.float_place}]",
            r"\centering",
            rf"\includegraphics[width={style.figure_width}]{{{block.image}}}",
            rf"\caption{{{escape(block.caption)}}}",
            r"\end{figure}",
        ]
    )


def theorem(block: Theorem, footnotes: dict[int, str]) -> str:
    """A theorem-like environment named by the head's first word ("Theorem 1." -> theorem)."""
    kind = block.head.split()[0].rstrip(".").lower()
    return rf"\begin{{{kind}}}" + "\n" + inline(block.text, footnotes) + "\n" + rf"\end{{{kind}}}"


LABEL = re.compile(r"^(\[\d+\]|\d+\.)\s+")


def bibliography(block: References) -> str:
    lines = [r"\begin{thebibliography}{99}"]
    for index, entry in enumerate(block.entries, 1):
        lines.append(rf"\bibitem{{b{index}}} " + escape(LABEL.sub("", entry)))
    lines.append(r"\end{thebibliography}")
    return "\n".join(lines)
