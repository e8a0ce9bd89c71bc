"""Write a corpus ``Document`` as a web page: the article's HTML, hand-highlighted code, site chrome.

Everything here is static HTML: math arrives already rendered (``chromium.render_math``, KaTeX or
MathJax run by node), code is coloured by a small tokenizer written here (keywords, strings,
numbers, comments as coloured spans, like a site's highlighter would print), footnotes become the
numbered notes list at the article's end that web pages use.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from ..model import Code, Document, Figure, Heading, ListBlock, Math, Para, Table, html_table

INLINE = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*|`(.+?)`|\{fn:(\d+)\}")
MATH = re.compile(r"\$(.+?)\$")
TOKENS = re.compile(
    r"(?P<comment>#.*$)|(?P<string>\"[^\"]*\"|'[^']*')|(?P<number>\b\d+(?:\.\d+)?\b)"
    r"|(?P<keyword>\b(?:def|for|in|if|else|return|continue|import|from|while|struct|double|int|print)\b)"
    r"|(?P<prompt>^\$ )|(?P<name>\b[A-Za-z_]\w*(?=\())"
)
COLOURS = {
    "comment": "#6a737d",
    "string": "#032f62",
    "number": "#005cc5",
    "keyword": "#d73a49",
    "prompt": "#6f42c1",
    "name": "#6f42c1",
}

MathRenderer = Callable[[str, bool], str]  # (latex, display) -> HTML


def article_html(doc: Document, math: MathRenderer) -> str:
    """The article's body: the model's blocks in order, then the notes list."""
    parts: list[str] = []
    notes: list[int] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            parts.append(f"<h{block.level + 1}>{inline_html(block.text, math, notes)}</h{block.level + 1}>")
        elif isinstance(block, Para):
            parts.append(f"<p>{inline_html(block.text, math, notes)}</p>")
        elif isinstance(block, ListBlock):
            parts.append(list_html(block, math, notes))
        elif isinstance(block, Code):
            parts.append(code_html(block.lines))
        elif isinstance(block, Table):
            kind = "ruled" if block.ruled else "unruled"
            body = html_table(block).replace("<table>", f'<table class="{kind}">', 1)
            caption = html.escape(f"Table {block.number}: {block.caption}")
            parts.append(body.replace(">", f"><caption>{caption}</caption>", 1))
        elif isinstance(block, Math):
            parts.append(f'<div class="display">{math(block.latex, True)}</div>')
        elif isinstance(block, Figure):
            caption = html.escape(f"Figure {block.number}: {block.caption}")
            parts.append(f'<figure><img src="{block.image}" alt=""><figcaption>{caption}</figcaption></figure>')
    if notes:
        items = "".join(f'<li id="fn{n}">{html.escape(doc.footnotes[n])}</li>' for n in notes)
        parts.append(f'<section class="notes"><hr><ol>{items}</ol></section>')
    return "\n".join(parts)


def inline_html(text: str, math: MathRenderer, notes: list[int]) -> str:
    """Inline Markdown to HTML: inline math first (it may hold ``*``), then emphasis and notes."""
    out = []
    position = 0
    for match in MATH.finditer(text):
        out.append(emphasis_html(text[position : match.start()], notes))
        out.append(math(match.group(1), False))
        position = match.end()
    out.append(emphasis_html(text[position:], notes))
    return "".join(out)


def emphasis_html(text: str, notes: list[int]) -> str:
    out = []
    position = 0
    for match in INLINE.finditer(text):
        out.append(html.escape(text[position : match.start()]))
        bold, italic, code, note = match.groups()
        if bold is not None:
            out.append(f"<strong>{html.escape(bold)}</strong>")
        elif italic is not None:
            out.append(f"<em>{html.escape(italic)}</em>")
        elif code is not None:
            out.append(f"<code>{html.escape(code)}</code>")
        else:
            notes.append(int(note))
            out.append(f'<sup class="fnref"><a href="#fn{note}">{len(notes)}</a></sup>')
        position = match.end()
    out.append(html.escape(text[position:]))
    return "".join(out)


def list_html(block: ListBlock, math: MathRenderer, notes: list[int]) -> str:
    tag = "ol" if block.ordered else "ul"
    items = []
    for item in block.items:
        nested = list_html(item.children, math, notes) if item.children else ""
        items.append(f"<li>{inline_html(item.text, math, notes)}{nested}</li>")
    return f"<{tag}>{''.join(items)}</{tag}>"


def code_html(lines: list[str]) -> str:
    return '<pre class="code"><code>' + "\n".join(highlight(line) for line in lines) + "</code></pre>"


def highlight(line: str) -> str:
    """One line of code as coloured spans, the text itself unchanged."""
    out = []
    position = 0
    for match in TOKENS.finditer(line):
        kind = match.lastgroup or ""
        out.append(html.escape(line[position : match.start()]))
        out.append(f'<span style="color:{COLOURS[kind]}">{html.escape(match.group())}</span>')
        position = match.end()
    out.append(html.escape(line[position:]))
    return "".join(out)
