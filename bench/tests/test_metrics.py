"""The metrics on small hand-made cases whose values are known."""

import pytest

from bench.score.markdown import Grid, tables
from bench.score.metrics import (
    character_error_rate,
    heading_scores,
    latex_tokens,
    match_math,
    match_tables,
    math_similarity,
    reading_order,
    teds,
    text_similarity,
    text_with_notes,
)


def test_text_similarity_and_cer():
    assert text_similarity("abcd", "abcd") == 1.0
    assert text_similarity("abcd", "abxd") == pytest.approx(0.75)
    assert character_error_rate("abcd", "abxd") == pytest.approx(0.25)
    assert character_error_rate("abcd", "") == 1.0
    assert character_error_rate("ab", "abcdefgh") == 1.0  # capped


def test_heading_precision_and_recall():
    truth = [(1, "Introduction"), (2, "Methods"), (2, "Results")]
    predicted = [(1, "Introduction"), (1, "Method s"), (2, "Appendix"), (3, "Tables")]
    precision, recall = heading_scores(truth, predicted)
    assert (precision, recall) == (pytest.approx(2 / 4), pytest.approx(2 / 3))
    assert heading_scores(truth, []) == (0.0, 0.0)
    assert heading_scores([], []) == (1.0, 1.0)


PARAGRAPHS = [
    "The first paragraph talks about the stations on the coast.",
    "The second paragraph describes the hourly temperature series.",
    "The third paragraph compares them with the monthly means.",
    "The fourth paragraph lists what remains to be done next year.",
]


def test_reading_order_in_order_and_swapped():
    assert reading_order(PARAGRAPHS, " ".join(PARAGRAPHS)) == 1.0
    swapped = " ".join([PARAGRAPHS[2], PARAGRAPHS[3], PARAGRAPHS[0], PARAGRAPHS[1]])
    assert reading_order(PARAGRAPHS, swapped) == pytest.approx(0.5)
    assert reading_order(PARAGRAPHS, "nothing of the sort") is None


def grid(*rows):
    return Grid([[(c, 1, 1) if isinstance(c, str) else c for c in row] for row in rows])


def test_teds_identical_changed_and_spanned():
    table = grid(["a", "b"], ["1", "2"])
    assert teds(table, table) == 1.0
    # one of 7 nodes renamed with text distance 1: 1 - 1/7
    assert teds(table, grid(["a", "b"], ["1", "9"])) == pytest.approx(1 - 1 / 7)
    merged = grid([("a b", 2, 1)], ["1", "2"])
    assert teds(table, merged) < 0.75
    assert teds(table, grid(["a"])) == pytest.approx(1 - 4 / 7)


def test_teds_reads_markdown_and_html_the_same():
    pipe = tables("| a | b |\n|---|---|\n| 1 | 2 |\n")[0]
    html = tables(
        "<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>"
    )[0]
    assert teds(pipe, html) == 1.0


def test_tables_matched_by_content():
    truth = [grid(["a", "b"], ["1", "2"]), grid(["x", "y"], ["7", "8"])]
    predicted = [grid(["x", "y"], ["7", "8"]), grid(["p", "q"], ["r", "s"])]
    assert match_tables(truth, predicted) == [(1, 0)]


def test_latex_normalisation():
    assert latex_tokens("x^{2}") == latex_tokens("x^2")
    assert latex_tokens(r"\left( x \right)") == latex_tokens("(x)")
    assert latex_tokens(r"a \le b") == latex_tokens(r"a\leq b")
    assert latex_tokens(r"\dfrac{1}{2}") == latex_tokens(r"\frac12")
    assert math_similarity(r"E = mc^2", r"E=mc^{2}") == 1.0
    assert math_similarity(r"E = mc^2", r"E = mc^3") == pytest.approx(1 - 1 / 6)


def test_match_math_is_one_to_one():
    assert match_math(["a+b", "c+d"], ["a+b"]) == [1.0, 0.0]


def test_footnotes_count_wherever_the_tool_puts_them():
    body = "The body text of the page, long enough to matter here."
    note = "Map of the stations (1): remove duplicate records."
    at_the_foot = f"The body text of the page, {note} long enough to matter here."
    assert text_with_notes(body, [note], at_the_foot) == (pytest.approx(1.0), pytest.approx(0.0))
    without = text_with_notes(body, [note], body)
    share = len(note) / (len(body) + len(note))
    assert without == (pytest.approx(1 - share), pytest.approx(share))


def test_text_with_notes_equals_plain_metrics_without_notes():
    assert text_with_notes("abcd", [], "abxd") == (pytest.approx(0.75), pytest.approx(0.25))
