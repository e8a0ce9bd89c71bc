"""Spreadsheets: each sheet of an XLSX (openpyxl, read-only and streamed) and a CSV file as a table.

A sheet whose part has no ``<dimension>`` (some writers leave it out) is scanned once by
openpyxl to find its size before its rows are read.

A sheet is a page: its name is the heading, its used cells the table, the first row
the header. Cells hold the values last calculated (not formulas); dates are written
ISO 8601. Sheets are capped at ``MAX_ROWS`` x ``MAX_COLS``: beyond that the table is
cut and the document's errors say so (status "partial"), so memory stays bounded
however large the sheet claims to be. Empty rows and columns at the edges are dropped.
"""

from __future__ import annotations

import csv
import datetime as dt
import warnings
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import Corrupt, Encrypted
from ..model import BlockKind, Document
from ..options import Options
from .native import Cell, NativeDocument
from .safezip import SafeZip

MAX_ROWS = 5_000
MAX_COLS = 200
#: a CSV cell longer than this is cut (the csv module's own field limit is 128 KiB)
MAX_CELL_CHARS = 32_000


def read_xlsx(path: str, options: Options) -> Document:
    import openpyxl

    with SafeZip(path) as package:
        package.check_prologs()  # no DTD in any part, before openpyxl parses them
        if "EncryptedPackage" in package.names:
            raise Encrypted("a password-protected workbook", path)
    out = NativeDocument(path, options, metadata={"format": "xlsx"})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it drops
            book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken workbook
        raise Corrupt(f"cannot read the workbook ({type(exc).__name__}: {exc})", path) from exc
    try:
        for sheet in book.worksheets:
            out.new_page()
            out.add(BlockKind.HEADING, str(sheet.title), level=2)
            rows = sheet.iter_rows(max_row=MAX_ROWS + 1, max_col=MAX_COLS + 1, values_only=True)
            _sheet_table(out, rows, f"sheet '{sheet.title}'", sheet.max_row, sheet.max_column)
    finally:
        book.close()
    return out.document()


def read_csv(path: str, options: Options) -> Document:
    out = NativeDocument(path, options, metadata={"format": "csv"})
    with open(path, "rb") as handle:
        head = handle.read(64 * 1024)
    encoding = "utf-8-sig"
    try:
        head.decode(encoding)
    except UnicodeDecodeError as exc:
        encoding = "latin-1" if exc.start < len(head) - 4 else encoding  # a character cut at the end is fine
    sample = head.decode(encoding, "replace")
    try:
        dialect: Any = csv.Sniffer().sniff(sample[:16384], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    out.new_page()
    with open(path, encoding=encoding, errors="replace", newline="") as handle:
        reader = csv.reader(handle, dialect)
        try:
            _sheet_table(out, _limited(reader), "the file", None, None)
        except csv.Error as exc:
            raise Corrupt(f"cannot read the CSV ({exc})", path) from exc
    return out.document()


def _limited(rows: Iterable[list[str]]) -> Iterator[list[str]]:
    for index, row in enumerate(rows):
        if index > MAX_ROWS:
            return
        yield [value[:MAX_CELL_CHARS] for value in row[: MAX_COLS + 1]]


def _sheet_table(
    out: NativeDocument, rows: Iterable[Iterable[Any]], name: str, max_row: int | None, max_col: int | None
) -> None:
    grid: list[list[str]] = []
    wide = False
    for row in rows:
        cells = list(row)
        while cells and cells[-1] in (None, ""):
            cells.pop()  # read-only openpyxl pads each row to the width asked for
        values = [_text(value) for value in cells]
        if len(values) > MAX_COLS:
            wide = wide or any(values[MAX_COLS:])
            values = values[:MAX_COLS]
        grid.append(values)
    long = any(any(row) for row in grid[MAX_ROWS:])
    grid = grid[:MAX_ROWS]
    if long or wide:
        size = f" of {max_row} rows x {max_col} columns" if max_row and max_col else ""
        out.errors.append(
            f"{name}{size} is over the limit of {MAX_ROWS} rows x {MAX_COLS} columns: "
            f"only the first {MAX_ROWS} rows and {MAX_COLS} columns are converted"
        )
    while grid and not any(grid[-1]):
        grid.pop()
    while grid and not any(grid[0]):
        grid.pop(0)
    width = max((len(row) for row in grid), default=0)
    grid = [row + [""] * (width - len(row)) for row in grid]
    used = [c for c in range(width) if any(row[c] for row in grid)]
    if used:
        first, last = used[0], used[-1]
        grid = [row[first : last + 1] for row in grid]
    out.table([[Cell(value, value) for value in row] for row in grid], header_rows=1)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return " ".join(str(value).split())
