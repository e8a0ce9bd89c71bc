"""Features of each text block, for the role model (stages/roles.py).

Computed once per document, after the per-page stages and before the document stages, from
what the engine and the per-page stages already give: size relative to the document's and the
page's body size, weight and slant, capitals, the numbering a block starts with and whether it
continues a sequence, line count and length, how it ends, where it stands in its column and on
the page, the space around it, how often its text (digits abstracted) comes back at the same
edge of other pages, how common its style is in the document, and its neighbours' style.

Every feature is a number (booleans 0/1) in a fixed order, ``FEATURES``; a model file records
the names it was trained on, and ``roles.py`` refuses a model whose names differ. Changing a
feature means retraining (``make train``).
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np

from ..model import Block, BlockKind, Document, Layer, Page

#: the blocks the model classifies: text the per-page stages could not tell exactly
TEXT_KINDS = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.CAPTION)

#: numbering at the start of a block: (name, pattern); the name's index is the feature value
NUMBERINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("none", re.compile(r"(?!)")),
    ("arabic", re.compile(r"^(\d{1,3})[.)．]?\s+\S")),
    ("dotted", re.compile(r"^(\d{1,3}(?:[.．]\d{1,3}){1,4})[.．]?\s+\S")),
    ("roman", re.compile(r"^([IVXLC]{1,6})[.)]\s+\S")),
    ("roman_lower", re.compile(r"^\(?([ivxlc]{1,6})[.)]\s+\S")),
    ("letter", re.compile(r"^([A-Z])[.)]\s+\S")),
    ("letter_lower", re.compile(r"^\(?([a-z])[.)]\s+\S")),
    ("section_sign", re.compile(r"^(§+)\s*\d")),
    ("chapter", re.compile(r"^(chapter|appendix|part|kapitel|anhang|chapitre|annexe|глава|приложение)\s+\S",
                           re.IGNORECASE)),
    ("bullet", re.compile(r"^([•◦▪▫‣⁃●○■□►▶✓✔➢➤–—\-*·∙∗⋆★♦❖→])\s+\S")),
)
_NUMBERING_INDEX = {name: index for index, (name, _) in enumerate(NUMBERINGS)}
#: a bold or italic run-in head: "**Map of the stations.** The ..."
_RUN_IN = re.compile(r"^(\*\*|\*|_)[^*_]{1,80}[.:]\1\s")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}

FEATURES: tuple[str, ...] = (
    "size_doc",  # block size / document body size
    "size_page",  # block size / the page's most common size
    "bold",  # share of lines bold
    "italic",
    "mono",
    "all_caps",  # every letter upper case (and at least two)
    "title_case",  # share of words starting upper case
    "letters",  # share of letters among characters
    "digits",
    "lines",
    "chars_log",
    "words",
    "ends_period",
    "ends_colon",
    "ends_other_punct",
    "numbering",  # index into NUMBERINGS
    "numbering_depth",  # "2.3.1" -> 3
    "numbering_continues",  # the same kind of numbering with the previous value seen before
    "marker",  # the per-page stage took a list marker off
    "kind_list",
    "kind_caption",
    "toc",
    "indent",  # first line's left edge from the column's, in body sizes
    "centred",  # distance of the block's centre from the page text's centre, in page widths
    "width",  # block width / page text width
    "space_above",  # gap to the block above in the column, in body sizes (3 when none)
    "space_below",
    "top",  # y0 / page height
    "bottom",  # y1 / page height
    "first_on_page",
    "last_on_page",
    "repeats",  # share of the document's pages with this text (digits abstracted) at this edge
    "repeats_any",  # the same anywhere on other pages
    "style_share",  # share of the document's characters set in this size and weight
    "pages_log",
    "single_page",
    "page_blocks",
    "prev_size",
    "prev_bold",
    "prev_lines",
    "next_size",
    "next_bold",
    "next_lines",
    "next_indent",
    "same_style_blocks",  # blocks of the document in this style, log
    "run_in",  # the first line starts with a bold or italic phrase that ends with a period
)
INDEX = {name: index for index, name in enumerate(FEATURES)}


def full_text(block: Block) -> str:
    """A block's text with the list marker the per-page stage took off put back."""
    marker = block.attrs.get("marker")
    return f"{marker} {block.text}" if marker else block.text


def numbering(text: str) -> tuple[str, str]:
    """The numbering ``text`` starts with: (kind, the number as printed); ("none", "") when none."""
    for name, pattern in NUMBERINGS[1:]:
        match = pattern.match(text)
        if match:
            return name, match.group(1)
    return "none", ""


