"""Batch conversion at scale: isolated workers, a resumable journal, datasets, Ray.

runner.py   a batch: inputs -> journal -> engine -> outputs, resumable      run_batch
pool.py     local worker processes, killed on timeout / memory cap / crash  WorkerPool
worker.py   what runs inside a worker: one Job in, one Outcome out          Job, Outcome
journal.py  the SQLite journal inside OUT                                   Journal
dataset.py  one row per document, Parquet or JSON Lines                     write_dataset
ray.py      the Ray engine and a Ray Data function (optional extra)         batch_converter
"""

from .runner import BatchBusy, BatchSettings, BatchSummary, run_batch
from .worker import STATUSES, Job, Outcome

__all__ = ["STATUSES", "BatchBusy", "BatchSettings", "BatchSummary", "Job", "Outcome", "run_batch"]
