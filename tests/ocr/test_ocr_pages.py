"""Whole documents through pagemill.convert: which pages are OCR'd, and how well they read."""

from __future__ import annotations

from pathlib import Path

import pytest

import pagemill
from pagemill.engines import ocr_tesseract

from . import scanmaker
from .cer import cer

ENGLISH = " ".join(scanmaker.ENGLISH)


def convert(path: Path, **options: object) -> pagemill.Result:
    result = pagemill.convert(str(path), **options)
    assert result.status == "ok", result.errors
    return result


def test_a_digital_page_is_not_ocrd(pdfs: dict[str, Path]) -> None:
    result = convert(pdfs["digital"])
    page = result.document.pages[0]
    assert page.origin == "pdf"
    assert page.text_quality["decision"] == "text"
    assert cer(result.markdown, ENGLISH) == 0.0


def test_an_image_only_page_is_read(pdfs: dict[str, Path]) -> None:
    result = convert(pdfs["scan"], lang="eng")
    page = result.document.pages[0]
    assert page.origin == "ocr"
    assert page.text_quality["reason"] == "no text layer"
    assert page.text_quality["engine"] == "tesseract"
    assert cer(result.markdown, "Annual Report " + ENGLISH) <= 0.02
    assert result.markdown.startswith("# Annual Report"), "the big line is a heading, from OCR word heights"


@pytest.mark.parametrize("name", ["private_use", "unmapped"])
def test_a_garbled_font_is_detected_and_read(pdfs: dict[str, Path], name: str) -> None:
    result = convert(pdfs[name])
    quality = result.document.pages[0].text_quality
    assert quality["decision"] == "ocr"
    assert quality["reason"].startswith("garbled text layer")
    assert ("Unicode map" in quality["reason"]) == (name == "unmapped")
    assert cer(result.markdown, ENGLISH) <= 0.02


def test_an_invisible_ocr_layer_is_kept_when_good_and_replaced_when_wrong(pdfs: dict[str, Path]) -> None:
    good = convert(pdfs["good_layer"])
    assert good.document.pages[0].text_quality["decision"] == "text"
    assert cer(good.markdown, ENGLISH) == 0.0
    bad = convert(pdfs["bad_layer"], lang="eng")
    quality = bad.document.pages[0].text_quality
    assert quality["reason"].startswith("invisible OCR layer looks wrong")
    assert bad.document.pages[0].origin == "ocr"
    assert cer(bad.markdown, ENGLISH) <= 0.02


@pytest.mark.parametrize(("name", "turned"), [("turned_90", 270), ("turned_180", 180)])
def test_a_turned_scan_comes_out_upright(pdfs: dict[str, Path], name: str, turned: int) -> None:
    result = convert(pdfs[name], lang="eng")
    page = result.document.pages[0]
    assert page.text_quality["turned"] == turned
    assert cer(result.markdown, ENGLISH) <= 0.02
    if turned % 180:
        assert page.width < page.height, "a quarter-turned page is given in its upright frame"


def test_a_skewed_scan_is_straightened(pdfs: dict[str, Path]) -> None:
    result = convert(pdfs["skewed"], lang="eng")
    quality = result.document.pages[0].text_quality
    assert quality["skew"] == pytest.approx(2.0, abs=0.3)
    assert cer(result.markdown, ENGLISH) <= 0.02


def test_a_mixed_page_keeps_its_text_and_reads_only_the_picture(pdfs: dict[str, Path]) -> None:
    result = convert(pdfs["mixed"])
    page = result.document.pages[0]
    assert page.origin == "pdf"
    assert page.text_quality["decision"] == "ocr_regions"
    assert page.text_quality["regions_read"] == [[72.0, 400.0, 540.0, 496.0]]
    real, pictured = " ".join(scanmaker.ENGLISH[:4]), " ".join(scanmaker.ENGLISH[4:])
    assert result.markdown.startswith(real), "the real text layer is used as it is"
    assert cer(result.markdown[len(real) :], pictured) <= 0.02


def test_a_figure_on_a_scan_is_cropped_and_linked(pdfs: dict[str, Path]) -> None:
    result = convert(pdfs["figure"], lang="eng")
    page = result.document.pages[0]
    assert "figure" in [region["kind"] for region in page.text_quality["layout"]]
    figures = [block for block in page.blocks if block.kind == "figure"]
    assert len(figures) == 1 and figures[0].image, "the chart is cropped from the page as an image"
    assert f"![{scanmaker.FIGURE_CAPTION}](figure_images/page1-figure1.png)" in result.markdown
    prose = result.markdown.replace(scanmaker.FIGURE_CAPTION, "").split("\n")
    assert cer(" ".join(line for line in prose if not line.startswith("![")), ENGLISH) <= 0.02


def test_a_page_of_plain_text_skips_the_layout_model(pdfs: dict[str, Path]) -> None:
    result = convert(pdfs["scan"], lang="eng")
    assert "layout" not in result.document.pages[0].text_quality


