"""A pool of worker processes that the parent kills and replaces; it never asks them to stop.

Each worker converts one document at a time. The parent watches three things:

* a wall-clock deadline per document (``timeout``): past it the worker gets SIGKILL;
* the worker's resident memory, read from ``/proc`` every ``MEMORY_POLL_S``: over
  ``max_memory_mb`` it gets SIGKILL (the worker also sets RLIMIT_AS as a backstop);
* the worker's death (a segfault or abort in PDFium): that document fails, the others go on.

Workers are fresh interpreters (``python -c``), not forks: nothing of the parent's
state, threads or main module leaks into them, and they work the same under the
CLI, a user's script or a Ray worker. Starting one costs about a quarter of a
second, paid once per worker and again only after a kill. They talk to the parent
over a socket pair and die with it (PR_SET_PDEATHSIG). The parent holds one
document's result at a time: its memory stays flat.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

from .worker import Job, Outcome

#: how often resident memory is read when a memory cap is set
MEMORY_POLL_S = 0.05
#: how long a new worker may take to start (imports) before its document's timeout starts counting
STARTUP_GRACE_S = 120.0
#: a worker that died by a signal after using this share of its cap is counted out of memory
NEAR_CAP = 0.5

PageProgress = Callable[[str, int, int], None]


@dataclass
class _Slot:
    """One worker process and the document it is converting, if any."""

    process: subprocess.Popen[bytes] | None = None
    conn: Connection | None = None
    job: Job | None = None
    deadline: float | None = None
    peak_rss: int = 0

    @property
    def busy(self) -> bool:
        return self.job is not None


class WorkerPool:
    """Runs Jobs in ``workers`` isolated processes; ``run`` yields Outcomes as they finish."""

    def __init__(
        self,
        workers: int,
        timeout: float | None = None,
        max_memory_mb: float | None = None,
        on_progress: PageProgress | None = None,
    ) -> None:
        self.timeout = timeout
        self.cap_bytes = int(max_memory_mb * 2**20) if max_memory_mb else None
        self.on_progress = on_progress
        self._slots = [_Slot() for _ in range(max(1, workers))]

    def run(self, jobs: Iterable[Job]) -> Iterator[Outcome]:
        """Convert every job; jobs are pulled lazily, so the input may be a generator of millions."""
        try:
            yield from self._outcomes(iter(jobs))
        finally:
            self.close()

    def convert_one(self, job: Job) -> Outcome:
        """Convert one job and keep the worker for the next call (a Ray task uses this)."""
        for outcome in self._outcomes(iter([job])):
            return outcome
        raise RuntimeError("the pool returned no outcome")  # not reached: every job yields one

    def _outcomes(self, queue: Iterator[Job]) -> Iterator[Outcome]:
        more = True
        while True:
            for slot in self._slots:
                if more and not slot.busy:
                    job = next(queue, None)
                    if job is None:
                        more = False
                    else:
                        self._start(slot, job)
            busy = [slot for slot in self._slots if slot.busy]
            if not busy:
                return
            yield from self._collect(busy)

    def close(self) -> None:
        for slot in self._slots:
            self._retire(slot)

    # -- starting and stopping workers -----------------------------------------

    def _start(self, slot: _Slot, job: Job) -> None:
        grace = 0.0
        for _ in range(2):
            if slot.process is None or slot.process.poll() is not None:
                self._spawn(slot)
                grace = STARTUP_GRACE_S  # the clock restarts when the worker says it is ready
            assert slot.conn is not None
            try:
                slot.conn.send(job)
                break
            except (BrokenPipeError, OSError):
                self._kill(slot)  # died while idle: start another and try once more
        slot.job = job
        slot.peak_rss = 0
        slot.deadline = time.monotonic() + grace + self.timeout if self.timeout else None

    def _spawn(self, slot: _Slot) -> None:
        self._kill(slot)
        parent_end, child_end = socket.socketpair()
        command = [sys.executable, "-c", _WORKER_MAIN, str(child_end.fileno()), str(self.cap_bytes or 0)]
        # its own process group: a kill takes whatever it started too (an OCR engine's process)
        slot.process = subprocess.Popen(
            command, pass_fds=[child_end.fileno()], stdin=subprocess.DEVNULL, start_new_session=True
        )
        child_end.close()
        slot.conn = Connection(parent_end.detach())

    def _kill(self, slot: _Slot) -> None:
        if slot.process is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(slot.process.pid, signal.SIGKILL)
            slot.process.wait()
        if slot.conn is not None:
            slot.conn.close()
        slot.process = slot.conn = None

    def _retire(self, slot: _Slot) -> None:
        if slot.process is not None and slot.conn is not None and not slot.busy:
            try:
                slot.conn.send(None)
                slot.process.wait(timeout=1)
            except (BrokenPipeError, OSError, subprocess.TimeoutExpired):
                pass
        self._kill(slot)
        slot.job = None

    # -- watching busy workers -------------------------------------------------

    def _collect(self, busy: list[_Slot]) -> Iterator[Outcome]:
        # a worker that dies closes its end of the socket: its connection turns readable (EOF)
        ready = set(wait([slot.conn for slot in busy if slot.conn], timeout=self._wait_time(busy)))
        for slot in busy:
            outcome = self._receive(slot) if slot.conn in ready else self._enforce_limits(slot)
            if outcome is not None:
                slot.job = None
                yield outcome

    def _wait_time(self, busy: list[_Slot]) -> float | None:
        waits = [MEMORY_POLL_S] if self.cap_bytes else []
        now = time.monotonic()
        waits += [max(0.0, slot.deadline - now) for slot in busy if slot.deadline is not None]
        return min(waits) if waits else None

    def _receive(self, slot: _Slot) -> Outcome | None:
        assert slot.conn is not None and slot.job is not None
        try:
            while slot.conn.poll():
                message = slot.conn.recv()
                if message[0] == "done":
                    return message[1]  # type: ignore[no-any-return]
                if message[0] == "ready":  # imports done: the document's own time starts now
                    slot.deadline = time.monotonic() + self.timeout if self.timeout else None
                elif self.on_progress:
                    self.on_progress(slot.job.key, message[1], message[2])
        except (EOFError, OSError):
            return self._died(slot)
        return None

    def _enforce_limits(self, slot: _Slot) -> Outcome | None:
        assert slot.job is not None and slot.process is not None
        if slot.deadline is not None and time.monotonic() >= slot.deadline:
            self._kill(slot)
            reason = f"stopped after the timeout of {self.timeout:g} s"
            return Outcome(slot.job.key, "timeout", reason, seconds=self.timeout or 0.0)
        if self.cap_bytes:
            rss = tree_resident_bytes(slot.process.pid)
            slot.peak_rss = max(slot.peak_rss, rss)
            if rss > self.cap_bytes:
                self._kill(slot)
                return Outcome(
                    slot.job.key,
                    "resource_limit",
                    f"stopped at {rss / 2**20:.0f} MB, over the memory cap of {self.cap_bytes / 2**20:.0f} MB",
                )
        return None

    def _died(self, slot: _Slot) -> Outcome:
        assert slot.job is not None and slot.process is not None
        try:
            code: int | None = slot.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            code = None  # closed its socket but lives on: it is killed below
        how = _describe_exit(code)
        near_cap = self.cap_bytes is not None and slot.peak_rss >= NEAR_CAP * self.cap_bytes
        job = slot.job
        self._kill(slot)
        if near_cap:
            return Outcome(job.key, "resource_limit", f"worker died ({how}) near its memory cap")
        return Outcome(job.key, "failed", f"worker crashed ({how})")


_WORKER_MAIN = "import sys; from pagemill.batch.worker import main; main(sys.argv[1:])"


def _describe_exit(code: int | None) -> str:
    if code is None:
        return "still running"
    if code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit code {code}"


def tree_resident_bytes(pid: int, depth: int = 3) -> int:
    """Resident memory of a process and the processes it started (an OCR engine, say)."""
    total = resident_bytes(pid)
    if depth > 0:
        for child in _children(pid):
            total += tree_resident_bytes(child, depth - 1)
    return total


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.scandir(f"/proc/{pid}/task"):
            with open(f"{task.path}/children") as handle:
                found += [int(child) for child in handle.read().split()]
    except (OSError, ValueError):
        pass  # gone, or a kernel without the children file: the worker's own memory still counts
    return found


def resident_bytes(pid: int | None) -> int:
    """Resident memory of a process, from /proc (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0
