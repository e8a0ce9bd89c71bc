"""The report's table: one row per tool, pagemill's ratios, a dash where nothing was measured."""

from bench.report import main_table, scan_speed_section
from bench.score import summarise


def results(speed):
    scores = {
        "text": 0.5,
        "heading_p": 1.0,
        "heading_r": 0.5,
        "heading_f1": 2 / 3,
        "order": 1.0,
        "tables": [],
        "tables_predicted": 0,
        "tables_matched": 0,
        "math_display": [],
        "math_inline": [],
    }
    summary = {"digital": summarise([scores]), "scanned": summarise([])}
    return {"tools": ["pagemill", "peer"], "summary": {"pagemill": summary, "peer": summary}, "speed": speed}


def test_ratios_are_pagemill_over_the_peer():
    speed = {"pagemill": {"pages_per_s": 50.0, "peak_mb": 100.0}, "peer": {"pages_per_s": 200.0, "peak_mb": 50.0}}
    rows = main_table(results(speed)).splitlines()
    assert rows[2].startswith("| pagemill | 0.50 | 1.00 | 0.50 | 0.67 | – | 1.00 | – |")
    assert rows[3].endswith("| 200.0 | 50 | 0.25 | 2.00 |")


def test_a_failed_peer_gets_no_speed_ratio():
    speed = {"pagemill": {"pages_per_s": 50.0, "peak_mb": 100.0}, "peer": {"pages_per_s": 0.0, "peak_mb": 50.0}}
    assert main_table(results(speed)).splitlines()[3].endswith("| 0.0 | 50 | – | 2.00 |")


def test_no_speed_measured():
    assert main_table(results({})).splitlines()[2].endswith("| – | – | – | – |")


def test_scanned_pages_per_second():
    run = {"pages": 19, "seconds": 17.6, "pages_per_s": 19 / 17.6, "peak_mb": 370.0, "ok": True}
    found = {
        "pagemill": {"per_pdf": {"speed-scans.pdf": run}},
        "pymupdf4llm": {"per_pdf": {"speed-scans.pdf": {**run, "seconds": 60.0, "pages_per_s": 19 / 60, "ok": False}}},
    }
    rows = scan_speed_section({"scan_speed": found}).splitlines()
    assert "19 pages" in rows[0]
    assert rows[-2] == "| pagemill | 17.6 | 1.08 | 370 |"
    assert rows[-1] == "| pymupdf4llm | 60.0 (failed) | 0.32 | 370 |"
    assert scan_speed_section({}) == "(not measured in this run)"
