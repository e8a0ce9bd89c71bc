"""Worker processes: reused between documents, retired after ``recycle_after``, killed on a timeout."""

from __future__ import annotations

import asyncio
import json
import shutil
import sys
from pathlib import Path

from server_harness import SAMPLE, is_alive

from pagemill.server.settings import default_worker_argv
from pagemill.server.workers import WorkerProcesses, run_worker


def _job(tmp_path: Path, name: str) -> tuple[Path, Path]:
    outdir = tmp_path / name
    outdir.mkdir()
    source = shutil.copy(SAMPLE, outdir / "input.pdf")
    return Path(source), outdir


class RecordingWorkers(WorkerProcesses):
    """Remembers the process id of each worker it hands out."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.taken: list[int] = []

    async def take(self):  # type: ignore[no-untyped-def]
        worker = await super().take()
        self.taken.append(worker.process.pid)
        return worker


async def _convert_twice(tmp_path: Path, recycle_after: int) -> list[int]:
    workers = RecordingWorkers(default_worker_argv(), keep_idle=1, recycle_after=recycle_after)
    try:
        for name in ("first", "second"):
            source, outdir = _job(tmp_path, name)
            outcome = await run_worker(workers, source, outdir, {"pages": "1"}, timeout_s=120)
            assert outcome.status == "ok"
            assert json.loads((outdir / "result.json").read_text())["pages"][0]["blocks"]
    finally:
        await workers.close()
    return workers.taken


def test_a_worker_converts_one_document_after_another(tmp_path: Path) -> None:
    first, second = asyncio.run(_convert_twice(tmp_path, recycle_after=100))
    assert first == second


def test_a_worker_is_retired_after_its_share_of_documents(tmp_path: Path) -> None:
    first, second = asyncio.run(_convert_twice(tmp_path, recycle_after=1))
    assert first != second


def test_a_worker_past_its_time_is_killed_and_not_reused(tmp_path: Path) -> None:
    sleeper = (sys.executable, "-c", "import time, sys; sys.stdin.readline(); time.sleep(600)")

    async def scenario() -> tuple[str, int, bool]:
        workers = RecordingWorkers(sleeper, keep_idle=1)
        source, outdir = _job(tmp_path, "slow")
        outcome = await run_worker(workers, source, outdir, {}, timeout_s=0.5)
        reused = bool(workers._idle)
        await workers.close()
        return outcome.status, workers.taken[0], reused

    status, pid, reused = asyncio.run(scenario())
    assert status == "timeout"
    assert not is_alive(pid)
    assert not reused
