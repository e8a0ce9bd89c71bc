"""pagemill on Ray: the same isolation and journal on a cluster, with no shared disk.

Two ways in (``pip install 'pagemill[ray]'``):

* ``pagemill convert --ray [ADDRESS] INPUT -o OUT``: this machine (the driver) reads
  each file, sends its bytes to a Ray task and gets the Markdown (and JSON) back;
  outputs and the journal are written here, exactly as with the local pool
  (``runner.py``). Nothing assumes the cluster sees this machine's disk.
* ``batch_converter(...)``: a function for your own Ray Data pipeline::

      ds = ray.data.read_binary_files("s3://bucket/pdfs/", include_paths=True)
      ds = ds.map_batches(pagemill.batch.ray.batch_converter(timeout=120), batch_size=8)
      ds.write_parquet("s3://bucket/markdown/")

Inside every Ray task the document runs in a pagemill worker process (a
one-worker ``WorkerPool`` kept for the life of the Ray worker), so a PDFium
crash, a timeout or the memory cap fails that document, never the Ray worker.
Tasks are not retried by Ray (``max_retries=0``): a document that fails is
recorded, and ``--retry-failed`` is the way to try again, as locally.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..options import Options
from .journal import hash_bytes
from .pool import WorkerPool
from .worker import Job, Outcome

if TYPE_CHECKING:
    from .runner import BatchSettings

#: the driver cancels a task this long after its document's own timeout (the task's pool kills first)
CANCEL_GRACE_S = 60.0
#: documents in flight per CPU of the cluster: enough to keep every CPU busy, bounded driver memory
IN_FLIGHT_PER_CPU = 2

# One pool per Ray worker process and per limits, reused by every task that lands there.
_POOLS: dict[tuple[float | None, float | None], WorkerPool] = {}


def convert_isolated(job: Job, timeout: float | None = None, max_memory_mb: float | None = None) -> Outcome:
    """Convert one Job in this process's pagemill worker, under the given limits."""
    limits = (timeout, max_memory_mb)
    pool = _POOLS.get(limits)
    if pool is None:
        pool = _POOLS[limits] = WorkerPool(1, timeout, max_memory_mb)
    return pool.convert_one(job)


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise ImportError("Ray is not installed: pip install 'pagemill[ray]'") from exc
    return ray


class RayEngine:
    """Runs Jobs as Ray tasks (bytes in, Outcome out); an Engine for ``runner.run_batch``."""

    ships_bytes = True

    def __init__(self, settings: BatchSettings) -> None:
        self.ray = _import_ray()
        self.timeout = settings.timeout
        self.max_memory_mb = settings.max_memory_mb
        self.started_here = not self.ray.is_initialized()
        if self.started_here:
            self.ray.init(
                address=settings.ray_address or None,
                include_dashboard=False,
                logging_level="warning",
                log_to_driver=False,
            )
        cpus = int(self.ray.cluster_resources().get("CPU", 1))
        self.in_flight_limit = max(2, IN_FLIGHT_PER_CPU * cpus)
        self.task = self.ray.remote(num_cpus=1, max_retries=0)(convert_isolated)

    def run(self, jobs: Iterable[Job]) -> Iterator[Outcome]:
        try:
            yield from self._run(iter(jobs))
        finally:
            if self.started_here:
                self.ray.shutdown()

    def _run(self, queue: Iterator[Job]) -> Iterator[Outcome]:
        pending: dict[Any, tuple[str, float | None]] = {}
        more = True
        while more or pending:
            while more and len(pending) < self.in_flight_limit:
                job = next(queue, None)
                if job is None:
                    more = False
                    break
                ref = self.task.remote(job, self.timeout, self.max_memory_mb)
                deadline = time.monotonic() + self.timeout + CANCEL_GRACE_S if self.timeout else None
                pending[ref] = (job.key, deadline)
            if pending:
                ready, _ = self.ray.wait(list(pending), num_returns=1, timeout=1.0)
                for ref in ready:
                    key, _deadline = pending.pop(ref)
                    yield self._result(ref, key)
                yield from self._cancel_overdue(pending)

    def _result(self, ref: Any, key: str) -> Outcome:
        try:
            outcome: Outcome = self.ray.get(ref)
            return outcome
        except self.ray.exceptions.TaskCancelledError:
            return Outcome(key, "timeout", f"cancelled after the timeout of {self.timeout:g} s")
        except self.ray.exceptions.RayError as exc:
            return Outcome(key, "failed", f"Ray task failed: {type(exc).__name__}: {str(exc)[:300]}")

    def _cancel_overdue(self, pending: dict[Any, tuple[str, float | None]]) -> Iterator[Outcome]:
        now = time.monotonic()
        for ref, (key, deadline) in list(pending.items()):
            if deadline is not None and now > deadline:
                self.ray.cancel(ref, force=True)
                del pending[ref]
                yield Outcome(key, "timeout", f"cancelled after the timeout of {self.timeout:g} s")


BatchColumns = dict[str, Any]


def batch_converter(
    options: Options | None = None,
    timeout: float | None = None,
    max_memory_mb: float | None = None,
) -> Callable[[BatchColumns], BatchColumns]:
    """A ``map_batches`` function: rows with ``bytes`` (and optionally ``path``) in, Markdown rows out.

    Output columns: path, content_hash, markdown, language, page_count, status, error
    (the dataset columns of ``pagemill convert --dataset``). A document that fails is a
    row with its status and error, never an exception that stops the pipeline.
    """
    chosen = options or Options()

    def convert_batch(batch: BatchColumns) -> BatchColumns:
        datas = list(batch["bytes"])
        paths = list(batch["path"]) if "path" in batch else [None] * len(datas)
        columns: dict[str, list[Any]] = {name: [] for name in _BATCH_COLUMNS}
        for data, path in zip(datas, paths):
            payload = bytes(data)
            digest = hash_bytes(payload)
            name = str(path) if path is not None else digest
            outcome = convert_isolated(Job(digest, name, chosen, data=payload), timeout, max_memory_mb)
            for column, value in _row(name, digest, outcome).items():
                columns[column].append(value)
        return columns

    return convert_batch


_BATCH_COLUMNS = ("path", "content_hash", "markdown", "language", "page_count", "status", "error")


def _row(name: str, digest: str, outcome: Outcome) -> dict[str, Any]:
    return {
        "path": name,
        "content_hash": digest,
        "markdown": outcome.markdown if outcome.done else None,
        "language": outcome.language,
        "page_count": outcome.page_count,
        "status": outcome.status,
        "error": None if outcome.done else outcome.reason,
    }
