"""Golden cases: small PDFs made by real tools, each with the Markdown a demanding reader wants.

A case is a source file in this folder plus its expected Markdown beside it:

    <name>.tex   built with pdflatex
    <name>.py    a module with ``build(path)`` (fpdf2 or reportlab)
    <name>.md    the expected ``pagemill.convert(pdf).markdown``

The PDFs are built once per test session in a temporary folder (nothing is downloaded).
The expected files are written by what the reader wants, not copied from pagemill; a case
whose output is wrong today is marked ``xfail(strict=True)`` in ``EXPECT`` with what is wrong,
so it starts failing (XPASS) the moment the pipeline is fixed and the mark must go.

Every case is compared exactly unless ``EXPECT`` gives it a similarity bound (difflib ratio
over the whole text); either way the structure is compared first, for a readable failure:
the headings with their levels, the list items with their indentation, the code blocks,
and that no page number or running header line is left.
"""

from __future__ import annotations

import difflib
import importlib.util
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import pagemill
from pagemill.render.conformance import check

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Expect:
    """How a case is judged."""

    #: why pagemill's output is wrong today; the case is a strict xfail while this is set
    xfail: str = ""
    #: 1.0 = exact match; below 1.0, difflib's ratio must reach this (and the structure must match)
    similarity: float = 1.0
    #: text that must not appear anywhere in the Markdown (running headers, footers)
    furniture: tuple[str, ...] = ()
    #: text that must appear exactly once: a title that a running header repeats
    once: tuple[str, ...] = ()
    #: facts about the built PDF that show the case exercises what it claims
    pdf_facts: tuple[Callable[[Path], None], ...] = field(default_factory=tuple)


def _pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def _pages(pdf: Path) -> list[str]:
    return _pdftotext(pdf, "-layout").split("\f")[:-1]


def fill_stroked(pdf: Path) -> None:
    """Some of the text is filled and stroked (render mode 2), the font's name and weight regular."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    page = pdfium.PdfDocument(pdf)[0]
    modes = [
        pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw)
        for obj in page.get_objects()
        if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT
    ]
    assert 2 in modes and 0 in modes


def has_pages(count: int) -> Callable[[Path], None]:
    def check(pdf: Path) -> None:
        assert len(_pages(pdf)) == count

    return check


def line_ends_with(pattern: str, at_least: int = 1) -> Callable[[Path], None]:
    """At least ``at_least`` lines of the PDF's text end with ``pattern`` (a regex)."""

    def check(pdf: Path) -> None:
        text = _pdftotext(pdf, "-layout")  # without -layout, pdftotext joins hyphenated words itself
        ends = [line for line in text.splitlines() if re.search(pattern + r"\s*$", line)]
        assert len(ends) >= at_least, ends

    return check


def on_every_page(text: str) -> Callable[[Path], None]:
    def check(pdf: Path) -> None:
        assert all(text in page for page in _pages(pdf))

    return check


def page_one_ends_mid_sentence(pdf: Path) -> None:
    body = [line.strip() for line in _pages(pdf)[0].splitlines() if line.strip()]
    assert body[-1].isdigit(), body[-1]  # the page number
    assert not body[-2].endswith("."), body[-2]


def side_by_side(left: str, right: str) -> Callable[[Path], None]:
    """``left`` and ``right`` stand on one row of the page: two columns."""

    def check(pdf: Path) -> None:
        assert any(left in line and right in line for line in _pdftotext(pdf, "-layout").splitlines())

    return check


def rotated(pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"Page rot:\s+90", info), info


def media_box_inherited(pdf: Path) -> None:
    """One /MediaBox in the file, on the /Pages node: the pages inherit it."""
    assert pdf.read_bytes().count(b"/MediaBox") == 1


def starts_logically(text: str) -> Callable[[Path], None]:
    """Poppler (which applies bidi) reads the text in logical order: the PDF is a faithful RTL page."""

    def check(pdf: Path) -> None:
        plain = re.sub("[\u202a-\u202e]", "", _pdftotext(pdf))
        assert plain.lstrip().startswith(text), plain[:80]

    return check


