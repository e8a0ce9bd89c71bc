"""Fixtures of the batch tests: generated PDFs, hostile and good, and a CLI runner."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import hostile
import pytest
from batch_support import PASSWORD, CliRunner


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every file of the robustness suite, made once per session (about a second)."""
    folder = tmp_path_factory.mktemp("hostile")
    good = hostile.text_pdf(["A good file converts next to hostile ones.", "Second line of it."])
    hostile.write(folder, "good.pdf", good)
    hostile.write(folder, "good2.pdf", hostile.document_pdf(2, pages=2))
    hostile.write(folder, "empty.pdf", b"")
    # bytes of no format pagemill reads (an HTML page named .pdf would be read as HTML: the bytes decide)
    hostile.write(folder, "not_a_pdf.pdf", b"MZ\x90\x00\x03\x00 an executable, not a PDF\n" * 20)
    hostile.write(folder, "truncated.pdf", good[: len(good) // 2])
    hostile.write(folder, "bomb.pdf", hostile.decompression_bomb(2048))
    hostile.write(folder, "loop.pdf", hostile.self_referencing_tree())
    hostile.write(folder, "pages10000.pdf", hostile.many_pages(10_000, lines_per_page=60))
    hostile.write(folder, "image20000.pdf", hostile.huge_image(20_000))
    hostile.write(folder, "encrypted.pdf", hostile.encrypted_pdf(PASSWORD))
    hostile.write(folder, "encrypted_other.pdf", hostile.encrypted_pdf("another-password"))
    hostile.write(folder, "abort.pdf", good)  # aborts through the test hook, see worker.py
    return folder


@pytest.fixture
def cli() -> CliRunner:
    """Run ``pagemill ARGS`` in a fresh process, as a user would."""

    def run(*args: str, env: dict[str, str] | None = None, timeout: float = 240) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pagemill.cli", *args], capture_output=True, text=True, env=env, timeout=timeout
        )

    return run
