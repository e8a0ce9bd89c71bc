"""Literal text made safe for Markdown: escape only what a reader would misread as markup.

Text from the page goes through ``escape_inline`` before inline markup (bold,
links, ``$math$``) is put around it, so every ``*``, ``_``, backtick or ``$``
that stays unescaped in the output is markup pagemill wrote. What a character
means in CommonMark + GFM + dollar math decides whether it needs a backslash:

- ``*`` unless it stands alone between spaces ("2 * 3"), which cannot open or close emphasis
- ``_`` unless inside a word ("snake_case"), where it cannot either
- backticks, ``\\`` before punctuation, ``~~`` (GFM strikethrough)
- ``$`` when math output is on ("$178 million ... $1 billion" is not a formula)
- ``<`` before a letter, ``/``, ``!`` or ``?`` (a tag, autolink or comment)
- ``]`` before ``(``, ``[`` or ``:`` (a link), ``[`` before ``^`` (a footnote reference)
- ``&`` before an entity name and ``;``

At the start of a block (``escape_block_start``): ``#``, ``>``, ``-``/``+``/``*``
and ``1.`` / ``1)`` followed by a space, ``=``/``-`` rules, fences.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"[*_`\\~$<\]\[&]")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ASCII_PUNCTUATION = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_BLOCK_START = re.compile(r"^(#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|={3,}\s*$|-{3,}|`{3,}|~{3,})")
_ORDERED_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def escape_inline(text: str, math: bool = True) -> str:
    """``text`` with a backslash before each character Markdown would read as markup here."""
    out: list[str] = []
    start = 0
    last = len(text) - 1
    for special in _SPECIAL.finditer(text):  # most lines have none: nothing to do
        index = special.start()
        char = text[index]
        before = text[index - 1] if index else " "
        after = text[index + 1] if index < last else " "
        if _needs_escape(char, before, after, math) or (char == "&" and _ENTITY.match(text, index)):
            out.append(text[start:index])
            out.append("\\")
            start = index
    if not out:
        return text
    out.append(text[start:])
    return "".join(out)


def _needs_escape(char: str, before: str, after: str, math: bool) -> bool:
    if char == "*":
        return not (before.isspace() and after.isspace())
    if char == "_":
        return not (before.isalnum() and after.isalnum())
    if char == "`":
        return True
    if char == "\\":
        return after in _ASCII_PUNCTUATION or after.isspace()
    if char == "~":
        return before == "~" or after == "~"
    if char == "$":
        return math
    if char == "<":
        return after.isalpha() or after in "/!?"
    if char == "]":
        return after in "([:"
    if char == "[":
        return after == "^"
    return False


def escape_block_start(text: str) -> str:
    """A paragraph, list item or footnote whose text would start a heading, list, quote or fence."""
    ordered = _ORDERED_START.match(text)
    if ordered:
        return f"{ordered.group(1)}\\{text[len(ordered.group(1)) :]}"
    if _BLOCK_START.match(text):
        return "\\" + text
    return text


def escape_heading_end(text: str) -> str:
    """A heading ending in ' #' would lose it as a closing sequence."""
    stripped = text.rstrip("#")
    if stripped != text and (not stripped or stripped.endswith(" ")):
        return stripped + "\\" + text[len(stripped) :]
    return text


def code_span(text: str) -> str:
    """``text`` as inline code, with a fence longer than any backtick run inside it."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    if longest or text.startswith(" ") or text.endswith(" "):
        return f"{fence} {text} {fence}"
    return f"{fence}{text}{fence}"


def code_fence(body: str) -> str:
    """A fence longer than any run of backticks at the start of a line of ``body``."""
    longest = max((len(run) for run in re.findall(r"^\s*(`{3,})", body, flags=re.MULTILINE)), default=0)
    return "`" * max(3, longest + 1)