def entries_touch(first: str, second: str) -> Callable[[Path], None]:
    """The entries labelled ``first`` and ``second`` stand on lines with no blank line between them."""

    def check(pdf: Path) -> None:
        lines = _pdftotext(pdf, "-layout").splitlines()
        starts = [i for i, line in enumerate(lines) if line.lstrip().startswith((first, second))]
        assert len(starts) == 2 and all(lines[i].strip() for i in range(starts[0], starts[1])), starts

    return check


EXPECT: dict[str, Expect] = {
    "twoside_headings": Expect(
        furniture=("PREFACE", "TOOLS", "Pans* 3", "ii"),
        pdf_facts=(has_pages(5),),
    ),
    "two_columns": Expect(
        pdf_facts=(side_by_side("Introduction", "Method"),),
    ),
    "figure_across_columns": Expect(pdf_facts=(has_pages(2), side_by_side("Evening", "music from the square"))),
    "column_break_capital": Expect(
        pdf_facts=(side_by_side("early in the", "Paris, where"),),
    ),
    "three_columns": Expect(pdf_facts=(side_by_side("Alpha", "the sun stands high"),)),
    "headings": Expect(),
    "book_chapters": Expect(pdf_facts=(has_pages(3), line_ends_with("Chapter 1"))),
    "article_abstract": Expect(),
    "bold_numbered_headings": Expect(),
    "bullet_lists": Expect(),
    "numbered_lists": Expect(),
    "mini_paper": Expect(
        similarity=0.95,
        once=("Notes on Converters",),
        pdf_facts=(has_pages(2), on_every_page("Notes on Converters")),
    ),
    "code": Expect(),
    "footnotes": Expect(),
    "running_headers": Expect(
        furniture=("Field Guide", "GETTING STARTED", "GOING FURTHER"),
        pdf_facts=(has_pages(4), on_every_page("Field Guide")),
    ),
    "continued_paragraph": Expect(pdf_facts=(has_pages(2), page_one_ends_mid_sentence)),
    "hyphenation": Expect(pdf_facts=(line_ends_with(r"[a-z]-", at_least=2),)),
    "compound_at_line_end": Expect(
        pdf_facts=(line_ends_with("state-of-the-"),),
    ),
    "ligatures": Expect(),
    "list_across_pages": Expect(
        pdf_facts=(has_pages(3),),
    ),
    "long_numbered_list": Expect(),
    "long_heading": Expect(
        pdf_facts=(line_ends_with("environ-"),),
    ),
    "inline_styles": Expect(),
    "links": Expect(),
    "german_t1": Expect(),
    "german_ot1": Expect(),
    "russian_greek": Expect(),
    "chinese": Expect(),
    "emboldened_cjk": Expect(pdf_facts=(fill_stroked,)),
    "hebrew": Expect(pdf_facts=(starts_logically("שלום עולם"),)),
    "inherited_mediabox": Expect(
        furniture=("Quarterly Field Notes", "Page 1", "Page 2"),
        pdf_facts=(media_box_inherited, has_pages(2)),
    ),
    "rotated_page": Expect(pdf_facts=(rotated,)),
    "overhanging_f": Expect(),
    "tracked_heading": Expect(),
    "prices": Expect(),
    "code_with_fence": Expect(),
    "reference_list": Expect(pdf_facts=(entries_touch("[1]", "[2]"),)),
    "chromium_nested_list": Expect(),
    "chromium_endnotes": Expect(),
}


def case_names() -> list[str]:
    sources = [p for p in HERE.iterdir() if p.suffix in (".tex", ".py") and not p.name.startswith(("test_", "_"))]
    return sorted(p.stem for p in sources if p.stem != "conftest")


