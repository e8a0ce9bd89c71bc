"""OCR fails per page, never per document; detected scripts fall back to what is installed;
OSD's script is not trusted on pages with little text (issue 12)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from fpdf import FPDF
from PIL import Image

import pagemill
from pagemill.engines import ocr_tesseract
from pagemill.engines.ocr import OcrWord, Orientation
from pagemill.options import Options
from pagemill.stages import ocr_language
from pagemill.stages.ocr import OcrStep, text_line_total

from . import scanmaker

RUSSIAN = [
    "Комитет собрался во вторник, чтобы рассмотреть годовой бюджет и планы",
    "новой библиотеки. Несколько членов спросили, включены ли расходы на",
    "отопление и освещение в смету, и казначей объяснил, что они перенесены.",
    "После короткого обсуждения предложение было принято девятью голосами.",
]


def _pdf(path: Path, pages: list[list[str] | Image.Image], font: Path = scanmaker.SERIF) -> Path:
    """Born-digital pages (lists of lines) and scanned ones (pictures), in that order, in one PDF."""
    pdf = FPDF(unit="pt", format=scanmaker.LETTER_PT)
    pdf.add_font("body", fname=str(font))
    for page in pages:
        pdf.add_page()
        if isinstance(page, Image.Image):
            pdf.image(page, x=0, y=0, w=scanmaker.LETTER_PT[0], h=scanmaker.LETTER_PT[1])
            continue
        pdf.set_font("body", size=12)
        pdf.set_xy(72, 72)
        for line in page:
            pdf.cell(0, 18, line, new_x="LMARGIN", new_y="NEXT")
            pdf.set_x(72)
    pdf.output(str(path))
    return path


@pytest.fixture(scope="module")
def sandwich(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Text page, scanned page, text page."""
    folder = tmp_path_factory.mktemp("fallback")
    scan = scanmaker.draw_text_image(scanmaker.ENGLISH, dpi=200)
    return _pdf(folder / "sandwich.pdf", [scanmaker.ENGLISH[:4], scan, scanmaker.ENGLISH[4:]])


