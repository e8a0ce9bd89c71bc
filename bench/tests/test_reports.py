"""The report, one-page and real-table families: documents, printers' input, truth and provenance."""

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from bench.corpus.model import Cell, Document, Para, Table, truth_markdown
from bench.corpus.producers import producers
from bench.corpus.producers.latex_print import longtable, source
from bench.corpus.producers.layout import numeric_columns, placed
from bench.corpus.producers.reports import RECIPES, build_page, build_report
from bench.score import score_document
from bench.score.markdown import headings, tables

REALTABLES = Path(__file__).resolve().parents[1] / "realtables"
REPORTS = [r for r in RECIPES if r.engine.endswith("-report")]
PAGES = [r for r in RECIPES if r.engine.endswith("-page")]


def test_recipes_cover_both_printers_and_are_registered():
    assert len(REPORTS) >= 15 and len(PAGES) >= 10
    assert {r.engine for r in RECIPES} == {"reportlab-report", "pdflatex-report", "reportlab-page", "pdflatex-page"}
    found = producers()
    assert {found[r.engine].family for r in RECIPES} == {"reports", "single-page"}
    assert len({r.name for r in RECIPES}) == len(RECIPES)


def test_reports_are_deterministic_and_their_truth_reads_back():
    for recipe in REPORTS[:3] + REPORTS[8:10]:
        doc = build_report(recipe)
        truth = truth_markdown(doc)
        assert truth == truth_markdown(build_report(recipe))
        doc_tables = [b for b in doc.blocks if isinstance(b, Table)]
        assert len(tables(truth)) == len(doc_tables)
        assert {t.rule_style for t in doc_tables} <= {"none", "header", "frame"}
        assert len(headings(truth)) == 1 + recipe.sections
        # a table without a caption prints no "Table N" line; captioned ones are numbered 1, 2, ...
        numbers = [t.number for t in doc_tables if t.caption]
        assert numbers == list(range(1, len(numbers) + 1))
        assert truth.count("Table ") >= len(numbers)


def test_report_truth_scores_perfectly_against_itself():
    # the statements only: TEDS on a 140-row schedule takes seconds
    doc = build_report(REPORTS[0])
    doc.blocks = [b for b in doc.blocks if not isinstance(b, Table) or len(b.rows) < 40]
    truth = truth_markdown(doc)
    kinds = [{"ruled": b.ruled, "merged": b.merged} for b in doc.blocks if isinstance(b, Table)]
    scores = score_document(truth, {"tables": kinds}, truth)
    assert scores["text"] == pytest.approx(1.0) and all(t["teds"] == pytest.approx(1.0) for t in scores["tables"])


def test_reports_hold_what_the_family_is_for():
    docs = [build_report(r) for r in REPORTS]
    all_tables = [b for d in docs for b in d.blocks if isinstance(b, Table)]
    cells = [c.text for t in all_tables for row in t.rows for c in row]
    assert any(c.startswith("(") and c.endswith(")") for c in cells)  # negative amounts
    assert any(c.startswith("$ ") for c in cells) and any("¹" in c for c in cells) and any("(a)" in c for c in cells)
    assert any(t.merged for t in all_tables) and any(not t.caption for t in all_tables)
    assert any(not t.repeat for t in all_tables) and any(len(t.rows) > 60 for t in all_tables)
    assert {t.rule_style for t in all_tables} == {"none", "header", "frame"}
    assert any(c.indent == 2 for t in all_tables for row in t.rows for c in row)
    prose = " ".join(b.text for d in docs for b in d.blocks if isinstance(b, Para))
    assert " million" in prose and "$" in prose
    assert all(d.furniture and d.page_numbers for d in docs)


def test_one_page_documents_carry_their_furniture():
    for recipe in PAGES:
        doc = build_page(recipe)
        assert doc.furniture and all(text not in truth_markdown(doc) for text in doc.furniture), recipe.name


def test_placed_and_numeric_columns():
    table = Table(
        [
            [Cell("Fund", rowspan=2), Cell("Assets", colspan=2)],
            [Cell("Current"), Cell("Other")],
            [Cell("General"), Cell("1,204.5"), Cell("(3.0)")],
        ],
        2,
        False,
        "",
        rules="header",
    )
    assert [(p.row, p.column) for p in placed(table)] == [(0, 0), (0, 1), (1, 1), (1, 2), (2, 0), (2, 1), (2, 2)]
    assert numeric_columns(table) == {1, 2}
    latex = longtable(table)
    assert r"\multirow{2}{*}" in latex and r"\cmidrule(lr){2-3}" in latex and r"\toprule" in latex
    assert latex.count(r"\endhead") == 1 and latex.count(r"\multirow") == 2  # header printed again on each page
    table.repeat = False
    assert longtable(table).count(r"\multirow") == 1


def test_latex_source_escapes_and_prints_furniture_once():
    doc = Document([Para("Costs rose 5% to $178 million & more.")], furniture=["Acme & Co", "acme.example"])
    text = source(doc, {"head": "letterhead"})
    assert r"5\% to \$178 million \& more." in text and r"Acme \& Co" in text and "acme.example" in text


def test_reportlab_prints_a_one_page_document(tmp_path):
    pytest.importorskip("reportlab")
    recipe = next(r for r in PAGES if r.engine == "reportlab-page" and "datasheet" in r.variant)
    doc = build_page(recipe)
    producers()[recipe.engine].render(recipe, doc, tmp_path, tmp_path / "out.pdf")
    data = (tmp_path / "out.pdf").read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") >= 1
    text = subprocess.run(["pdftotext", str(tmp_path / "out.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Page 1 of 1" in text and doc.furniture[0] in text


def test_real_tables_match_their_checksums_and_truth():
    sums = dict(line.split()[::-1] for line in (REALTABLES / "SHA256SUMS").read_text().splitlines())
    metas = sorted(REALTABLES.glob("*.json"))
    assert len(metas) >= 8 and sum(len(json.loads(m.read_text())["tables"]) for m in metas) >= 10
    for path in metas:
        meta = json.loads(path.read_text())
        pdf = REALTABLES / "pdf" / meta["pdf"]
        assert hashlib.sha256(pdf.read_bytes()).hexdigest() == sums[meta["pdf"]]
        assert pdf.stat().st_size < 200_000 and meta["metrics"] == ["tables"] and "tabula" not in meta["source"]
        truth = (REALTABLES / f"{path.stem}.md").read_text()
        assert len(tables(truth)) == len(meta["tables"]) and meta["name"] == f"table-{path.stem}"
