"""Furniture left in, heading levels, metric groups, and the report by producer family."""

import pytest

from bench.report import family_section, generalisation_section, main_table
from bench.score import family_summaries, score_document, summarise
from bench.score.families import DEVELOPED_ON, family_of, group_of, metric_groups
from bench.score.furniture import furniture_scores, page_number_lines, roman
from bench.score.metrics import level_accuracy

HEAD = {"texts": ["Coastal measurements", "Technical report 7"], "page_numbers": False}
BODY = "# Calibration\n\nThe survey collected measurements from twelve stations.\n"
PAGE = "The survey collected measurements from twelve stations along the northern coast."  # > GAP letters


def test_running_heads_left_on_every_page_count_fully():
    predicted = "\n\n".join(f"Coastal measurements Technical report 7\n\n{PAGE} {n}" for n in range(1, 5))
    found = furniture_scores(BODY, predicted, HEAD, pages=4)
    assert found["furniture_leftover"] == {"Coastal measurements": 4, "Technical report 7": 4}
    assert found["furniture_places"] == 4  # a header's two parts are one place
    assert found["furniture_left"] == 1.0


def test_running_heads_that_change_by_chapter():
    chapters = {"texts": ["Data collection", "Methods", "Results", "Limitations"], "page_numbers": False}
    predicted = "\n\n".join(f"{head}\n\n{PAGE}" for head in chapters["texts"] for _ in range(2))
    assert furniture_scores(BODY, predicted, chapters, pages=8)["furniture_left"] == 1.0
    half = "\n\n".join(f"{head}\n\n{PAGE}\n\n{PAGE}" for head in chapters["texts"])
    assert furniture_scores(BODY, half, chapters, pages=8)["furniture_left"] == 0.5


def test_furniture_split_over_lines_or_styled_still_counts():
    predicted = f"*Coastal*\nmeasurements\n\n{PAGE}\n\n**COASTAL   MEASUREMENTS**\n\n<td>Coastal measurements</td>\n"
    assert furniture_scores(BODY, predicted, HEAD, pages=4)["furniture_leftover"]["Coastal measurements"] == 3


def test_furniture_that_is_also_body_text_is_not_charged():
    truth = "# Coastal measurements\n\nThe survey of coastal measurements.\n"
    clean = "# Coastal measurements\n\nThe survey of coastal measurements.\n"
    found = furniture_scores(truth, clean, HEAD, pages=10)
    assert found["furniture_left"] == 0.0
    kept_once = f"{PAGE}\n\nCoastal measurements\n\n{PAGE}\n\n" + clean
    found = furniture_scores(truth, kept_once, HEAD, pages=10)
    assert found["furniture_leftover"]["Coastal measurements"] == 1
    assert found["furniture_left"] == pytest.approx(0.1)


def test_the_copy_taken_for_the_body_is_the_heading():
    furniture = {"texts": ["Coastal measurements"], "page_numbers": True}
    truth = f"# Coastal measurements\n\n{PAGE}\n"
    predicted = f"2\nCoastal measurements\n\n{PAGE}\n\n# Coastal measurements\n\n{PAGE}\n"
    found = furniture_scores(truth, predicted, furniture, pages=4)
    assert found["furniture_leftover"] == {"Coastal measurements": 1, "page numbers": 1}
    assert found["furniture_places"] == 1  # the running head beside the page number, not the heading


def test_a_footer_and_the_next_header_are_one_place():
    furniture = {"texts": ["Coastal measurements"], "page_numbers": True}
    predicted = f"{PAGE}\n\n2\n\fCoastal measurements\n\n{PAGE}\n\n- 3 -\n\n{PAGE}\n\nPage 4 of 10\n\n{PAGE}"
    found = furniture_scores(BODY, predicted, furniture, pages=10)
    assert found["furniture_leftover"] == {"Coastal measurements": 1, "page numbers": 3}
    assert found["furniture_places"] == 3
    assert found["furniture_left"] == pytest.approx(0.3)


