"""Golden figures: a raster image and an included vector plot, saved as PNG with their captions."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
import tm_latex as cases

import pagemill
from pagemill.engines.pdf_objects import read_page_objects
from pagemill.engines.pdfium import PdfiumEngine
from pagemill.model import BlockKind
from pagemill.output import write_outputs


def figures_pdf() -> Path:
    files = {"gradient.png": cases.gradient_png(), "plot.pdf": cases.plot_pdf()}
    return cases.build_pdf("figures", cases.document(cases.figure_source(), "graphicx"), files)


@pytest.fixture(scope="module")
def result() -> pagemill.Result:
    return pagemill.convert(figures_pdf())


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_both_figures_are_found_with_their_captions(result: pagemill.Result) -> None:
    figures = [b for b in result.document.blocks() if b.kind is BlockKind.FIGURE]
    assert [f.attrs.get("caption") for f in figures] == [
        "Figure 1: A gradient of colours.",
        "Figure 2: A drawn plot of the data.",
    ]
    assert "![Figure 1: A gradient of colours.](figures_images/page1-figure1.png)" in result.markdown
    assert "![Figure 2: A drawn plot of the data.](figures_images/page1-figure2.png)" in result.markdown
    assert result.markdown.count("A gradient of colours.") == 1  # the caption once, as the alt text
    captions = [b for b in result.document.blocks() if b.kind is BlockKind.CAPTION]
    assert len(captions) == 2 and all("figure_caption" in b.attrs for b in captions)  # kept in the JSON


def test_figure_images_are_pngs_of_the_region(result: pagemill.Result) -> None:
    images = result.images
    assert sorted(images) == ["figures_images/page1-figure1.png", "figures_images/page1-figure2.png"]
    for block in (b for b in result.document.blocks() if b.kind is BlockKind.FIGURE):
        width, height = png_size(images[block.attrs["image"]])
        # rendered at 150 dpi: pixels = points * 150 / 72, within a pixel or two
        assert abs(width - block.bbox.width * 150 / 72) < 3
        assert abs(height - block.bbox.height * 150 / 72) < 3


def test_plot_labels_are_not_prose(result: pagemill.Result) -> None:
    prose = [line for line in result.markdown.splitlines() if "time" in line.split() or "size" in line.split()]
    assert prose == []


def test_images_are_written_next_to_the_markdown(result: pagemill.Result, tmp_path: Path) -> None:
    written = write_outputs(tmp_path, Path("figures"), result.markdown, result.json(), "markdown", result.images)
    assert (tmp_path / "figures_images" / "page1-figure1.png").read_bytes()[:4] == b"\x89PNG"
    assert tmp_path / "figures.md" in written


def test_no_images_keeps_captions_but_no_files() -> None:
    plain = pagemill.convert(figures_pdf(), images=False)
    assert plain.images == {}
    assert "![" not in plain.markdown
    assert "Figure 2: A drawn plot of the data." in plain.markdown


def test_page_objects_of_a_text_only_page_are_empty() -> None:
    pdf = cases.build_pdf("prose", cases.document(cases.paragraph(8)))
    with PdfiumEngine(str(pdf)) as engine:
        page = engine.read_page(0)
        assert page.drawings == [] and page.pictures == []
        pdf_page = engine.pdf[0]
        try:
            assert read_page_objects(pdf_page, lambda a, b, c, d: (a, b, c, d)) == ([], [])
        finally:
            pdf_page.close()


def test_page_objects_list_images_and_included_drawings() -> None:
    with PdfiumEngine(str(figures_pdf())) as engine:
        page = engine.read_page(0)
    assert len(page.pictures) == 1 and page.pictures[0].pixel_width == 120
    assert any(d.kind == "form" for d in page.drawings)
