"""The blocks a generated document is made of, and its ground truth Markdown.

One document model renders to three things: the ground truth (GitHub Markdown, HTML for tables
with merged cells), pandoc's Markdown for the LaTeX engines, and pandoc's Markdown for the HTML
engine. Pieces pandoc cannot express (merged cells, real page footnotes in HTML) go in as raw
LaTeX or raw HTML, so the ground truth stays exactly what the PDF shows.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Literal

Target = Literal["latex", "html", "ms"]
FOOTNOTE = re.compile(r"\{fn:(\d+)\}")


@dataclass
class Heading:
    """A section title; level 1 to 3."""

    level: int
    text: str


@dataclass
class Para:
    """A paragraph in inline Markdown; ``{fn:N}`` marks where footnote N is called.

    ``lead`` is a run-in head printed in bold at the paragraph's start (``\\paragraph{...}``,
    amsart's subsections): on the page it is a bold phrase opening the paragraph, not a heading.
    """

    text: str
    lead: str = ""


@dataclass
class Item:
    """One list item, with an optional nested list."""

    text: str
    children: ListBlock | None = None


@dataclass
class ListBlock:
    """A bulleted or numbered list."""

    ordered: bool
    items: list[Item]


@dataclass
class Code:
    """A code block, shown verbatim in a monospaced font."""

    lines: list[str]


@dataclass
class Cell:
    """A table cell; spans count grid columns and rows."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    indent: int = 0  # a row label's level in a statement's hierarchy (printed indented, not in the text)


@dataclass
class Table:
    """A table with its caption; ``ruled`` draws every grid line, otherwise none at all.

    ``rules`` refines that for producers that print it themselves: "frame" (every grid line, the
    same as ``ruled``), "header" (a rule under the header and one at the foot only) or "none"
    (columns aligned by white space alone); "" means whatever ``ruled`` says. An empty caption
    prints no "Table N" line. ``repeat`` repeats the header rows on each page a long table runs
    onto (the truth holds the table once, header once).
    """

    rows: list[list[Cell]]
    header_rows: int
    ruled: bool
    caption: str
    number: int = 0
    label: str = ""  # the caption's printed prefix when not "Table N:" ("TABLE I", "Table 1.")
    rules: str = ""
    repeat: bool = True

    @property
    def rule_style(self) -> str:
        return self.rules or ("frame" if self.ruled else "none")

    @property
    def merged(self) -> bool:
        return self.header_rows != 1 or any(c.colspan > 1 or c.rowspan > 1 for row in self.rows for c in row)

    @property
    def width(self) -> int:
        return sum(c.colspan for c in self.rows[0])


@dataclass
class Math:
    """A displayed equation in LaTeX."""

    latex: str


@dataclass
class Figure:
    """An image with its numbered caption."""

    image: str
    caption: str
    number: int = 0
    label: str = ""  # the caption's printed prefix when not "Figure N:" ("Fig. 1.", "FIG. 1.")


@dataclass
class Theorem:
    """A theorem-like paragraph as printed: a bold head ("Theorem 1.") and a body, italic or upright."""

    head: str
    text: str
    italic: bool = True


@dataclass
class References:
    """A bibliography as printed: its heading, then one entry per line starting with its label ("[1] ...")."""

    heading: str
    entries: list[str]


@dataclass
class Title:
    """A title block: the title (a heading in the truth), author lines, and the abstract as printed."""

    title: str
    authors: list[str]
    abstract: str = ""
    abstract_label: str = ""  # "Abstract—", "Abstract.", or a heading of its own ("# Abstract")


Block = Heading | Para | ListBlock | Code | Table | Math | Figure | Theorem | References | Title

