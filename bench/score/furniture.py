"""Furniture left in: running headers, footers and page numbers a tool kept in its output.

The producer records what it prints outside the text (meta ``furniture``: ``texts`` and
``page_numbers``); the ground truth leaves all of it out. What a tool keeps is counted
*beyond the truth*: a running head that is also a heading in the body is charged only for its
copies beyond the truth's.

- a furniture text is counted as a substring of the output's plain text with everything but
  letters and digits removed and case folded, so spacing, a split over lines, Markdown emphasis
  or a separator the tool puts between header parts do not hide it;
- a page number is a line of the output that holds nothing but a number from 1 to the page count
  (Arabic, or lower-case Roman for front matter), alone or as "- N -", "Page N", "N of M",
  "Page N of M", "N / M" (the words in a few languages), after Markdown syntax is stripped; each
  number counts once (page N prints N once: a column of small numbers is not N pages of
  furniture), and not when the truth has it on a line of its own too, nor when the next line
  starts a footnote of the truth (a footnote mark a plain-text tool put on its own line).

Each kind (every text, and page numbers) recurs on about every page, so ``leftover / pages``
estimates the share of pages on which that kind stays. ``furniture_left`` is the largest of these
shares, capped at 1: the share of pages on which some furniture is left when a tool keeps or
drops a page's furniture together (the usual case: a header line is recognised or it is not),
and a lower bound otherwise. ``furniture_left_upper`` is the sum of the shares, capped at 1, an
upper bound (exact when no two left-over items share a page).
"""

from __future__ import annotations

import re
from typing import Any

from .markdown import plain_text, split_footnotes

PAGE = r"(?:page|p\.|pg\.|seite|s\.|pagina|página|стр\.?|страница|σελίδα|σελ\.)"
OF = r"(?:of|von|sur|de|di|из|από|/)"
PAGE_NUMBER_LINE = re.compile(
    rf"^(?:[-–—]\s*)?(?:{PAGE}\s*)?(?P<n>\d{{1,4}}|[ivxlc]{{1,7}})(?:\s*{OF}\s*(?P<m>\d{{1,4}}))?(?:\s*[-–—])?$"
)
CANDIDATE = re.compile(r"\d|^[\W_]*[ivxlc]{1,7}[\W_]*$", re.I)  # a digit, or a Roman numeral alone
NOT_ALNUM = re.compile(r"[\W_]+")
ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
LONGEST = 80  # characters of a line that can still be a page number with Markdown or HTML around it
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


def page_number_lines(markdown: str, pages: int, notes: list[str] | tuple[str, ...] = ()) -> set[str]:
    """The page numbers (as written: "4", "iv") of a ``pages``-page document that have a line of their own.

    A number line directly followed by the start of one of ``notes`` (the truth's footnote texts)
    is that footnote's mark, which plain-text tools put on a line of its own, not a page number.
    """
    starts = [squeeze(note)[:24] for note in notes if squeeze(note)]
    lines = markdown.splitlines()  # splitlines also splits at pdftotext's form feeds
    found = set()
    for index, line in enumerate(lines):
        if len(line) > LONGEST or not CANDIDATE.search(line):  # cheap tests first: plain_text is costly
            continue
        text = plain_text(line).casefold()
        match = PAGE_NUMBER_LINE.match(text) if text else None
        if not match:
            continue
        number = match.group("n")
        value = int(number) if number.isdigit() else roman(number)
        total = match.group("m")
        if value is None or not 1 <= value <= pages or (total is not None and value > int(total)):
            continue
        following = next((squeeze(plain_text(after)) for after in lines[index + 1 :] if after.strip()), "")
        if any(following.startswith(start) for start in starts):
            continue
        found.add(number)
    return found


def furniture_scores(
    truth: str, predicted: str, furniture: dict[str, Any], pages: int, predicted_text: str | None = None
) -> dict[str, Any]:
    """``furniture_left`` (and its upper bound and the counts per kind); {} when nothing is printed.

    ``predicted_text`` is ``plain_text(predicted)`` when the caller has it already.
    """
    texts = [t for t in furniture.get("texts") or [] if squeeze(t)]
    numbers = bool(furniture.get("page_numbers"))
    if pages < 1 or not (texts or numbers):
        return {}
    truth_plain = squeeze(plain_text(truth))
    predicted_plain = squeeze(plain_text(predicted) if predicted_text is None else predicted_text)
    notes = split_footnotes(truth)[1]
    leftover = {text: max(0, predicted_plain.count(squeeze(text)) - truth_plain.count(squeeze(text))) for text in texts}
    if numbers:
        left = page_number_lines(predicted, pages, notes) - page_number_lines(truth, pages, notes)
        leftover[PAGE_NUMBERS] = len(left)
    shares = [count / pages for count in leftover.values()]
    return {
        "furniture_left": min(1.0, max(shares)),
        "furniture_left_upper": min(1.0, sum(shares)),
        "furniture_leftover": leftover,
    }
