"""Character error rate: edit distance between the text read and the text known, per known character."""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein


def normalise(text: str) -> str:
    """Compare words, not layout: whitespace and Markdown heading marks do not count."""
    return " ".join(text.replace("#", " ").split())


def cer(read: str, known: str) -> float:
    """Edits needed to turn ``read`` into ``known``, per character of ``known``."""
    read, known = normalise(read), normalise(known)
    return Levenshtein.distance(read, known) / max(len(known), 1)