# How a class prints section numbers per level: {N} arabic, {N:I} upper roman, {N:A} upper letter,
# {N:a} lower letter (N = the level's counter, 1-based); "" leaves that level unnumbered
NUMBER_STYLES: dict[str, tuple[str, str, str]] = {
    "arabic": ("{1}", "{1}.{2}", "{1}.{2}.{3}"),  # LaTeX's article, KOMA-Script, pandoc
    "arabic-dot": ("{1}.", "{1}.{2}.", "{1}.{2}.{3}."),  # amsart, elsarticle
    "llncs": ("{1}", "{1}.{2}", ""),  # llncs numbers two levels
    "ieee": ("{1:I}.", "{2:A}.", "{3})"),  # IEEEtran
    "revtex": ("{1:I}.", "{2:A}.", "{3}."),  # revtex4-2 (aps)
    "chapter": ("Chapter {1}", "{1}.{2}", "{1}.{2}.{3}"),  # memoir's default chapter style
    "koma-book": ("{1}", "{1}.{2}", "{1}.{2}.{3}"),  # scrbook: "1 Title" on one line
}
ROMAN: tuple[tuple[str, int], ...] = (("M", 1000), ("CM", 900), ("D", 500), ("CD", 400), ("C", 100), ("XC", 90))
ROMAN += (("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1))


def roman(number: int) -> str:
    out = ""
    for glyph, value in ROMAN:
        while number >= value:
            out, number = out + glyph, number - value
    return out


def format_number(template: str, counters: list[int]) -> str:
    """One heading number from a NUMBER_STYLES template and the counters of levels 1-3."""

    def one(match: re.Match[str]) -> str:
        value = counters[int(match.group(1)) - 1]
        kind = match.group(2) or ""
        if kind == "I":
            return roman(value)
        if kind in ("A", "a"):
            letter = chr(ord("A") + value - 1)
            return letter if kind == "A" else letter.lower()
        return str(value)

    return re.sub(r"\{(\d)(?::([IAa]))?\}", one, template)


@dataclass
class Document:
    """A whole generated document: blocks, footnote texts, and how to print it."""

    blocks: list[Block]
    footnotes: dict[int, str] = field(default_factory=dict)
    lang: str = "en"
    numbered: bool = False  # LaTeX section numbers, which then belong to the heading text
    # what the producer prints outside the body (set by the renderer): running header and footer
    # texts, and whether each page shows its number; the truth leaves them out, the bench counts
    # how much of them a tool's output keeps ("furniture left in")
    furniture: list[str] = field(default_factory=list)
    page_numbers: bool = False
    numbering: str = "arabic"  # a NUMBER_STYLES key: how the producer prints section numbers

    def heading_numbers(self) -> list[str]:
        """The number printed before each heading ("2.1", "I.", "A."), or "" when not numbered."""
        counters = [0, 0, 0]
        numbers = []
        for block in self.blocks:
            if isinstance(block, Heading):
                counters[block.level - 1] += 1
                for deeper in range(block.level, 3):
                    counters[deeper] = 0
                template = NUMBER_STYLES[self.numbering][block.level - 1]
                numbers.append(format_number(template, counters) if self.numbered else "")
        return numbers


# ---------------------------------------------------------------- ground truth


def truth_markdown(doc: Document) -> str:
    """The exact Markdown the PDF shows, furniture left out; footnotes as GFM footnotes at the end."""
    numbers = iter(doc.heading_numbers())
    # a printed title is the top heading: the sections sit one level below it
    below = 1 if any(isinstance(block, Title) for block in doc.blocks) else 0
    parts: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            number = next(numbers)
            parts.append("#" * (block.level + below) + " " + (f"{number} {block.text}" if number else block.text))
        elif isinstance(block, Para):
            lead = f"**{block.lead}** " if block.lead else ""
            parts.append(lead + FOOTNOTE.sub(r"[^\1]", block.text))
        elif isinstance(block, ListBlock):
            parts.append("\n".join(list_lines(block, "")))
        elif isinstance(block, Code):
            parts.append("```\n" + "\n".join(block.lines) + "\n```")
        elif isinstance(block, Table):
            if block.caption:
                parts.append(f"{block.label or f'Table {block.number}:'} {block.caption}")
            parts.append(html_table(block) if block.merged else pipe_table(block))
        elif isinstance(block, Math):
            parts.append(f"$$\n{block.latex}\n$$")
        elif isinstance(block, Figure):
            parts.append(f"![{block.label or f'Figure {block.number}:'} {block.caption}]({block.image})")
        elif isinstance(block, Theorem | References | Title):
            parts.extend(printed_blocks(block, below))
    for mark, text in sorted(doc.footnotes.items()):
        parts.append(f"[^{mark}]: {text}")
    return "\n\n".join(parts) + "\n"


def printed_blocks(block: Theorem | References | Title, below: int = 0) -> list[str]:
    """The truth of the blocks a LaTeX class prints in its own way (theorems, bibliography, title);
    ``below``: 1 when a title is printed, so a section-level heading (References, Abstract) is ``##``."""
    section = "#" * (1 + below)
    if isinstance(block, Theorem):
        body = FOOTNOTE.sub(r"[^\1]", block.text)
        return [f"**{block.head}** " + (f"*{body}*" if block.italic else body)]
    if isinstance(block, References):
        entries = "\n".join(f"- {entry}" for entry in block.entries)
        return [f"{section} {block.heading}", entries] if block.heading else [entries]
    parts = [f"# {block.title}", *block.authors]
    if block.abstract_label.startswith("#"):  # "# Abstract": a heading of its own, at the sections' level
        parts += [section + block.abstract_label.lstrip("#"), block.abstract]
    elif block.abstract and block.abstract_label:  # a dash joins the text directly: "Abstract—The ..."
        space = "" if block.abstract_label.endswith("—") else " "
        parts.append(f"**{block.abstract_label}**{space}{block.abstract}")
    elif block.abstract:
        parts.append(block.abstract)
    return parts


def list_lines(block: ListBlock, indent: str) -> list[str]:
    lines = []
    for index, item in enumerate(block.items, 1):
        marker = f"{index}. " if block.ordered else "- "
        lines.append(indent + marker + item.text)
        if item.children:
            lines.extend(list_lines(item.children, indent + " " * len(marker)))
    return lines


def pipe_table(table: Table) -> str:
    rows = [[c.text for c in row] for row in table.rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "|".join("---" for _ in rows[0]) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def html_table(table: Table) -> str:
    out = ["<table>"]
    for index, row in enumerate(table.rows):
        tag = "th" if index < table.header_rows else "td"
        cells = []
        for c in row:
            span = (f' colspan="{c.colspan}"' if c.colspan > 1 else "") + (
                f' rowspan="{c.rowspan}"' if c.rowspan > 1 else ""
            )
            cells.append(f"<{tag}{span}>{html.escape(c.text)}</{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


# ---------------------------------------------------------------- pandoc input


def pandoc_markdown(doc: Document, target: Target) -> str:
    """pandoc's Markdown for one engine; tables (pipe tables for ms) and (for HTML) footnotes as raw blocks."""
    parts: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            parts.append("#" * block.level + " " + block.text)
        elif isinstance(block, Para):
            parts.append(footnote_calls(block.text, doc.footnotes, target))
        elif isinstance(block, ListBlock):
            parts.append("\n".join(list_lines(block, "")))
        elif isinstance(block, Code):
            parts.append("```\n" + "\n".join(block.lines) + "\n```")
        elif isinstance(block, Table) and target == "ms":  # groff's tbl: a pipe table under its own caption line
            parts += ([f"Table {block.number}: {block.caption}"] if block.caption else []) + [pipe_table(block)]
        elif isinstance(block, Table):
            parts.append(latex_table_block(block) if target == "latex" else html_table_block(block))
        elif isinstance(block, Math):
            parts.append(f"$$\n{block.latex}\n$$")
        elif isinstance(block, Figure):
            parts.append(figure_block(block, target))
    if target != "html":
        parts += [f"[^{n}]: {text}" for n, text in sorted(doc.footnotes.items())]
    return "\n\n".join(parts) + "\n"


def footnote_calls(text: str, footnotes: dict[int, str], target: Target) -> str:
    if target != "html":
        return FOOTNOTE.sub(r"[^\1]", text)
    return FOOTNOTE.sub(lambda m: f'<span class="fn">{html.escape(footnotes[int(m.group(1))])}</span>', text)


def figure_block(figure: Figure, target: Target) -> str:
    if target == "latex":  # LaTeX numbers the caption itself: "Figure 1: ..."
        return f"![{figure.caption}]({figure.image}){{width=45%}}"
    caption = html.escape(f"Figure {figure.number}: {figure.caption}")
    return f'<figure><img src="{figure.image}"><figcaption>{caption}</figcaption></figure>'


def html_table_block(table: Table) -> str:
    style = "ruled" if table.ruled else "unruled"
    body = html_table(table).replace("<table>", f'<table class="{style}">', 1)
    caption = html.escape(f"Table {table.number}: {table.caption}")
    return body.replace(">", f"><caption>{caption}</caption>", 1)


LATEX_SPECIAL = re.compile(r"([&%$#_{}])")


def latex_escape(text: str) -> str:
    return LATEX_SPECIAL.sub(r"\\\1", text)


def latex_table_block(table: Table) -> str:
    """A raw LaTeX table: full grid with ``|`` and ``\\hline`` when ruled, no rules at all otherwise."""
    width = table.width
    spec = "|" + "|".join("l" for _ in range(width)) + "|" if table.ruled else "l" * width
    rows = latex_rows(table)
    lines = ["```{=latex}", r"\begin{table}[H]", r"\centering", rf"\caption{{{latex_escape(table.caption)}}}"]
    lines.append(rf"\begin{{tabular}}{{{spec}}}")
    if table.ruled:
        lines.append(r"\hline")
    for row_text, rule in rows:
        lines.append(row_text + r" \\" + (" " + rule if table.ruled else ""))
    lines += [r"\end{tabular}", r"\end{table}", "```"]
    return "\n".join(lines)


def latex_rows(table: Table) -> list[tuple[str, str]]:
    """Each row's LaTeX and the rule below it (``\\cline`` where a cell spans on downwards)."""
    width = table.width
    pending = [0] * width  # rows still covered by a rowspan from above, per column
    out = []
    for row in table.rows:
        cells = iter(row)
        parts: list[str] = []
        column = 0
        while column < width:
            if pending[column] > 0:
                pending[column] -= 1
                parts.append("")
                column += 1
                continue
            cell = next(cells)
            text = latex_escape(cell.text)
            if cell.rowspan > 1:
                text = rf"\multirow{{{cell.rowspan}}}{{*}}{{{text}}}"
                for k in range(cell.colspan):
                    pending[column + k] = cell.rowspan - 1
            if cell.colspan > 1:
                edge = "|" if table.ruled else ""
                left = edge if column == 0 else ""
                text = rf"\multicolumn{{{cell.colspan}}}{{{left}c{edge}}}{{{text}}}"
            parts.append(text)
            column += cell.colspan
        open_columns = [c for c in range(width) if pending[c] == 0]
        if len(open_columns) == width:
            rule = r"\hline"
        else:
            rule = " ".join(rf"\cline{{{c + 1}-{c + 1}}}" for c in open_columns)
        out.append((" & ".join(parts), rule))
    return out
