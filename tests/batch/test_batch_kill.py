"""``kill -9`` of the parent during a batch, twice, then a rerun: every file converted exactly once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from batch_support import CliRunner, documents

import pagemill
from pagemill.batch.journal import JOURNAL_NAME

FILES = 30
#: kill the parent once this many outputs exist, then again at the second count
KILL_AFTER = (2, 12)
WAIT_S = 180


def _outputs(out: Path) -> set[Path]:
    return {path for path in out.rglob("*.md")}


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _journal_ok(out: Path) -> set[str]:
    with sqlite3.connect(out / JOURNAL_NAME) as db:
        return {source for (source,) in db.execute("SELECT source FROM documents WHERE status = 'ok'")}


def _start_and_kill(source: Path, out: Path, after: int) -> list[int]:
    """Start the CLI, SIGKILL it once ``after`` outputs exist; returns the workers it had."""
    command = [sys.executable, "-m", "pagemill.cli", "convert", str(source), "-o", str(out), "--workers", "2", "-q"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + WAIT_S
    while len(_outputs(out)) < after and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    workers = _children(process.pid)
    assert process.poll() is None, "the batch finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return workers


def test_kill_minus_nine_then_rerun_converts_every_file_once(tmp_path: Path, cli: CliRunner) -> None:
    source = tmp_path / "in"
    inputs = documents(source, FILES, pages=4)
    out = tmp_path / "out"
    for after in KILL_AFTER:
        workers = _start_and_kill(source, out, after)
        assert workers, "the parent had no worker processes"
        deadline = time.monotonic() + 20
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_alive(pid) for pid in workers), "workers outlived their parent"
        for path in _outputs(out):  # whatever exists is whole
            relative = path.relative_to(out).with_suffix(".pdf")
            assert path.read_text() == pagemill.convert(source / relative).markdown
    done_before = _journal_ok(out)
    assert 0 < len(done_before) < FILES
    with sqlite3.connect(out / JOURNAL_NAME) as db:
        cut_off = db.execute("SELECT COUNT(*) FROM documents WHERE status = 'running'").fetchone()[0]
    status = cli("status", str(out)).stdout
    assert ("interrupted" in status) == (cut_off > 0)
    assert "running" not in status  # no run holds the folder: rows left running were cut off

    rerun = cli("convert", str(source), "-o", str(out), "--workers", "2", "-q")
    assert rerun.returncode == 0, rerun.stderr
    converted = {line.split(" -> ")[0] for line in rerun.stdout.splitlines() if " -> " in line}
    assert converted.isdisjoint(done_before)  # nothing finished before is converted again
    assert converted | done_before == {str(path) for path in inputs}
    assert f"{len(done_before)} files unchanged since an earlier run, skipped" in rerun.stderr

    assert {path.relative_to(out).with_suffix(".pdf") for path in _outputs(out)} == {
        path.relative_to(source) for path in inputs
    }
    assert not list(out.rglob("*.tmp"))
    with sqlite3.connect(out / JOURNAL_NAME) as db:
        rows = db.execute("SELECT status, COUNT(*) FROM documents GROUP BY status").fetchall()
    assert rows == [("ok", FILES)]
