"""Read the parts of a Markdown file the metrics need: plain text, headings, tables, math, chunks.

The same functions read the ground truth and every tool's output, so no tool gets a reading the
others do not. Plain text output (pdftotext, pdfplumber) goes through them unchanged: it simply
has no headings, tables or math to find.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

HTML_TABLE = re.compile(r"<table\b.*?</table>", re.S | re.I)
DISPLAY_MATH = re.compile(
    r"\$\$(.+?)\$\$|\\\[(.+?)\\\]|\\begin\{(equation|align|gather|multline|displaymath)\*?\}(.+?)\\end\{\3\*?\}", re.S
)
#: pandoc's rule: ``$`` opens a formula only before a non-space and closes it only after a non-space and not
#: before a digit, so "$ 72.00</td><td>$ 1,008.00" (prices in a table) holds no formula
INLINE_MATH = re.compile(r"(?<![\\$])\$(?![$\s])([^$\n]+?)(?<![\\\s])\$(?![$\d])|\\\((.+?)\\\)")
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
HTML_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.S | re.I)
PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
LIST_MARKER = re.compile(r"^\s*(?:[-*+•◦▪‣·]|\d{1,3}[.)])\s+", re.M)
IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
FOOTNOTE_DEF = re.compile(r"^\[\^[^\]]+\]:\s*", re.M)
FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
# an HTML tag opens with a letter or "/" (CommonMark); "a < b ... c > d" in prose is text
TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
COMMENT = re.compile(r"<!--.*?-->", re.S)
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>$~])")
EMPHASIS = re.compile(r"(\*\*|__|~~)")
SINGLE_EMPHASIS = re.compile(r"(?<![\w*])[*_](?=\S)|(?<=\S)[*_](?![\w*])")


@dataclass
class Grid:
    """A table as rows of cells, each cell ``(text, colspan, rowspan)``; header rows first."""

    rows: list[list[tuple[str, int, int]]] = field(default_factory=list)

    def cell_texts(self) -> list[str]:
        return [normalise(text) for row in self.rows for text, _, _ in row if normalise(text)]


def normalise(text: str) -> str:
    """Unicode compatibility form (ligatures, full-width forms) and single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


# ---------------------------------------------------------------- plain text


def plain_text(markdown: str) -> str:
    """The words a reader sees: Markdown syntax, HTML tags and math removed, spaces collapsed."""
    text = COMMENT.sub(" ", markdown)
    text = DISPLAY_MATH.sub(" ", text)
    text = INLINE_MATH.sub(" ", text)
    text = HTML_TABLE.sub(lambda m: " ".join(t for row in parse_html_table(m.group(0)).rows for t, _, _ in row), text)
    lines = []
    for line in text.splitlines():
        if FENCE.match(line) or PIPE_SEPARATOR.match(line):
            continue
        if line.lstrip().startswith("|"):
            line = line.replace("|", " ")
        lines.append(line)
    text = "\n".join(lines)
    text = re.sub(r"^\s{0,3}#{1,6}\s+", "", text, flags=re.M)
    text = re.sub(r"^\s*>\s?", "", text, flags=re.M)
    text = LIST_MARKER.sub("", text)
    text = FOOTNOTE_DEF.sub("", text)
    text = FOOTNOTE_REF.sub("", text)
    text = IMAGE.sub(r"\1", text)
    text = LINK.sub(r"\1", text)
    text = TAG.sub(" ", text)
    text = EMPHASIS.sub("", text)
    text = SINGLE_EMPHASIS.sub("", text)
    text = text.replace("`", "")
    text = ESCAPE.sub(r"\1", text)
    return normalise(html.unescape(text))


def split_footnotes(markdown: str) -> tuple[str, list[str]]:
    """The Markdown without its footnote definitions, and each definition's plain text."""
    notes = []
    body = []
    for line in markdown.splitlines():
        if FOOTNOTE_DEF.match(line):
            notes.append(plain_text(FOOTNOTE_DEF.sub("", line)))
        else:
            body.append(line)
    return "\n".join(body), [note for note in notes if note]


def list_items(markdown: str) -> list[str]:
    """The plain text of every list item (its first line) outside code fences, tables and footnotes."""
    items: list[str] = []
    in_code = False
    for line in markdown.splitlines():
        if FENCE.match(line):
            in_code = not in_code
            continue
        if in_code or line.lstrip().startswith("|") or FOOTNOTE_DEF.match(line):
            continue
        marker = LIST_MARKER.match(line)
        if marker:
            text = plain_text(line[marker.end() :])
            if text:
                items.append(text)
    return items


