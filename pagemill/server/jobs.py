"""Conversion jobs: a SQLite journal, and ``workers`` loops running them in worker processes.

Layout under the data dir::

    jobs.sqlite            one row per job: state, status, options, times, attempts
    jobs/<id>/input.pdf    the upload, under a generated name
    jobs/<id>/result.md    written by the worker (atomically)
    jobs/<id>/result.json
    jobs/<id>/error.json   instead of the results when the document is refused
    uploads/               uploads still arriving, under generated names

A job goes ``queued -> running -> done | failed``. A server that stops (or is killed)
with jobs running finds them ``running`` when it starts again and queues them again;
their worker processes ended with the old server (see worker.exit_with_parent).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import shutil
import sqlite3
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .settings import ServerSettings
from .workers import Outcome, WorkerProcesses, run_worker

log = logging.getLogger("pagemill.server")

State = Literal["queued", "running", "done", "failed"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    status TEXT,
    message TEXT,
    options TEXT NOT NULL,
    size INTEGER NOT NULL,
    created REAL NOT NULL,
    started REAL,
    finished REAL,
    attempts INTEGER NOT NULL DEFAULT 0
)
"""


@dataclass(frozen=True)
class Job:
    """One row of the journal, as the API shows it (the password never leaves the server)."""

    id: str
    state: State
    status: str | None
    message: str | None
    options: dict[str, Any]
    size: int
    created: float
    started: float | None
    finished: float | None
    attempts: int

    def public(self) -> dict[str, Any]:
        shown = {k: v for k, v in self.options.items() if k != "password"}
        return {
            "id": self.id,
            "state": self.state,
            "status": self.status,
            "message": self.message,
            "options": shown,
            "size": self.size,
            "created": self.created,
            "started": self.started,
            "finished": self.finished,
            "attempts": self.attempts,
        }


def new_id() -> str:
    """A job id that is also safe as a folder name."""
    return uuid.uuid4().hex


class JobStore:
    """The SQLite journal of jobs and their folders under the data dir."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.jobs_dir = data_dir / "jobs"
        self.uploads_dir = data_dir / "uploads"
        data_dir.mkdir(parents=True, exist_ok=True)
        for folder in (self.jobs_dir, self.uploads_dir):
            folder.mkdir(exist_ok=True)
            folder.chmod(0o700)  # uploads and passwords are nobody else's business
        database = data_dir / "jobs.sqlite"
        database.touch(mode=0o600)  # it holds the options of each job, passwords included
        self.db = sqlite3.connect(database, isolation_level=None, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(_SCHEMA)
        self._clear_stale_uploads()

    def _clear_stale_uploads(self) -> None:
        # an upload that was arriving when the server stopped never became a job
        for leftover in self.uploads_dir.iterdir():
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)

    def folder(self, job_id: str) -> Path:
        return self.jobs_dir / job_id

    def add(self, upload: Path, options: dict[str, Any]) -> Job:
        """Make a queued job of an upload (moved, not copied, into the job's folder)."""
        job_id = new_id()
        folder = self.folder(job_id)
        folder.mkdir()
        size = upload.stat().st_size
        os.replace(upload, folder / "input.pdf")
        self.db.execute(
            "INSERT INTO jobs (id, state, options, size, created) VALUES (?, 'queued', ?, ?, ?)",
            (job_id, json.dumps(options), size, time.time()),
        )
        job = self.get(job_id)
        assert job is not None
        return job

    def get(self, job_id: str) -> Job | None:
        row = self.db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return _job(row) if row else None

    def recent(self, limit: int = 50) -> list[Job]:
        rows = self.db.execute("SELECT * FROM jobs ORDER BY created DESC LIMIT ?", (limit,)).fetchall()
        return [_job(row) for row in rows]

    def active_count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM jobs WHERE state IN ('queued', 'running')").fetchone()[0])

    def requeue_interrupted(self) -> int:
        """Jobs left ``running`` by a server that stopped go back to the queue."""
        return self.db.execute("UPDATE jobs SET state = 'queued' WHERE state = 'running'").rowcount

    def claim_next(self) -> Job | None:
        """The oldest queued job, now marked running (one attempt more)."""
        with self._transaction():
            row = self.db.execute("SELECT id FROM jobs WHERE state = 'queued' ORDER BY created LIMIT 1").fetchone()
            if row is None:
                return None
            self.db.execute(
                "UPDATE jobs SET state = 'running', started = ?, attempts = attempts + 1 WHERE id = ?",
                (time.time(), row["id"]),
            )
        return self.get(row["id"])

    def finish(self, job_id: str, outcome: Outcome) -> None:
        state = "done" if outcome.converted else "failed"
        self.db.execute(
            "UPDATE jobs SET state = ?, status = ?, message = ?, finished = ? WHERE id = ?",
            (state, outcome.status, outcome.message, time.time(), job_id),
        )

    def delete(self, job_id: str) -> bool:
        """Forget a job that is not running, and remove its files."""
        gone = self.db.execute("DELETE FROM jobs WHERE id = ? AND state != 'running'", (job_id,)).rowcount
        if gone:
            shutil.rmtree(self.folder(job_id), ignore_errors=True)
        return bool(gone)

    @contextlib.contextmanager
    def _transaction(self):  # type: ignore[no-untyped-def]
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def close(self) -> None:
        self.db.close()


def _job(row: sqlite3.Row) -> Job:
    return Job(
        id=row["id"],
        state=row["state"],
        status=row["status"],
        message=row["message"],
        options=json.loads(row["options"]),
        size=row["size"],
        created=row["created"],
        started=row["started"],
        finished=row["finished"],
        attempts=row["attempts"],
    )


class JobRunner:
    """A pool of ``settings.workers`` loops, each running one queued job at a time."""

    def __init__(self, store: JobStore, settings: ServerSettings, workers: WorkerProcesses) -> None:
        self.store = store
        self.settings = settings
        self.workers = workers
        self._wake = asyncio.Event()
        self._loops: list[asyncio.Task[None]] = []

    def start(self) -> None:
        requeued = self.store.requeue_interrupted()
        if requeued:
            log.info("queued again %d job(s) interrupted by a restart", requeued)
        self._loops = [asyncio.create_task(self._loop()) for _ in range(self.settings.workers)]
        self._wake.set()

    async def stop(self) -> None:
        for loop in self._loops:
            loop.cancel()
        await asyncio.gather(*self._loops, return_exceptions=True)

    def submit(self, upload: Path, options: dict[str, Any]) -> Job:
        job = self.store.add(upload, options)
        self._wake.set()
        return job

    async def _loop(self) -> None:
        while True:
            job = self.store.claim_next()
            if job is None:
                self._wake.clear()
                await self._wake.wait()
                continue
            self._wake.set()  # another loop may take the next job at once
            try:
                outcome = await self._run(job)
            except Exception as exc:  # noqa: BLE001 - a loop that dies would leave the queue stuck
                log.exception("job %s could not be run", job.id)
                outcome = Outcome("failed", f"the server could not run the converter: {type(exc).__name__}")
            self.store.finish(job.id, outcome)

    async def _run(self, job: Job) -> Outcome:
        if job.attempts > self.settings.max_attempts:
            return Outcome("failed", f"the converter stopped {job.attempts - 1} times on this document")
        folder = self.store.folder(job.id)
        for stale in ("result.md", "result.json", "error.json"):
            (folder / stale).unlink(missing_ok=True)
        return await run_worker(self.workers, folder / "input.pdf", folder, job.options, self.settings.job_timeout_s)
