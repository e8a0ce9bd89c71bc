"""The groff-ms producer family: registered, held out, and the Markdown pandoc turns into ms."""

from __future__ import annotations

from bench.corpus.generate import build
from bench.corpus.model import Table, pandoc_markdown
from bench.corpus.producers import producers
from bench.corpus.producers.groff import RECIPES
from bench.score.families import DEVELOPED_ON


def test_groff_recipes_are_one_held_out_family():
    found = producers()
    assert {found[r.engine].family for r in RECIPES} == {"groff-ms"}
    assert "groff-ms" not in DEVELOPED_ON
    assert len({r.name for r in RECIPES}) == len(RECIPES) == 7
    assert "groff" in found["groff"].debs


def test_ms_markdown_has_pipe_tables_under_their_caption_and_footnotes():
    recipe = next(r for r in RECIPES if r.name == "en-groff-tables")
    doc = build(recipe)
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    text = pandoc_markdown(doc, "ms")
    assert tables and "<table" not in text and "\\begin{" not in text
    for table in tables:
        assert f"Table {table.number}: {table.caption}\n\n| " in text
    notes = build(next(r for r in RECIPES if r.name == "en-groff-text"))
    assert notes.footnotes and all(f"[^{n}]: " in pandoc_markdown(notes, "ms") for n in notes.footnotes)
