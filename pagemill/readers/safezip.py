"""Zip packages (DOCX, PPTX, XLSX, EPUB) and their XML, read with limits.

zip bombs        the declared sizes are checked before anything is inflated: members,
                 total size, and the ratio of each large member; reads are counted too
                 (a member may lie about its size)
XML              parsed by defusedxml: a DTD is refused in Office XML (Office never
                 writes one), and entity declarations and external references are
                 refused everywhere: no billion laughs, nothing fetched
"""

from __future__ import annotations

import re
import zipfile
from xml.etree import ElementTree
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring

from ..errors import Corrupt, ResourceLimit

#: limits of one package; an Office file or a book of text and pictures is far below them
MAX_MEMBERS = 20_000
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_MEMBER_BYTES = 256 * 1024 * 1024
#: an XML part parsed whole is at most this large (its tree takes ~10x that in memory)
MAX_XML_BYTES = 128 * 1024 * 1024
#: deflate reaches ~1000:1 on runs of one byte; real XML is 5-30:1, pictures about 1:1
MAX_RATIO = 200
#: the ratio is only judged for members at least this large (a tiny member can compress well)
RATIO_FROM_BYTES = 1024 * 1024
#: an XML prolog longer than this before its root element is refused (where a DTD would hide)
MAX_PROLOG = 64 * 1024
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


class SafeZip:
    """A zip package whose members are read within the limits above."""

    def __init__(self, path: str) -> None:
        self.path = path
        try:
            self.archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as exc:
            raise Corrupt(f"not a readable zip package ({exc})", path) from exc
        infos = self.archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ResourceLimit(f"zip package of {len(infos)} members, over the limit of {MAX_MEMBERS}", path)
        total = sum(info.file_size for info in infos)
        if total > MAX_TOTAL_BYTES:
            raise ResourceLimit(
                f"zip bomb refused: members inflate to {total / 2**20:.0f} MB, "
                f"over the limit of {MAX_TOTAL_BYTES / 2**20:.0f} MB",
                path,
            )
        for info in infos:
            if info.file_size >= RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise ResourceLimit(
                    f"zip bomb refused: {info.filename} inflates {info.file_size // max(info.compress_size, 1)}:1 "
                    f"to {info.file_size / 2**20:.0f} MB (limit {MAX_RATIO}:1)",
                    path,
                )
        self.names = {info.filename for info in infos}

    def close(self) -> None:
        self.archive.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def read(self, name: str, limit: int = MAX_MEMBER_BYTES) -> bytes:
        """A member's bytes, counted as they inflate (``KeyError`` when there is none)."""
        info = self.archive.getinfo(name)
        if info.file_size > limit:
            raise ResourceLimit(f"{name} is {info.file_size / 2**20:.0f} MB, over the limit", self.path)
        chunks = []
        size = 0
        try:
            with self.archive.open(info) as member:
                while chunk := member.read(1024 * 1024):
                    size += len(chunk)
                    if size > limit:
                        raise ResourceLimit(f"{name} inflates past its limit of {limit / 2**20:.0f} MB", self.path)
                    chunks.append(chunk)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            raise Corrupt(f"{name}: cannot inflate ({exc})", self.path) from exc
        except RuntimeError as exc:  # zipfile says so for a member encrypted with a zip password
            raise Corrupt(f"{name}: {exc}", self.path) from exc
        return b"".join(chunks)

    def xml(self, name: str, office: bool = True) -> Element:
        """A member parsed safely (see ``parse_xml``)."""
        return parse_xml(self.read(name, MAX_XML_BYTES), name, self.path, office)

    def check_prologs(self, suffixes: tuple[str, ...] = (".xml", ".rels")) -> None:
        """Refuse a package any of whose XML members declares a DTD, before a library parses it.

        Only the prolog is read (the DTD must come before the root element), so this is cheap.
        """
        for name in sorted(self.names):
            if name.endswith(suffixes):
                with self.archive.open(name) as member:
                    check_prolog(member.read(MAX_PROLOG), name, self.path)


def check_prolog(head: bytes, name: str, path: str) -> None:
    """Refuse XML whose prolog (what precedes the root element) has a DTD or runs past ``MAX_PROLOG``."""
    position = 0
    while True:
        start = head.find(b"<", position)
        if start < 0 or start + 1 >= len(head):
            if len(head) >= MAX_PROLOG:
                raise Corrupt(f"{name}: no root element in its first {MAX_PROLOG} bytes", path)
            return
        following = head[start + 1 : start + 2]
        if following not in (b"?", b"!"):
            return  # the root element: no DTD before it
        if _DOCTYPE.match(head, start):
            raise Corrupt(_DTD_MESSAGE.format(name=name), path)
        position = start + 1


_DTD_MESSAGE = (
    "{name} declares a DTD: refused (entity expansion such as 'billion laughs' and external entities "
    "are never processed)"
)


def parse_xml(data: bytes, name: str, path: str, office: bool = True) -> Element:
    """XML parsed safely: in Office XML any DTD is refused; elsewhere defusedxml refuses entities and
    external references.

    Office XML is checked for a DTD in its prolog and then parsed by the C parser: without a
    DTD no entity can be declared, so none can expand and nothing external can be named (and
    the C parser is ~5x faster than defusedxml's Python tree builder on a large document.xml).
    """
    if office:
        check_prolog(data[:MAX_PROLOG], name, path)
        try:
            return ElementTree.fromstring(data)
        except ParseError as exc:
            raise Corrupt(f"{name}: broken XML ({exc})", path) from exc
    try:
        return fromstring(data, forbid_dtd=office, forbid_entities=True, forbid_external=True)
    except DTDForbidden as exc:
        raise Corrupt(_DTD_MESSAGE.format(name=name), path) from exc
    except EntitiesForbidden as exc:
        raise Corrupt(f"{name} declares the entity '{exc.name}': refused (entities are never expanded)", path) from exc
    except ExternalReferenceForbidden as exc:
        raise Corrupt(f"{name} refers to an external resource ({exc.sysid}): refused, never fetched", path) from exc
    except DefusedXmlException as exc:
        raise Corrupt(f"{name}: refused ({exc})", path) from exc
    except ParseError as exc:
        raise Corrupt(f"{name}: broken XML ({exc})", path) from exc
