"""Every input format pagemill reads: the text and the structure of each output against its source.

The inputs are written in the test (conftest.py): DOCX, HTML, EPUB and PPTX by pandoc from one
Markdown source, XLSX by openpyxl, CSV by hand, a PNG and a two-page 1-bit G4 TIFF rendered
from a printed page (read by OCR). Text is scored as the bench scores it (bench/score).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from formats_support import SCAN_TEXT, SOURCE, SOURCE_HEADINGS, SOURCE_ITEMS, SOURCE_TABLE

import pagemill
from bench.score.markdown import plain_text
from bench.score.metrics import text_similarity

PANDOC_FORMATS = ["docx", "odt", "html", "epub", "pptx"]


def blocks(result: pagemill.Result, kind: str) -> list[dict[str, Any]]:
    return [
        block
        for page in result.json()["pages"]
        for block in page["blocks"]
        if block["kind"] == kind and block["layer"] == "body"
    ]


def table_rows(block: dict[str, Any]) -> list[list[str]]:
    grid = [["" for _ in range(block["attrs"]["cols"])] for _ in range(block["attrs"]["rows"])]
    for cell in block["attrs"]["cells"]:
        grid[cell["row"]][cell["col"]] = cell["text"]
    return grid


@pytest.mark.parametrize("kind", PANDOC_FORMATS)
def test_text_matches_the_source(inputs: dict[str, Path], kind: str) -> None:
    result = pagemill.convert(inputs[kind])
    assert result.status == "ok", result.errors
    similarity = text_similarity(plain_text(SOURCE), plain_text(result.markdown))
    assert similarity >= 0.97, (kind, similarity, result.markdown)


@pytest.mark.parametrize("kind", ["docx", "odt", "html", "epub"])
def test_headings_lists_and_tables_match_the_source(inputs: dict[str, Path], kind: str) -> None:
    result = pagemill.convert(inputs[kind])
    headings = [(b["text"], b["attrs"]["level"]) for b in blocks(result, "heading")]
    assert [h for h in headings if h[0] not in ("Book",)] == SOURCE_HEADINGS  # EPUB: pandoc's title page
    items = [(b["text"], b["attrs"]["depth"], b["attrs"]["marker"]) for b in blocks(result, "list_item")]
    assert items == SOURCE_ITEMS
    tables = blocks(result, "table")
    assert [table_rows(t) for t in tables] == [SOURCE_TABLE]
    assert "```\ndef hello():\n    return 42\n```" in result.markdown
    assert "[link](https://example.com/page)" in result.markdown
    assert all("bbox" not in b for b in blocks(result, "paragraph"))  # these formats have no geometry


def test_pptx_slides_are_pages_with_their_titles(inputs: dict[str, Path]) -> None:
    result = pagemill.convert(inputs["pptx"])
    titles = [b["text"] for b in blocks(result, "heading")]
    assert titles == [text for text, level in SOURCE_HEADINGS if level == 1]
    with zipfile.ZipFile(inputs["pptx"]) as package:
        slides = [name for name in package.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", name)]
    assert result.document.page_count == len(slides)  # one page per slide
    items = [(b["text"], b["attrs"]["depth"], b["attrs"]["marker"]) for b in blocks(result, "list_item")]
    assert items == SOURCE_ITEMS
    assert [table_rows(t) for t in blocks(result, "table")] == [SOURCE_TABLE]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_sheets_are_tables(inputs: dict[str, Path], kind: str) -> None:
    result = pagemill.convert(inputs[kind])
    tables = [table_rows(t) for t in blocks(result, "table")]
    assert tables[0] == SOURCE_TABLE
    if kind == "xlsx":
        assert tables[1] == [["Event", "Day"], ["Harvest", "2024-09-01"]]
        assert [b["text"] for b in blocks(result, "heading")] == ["Fruit", "Dates"]
        assert result.document.page_count == 2  # one page per sheet


@pytest.mark.parametrize("kind", ["png", "tif"])
def test_images_are_read_as_scanned_pages(inputs: dict[str, Path], kind: str) -> None:
    result = pagemill.convert(inputs[kind])
    pages = result.json()["pages"]
    assert len(pages) == (2 if kind == "tif" else 1)
    assert all(page["origin"] == "ocr" for page in pages)
    assert abs(pages[0]["width"] - 420) < 1  # sized from the file's 300 dpi: the printed page's 420 points
    first_page = " ".join(b["text"] for b in pages[0]["blocks"])
    assert text_similarity(" ".join(SCAN_TEXT), first_page) >= 0.97, first_page


def test_resolution_is_estimated_when_the_file_has_none() -> None:
    from PIL import Image

    from pagemill.readers.images import SCREEN_DPI, picture_dpi

    page = Image.new("L", (2480, 3508))  # A4 at 300 dpi, no dpi recorded
    dpi, from_file = picture_dpi(page)
    assert not from_file and 290 <= dpi <= 320
    assert picture_dpi(Image.new("L", (1280, 720))) == (SCREEN_DPI, False)  # a screenshot
    page.info["dpi"] = (600, 600)
    assert picture_dpi(page) == (600.0, True)


def test_the_reader_is_chosen_from_the_bytes_not_the_name(inputs: dict[str, Path], tmp_path: Path) -> None:
    from pagemill.readers import sniff

    expected = {"png": "image", "tif": "image"}
    for kind, path in inputs.items():
        misnamed = tmp_path / f"{kind}-file.pdf"  # every one named .pdf
        misnamed.write_bytes(path.read_bytes())
        assert sniff(str(misnamed)) == expected.get(kind, kind)
