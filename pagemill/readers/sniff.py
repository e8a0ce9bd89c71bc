"""Which reader a file needs, from its bytes (never from its name).

A few kilobytes are read: the magic number of a PDF or an image; for a zip, the
names of its members (DOCX, PPTX, XLSX, EPUB); for an OLE compound file, whether it
is an encrypted Office package; for text, whether it is HTML, MHTML or CSV.
"""

from __future__ import annotations

import csv
import os
import re
import zipfile
from typing import Literal

from ..errors import Encrypted, NotSupported, TooLarge

Kind = Literal["pdf", "image", "docx", "odt", "pptx", "xlsx", "csv", "html", "mhtml", "epub"]

#: file name endings the CLI's folder walk picks up (the reader is still chosen from the bytes)
EXTENSIONS = frozenset(
    (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".bmp", ".gif", ".docx", ".odt", ".pptx")
    + (".xlsx", ".csv", ".html", ".htm", ".xhtml", ".mht", ".mhtml", ".epub")
)

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM", b"GIF87a", b"GIF89a")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: the stream an encrypted DOCX/XLSX/PPTX keeps its package in (UTF-16 in the OLE directory)
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_HTML = re.compile(rb"<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s|title>)", re.IGNORECASE)
_MHTML = re.compile(rb"^(mime-version:|content-type:\s*multipart/related)", re.IGNORECASE | re.MULTILINE)
#: a zip's members that name its format
_ZIP_KINDS: tuple[tuple[str, Kind], ...] = (
    ("word/document.xml", "docx"),
    ("ppt/presentation.xml", "pptx"),
    ("xl/workbook.xml", "xlsx"),
)


def sniff(path: str, max_mb: float = 2_000) -> Kind:
    """The kind of document at ``path``; ``NotSupported``, ``Encrypted`` or ``TooLarge`` otherwise."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as handle:
            head = handle.read(8192)
    except OSError as exc:
        raise NotSupported(f"cannot read file ({exc.strerror})", path) from exc
    if size == 0:
        raise NotSupported("empty file", path)
    if size > max_mb * 1024 * 1024:
        raise TooLarge(f"file is {size / 2**20:.0f} MB, over the limit of {max_mb:g} MB", path)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path)
    if head.startswith(_OLE):
        return _ole(path)
    return _text_kind(path, head)


def _zip_kind(path: str) -> Kind:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].strip()  # a stored member of a few bytes
                if mimetype == b"application/epub+zip":
                    return "epub"
                if mimetype == b"application/vnd.oasis.opendocument.text":
                    return "odt"
                if mimetype.startswith(b"application/vnd.oasis.opendocument"):
                    kind = mimetype.decode("ascii", "replace").rsplit(".", 1)[-1]
                    raise NotSupported(f"an OpenDocument {kind} file: only text documents (ODT) are read")
    except zipfile.BadZipFile as exc:
        raise NotSupported(f"a broken zip archive ({exc})", path) from exc
    except NotSupported as exc:
        exc.path = path
        raise
    for member, kind in _ZIP_KINDS:
        if member in names:
            return kind
    if "META-INF/container.xml" in names:
        return "epub"
    raise NotSupported("a zip archive, but not DOCX, ODT, PPTX, XLSX or EPUB", path)


def _ole(path: str) -> Kind:
    """An OLE compound file: an Office package encrypted with a password, or a legacy .doc/.xls/.ppt."""
    with open(path, "rb") as handle:
        data = handle.read(4 * 1024 * 1024)  # the directory sits near the start or the end of small files
        if _ENCRYPTED_PACKAGE not in data:
            handle.seek(max(os.path.getsize(path) - 4 * 1024 * 1024, 0))
            data = handle.read()
    if _ENCRYPTED_PACKAGE in data:
        raise Encrypted("a password-protected Office file: save it without a password to convert it", path)
    raise NotSupported("a legacy binary Office file (.doc, .xls, .ppt): save it as DOCX, XLSX or PPTX", path)


def _text_kind(path: str, head: bytes) -> Kind:
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise NotSupported("not a PDF, an image or a document format pagemill reads", path)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if _MHTML.search(text[:2048]) and b"multipart/related" in text.lower():
        return "mhtml"
    if _HTML.search(text):
        return "html"
    if _looks_like_csv(head):
        return "csv"
    raise NotSupported("plain text, not a PDF, an image or a document format pagemill reads", path)


def _looks_like_csv(head: bytes) -> bool:
    """Rows of at least two fields, split by one delimiter the same number of times per line."""
    text = head.decode("utf-8", "replace")
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    if len(head) == 8192 and len(lines) > 1:
        lines = lines[:-1]  # the last line read may be cut
    if not lines:
        return False
    try:
        dialect = csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t|")
    except csv.Error:
        return False
    rows = list(csv.reader(lines, dialect))
    widths = {len(row) for row in rows}
    return len(widths) == 1 and widths.pop() >= 2
