"""Receiving an upload: streamed to a file under a generated name, counted as it arrives.

The size limit is checked twice: against Content-Length before a byte of the body is
read, and against the bytes actually received (a client may send no Content-Length,
or a false one). The body is never held in memory whole, and the client's file
name is never used for anything on disk.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from .jobs import new_id

#: the multipart field that carries the document
FILE_FIELD = "file"
#: the other form fields are options: small strings
MAX_FIELD_BYTES = 64 * 1024


class UploadTooLarge(Exception):
    """The body is over the size limit (answered 413)."""


class BadUpload(Exception):
    """The body is not an upload we can read (answered 400)."""


@dataclass
class Upload:
    """A received document (``path``, a generated name) and the form's other fields."""

    path: Path
    size: int
    fields: dict[str, str] = field(default_factory=dict)


def declared_length(request: Request) -> int | None:
    value = request.headers.get("content-length")
    if value is None:
        return None
    if not value.isdigit():
        raise BadUpload("Content-Length is not a number")
    return int(value)


def check_declared_length(request: Request, max_bytes: int) -> None:
    """Refuse before reading: multipart adds headers and boundaries, hence the small allowance."""
    length = declared_length(request)
    if length is not None and length > max_bytes + MAX_FIELD_BYTES:
        raise UploadTooLarge(f"upload of {length} bytes is over the limit of {max_bytes} bytes")


async def receive_upload(request: Request, folder: Path, max_bytes: int) -> Upload:
    """Stream the body into ``folder``; the file is removed again if anything goes wrong."""
    check_declared_length(request, max_bytes)
    path = folder / f"{new_id()}.pdf"
    try:
        with path.open("wb") as sink:
            os.chmod(path, 0o600)
            content_type, params = parse_options_header(request.headers.get("content-type", ""))
            body = _counted(request.stream(), max_bytes + MAX_FIELD_BYTES)
            if content_type == b"multipart/form-data":
                fields, size = await _receive_multipart(body, params.get(b"boundary"), sink, max_bytes)
            else:
                fields, size = {}, await _receive_raw(body, sink, max_bytes)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return Upload(path, size, fields)


async def _counted(stream: AsyncIterator[bytes], limit: int) -> AsyncIterator[bytes]:
    received = 0
    async for chunk in stream:
        received += len(chunk)
        if received > limit:
            raise UploadTooLarge(f"upload is over the limit of {limit} bytes")
        yield chunk


async def _receive_raw(body: AsyncIterator[bytes], sink: BinaryIO, max_bytes: int) -> int:
    size = 0
    async for chunk in body:
        size += len(chunk)
        if size > max_bytes:
            raise UploadTooLarge(f"upload is over the limit of {max_bytes} bytes")
        sink.write(chunk)
    return size


class _MultipartReader:
    """Callbacks for python-multipart: the ``file`` part goes to the sink, others to ``fields``."""

    def __init__(self, sink: BinaryIO, max_bytes: int) -> None:
        self.sink = sink
        self.max_bytes = max_bytes
        self.fields: dict[str, str] = {}
        self.file_size = 0
        self.saw_file = False
        self._header_name = b""
        self._header_value = b""
        self._part_name: str | None = None
        self._part_data = bytearray()
        self._field_bytes = 0

    def callbacks(self) -> dict[str, object]:
        return {
            "on_part_begin": self.on_part_begin,
            "on_header_field": self.on_header_field,
            "on_header_value": self.on_header_value,
            "on_header_end": self.on_header_end,
            "on_part_data": self.on_part_data,
            "on_part_end": self.on_part_end,
        }

    def on_part_begin(self) -> None:
        self._part_name = None
        self._part_data = bytearray()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def on_header_end(self) -> None:
        if self._header_name.lower() == b"content-disposition":
            _, params = parse_options_header(self._header_value)
            # only the field name is read; the client's file name is ignored on purpose
            self._part_name = params.get(b"name", b"").decode("utf-8", "replace")
        self._header_name = self._header_value = b""

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self._part_name == FILE_FIELD:
            if self.saw_file:
                raise BadUpload(f"more than one '{FILE_FIELD}' part")
            self.file_size += len(chunk)
            if self.file_size > self.max_bytes:
                raise UploadTooLarge(f"upload is over the limit of {self.max_bytes} bytes")
            self.sink.write(chunk)
            return
        self._field_bytes += len(chunk)
        if self._field_bytes > MAX_FIELD_BYTES:
            raise BadUpload("form fields are too long")
        self._part_data += chunk

    def on_part_end(self) -> None:
        if self._part_name == FILE_FIELD:
            self.saw_file = True
        elif self._part_name:
            self.fields[self._part_name] = self._part_data.decode("utf-8", "replace")


async def _receive_multipart(
    body: AsyncIterator[bytes], boundary: bytes | None, sink: BinaryIO, max_bytes: int
) -> tuple[dict[str, str], int]:
    if not boundary:
        raise BadUpload("multipart body without a boundary")
    reader = _MultipartReader(sink, max_bytes)
    try:
        parser = MultipartParser(boundary, reader.callbacks())  # type: ignore[arg-type]
        async for chunk in body:
            parser.write(chunk)
        parser.finalize()
    except (UploadTooLarge, BadUpload):
        raise
    except Exception as exc:  # python-multipart's own errors: a malformed body
        raise BadUpload(f"malformed multipart body: {exc}") from exc
    if not reader.saw_file:
        raise BadUpload(f"no '{FILE_FIELD}' part in the form")
    return reader.fields, reader.file_size


@contextlib.contextmanager
def removed_after(path: Path) -> Iterator[Path]:
    """Use a file, then remove it, whatever happens."""
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


@contextlib.contextmanager
def removed_on_error(path: Path) -> Iterator[Path]:
    """Keep a file when the block succeeds, remove it when the block raises."""
    try:
        yield path
    except BaseException:
        path.unlink(missing_ok=True)
        raise