def _value(kind: str, token: str) -> tuple[int, ...] | None:
    """A comparable value of a number: (2, 3) for "2.3", 3 for "III" or "c"."""
    if kind in ("arabic", "dotted"):
        return tuple(int(part) for part in re.split("[.．]", token) if part.isdecimal())
    if kind in ("roman", "roman_lower"):
        values = [_ROMAN[c] for c in token.lower()]
        return (sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values)),)
    if kind in ("letter", "letter_lower"):
        return (ord(token.lower()) - ord("a") + 1,)
    return None


def _follows(previous: tuple[int, ...], value: tuple[int, ...]) -> bool:
    """``value`` comes right after ``previous`` in a numbering: 2 after 1, 2.1 after 2, 2.2 after 2.1, 3 after 2.4."""
    if len(value) > len(previous):
        return value[: len(previous)] == previous and all(v == 1 for v in value[len(previous) :])
    return value[:-1] == previous[: len(value) - 1] and value[-1] == previous[len(value) - 1] + 1


def _shape(text: str) -> str:
    return " ".join(re.sub(r"\d+", " ", text.lower()).split())


def _page_body(page: Page) -> tuple[float, float, float]:
    """The page's most common size, and the left and right edge of its text."""
    sizes: Counter[float] = Counter()
    for block in page.blocks:
        for line in block.lines:
            sizes[round(line.size * 2) / 2] += len(line.text)
    texts = [b for b in page.blocks if b.lines] or page.blocks
    left = min((b.bbox.x0 for b in texts), default=0.0)
    right = max((b.bbox.x1 for b in texts), default=page.width)
    return (sizes.most_common(1)[0][0] if sizes else 10.0), left, right


def _edge(block: Block, page: Page) -> str:
    middle = (block.bbox.y0 + block.bbox.y1) / 2
    return "top" if middle < 0.5 * page.height else "bottom"


def document_features(document: Document) -> tuple[list[Block], np.ndarray]:
    """The text blocks of the document's body and one row of ``FEATURES`` for each."""
    body = document.font_stats.body_size() or 10.0
    total_chars = sum(document.font_stats.chars.values()) or 1
    pages = [page for page in document.pages if page.blocks]
    n_pages = max(1, len(document.pages))
    at_edge: Counter[tuple[str, str]] = Counter()
    anywhere: Counter[str] = Counter()
    style_blocks: Counter[tuple[float, bool]] = Counter()
    shapes: dict[int, str] = {}  # each text block's shape, computed once
    styles: dict[int, tuple[float, bool]] = {}  # each block's size and weight (properties over its lines): once
    for page in pages:
        seen_edge: set[tuple[str, str]] = set()
        seen: set[str] = set()
        for block in page.blocks:
            styles[id(block)] = (block.size, block.bold) if block.lines else (0.0, False)
            if block.kind in TEXT_KINDS:
                shape = shapes[id(block)] = _shape(full_text(block))
                seen_edge.add((_edge(block, page), shape))
                seen.add(shape)
                style_blocks[(round(styles[id(block)][0] * 2) / 2, styles[id(block)][1])] += 1
        at_edge.update(seen_edge)
        anywhere.update(seen)
    rows: list[list[float]] = []
    blocks: list[Block] = []
    last_number: dict[str, tuple[int, ...]] = {}
    for page in pages:
        page_size, left, right = _page_body(page)
        text_width = max(1.0, right - left)
        centre = (left + right) / 2
        texts = [b for b in page.blocks if b.layer is Layer.BODY]
        for index, block in enumerate(texts):
            if block.kind not in TEXT_KINDS or not block.lines:
                continue
            text = full_text(block)
            kind, token = numbering(text)
            value = _value(kind, token) if token else None
            continues = False
            if value is not None:
                family = "dotted" if kind in ("arabic", "dotted") else kind
                previous = last_number.get(family)
                continues = previous is not None and _follows(previous, value)
                last_number[family] = value
            prev = texts[index - 1] if index > 0 else None
            nxt = texts[index + 1] if index + 1 < len(texts) else None
            rows.append(_row(block, text, kind, token, continues, prev, nxt, page, body, page_size,
                             left, text_width, centre, at_edge, anywhere, style_blocks, total_chars, document,
                             n_pages, len(texts), shapes, styles))
            blocks.append(block)
    matrix = np.asarray(rows, dtype=np.float32) if rows else np.zeros((0, len(FEATURES)), dtype=np.float32)
    return blocks, matrix


