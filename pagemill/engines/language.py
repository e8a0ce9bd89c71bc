"""Which language a page is written in: py3langid (BSD-3-Clause; its model ships inside the wheel).

A naive Bayes model over byte n-grams (141 languages in py3langid 0.4). Loading it takes
~0.6-1 s once per process; classifying costs ~0.6 ms per thousand characters, and at most
``MAX_CHARS`` are classified: ~1 ms a page of a TeX Live manual (hyperref.pdf, babel.pdf),
against ~50 ms to convert it. Codes are ISO 639 (``en``, ``ru``, ``zh``; three letters where
there is no two-letter code, ``ary``); ``TESSERACT_CODES`` maps them to tesseract's packs.
"""

from __future__ import annotations

import functools
import threading
from collections import Counter
from typing import Any

#: fewer letters than this say nothing reliable about a language (a page number, a title)
MIN_LETTERS = 20
#: a guess less sure than this (normalised probability) is not recorded
MIN_PROBABILITY = 0.5
#: only this much of a page's text is classified: more costs time (linearly) and changes nothing
MAX_CHARS = 1000
#: py3langid's label for text that is no language (code listings, tables of numbers)
NO_LANGUAGE = "zxx"

#: ISO 639 (py3langid) -> tesseract's language pack
TESSERACT_CODES = {
    "en": "eng", "de": "deu", "fr": "fra", "es": "spa", "it": "ita", "pt": "por", "nl": "nld", "pl": "pol",
    "cs": "ces", "sk": "slk", "sv": "swe", "da": "dan", "no": "nor", "nb": "nor", "fi": "fin", "hu": "hun",
    "ro": "ron", "tr": "tur", "vi": "vie", "id": "ind", "ms": "msa", "ru": "rus", "uk": "ukr", "bg": "bul",
    "sr": "srp", "mk": "mkd", "be": "bel", "el": "ell", "ar": "ara", "fa": "fas", "ur": "urd", "he": "heb",
    "hi": "hin", "mr": "mar", "ne": "nep", "bn": "ben", "ta": "tam", "te": "tel", "kn": "kan", "ml": "mal",
    "gu": "guj", "pa": "pan", "th": "tha", "ko": "kor", "ja": "jpn", "zh": "chi_sim", "ka": "kat", "hy": "hye",
}  # fmt: skip


_loading = threading.Lock()


def preload() -> None:
    """Start reading the model in a thread: its decompression (~0.4 s) runs while the first pages are read.

    The LZMA decompression releases the GIL, so on a machine with a core to spare it costs no wall time.
    """
    threading.Thread(target=_identifier, name="pagemill-langid", daemon=True).start()


def _identifier() -> Any:
    with _loading:  # one load, whichever thread asks first; the others wait for it
        return _load_identifier()


@functools.lru_cache(maxsize=1)
def _load_identifier() -> Any:
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:
        return None  # language is then not recorded; py3langid is a dependency, so this is a broken install
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> str | None:
    """The ISO 639 code of ``text``'s language, or None when there is too little text or no clear answer."""
    letters = sum(char.isalpha() for char in text[:MAX_CHARS])
    if letters < MIN_LETTERS:
        return None
    identifier = _identifier()
    if identifier is None:
        return None
    code, probability = identifier.classify(text[:MAX_CHARS])
    return str(code) if probability >= MIN_PROBABILITY and code != NO_LANGUAGE else None


def document_language(pages: list[tuple[str | None, int]]) -> str | None:
    """The language most of a document's characters are in, from ``(language, characters)`` per page."""
    weights: Counter[str] = Counter()
    for code, chars in pages:
        if code:
            weights[code] += chars
    return weights.most_common(1)[0][0] if weights else None


def pages_per_language(codes: list[str | None]) -> dict[str, int]:
    """How many pages are in each language, most first (pages without one are not counted)."""
    return dict(Counter(code for code in codes if code).most_common())
