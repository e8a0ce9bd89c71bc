"""``pagemill doctor``: engines, language packs, script models, and what each script is read with."""

from __future__ import annotations

import pytest

from pagemill.cli import main
from pagemill.doctor import MAJOR_SCRIPTS
from pagemill.engines import ocr_tesseract


def test_doctor_lists_engines_packs_and_scripts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OCR engines\n  tesseract       ")
    for heading in ("orientation and script detection (osd):", "language packs (", "script models (",
                    "language identification: py3langid"):  # fmt: skip
        assert heading in out
    for script in MAJOR_SCRIPTS:
        assert f"\n  {script:<12}" in out
    assert "\n  Latin       eng" in out


def test_doctor_names_what_is_missing(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr_tesseract, "installed_languages", lambda: frozenset({"eng", "rus", "Greek"}))
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "orientation and script detection (osd): MISSING: apt-get install tesseract-ocr-osd" in out
    assert "language packs (2): eng rus" in out and "script models (1): Greek" in out
    assert "\n  Cyrillic    rus+eng\n" in out
    assert "\n  Greek       Greek+eng (script model)\n" in out
    assert "\n  Hangul      eng, for want of a model: MISSING tesseract-ocr-script-hang (or tesseract-ocr-kor)" in out
    assert "to read every script listed: apt-get install " in out and "tesseract-ocr-script-arab" in out


def test_doctor_without_tesseract_fails(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    ocr_tesseract.installed_languages.cache_clear()
    monkeypatch.setattr(ocr_tesseract.shutil, "which", lambda name: None)
    try:
        assert main(["doctor"]) == 1
    finally:
        ocr_tesseract.installed_languages.cache_clear()
    assert (
        "tesseract       MISSING: tesseract is not installed: apt-get install tesseract-ocr" in capsys.readouterr().out
    )