class PdfBuilder:
    """Builds each case's PDF once per session, into a temporary folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.built: dict[str, Path] = {}

    def __call__(self, name: str) -> Path:
        if name not in self.built:
            self.built[name] = self._build(name)
        return self.built[name]

    def _build(self, name: str) -> Path:
        pdf = self.folder / f"{name}.pdf"
        tex = HERE / f"{name}.tex"
        if tex.exists():
            if shutil.which("pdflatex") is None:
                pytest.fail("pdflatex is missing: install TEST_DEBS (make test does)")
            command = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "-output-directory", str(self.folder)]
            run = subprocess.run(
                [*command, str(tex)],
                capture_output=True,
                text=True,
                cwd=self.folder,
            )
            assert run.returncode == 0, run.stdout[-3000:]
        else:
            spec = importlib.util.spec_from_file_location(f"golden_case_{name}", HERE / f"{name}.py")
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            module.build(str(pdf))
        assert pdf.exists()
        return pdf


@pytest.fixture(scope="session")
def build_pdf(tmp_path_factory: pytest.TempPathFactory) -> PdfBuilder:
    return PdfBuilder(tmp_path_factory.mktemp("golden"))


def structure(markdown: str) -> dict[str, list[str]]:
    """What must match even where the wording or the place of a note may differ.

    Headings, list items and code blocks in order; footnote definitions and links as sets
    (a footnote may stand after its paragraph, at the end of its page or of the document).
    """
    lines = markdown.splitlines()
    code = re.findall(r"^(`{3,})[^\n]*\n(.*?)\n\1$", markdown, flags=re.MULTILINE | re.DOTALL)
    outside = re.sub(r"^(`{3,})[^\n]*\n.*?\n\1$", "", markdown, flags=re.MULTILINE | re.DOTALL).splitlines()
    return {
        "headings": [line for line in outside if re.match(r"#{1,6} ", line)],
        "list items": [line for line in outside if re.match(r"\s*(?:[-*+]|\d{1,9}[.)]) ", line)],
        "code blocks": [body for _, body in code],
        "footnotes": sorted(line for line in outside if re.match(r"\[\^[^\]]+\]: ", line)),
        "links": sorted(re.findall(r"\[[^\]]+\]\([^)]+\)", "\n".join(outside))),
        "page-number lines": [line for line in lines if re.fullmatch(r"\s*\d{1,4}\s*", line)],
    }


def _params() -> list[object]:
    params = []
    for name in case_names():
        expect = EXPECT.get(name, Expect())
        marks = [pytest.mark.xfail(strict=True, reason=expect.xfail)] if expect.xfail else []
        params.append(pytest.param(name, marks=marks, id=name))
    return params


def test_every_case_has_expected_markdown_and_a_judgement() -> None:
    names = case_names()
    assert len(names) >= 16
    assert [n for n in names if not (HERE / f"{n}.md").exists()] == []
    assert sorted(EXPECT) == names


@pytest.mark.parametrize("name", case_names())
def test_pdf_exercises_the_case(name: str, build_pdf: PdfBuilder) -> None:
    pdf = build_pdf(name)
    for fact in EXPECT.get(name, Expect()).pdf_facts:
        fact(pdf)


@pytest.mark.parametrize("name", _params())
def test_golden(name: str, build_pdf: PdfBuilder) -> None:
    expect = EXPECT.get(name, Expect())
    wanted = (HERE / f"{name}.md").read_text(encoding="utf-8")
    result = pagemill.convert(build_pdf(name))
    assert (result.status, result.errors) == ("ok", [])
    actual = result.markdown
    for text in expect.furniture:
        assert text not in actual, f"running header/footer {text!r} left in the Markdown"
    for text in expect.once:
        assert actual.count(text) == 1, f"{text!r} is a title and a running header: it must appear once"
    got, want = structure(actual), structure(wanted)
    assert got["page-number lines"] == [], "page numbers left in the Markdown"
    assert got == want
    if expect.similarity >= 1.0:
        assert actual == wanted
    else:
        ratio = difflib.SequenceMatcher(None, actual, wanted, autojunk=False).ratio()
        diff = difflib.unified_diff(wanted.splitlines(True), actual.splitlines(True), "expected", "actual")
        assert ratio >= expect.similarity, "".join(diff)


@pytest.mark.parametrize("name", case_names())
def test_conformance(name: str, build_pdf: PdfBuilder) -> None:
    """The Markdown is well-formed and reads as the JSON's blocks say (render/conformance.py)."""
    result = pagemill.convert(build_pdf(name))
    assert check(result.markdown, result.json()) == []
