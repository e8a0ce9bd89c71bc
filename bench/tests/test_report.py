"""The report's table: one row per tool, pagemill's ratios, a dash where nothing was measured."""

from bench.report import main_table
from bench.score import summarise


def results(speed):
    scores = {
        "text": 0.5,
        "heading_p": 1.0,
        "heading_r": 0.5,
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
    assert rows[2].startswith("| pagemill | 0.50 | 1.00 | 0.50 | 1.00 | – |")
    assert rows[3].endswith("| 200.0 | 50 | 0.25 | 2.00 |")


def test_a_failed_peer_gets_no_speed_ratio():
    speed = {"pagemill": {"pages_per_s": 50.0, "peak_mb": 100.0}, "peer": {"pages_per_s": 0.0, "peak_mb": 50.0}}
    assert main_table(results(speed)).splitlines()[3].endswith("| 0.0 | 50 | – | 2.00 |")


def test_no_speed_measured():
    assert main_table(results({})).splitlines()[2].endswith("| – | – | – | – |")
