"""Which language, and so which OCR engine, reads a scanned page (the OCR step's, stages/ocr.py).

``--lang`` when given; else the script OSD sees on a page showing enough lines of text (a page
that then reads badly, in a script OSD was unsure of, is read in that script too and kept where
surer); else the document's language, from its text-layer pages, else English. The first
page with enough words settles the language for the rest of the document. Pictures of text
on a page whose text layer is good are read in that text's language.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from ..engines.language import TESSERACT_CODES, identify
from ..engines.ocr import (
    LanguageChoice,
    OcrEngine,
    OcrWord,
    Orientation,
    choose_engine,
    guess_latin_language,
    language_for_script,
    language_installed,
)
from ..engines.ocr_rapid import rapid_available
from ..engines.ocr_tesseract import installed_languages
from ..errors import OcrUnavailable
from ..model import RawPage
from ..options import Options
from .inline import is_cjk
from .ocr_words import SURE_WORD_CONFIDENCE, mean_confidence

#: the language of a document is settled from the first OCR'd page with this many words
WORDS_TO_SETTLE_LANGUAGE = 30
#: OSD's script is trusted only on a page showing this many lines of text: on a blank page, a few
#: words, a picture or handwriting it guesses (Arabic for a near-blank page, Cyrillic for a photo)
SCRIPT_MIN_LINES = 3
#: tesseract's OSD script confidence below this is a guess. Clean Latin or Cyrillic prose scores
#: 8-20, but Greek, Chinese and Japanese pages of the bench score 0.9-3.5 with the right script
#: (and read as English, CER 1.0, at the old 3.0): a weak vote for a script is still the best one
SCRIPT_CONFIDENCE = 0.5
#: ... below it, down to this, the script is tried when the page reads badly in the chosen language,
#: and kept when the engine's mean word confidence is this much higher (and at least SURE_WORD_CONFIDENCE)
UNSURE_SCRIPT_CONFIDENCE = 0.2
SURER_BY = 15.0
#: a page read with a mean word confidence below this reads badly (upside down, or in the wrong script)
UPRIGHT_CONFIDENCE = 55.0


class Languages:
    """Per document: the language chosen so far, the engines made for each, the text layer's languages."""

    def __init__(self, options: Options, warn: Callable[[str], None]) -> None:
        self.engine_name = options.ocr_engine
        self.lang = options.lang
        self.given = options.lang is not None
        self._warn = warn  # said once per document (the OCR step collects them)
        self._engines: dict[str, OcrEngine] = {}
        #: languages (tesseract codes) of the text-layer pages so far, for pages with too little text
        self._text_languages: Counter[str] = Counter()

    def engine(self, lang: str) -> OcrEngine:
        if lang not in self._engines:
            self._engines[lang] = choose_engine(lang, self.engine_name)
        return self._engines[lang]

    def for_page(
        self,
        image: Any,
        dpi: float,
        osd: Orientation | None,
        record: dict[str, Any],
        lines: int,
        orientation: Callable[[Any, float], Orientation | None],
    ) -> tuple[OcrEngine, Orientation | None]:
        """By --lang; else by OSD's script where the page shows ``lines`` enough (``orientation`` asks
        OSD); else the document's language. Also OSD's answer when it named a script it was unsure of
        (for ``in_unsure_script``)."""
        if self.lang:
            return self.engine(self.lang), None
        choice, unsure = self.document_language(), None
        if lines >= SCRIPT_MIN_LINES:  # enough text for OSD's script to mean something
            osd = osd or orientation(image, dpi)
            if osd is not None and osd.script_confidence >= SCRIPT_CONFIDENCE:
                record["script"] = osd.script
                choice = language_for_script(osd.script, installed(), rapid_available())
            elif osd is not None and osd.script_confidence >= UNSURE_SCRIPT_CONFIDENCE:
                unsure = osd
        else:
            record["script"] = "not detected: too little text"
        if choice.warning:
            record["warning"] = choice.warning
            self._warn(choice.warning)
        return self.engine(choice.lang), unsure

    def in_unsure_script(
        self,
        unsure: Orientation | None,
        read: Callable[[OcrEngine], list[OcrWord]],
        engine: OcrEngine,
        words: list[OcrWord],
        record: dict[str, Any],
    ) -> tuple[OcrEngine, list[OcrWord]]:
        """A page that read badly, whose script OSD named without being sure, read (``read``) in that script too.

        OSD is unsure of Hangul on clean scans (0.46-0.74 at 150-300 dpi, bench/languages.py), so a
        Korean page was read as English garbage. The other reading is kept only when the engine is
        clearly surer of its words; a blank page or a picture that OSD takes for Arabic keeps its reading.
        """
        if unsure is None or self.lang or mean_confidence(words) >= UPRIGHT_CONFIDENCE:
            return engine, words
        choice = language_for_script(unsure.script, installed(), rapid_available())
        if choice.warning:  # no model for it: the page is partial, with the package to install
            record["warning"] = f"{choice.warning}; OSD unsure of the script ({unsure.script_confidence:.2f})"
            self._warn(record["warning"])
        if choice.warning or choice.lang == engine.lang:
            return engine, words
        other = self.engine(choice.lang)
        other_words = read(other)
        if mean_confidence(other_words) < max(SURE_WORD_CONFIDENCE, mean_confidence(words) + SURER_BY):
            return engine, words
        record["script"] = f"{unsure.script} (OSD unsure, {unsure.script_confidence:.2f}: read surer in it)"
        return other, other_words

    def document_language(self) -> LanguageChoice:
        """For a page with too little text to tell: the language its text-layer pages are in, else English."""
        if not self._text_languages:
            return LanguageChoice("eng")
        lang = self._text_languages.most_common(1)[0][0]
        return language_installed(lang, installed(), rapid_available())

    def note(self, code: str | None) -> None:
        """The language (ISO 639) identified on a page read from its text layer."""
        if code in TESSERACT_CODES:
            self._text_languages[TESSERACT_CODES[code]] += 1

    def settle(self, engine: OcrEngine, words: list[OcrWord]) -> None:
        """Without --lang, the first page with enough words decides the document's language."""
        if self.lang or len(words) < WORDS_TO_SETTLE_LANGUAGE:
            return
        if engine.lang != "eng":
            self.lang = engine.lang  # found from the script: Chinese, Cyrillic, ...
            return
        self.lang = guess_latin_language([word.text for word in words], installed())

    def for_pictures(self, raw: RawPage) -> OcrEngine:
        """The engine for pictures of text on a page whose text layer is good: --lang, or that text's language."""
        return self.engine(self.lang or language_of_text(raw).lang)


def installed() -> frozenset[str]:
    """Tesseract's models; none when tesseract is missing (reading then fails per page, saying so)."""
    try:
        return installed_languages()
    except OcrUnavailable:
        return frozenset()


def language_of_text(raw: RawPage) -> LanguageChoice:
    """The OCR language for pictures on a page, from the page's own text."""
    text = "".join(glyph.text for glyph in raw.glyphs)
    models = installed()
    code = identify(text)
    if code in TESSERACT_CODES and TESSERACT_CODES[code] != "eng":  # a Russian page's pictures are read in Russian
        choice = language_installed(TESSERACT_CODES[code], models, rapid_available())
        if choice.warning is None:
            return choice
    cjk = sum(is_cjk(char) and not 0xAC00 <= ord(char) <= 0xD7AF for char in text)  # Hangul is not Chinese
    if cjk > 0.3 * max(len(text.strip()), 1):
        return language_installed("chi_sim", models, rapid_available(), "HanS")
    return LanguageChoice(guess_latin_language(text.split(), models))
