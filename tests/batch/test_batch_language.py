"""The language of every page and document: in the JSON, the dataset, the journal and ``pagemill status``."""

from __future__ import annotations

import json
from pathlib import Path

from batch_support import CliRunner
from fpdf import FPDF

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
RUSSIAN = (
    "Комитет собрался во вторник, чтобы рассмотреть годовой бюджет и планы новой библиотеки. "
    "Несколько членов спросили, включены ли расходы на отопление и освещение в смету."
)
ENGLISH = (
    "The committee met on Tuesday to review the annual budget and the plans for the new library. "
    "Several members asked whether the costs of heating and lighting had been included."
)


def _pdf(path: Path, pages: list[str]) -> None:
    pdf = FPDF()
    pdf.add_font("sans", fname=DEJAVU)
    for text in pages:
        pdf.add_page()
        pdf.set_font("sans", size=11)
        pdf.multi_cell(0, 6, text)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))


def test_language_in_the_dataset_the_json_and_status(tmp_path: Path, cli: CliRunner) -> None:
    source, out, dataset = tmp_path / "in", tmp_path / "out", tmp_path / "rows.jsonl"
    _pdf(source / "russian.pdf", [RUSSIAN, RUSSIAN, ENGLISH])
    _pdf(source / "english.pdf", [ENGLISH])
    done = cli("convert", str(source), "-o", str(out), "--format", "both", "--dataset", str(dataset), "-q")
    assert done.returncode == 0, done.stderr
    rows = {row["id"]: row for row in map(json.loads, dataset.read_text().splitlines())}
    assert rows["russian"]["language"] == "ru"
    assert rows["english"]["language"] == "en"
    tree = json.loads((out / "russian.json").read_text())
    assert tree["language"] == "ru" and tree["languages"] == {"ru": 2, "en": 1}
    assert [page["language"] for page in tree["pages"]] == ["ru", "ru", "en"]
    status = cli("status", str(out))
    assert "pages per language: en 2, ru 2" in status.stdout
