"""Real born-digital PDFs: the documentation of Debian's texlive-latex-base-doc (269 PDFs, ~8,000 pages).

``PAGEMILL_TEXDOCS`` names the folder that ``scripts/fetch-texdocs.sh`` fills (``make test``
passes it); the package is unpacked at ``$PAGEMILL_TEXDOCS/texlive-latex-base-doc``. Without
the variable these tests are skipped.

Converting all 8,000 pages takes minutes, so by default the documents in ``FULL`` are converted
whole and every other PDF only for its first ``FIRST_PAGES`` pages (that still opens every file
and reads its first pages). ``PAGEMILL_TEXDOCS_ALL=1`` converts every page of every file. The
work is spread over a few processes.

Checked: no file fails or comes back partial; the guides have headings and lists; no bare
number near the top or bottom edge of a page is left in the body (a page number); the running
headers seen with ``pdftotext`` in a few documents (``KNOWN_HEADERS``) are not in the Markdown,
except once as the title.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

import pagemill
from pagemill.model import Block, Layer, Page

PACKAGE = "texlive-latex-base-doc"
FIRST_PAGES = 5
#: page numbers stand in the outer part of the page: this fraction of its height at top and bottom
EDGE = 0.15
#: converted whole: user guides with headings, lists, page numbers, and running headers
FULL = ("usrguide.pdf", "clsguide.pdf", "fntguide.pdf", "amsthdoc.pdf", "testmath.pdf", "verbatim.pdf", "natbib.pdf")
#: running headers, as pdftotext shows them at the top of the pages (with the page number beside them)
KNOWN_HEADERS = {
    "amsthdoc.pdf": "Using the amsthm package",
    "testmath.pdf": "Sample paper for the amsmath package",
    "verbatim.pdf": "Verbatim style option",
    "natbib.pdf": "NATURAL SCIENCES CITATIONS AND REFERENCES",
}
#: checks that fail today, (test, document) -> what is wrong; strict xfails, remove when fixed
XFAIL = {
}


def _params(test: str, names: tuple[str, ...] | list[str]) -> list[object]:
    return [
        pytest.param(
            name, marks=[pytest.mark.xfail(strict=True, reason=XFAIL[(test, name)])] if (test, name) in XFAIL else []
        )
        for name in names
    ]


def _xfail(test: str) -> list[pytest.MarkDecorator]:
    return [pytest.mark.xfail(strict=True, reason=XFAIL[(test, "")])] if (test, "") in XFAIL else []


#: have bulleted or numbered lists
WITH_LISTS = ("usrguide.pdf", "clsguide.pdf", "fntguide.pdf", "amsthdoc.pdf", "natbib.pdf")


@dataclass(frozen=True)
class Converted:
    path: str
    pages: str | None
    page_count: int = 0
    markdown: str = ""
    failure: str = ""  # exception, page errors or a partial status
    #: page numbers left in the body (see _looks_like_a_page_number)
    edge_numbers: tuple[str, ...] = ()


def _convert(path: str, pages: str | None) -> Converted:
    try:
        result = pagemill.convert(path, pages=pages) if pages else pagemill.convert(path)
    except Exception as exc:  # noqa: BLE001 - reported by the test, with the file named
        return Converted(path, pages, failure=f"{type(exc).__name__}: {exc}")
    failure = "; ".join(result.errors) or ("" if result.status == "ok" else result.status)
    numbers = tuple(
        f"page {page.number}: {block.text!r} at y={block.bbox.y0:.0f} of {page.height:.0f}"
        for page in result.document.pages
        for block in page.blocks
        if _looks_like_a_page_number(block, page)
    )
    return Converted(path, pages, result.document.page_count, result.markdown, failure, numbers)


def _looks_like_a_page_number(block: Block, page: Page) -> bool:
    """A bare number in the body, near the top or bottom edge, set apart from the text around it.

    Set apart (a line's height of white above and below): the line numbers of a code listing
    are bare numbers too, on its empty lines, but packed between the other lines.
    """
    if block.layer is not Layer.BODY or not re.fullmatch(r"\s*(\d{1,4}|[ivxlc]{1,6})\s*", block.text):
        return False
    if EDGE * page.height < block.bbox.y1 and block.bbox.y0 < (1 - EDGE) * page.height:
        return False
    height = block.bbox.height or 10.0
    gaps = [
        max(other.bbox.y0 - block.bbox.y1, block.bbox.y0 - other.bbox.y1) for other in page.blocks if other is not block
    ]
    return all(gap >= height for gap in gaps)


def _root() -> Path:
    folder = os.environ.get("PAGEMILL_TEXDOCS")
    if not folder:
        pytest.skip("PAGEMILL_TEXDOCS is not set (make test sets it and fetches texlive-latex-base-doc)")
    root = Path(folder) / PACKAGE
    assert root.is_dir(), f"PAGEMILL_TEXDOCS is set but {root} is missing: run scripts/fetch-texdocs.sh"
    return root


@pytest.fixture(scope="module")
def converted() -> dict[str, Converted]:
    """Every PDF of the package, converted (whole or its first pages), keyed by file name."""
    pdfs = sorted(_root().rglob("*.pdf"))
    assert len(pdfs) >= 40, f"only {len(pdfs)} PDFs under {_root()}"
    everything = os.environ.get("PAGEMILL_TEXDOCS_ALL") == "1"
    jobs = [(str(p), None if everything or p.name in FULL else f"1-{FIRST_PAGES}") for p in pdfs]
    # biggest first, so that the pool does not end waiting on one long document
    jobs.sort(key=lambda job: (job[1] is not None, -os.path.getsize(job[0])))
    workers = max(1, min(4, os.cpu_count() or 1))
    with ProcessPoolExecutor(workers) as pool:
        results = list(pool.map(_convert, *zip(*jobs), chunksize=4))
    return {Path(r.path).name if Path(r.path).name in FULL else r.path: r for r in results}


def _named(converted: dict[str, Converted], name: str) -> Converted:
    assert name in converted, f"{name} is not in {PACKAGE}"
    return converted[name]


def _outside_code(markdown: str) -> list[str]:
    return re.sub(r"^(`{3,})[^\n]*\n.*?\n\1$", "", markdown, flags=re.MULTILINE | re.DOTALL).splitlines()


def _plain(line: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[#*`_\\]", "", line)).strip().lower()


@pytest.mark.parametrize("marks", [pytest.param(None, marks=_xfail("errors"), id="all")])
def test_every_pdf_converts_without_error(marks: None, converted: dict[str, Converted]) -> None:
    failures = [f"{c.path} (pages {c.pages or 'all'}): {c.failure}" for c in converted.values() if c.failure]
    assert failures == [], "\n".join(failures)


def test_most_documents_have_headings(converted: dict[str, Converted]) -> None:
    without = [c.path for c in converted.values() if not re.search(r"^#{1,6} \S", c.markdown, re.MULTILINE)]
    assert len(without) <= 0.1 * len(converted), without


@pytest.mark.parametrize("name", FULL)
def test_guides_have_headings_at_two_levels_or_more(name: str, converted: dict[str, Converted]) -> None:
    levels = {len(m) for m in re.findall(r"^(#{1,6}) \S", _named(converted, name).markdown, re.MULTILINE)}
    assert len(levels) >= 2, levels


@pytest.mark.parametrize("name", WITH_LISTS)
def test_guides_have_lists(name: str, converted: dict[str, Converted]) -> None:
    items = [line for line in _outside_code(_named(converted, name).markdown) if re.match(r"\s*(?:[-*+]|\d+\.) ", line)]
    assert len(items) >= 3, items


@pytest.mark.parametrize("name", _params("page numbers", FULL))
def test_no_page_numbers_in_the_body(name: str, converted: dict[str, Converted]) -> None:
    assert _named(converted, name).edge_numbers == ()


def test_no_page_numbers_in_any_document(converted: dict[str, Converted]) -> None:
    left = [f"{c.path}: {n}" for c in converted.values() for n in c.edge_numbers]
    assert left == [], "\n".join(left)


@pytest.mark.parametrize("name", _params("headers", sorted(KNOWN_HEADERS)))
def test_no_running_headers(name: str, converted: dict[str, Converted]) -> None:
    header = KNOWN_HEADERS[name].lower()
    lines = [_plain(line) for line in _outside_code(_named(converted, name).markdown)]
    # the header, with or without its page number, at the start or end of a line; once is the title
    found = [line for line in lines if re.sub(r"^\d+ ", "", line).startswith(header) or line.endswith(header)]
    assert len(found) <= 1, found
