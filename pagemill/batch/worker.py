"""What runs inside a worker process: one document in, one ``Outcome`` out.

The parent (``pool.py``) owns the worker's life: it kills it on a timeout, a
memory cap or a crash and starts another. The worker only converts, and turns
every way a document can fail into an ``Outcome`` with a status word.

Test-only hook: when the environment variable ``PAGEMILL_TEST_ABORT_ON`` names
a file (its base name), the worker calls ``os.abort()`` on that file, exactly as
PDFium does on some decompression bombs. The robustness tests use it to prove
that a native crash fails that one document only. Nothing else reads it.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import signal
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ..errors import PagemillError
from ..options import Options

#: the statuses a document can end with, best first
STATUSES = ("ok", "partial", "failed", "timeout", "resource_limit", "needs_password")
#: the statuses that count as converted
DONE = ("ok", "partial")

TEST_ABORT_VARIABLE = "PAGEMILL_TEST_ABORT_ON"
#: a worker sends page progress for documents at least this long
PROGRESS_FROM_PAGES = 50

_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Job:
    """One document to convert: a path on this machine, or its bytes (Ray: no shared disk)."""

    key: str
    name: str
    options: Options
    want_tree: bool = False
    path: str | None = None
    data: bytes | None = None


@dataclass
class Outcome:
    """How one document went. ``markdown`` and ``tree`` are set when the status is ok or partial."""

    key: str
    status: str
    reason: str | None = None
    markdown: str | None = None
    tree: dict[str, Any] | None = None
    page_count: int | None = None
    #: the document's language (ISO 639) and how many pages are in each
    language: str | None = None
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    #: figure PNGs by the relative path the Markdown links them with (``Result.images``)
    images: dict[str, bytes] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)

    @property
    def done(self) -> bool:
        return self.status in DONE


Progress = Callable[[int, int], None]


def run_job(job: Job, progress: Progress | None = None) -> Outcome:
    """Convert one document, catching every failure a document can cause."""
    started = time.perf_counter()
    try:
        outcome = _convert(job, progress)
    except PagemillError as exc:
        outcome = Outcome(job.key, exc.status, exc.message)
    except MemoryError:
        outcome = Outcome(job.key, "resource_limit", "ran out of memory (MemoryError)")
    except RecursionError as exc:
        outcome = Outcome(job.key, "failed", f"RecursionError: {exc}")
    except Exception as exc:  # noqa: BLE001 - one document must not end the worker
        outcome = Outcome(job.key, "failed", f"{type(exc).__name__}: {exc}")
    outcome.seconds = time.perf_counter() - started
    return outcome


def _convert(job: Job, progress: Progress | None) -> Outcome:
    _abort_if_asked(job.name)
    from ..api import Converter  # here, not at the top: the parent imports this module and needs no pipeline

    converter = Converter(job.options)
    if job.data is not None:
        with tempfile.NamedTemporaryFile(prefix="pagemill-", suffix=".pdf") as handle:
            handle.write(job.data)
            handle.flush()
            result = converter.convert(handle.name, progress=progress)
    else:
        assert job.path is not None
        result = converter.convert(job.path, progress=progress)
    tree = result.json() if job.want_tree else None
    if tree is not None and job.data is not None:
        tree["source"] = job.name  # not the temporary file's name
    return Outcome(
        job.key,
        result.status,
        "; ".join(result.errors[:3]) or None,
        result.markdown,
        tree,
        result.document.page_count,
        result.document.language,
        list(result.errors),
        images=result.images,
        languages=dict(result.document.languages),
    )


def _abort_if_asked(name: str) -> None:
    target = os.environ.get(TEST_ABORT_VARIABLE)
    if target and Path(name).name == target:
        os.abort()


def serve(conn: Connection, memory_cap_bytes: int | None) -> None:
    """The worker's loop: say ("ready",), then per Job send ("done", Outcome); ``None`` or EOF ends it."""
    _die_with_parent()
    if memory_cap_bytes:
        limit_address_space(memory_cap_bytes)
    conn.send(("ready",))  # the parent starts the document's clock now, not while we imported
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        outcome = run_job(job, _progress_sender(conn))
        try:
            conn.send(("done", outcome))
        except (BrokenPipeError, OSError):
            return


def main(argv: list[str]) -> None:
    """Entry point of a worker process: ``SOCKET_FD MEMORY_CAP_BYTES`` (0: no cap)."""
    conn = Connection(int(argv[0]))
    serve(conn, int(argv[1]) or None)


def _progress_sender(conn: Connection) -> Progress:
    def send(done: int, total: int) -> None:
        step = max(1, total // 100)  # a hundred messages at most, whatever the length
        if total >= PROGRESS_FROM_PAGES and (done % step == 0 or done == total):
            conn.send(("progress", done, total))

    return send


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when its parent dies, so a ``kill -9`` leaves no orphans."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: orphans exit when their pipe closes instead


def limit_address_space(cap_bytes: int) -> None:
    """A hard backstop under the parent's RSS polling: allocations past it fail at once.

    Address space is larger than resident memory (libraries, reserved arenas), so the
    limit is what the worker already maps plus twice the cap: the parent's polling
    normally kills the worker first, and this catches what grows faster than a poll.
    """
    mapped = _mapped_bytes()
    limit = mapped + 2 * cap_bytes
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _mapped_bytes() -> int:
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0
