"""The journal: a rerun skips what is finished, converts what changed, retries failures on request."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import hostile
import pytest
from batch_support import PASSWORD, documents

from pagemill.batch.journal import JOURNAL_NAME, Row
from pagemill.batch.runner import BatchBusy, BatchSettings, exclusive, run_batch
from pagemill.batch.worker import Outcome
from pagemill.options import Options
from pagemill.output import find_inputs


def _run(folder: Path, out: Path, **settings: object) -> tuple[dict[str, str], dict[str, str]]:
    converted: dict[str, str] = {}
    skipped: dict[str, str] = {}

    class Reporter:
        def converted(self, source: Path, outcome: Outcome, written: list[Path]) -> None:
            converted[source.name] = outcome.status

        def skipped(self, source: Path, row: Row) -> None:
            skipped[source.name] = row.status

    run_batch(list(find_inputs([str(folder)])), BatchSettings(out, workers=2, **settings), Reporter())  # type: ignore[arg-type]
    return converted, skipped


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    source = tmp_path / "in"
    documents(source, 3, pages=1)
    hostile.write(source, "broken.pdf", b"not a pdf at all")
    hostile.write(source, "locked.pdf", hostile.encrypted_pdf(PASSWORD))
    return source


def _attempts(out: Path) -> dict[str, int]:
    with sqlite3.connect(out / JOURNAL_NAME) as db:
        return {
            Path(source).name: attempts for source, attempts in db.execute("SELECT source, attempts FROM documents")
        }


def test_rerun_skips_finished_and_failed_files(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    converted, skipped = _run(folder, out)
    assert converted == {
        "doc000.pdf": "ok",
        "doc001.pdf": "ok",
        "doc002.pdf": "ok",
        "broken.pdf": "failed",
        "locked.pdf": "needs_password",
    }
    assert skipped == {}
    converted, skipped = _run(folder, out)
    assert converted == {}
    assert skipped == {
        "doc000.pdf": "ok",
        "doc001.pdf": "ok",
        "doc002.pdf": "ok",
        "broken.pdf": "failed",
        "locked.pdf": "needs_password",
    }
    assert set(_attempts(out).values()) == {1}


def test_retry_failed_converts_failures_again(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run(folder, out)
    converted, skipped = _run(folder, out, retry_failed=True)
    assert converted == {"broken.pdf": "failed", "locked.pdf": "needs_password"}
    assert set(skipped) == {"doc000.pdf", "doc001.pdf", "doc002.pdf"}
    assert _attempts(out)["broken.pdf"] == 2


def test_a_password_given_later_retries_encrypted_files(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run(folder, out)
    converted, _ = _run(folder, out, options=Options(password=PASSWORD))
    assert converted == {"locked.pdf": "ok"}
    assert "A secret paragraph" in (out / "locked.md").read_text()


def test_changed_file_deleted_output_and_new_options_convert_again(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run(folder, out)
    (folder / "part1" / "doc001.pdf").write_bytes(hostile.document_pdf(99, pages=1))
    (out / "part2" / "doc002.md").unlink()
    converted, _ = _run(folder, out)
    assert converted == {"doc001.pdf": "ok", "doc002.pdf": "ok"}
    assert "99.0.0" in (out / "part1" / "doc001.md").read_text()
    converted, _ = _run(folder, out, options=Options(page_markers=True))
    assert set(converted) == {"doc000.pdf", "doc001.pdf", "doc002.pdf", "broken.pdf", "locked.pdf"}


def test_json_outputs_are_checked_when_asked_for(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run(folder, out)
    converted, _ = _run(folder, out, fmt="both")
    assert converted == {"doc000.pdf": "ok", "doc001.pdf": "ok", "doc002.pdf": "ok"}  # the .json was missing
    assert (out / "part0" / "doc000.json").exists()


def test_a_second_run_into_the_same_folder_is_refused(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with exclusive(out), pytest.raises(BatchBusy):
        _run(folder, out)


def test_temporary_files_of_a_killed_run_are_removed(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    stale = hostile.write(out / "part0", ".doc000.md.k2j3h4.tmp", b"half a file")
    _run(folder, out)
    assert not stale.exists()
    assert (out / "part0" / "doc000.md").exists()
