"""Helpers shared by the batch tests (a module of its own: ``conftest`` is a name every test folder uses)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import hostile

#: the password of the encrypted test files
PASSWORD = "s3cret"

CliRunner = Callable[..., subprocess.CompletedProcess[str]]


def documents(folder: Path, count: int, pages: int = 3) -> list[Path]:
    """``count`` ordinary PDFs in ``folder``, in sub-folders, each with different text."""
    paths = []
    for seed in range(count):
        paths.append(hostile.write(folder, f"part{seed % 3}/doc{seed:03d}.pdf", hostile.document_pdf(seed, pages)))
    return paths
