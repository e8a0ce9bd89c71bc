"""The worker pool: a document that hangs, eats memory or crashes costs only itself."""

from __future__ import annotations

from pathlib import Path

import hostile
import pytest

from pagemill.batch.pool import WorkerPool
from pagemill.batch.worker import TEST_ABORT_VARIABLE, Job, Outcome
from pagemill.options import Options


def _job(path: Path, key: str | None = None, **options: object) -> Job:
    return Job(key or path.name, str(path), Options(**options), path=str(path))  # type: ignore[arg-type]


def _run(pool: WorkerPool, jobs: list[Job]) -> dict[str, Outcome]:
    return {outcome.key: outcome for outcome in pool.run(jobs)}


def test_good_files_convert_in_workers(tmp_path: Path) -> None:
    paths = [hostile.write(tmp_path, f"d{i}.pdf", hostile.document_pdf(i)) for i in range(4)]
    outcomes = _run(WorkerPool(2), [_job(p) for p in paths])
    assert {key: o.status for key, o in outcomes.items()} == {p.name: "ok" for p in paths}
    assert "0.0.0 " in (outcomes["d0.pdf"].markdown or "")
    assert outcomes["d0.pdf"].page_count == 3


def test_timeout_kills_the_worker_and_the_next_file_still_converts(hostile_dir: Path) -> None:
    pool = WorkerPool(1, timeout=3)
    jobs = [_job(hostile_dir / "pages10000.pdf"), _job(hostile_dir / "good.pdf")]
    outcomes = _run(pool, jobs)
    assert outcomes["pages10000.pdf"].status == "timeout"
    assert "timeout of 3 s" in (outcomes["pages10000.pdf"].reason or "")
    assert outcomes["good.pdf"].status == "ok"


def test_memory_cap_kills_a_decompression_bomb(hostile_dir: Path) -> None:
    outcomes = _run(WorkerPool(1, max_memory_mb=400), [_job(hostile_dir / "bomb.pdf"), _job(hostile_dir / "good.pdf")])
    assert outcomes["bomb.pdf"].status == "resource_limit"
    assert outcomes["good.pdf"].status == "ok"


def test_native_abort_fails_one_document(hostile_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TEST_ABORT_VARIABLE, "abort.pdf")
    outcomes = _run(WorkerPool(1), [_job(hostile_dir / "abort.pdf"), _job(hostile_dir / "good.pdf")])
    assert outcomes["abort.pdf"].status == "failed"
    assert "SIGABRT" in (outcomes["abort.pdf"].reason or "")
    assert outcomes["good.pdf"].status == "ok"


def test_page_limit_refuses_before_reading_pages(hostile_dir: Path) -> None:
    outcomes = _run(WorkerPool(1, timeout=60), [_job(hostile_dir / "pages10000.pdf", max_pages=5000)])
    assert outcomes["pages10000.pdf"].status == "resource_limit"
    assert "10000 pages" in (outcomes["pages10000.pdf"].reason or "")


def test_errors_map_to_statuses(hostile_dir: Path) -> None:
    names = ["empty.pdf", "not_a_pdf.pdf", "truncated.pdf", "encrypted.pdf"]
    outcomes = _run(WorkerPool(2), [_job(hostile_dir / name) for name in names])
    assert {name: outcomes[name].status for name in names} == {
        "empty.pdf": "failed",
        "not_a_pdf.pdf": "failed",
        "truncated.pdf": "failed",
        "encrypted.pdf": "needs_password",
    }
    assert "empty" in (outcomes["empty.pdf"].reason or "")
    assert "not a PDF" in (outcomes["not_a_pdf.pdf"].reason or "")


def test_bytes_in_markdown_out(hostile_dir: Path) -> None:
    data = (hostile_dir / "good.pdf").read_bytes()
    outcome = WorkerPool(1).convert_one(Job("k", "remote/good.pdf", Options(), want_tree=True, data=data))
    assert outcome.status == "ok"
    assert "A good file converts" in (outcome.markdown or "")
    assert outcome.tree is not None and outcome.tree["source"] == "remote/good.pdf"


def test_jobs_are_pulled_lazily(tmp_path: Path) -> None:
    path = hostile.write(tmp_path, "one.pdf", hostile.document_pdf(1, pages=1))
    pulled: list[int] = []

    def jobs():  # type: ignore[no-untyped-def]
        for number in range(6):
            pulled.append(number)
            yield _job(path, key=str(number))

    seen = 0
    for _outcome in WorkerPool(2).run(jobs()):
        seen += 1
        assert len(pulled) <= seen + 2  # never more in hand than the workers can take
    assert seen == 6


def test_progress_reaches_the_parent(tmp_path: Path) -> None:
    path = hostile.write(tmp_path, "long.pdf", hostile.document_pdf(3, pages=60))
    reports: list[tuple[int, int]] = []
    pool = WorkerPool(1, on_progress=lambda key, done, total: reports.append((done, total)))
    outcomes = _run(pool, [_job(path)])
    assert outcomes["long.pdf"].status == "ok"
    assert reports and reports[-1] == (60, 60)


def test_memory_of_child_processes_counts_against_the_cap() -> None:
    import subprocess
    import sys

    from pagemill.batch.pool import resident_bytes, tree_resident_bytes

    hungry = "x = bytearray(200 * 2**20); print('ready', flush=True); import sys; sys.stdin.read()"
    shell = subprocess.Popen(
        ["bash", "-c", f'{sys.executable} -c "{hungry}"; true'],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert shell.stdout is not None and shell.stdout.readline().strip() == "ready"
        assert resident_bytes(shell.pid) < 50 * 2**20  # the shell itself is small
        assert tree_resident_bytes(shell.pid) > 200 * 2**20  # its child holds the 200 MB
    finally:
        shell.communicate("")
