"""A batch: many PDFs into OUT, each in an isolated worker, resumable from the journal.

    inputs ─► content hash ─► journal: finished before? ─► skip
                                        │ no
                                        ▼
                 engine (local WorkerPool, or Ray) ─► Outcome ─► outputs renamed into place
                                                                     ─► journal row finished

The engine is the local process pool (``pool.py``) or Ray (``ray.py``); both take
Jobs and yield Outcomes, so the journal, the outputs and the dataset are the same
code whichever runs the documents. Only one run may write to an OUT at a time
(a lock file); temporary files an earlier run left behind when it was killed are
removed at the start.
"""

from __future__ import annotations

import fcntl
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..errors import PagemillError
from ..options import Format, Options
from ..output import write_outputs
from ..readers import sniff
from .dataset import DatasetRow, write_dataset
from .journal import Entry, Journal, Row
from .pool import PageProgress, WorkerPool
from .worker import DONE, Job, Outcome

LOCK_NAME = ".pagemill.lock"
#: suffixes of the outputs a format writes
_SUFFIXES: dict[str, tuple[str, ...]] = {"markdown": (".md",), "json": (".json",), "both": (".md", ".json")}


#: what the temporary files of write_atomic and write_dataset carry in their names (".out.md.x1y2.tmp")
_TEMPORARY_KINDS = (".md.", ".json.", ".parquet.", ".jsonl.")


class BatchBusy(RuntimeError):
    """Another run is writing to the same output folder."""


@dataclass(frozen=True)
class BatchSettings:
    """How a batch runs: where outputs go, in which format, under which limits."""

    outdir: Path
    options: Options = field(default_factory=Options)
    fmt: Format = "markdown"
    workers: int = 1
    timeout: float | None = None
    max_memory_mb: float | None = None
    retry_failed: bool = False
    dataset: Path | None = None
    ray_address: str | None = None
    use_ray: bool = False


class Engine(Protocol):
    """Runs Jobs somewhere and yields their Outcomes as they finish."""

    ships_bytes: bool

    def run(self, jobs: Iterable[Job]) -> Iterator[Outcome]: ...


class Reporter(Protocol):
    """What the caller hears about each document (the CLI prints it)."""

    def converted(self, source: Path, outcome: Outcome, written: list[Path]) -> None: ...

    def skipped(self, source: Path, row: Row) -> None: ...


@dataclass
class BatchSummary:
    """Counts of a finished run."""

    statuses: Counter[str] = field(default_factory=Counter)
    converted: int = 0
    skipped: int = 0
    pages: int = 0
    seconds: float = 0.0
    dataset_rows: int | None = None

    @property
    def failed(self) -> int:
        return sum(count for status, count in self.statuses.items() if status not in DONE)

    @property
    def total(self) -> int:
        return sum(self.statuses.values())


class LocalEngine:
    """The local process pool as an Engine."""

    ships_bytes = False

    def __init__(self, settings: BatchSettings, on_progress: PageProgress | None = None) -> None:
        self.pool = WorkerPool(settings.workers, settings.timeout, settings.max_memory_mb, on_progress)

    def run(self, jobs: Iterable[Job]) -> Iterator[Outcome]:
        return self.pool.run(jobs)


def make_engine(settings: BatchSettings, on_progress: PageProgress | None = None) -> Engine:
    if settings.use_ray:
        from .ray import RayEngine

        return RayEngine(settings)
    return LocalEngine(settings, on_progress)


def run_batch(
    inputs: Iterable[tuple[Path, Path]],
    settings: BatchSettings,
    reporter: Reporter | None = None,
    on_progress: Callable[[Path, int, int], None] | None = None,
) -> BatchSummary:
    """Convert ``(source, relative output path)`` pairs into ``settings.outdir``; resumable."""
    outdir = settings.outdir
    outdir.mkdir(parents=True, exist_ok=True)
    with exclusive(outdir):
        remove_stale_temporaries(outdir)
        journal = Journal(outdir)
        try:
            return _run(inputs, settings, journal, reporter, on_progress)
        finally:
            journal.close()


def _run(
    inputs: Iterable[tuple[Path, Path]],
    settings: BatchSettings,
    journal: Journal,
    reporter: Reporter | None,
    on_progress: Callable[[Path, int, int], None] | None,
) -> BatchSummary:
    key = journal.begin_run(settings.options, " ".join(sys.argv))
    summary = BatchSummary()
    in_flight: dict[str, tuple[Path, Entry]] = {}

    def page_progress(job_key: str, done: int, total: int) -> None:
        if on_progress and job_key in in_flight:
            on_progress(in_flight[job_key][0], done, total)

    engine = make_engine(settings, page_progress)
    jobs = _jobs(inputs, settings, journal, key, engine.ships_bytes, in_flight, summary, reporter)
    for outcome in engine.run(jobs):
        source, entry = in_flight.pop(outcome.key)
        written = _write(outcome, entry, settings) if outcome.done else []
        journal.finish(entry, outcome)
        summary.statuses[outcome.status] += 1
        summary.converted += 1
        if outcome.done:
            summary.pages += outcome.page_count or 0
        summary.seconds += outcome.seconds
        if reporter:
            reporter.converted(source, outcome, written)
    if settings.dataset:
        summary.dataset_rows = write_dataset(settings.dataset, dataset_rows(journal, settings.outdir))
    return summary


