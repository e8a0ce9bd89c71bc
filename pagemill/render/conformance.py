"""Is the Markdown well-formed, and does it say what the JSON block tree says? Used by the tests and the bench.

Three checks, from cheapest:

``markdown_problems(markdown)``
    Any tool's Markdown, no JSON needed (the bench's "invalid outputs" column): an
    unclosed code fence, an odd number of ``$$``, ``<table>``/``<sup>``/``<sub>``
    left open, a paragraph with an odd number of unescaped ``$``, a GFM table whose
    delimiter row does not match its header, U+FFFD or private-use characters.

``check(markdown, document_json)``
    pagemill's own output: the problems above, then the Markdown parsed with
    markdown-it-py (CommonMark + GFM tables + dollar math + footnotes) and its
    rendered text compared with the JSON's blocks: every block's characters come
    back, in order, with no markup invented (a literal ``*`` read as emphasis, a
    price read as a formula) or lost.

``joined_words(output_text, pdftotext_raw_text)``
    Words of the output that are two words in ``pdftotext -raw``'s text ("ofthe").

markdown-it-py and mdit-py-plugins are needed only by ``check`` (``pip install 'pagemill[test]'``).
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_HTML_TAGS = ("table", "tr", "sup", "sub")
_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$")
_CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")
_WORD = re.compile(r"[^\W_]+")
#: what is no prose word: a link's or picture's target, a formula (``xp(x)`` is LaTeX, not a joined word)
_NOT_PROSE = re.compile(r"\]\([^)\s]*\)|\$\$.+?\$\$|(?<![\\$])\$(?!\$)[^$\n]+?(?<![\\\s])\$", re.S)
_ORDERED_MARKER = re.compile(r"^\(?(\d{1,3})[.)]$")  # as render/markdown.py writes them "3."


def bad_characters(text: str) -> int:
    """U+FFFD, private-use characters and C0 controls (other than tab, newline, return and form feed) in ``text``."""
    return sum(1 for char in text if is_bad_character(char))


def is_bad_character(char: str) -> bool:
    code = ord(char)
    if code < 0x20:
        return char not in "\t\n\r\f"  # a form feed is a page break (pdftotext writes one per page), not garbage
    return code == 0xFFFD or 0xE000 <= code <= 0xF8FF or code >= 0xF0000 or 0xD800 <= code <= 0xDFFF


def markdown_problems(markdown: str) -> list[str]:
    """What makes ``markdown`` ill-formed or unfaithful on its face; empty when none is seen."""
    problems: list[str] = []
    bad = bad_characters(markdown)
    if bad:
        problems.append(f"{bad} replacement, private-use or control characters")
    prose, unclosed = _outside_fences(markdown)
    if unclosed:
        problems.append(f"code fence opened on line {unclosed} is never closed")
    prose = _CODE_SPAN.sub("", prose)
    displays = len(re.findall(r"(?<!\\)\$\$", prose))
    if displays % 2:
        problems.append(f"odd number of $$ ({displays})")
    for tag in _HTML_TAGS:
        opened = len(re.findall(rf"<{tag}[\s>]", prose, flags=re.IGNORECASE))
        closed = len(re.findall(rf"</{tag}\s*>", prose, flags=re.IGNORECASE))
        if opened != closed:
            problems.append(f"<{tag}> opened {opened} times, closed {closed} times")
    for paragraph in re.split(r"\n\s*\n", prose):
        single = re.sub(r"(?<!\\)\$\$", "", paragraph)
        dollars = len(re.findall(r"(?<!\\)\$", single))
        if dollars % 2:
            problems.append(f"odd number of unescaped $ in paragraph: {paragraph.strip()[:60]!r}")
    problems.extend(_table_problems(prose))
    return problems


def _outside_fences(markdown: str) -> tuple[str, int]:
    """The Markdown with fenced code blocks blanked out, and the line of a fence never closed (0: none)."""
    out: list[str] = []
    fence = ""
    opened = 0
    for number, line in enumerate(markdown.split("\n"), 1):
        match = _FENCE.match(line)
        if fence:
            if (
                match
                and match.group(1)[0] == fence[0]
                and len(match.group(1)) >= len(fence)
                and not match.group(2).strip()
            ):
                fence = ""
            out.append("")
        elif match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
            fence, opened = match.group(1), number
            out.append("")
        else:
            out.append(line)
    return "\n".join(out), opened if fence else 0


def _table_problems(prose: str) -> list[str]:
    lines = prose.split("\n")
    problems = []
    for above, line in zip(lines, lines[1:]):
        delimiter = "-" in line and "|" in line and _DELIMITER_ROW.match(line) and "|" in above
        if delimiter and _cells(above) != _cells(line):
            problems.append(f"table header has {_cells(above)} cells, its delimiter row {_cells(line)}")
    return problems


def _cells(row: str) -> int:
    inner = re.sub(r"\\\|", "", row.strip())
    return len(inner.strip("|").split("|"))


# -- the Markdown against the JSON ---------------------------------------------------------


def check(markdown: str, document_json: dict[str, Any]) -> list[str]:
    """Problems of pagemill's ``markdown`` as such and against ``document_json`` (``result.json()``)."""
    problems = markdown_problems(markdown)
    parser = _parser()
    expected: list[str] = []
    for page in document_json.get("pages", []):
        problems.extend(f"page {page.get('number')}: JSON holds {n} bad characters" for n in _page_bad(page) if n)
        for block in page.get("blocks", []):
            if block.get("layer") == "furniture" or not block.get("markdown"):
                continue
            rendered = _render(parser, _footnote_refs_marked(block["markdown"]))
            if not _DEFINITION.match(block["markdown"]):  # the parser moves definitions to the end
                expected.append("".join(text for kind, text in rendered if kind == "text"))
            problem = _block_problem(block, rendered)
            if problem:
                problems.append(f"{block.get('id')} ({block.get('kind')}): {problem}")
    whole = "".join(text for kind, text in _render(parser, markdown) if kind == "text")
    if _squeeze(whole) != _squeeze("".join(expected)):
        problems.append(
            f"the document's Markdown reads differently from its blocks: {_first_difference(whole, expected)}"
        )
    return problems


