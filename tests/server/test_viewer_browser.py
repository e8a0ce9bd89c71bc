"""The web viewer in Debian's Chromium, driven by Playwright: upload, overlay, Markdown, clicks.

Chromium comes from the Debian package (``make test`` installs it); Playwright only
drives it, and never downloads a browser of its own.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from server_harness import SAMPLE, Server

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

CHROMIUM = "/usr/bin/chromium"
SCREENSHOT = Path("/tmp/viewer.png")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser_page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    assert shutil.which(CHROMIUM), "Debian's chromium is missing: `make test` installs it"
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 900},
        )
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        yield page
        context.close()
        assert not errors, errors


def in_view(page, selector: str, pane: str) -> bool:
    """Whether the element lies within the visible part of its scrolling pane."""
    return page.evaluate(
        """([selector, pane]) => {
            const box = document.querySelector(selector).getBoundingClientRect();
            const view = document.querySelector(pane).getBoundingClientRect();
            return box.top >= view.top && box.bottom <= view.bottom && box.height > 0;
        }""",
        [selector, pane],
    )


def image_loaded(page) -> None:
    """Wait until the page image is shown. (No wait_for_function: the viewer's CSP forbids eval.)"""
    expect(page.locator("#page-image")).to_have_attribute("alt", re.compile(r"^page \d+$"))
    page.locator("#page-image").evaluate("image => image.decode()")
    assert page.locator("#page-image").evaluate("image => image.naturalWidth") > 0


def two_page_pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number in (1, 2):
        pdf.setFont("Helvetica-Bold", 18)
        pdf.drawString(72, 760, f"Chapter {number}")
        pdf.setFont("Helvetica", 11)
        for line in range(8):
            pdf.drawString(72, 720 - 16 * line, f"Text of page {number}, line {line + 1}, plain prose for the viewer.")
        pdf.showPage()
    pdf.save()
    return path


def test_upload_shows_overlay_and_markdown_and_clicks_keep_them_in_step(start_server, browser_page) -> None:
    server: Server = start_server()
    page = browser_page
    page.goto(server.url("/"))
    page.set_input_files("#file", str(SAMPLE))
    page.wait_for_selector("#boxes .box")
    image_loaded(page)

    boxes = page.locator("#boxes .box")
    assert boxes.count() >= 20
    assert page.locator("#markdown h1").first.inner_text() == "Reading Documents Faithfully"
    assert page.locator("#boxes .box.furniture").count() >= 1  # the page number, veiled
    assert page.locator("#legend span").count() >= 5

    # the last body block of the page: its Markdown starts far below the fold of the pane
    last = page.locator("#boxes .box.body").last
    block_id = last.get_attribute("data-block")
    target = f"#md-{block_id}"
    assert not in_view(page, target, "#markdown-pane")
    last.click()
    assert in_view(page, target, "#markdown-pane")
    assert "selected" in page.locator(target).get_attribute("class")
    assert "selected" in last.get_attribute("class")

    # and back: a click on the Markdown of the first heading highlights its box
    heading = page.locator("#markdown .md-block").first
    heading.click()
    heading_id = heading.get_attribute("data-block")
    assert "selected" in page.locator(f'#boxes .box[data-block="{heading_id}"]').get_attribute("class")
    assert "selected" not in page.locator(target).get_attribute("class")

    last.click()
    page.screenshot(path=str(SCREENSHOT))

    # downloads carry the job's Markdown and JSON
    with page.expect_download() as markdown_download:
        page.click("#download-md")
    job_id = page.evaluate("location.hash").split("=")[1]
    with server.client() as client:
        expected = client.get(f"/jobs/{job_id}/result", params={"format": "markdown"}).text
    assert Path(markdown_download.value.path()).read_text(encoding="utf-8") == expected
    with page.expect_download() as json_download:
        page.click("#download-json")
    assert json_download.value.suggested_filename == f"{job_id}.json"


def test_page_navigation_and_opening_a_converted_document(start_server, browser_page, tmp_path: Path) -> None:
    server: Server = start_server()
    with server.client() as client:
        pdf = two_page_pdf(tmp_path / "two.pdf").read_bytes()
        job_id = client.post("/jobs", files={"file": ("two.pdf", pdf)}).json()["id"]
        server.wait_for_job(client, job_id)
    page = browser_page
    page.goto(server.url("/"))
    page.wait_for_selector(f'#jobs option[value="{job_id}"]', state="attached")
    page.select_option("#jobs", job_id)
    page.wait_for_selector("#boxes .box")
    image_loaded(page)
    assert "1 / 2" in page.inner_text("#page-info")
    assert page.is_disabled("#prev")
    page.click("#next")
    expect(page.locator("#page-info")).to_contain_text("2 / 2")
    # "Chapter N" repeats in the top margin: a running header, furniture, not in the Markdown
    page.locator("#boxes .box.furniture").first.click()
    assert "not in the Markdown" in page.inner_text("#status")
    assert page.locator("#markdown .md-block.selected").count() == 0
    page.locator("#boxes .box.body").first.click()
    assert page.locator("#markdown .md-block.selected").inner_text().startswith("Text of page 2, line 1")
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#page-info")).to_contain_text("1 / 2")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#page-info")).to_contain_text("2 / 2")
    # a click on page 1's Markdown goes back to page 1
    page.locator("#markdown .md-block").first.click()
    expect(page.locator("#page-info")).to_contain_text("1 / 2")
    assert page.locator("#boxes .box.selected").count() == 1


def test_a_token_protected_server_asks_for_the_token(start_server, browser_page) -> None:
    server: Server = start_server(token="t0ken")
    page = browser_page
    page.goto(server.url("/"))
    page.wait_for_selector("#token-box:not([hidden])")
    assert "token" in page.inner_text("#status")
    page.fill("#token", "t0ken")
    page.press("#token", "Enter")
    expect(page.locator("#status")).to_have_text("")
    page.set_input_files("#file", str(SAMPLE))
    page.wait_for_selector("#boxes .box")
