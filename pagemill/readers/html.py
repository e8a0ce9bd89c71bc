"""HTML (and MHTML, and the chapters of an EPUB) read from its elements, with the standard library's parser.

    main content   the ``<main>`` (else the only ``<article>``, else ``<body>``); what lies outside
                   it, and navigation, site headers and footers and cookie or consent banners
                   inside it, become furniture with a reason
    blocks         headings, paragraphs, lists (depth, numbers, ``start``), tables (``rowspan``,
                   ``colspan``, header rows), ``<pre>`` code, block quotes, figures (alt text,
                   ``<figcaption>``), MathML to LaTeX (mathtex.py); pandoc's TeX math spans kept
    inline         bold, italic, code, links (``javascript:`` dropped), line breaks

Nothing is fetched and nothing runs: scripts, styles, templates, frames and forms are
skipped unread; a picture is linked (or, for a ``data:`` URI, decoded and saved), never
downloaded. The parser is ``html.parser``, which expands only HTML's own named entities.
"""

from __future__ import annotations

import base64
import binascii
import email
import email.policy
import os
import re
from collections.abc import Callable

from ..errors import Corrupt, TooLarge
from ..model import BlockKind, Document, Layer
from ..options import Options
from .html_tree import BLOCK_TAGS, Node, decode_html, parse_html
from .mathtex import mathml_to_latex
from .native import Cell, NativeDocument, inline, squeeze

#: elements that make furniture of what they hold, and the reason said
#: (an ``<aside>`` in the main content is a call-out of it, kept; outside, it is furniture anyway)
FURNITURE_TAGS = {"nav": "navigation", "footer": "page footer", "header": "page header"}
FURNITURE_ROLES = {
    "navigation": "navigation",
    "banner": "page header",
    "contentinfo": "page footer",
    "search": "navigation",
}
#: ids and classes of cookie and consent notices (a "hero banner" is content: not matched)
_BANNER = re.compile(r"cookie|consent|gdpr", re.IGNORECASE)


#: an HTML or MHTML file larger than this is refused (parsing is ~30 µs an element, in Python)
MAX_HTML_BYTES = 64 * 1024 * 1024


def _check_size(path: str) -> None:
    size = os.path.getsize(path)
    if size > MAX_HTML_BYTES:
        raise TooLarge(f"a web page of {size / 2**20:.0f} MB, over the limit of {MAX_HTML_BYTES / 2**20:.0f} MB", path)


def read_html(path: str, options: Options) -> Document:
    _check_size(path)
    with open(path, "rb") as handle:
        data = handle.read()
    out = NativeDocument(path, options, metadata={"format": "html"})
    root = parse_html(decode_html(data))
    HtmlBlocks(out).document(root)
    return out.document()