#: stands for a footnote reference in a block parsed alone (its definition is elsewhere)
_REFERENCE = "\ue000"
_DEFINITION = re.compile(r"^\[\^[^\]\s]+\]:\s?")


def _footnote_refs_marked(markdown: str) -> str:
    """``[^1]`` references as a mark; a definition ``[^1]: text`` as its text."""
    markdown = _DEFINITION.sub("", markdown)
    return re.sub(r"(?<!\\)\[\^[^\]\s]+\]", _REFERENCE, markdown)


def _page_bad(page: dict[str, Any]) -> list[int]:
    return [bad_characters(block.get("text", "")) for block in page.get("blocks", [])]


def _parser() -> Any:
    try:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.dollarmath import dollarmath_plugin
        from mdit_py_plugins.footnote import footnote_plugin
    except ImportError as exc:  # pragma: no cover - a dependency of the test extra
        raise RuntimeError("conformance.check needs markdown-it-py and mdit-py-plugins (pagemill[test])") from exc
    return MarkdownIt("commonmark").enable("table").use(dollarmath_plugin, double_inline=True).use(footnote_plugin)


def _render(parser: Any, markdown: str) -> list[tuple[str, str]]:
    """The text a reader sees, as (kind, text) pieces; kind "math" for formulas, "text" otherwise."""
    out: list[tuple[str, str]] = []
    notes = 0
    for token in parser.parse(markdown):
        notes += (token.type == "footnote_block_open") - (token.type == "footnote_block_close")
        if notes:
            continue  # footnote definitions, gathered at the end by the parser: compared block by block
        if token.type in ("fence", "code_block"):
            out.append(("text", token.content))
        elif token.type in ("math_block", "math_block_label"):
            out.append(("math", token.content))
        elif token.type == "html_block":
            out.append(("text", html.unescape(re.sub(r"<[^>]*>", " ", token.content))))
        elif token.type == "inline":
            out.extend(_inline(token.children or []))
    return out


