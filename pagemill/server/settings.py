"""The server's settings: where it keeps jobs, and its limits."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

#: the environment variable that gives the API token when ``--token`` is not used
TOKEN_ENV = "PAGEMILL_TOKEN"


def default_worker_argv() -> tuple[str, ...]:
    return (sys.executable, "-m", "pagemill.server.worker")


@dataclass(frozen=True)
class ServerSettings:
    """Everything ``pagemill serve`` can be told; the defaults suit one small machine."""

    data_dir: Path
    #: when set, every route but /health and the viewer's files needs ``Authorization: Bearer <token>``
    token: str | None = None
    max_upload_mb: float = 100.0
    #: synchronous /convert requests served at once; one more is answered 503 + Retry-After
    max_concurrent: int = 2
    #: job worker processes at once
    workers: int = 2
    #: queued and running jobs at once; one more is answered 503 + Retry-After
    max_jobs: int = 100
    convert_timeout_s: float = 60.0
    job_timeout_s: float = 600.0
    #: a job whose worker died this many times (a crash, a server restart) is failed, not run again
    max_attempts: int = 3
    retry_after_s: int = 5
    #: the command that converts one document (see worker.py); tests put a slower one here
    worker_argv: tuple[str, ...] = field(default_factory=default_worker_argv)

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)
