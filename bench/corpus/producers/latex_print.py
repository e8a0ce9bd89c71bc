"""Print a report or one-page document as hand-written LaTeX (pdflatex), without pandoc.

Tables are ``longtable``s (they run on over pages; the header is repeated with ``\\endhead`` or
printed once with ``\\endfirsthead`` only), ruled with booktabs (``\\toprule``, ``\\midrule``,
``\\cmidrule`` under column groups, ``\\bottomrule``), with a full grid, or with no rule at all.
Running header and footer come from fancyhdr.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from .. import render as base
from ..generate import Recipe
from ..model import Document, Heading, ListBlock, Para, Table, latex_escape
from .layout import is_total, numeric_columns, placed

PREAMBLE = r"""\documentclass[%(size)s,%(paper)s]{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{%(font)s}
\usepackage[margin=2.3cm,headheight=14pt]{geometry}
\usepackage{booktabs,longtable,multirow,array,fancyhdr,enumitem,textcomp}
\setlength{\parindent}{0pt}
\setlength{\parskip}{5pt}
\setlength{\LTpre}{6pt}
\setlength{\LTpost}{8pt}
\renewcommand{\arraystretch}{1.08}
\pagestyle{fancy}
\fancyhf{}
\renewcommand{\headrulewidth}{%(headrule)s}
%(head)s
%(foot)s
\begin{document}
"""

HEADINGS = {1: r"\section*", 2: r"\subsection*", 3: r"\subsubsection*"}


def render(recipe: Recipe, doc: Document, workdir: Path, pdf: Path) -> None:
    options = dict(part.split("=", 1) for part in recipe.variant.split(",") if "=" in part)
    (workdir / "doc.tex").write_text(source(doc, options), encoding="utf-8")
    for _ in range(2):  # longtable settles its column widths on the second run
        done = subprocess.run(
            ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"],
            cwd=workdir,
            env=base.environment(),
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode != 0:
            raise RuntimeError(f"pdflatex failed in {workdir}:\n{done.stdout[-2500:]}")
    (workdir / "doc.pdf").replace(pdf)


def source(doc: Document, options: dict[str, str]) -> str:
    letterhead = options.get("head") == "letterhead"
    head = ""
    if doc.furniture:
        text = latex_escape(doc.furniture[0])
        head = rf"\fancyhead[L]{{{{\Large\bfseries {text}}}}}" if letterhead else rf"\fancyhead[L]{{\small {text}}}"
    feet = [latex_escape(text) for text in doc.furniture[1:]]
    if doc.page_numbers:
        feet.append(r"Page \thepage" + (" of 1" if options.get("pages") == "of" else ""))
    lines = " \\\\ ".join(feet)
    foot = rf"\fancyfoot[C]{{\footnotesize\begin{{tabular}}{{@{{}}c@{{}}}}{lines}\end{{tabular}}}}" if feet else ""
    parts = [
        PREAMBLE
        % {
            "size": options.get("size", "10pt"),
            "paper": "letterpaper" if options.get("paper") == "letter" else "a4paper",
            "font": {"times": "mathptmx", "palatino": "mathpazo"}.get(options.get("font", ""), "lmodern"),
            "headrule": "0.4pt" if doc.furniture else "0pt",
            "head": head,
            "foot": foot,
        }
    ]
    for block in doc.blocks:
        if isinstance(block, Heading):
            parts.append(f"{HEADINGS[block.level]}{{{latex_escape(block.text)}}}")
        elif isinstance(block, Para):
            parts.append(latex_escape(block.text).replace("\n", "\\\\\n") + "\n")
        elif isinstance(block, ListBlock):
            kind = "enumerate" if block.ordered else "itemize"
            items = "\n".join(rf"\item {latex_escape(item.text)}" for item in block.items)
            parts.append(rf"\begin{{{kind}}}[itemsep=1pt]" + "\n" + items + "\n" + rf"\end{{{kind}}}")
        elif isinstance(block, Table):
            parts.append(longtable(block))
        else:
            raise TypeError(f"latex_print: no way to print {type(block).__name__}")
    parts.append(r"\end{document}")
    return "\n\n".join(parts) + "\n"


def longtable(table: Table) -> str:
    style = table.rule_style
    numbers = numeric_columns(table)
    bar = "|" if style == "frame" else ""
    spec = bar + bar.join("r" if c in numbers else "l" for c in range(table.width)) + bar
    rows = row_texts(table, numbers)
    head, body = rows[: table.header_rows], rows[table.header_rows :]
    top = {"frame": r"\hline", "header": r"\toprule", "none": ""}[style]
    mid = {"frame": r"\hline", "header": r"\midrule", "none": ""}[style]
    bottom = {"frame": r"\hline", "header": r"\bottomrule", "none": ""}[style]
    between = r" \hline" if style == "frame" else ""
    header = [top] + [
        text + r" \\" + (between if i < len(head) - 1 else "") + (" " + rule if rule else "")
        for i, (text, rule) in enumerate(head)
    ]
    header.append(mid)
    lines = [rf"\begin{{longtable}}{{{spec}}}"]
    if table.caption:
        lines.append(rf"\caption{{{latex_escape(table.caption)}}}\\")
    lines += header + [r"\endfirsthead"]
    if table.repeat:
        lines += header
    lines += [r"\endhead", bottom, r"\endlastfoot"]
    lines += [text + r" \\" + between for text, _ in body]
    lines.append(r"\end{longtable}")
    return "\n".join(line for line in lines if line)


def row_texts(table: Table, numbers: set[int]) -> list[tuple[str, str]]:
    """Each row's LaTeX and the ``\\cmidrule``s under its column groups (booktabs header only)."""
    width = table.width
    cells: dict[tuple[int, int], str] = {}
    covered: set[tuple[int, int]] = set()
    rules: dict[int, list[str]] = {}
    for p in placed(table):
        text = latex_escape(p.cell.text)
        if text and (p.row < table.header_rows or is_total(table.rows[p.row])):
            text = rf"\textbf{{{text}}}"
        if p.cell.indent:
            text = rf"\hspace*{{{p.cell.indent}em}}{text}"
        if p.cell.rowspan > 1:
            text = rf"\multirow{{{p.cell.rowspan}}}{{*}}{{{text}}}"
        if p.cell.colspan > 1:
            edge = "|" if table.rule_style == "frame" else ""
            text = rf"\multicolumn{{{p.cell.colspan}}}{{{edge if p.column == 0 else ''}c{edge}}}{{{text}}}"
            if table.rule_style == "header" and p.row < table.header_rows:
                rules.setdefault(p.row, []).append(rf"\cmidrule(lr){{{p.column + 1}-{p.column + p.cell.colspan}}}")
        elif p.column in numbers and p.row < table.header_rows and table.rule_style != "frame":
            text = rf"\multicolumn{{1}}{{r}}{{{text}}}"
        cells[(p.row, p.column)] = text
        # below a rowspan LaTeX wants an empty slot; right of a colspan, nothing at all
        covered.update((p.row, p.column + dc) for dc in range(1, p.cell.colspan))
    out = []
    for r in range(len(table.rows)):
        parts = [cells.get((r, c), "") for c in range(width) if (r, c) not in covered]
        out.append((" & ".join(parts), " ".join(rules.get(r, []))))
    return out