def _inline(children: list[Any]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for child in children:
        if child.type == "text" and _REFERENCE in child.content:
            for index, piece in enumerate(child.content.split(_REFERENCE)):
                out.extend([("math", "")] * bool(index) + [("text", piece)])
        elif child.type in ("text", "code_inline"):
            out.append(("text", child.content))
        elif child.type in ("math_inline", "math_inline_double"):
            out.append(("math", child.content))
        elif child.type in ("softbreak", "hardbreak"):
            out.append(("text", " "))
        elif child.type == "image":
            out.append(("image", child.content))
        elif child.type == "footnote_ref":
            out.append(("math", child.meta.get("label", "") if child.meta else ""))
        elif child.type == "html_inline" and not re.fullmatch(r"</?(sup|sub|br|span)\b[^>]*>", child.content):
            out.append(("text", html.unescape(child.content)))
    return out


def _block_problem(block: dict[str, Any], rendered: list[tuple[str, str]]) -> str:
    """Whether the block's rendered Markdown holds the characters of its text, in order."""
    kind = block.get("kind")
    if kind in ("equation", "figure"):
        return "" if rendered else "renders as nothing"
    if kind == "table":
        cells = (block.get("attrs") or {}).get("cells") or []
        want = _squeeze("".join(str(cell.get("text", "")) for cell in cells), letters=True)
        got = _squeeze("".join(text for _, text in rendered), letters=True)
        return "" if want == got else f"cells read {got[:60]!r}, not {want[:60]!r}"
    text = block.get("text", "")
    candidates = [text]  # the text as the JSON has it, or as the Markdown writes it
    if kind == "list_item":
        marker = str((block.get("attrs") or {}).get("marker", ""))
        if len(marker) > 1 and not _ORDERED_MARKER.match(marker):
            candidates.append(marker + _without_marker(text, marker))  # written after the bullet: "- (a) text"
        else:
            candidates.append(_without_marker(text, marker))
    if kind == "footnote":
        label = str((block.get("attrs") or {}).get("label", ""))
        candidates.append(text[len(label) :] if label and text.startswith(label) else text)
    pattern = "".join(
        # a formula's LaTeX is not its glyphs' text: any text may stand for it, but no "$" (a price)
        re.escape(_squeeze(piece)) if kind_ == "text" else "[^$]*?"
        for kind_, piece in _merged(rendered)
    )
    if any(re.fullmatch(pattern, _squeeze(candidate), flags=re.DOTALL) for candidate in candidates):
        return ""
    got = _squeeze("".join(piece if kind_ == "text" else "$" for kind_, piece in rendered))
    return f"reads {got[:80]!r}, the page says {_squeeze(text)[:80]!r}"


def _merged(rendered: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Adjacent pieces of one kind joined (fewer wildcards, a faster match)."""
    out: list[tuple[str, str]] = []
    for kind, text in rendered:
        kind = "text" if kind == "text" else "math"
        if out and out[-1][0] == kind:
            out[-1] = (kind, out[-1][1] + text)
        else:
            out.append((kind, text))
    return out


def _without_marker(text: str, marker: str) -> str:
    return text[len(marker) :] if marker and text.startswith(marker) else text


def _squeeze(text: str, letters: bool = False) -> str:
    """Text compared without white space, hyphens (a line-break hyphen goes) and compatibility forms."""
    text = unicodedata.normalize("NFKC", text)
    if letters:
        return "".join(_WORD.findall(text))
    return re.sub(r"[\s\-\u00ad\u2010]+", "", text)


def _first_difference(whole: str, expected: list[str]) -> str:
    a, b = _squeeze(whole), _squeeze("".join(expected))
    index = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"at {index}: {a[max(0, index - 20) : index + 40]!r} vs {b[max(0, index - 20) : index + 40]!r}"


# -- joined words ---------------------------------------------------------------------------


def joined_words(output_text: str, pdftotext_raw_text: str) -> tuple[int, int]:
    """(joined, words): words of ``output_text`` that ``pdftotext -raw`` reads as two words.

    A pair of neighbouring words of the reference ("of" "the") forms a joined word
    ("ofthe") when the space between them is white space only (not a line-break
    hyphen, which a converter rightly removes) and the joined form is not itself a
    word of the reference. Case is ignored; link targets and formulas are not words.
    Per 1,000 words: ``1000 * joined / words``.
    """
    reference = unicodedata.normalize("NFKC", pdftotext_raw_text).lower()
    tokens = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(reference)]
    singles = {token for token, _, _ in tokens}
    pairs: set[str] = set()
    for (a, _, a_end), (b, b_start, _) in zip(tokens, tokens[1:]):
        between = reference[a_end:b_start]
        if between and between.isspace() and not (_is_cjk(a[-1]) or _is_cjk(b[0])):
            joined = a + b
            if joined not in singles:
                pairs.add(joined)
    words = _WORD.findall(_NOT_PROSE.sub(" ", unicodedata.normalize("NFKC", output_text)).lower())
    return sum(1 for word in words if word in pairs), len(words)


def _is_cjk(char: str) -> bool:
    """Chinese and Japanese, written without spaces (Korean has them: Hangul is not here)."""
    return "\u2e80" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"
