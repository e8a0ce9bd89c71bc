"""Character error rate: edit distance between the text read and the text known, per known character."""

from __future__ import annotations


def normalise(text: str) -> str:
    """Compare words, not layout: whitespace and Markdown heading marks do not count."""
    return " ".join(text.replace("#", " ").split())


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        previous = current
    return previous[-1]


def cer(read: str, known: str) -> float:
    """Edits needed to turn ``read`` into ``known``, per character of ``known``."""
    read, known = normalise(read), normalise(known)
    return edit_distance(read, known) / max(len(known), 1)
