"""Run one command and measure it as a user would feel it: wall time and peak memory of the process tree."""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import threading
import time
from dataclasses import dataclass

import psutil

POLL_SECONDS = 0.02  # memory is sampled this often; the kernel's own peak (ru_maxrss) backs it up


@dataclass
class Measurement:
    """Wall seconds, peak resident memory in bytes, and how the command ended."""

    seconds: float
    peak_rss: int
    returncode: int | None  # None: killed at the timeout
    stderr: str = ""

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def tree_rss(process: psutil.Process) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    total = 0
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0
    for member in members:
        with contextlib.suppress(psutil.Error):  # a child may exit between listing and reading
            total += member.memory_info().rss
    return total


def measure(argv: list[str], timeout: float, env: dict[str, str] | None = None) -> Measurement:
    """Run ``argv`` to completion (or kill its process group at ``timeout`` seconds) and measure it."""
    own_peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True)
    process = psutil.Process(child.pid)
    peak = 0
    stderr_chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: stderr_chunks.append(child.stderr.read() if child.stderr else b""))
    reader.start()
    status: int | None = None
    usage_peak = 0
    while True:
        pid, wait_status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            status = os.waitstatus_to_exitcode(wait_status)
            # kilobytes on Linux; the kernel carries ru_maxrss over an exec, so a value at or under this
            # runner's own peak may be the runner's, not the tool's: then the sampled peak stands alone
            usage_peak = usage.ru_maxrss * 1024 if usage.ru_maxrss > own_peak_kb else 0
            break
        if time.perf_counter() - started > timeout:
            os.killpg(child.pid, signal.SIGKILL)
            os.wait4(child.pid, 0)
            break
        peak = max(peak, tree_rss(process))
        time.sleep(POLL_SECONDS)
    seconds = time.perf_counter() - started
    child.returncode = status if status is not None else -9  # reaped by hand above
    reader.join(timeout=5)
    stderr = b"".join(stderr_chunks).decode("utf-8", "replace")[-2000:]
    return Measurement(seconds, max(peak, usage_peak), status, stderr)
