"""The bench's issue-17 columns: invalid outputs and joined words, from pagemill's conformance checks."""

from pathlib import Path

from bench.score import summarise
from bench.score.faithful import faithful_scores, pdftotext_raw


def test_ill_formed_output_is_invalid_and_a_clean_one_is_not(tmp_path: Path, monkeypatch):
    monkeypatch.setattr("bench.score.faithful.pdftotext_raw", lambda pdf: "the rest of the page")
    bad = faithful_scores("It costs $178 million and\n\n```\ncode never closed\n", tmp_path / "x.pdf", {})
    assert bad["invalid"] == 1 and bad["problems"]
    good = faithful_scores("It costs \\$178 million.\n", tmp_path / "x.pdf", {})
    assert good["invalid"] == 0 and "problems" not in good


def test_joined_words_are_counted_against_the_raw_text(tmp_path: Path, monkeypatch):
    monkeypatch.setattr("bench.score.faithful.pdftotext_raw", lambda pdf: "one of the stations and the rest")
    scores = faithful_scores("one ofthe stations andthe rest", tmp_path / "x.pdf", {})
    assert (scores["joined"], scores["words"]) == (2, 5)
    assert "joined" not in faithful_scores("ofthe", tmp_path / "x.pdf", {"scanned": True})


def test_summary_pools_joined_words_and_counts_invalid_documents():
    results = [
        {"invalid": 1, "joined": 2, "words": 1000, "pages": 1},
        {"invalid": 0, "joined": 0, "words": 1000, "pages": 1},
    ]
    summary = summarise(results)
    assert summary["invalid"] == 1 and summary["joined_per_1000"] == 1.0


def test_pdftotext_raw_reads_a_real_pdf(tmp_path: Path):
    reportlab = __import__("pytest").importorskip("reportlab.pdfgen.canvas")
    pdf = tmp_path / "one.pdf"
    canvas = reportlab.Canvas(str(pdf))
    canvas.drawString(72, 720, "one of the stations")
    canvas.save()
    assert "of the" in pdftotext_raw(pdf)