def test_headings_and_code_of_a_scan_come_from_measured_type(pdfs: dict[str, Path]) -> None:
    """Sizes from letter shapes, bold from stem widths, code from an even pitch (stages/ocr_style.py)."""
    result = convert(pdfs["structured"])
    markdown = result.markdown
    lines = markdown.splitlines()
    title = next(line for line in lines if "Seasonal effects" in line)
    subtitle = next(line for line in lines if "Limitations" in line)
    assert title.startswith("#") and subtitle.startswith("#")
    assert len(title.split()[0]) < len(subtitle.split()[0])  # the larger title is the higher level
    assert not any(line.startswith("#") and "committee" in line for line in lines)
    notes = [b for p in result.json()["pages"] for b in p["blocks"] if b["kind"] == "footnote"]
    assert [note["text"] for note in notes] == [scanmaker.FOOTNOTE]  # the mark read as a sign is taken off
    fence = markdown.split("```")[1]
    assert cer("\n".join(scanmaker.CODE), fence.strip("\n")) <= 0.05
    assert "\n    total = 0.0\n" in fence


def test_a_ruled_table_on_a_scan_becomes_a_table(pdfs: dict[str, Path]) -> None:
    """Rules are found in the pixels (engines/render.py: ruled_lines) and the table stage builds the grid."""
    result = convert(pdfs["table"])
    tables = [b for page in result.json()["pages"] for b in page["blocks"] if b["kind"] == "table"]
    assert len(tables) == 1
    rows = [line for line in result.markdown.splitlines() if line.startswith("|") and "---" not in line]
    cells = [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]
    assert cells == scanmaker.TABLE


def test_small_print_is_read_at_the_resolution_it_needs(pdfs: dict[str, Path]) -> None:
    """A card 130 pt wide in 3.5 pt type: at 200 dpi its letters would be 7 pixels high."""
    result = convert(pdfs["small_print"])
    quality = result.json()["pages"][0]["text_quality"]
    assert quality["small_print"] and quality["dpi"] > 400
    assert cer(" ".join(scanmaker.ENGLISH[:4]), result.markdown.replace("\n", " ")) <= 0.05


def test_a_typewritten_page_is_prose_not_code(pdfs: dict[str, Path]) -> None:
    markdown = convert(pdfs["typewritten"]).markdown
    assert "```" not in markdown and "`" not in markdown
    assert cer(ENGLISH, " ".join(markdown.split())) <= 0.03


def test_running_headers_and_page_numbers_of_scans_are_furniture(pdfs: dict[str, Path]) -> None:
    result = convert(pdfs["book"], lang="eng")
    assert [page.origin for page in result.document.pages] == ["ocr"] * 3
    furniture = [block.text for page in result.document.pages for block in page.blocks if block.layer == "furniture"]
    assert furniture.count("Minutes of the Committee") == 3
    body = [block.text for page in result.document.pages for block in page.blocks if block.layer == "body"]
    assert not [text for text in body if text.strip().isdigit()], "page numbers are furniture (or not read at all)"
    assert "Minutes" not in result.markdown
    assert result.markdown.startswith(scanmaker.ENGLISH[0])


def test_the_language_is_found_when_not_given(pdfs: dict[str, Path]) -> None:
    result = convert(pdfs["scan_de"])
    quality = result.document.pages[0].text_quality
    assert quality["lang"] == "deu"
    assert cer(result.markdown, " ".join(scanmaker.GERMAN)) <= 0.02
    assert "Brücke" in result.markdown


def test_chinese_goes_to_rapidocr(pdfs: dict[str, Path]) -> None:
    result = convert(pdfs["chinese"], lang="chi_sim")
    quality = result.document.pages[0].text_quality
    assert quality["engine"] == "rapidocr"
    assert cer(result.markdown.replace(" ", ""), "".join(scanmaker.CHINESE)) <= 0.05


def test_ocr_never_and_always(pdfs: dict[str, Path]) -> None:
    never = convert(pdfs["scan"], ocr="never")
    assert never.markdown.strip() == ""
    assert never.document.pages[0].text_quality == {"decision": "text", "reason": "ocr=never"}
    always = convert(pdfs["digital"], ocr="always", lang="eng")
    assert always.document.pages[0].origin == "ocr"
    assert cer(always.markdown, ENGLISH) <= 0.02


def test_a_missing_language_pack_says_what_to_install(pdfs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr_tesseract, "installed_languages", lambda: frozenset({"eng", "osd"}))
    with pytest.raises(pagemill.OcrUnavailable, match="apt-get install tesseract-ocr-deu"):
        pagemill.convert(str(pdfs["scan"]), lang="deu")


def test_a_missing_tesseract_says_what_to_install(pdfs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    ocr_tesseract.installed_languages.cache_clear()
    monkeypatch.setattr(ocr_tesseract.shutil, "which", lambda name: None)
    try:
        with pytest.raises(pagemill.OcrUnavailable, match=r"apt-get install tesseract-ocr$"):
            pagemill.convert(str(pdfs["scan"]), lang="eng")
    finally:
        ocr_tesseract.installed_languages.cache_clear()