#: a caption's label: "Table 3:", "Figure 2.", "Tab. IV:" (the corpus's truth writes "Table N: text")
CAPTION = re.compile(
    r"^(?:table|tab\.|figure|fig\.|tabelle|abbildung|tableau|tabla|figura|таблица|рисунок|рис\.)\s*[0-9IVX]+[a-z]?[.:]",
    re.I,
)


def captions(markdown: str) -> list[str]:
    """The plain text of every paragraph that starts with a caption's label, outside code fences
    and tables: a caption run into the text around it is a paragraph longer than the caption."""
    found: list[str] = []
    paragraph: list[str] = []
    in_code = False
    for line in [*markdown.splitlines(), ""]:
        if FENCE.match(line):
            in_code = not in_code
        if in_code or FENCE.match(line) or not line.strip() or line.lstrip().startswith(("|", "<table")):
            text = plain_text("\n".join(paragraph)) if paragraph else ""
            if CAPTION.match(text):
                found.append(text)
            paragraph = []
            continue
        paragraph.append(line)
    return found


# ---------------------------------------------------------------- headings


def headings(markdown: str) -> list[tuple[int, str]]:
    """``(level, text)`` of every ATX or HTML heading outside code fences."""
    found: list[tuple[int, str]] = []
    in_code = False
    for line in markdown.splitlines():
        if FENCE.match(line):
            in_code = not in_code
            continue
        match = HEADING.match(line)
        if match and not in_code:
            found.append((len(match.group(1)), plain_text(match.group(2))))
    for match in HTML_HEADING.finditer(markdown):
        found.append((int(match.group(1)), plain_text(match.group(2))))
    return [(level, text) for level, text in found if text]


# ---------------------------------------------------------------- tables


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.grid = Grid()
        self.cell: list[str] | None = None
        self.spans = (1, 1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.grid.rows.append([])
        elif tag in ("td", "th"):
            values = dict(attrs)
            self.cell = []
            self.spans = (_span(values.get("colspan")), _span(values.get("rowspan")))
            if not self.grid.rows:
                self.grid.rows.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.grid.rows[-1].append((normalise("".join(self.cell)), *self.spans))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def _span(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def parse_html_table(source: str) -> Grid:
    parser = _TableParser()
    parser.feed(source)
    parser.grid.rows = [row for row in parser.grid.rows if row]
    return parser.grid


def tables(markdown: str) -> list[Grid]:
    """Every table in document order: HTML ``<table>`` and GitHub pipe tables."""
    found: list[tuple[int, Grid]] = [(m.start(), parse_html_table(m.group(0))) for m in HTML_TABLE.finditer(markdown)]
    masked = HTML_TABLE.sub(lambda m: "\n" * m.group(0).count("\n"), markdown)
    lines = masked.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    index = 0
    while index < len(lines):
        if index + 1 < len(lines) and "|" in lines[index] and PIPE_SEPARATOR.match(lines[index + 1]):
            rows = [pipe_cells(lines[index])]
            end = index + 2
            while end < len(lines) and "|" in lines[end] and lines[end].strip():
                rows.append(pipe_cells(lines[end]))
                end += 1
            found.append((offsets[index], Grid([[(plain_text(c), 1, 1) for c in row] for row in rows])))
            index = end
        else:
            index += 1
    return [grid for _, grid in sorted(found, key=lambda pair: pair[0]) if grid.rows]


def pipe_cells(line: str) -> list[str]:
    line = line.strip()
    line = line[1:] if line.startswith("|") else line
    line = line[:-1] if line.endswith("|") and not line.endswith("\\|") else line
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line)]


# ---------------------------------------------------------------- math


def display_math(markdown: str) -> list[str]:
    return [
        next(g for g in (m.group(1), m.group(2), m.group(4)) if g is not None).strip()
        for m in DISPLAY_MATH.finditer(markdown)
    ]


def inline_math(markdown: str) -> list[str]:
    text = DISPLAY_MATH.sub(" ", markdown)
    return [(m.group(1) or m.group(2) or "").strip() for m in INLINE_MATH.finditer(text)]


# ---------------------------------------------------------------- chunks for reading order


def order_chunks(markdown: str, shortest: int = 25) -> list[str]:
    """The ground truth's paragraphs, lists and code blocks in order, as plain text.

    Tables, equations and footnote texts are left out: where a tool puts those is a matter of
    taste, not of reading order.
    """
    chunks = []
    masked = HTML_TABLE.sub(" ", DISPLAY_MATH.sub(" ", markdown))
    for block in re.split(r"\n\s*\n", masked):
        lines = block.strip().splitlines()
        if not lines or FOOTNOTE_DEF.match(lines[0]) or (len(lines) > 1 and PIPE_SEPARATOR.match(lines[1])):
            continue
        text = plain_text(block)
        if len(text) >= shortest:
            chunks.append(text)
    return chunks