def _jobs(
    inputs: Iterable[tuple[Path, Path]],
    settings: BatchSettings,
    journal: Journal,
    key: str,
    ships_bytes: bool,
    in_flight: dict[str, tuple[Path, Entry]],
    summary: BatchSummary,
    reporter: Reporter | None,
) -> Iterator[Job]:
    """Jobs for the inputs that need converting; the others are reported as skipped."""
    for number, (source, relative) in enumerate(inputs):
        job_key = str(number)
        try:
            content_hash = journal.content_hash(source)
        except OSError as exc:
            entry = Entry(f"unreadable:{source}", key, relative.as_posix(), str(source))
            _fail_early(source, entry, _cannot_read(exc), journal, summary, reporter)
            continue
        entry = Entry(content_hash, key, relative.as_posix(), str(source))
        row = journal.lookup(entry)
        if row is not None and _finished(row, settings):
            journal.seen(entry)
            summary.statuses[row.status] += 1
            summary.skipped += 1
            if reporter:
                reporter.skipped(source, row)
            continue
        try:
            sniff(str(source), settings.options.max_file_mb)  # no format we read: rejected here, no worker
            data = source.read_bytes() if ships_bytes else None
        except PagemillError as exc:
            _fail_early(source, entry, Outcome(job_key, exc.status, exc.message), journal, summary, reporter)
            continue
        except OSError as exc:
            _fail_early(source, entry, _cannot_read(exc), journal, summary, reporter)
            continue
        in_flight[job_key] = (source, entry)
        journal.start(entry)
        want_tree = settings.fmt in ("json", "both")
        yield Job(job_key, str(source), settings.options, want_tree, None if data is not None else str(source), data)


def _cannot_read(error: OSError) -> Outcome:
    return Outcome("", "failed", f"cannot read file ({error.strerror or error})")


def _fail_early(
    source: Path,
    entry: Entry,
    outcome: Outcome,
    journal: Journal,
    summary: BatchSummary,
    reporter: Reporter | None,
) -> None:
    """A file refused before any worker sees it: unreadable, empty, not a PDF, too large."""
    journal.start(entry)
    journal.finish(entry, outcome)
    summary.statuses[outcome.status] += 1
    summary.converted += 1
    if reporter:
        reporter.converted(source, outcome, [])


def _finished(row: Row, settings: BatchSettings) -> bool:
    """Whether a journal row means: do not convert this document again."""
    if row.status in DONE:
        return all(path.exists() for path in expected_outputs(settings.outdir, Path(row.output), settings.fmt))
    if row.status == "running":
        return False  # interrupted
    if row.status == "needs_password" and settings.options.password:
        return False  # a password is given now
    return not settings.retry_failed


def expected_outputs(outdir: Path, relative: Path, fmt: Format) -> list[Path]:
    return [outdir / relative.with_name(relative.name + suffix) for suffix in _SUFFIXES[fmt]]


def _write(outcome: Outcome, entry: Entry, settings: BatchSettings) -> list[Path]:
    try:
        return write_outputs(
            settings.outdir,
            Path(entry.output),
            outcome.markdown or "",
            outcome.tree or {},
            settings.fmt,
            images=outcome.images,
        )
    except OSError as exc:
        outcome.status, outcome.reason = "failed", f"cannot write outputs: {exc}"
        return []


def dataset_rows(journal: Journal, outdir: Path) -> Iterator[DatasetRow]:
    """One row per document of this run; the Markdown is read back from its output file."""
    for row in journal.rows_of_run():
        markdown = None
        if row.status in DONE:
            path = outdir / (row.output + ".md")
            markdown = path.read_text(encoding="utf-8") if path.exists() else None
        yield {
            "id": row.output,
            "source": row.source,
            "content_hash": row.content_hash,
            "markdown": markdown,
            "language": row.language,
            "page_count": row.page_count,
            "status": row.status,
            "error": None if row.status in DONE else row.reason,
        }


@contextmanager
def exclusive(outdir: Path) -> Iterator[None]:
    """Hold OUT's lock file for the run; the kernel drops it if the process is killed."""
    with open(outdir / LOCK_NAME, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise BatchBusy(f"another pagemill run is writing to {outdir}") from exc
        yield


def remove_stale_temporaries(outdir: Path) -> int:
    """Delete the temporary files of outputs that a killed run never renamed into place."""
    removed = 0
    for folder, _dirs, files in os.walk(outdir):
        for name in files:
            if name.startswith(".") and name.endswith(".tmp") and any(kind in name for kind in _TEMPORARY_KINDS):
                Path(folder, name).unlink(missing_ok=True)
                removed += 1
    return removed
