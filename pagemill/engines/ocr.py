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


#: tesseract's OSD script names -> tesseract's script model (``script/<name>``) and the Debian
#: package that brings it (``tesseract-ocr-script-<code>``): one model for every language of a script
SCRIPT_MODELS = {
    "Latin": ("Latin", "latn"),
    "Han": ("HanS", "hans"),
    "HanS": ("HanS", "hans"),
    "HanT": ("HanT", "hant"),
    "Cyrillic": ("Cyrillic", "cyrl"),
    "Greek": ("Greek", "grek"),
    "Arabic": ("Arabic", "arab"),
    "Hebrew": ("Hebrew", "hebr"),
    "Japanese": ("Japanese", "jpan"),
    "Katakana": ("Japanese", "jpan"),
    "Hiragana": ("Japanese", "jpan"),
    "Hangul": ("Hangul", "hang"),
    "Korean": ("Hangul", "hang"),
    "Devanagari": ("Devanagari", "deva"),
    "Thai": ("Thai", "thai"),
    "Bengali": ("Bengali", "beng"),
    "Tamil": ("Tamil", "taml"),
    "Georgian": ("Georgian", "geor"),
    "Armenian": ("Armenian", "armn"),
}
#: the script of each language pack that SCRIPT_LANGUAGES names (and a few more), to fall back on its
#: script model when the pack is missing
LANGUAGE_SCRIPTS = {lang: script for script, lang in SCRIPT_LANGUAGES.items() if script not in ("Han", "Korean")}
LANGUAGE_SCRIPTS.update({"ukr": "Cyrillic", "bul": "Cyrillic", "srp": "Cyrillic", "fas": "Arabic", "urd": "Arabic"})
LANGUAGE_SCRIPTS.update({"mar": "Devanagari", "nep": "Devanagari", "san": "Devanagari", "yid": "Hebrew"})


class LanguageChoice(NamedTuple):
    """The tesseract language(s) a page is read with, and a warning when that is a poor substitute."""

    lang: str
    warning: str | None = None


def script_package(script: str) -> str:
    """The Debian package of tesseract's model for ``script`` (an OSD script name)."""
    return f"tesseract-ocr-script-{SCRIPT_MODELS.get(script, ('Latin', 'latn'))[1]}"


def script_model(script: str, installed: frozenset[str]) -> str | None:
    """The name tesseract loads ``script``'s model by, when installed: Debian puts ``Cyrillic.traineddata``
    beside the language packs, tessdata from GitHub under ``script/``."""
    name = SCRIPT_MODELS.get(script, ("Latin", "latn"))[0]
    return next((model for model in (name, f"script/{name}") if model in installed), None)


def language_for_script(script: str, installed: frozenset[str], chinese_engine: bool = False) -> LanguageChoice:
    """What to read ``script`` with among the models ``installed``: never raises.

    The language pack first (read with English for the scripts of ``WITH_ENGLISH``), then the
    script's own model (``Cyrillic``, which reads every language of the script), then
    English with a warning that names the package to install. Language packs come first because
    they read their language better: a generated Russian scan, CER 0.000 with rus+eng against
    0.005 with Cyrillic+eng (Greek: 0.019 against 0.023); both garble English words alone.
    ``chinese_engine``: RapidOCR is installed, which reads Chinese without a tesseract pack.
    """
    lang = SCRIPT_LANGUAGES.get(script, "eng")
    return language_installed(lang, installed, chinese_engine, script)


def language_installed(
    lang: str, installed: frozenset[str], chinese_engine: bool = False, script: str | None = None
) -> LanguageChoice:
    """``lang`` (a tesseract code) if it can be read, else its script's model, else English with a warning."""
    script = script or LANGUAGE_SCRIPTS.get(lang, "Latin")
    if lang in installed or (lang in CHINESE and chinese_engine):
        return LanguageChoice(f"{lang}+eng" if lang in WITH_ENGLISH and "eng" in installed else lang)
    model = script_model(script, installed)
    if model:
        return LanguageChoice(f"{model}+eng" if lang in WITH_ENGLISH and "eng" in installed else model)
    if lang == "eng" or script == "Latin":
        return LanguageChoice("eng")
    package = lang.lower().replace("_", "-")
    warning = (
        f"{script} script read with English: no {script} model installed "
        f"(apt-get install {script_package(script)} or tesseract-ocr-{package})"
    )
    return LanguageChoice("eng", warning)


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