def read_mhtml(path: str, options: Options) -> Document:
    """A saved web page: its first HTML part (pictures in it are not fetched from the other parts)."""
    _check_size(path)
    with open(path, "rb") as handle:
        message = email.message_from_binary_file(handle, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                charset = part.get_content_charset()
                text = payload.decode(charset or "utf-8", "replace") if charset else decode_html(payload)
                out = NativeDocument(path, options, metadata={"format": "mhtml"})
                HtmlBlocks(out).document(parse_html(text))
                return out.document()
    raise Corrupt("an MHTML file without an HTML part", path)


ImageLoader = Callable[[str], bytes | None]


class HtmlBlocks:
    """Walks a parsed page, adding its blocks to ``out`` (the current page)."""

    def __init__(self, out: NativeDocument, images: ImageLoader | None = None) -> None:
        self.out = out
        self.images = images
        self.links = out.options.links

    def document(self, root: Node, furniture_reason: str = "") -> None:
        body = root.find("body") or root
        main = body.find("main") or _single(body, "article")
        if main is None:
            self.blocks(body, furniture_reason)
            return
        self.outside(body, main, furniture_reason)

    def outside(self, node: Node, main: Node, reason: str) -> None:
        """Everything but ``main`` is furniture; ``main`` is read as the body."""
        for child in node.elements():
            if child is main:
                self.blocks(child, reason)
            elif _contains(child, main):
                self.outside(child, main, reason)
            else:
                self.blocks(child, reason or self._furniture(child, "") or "outside the page's main content")

    def _furniture(self, node: Node, reason: str) -> str:
        if reason:
            return reason
        if node.tag in FURNITURE_TAGS and not (node.tag == "header" and _titles(node)):
            return FURNITURE_TAGS[node.tag]
        role = node.attrs.get("role", "")
        if role in FURNITURE_ROLES:
            return FURNITURE_ROLES[role]
        marks = node.attrs.get("id", "") + " " + node.attrs.get("class", "")
        if _BANNER.search(marks):
            return "cookie or consent banner"
        if "hidden" in node.attrs or node.attrs.get("aria-hidden") == "true":
            return "hidden"
        return ""

    def add(self, kind: BlockKind, text: str, markdown: str | None, reason: str, **attrs: object) -> None:
        layer = Layer.FURNITURE if reason else Layer.BODY
        self.out.add(kind, text, markdown, layer, reason, **attrs)

    def blocks(self, node: Node, reason: str = "", depth: int = 0) -> None:
        """Block-level content of ``node``: inline runs between block children become paragraphs."""
        reason = self._furniture(node, reason)
        text: list[str] = []
        markdown: list[str] = []

        def flush() -> None:
            if squeeze("".join(text)):
                self.add(BlockKind.PARAGRAPH, squeeze("".join(text)), squeeze("".join(markdown)), reason)
            text.clear()
            markdown.clear()

        for child in node.children:
            if isinstance(child, str):
                text.append(child)
                markdown.append(child)
                continue
            if not _is_block(child):
                self.inline(child, text, markdown)
                continue
            flush()
            self.block(child, reason, depth)
        flush()

    def block(self, node: Node, reason: str, depth: int) -> None:
        tag = node.tag
        reason = self._furniture(node, reason)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text, markdown = self.inline_of(node)
            self.add(BlockKind.HEADING, text, markdown, reason, level=int(tag[1]))
        elif tag in ("ul", "ol"):
            self.items(node, reason, depth)
        elif tag == "table":
            self.table(node, reason)
        elif tag == "pre":
            self.out.code(node.text_content(), Layer.FURNITURE if reason else Layer.BODY, reason)
        elif tag == "span" and _tex(node) is not None:  # pandoc's displayed TeX
            latex = _tex(node) or ""
            self.add(BlockKind.EQUATION, latex, None, reason, latex=latex)
        elif tag == "math":
            latex = mathml_to_latex(node)
            self.add(BlockKind.EQUATION, latex, None, reason, latex=latex)
        elif tag == "img":
            self.image(node)
        elif tag == "figure":
            caption = node.find("figcaption")
            used = False
            for child in node.elements():
                if child.tag == "img" and caption is not None and not child.attrs.get("alt"):
                    child.attrs["alt"] = squeeze(caption.text_content())
                    used = True  # the caption is the picture's alt text, written once
            rest = [child for child in node.children if not (used and child is caption)]
            self.blocks(Node("div", children=rest), reason, depth)
        elif tag == "hr":
            return
        else:
            self.blocks(node, reason, depth)

    def items(self, node: Node, reason: str, depth: int) -> None:
        ordered = node.tag == "ol"
        start = node.attrs.get("start", "1")
        number = int(start) if start.lstrip("-").isdigit() else 1
        for item in node.elements():
            if item.tag != "li":
                if _is_block(item):
                    self.block(item, reason, depth)
                continue
            text: list[str] = []
            markdown: list[str] = []
            nested: list[Node] = []
            for child in item.children:
                if isinstance(child, Node) and child.tag in ("ul", "ol", "table", "pre"):
                    nested.append(child)
                elif isinstance(child, Node) and _is_block(child):
                    if nested:
                        nested.append(child)
                    else:
                        self.inline(child, text, markdown)
                        text.append(" ")
                        markdown.append(" ")
                elif isinstance(child, Node):
                    self.inline(child, text, markdown)
                else:
                    text.append(child)
                    markdown.append(child)
            marker = f"{number}." if ordered else "•"
            self.add(BlockKind.LIST_ITEM, squeeze("".join(text)), squeeze("".join(markdown)), reason,
                     marker=marker, depth=depth)  # fmt: skip
            number += 1
            for child in nested:
                if child.tag in ("ul", "ol"):
                    self.items(child, reason, depth + 1)
                else:
                    self.block(child, reason, depth + 1)

    def table(self, node: Node, reason: str) -> None:
        rows: list[list[Cell]] = []
        header_rows = 0
        for tr in _rows(node):
            cells = [cell for cell in tr.elements() if cell.tag in ("td", "th")]
            if not cells:
                continue
            if (
                header_rows == len(rows)
                and all(cell.tag == "th" for cell in cells)
                or tr.parent
                and (tr.parent.tag == "thead" and header_rows == len(rows))
            ):
                header_rows += 1
            row = []
            for cell in cells:
                text, markdown = self.inline_of(cell)
                row.append(Cell(text, markdown, _span(cell, "rowspan"), _span(cell, "colspan")))
            rows.append(row)
        caption = node.find("caption")
        if caption is not None:
            text, markdown = self.inline_of(caption)
            self.add(BlockKind.CAPTION, text, markdown, reason)
        self.out.table(rows, header_rows or 1, Layer.FURNITURE if reason else Layer.BODY)

    def image(self, node: Node) -> None:
        src = node.attrs.get("src", "")
        alt = node.attrs.get("alt", "") or node.attrs.get("title", "")
        data = None
        if src.startswith("data:") and ";base64," in src[:100]:
            try:
                data = base64.b64decode(src.split(",", 1)[1], validate=False)
            except (binascii.Error, ValueError):
                data = None
        elif self.images is not None and src:
            data = self.images(src)
        self.out.figure(alt, data, None if data else src)

    # -- inline -----------------------------------------------------------------------------

    def inline_of(self, node: Node) -> tuple[str, str]:
        text: list[str] = []
        markdown: list[str] = []
        for child in node.children:
            if isinstance(child, str):
                text.append(child)
                markdown.append(child)
            else:
                self.inline(child, text, markdown)
                if _is_block(child):
                    text.append(" ")
                    markdown.append(" ")
        return squeeze("".join(text)), squeeze("".join(markdown))

    def inline(self, node: Node, text: list[str], markdown: list[str]) -> None:
        tag = node.tag
        if tag == "br":
            text.append(" ")
            markdown.append(" ")
            return
        if tag == "img":
            alt = node.attrs.get("alt", "")
            if alt:
                text.append(alt)
                markdown.append(alt)
            return
        if tag == "math":
            latex = mathml_to_latex(node)
            text.append(latex)
            markdown.append(f"${latex}$")
            return
        if node.attrs.get("role") == "doc-backlink":
            return  # pandoc's "back to the text" arrow of a footnote
        if tag in ("sup", "sub"):
            plain, styled = self.inline_of(node)
            text.append(plain)
            markdown.append(f"<{tag}>{styled}</{tag}>" if styled else "")
            return
        tex = _tex(node) if tag == "span" else None
        if tex is not None:
            text.append(tex)
            markdown.append(f"$${tex}$$" if "display" in node.attrs.get("class", "") else f"${tex}$")
            return
        inner_text: list[str] = []
        inner_md: list[str] = []
        for child in node.children:
            if isinstance(child, str):
                inner_text.append(child)
                inner_md.append(child)
            else:
                self.inline(child, inner_text, inner_md)
        plain = "".join(inner_text)
        styled = "".join(inner_md)
        if tag in ("code", "kbd", "samp", "tt"):
            text.append(plain)
            markdown.append(inline(squeeze(plain) and plain, code=True))
            return
        bold = tag in ("b", "strong")
        italic = tag in ("i", "em", "cite", "var")
        href = node.attrs.get("href", "") if tag == "a" else ""
        scripted = href.lower().startswith(("javascript:", "vbscript:", "data:"))
        link = href if href and self.links and not scripted else None
        text.append(plain)
        if (bold or italic or link) and plain.strip():
            lead = styled[: len(styled) - len(styled.lstrip())]
            trail = styled[len(styled.rstrip()) :]
            core = squeeze(styled)
            core = f"*{core}*" if italic else core
            core = f"**{core}**" if bold else core
            core = f"[{core}]({link.replace(' ', '%20').replace(')', '%29')})" if link else core
            markdown.append(lead + core + trail)
        else:
            markdown.append(styled)


_TEX = re.compile(r"^(\\\(|\\\[|\$\$|\$)(.*?)(\\\)|\\\]|\$\$|\$)$", re.DOTALL)


def _tex(node: Node) -> str | None:
    """The TeX of pandoc's math span (``\\(x\\)``, ``$$x$$``); None for any other span."""
    if "math" not in node.attrs.get("class", "").split():
        return None
    match = _TEX.match(node.text_content().strip())
    return squeeze(match.group(2)) if match else None


def _is_block(node: Node) -> bool:
    if node.tag == "math":
        return node.attrs.get("display") == "block"
    return node.tag in BLOCK_TAGS or (node.tag == "span" and "display" in node.attrs.get("class", "").split())


def _single(node: Node, tag: str) -> Node | None:
    """The only ``tag`` element under ``node`` (a page of several articles has no single main one)."""
    found: list[Node] = []

    def walk(current: Node) -> None:
        for child in current.elements():
            if child.tag == tag:
                found.append(child)
            else:
                walk(child)

    walk(node)
    return found[0] if len(found) == 1 else None


def _contains(node: Node, target: Node) -> bool:
    current: Node | None = target
    while current is not None:
        if current is node:
            return True
        current = current.parent
    return False


def _titles(header: Node) -> bool:
    """A ``<header>`` that holds the document's title (and no navigation) is content, not furniture."""
    return header.find("nav") is None and any(header.find(tag) is not None for tag in ("h1", "h2"))


def _rows(table: Node) -> list[Node]:
    rows: list[Node] = []
    for child in table.elements():
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(row for row in child.elements() if row.tag == "tr")
    return rows


def _span(cell: Node, name: str) -> int:
    value = cell.attrs.get(name, "1").strip()
    return min(int(value), 1000) if value.isdigit() and int(value) > 0 else 1
