"""The Ray engine on a local Ray instance that the test starts: same statuses, journal and outputs."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from batch_support import documents

from pagemill.batch.journal import Row
from pagemill.batch.runner import BatchSettings, run_batch
from pagemill.batch.worker import TEST_ABORT_VARIABLE, Outcome
from pagemill.cli import main
from pagemill.output import find_inputs

ray = pytest.importorskip("ray", reason="Ray is the optional extra pagemill[ray]; it is not installed")


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    # Ray's workers inherit the driver's environment when the instance starts: set the hook first.
    before = os.environ.get(TEST_ABORT_VARIABLE)
    os.environ[TEST_ABORT_VARIABLE] = "abort.pdf"
    ray.init(num_cpus=2, include_dashboard=False, logging_level="warning", log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()
        if before is None:
            del os.environ[TEST_ABORT_VARIABLE]
        else:
            os.environ[TEST_ABORT_VARIABLE] = before


@pytest.fixture
def folder(tmp_path: Path, hostile_dir: Path) -> Path:
    source = tmp_path / "in"
    documents(source, 2, pages=2)
    for name in ("abort.pdf", "encrypted.pdf", "not_a_pdf.pdf", "pages10000.pdf"):
        shutil.copy(hostile_dir / name, source / name)
    return source


EXPECTED = {
    "doc000.pdf": "ok",
    "doc001.pdf": "ok",
    "abort.pdf": "failed",
    "encrypted.pdf": "needs_password",
    "not_a_pdf.pdf": "failed",
    "pages10000.pdf": "timeout",
}


def _run(folder: Path, out: Path) -> tuple[dict[str, Outcome], dict[str, Row]]:
    converted: dict[str, Outcome] = {}
    skipped: dict[str, Row] = {}

    class Reporter:
        def converted(self, source: Path, outcome: Outcome, written: list[Path]) -> None:
            converted[source.name] = outcome

        def skipped(self, source: Path, row: Row) -> None:
            skipped[source.name] = row

    settings = BatchSettings(out, fmt="both", timeout=5, max_memory_mb=1024, use_ray=True)
    run_batch(list(find_inputs([str(folder)])), settings, Reporter())
    return converted, skipped


def test_ray_engine_isolates_documents_and_resumes(local_ray: None, folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    converted, skipped = _run(folder, out)
    assert {name: outcome.status for name, outcome in converted.items()} == EXPECTED
    assert "SIGABRT" in (converted["abort.pdf"].reason or "")
    assert (out / "part0" / "doc000.md").read_text().startswith("0.0.0 ")
    assert (out / "part1" / "doc001.json").exists()
    assert skipped == {}
    converted, skipped = _run(folder, out)
    assert converted == {}
    assert {name: row.status for name, row in skipped.items()} == EXPECTED


def test_cli_ray_flag_without_address(local_ray: None, folder: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    code = main(["convert", "--ray", str(folder / "part0"), "-o", str(out), "-q"])
    assert code == 0
    assert capsys.readouterr().out.splitlines() == [f"{folder}/part0/doc000.pdf -> {out}/doc000.md [ok]"]


def test_ray_data_pipeline(local_ray: None, folder: Path) -> None:
    from pagemill.batch.ray import batch_converter

    (folder / "pages10000.pdf").unlink()  # no timeout here: keep the pipeline short
    dataset = ray.data.read_binary_files(str(folder), include_paths=True)
    rows = dataset.map_batches(batch_converter(timeout=60), batch_size=2).take_all()
    found = {Path(row["path"]).name: row for row in rows}
    assert {name: row["status"] for name, row in found.items()} == {
        name: status for name, status in EXPECTED.items() if name != "pages10000.pdf"
    }
    assert found["doc000.pdf"]["markdown"].startswith("0.0.0 ")
    assert found["doc000.pdf"]["page_count"] == 2
    assert found["encrypted.pdf"]["markdown"] is None and "password" in found["encrypted.pdf"]["error"]
    assert "bytes" not in found["doc000.pdf"]
