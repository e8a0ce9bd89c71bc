"""The OCR engine interface, and which engine reads which language.

An engine turns a grayscale picture into words with boxes (in the picture's pixels)
and confidences. Two are wired in:

    tesseract   Debian's tesseract-ocr + tesseract-ocr-<lang>; most languages; the default
    rapidocr    rapidocr-onnxruntime (PP-OCRv4 models inside the wheel); Chinese and English

Choosing: ``--lang`` names tesseract language codes (``eng``, ``deu+eng``, ``chi_sim``).
Chinese goes to RapidOCR when it is installed (FIELD-NOTES: recall 0.99 against
tesseract's 0.94), everything else to tesseract. Without ``--lang`` the script is
detected per document (tesseract's OSD) and mapped to a language by ``SCRIPT_LANGUAGES``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple, Protocol

from PIL import Image

from ..errors import OcrUnavailable

EngineName = Literal["auto", "tesseract", "rapidocr"]

#: tesseract's OSD script names -> the language pack that reads them best
SCRIPT_LANGUAGES = {
    "Latin": "eng",
    "Han": "chi_sim",
    "HanS": "chi_sim",
    "HanT": "chi_tra",
    "Cyrillic": "rus",
    "Greek": "ell",
    "Arabic": "ara",
    "Hebrew": "heb",
    "Japanese": "jpn",
    "Katakana": "jpn",
    "Hiragana": "jpn",
    "Hangul": "kor",
    "Korean": "kor",
    "Devanagari": "hin",
    "Thai": "tha",
    "Bengali": "ben",
    "Tamil": "tam",
    "Georgian": "kat",
    "Armenian": "hye",
}

CHINESE = {"chi_sim", "chi_tra"}
#: read together with English when the script is detected: pages in these scripts carry English
#: words (running heads, tables, names) that their own models garble ("Table" -> "ТаЫе"). Bench
#: scans, CER: rus 0.086 -> 0.027, ell 0.030 -> 0.010, heb 0.034 -> 0.004. Not Arabic: ara+eng
#: re-reads unsure Arabic words as Latin (0.09 -> 0.12); Chinese goes to RapidOCR, which reads both.
#: Other scripts (Devanagari, Thai, Hangul) are not measured here, so they are read alone
WITH_ENGLISH = {"rus", "ell", "heb", "jpn"}


class OcrWord(NamedTuple):
    """One recognised word: text, box (x0, y0, x1, y1) in pixels, confidence 0-100, line key."""

    text: str
    box: tuple[float, float, float, float]
    confidence: float
    #: words sharing this key were read as one line by the engine
    line: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Orientation:
    """How far to turn a picture clockwise (quarter turns) to make its text upright, and its script."""

    quarter_turns: int
    confidence: float
    script: str = ""
    script_confidence: float = 0.0


class OcrEngine(Protocol):
    """What the OCR step needs from an engine."""

    name: str
    lang: str
    #: whether each word's box is its own ink (tesseract), not a share of its line's (RapidOCR)
    tight_boxes: bool

    def read(self, image: Image.Image, dpi: float) -> list[OcrWord]:
        """The words on a grayscale ``image`` rendered at ``dpi``, boxes in its pixels."""
        ...

    def orientation(self, image: Image.Image, dpi: float) -> Orientation | None:
        """Which way up the text stands; None when the engine cannot tell."""
        ...


def choose_engine(lang: str, engine: EngineName = "auto") -> OcrEngine:
    """The engine for ``lang``; raises ``OcrUnavailable`` saying what to install."""
    codes = set(lang.split("+"))
    wants_rapid = engine == "rapidocr" or (engine == "auto" and codes & CHINESE and codes <= CHINESE | {"eng"})
    if wants_rapid:
        from .ocr_rapid import RapidEngine, rapid_available

        if engine == "rapidocr" or rapid_available():
            return RapidEngine(lang)
    from .ocr_tesseract import TesseractEngine

    return TesseractEngine(lang)


def language_for_script(script: str, installed: frozenset[str]) -> str:
    """The language pack to read ``script`` with, among those ``installed`` (English when unknown)."""
    lang = SCRIPT_LANGUAGES.get(script, "eng")
    if lang not in installed and lang not in CHINESE:
        raise OcrUnavailable(
            f"the page is in {script} script and tesseract has no '{lang}' language pack: "
            f"apt-get install tesseract-ocr-{lang.replace('_', '-')} (or give --lang)"
        )
    return f"{lang}+eng" if lang in WITH_ENGLISH and "eng" in installed else lang


#: frequent short words that tell Latin-script languages apart (a page has dozens of them)
FUNCTION_WORDS = {
    "eng": {"the", "and", "of", "to", "in", "is", "that", "for", "with", "was", "on", "are", "by", "this"},
    "deu": {"der", "die", "das", "und", "ist", "nicht", "mit", "für", "von", "den", "dem", "ein", "eine", "auf"},
    "fra": {"le", "la", "les", "et", "est", "des", "une", "dans", "pour", "que", "qui", "sur", "du", "pas"},
    "spa": {"el", "la", "los", "las", "y", "es", "una", "para", "que", "con", "por", "del", "se", "como"},
    "ita": {"il", "di", "che", "non", "per", "una", "sono", "della", "con", "gli", "nel", "alla", "anche"},
    "nld": {"de", "het", "een", "en", "van", "is", "niet", "dat", "op", "voor", "met", "zijn", "ook"},
    "por": {"o", "os", "as", "e", "é", "um", "uma", "para", "não", "com", "que", "do", "da", "em"},
}


def guess_latin_language(words: list[str], installed: frozenset[str]) -> str:
    """The installed Latin-script language whose function words are most frequent in ``words``."""
    lowered = [word.lower().strip(".,;:!?()\"'") for word in words]
    scores = {
        lang: sum(word in vocabulary for word in lowered)
        for lang, vocabulary in FUNCTION_WORDS.items()
        if lang in installed
    }
    if not scores:
        return "eng"
    best = max(scores, key=lambda lang: scores[lang])
    # a handful of hits is noise: stay with English unless the evidence is clear
    return best if scores[best] >= max(5, 2 * scores.get("eng", 0)) or best == "eng" else "eng"
