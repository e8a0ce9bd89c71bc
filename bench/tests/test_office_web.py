"""The libreoffice and chromium producers' writers: DOCX structure and web-page HTML, without printing."""

import re

import pytest

from bench.corpus.generate import build
from bench.corpus.model import Cell, Code, Document, Heading, Item, ListBlock, Para, Table, truth_markdown
from bench.corpus.producers import chromium, libreoffice, producers
from bench.corpus.producers.web_writer import article_html, highlight


def sample() -> Document:
    return Document(
        blocks=[
            Heading(1, "Methods"),
            Para("**Sampling.** The stations are *twelve* and `make` runs{fn:1} them. The mean $\\bar{x}$ holds."),
            ListBlock(False, [Item("first"), Item("second", ListBlock(True, [Item("inner")]))]),
            Code(['print("x", 1)  # done']),
            Table(
                [
                    [Cell("A", rowspan=2), Cell("B", colspan=2)],
                    [Cell("b1"), Cell("b2")],
                    [Cell("1"), Cell("2"), Cell("3")],
                ],
                header_rows=2,
                ruled=False,
                caption="Spans",
                number=1,
            ),
        ],
        footnotes={1: "A note (1): here."},
    )


def test_recipes_are_registered_and_named_once():
    found = producers()
    assert found["libreoffice"].family == "libreoffice" and found["chromium"].family == "chromium"
    names = [r.name for r in libreoffice.RECIPES + chromium.RECIPES]
    assert len(names) == len(set(names)) and len(libreoffice.RECIPES) >= 20 and len(chromium.RECIPES) >= 20
    assert {r.lang for r in libreoffice.RECIPES} >= {"en", "de", "fr", "ru", "el", "zh"}
    variants = {r.variant for r in chromium.RECIPES if "math" in r.features}
    assert variants == {"katex", "mathjax"}
    assert not any("math" in r.features or "inline_math" in r.features for r in libreoffice.RECIPES)


def test_run_in_heads_are_bold_body_text_and_deterministic():
    recipe = next(r for r in libreoffice.RECIPES if r.name == "en-docx-text")
    doc = libreoffice.build_document(recipe)
    assert truth_markdown(doc) == truth_markdown(libreoffice.build_document(recipe))
    heads = [b for b in doc.blocks if isinstance(b, Para) and re.match(r"\*\*[^*]+\.\*\* ", b.text)]
    assert heads, "some paragraph opens with a bold run-in head"
    assert len([b for b in doc.blocks if isinstance(b, Heading)]) == len(
        [b for b in build(recipe).blocks if isinstance(b, Heading)]
    )


def test_article_html_keeps_the_text_and_numbers_the_notes():
    seen = []

    def math(latex: str, display: bool) -> str:
        seen.append((latex, display))
        return "<span>MATH</span>"

    page = article_html(sample(), math)
    assert seen == [("\\bar{x}", False)]
    assert "<h2>Methods</h2>" in page and "<strong>Sampling.</strong>" in page and "<em>twelve</em>" in page
    assert '<sup class="fnref"><a href="#fn1">1</a></sup>' in page and '<li id="fn1">A note (1): here.</li>' in page
    assert '<td rowspan="2">' not in page and '<th rowspan="2">A</th>' in page
    assert "<caption>Table 1: Spans</caption>" in page and "<ul><li>first</li><li>second<ol><li>inner" in page


def test_highlighting_changes_colours_not_text():
    line = 'for value in values:  # "quoted" 12'
    coloured = highlight(line)
    assert "<span" in coloured
    assert re.sub(r"<[^>]+>", "", coloured).replace("&quot;", '"') == line


def test_docx_has_styles_numbering_footnotes_and_merged_cells(tmp_path):
    docx = pytest.importorskip("docx")  # the bench tools venv has python-docx; pagemill's venv may not
    from bench.corpus.producers.docx_writer import Look, write_docx

    path = tmp_path / "doc.docx"
    write_docx(
        sample(), Look(body="Carlito", heading="Carlito", columns=2, header="Head", numbered=True), tmp_path, path
    )
    opened = docx.Document(str(path))
    paragraphs = opened.paragraphs
    assert paragraphs[0].style.name == "Heading 1" and paragraphs[0].text == "Methods"
    body = paragraphs[1]
    assert [r.text for r in body.runs if r.bold] == ["Sampling."]
    assert [r.text for r in body.runs if r.italic] == ["twelve"]
    lists = [p for p in paragraphs if p.style.name == "List Paragraph"]
    assert [p.text for p in lists] == ["first", "second", "inner"]
    levels = [p._p.pPr.numPr.ilvl.val for p in lists]
    assert levels == [0, 0, 1]
    xml = opened.element.xml
    assert 'w:footnoteReference w:id="1"' in xml and 'w:gridSpan w:val="2"' in xml and "w:vMerge" in xml
    assert 'w:num="2"' in xml
    notes = [rel.target_part for rel in opened.part.rels.values() if rel.reltype.endswith("/footnotes")]
    assert len(notes) == 1 and b"A note (1): here." in notes[0].blob
    assert opened.sections[0].header.paragraphs[0].text == "Head"
    assert "PAGE" in opened.sections[0].footer._element.xml
