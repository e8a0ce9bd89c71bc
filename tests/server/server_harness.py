"""Helpers for the server tests: a real server in a subprocess, a slow worker, polling."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
SAMPLE = ROOT / "samples" / "sample.pdf"
#: how long a server may take to start or a job to finish before the test gives up (not a timing assertion)
PATIENCE_S = 60.0


def wait_until(condition: Callable[[], Any], what: str, patience: float = PATIENCE_S) -> Any:
    """Poll ``condition`` until it returns something true; fail after ``patience`` seconds."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting for {what}")


def is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (exited, not yet reaped by its parent) counts as gone
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split(") ")[-1].startswith("Z"))


class Server:
    """A pagemill server process; ``client`` talks to it over a real socket."""

    def __init__(self, data_dir: Path, **settings: Any) -> None:
        self.data_dir = data_dir
        self.settings = {"data_dir": str(data_dir), **settings}
        self.process: subprocess.Popen[str] | None = None
        self.port = 0

    def start(self) -> Server:
        self.process = subprocess.Popen(
            [sys.executable, str(HERE / "launch.py"), json.dumps(self.settings)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        assert self.process.stdout is not None
        self.port = int(self.process.stdout.readline())
        wait_until(self._healthy, "the server to answer /health")
        return self

    def _healthy(self) -> bool:
        try:
            return httpx.get(self.url("/health"), timeout=5).status_code == 200
        except httpx.TransportError:
            return False

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def client(self, **kwargs: Any) -> httpx.Client:
        return httpx.Client(base_url=self.url(""), timeout=PATIENCE_S, **kwargs)

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs, as in a crash or a power cut."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=PATIENCE_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def uploads(self) -> list[Path]:
        """What is left in the folder of uploads still arriving (empty between requests)."""
        return sorted((self.data_dir / "uploads").iterdir())

    def wait_for_job(self, client: httpx.Client, job_id: str) -> dict[str, Any]:
        def finished() -> dict[str, Any] | None:
            job = client.get(f"/jobs/{job_id}").json()
            return job if job["state"] in ("done", "failed") else None

        return wait_until(finished, f"job {job_id} to finish")


class Gate:
    """A slow worker for a server: conversions wait until ``open()``; ``pids()`` lists the workers."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "gate"
        self.pid_dir = folder / "worker-pids"
        self.pid_dir.mkdir()

    def worker_argv(self) -> list[str]:
        return [sys.executable, str(HERE / "gated_worker.py"), str(self.path), str(self.pid_dir)]

    def open(self) -> None:
        self.path.touch()

    def pids(self) -> list[int]:
        return [int(p.name) for p in self.pid_dir.iterdir()]
