"""``pagemill debug`` overlays, and the viewer's per-block HTML."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from server_harness import ROOT, SAMPLE

import pagemill
from pagemill.debug import KIND_COLOURS, OCR_COLOUR, draw_blocks


def _rgb(colour: str) -> tuple[int, int, int]:
    value = int(colour.lstrip("#"), 16)
    return (value >> 16, (value >> 8) & 0xFF, value & 0xFF)


def _close(pixel: tuple[int, ...], colour: str, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], _rgb(colour)))


def test_debug_command_writes_one_overlay_per_page(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pagemill.cli", "debug", str(SAMPLE), "-o", str(tmp_path), "--scale", "1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    written = sorted(tmp_path.glob("*.png"))
    assert [p.name for p in written] == ["sample-p001.png"]
    tree = pagemill.convert(SAMPLE).json()
    page = tree["pages"][0]
    image = Image.open(written[0]).convert("RGB")
    assert image.size == (round(page["width"]), round(page["height"]))
    # the outline of each body block is drawn in its kind's colour
    for block in page["blocks"]:
        if block["layer"] != "body" or block["kind"] not in KIND_COLOURS:
            continue
        x0, y0, x1, y1 = (round(v) for v in block["bbox"])
        middle_of_bottom_edge = image.getpixel(((x0 + x1) // 2, y1))
        assert _close(middle_of_bottom_edge, KIND_COLOURS[block["kind"]], 70), block["id"]


def test_furniture_is_veiled_and_ocr_pages_are_framed() -> None:
    white = Image.new("RGB", (200, 100), "white")
    page = {
        "width": 200,
        "height": 100,
        "origin": "ocr",
        "blocks": [
            {"kind": "paragraph", "layer": "body", "bbox": [100, 20, 180, 60]},
            {"kind": "page_footer", "layer": "furniture", "bbox": [100, 70, 180, 90]},
        ],
    }
    drawn = draw_blocks(white, page)
    assert _close(drawn.getpixel((0, 50)), OCR_COLOUR)  # the frame of an OCR'd page
    assert _close(drawn.getpixel((100, 40)), KIND_COLOURS["paragraph"])  # body outline
    inside_furniture = drawn.getpixel((150, 80))
    assert inside_furniture[0] < 235 and _close(inside_furniture, "#d0d0d0", 40)  # greyed out
    assert _close(drawn.getpixel((150, 40)), "#ffffff", 40)  # body blocks are only tinted
    page["origin"] = "pdf"
    assert _close(draw_blocks(white, page).getpixel((0, 50)), "#ffffff")


def test_debug_command_reports_a_file_that_is_not_a_pdf(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.pdf"
    bogus.write_text("not a pdf at all")
    done = subprocess.run(
        [sys.executable, "-m", "pagemill.cli", "debug", str(bogus), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 1
    assert "not a PDF" in done.stderr
    assert not list((tmp_path).glob("out/*.png"))


@pytest.mark.parametrize(
    ("markdown", "kind", "expected", "absent"),
    [
        ("a <script>alert(1)</script> b", "paragraph", "&lt;script&gt;", "<script>"),
        ("[x](javascript:alert(1))", "paragraph", "[x]", 'href="javascript'),
        ("    - deep item", "list_item", "<li>deep item</li>", "<code>"),
        ("[^1]: the note", "footnote", '<sup class="footnote-mark">1</sup> the note', "[^1]"),
        ("```\nx = a[^1]\n```", "code", "a[^1]", "<sup"),
    ],
)
def test_viewer_renders_block_markdown_safely(markdown: str, kind: str, expected: str, absent: str) -> None:
    pytest.importorskip("markdown_it")
    from pagemill.server.viewer import block_html

    html = block_html(markdown, kind)
    assert expected in html
    assert absent not in html


def test_regions_read_by_ocr_are_boxed_in_magenta() -> None:
    white = Image.new("RGB", (200, 100), "white")
    page = {
        "number": 1,
        "width": 200,
        "height": 100,
        "origin": "pdf",
        "text_quality": {"decision": "ocr_regions", "regions_read": [[20, 20, 120, 60]]},
        "blocks": [],
    }
    drawn = draw_blocks(white, page)
    assert _close(drawn.getpixel((70, 20)), OCR_COLOUR)  # the region's top edge
    assert _close(drawn.getpixel((0, 50)), "#ffffff")  # not the whole page: it has a text layer
    pytest.importorskip("markdown_it")
    from pagemill.server.viewer import page_view

    assert page_view(page, furniture_in_markdown=False)["ocr_regions"] == [[20, 20, 120, 60]]
