"""A dataset of a batch: one row per document, as Parquet or JSON Lines.

Columns: id, source, content_hash, markdown, language, page_count, status, error.
Both formats load with Hugging Face ``datasets`` (``Dataset.from_parquet`` /
``load_dataset("json", ...)``). Parquet needs pyarrow: ``pip install pagemill[dataset]``.

The file is written to a temporary name and renamed into place, like every
output, and rows are streamed: memory does not grow with the number of documents.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

COLUMNS = ("id", "source", "content_hash", "markdown", "language", "page_count", "status", "error")
#: rows per Parquet row group: small enough to stream, large enough to compress well
ROW_GROUP = 256

DatasetRow = dict[str, Any]


class DatasetFormatError(ValueError):
    """The dataset path does not end in .parquet, .jsonl or .json."""


def dataset_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return "parquet"
    if suffix in (".jsonl", ".json"):
        return "jsonl"
    raise DatasetFormatError(f"dataset must end in .parquet or .jsonl, not {path.name!r}")


def write_dataset(path: Path, rows: Iterable[DatasetRow]) -> int:
    """Write ``rows`` to ``path`` atomically; returns the number of rows."""
    kind = dataset_format(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        count = _write_parquet(Path(tmp), rows) if kind == "parquet" else _write_jsonl(Path(tmp), rows)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; a dataset is as readable as any file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write_jsonl(path: Path, rows: Iterable[DatasetRow]) -> int:
    count = 0
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps({name: row.get(name) for name in COLUMNS}, ensure_ascii=False) + "\n")
            count += 1
    return count


def _write_parquet(path: Path, rows: Iterable[DatasetRow]) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ImportError("a Parquet dataset needs pyarrow: pip install 'pagemill[dataset]'") from exc
    schema = pa.schema(
        [
            ("id", pa.string()),
            ("source", pa.string()),
            ("content_hash", pa.string()),
            ("markdown", pa.large_string()),
            ("language", pa.string()),
            ("page_count", pa.int64()),
            ("status", pa.string()),
            ("error", pa.string()),
        ]
    )
    count = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for group in _groups(rows, ROW_GROUP):
            columns = {name: [row.get(name) for row in group] for name in COLUMNS}
            writer.write_table(pa.table(columns, schema=schema))
            count += len(group)
    return count


def _groups(rows: Iterable[DatasetRow], size: int) -> Iterator[list[DatasetRow]]:
    group: list[DatasetRow] = []
    for row in rows:
        group.append(row)
        if len(group) == size:
            yield group
            group = []
    if group:
        yield group
