"""HTML parsed into a small tree by the standard library's ``html.parser``.

The parser runs no script and fetches nothing; it expands only HTML's own named character
references (no DTD, no custom entities). The content of scripts, styles, templates, frames,
forms and media is dropped as it is read. Elements an author left open (``<p>``, ``<li>``,
``<td>``) are closed where HTML implies it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..errors import Corrupt

#: elements whose content is never read
SKIPPED = {"script", "style", "template", "noscript", "iframe", "object", "embed", "form", "button", "select",
           "textarea", "svg", "canvas", "head", "title", "meta", "link", "base", "audio", "video"}  # fmt: skip
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BLOCK_TAGS = {"address", "article", "aside", "blockquote", "dd", "details", "dialog", "div", "dl", "dt",
              "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
              "hgroup", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "ul",
              "caption", "center", "body", "html", "img"}  # fmt: skip
_IMPLIED_END = {"p": BLOCK_TAGS - {"img"}, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"},
                "tr": {"tr", "tbody", "tfoot", "thead"}, "td": {"td", "th", "tr"}, "th": {"td", "th", "tr"},
                "option": {"option"}}  # fmt: skip
#: a document of more elements than this is refused (each is a Python object)
MAX_NODES = 2_000_000
#: elements nested deeper than this are read as if they were siblings at this depth
#: (the readers walk the tree recursively)
MAX_DEPTH = 150


@dataclass
class Node:
    """An element: its name, attributes and children (nodes and strings)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None
    depth: int = 0

    def text_content(self) -> str:
        return "".join(child if isinstance(child, str) else child.text_content() for child in self.children)

    def find(self, tag: str) -> Node | None:
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag:
                    return child
                found = child.find(tag)
                if found is not None:
                    return found
        return None

    def elements(self) -> list[Node]:
        return [child for child in self.children if isinstance(child, Node)]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.current = self.root
        self.skipping = 0
        self.nodes = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            if tag in SKIPPED and tag not in VOID:
                self.skipping += 1
            return
        if tag in SKIPPED:
            if tag not in VOID:
                self.skipping = 1
            return
        self._close_implied(tag)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise Corrupt(f"over {MAX_NODES:,} HTML elements: refused")
        node = Node(tag, {k.lower(): v or "" for k, v in attrs}, parent=self.current, depth=self.current.depth + 1)
        self.current.children.append(node)
        if tag not in VOID and node.depth < MAX_DEPTH:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and not self.skipping and self.current.tag == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag in SKIPPED:
                self.skipping -= 1
            return
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.children.append(data)

    def _close_implied(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag in _IMPLIED_END:
            if tag in _IMPLIED_END[node.tag] and node.parent is not None:
                self.current = node.parent
                node = self.current
                continue
            break


def parse_html(text: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def decode_html(data: bytes) -> str:
    """Bytes as text: a BOM, else a ``charset`` in the first 2 KiB, else UTF-8 (or Latin-1 if that fails)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    match = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", data[:2048])
    if match:
        try:
            return data.decode(match.group(1).decode("ascii"), "replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")
