"""Where outputs go, and writing them so that no partial file is ever left."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .options import Format


def write_atomic(path: Path, data: str) -> None:
    """Write to a temporary file in the same folder, then rename over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic_bytes(path: Path, data: bytes) -> None:
    """``write_atomic`` for binary data (figure images)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def find_inputs(inputs: list[str]) -> Iterator[tuple[Path, Path]]:
    """Each PDF with the path its outputs take under OUTDIR (folders searched recursively)."""
    for item in inputs:
        root = Path(item)
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and path.suffix.lower() == ".pdf":
                    yield path, path.relative_to(root).with_suffix("")
        else:
            yield root, Path(root.stem)


def write_outputs(
    outdir: Path,
    relative: Path,
    markdown: str,
    tree: dict[str, Any],
    fmt: Format,
    images: Mapping[str, bytes] | None = None,
) -> list[Path]:
    """The Markdown and/or JSON of one document; ``images`` (``Result.images``) next to the Markdown."""
    written = []
    for name, data in (images or {}).items():
        target = outdir / relative.parent / name  # name is "<stem>_images/page3-figure1.png", as the Markdown links it
        write_atomic_bytes(target, data)
        written.append(target)
    if fmt in ("markdown", "both"):
        target = outdir / relative.with_name(relative.name + ".md")
        write_atomic(target, markdown)
        written.append(target)
    if fmt in ("json", "both"):
        target = outdir / relative.with_name(relative.name + ".json")
        write_atomic(target, json.dumps(tree, ensure_ascii=False, indent=1))
        written.append(target)
    return written
