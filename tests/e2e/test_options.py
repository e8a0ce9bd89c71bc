"""Options change the output as they say: links, furniture, page markers, page ranges."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fpdf import FPDF

import pagemill


@pytest.fixture(scope="module")
def three_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pdf = FPDF(format="A5")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)
    for number in (1, 2, 3):
        pdf.add_page()
        pdf.set_y(8)
        pdf.cell(text="Options Handbook")  # running header
        pdf.set_y(40)
        pdf.multi_cell(w=0, text=f"Body text of page {number} says something worth keeping about options.")
        pdf.cell(text="Read the manual", link="https://example.com/manual")
        pdf.set_y(-15)
        pdf.cell(text=str(number))  # page number
    path = tmp_path_factory.mktemp("options") / "three.pdf"
    pdf.output(str(path))
    return path


def test_links_on_and_off(three_pages: Path) -> None:
    assert "[Read the manual](https://example.com/manual)" in pagemill.convert(three_pages).markdown
    without = pagemill.convert(three_pages, links=False).markdown
    assert "Read the manual" in without and "example.com" not in without


def test_furniture_is_left_out_unless_asked(three_pages: Path) -> None:
    assert "Options Handbook" not in pagemill.convert(three_pages).markdown
    kept = pagemill.convert(three_pages, furniture="keep").markdown
    assert kept.count("Options Handbook") == 3
    assert pagemill.convert(three_pages, furniture=True).markdown == kept  # the earlier on/off switch


@pytest.mark.parametrize(("given", "expected"), [(True, "keep"), (False, "drop"), ("true", "keep"), ("0", "drop")])
def test_the_earlier_furniture_switch_still_reads(given: object, expected: str) -> None:
    assert pagemill.Options(furniture=given).furniture == expected


def test_keep_and_drop_are_different_options_for_the_batch_journal() -> None:
    from pagemill.batch.journal import options_key

    assert options_key(pagemill.Options(furniture="keep")) != options_key(pagemill.Options())
    assert options_key(pagemill.Options(furniture=True)) == options_key(pagemill.Options(furniture="keep"))
    assert options_key(pagemill.Options(furniture="drop")) == options_key(pagemill.Options())


def test_furniture_keep_and_drop_on_the_command_line(three_pages: Path, tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "pagemill"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "pagemill.cli"]
    markdown = {}
    for choice in ("drop", "keep"):
        out = tmp_path / choice
        done = subprocess.run(
            [*command, "convert", str(three_pages), "-o", str(out), "-q", "--furniture", choice],
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        assert done.returncode == 0, done.stderr
        markdown[choice] = (out / "three.md").read_text(encoding="utf-8")
    assert "Options Handbook" not in markdown["drop"]
    assert markdown["keep"].count("Options Handbook") == 3
    for number in (1, 2, 3):
        assert f"Body text of page {number}" in markdown["drop"] and f"Body text of page {number}" in markdown["keep"]
    bad = subprocess.run(
        [*command, "convert", str(three_pages), "-o", str(tmp_path / "x"), "--furniture", "yes"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert bad.returncode != 0 and "invalid choice" in bad.stderr


def test_page_markers_and_ranges(three_pages: Path) -> None:
    markdown = pagemill.convert(three_pages, pages="2-3", page_markers=True).markdown
    assert "<!-- page 1 -->" not in markdown and "<!-- page 2 -->" in markdown and "<!-- page 3 -->" in markdown
    assert "page 1 says" not in markdown and "page 3 says" in markdown


def test_furniture_stays_in_the_json_with_its_reason(three_pages: Path) -> None:
    blocks = [b for page in pagemill.convert(three_pages).json()["pages"] for b in page["blocks"]]
    furniture = [b for b in blocks if b["layer"] == "furniture"]
    assert {b["text"] for b in furniture} == {"Options Handbook", "1", "2", "3"}
    assert all(b["reason"] for b in furniture)


def test_the_cli_writes_every_figure_the_markdown_links(tmp_path: Path) -> None:
    import re
    import subprocess
    import sys

    from PIL import Image, ImageDraw

    picture = tmp_path / "circle.png"
    image = Image.new("RGB", (400, 300), "white")
    ImageDraw.Draw(image).ellipse((50, 50, 350, 250), fill="red")
    image.save(picture)
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.multi_cell(w=0, text="Some text before the figure, long enough to be a paragraph of its own.")
    pdf.image(str(picture), x=50, y=40, w=100)
    pdf.set_y(120)
    pdf.multi_cell(w=0, text="Figure 1: A red circle.")
    pdf.output(str(tmp_path / "figure.pdf"))
    out = tmp_path / "out"
    cli = [sys.executable, "-m", "pagemill.cli", "convert", str(tmp_path / "figure.pdf"), "-o", str(out), "-q"]
    subprocess.run(cli, check=True, capture_output=True)
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", (out / "figure.md").read_text(encoding="utf-8"))
    assert links and all((out / link).read_bytes().startswith(b"\x89PNG") for link in links)
