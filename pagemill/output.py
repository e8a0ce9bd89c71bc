"""Where outputs go, and writing them so that no partial file is ever left."""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .options import Format
from .readers.sniff import EXTENSIONS


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file in the same folder, then rename over ``path``.

    Readers see the old file or the new one, never a part; after a crash only a
    ``.<name>.*.tmp`` file can remain, which the batch runner removes.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes private files; outputs are ordinary ones
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def find_inputs(inputs: list[str]) -> Iterator[tuple[Path, Path]]:
    """Each document with the path its outputs take under OUTDIR (folders searched recursively).

    In a folder, files are picked by their endings (``readers.sniff.EXTENSIONS``: PDF, images,
    DOCX, PPTX, XLSX, CSV, HTML, MHTML, EPUB); each file's reader is still chosen from its bytes.

    Two inputs never share an output: a second ``x.pdf`` given from another
    folder goes to ``<folder>/x``, then ``x-2``, ...
    """
    taken: set[Path] = set()
    for item in inputs:
        root = Path(item)
        if root.is_dir():
            relatives = [p.relative_to(root) for p in sorted(root.rglob("*")) if _is_document_name(p)]
            stems = Counter(r.with_suffix("") for r in relatives)
            # report.docx next to report.pdf: each keeps its ending (report.docx.md, report.pdf.md)
            found = [(root / r, r if stems[r.with_suffix("")] > 1 else r.with_suffix("")) for r in relatives]
        else:
            found = [(root, Path(root.stem))]
        for path, relative in found:
            relative = _unique(relative, path, taken)
            taken.add(relative)
            yield path, relative


def _is_document_name(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in EXTENSIONS


def _unique(relative: Path, path: Path, taken: set[Path]) -> Path:
    if relative not in taken:
        return relative
    candidate = Path(path.parent.name or "_") / relative
    number = 2
    while candidate in taken:
        candidate = relative.with_name(f"{relative.name}-{number}")
        number += 1
    return candidate


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
        write_atomic(target, data)
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
