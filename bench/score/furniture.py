"""Furniture left in: running headers, footers and page numbers a tool kept in its output.

The producer records what it prints outside the text (meta ``furniture``: ``texts`` and
``page_numbers``); the ground truth leaves all of it out. What a tool keeps is counted
*beyond the truth*: a running head that is also a heading in the body is charged only for its
copies beyond the truth's.

- a furniture text is found in the output with Markdown and HTML markup, everything but letters
  and digits, and case set aside, so spacing, a split over lines, emphasis or a separator the
  tool puts between header parts do not hide it; when the truth holds the text n times, the n
  copies that look least like furniture (on a heading line, or inside the longest lines) are
  taken for the body's;
- a page number is a line of the output that holds nothing but a number from 1 to the page count
  (Arabic, or lower-case Roman for front matter), alone or as "- N -", "Page N", "N of M",
  "Page N of M", "N / M" (the words in a few languages), after Markdown syntax is stripped; each
  number counts once (page N prints N once: a column of small numbers is not N pages of
  furniture), and not when the truth has it on a line of its own too, nor when the next line
  starts a footnote of the truth (a footnote mark a plain-text tool put on its own line).

The left-over items are then merged into *places*: items with at most ``GAP`` letters or digits
between them are one place (a header's left and right parts, a page's footer with the next
page's header). ``furniture_left = min(1, places / pages)`` estimates the share of pages on which
some furniture is left: exact when a tool keeps a page's header line, or its footer, or both
next to the following header; a page whose header and footer both stay, apart, counts twice
(an overestimate, the safe side for a "at most x % of pages" target). Unlike a per-kind count it
stays right when running heads change from chapter to chapter. ``furniture_leftover`` keeps the
count per kind (each text, and "page numbers").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from .markdown import COMMENT, TAG, plain_text, split_footnotes

PAGE = r"(?:page|p\.|pg\.|seite|s\.|pagina|página|стр\.?|страница|σελίδα|σελ\.)"
OF = r"(?:of|von|sur|de|di|из|από|/)"
PAGE_NUMBER_LINE = re.compile(
    rf"^(?:[-–—]\s*)?(?:{PAGE}\s*)?(?P<n>\d{{1,4}}|[ivxlc]{{1,7}})(?:\s*{OF}\s*(?P<m>\d{{1,4}}))?(?:\s*[-–—])?$"
)
CANDIDATE = re.compile(r"\d|^[\W_]*[ivxlc]{1,7}[\W_]*$", re.I)  # a digit, or a Roman numeral alone
NOT_ALNUM = re.compile(r"[\W_]+")
ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
LONGEST = 80  # characters of a line that can still be a page number with Markdown or HTML around it
GAP = 40  # letters and digits between two left-over items that still make them one place
PAGE_NUMBERS = "page numbers"  # the key of page numbers in ``furniture_leftover``


def roman(text: str) -> int | None:
    """The value of a lower-case Roman numeral in its usual form, or None."""
    total = 0
    for index, char in enumerate(text):
        value = ROMAN[char]
        following = ROMAN[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total if total and to_roman(total) == text else None


def to_roman(number: int) -> str:
    out = ""
    for value, letters in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv")):
        while number >= value:
            out, number = out + letters, number - value
    return out + "i" * number


def squeeze(text: str) -> str:
    """Letters and digits only, case folded: spacing, line breaks and punctuation do not count."""
    return NOT_ALNUM.sub("", text.casefold())


def strip_markup(markdown: str) -> str:
    """The Markdown with HTML comments and tags blanked out, its lines kept."""
    text = COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), markdown)
    return TAG.sub(" ", text)


def page_number_lines(markdown: str, pages: int, notes: list[str] | tuple[str, ...] = ()) -> dict[str, int]:
    """The page numbers (as written: "4", "iv") of a ``pages``-page document that have a line of
    their own, each with the index of the first such line.

    A number line directly followed by the start of one of ``notes`` (the truth's footnote texts)
    is that footnote's mark, which plain-text tools put on a line of its own, not a page number.
    """
    starts = [squeeze(note)[:24] for note in notes if squeeze(note)]
    lines = markdown.splitlines()  # splitlines also splits at pdftotext's form feeds
    found: dict[str, int] = {}
    for index, line in enumerate(lines):
        if len(line) > LONGEST or not CANDIDATE.search(line):  # cheap tests first: plain_text is costly
            continue
        text = plain_text(line).casefold()
        match = PAGE_NUMBER_LINE.match(text) if text else None
        if not match or match.group("n") in found:
            continue
        number = match.group("n")
        value = int(number) if number.isdigit() else roman(number)
        total = match.group("m")
        if value is None or not 1 <= value <= pages or (total is not None and value > int(total)):
            continue
        following = next((squeeze(plain_text(after)) for after in lines[index + 1 :] if after.strip()), "")
        if any(following.startswith(start) for start in starts):
            continue
        found[number] = index
    return found


def occurrences(haystack: str, needle: str) -> list[int]:
    """Start offsets of the non-overlapping occurrences of ``needle``, left to right."""
    found, start = [], haystack.find(needle)
    while start >= 0:
        found.append(start)
        start = haystack.find(needle, start + len(needle))
    return found


def places(spans: list[tuple[int, int]], gap: int = GAP) -> int:
    """How many groups the spans form when those at most ``gap`` characters apart are merged."""
    count, end = 0, -(gap + 1)
    for start, stop in sorted(spans):
        if start - end > gap:
            count += 1
        end = max(end, stop)
    return count


def furniture_scores(truth: str, predicted: str, furniture: dict[str, Any], pages: int) -> dict[str, Any]:
    """``furniture_left``, ``furniture_places`` and the counts per kind; {} when nothing is printed."""
    texts = [t for t in furniture.get("texts") or [] if squeeze(t)]
    numbers = bool(furniture.get("page_numbers"))
    if pages < 1 or not (texts or numbers):
        return {}
    truth_squeezed = squeeze(plain_text(truth))
    raw_lines = strip_markup(predicted).splitlines()
    lines = [squeeze(line) for line in raw_lines]
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    joined = "".join(lines)
    spans: list[tuple[int, int]] = []
    leftover: dict[str, int] = {}
    for text in texts:
        key = squeeze(text)
        found = occurrences(joined, key)
        in_truth = truth_squeezed.count(key)

        def bodylike(start: int, key: str = key) -> tuple[bool, float]:
            """Sorts the body's copies first: on a heading line, then in the longest lines."""
            line = bisect_right(offsets, start) - 1
            return not raw_lines[line].lstrip().startswith("#"), len(key) / max(1, len(lines[line]))

        kept = sorted(found, key=bodylike)[in_truth:] if in_truth else found
        leftover[text] = len(kept)
        spans += [(start, start + len(key)) for start in kept]
    if numbers:
        notes = split_footnotes(truth)[1]
        numbered = page_number_lines(truth, pages, notes)
        left = {n: i for n, i in page_number_lines(predicted, pages, notes).items() if n not in numbered}
        leftover[PAGE_NUMBERS] = len(left)
        spans += [(offsets[i], offsets[i + 1]) for i in left.values()]
    count = places(spans)
    return {"furniture_left": min(1.0, count / pages), "furniture_places": count, "furniture_leftover": leftover}
