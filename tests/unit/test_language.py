"""Language identification: the model mapped from the cache folder gives the wheel's own answers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pagemill.engines import language

TEXTS = {
    "en": "The survey collected measurements from twelve stations along the northern coast of the island.",
    "de": "Die Messungen wurden an zwölf Stationen entlang der nördlichen Küste der Insel durchgeführt.",
    "fr": "Les mesures ont été effectuées dans douze stations le long de la côte nord de l'île.",
    "ru": "Измерения проводились на двенадцати станциях вдоль северного побережья острова.",
}


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    monkeypatch.setenv("PAGEMILL_CACHE", str(tmp_path / "cache"))
    language._load_identifier.cache_clear()
    yield tmp_path / "cache"
    language._load_identifier.cache_clear()


def test_first_load_writes_the_cache_and_later_loads_map_it(fresh: Path) -> None:
    assert {code: language.identify(text) for code, text in TEXTS.items()} == {code: code for code in TEXTS}
    (folder,) = fresh.glob("langid-*")
    assert (folder / "done").exists() and not list(fresh.glob(".langid-*"))  # no staging folder left
    language._load_identifier.cache_clear()
    mapped = language._load_identifier()
    assert isinstance(mapped.tk_nextmove, memoryview)
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    wheel = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    for text in TEXTS.values():
        assert mapped.classify(text) == wheel.classify(text)


def test_an_unwritable_cache_falls_back_to_the_wheels_file(fresh: Path) -> None:
    fresh.parent.mkdir(parents=True, exist_ok=True)
    fresh.write_text("a file where the folder should be")
    assert language.identify(TEXTS["de"]) == "de"
    assert not isinstance(language._load_identifier().tk_nextmove, memoryview)


def test_too_little_text_has_no_language() -> None:
    assert language.identify("p. 12") is None
