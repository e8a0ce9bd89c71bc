"""Which language a page is written in: py3langid (BSD-3-Clause; its model ships inside the wheel).

A naive Bayes model over byte n-grams (141 languages in py3langid 0.4). The wheel ships it
LZMA-compressed (4.6 MB; 68 MB of arrays, ~0.5 s of CPU to decompress in every process): the
first load writes its two large arrays uncompressed to the user's cache folder (``cache_folder``),
and later processes map them from there, reading only the pages a text touches (~0 s, a few MB
resident instead of ~100 MB). Where that folder cannot be written the wheel's file is read as it is.
Classifying costs ~0.3 ms per thousand characters (the DFA walked through a memoryview of the
mapped array), and at most ``MAX_CHARS`` are classified: ~0.3 ms a page of a TeX Live manual
(memman.pdf), against ~20 ms to convert it. Codes
are ISO 639 (``en``, ``ru``, ``zh``; three letters where there is no two-letter code, ``ary``);
``TESSERACT_CODES`` maps them to tesseract's packs.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import tempfile
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

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
    """Start reading the model in a thread, while the first pages are read: mapping it from the cache
    folder takes ~0.05 s; the first decompression (~0.5 s) releases the GIL, so on a machine with a core
    to spare it costs little wall time either."""
    threading.Thread(target=_identifier, name="pagemill-langid", daemon=True).start()


def _identifier() -> Any:
    with _loading:  # one load, whichever thread asks first; the others wait for it
        return _load_identifier()


@functools.lru_cache(maxsize=1)
def _load_identifier() -> Any:
    try:
        from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
    except ImportError:
        return None  # language is then not recorded; py3langid is a dependency, so this is a broken install
    try:
        arrays = _mapped_model(Path(MODEL_DIR) / MODEL_FILE)
        if arrays is not None:  # the DFA is walked through a memoryview: an index gives a Python int, fast
            return LanguageIdentifier(
                arrays["ptc"], arrays["pc"], arrays["classes"].tolist(), arrays["nextmove"].data,
                arrays["out_feat"].tolist(), norm_probs=True, tk_row=arrays["nextmove_row"].tolist(),
            )  # fmt: skip
    except (KeyError, TypeError):
        pass  # a py3langid whose model file or identifier is laid out otherwise: its own loader reads it
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def cache_folder() -> Path:
    """Where the decompressed model is kept: ``$PAGEMILL_CACHE``, else ``$XDG_CACHE_HOME/pagemill``
    or ``~/.cache/pagemill``."""
    if os.environ.get("PAGEMILL_CACHE"):
        return Path(os.environ["PAGEMILL_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pagemill"


def _mapped_model(source: Path) -> dict[str, np.ndarray] | None:
    """The model's arrays, the large ones memory-mapped from the cache folder (written on first use); None
    where the cache cannot be written or read: the caller reads the compressed file instead."""
    try:
        stat = source.stat()
        key = hashlib.sha1(f"{source}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]
        folder = cache_folder() / f"langid-{key}"
        if not (folder / "done").exists():
            _write_cache(source, folder)
        return {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in _ARRAYS}
    except (OSError, ValueError):
        return None


_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def _write_cache(source: Path, folder: Path) -> None:
    """The compressed model's arrays as .npy files in ``folder``, written aside and moved in whole."""
    import lzma

    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".langid-", dir=folder.parent))
    try:
        with tempfile.TemporaryFile() as unpacked:
            with lzma.open(source) as packed:
                shutil.copyfileobj(packed, unpacked, length=1 << 20)
            unpacked.seek(0)
            with np.load(unpacked, allow_pickle=False) as data:
                for name in _ARRAYS:
                    np.save(staging / f"{name}.npy", data[name], allow_pickle=False)
        (staging / "done").touch()
        try:
            staging.rename(folder)
        except OSError:
            if not (folder / "done").exists():  # another process's copy got there first: use that one
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


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
