"""Worker processes for the server: started ahead of need, reused, killed past their time.

A worker (worker.py) imports the converter once, then converts one document per
request line it reads; it answers each with one line. Between conversions it
waits in the ``idle`` list, so a small document costs its conversion, not the
start of a Python process and its imports. A worker that runs past its time
limit is killed (its whole process group) and never reused; one that dies
(a crash in PDFium) fails only the document it held; every ``recycle_after``
conversions a worker is retired, so whatever a long life leaks goes with it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .worker import EXIT_CONVERTED, EXIT_REFUSED, PARENT_ENV

log = logging.getLogger("pagemill.server")


@dataclass(frozen=True)
class Outcome:
    """How one conversion ended: converted, refused (a stated reason), timeout or crashed."""

    status: str  # "ok" / "partial" when converted, else the error's status word
    message: str | None = None

    @property
    def converted(self) -> bool:
        return self.status in ("ok", "partial")


@dataclass
class Worker:
    """One worker process and how many documents it has converted."""

    process: asyncio.subprocess.Process
    conversions: int = 0

    @property
    def alive(self) -> bool:
        return self.process.returncode is None


class WorkerProcesses:
    """The server's workers: ``take`` one for a conversion, ``give_back`` it after."""

    def __init__(self, argv: tuple[str, ...], keep_idle: int = 2, recycle_after: int = 200) -> None:
        self.argv = argv
        self.keep_idle = keep_idle
        self.recycle_after = recycle_after
        self._idle: list[Worker] = []
        self._warming: asyncio.Task[None] | None = None
        self._retiring: set[asyncio.Task[int]] = set()

    async def _spawn(self) -> Worker:
        process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            start_new_session=True,  # its own process group: a kill reaches anything it started
            env={**os.environ, PARENT_ENV: str(os.getpid())},
        )
        return Worker(process)

    def warm(self) -> None:
        """Start one worker now, so that even the first conversion finds one ready."""

        async def start_one() -> None:
            with contextlib.suppress(OSError):  # reported when a conversion asks for a worker
                self._idle.append(await self._spawn())

        self._warming = asyncio.create_task(start_one())

    async def take(self) -> Worker:
        """An idle worker, or a new one (``OSError`` when the worker command cannot start)."""
        while self._idle:
            worker = self._idle.pop()
            if worker.alive:
                return worker
        return await self._spawn()

    def give_back(self, worker: Worker) -> None:
        worker.conversions += 1
        if worker.alive and worker.conversions < self.recycle_after and len(self._idle) < self.keep_idle:
            self._idle.append(worker)
        elif worker.process.stdin is not None:
            worker.process.stdin.close()  # the worker exits when its input ends
            retiring = asyncio.create_task(worker.process.wait())
            self._retiring.add(retiring)
            retiring.add_done_callback(self._retiring.discard)

    async def close(self) -> None:
        if self._warming is not None:
            self._warming.cancel()
            await asyncio.gather(self._warming, return_exceptions=True)
        idle, self._idle = self._idle, []
        for worker in idle:
            await kill(worker)
        await asyncio.gather(*self._retiring, return_exceptions=True)


async def kill(worker: Worker) -> None:
    """SIGKILL the worker's process group, and wait for it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(worker.process.pid, signal.SIGKILL)
    await worker.process.wait()


async def run_worker(
    workers: WorkerProcesses, source: Path, outdir: Path, options: dict[str, Any], timeout_s: float
) -> Outcome:
    """Convert ``source`` into ``outdir`` in a worker; kill the worker past ``timeout_s``."""
    try:
        worker = await workers.take()
    except OSError as exc:  # the worker command cannot be started at all
        log.error("cannot start a worker: %s", exc)
        return Outcome("failed", "the server could not start its converter")
    request = json.dumps({"source": str(source), "outdir": str(outdir), "options": options}) + "\n"
    try:
        reply = await asyncio.wait_for(_exchange(worker, request.encode()), timeout_s)
    except TimeoutError:
        await kill(worker)
        return Outcome("timeout", f"conversion ran past its limit of {timeout_s:g} s and was stopped")
    except BaseException:  # cancelled: the server is stopping
        await kill(worker)
        raise
    if reply is None:  # the worker died on this document
        return read_outcome(await worker.process.wait(), outdir)
    workers.give_back(worker)
    return read_outcome(reply, outdir)


async def _exchange(worker: Worker, request: bytes) -> int | None:
    """Send one request, read the worker's answer (its exit code), or None if it died."""
    stdin, stdout = worker.process.stdin, worker.process.stdout
    assert stdin is not None and stdout is not None
    try:
        stdin.write(request)
        await stdin.drain()
    except (BrokenPipeError, ConnectionResetError):
        return None
    line = await stdout.readline()
    return int(json.loads(line)["exit"]) if line else None


def read_outcome(code: int, outdir: Path) -> Outcome:
    """What the worker's exit code and the files it wrote say about the conversion."""
    if code == EXIT_CONVERTED and (outdir / "result.json").exists():
        status = json.loads((outdir / "result.json").read_text(encoding="utf-8")).get("status", "ok")
        return Outcome(status)
    if code == EXIT_REFUSED and (outdir / "error.json").exists():
        error = json.loads((outdir / "error.json").read_text(encoding="utf-8"))
        return Outcome(error["status"], error["message"])
    log.warning("worker ended with %s on %s", code, outdir)
    return Outcome("failed", f"the converter stopped unexpectedly (exit code {code})")
