"""Which role each pagemill block plays, from the truth Markdown of its corpus document.

The truth (``bench/corpus/model.py: truth_markdown``) is split into blocks with a role each:
headings, paragraphs, list items (reference entries are list items there), captions
("Table N: ..." paragraphs and figure alt texts), footnotes (``[^n]: ...``), and code, tables
and display equations ("other"). A pagemill block takes the role of the truth block its text
(letters and digits only, lower case) equals or lies inside; headings, captions and list items
first by equality, then paragraphs and the rest by inclusion. Running heads and page numbers
come from the document's meta (``furniture``: texts, page numbers) when the block stands in the
top or bottom band of its page. A block found nowhere is left unlabelled (-1) and not trained on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pagemill.stages.roles import ROLES

ROLE = {name: index for index, name in enumerate(ROLES)}
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_FOOTNOTE = re.compile(r"^\[\^[^\]]+\]:\s*")
_FIGURE = re.compile(r"^!\[(.*)\]\([^)]*\)\s*$")
_CAPTION = re.compile(r"^(?:\*\*)?(?:table|figure|tabelle|abbildung|tableau|таблица|рисунок|表|图)\b", re.IGNORECASE)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_NOTE_MARK = re.compile(r"\[\^[^\]]+\]")
_PAGE_NUMBER = re.compile(r"^[\s\-–—|]*(?:page\s*)?(?:\d{1,5}|[ivxlcdm]{1,7})(?:\s*(?:/|of)\s*\d{1,5})?[\s\-–—|]*$",
                          re.IGNORECASE)


def squeeze(text: str) -> str:
    """Letters and digits only, lower case: what survives any tool's spacing and markup."""
    return "".join(c for c in text.lower() if c.isalnum())


@dataclass
class Truth:
    """The truth's blocks by role, squeezed, and the furniture the producer printed."""

    exact: dict[str, int] = field(default_factory=dict)  # squeezed heading/caption/list text -> role
    levels: dict[str, int] = field(default_factory=dict)  # squeezed heading text -> level
    inside: list[tuple[int, str]] = field(default_factory=list)  # (role, all its blocks joined by '|')
    furniture: list[str] = field(default_factory=list)
    page_numbers: bool = False


def parse_truth(markdown: str, meta: dict[str, object]) -> Truth:
    truth = Truth()
    texts: dict[int, list[str]] = {k: [] for k in ROLE.values()}
    for part in re.split(r"\n\s*\n", markdown):
        part = part.strip("\n")
        if not part.strip():
            continue
        first = part.lstrip()
        if first.startswith("```") or first.startswith("$$") or first.startswith("|") or first.startswith("<"):
            texts[ROLE["other"]].append(squeeze(_plain(part)))
        elif first.startswith("#"):
            level = len(first) - len(first.lstrip("#"))
            key = squeeze(_plain(first.lstrip("#")))
            truth.exact[key] = ROLE["heading"]
            truth.levels[key] = level
        elif _FOOTNOTE.match(first):
            for note in re.split(r"\n(?=\[\^)", part):
                texts[ROLE["footnote"]].append(squeeze(_plain(_FOOTNOTE.sub("", note))))
        elif (figure := _FIGURE.match(first)) or _CAPTION.match(first):
            key = squeeze(_plain(figure.group(1) if figure else first))
            truth.exact.setdefault(key, ROLE["caption"])
            texts[ROLE["caption"]].append(key)
        elif _LIST.match(first):
            for item in _items(part):
                key = squeeze(_plain(item))
                truth.exact.setdefault(key, ROLE["list_item"])
                texts[ROLE["list_item"]].append(key)
        else:
            texts[ROLE["paragraph"]].append(squeeze(_plain(part)))
    truth.inside = [(role, "|".join(parts)) for role, parts in texts.items() if parts]
    furniture = meta.get("furniture") or {}
    if isinstance(furniture, dict):
        truth.furniture = [_shape(t) for t in furniture.get("texts") or [] if _shape(t)]
        truth.page_numbers = bool(furniture.get("page_numbers"))
    return truth


def _items(part: str) -> list[str]:
    """A list's items, each with its continuation lines."""
    items: list[str] = []
    for line in part.split("\n"):
        if _LIST.match(line) or not items:
            items.append(_LIST.sub("", line))
        else:
            items[-1] += " " + line.strip()
    return items


def _plain(text: str) -> str:
    return _LINK.sub(r"\1", _NOTE_MARK.sub("", text))


def _shape(text: str) -> str:
    return squeeze(re.sub(r"\d+", "", text))


def label(text: str, body_text: str, top: float, bottom: float, truth: Truth, repeated: bool = False) -> int:
    """The role of a pagemill block with ``text`` (its marker put back) and ``body_text`` (without),
    standing from ``top`` to ``bottom`` (shares of the page height); -1 when unknown. ``repeated``:
    the same text stands in other blocks of the document too."""
    key = squeeze(text)
    body = squeeze(body_text)
    if len(key) < 1:
        return -1
    at_edge = top < 0.16 or bottom > 0.84
    # a heading's text printed again at the top of other pages is a running head: the truth has it once
    if at_edge and (repeated or body not in truth.exact):
        if truth.page_numbers and _PAGE_NUMBER.match(text.strip()):
            return ROLE["furniture"]
        shape = _shape(text)
        if shape and any(shape == f or (len(shape) >= 6 and (shape in f or f in shape)) for f in truth.furniture):
            return ROLE["furniture"]
    for candidate in (key, body):
        if candidate in truth.exact:
            return truth.exact[candidate]
    if len(body) < 4:
        return -1
    stripped = body.lstrip("0123456789")  # a footnote's mark printed before its text
    for role, joined in truth.inside:
        if body in joined or (role == ROLE["footnote"] and len(stripped) >= 4 and stripped in joined):
            return role
    return -1