def test_page_number_lines():
    text = "1\n\n**2**\n\nPage 3\n\n4 of 9\n\n— 5 —\n\n8 / 9\n\nSeite 6 von 9\n\niv\n\n\f7\n"
    assert page_number_lines(text, 9).keys() == {"1", "2", "3", "4", "5", "6", "7", "8", "iv"}
    assert page_number_lines("3\n\n3\n\n3\n", 9) == {"3": 0}  # a number counts once
    # beyond the page count, inside a sentence, a list item or a year: not page numbers
    assert page_number_lines("12\n\nSee page 3 for more.\n\n3. Third item\n\n1999\n", 9) == {}
    assert roman("iv") == 4 and roman("ix") == 9 and roman("iiv") is None


def test_a_footnote_mark_on_its_own_line_is_not_a_page_number():
    truth = "Text.[^1]\n\n[^1]: Monthly means compared with the archive.\n"
    predicted = "Text.1\n  1\n    Monthly means compared with the archive.\n\n   2\n"
    found = furniture_scores(truth, predicted, {"texts": [], "page_numbers": True}, pages=2)
    assert found["furniture_leftover"] == {"page numbers": 1}


def test_page_numbers_also_in_the_truth_are_not_charged():
    furniture = {"texts": [], "page_numbers": True}
    truth = "A table of counts:\n\n3\n"  # a line with only "3" that belongs to the text
    found = furniture_scores(truth, "A table of counts:\n\n3\n", furniture, pages=5)
    assert found["furniture_left"] == 0.0


def test_no_furniture_printed_means_no_score():
    assert furniture_scores(BODY, "Coastal measurements", {"texts": [], "page_numbers": False}, 3) == {}
    assert "furniture_left" not in score_document(BODY, {"scanned": False, "pages": 2}, BODY)
    # an empty output (a failure, a scan the tool cannot read) leaves no furniture but is not judged
    assert "furniture_left" not in score_document(BODY, {"scanned": True, "pages": 2, "furniture": HEAD}, "")
    assert score_document(BODY, {"scanned": True, "pages": 2, "furniture": HEAD}, BODY)["furniture_left"] == 0.0


def test_level_accuracy_by_rank():
    truth = [(1, "Introduction"), (2, "Methods"), (3, "Details"), (1, "Results")]
    shifted = [(level + 1, text) for level, text in truth]
    assert level_accuracy(truth, shifted) == 1.0
    flat = [(2, text) for _, text in truth]
    assert level_accuracy(truth, flat) == 0.5  # the two H1s are right, H2 and H3 wrong
    assert level_accuracy(truth, [(1, "Something else")]) is None


def test_document_scores_heading_f1_and_level():
    truth = "# Introduction\n\ntext\n\n## Methods\n\ntext\n"
    predicted = "## Introduction\n\ntext\n\n### Methods\n\ntext\n\n## Extra\n"
    scores = score_document(truth, {"scanned": False}, predicted)
    assert scores["heading_p"] == pytest.approx(2 / 3) and scores["heading_r"] == 1.0
    assert scores["heading_f1"] == pytest.approx(0.8)
    assert scores["heading_level"] == 1.0


def test_meta_metrics_choose_the_groups():
    meta = {"scanned": False, "pages": 1, "metrics": ["tables"], "furniture": HEAD}
    scores = score_document("| a | b |\n|---|---|\n| 1 | 2 |\n", meta, "nothing")
    assert "tables" in scores
    assert not {"text", "heading_p", "order", "math_display", "furniture_left"} & set(scores)
    summary = summarise([scores])
    assert summary["text"] is None and summary["table_r"] == 0.0
    with pytest.raises(ValueError):
        metric_groups({"metrics": ["tabels"]})


def test_families_and_groups():
    assert family_of({"family": "libreoffice"}) == "libreoffice"
    assert family_of({}, real=True) == "real-scans"
    assert group_of("pandoc-latex", scanned=True) == "pandoc-latex (scans)"
    assert group_of("real-scans", scanned=True) == "real-scans"
    assert {"pandoc-latex", "weasyprint", "real-scans", "libreoffice"} <= DEVELOPED_ON
    assert "pandoc-docx" not in DEVELOPED_ON  # a family nobody tuned on (the tests' held-out example)


def test_summary_pools_furniture_over_pages():
    docs = [{"furniture_left": 0.0, "pages": 90}, {"furniture_left": 1.0, "pages": 10}, {"text": 1.0, "pages": 5}]
    assert summarise(docs)["furniture_left"] == pytest.approx(0.1)


