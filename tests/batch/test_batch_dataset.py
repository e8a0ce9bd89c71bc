"""``--dataset``: one row per document, Parquet or JSON Lines, loadable with Hugging Face datasets."""

from __future__ import annotations

import json
from pathlib import Path

import hostile
import pytest
from batch_support import CliRunner, documents

from pagemill.batch.dataset import COLUMNS, DatasetFormatError, dataset_format


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    source = tmp_path / "in"
    documents(source, 3, pages=2)
    hostile.write(source, "broken.pdf", b"%PDF-1.7\nthis is where the rest of the file should have been")
    return source


def _load(path: Path, cache: Path) -> list[dict[str, object]]:
    import datasets

    datasets.disable_progress_bars()
    if path.suffix == ".parquet":
        loaded = datasets.Dataset.from_parquet(str(path), cache_dir=str(cache))
    else:
        loaded = datasets.load_dataset("json", data_files=str(path), split="train", cache_dir=str(cache))
    assert set(loaded.column_names) == set(COLUMNS)
    return sorted(loaded.to_list(), key=lambda row: str(row["id"]))  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", ["rows.parquet", "rows.jsonl"])
def test_dataset_has_one_row_per_document(
    name: str, batch: Path, tmp_path: Path, cli: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    out, dataset = tmp_path / "out", tmp_path / name
    done = cli("convert", str(batch), "-o", str(out), "--dataset", str(dataset), "-q")
    assert done.returncode == 1  # broken.pdf
    assert "dataset" in done.stderr and "4 rows" in done.stderr
    rows = _load(dataset, tmp_path / "cache")
    assert [row["id"] for row in rows] == ["broken", "part0/doc000", "part1/doc001", "part2/doc002"]
    good = rows[1]
    assert good["status"] == "ok"
    assert good["page_count"] == 2
    assert good["markdown"] == (out / "part0" / "doc000.md").read_text()
    assert good["source"] == str(batch / "part0" / "doc000.pdf")
    assert isinstance(good["content_hash"], str) and len(good["content_hash"]) == 64
    assert good["language"] is None or isinstance(good["language"], str)
    broken = rows[0]
    assert broken["status"] == "failed" and broken["markdown"] is None and broken["error"]


def test_rerun_rewrites_the_dataset_with_every_document(batch: Path, tmp_path: Path, cli: CliRunner) -> None:
    out, dataset = tmp_path / "out", tmp_path / "rows.jsonl"
    cli("convert", str(batch / "part0"), "-o", str(out), "-q")
    cli("convert", str(batch / "part0"), "-o", str(out), "--dataset", str(dataset), "-q")  # all skipped
    rows = [json.loads(line) for line in dataset.read_text().splitlines()]
    assert [(row["id"], row["status"]) for row in rows] == [("doc000", "ok")]
    assert rows[0]["markdown"]


def test_dataset_needs_the_markdown(batch: Path, tmp_path: Path, cli: CliRunner) -> None:
    done = cli("convert", str(batch), "-o", str(tmp_path / "o"), "--format", "json", "--dataset", "x.jsonl")
    assert done.returncode == 2
    assert "--format markdown or both" in done.stderr


def test_dataset_format_comes_from_the_suffix() -> None:
    assert dataset_format(Path("a/b.parquet")) == "parquet"
    assert dataset_format(Path("b.JSONL")) == "jsonl"
    with pytest.raises(DatasetFormatError):
        dataset_format(Path("b.csv"))
