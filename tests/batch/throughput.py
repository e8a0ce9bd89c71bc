"""Throughput of ``pagemill convert --workers N``, measured by hand (not a test).

    .venv/bin/python tests/batch/throughput.py FOLDER [--workers 1 2] [--runs 1]

Each run converts FOLDER into a fresh output folder through the CLI, in a new
process, and reports pages/s = pages converted (from the journal) / wall time.
Runs for different worker counts alternate, so a change in the machine's load
touches them alike; the load average is printed with each row.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pagemill.batch.journal import JOURNAL_NAME


def one_run(folder: Path, workers: int, extra: list[str]) -> tuple[float, int, int, int]:
    out = Path(tempfile.mkdtemp(prefix="pagemill-throughput-"))
    try:
        command = [sys.executable, "-m", "pagemill.cli", "convert", str(folder), "-o", str(out), "-q"]
        started = time.perf_counter()
        subprocess.run([*command, "--workers", str(workers), *extra], capture_output=True, check=False)
        wall = time.perf_counter() - started
        with sqlite3.connect(out / JOURNAL_NAME) as db:
            files, done, pages = db.execute(
                "SELECT COUNT(*), SUM(status IN ('ok', 'partial')), "
                "SUM(CASE WHEN status IN ('ok', 'partial') THEN page_count ELSE 0 END) FROM documents"
            ).fetchone()
        return wall, int(files), int(done or 0), int(pages or 0)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("extra", nargs="*", help="more flags for pagemill convert, after --")
    args = parser.parse_args()
    print("| workers | files | converted | pages | wall s | pages/s | load avg (1 min) |")
    print("|---|---|---|---|---|---|---|")
    for _ in range(args.runs):
        for workers in args.workers:
            load = os.getloadavg()[0]
            wall, files, done, pages = one_run(args.folder, workers, args.extra)
            row = (workers, files, done, pages, f"{wall:.1f}", f"{pages / wall:.1f}", f"{load:.1f}")
            print("| " + " | ".join(map(str, row)) + " |", flush=True)


if __name__ == "__main__":
    main()
