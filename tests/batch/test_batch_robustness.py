"""The robustness suite: hostile files in one batch next to good ones, through the CLI.

Every file must end with the right status, the timeout must cut the 10,000-page
file, the memory cap the decompression bomb, the native abort must cost one
document, the parent's memory must stay flat, and the good files must convert.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from batch_support import PASSWORD, CliRunner

from pagemill.batch.journal import JOURNAL_NAME
from pagemill.batch.worker import TEST_ABORT_VARIABLE

TIMEOUT_S = 20
MEMORY_CAP = "1G"
#: the parent's own peak memory must stay under this (the bomb alone inflates to 2048 MB)
PARENT_PEAK_MB = 400

#: run the CLI and report the parent's own peak resident memory (workers are not counted). VmHWM, not
#: getrusage's ru_maxrss: Linux carries ru_maxrss over an exec, so it would report the peak of the pytest
#: process that started this one (over 400 MB late in a full run), not this process's own
_MEASURED_CLI = (
    "import json, sys\n"
    "from pagemill.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "hwm = [line for line in open('/proc/self/status') if line.startswith('VmHWM:')][0]\n"
    "print(json.dumps({'peak_mb': int(hwm.split()[1]) / 1024}))\n"
    "sys.exit(code)\n"
)


def _statuses(out: Path) -> dict[str, tuple[str, str | None]]:
    with sqlite3.connect(out / JOURNAL_NAME) as db:
        rows = db.execute("SELECT source, status, reason FROM documents").fetchall()
    return {Path(source).name: (status, reason) for source, status, reason in rows}


@pytest.fixture(scope="module")
def suite(hostile_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object], str, int]:
    out = tmp_path_factory.mktemp("suite-out")
    env = dict(os.environ, **{TEST_ABORT_VARIABLE: "abort.pdf"})
    args = [str(hostile_dir), "-o", str(out), "--workers", "2", "--timeout", str(TIMEOUT_S), "--max-memory", MEMORY_CAP]
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED_CLI, "convert", *args], capture_output=True, text=True, env=env, timeout=300
    )
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    return out, measured, done.stderr, done.returncode


def test_every_file_ends_with_the_right_status(suite: tuple[Path, dict[str, object], str, int]) -> None:
    out, _, _, code = suite
    found = {name: status for name, (status, _) in _statuses(out).items()}
    expected = {
        "good.pdf": "ok",
        "good2.pdf": "ok",
        "empty.pdf": "failed",
        "not_a_pdf.pdf": "failed",
        "truncated.pdf": "failed",
        "bomb.pdf": "resource_limit",
        "pages10000.pdf": "timeout",
        "encrypted.pdf": "needs_password",
        "encrypted_other.pdf": "needs_password",
        "abort.pdf": "failed",
    }
    assert {name: found[name] for name in expected} == expected
    # a page tree that contains itself: the readable page converts, the loop is reported, nothing hangs
    assert found["loop.pdf"] in ("partial", "failed")
    # a 20000 x 20000 image: the text around it converts (the image is never rendered at full size)
    assert found["image20000.pdf"] in ("ok", "partial")
    assert set(found) == set(expected) | {"loop.pdf", "image20000.pdf"}
    assert code == 1


def test_reasons_say_what_happened(suite: tuple[Path, dict[str, object], str, int], hostile_dir: Path) -> None:
    out, _, stderr, _ = suite
    reasons = {name: reason or "" for name, (_, reason) in _statuses(out).items()}
    assert "empty file" in reasons["empty.pdf"]
    assert "not a PDF" in reasons["not_a_pdf.pdf"]
    assert "SIGABRT" in reasons["abort.pdf"]
    assert f"timeout of {TIMEOUT_S} s" in reasons["pages10000.pdf"]
    assert "memory cap" in reasons["bomb.pdf"]
    assert "password" in reasons["encrypted.pdf"]
    lines = stderr.splitlines()
    for name, status in [
        ("empty.pdf", "failed"),
        ("bomb.pdf", "resource_limit"),
        ("pages10000.pdf", "timeout"),
        ("abort.pdf", "failed"),
        ("encrypted.pdf", "needs_password"),
    ]:
        assert [line for line in lines if line.startswith(f"FAILED {hostile_dir / name}: ")][0].endswith(f"[{status}]")
    assert "pagemill: 9 of 12 files failed" in lines or "pagemill: 8 of 12 files failed" in lines


def test_good_files_convert_and_nothing_partial_is_left(suite: tuple[Path, dict[str, object], str, int]) -> None:
    out, _, _, _ = suite
    assert "A good file converts next to hostile ones." in (out / "good.md").read_text()
    assert "2.0.0" in (out / "good2.md").read_text()
    # figure folders (image20000_images/: its one picture, rendered within the pixel cap) are outputs too
    written = {path.name for path in out.iterdir() if not path.name.startswith(".") and path.is_file()}
    assert written == {"good.md", "good2.md", "image20000.md", "loop.md"} or written == {
        "good.md",
        "good2.md",
        "image20000.md",
    }
    assert not [path for path in out.rglob("*.tmp")]


def test_the_parent_memory_stays_flat(suite: tuple[Path, dict[str, object], str, int]) -> None:
    _, measured, _, _ = suite
    assert float(measured["peak_mb"]) < PARENT_PEAK_MB  # type: ignore[arg-type]


def test_rerun_with_the_password_converts_only_the_encrypted_file(
    suite: tuple[Path, dict[str, object], str, int], hostile_dir: Path, cli: CliRunner
) -> None:
    out, _, _, _ = suite
    done = cli("convert", str(hostile_dir), "-o", str(out), "--password", PASSWORD, "--timeout", str(TIMEOUT_S), "-q")
    converted = [line for line in done.stdout.splitlines() if " -> " in line]
    assert converted == [f"{hostile_dir / 'encrypted.pdf'} -> {out / 'encrypted.md'} [ok]"]
    assert "A secret paragraph" in (out / "encrypted.md").read_text()
    status = _statuses(out)
    assert status["encrypted_other.pdf"][0] == "needs_password"  # the wrong password for it
    assert "does not open" in (status["encrypted_other.pdf"][1] or "")
    assert done.returncode == 1  # the other failures are still failures
    assert "--retry-failed" in done.stderr
