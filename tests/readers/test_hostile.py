"""Hostile inputs fail alone, with a clear message, in bounded memory; the other files convert.

One ``pagemill convert`` run over a folder holding one file of every format and the hostile
ones (hostile_inputs.py): a zip bomb, billion laughs and an external entity in a DOCX, an
external entity in an EPUB's package document, and an HTML page with scripts.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_inputs import EXTERNAL, LAUGHS, SCRIPTED_HTML, docx, epub, zip_bomb_docx

import pagemill
from pagemill.errors import Corrupt, ResourceLimit

EPUB_XXE = EXTERNAL.replace("w:document", "package")


def pagemill_command() -> list[str]:
    script = Path(sys.executable).parent / "pagemill"
    return [str(script)] if script.exists() else [sys.executable, "-m", "pagemill.cli"]


def test_zip_bomb_is_refused_by_its_ratio(tmp_path: Path) -> None:
    with pytest.raises(ResourceLimit, match="zip bomb refused"):
        pagemill.convert(zip_bomb_docx(tmp_path / "bomb.docx"))


def test_billion_laughs_and_external_entities_are_refused(tmp_path: Path) -> None:
    with pytest.raises(Corrupt, match="DTD"):
        pagemill.convert(docx(tmp_path / "laughs.docx", LAUGHS))
    with pytest.raises(Corrupt, match="DTD"):
        pagemill.convert(docx(tmp_path / "xxe.docx", EXTERNAL))
    opf = '<?xml version="1.0"?><!DOCTYPE package [<!ENTITY t SYSTEM "file:///etc/passwd">]><package>&t;</package>'
    with pytest.raises(Corrupt, match="refused"):
        pagemill.convert(epub(tmp_path / "xxe.epub", opf))


def test_scripts_never_run_and_nothing_is_fetched(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(SCRIPTED_HTML, encoding="utf-8")
    result = pagemill.convert(page)
    assert result.markdown == (
        "# Kept heading\n\nKept paragraph with a fake link.\n\n![A remote picture](http://example.invalid/pixel.png)\n"
    )
    blocks = [block for page in result.json()["pages"] for block in page["blocks"]]
    furniture = {b["text"]: b["reason"] for b in blocks if b["layer"] == "furniture"}
    assert furniture == {
        "Home About": "navigation",
        "We use cookies. Accept all?": "cookie or consent banner",
        "Copyright footer text": "page footer",
    }
    assert "SCRIPT-RAN" not in str(result.json())


def test_one_run_converts_every_format_and_refuses_the_hostile_files(inputs: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in inputs.values():
        shutil.copy(path, folder / path.name)
    zip_bomb_docx(folder / "bomb.docx")
    docx(folder / "laughs.docx", LAUGHS)
    docx(folder / "external.docx", EXTERNAL)
    (folder / "scripted.html").write_text(SCRIPTED_HTML, encoding="utf-8")
    (folder / "notes.txt").write_text("not picked up: not a document ending", encoding="utf-8")
    out = tmp_path / "out"
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = subprocess.run(
        [*pagemill_command(), "convert", str(folder), "-o", str(out), "--format", "both"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    peak_mb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    assert result.returncode != 0, result.stderr  # three files failed
    converted = {path.name for path in out.glob("*.md")}
    good = {path.with_suffix(".md").name for path in inputs.values()} | {"scripted.md"}
    assert converted == good, result.stderr
    for name, reason in (("bomb.docx", "zip bomb"), ("laughs.docx", "DTD"), ("external.docx", "DTD")):
        lines = [line for line in result.stderr.splitlines() if name in line]
        assert lines and reason in " ".join(lines), result.stderr
    assert peak_mb < 1500, peak_mb  # the 64 MB bomb is never inflated


def test_deeply_nested_html_is_read_without_recursing_that_deep(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 20_000 + "deep text" + "</div>" * 20_000 + "</body></html>")
    assert pagemill.convert(page).markdown == "deep text\n"


def test_a_picture_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 20_000, 20_000, 8, 0, 0, 0, 0)  # 400 megapixels declared
    pixels = zlib.compress(b"\0" * 1000)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    (tmp_path / "bomb.png").write_bytes(png)
    with pytest.raises(ResourceLimit, match="too large to decode"):
        pagemill.convert(tmp_path / "bomb.png")