def test_a_missing_pack_fails_its_page_only(sandwich: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # tesseract without its English pack: the scanned page cannot be read, the others are kept
    monkeypatch.setattr(ocr_tesseract, "installed_languages", lambda: frozenset({"osd"}))
    monkeypatch.setattr(ocr_language, "installed_languages", lambda: frozenset({"osd"}))
    result = pagemill.convert(sandwich)
    assert result.status == "partial"
    assert [page.number for page in result.document.pages] == [1, 2, 3]
    assert any("page 2" in error and "apt-get install tesseract-ocr-eng" in error for error in result.errors)
    quality = result.document.pages[1].text_quality
    assert quality["decision"] == "ocr" and "apt-get install tesseract-ocr-eng" in quality["ocr_error"]
    assert scanmaker.ENGLISH[0] in result.markdown and scanmaker.ENGLISH[-1] in result.markdown
    assert result.json()["pages"][1]["text_quality"]["ocr_error"]


def test_an_engine_that_crashes_or_hangs_fails_its_page_only(sandwich: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def hangs(self: Any, image: Image.Image, dpi: float) -> list[Any]:
        raise subprocess.TimeoutExpired("tesseract", 120)

    monkeypatch.setattr(ocr_tesseract.TesseractEngine, "read", hangs)
    result = pagemill.convert(sandwich)
    assert result.status == "partial"
    assert len(result.document.pages) == 3
    assert any("page 2: OCR failed" in error and "TimeoutExpired" in error for error in result.errors)


def test_a_lang_given_and_not_installed_fails_before_any_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    digital = scanmaker.write(tmp_path / "digital.pdf", scanmaker.digital_pdf(scanmaker.ENGLISH))
    monkeypatch.setattr(ocr_tesseract, "installed_languages", lambda: frozenset({"eng", "osd"}))
    with pytest.raises(pagemill.OcrUnavailable, match="apt-get install tesseract-ocr-kor"):
        pagemill.convert(digital, lang="kor")  # not one page needs OCR: a --lang given is still checked
    assert pagemill.convert(digital, lang="kor", ocr="never").status == "ok"


class _Engine:
    name, tight_boxes = "fake", True

    def __init__(self, lang: str) -> None:
        self.lang = lang


def _step(monkeypatch: pytest.MonkeyPatch, script: str, installed: frozenset[str]) -> tuple[OcrStep, list[int]]:
    """An OcrStep whose OSD always says ``script`` (as it does on a blank page: 'Arabic'), counting its calls."""
    step = OcrStep(None, Options())
    calls: list[int] = []

    def osd(image: Image.Image, dpi: float) -> Orientation:
        calls.append(1)
        return Orientation(0, 5.0, script, 2.0)

    monkeypatch.setattr(step, "_orientation", osd)
    monkeypatch.setattr(step.languages, "engine", _Engine)
    monkeypatch.setattr(ocr_language, "installed", lambda: installed)
    return step, calls


def _engine_for(step: OcrStep, image: Image.Image, record: dict[str, Any]) -> Any:
    """The engine the step's languages choose for a page at 200 dpi (OSD asked through the step)."""
    return step.languages.for_page(image, 200, None, record, text_line_total(image), step._orientation)[0]


@pytest.mark.parametrize("lines", [[], ["Notes for the second meeting"]], ids=["blank", "five words"])
def test_osd_does_not_pick_a_script_on_a_page_with_little_text(
    lines: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    step, calls = _step(monkeypatch, "Arabic", frozenset({"eng", "osd", "ara", "rus"}))
    image = scanmaker.draw_text_image(lines, dpi=200)
    assert text_line_total(image) < ocr_language.SCRIPT_MIN_LINES
    record: dict[str, Any] = {}
    assert _engine_for(step, image, record).lang == "eng"
    assert calls == [] and "too little text" in record["script"]
    # the document's other pages decide: its text layer is Russian
    step.languages.note("ru")
    assert _engine_for(step, image, record).lang == "rus+eng"


def test_osd_picks_the_script_of_a_page_of_text(monkeypatch: pytest.MonkeyPatch) -> None:
    step, calls = _step(monkeypatch, "Arabic", frozenset({"eng", "osd", "ara"}))
    image = scanmaker.draw_text_image(scanmaker.ENGLISH, dpi=200)
    record: dict[str, Any] = {}
    assert _engine_for(step, image, record).lang == "ara"
    assert calls == [1] and record["script"] == "Arabic"
    # a script with no model installed is read as English, with a warning naming the packages
    step, _ = _step(monkeypatch, "Hangul", frozenset({"eng", "osd"}))
    assert _engine_for(step, image, record).lang == "eng"
    assert "tesseract-ocr-script-hang" in record["warning"] and step.warnings == [record["warning"]]


class _Reader(_Engine):
    """A fake engine whose words have the confidence its language is given in ``SURE``."""

    SURE = {"eng": 35.0, "Hangul": 90.0}

    def read(self, image: Image.Image, dpi: float) -> list[OcrWord]:
        return [OcrWord(self.lang, (0, 0, 10, 10), self.SURE.get(self.lang, 30.0), (1, 1, 1))] * 20


@pytest.mark.parametrize(("script", "expected"), [("Hangul", "Hangul"), ("Arabic", "eng")])
def test_a_script_osd_is_unsure_of_is_read_too_and_kept_when_surer(
    script: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OSD is unsure of Hangul on clean scans (0.46-0.74): a page read badly in English is read in it too."""
    step = OcrStep(None, Options())
    monkeypatch.setattr(step.languages, "engine", _Reader)
    monkeypatch.setattr(ocr_language, "installed", lambda: frozenset({"eng", "osd", "Hangul", "Arabic"}))
    record: dict[str, Any] = {}
    english = _Reader("eng")
    unsure = Orientation(0, 1.0, script, 0.47)
    engine, words = step.languages.in_unsure_script(
        unsure, lambda other: other.read(None, 200), english, english.read(None, 200), record  # type: ignore[arg-type]
    )
    assert engine.lang == expected and words[0].text == expected
    assert ("OSD unsure" in record.get("script", "")) == (expected != "eng")


def test_an_unsure_script_without_its_model_makes_the_page_partial(monkeypatch: pytest.MonkeyPatch) -> None:
    step = OcrStep(None, Options())
    monkeypatch.setattr(step.languages, "engine", _Reader)
    monkeypatch.setattr(ocr_language, "installed", lambda: frozenset({"eng", "osd"}))
    record: dict[str, Any] = {}
    english = _Reader("eng")
    unsure = Orientation(0, 1.0, "Korean", 0.47)
    engine, _ = step.languages.in_unsure_script(
        unsure, lambda other: other.read(None, 200), english, english.read(None, 200), record  # type: ignore[arg-type]
    )
    assert engine is english
    assert "tesseract-ocr-script-hang" in record["warning"] and step.warnings == [record["warning"]]


def test_a_scan_in_a_script_without_its_pack_is_partial_not_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a Russian scan, tesseract with neither rus nor the Cyrillic model: read as English, with the hint
    path = scanmaker.write(tmp_path / "ru.pdf", scanmaker.scanned_pdf(RUSSIAN, dpi=200, font=scanmaker.SANS))
    installed = frozenset({"eng", "osd", "deu", "chi_sim"})
    monkeypatch.setattr(ocr_tesseract, "installed_languages", lambda: installed)
    monkeypatch.setattr(ocr_language, "installed_languages", lambda: installed)
    result = pagemill.convert(path)
    assert result.status == "partial"
    assert any("tesseract-ocr-script-cyrl" in error and "tesseract-ocr-rus" in error for error in result.errors)
    assert result.document.pages[0].text_quality["lang"] == "eng"