def doc(family: str, text: float, scanned: bool = False, real: bool = False) -> dict:
    return {
        "family": family,
        "text": text,
        "heading_p": 1.0,
        "heading_r": 1.0,
        "heading_f1": 1.0,
        "furniture_left": 0.02,
        "scanned": scanned,
        "real": real,
        "ok": True,
        "lang": "en",
        "dpi": 300 if scanned else None,
        "pages": 4,
        **({"cer": 1 - text} if scanned else {}),
    }


def summaries(documents: dict) -> dict:
    """What bench.run.summaries gives the report, without importing the runner (psutil)."""
    digital = [r for r in documents.values() if not r["scanned"]]
    return {"digital": summarise(digital), **family_summaries(documents)}


def run_results() -> dict:
    documents = {
        "a": doc("pandoc-latex", 0.9),
        "a-scan300": doc("pandoc-latex", 0.8, scanned=True),
        "b": doc("pandoc-docx", 0.7),
        "real-x": doc("", 0.6, scanned=True, real=True),
    }
    other = {name: {**r, "text": r["text"] - 0.1} for name, r in documents.items()}
    per_tool = {"pagemill": documents, "pymupdf4llm": other}
    return {
        "tools": ["pagemill", "pymupdf4llm"],
        "summary": {tool: summaries(docs) for tool, docs in per_tool.items()},
        "speed": {},
        "documents": per_tool,
    }


def test_summaries_by_family_and_developed_on():
    summary = run_results()["summary"]["pagemill"]
    assert set(summary["families"]) == {"pandoc-latex", "pandoc-latex (scans)", "pandoc-docx", "real-scans"}
    assert summary["families"]["pandoc-docx"]["text"] == pytest.approx(0.7)
    assert summary["developed_on"]["text"] == pytest.approx(0.9)  # digital only
    assert summary["developed_on"]["cer"] == pytest.approx((0.2 + 0.4) / 2)  # scans and real scans
    assert summary["held_out"]["text"] == pytest.approx(0.7)
    assert summary["held_out"]["families"] == ["pandoc-docx"]


def test_report_has_a_table_per_family_and_the_generalisation_check():
    results = run_results()
    section = family_section(results)
    titles = [line for line in section.splitlines() if line.startswith("### ")]
    names = [t.removeprefix("### ").split(":")[0] for t in titles]
    assert names == ["pandoc-latex", "pandoc-latex (scans)", "pandoc-docx", "real-scans"]
    assert titles[2] == "### pandoc-docx: held out, 1 document, 4 pages"
    assert "| pagemill | 0.70 | 1.00 | 1.00 | 1.00 | – |" in section
    assert "| 2.0% | – |" in section
    check = generalisation_section(results)
    assert "Held out: pandoc-docx" in check
    assert "| pymupdf4llm | 0.80 / 0.60 |" in check
    assert "2.0%" in main_table(results)


def test_quick_run_takes_the_shortest_recipe_of_each_family_it_lacks(monkeypatch):
    pytest.importorskip("psutil")  # the runner measures processes with it (the tools venv has it)
    from bench import run
    from bench.corpus import generate, producers
    from bench.corpus.generate import Recipe
    from bench.corpus.producers import Producer

    def render(*_):
        return None

    engines = {
        "pdflatex": Producer("pdflatex", "pandoc-latex", render),
        "soffice": Producer("soffice", "libreoffice", render),
        "memoir": Producer("memoir", "publisher-latex", render),
    }
    recipes = [
        Recipe("en-latex-text", "en", "pdflatex"),
        Recipe("lo-long", "en", "soffice", sections=9),
        Recipe("lo-short", "en", "soffice", sections=2),
        Recipe("lo-short-too", "en", "soffice", sections=2),
        Recipe("book", "en", "memoir", sections=20),
    ]
    monkeypatch.setattr(generate, "recipes", lambda: recipes)
    monkeypatch.setattr(producers, "producers", lambda: engines)
    monkeypatch.setattr(run, "QUICK_DOCS", ("en-latex-text", "real-linn"))
    assert run.quick_documents() == ("en-latex-text", "real-linn", "lo-short", "book")
