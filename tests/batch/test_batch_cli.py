"""The CLI's batch flags, its output lines and exit codes, and ``pagemill status``."""

from __future__ import annotations

import argparse
from pathlib import Path

import hostile
import pytest
from batch_support import CliRunner, documents

from pagemill.cli import memory_mb


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    source = tmp_path / "in"
    documents(source, 2, pages=1)
    hostile.write(source, "zzz_not_a_pdf.pdf", b"\x00\x01 binary, not a pdf")
    return source


def test_output_lines_and_exit_code(folder: Path, tmp_path: Path, cli: CliRunner) -> None:
    out = tmp_path / "out"
    done = cli("convert", str(folder), "-o", str(out), "--workers", "2", "--format", "both")
    assert done.returncode == 1
    lines = sorted(done.stdout.splitlines())
    assert lines == [
        f"{folder}/part0/doc000.pdf -> {out}/part0/doc000.md, {out}/part0/doc000.json [ok]",
        f"{folder}/part1/doc001.pdf -> {out}/part1/doc001.md, {out}/part1/doc001.json [ok]",
    ]
    assert f"FAILED {folder}/zzz_not_a_pdf.pdf: not a PDF, an image or a document format pagemill reads [failed]" in (
        done.stderr.splitlines()
    )
    assert "pagemill: 1 of 3 files failed" in done.stderr


def test_all_good_exits_zero_and_a_single_file_works(folder: Path, tmp_path: Path, cli: CliRunner) -> None:
    out = tmp_path / "out"
    done = cli("convert", str(folder / "part0" / "doc000.pdf"), "-o", str(out), "--timeout", "60")
    assert done.returncode == 0, done.stderr
    assert (out / "doc000.md").read_text().startswith("0.0.0 ")


def test_status_summarises_the_journal(folder: Path, tmp_path: Path, cli: CliRunner) -> None:
    out = tmp_path / "out"
    cli("convert", str(folder), "-o", str(out))
    done = cli("status", str(out))
    assert done.returncode == 0
    table = {line.split()[0]: line.split()[1:] for line in done.stdout.splitlines()[2:] if line and line[0] != " "}
    assert table["ok"][:2] == ["2", "2"]
    assert table["failed"][0] == "1"
    assert table["total"][:2] == ["3", "2"]
    assert f"  {folder}/zzz_not_a_pdf.pdf: not a PDF" in done.stdout


def test_status_of_a_folder_without_journal(tmp_path: Path, cli: CliRunner) -> None:
    done = cli("status", str(tmp_path))
    assert done.returncode == 2
    assert "no journal" in done.stderr


def test_bad_flags_are_refused(folder: Path, tmp_path: Path, cli: CliRunner) -> None:
    assert cli("convert", str(folder), "-o", str(tmp_path / "o"), "--workers", "0").returncode == 2
    assert cli("convert", str(folder), "-o", str(tmp_path / "o"), "--max-memory", "lots").returncode == 2
    done = cli("convert", str(folder), "-o", str(tmp_path / "o"), "--dataset", "rows.csv")
    assert done.returncode == 2 and ".parquet or .jsonl" in done.stderr
    assert not (tmp_path / "o").exists()  # refused before any work


@pytest.mark.parametrize(("text", "megabytes"), [("512M", 512), ("2G", 2048), ("1.5GB", 1536), ("300", 300)])
def test_memory_sizes(text: str, megabytes: float) -> None:
    assert memory_mb(text) == megabytes


def test_bad_memory_size() -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        memory_mb("0")
