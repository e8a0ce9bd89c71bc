"""Spreadsheets: each sheet of an XLSX (openpyxl, read-only and streamed) and a CSV file as a table.

A sheet whose part has no ``<dimension>`` (some writers leave it out) is scanned once by
openpyxl to find its size before its rows are read.

A sheet is a page: its name is the heading, its used cells the table, the first row
the header. Cells hold the values last calculated (not formulas); dates are written
ISO 8601. Merged cells (read from the sheet's ``<mergeCell>`` elements) span rows and columns.
Sheets are capped at ``MAX_ROWS`` x ``MAX_COLS``: beyond that the table is
cut and the document's errors say so (status "partial"), so memory stays bounded
however large the sheet claims to be. Empty rows and columns at the edges are dropped.
"""

from __future__ import annotations

import csv
import datetime as dt
import posixpath
import re
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
        merged = merged_ranges(package)
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
            name = f"sheet '{sheet.title}'"
            _sheet_table(out, rows, name, sheet.max_row, sheet.max_column, merged.get(str(sheet.title), []))
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


#: a merged range: first row, first column, last row, last column (0-based, inclusive)
Range = tuple[int, int, int, int]
#: ranges read per sheet at most
MAX_MERGES = 10_000
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def merged_ranges(package: SafeZip) -> dict[str, list[Range]]:
    """The merged cells of each sheet, by sheet name (openpyxl's read-only mode does not read them).

    The sheet's part is streamed through once and only the ``<mergeCell>`` elements kept.
    """
    try:
        book = package.xml("xl/workbook.xml")
        rels = package.xml("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    targets = {rel.get("Id", ""): rel.get("Target", "") for rel in rels}
    found: dict[str, list[Range]] = {}
    for sheet in book.iter("{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheet"):
        target = targets.get(sheet.get(_REL, ""), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        if part in package.names:
            found[sheet.get("name", "")] = _merges_of(package, part)
    return found


def _merges_of(package: SafeZip, part: str) -> list[Range]:
    ranges: list[Range] = []
    tail = b""
    with package.archive.open(part) as member:
        while chunk := member.read(1024 * 1024):
            text = tail + chunk
            for match in _MERGE.finditer(text):
                first_col, first_row, last_col, last_row = match.groups()
                ranges.append((int(first_row) - 1, _column(first_col), int(last_row) - 1, _column(last_col)))
                if len(ranges) >= MAX_MERGES:
                    return ranges
            tail = text[-200:]  # a tag cut by the chunk's end is found whole in the next one
    return sorted(set(ranges))


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number - 1


def _sheet_table(
    out: NativeDocument,
    rows: Iterable[Iterable[Any]],
    name: str,
    max_row: int | None,
    max_col: int | None,
    merged: list[Range] | None = None,
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
    top = 0
    while grid and not any(grid[0]):
        grid.pop(0)
        top += 1
    width = max((len(row) for row in grid), default=0)
    grid = [row + [""] * (width - len(row)) for row in grid]
    used = [c for c in range(width) if any(row[c] for row in grid)]
    first = 0
    if used:
        first, last = used[0], used[-1]
        grid = [row[first : last + 1] for row in grid]
    spans, covered = _spans(merged or [], top, first, len(grid), len(grid[0]) if grid else 0)
    table = [
        [Cell(value, value, *spans.get((r, c), (1, 1))) for c, value in enumerate(row) if (r, c) not in covered]
        for r, row in enumerate(grid)
    ]
    out.table(table, header_rows=1)


def _spans(
    merged: list[Range], top: int, left: int, rows: int, cols: int
) -> tuple[dict[tuple[int, int], tuple[int, int]], set[tuple[int, int]]]:
    """Each merged range's (rowspan, colspan) at its first cell, and the cells it covers, on the cut grid."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for r0, c0, r1, c1 in merged:
        r0, r1, c0, c1 = r0 - top, min(r1 - top, rows - 1), c0 - left, min(c1 - left, cols - 1)
        if r0 < 0 or c0 < 0 or r0 > r1 or c0 > c1 or (r0, c0) in covered:
            continue
        spans[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        covered.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (r, c) != (r0, c0))
    return spans, covered


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
