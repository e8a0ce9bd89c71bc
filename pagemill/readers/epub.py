"""EPUB: the chapters in spine order, each a page, each read by the HTML reader.

The package is a zip (opened with safezip.py's limits): ``META-INF/container.xml``
names the OPF, whose manifest and spine give the chapters. Items the spine marks
``linear="no"`` and the navigation document are furniture. Pictures are read from
the package itself, never fetched. (ebooklib is AGPL: the EPUB is read here instead.)
"""

from __future__ import annotations

import posixpath
from urllib.parse import unquote

from ..errors import Corrupt
from ..model import Document
from ..options import Options
from .html import HtmlBlocks, decode_html, parse_html
from .native import NativeDocument
from .safezip import SafeZip

OPF = "{http://www.idpf.org/2007/opf}"
CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
DC = "{http://purl.org/dc/elements/1.1/}"
#: one chapter's XHTML is at most this large
MAX_CHAPTER_BYTES = 64 * 1024 * 1024
_HTML_TYPES = ("application/xhtml+xml", "text/html")


def read_epub(path: str, options: Options) -> Document:
    with SafeZip(path) as package:
        has_container = "META-INF/container.xml" in package.names
        container = package.xml("META-INF/container.xml", office=False) if has_container else None
        rootfile = container.find(f".//{CONTAINER}rootfile") if container is not None else None
        opf_name = rootfile.get("full-path", "") if rootfile is not None else ""
        if opf_name not in package.names:
            raise Corrupt("an EPUB without its package document (OPF)", path)
        opf = package.xml(opf_name, office=False)
        folder = posixpath.dirname(opf_name)
        manifest = {
            item.get("id", ""): (
                posixpath.normpath(posixpath.join(folder, unquote(item.get("href", "")))),
                item.get("media-type", ""),
                item.get("properties", ""),
            )
            for item in opf.iter(OPF + "item")
        }
        out = NativeDocument(path, options, metadata={"format": "epub"})
        title = opf.find(f".//{DC}title")
        if title is not None and title.text:
            out.metadata["title"] = title.text.strip()

        for itemref in opf.iter(OPF + "itemref"):
            name, media, properties = manifest.get(itemref.get("idref", ""), ("", "", ""))
            if media not in _HTML_TYPES or name not in package.names:
                continue
            reason = ""
            if itemref.get("linear") == "no":
                reason = "EPUB auxiliary item (linear=no)"
            elif "nav" in properties.split():
                reason = "EPUB table of contents"
            chapter_folder = posixpath.dirname(name)

            def image(src: str, base: str = chapter_folder) -> bytes | None:
                if "://" in src or src.startswith("//"):
                    return None  # remote: never fetched
                target = posixpath.normpath(posixpath.join(base, unquote(src.split("#", 1)[0])))
                return package.read(target, 64 * 1024 * 1024) if target in package.names and options.images else None

            out.new_page()
            text = decode_html(package.read(name, MAX_CHAPTER_BYTES))
            HtmlBlocks(out, image).document(parse_html(text), reason)
        return out.document()
