"""The Markdown reader the scorers share: plain text, headings, tables, math, chunks."""

from bench.score.markdown import display_math, headings, inline_math, order_chunks, plain_text, tables


def test_plain_text_strips_syntax_but_keeps_words():
    source = (
        "# Title\n\nSome **bold** and *italic* and `code` with a [link](http://x) and ![alt text](a.png).[^1]\n\n"
        "- item one\n  1. nested two\n\n```\nx = 1\n```\n\n[^1]: The note.\n"
    )
    assert (
        plain_text(source)
        == "Title Some bold and italic and code with a link and alt text. item one nested two x = 1 The note."
    )


def test_plain_text_drops_math_and_reads_tables_cell_by_cell():
    source = (
        "A $x^2$ b.\n\n$$\n\\frac{1}{2}\n$$\n\n| h1 | h2 |\n|---|---|\n| a | b |\n\n"
        "<table><tr><td>c</td><td>d</td></tr></table>"
    )
    assert plain_text(source) == "A b. h1 h2 a b c d"


def test_plain_text_normalises_ligatures_and_spaces():
    assert plain_text("ﬁne   \n\n  text") == "fine text"


def test_headings_outside_code_only():
    source = "# One\n\n```\n# not a heading\n```\n\n### Three ###\n\n<h2>Two</h2>"
    assert headings(source) == [(1, "One"), (3, "Three"), (2, "Two")]


def test_tables_in_document_order_with_spans():
    source = (
        '<table><tr><th colspan="2">wide</th></tr><tr><td>a</td><td>b</td></tr></table>\n\n'
        "text\n\n| x | y |\n|:--|--:|\n| 1 | 2 |\n"
    )
    found = tables(source)
    assert [grid.rows for grid in found] == [
        [[("wide", 2, 1)], [("a", 1, 1), ("b", 1, 1)]],
        [[("x", 1, 1), ("y", 1, 1)], [("1", 1, 1), ("2", 1, 1)]],
    ]


def test_math_display_and_inline():
    source = "Let $a_1$ and \\(b\\) be.\n\n$$\nE = mc^2\n$$\n\n\\[ x \\]\n\nCosts $5 and $6 dollars."
    assert display_math(source) == ["E = mc^2", "x"]
    assert inline_math(source) == ["a_1", "b"]  # "$5 and $6": a closing $ never follows a space
    # pandoc: no formula opens before a space, none closes right before a digit (prices in a table)
    assert inline_math("<td>$ 72.00</td><td>$ 1,008.00</td> and $x$, $5$") == ["x", "5"]
    assert inline_math("from $5 to $10 each") == []


def test_order_chunks_skip_tables_math_and_footnotes():
    source = (
        "A paragraph that is long enough to count.\n\n$$\nx\n$$\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "[^1]: A footnote text that is long enough."
    )
    assert order_chunks(source) == ["A paragraph that is long enough to count."]


def test_list_items_and_footnotes_counted_one_to_one():
    from bench.score.document import block_counts, summarise
    from bench.score.markdown import list_items

    truth = "Intro.\n\n- First item\n- Second *item*\n  1. Nested one\n\n```\n- not an item\n```\n\n"
    truth += "| - | a |\n\n[^1]: A note.\n"
    assert list_items(truth) == ["First item", "Second item", "Nested one"]
    predicted = "Intro.\n\n- First item\n\nSecond item\n\n1. Nested one\n2. Invented item\n\nA note.\n"
    counts = block_counts(truth, predicted)
    assert counts == {
        "list_truth": 3,
        "list_predicted": 3,
        "list_matched": 2,
        "note_truth": 1,
        "note_predicted": 0,
        "note_matched": 0,
        "caption_truth": 0,
        "caption_predicted": 0,
        "caption_matched": 0,
    }
    summary = summarise([counts])
    assert (summary["list_p"], summary["list_r"], summary["note_p"], summary["note_r"]) == (2 / 3, 2 / 3, None, 0.0)


def test_captions_are_paragraphs_of_their_own():
    from bench.score.document import block_counts
    from bench.score.markdown import captions

    truth = "Text before.\n\nTable 1: Temperature by station\n\n| a | b |\n|---|---|\n\n"
    truth += "Table 2 shows it.\n\nFigure 2. Map\n"
    assert captions(truth) == ["Table 1: Temperature by station", "Figure 2. Map"]
    # a caption run into the text after it is no caption found; a caption in italics is one
    predicted = "Text before.\n\n*Table 1: Temperature by station*\n\n"
    predicted += "Figure 2. Map of the area, which shows the stations.\n"
    counts = block_counts(truth, predicted)
    assert (counts["caption_truth"], counts["caption_predicted"], counts["caption_matched"]) == (2, 2, 1)