def _row(
    block: Block, text: str, kind: str, token: str, continues: bool, prev: Block | None, nxt: Block | None,
    page: Page, body: float, page_size: float, left: float, text_width: float, centre: float,
    at_edge: Counter[tuple[str, str]], anywhere: Counter[str], style_blocks: Counter[tuple[float, bool]],
    total_chars: int, document: Document, n_pages: int, page_blocks: int, shapes: dict[int, str],
    styles: dict[int, tuple[float, bool]],
) -> list[float]:
    n = len(block.lines)
    chars = max(1, len(text))
    letters = "".join(filter(str.isalpha, text))
    words = text.split()
    size, bold = styles[id(block)]
    style = (round(size * 2) / 2, bold)
    shape = shapes[id(block)]
    stripped = text.rstrip()
    first = block.lines[0]
    run_in = bool(_RUN_IN.match(first.markdown))
    values = {
        "size_doc": size / body,
        "size_page": size / (page_size or body),
        "bold": sum(line.bold for line in block.lines) / n,
        "italic": sum(line.italic for line in block.lines) / n,
        "mono": sum(line.mono for line in block.lines) / n,
        "all_caps": float(_all_caps(letters)),
        "title_case": sum([w[0].isupper() for w in words]) / max(1, len(words)),  # split() gives no empty word
        "letters": len(letters) / chars,
        "digits": sum(map(str.isdigit, text)) / chars,
        "lines": float(n),
        "chars_log": math.log1p(chars),
        "words": float(len(words)),
        "ends_period": float(stripped.endswith((".", "。", "!", "?"))),
        "ends_colon": float(stripped.endswith((":", "："))),
        "ends_other_punct": float(stripped.endswith((",", ";", "，", "；", ")", "]"))),
        "numbering": float(_NUMBERING_INDEX[kind]),
        "numbering_depth": float(len(re.split("[.．]", token))) if kind in ("arabic", "dotted") else float(bool(token)),
        "numbering_continues": float(continues),
        "marker": float("marker" in block.attrs),
        "kind_list": float(block.kind is BlockKind.LIST_ITEM),
        "kind_caption": float(block.kind is BlockKind.CAPTION),
        "toc": float(bool(block.attrs.get("toc"))),
        "indent": float(block.attrs.get("first_indent", block.bbox.x0 - left)) / body,
        "centred": abs((block.bbox.x0 + block.bbox.x1) / 2 - centre) / max(1.0, page.width),
        "width": block.bbox.width / text_width,
        "space_above": _gap(prev, block, body, above=True),
        "space_below": _gap(block, nxt, body, above=False),
        "top": block.bbox.y0 / max(1.0, page.height),
        "bottom": block.bbox.y1 / max(1.0, page.height),
        "first_on_page": float(prev is None),
        "last_on_page": float(nxt is None),
        "repeats": (at_edge[(_edge(block, page), shape)] - 1) / n_pages,
        "repeats_any": (anywhere[shape] - 1) / n_pages,
        "style_share": document.font_stats.chars.get(style, 0) / total_chars,
        "pages_log": math.log1p(n_pages),
        "single_page": float(n_pages == 1),
        "page_blocks": float(page_blocks),
        "prev_size": (styles[id(prev)][0] / body) if prev and prev.lines else 0.0,
        "prev_bold": float(styles[id(prev)][1]) if prev and prev.lines else 0.0,
        "prev_lines": float(len(prev.lines)) if prev else 0.0,
        "next_size": (styles[id(nxt)][0] / body) if nxt and nxt.lines else 0.0,
        "next_bold": float(styles[id(nxt)][1]) if nxt and nxt.lines else 0.0,
        "next_lines": float(len(nxt.lines)) if nxt else 0.0,
        "next_indent": (float(nxt.attrs.get("first_indent", nxt.bbox.x0 - left)) / body) if nxt else 0.0,
        "same_style_blocks": math.log1p(style_blocks[style]),
        "run_in": float(run_in),
    }
    return [values[name] for name in FEATURES]


def _all_caps(letters: str) -> bool:
    """Every cased letter upper case, at least two letters and one capital."""
    if len(letters) < 2 or letters != letters.upper():  # a lower-case letter: the quick answer for most text
        return False
    return all(c.isupper() for c in letters if c.upper() != c.lower()) and any(c.isupper() for c in letters)


def _gap(upper: Block | None, lower: Block | None, body: float, above: bool) -> float:
    """Space between two blocks of a page in body sizes; 3 where there is no neighbour or it is in another column."""
    if upper is None or lower is None:
        return 3.0
    gap = lower.bbox.y0 - upper.bbox.y1
    if gap < -0.5 * body:  # the next column, or a block beside this one
        return 3.0
    return float(min(gap, 5 * body) / body)
