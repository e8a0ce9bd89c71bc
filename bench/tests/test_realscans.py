"""The real scans: their meta files, ground truth, selection, and their place in the summaries and the report."""

import json

import pytest

from bench.report import main_table, real_scans_section, write_reports
from bench.run import QUICK_DOCS, REAL, REALSCANS, load_realscan, realscan_documents, summaries
from bench.score import score_document
from bench.score.markdown import headings, tables

METAS = sorted(REALSCANS.glob("*.json"))


def checksummed() -> set[str]:
    return {line.split()[1] for line in (REALSCANS / "SHA256SUMS").read_text().splitlines() if line.strip()}


def test_every_meta_names_a_checksummed_pdf_and_its_page_truths():
    assert len(METAS) >= 6
    for path in METAS:
        meta = json.loads(path.read_text(encoding="utf-8"))
        assert meta["name"] == REAL + path.stem
        assert meta["pdf"] in checksummed(), path.name
        assert meta["scanned"] is True
        assert isinstance(meta["dpi"], int) and meta["dpi"] > 0
        assert meta["pages"] == len(meta["truth"]) >= 1, path.name
        assert all((REALSCANS / f"{page}.md").exists() for page in meta["truth"]), path.name
        assert meta["lang"] and meta["licence"] and meta["source"]
    # every fetched PDF is scored, and the quick set takes some of them
    assert checksummed() == {json.loads(p.read_text())["pdf"] for p in METAS}
    assert 2 <= sum(n.startswith(REAL) for n in QUICK_DOCS) <= 3


@pytest.mark.parametrize("path", METAS, ids=lambda p: p.stem)
def test_ground_truth_scores_perfectly_against_itself(path):
    meta, truth = load_realscan(path.stem)
    assert len(tables(truth)) == len(meta["tables"])
    scores = score_document(truth, meta, truth)
    assert scores["text"] == pytest.approx(1.0)
    assert scores["cer"] == pytest.approx(0.0)
    if headings(truth):
        assert scores["heading_p"] == scores["heading_r"] == 1.0


def test_a_document_of_several_pages_joins_its_page_truths():
    meta, truth = load_realscan("cardinal")
    _, page = load_realscan("linn")
    assert meta["pages"] == 4
    assert truth == "\n\n".join([page.strip()] * 4) + "\n"
    assert len(headings(truth)) == 4 * len(headings(page))


def test_scans_not_fetched_are_left_out_with_a_warning(tmp_path, capsys):
    truth, pdfs = tmp_path / "truth", tmp_path / "pdfs"
    truth.mkdir()
    pdfs.mkdir()
    for stem in ("linn", "masks", "other"):
        (truth / f"{stem}.json").write_text("{}")
    (pdfs / "linn.pdf").write_bytes(b"%PDF")
    (pdfs / "other.pdf").write_bytes(b"%PDF")
    assert realscan_documents(False, truth, pdfs) == ["real-linn", "real-other"]
    assert "real-masks" in capsys.readouterr().err
    assert realscan_documents(True, truth, pdfs) == ["real-linn"]  # only the quick set's


def scores(text: float, cer: float | None, scanned: bool, real: bool, lang: str = "en") -> dict:
    found = {
        "text": text,
        "heading_p": 1.0,
        "heading_r": 1.0,
        "ok": True,
        "scanned": scanned,
        "real": real,
        "lang": lang,
        "dpi": 300,
        "pages": 1,
    }
    if cer is not None:
        found["cer"] = cer
    return found


def test_real_scans_are_summarised_apart_from_the_corpus():
    documents = {
        "en-latex": scores(0.9, None, False, False),
        "en-latex-scan300": scores(0.8, 0.1, True, False),
        "real-linn": scores(0.5, 0.5, True, True),
        "real-masks": scores(0.3, 0.7, True, True, "de"),
    }
    summary = summaries(documents)
    assert summary["scanned"]["documents"] == 1 and summary["scanned"]["cer"] == pytest.approx(0.1)
    assert summary["real_scans"]["documents"] == 2
    assert summary["real_scans"]["cer"] == pytest.approx(0.6)
    assert summary["real_scans"]["text"] == pytest.approx(0.4)
    assert set(summary["by_language"]) == {"en"}  # the real scans' languages are not the corpus's
    # a run without real scans: an empty block, dashes in the report
    assert summaries({"en-latex": documents["en-latex"]})["real_scans"]["cer"] is None


def run(tool_scores: dict[str, dict[str, dict]]) -> dict:
    tools = list(tool_scores)
    return {
        "mode": "partial",
        "tools": tools,
        "summary": {t: summaries(d) for t, d in tool_scores.items()},
        "documents": tool_scores,
        "speed": {},
    }


def test_the_report_has_real_scan_columns_and_one_row_per_real_scan():
    results = run(
        {
            "pagemill": {"real-linn": scores(0.9, 0.05, True, True), "en-latex": scores(0.8, None, False, False)},
            "pdftotext": {"real-linn": scores(0.0, 1.0, True, True), "en-latex": scores(0.7, None, False, False)},
        }
    )
    rows = main_table(results).splitlines()
    assert "| text real | CER real |" in rows[0]
    assert rows[2].startswith("| pagemill | 0.80 |") and "| 0.90 | 0.05 | – |" in rows[2]
    section = real_scans_section(results).splitlines()
    assert section[0].endswith("| pages | CER pagemill | CER pdftotext | text pagemill | text pdftotext |")
    assert section[2] == "| real-linn | en | 300 | 1 | 0.05 | 1.00 | 0.90 | 0.00 |"
    assert section[3] == "| **mean** | | | | 0.05 | 1.00 | 0.90 | 0.00 |"


def test_an_old_run_without_real_scans_still_renders():
    results = run({"pagemill": {"en-latex": scores(0.8, None, False, False)}})
    del results["summary"]["pagemill"]["real_scans"]
    assert main_table(results).splitlines()[2].startswith("| pagemill | 0.80 |")
    assert real_scans_section(results).startswith("(no real scans")


def test_a_partial_run_leaves_latest_and_quick_alone(tmp_path):
    results = run({"pagemill": {"real-linn": scores(0.9, 0.05, True, True)}})
    results.update(
        date="today",
        minutes=0.1,
        versions={},
        corpus={"documents": 0, "scanned": 0, "real_scans": 1},
        memory={},
        machine={"cores": 2, "cpu": "cpu", "load_average_at_start": [0.0, 0.0, 0.0]},
    )
    write_reports(results, tmp_path, latest=False)
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".json", ".md"]
    assert all(p.name.startswith("partial-") for p in tmp_path.iterdir())
