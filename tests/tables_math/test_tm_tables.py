"""Golden tables: booktabs, a ruled table with merged header cells, a longtable over two pages."""

from __future__ import annotations

from typing import Any

import pytest
import tm_latex as cases

import pagemill
from pagemill.model import BlockKind, Drawing, Font, Glyph, RawPage
from pagemill.stages.tables import find_tables


def grid_of(block: Any) -> list[list[str]]:
    rows, cols = block.attrs["rows"], block.attrs["cols"]
    grid = [["" for _ in range(cols)] for _ in range(rows)]
    for cell in block.attrs["cells"]:
        grid[cell["row"]][cell["col"]] = cell["text"]
    return grid


def tables(result: Any) -> list[Any]:
    return [b for b in result.document.blocks() if b.kind is BlockKind.TABLE and not b.attrs.get("continued")]


@pytest.fixture(scope="module")
def two_tables() -> pagemill.Result:
    body = cases.paragraph(2) + cases.BOOKTABS + cases.paragraph(2) + cases.MERGED_HEADER + cases.paragraph(1)
    return pagemill.convert(cases.build_pdf("tables", cases.document(body)))


def test_booktabs_table_is_a_github_table(two_tables: pagemill.Result) -> None:
    booktabs = tables(two_tables)[0]
    assert grid_of(booktabs) == cases.BOOKTABS_GRID
    assert booktabs.attrs["header_rows"] == 1
    expected = "| Method | Time | Score |\n|---|---|---|\n| Alpha | 12.5 | 0.91 |"
    assert expected in two_tables.markdown


def test_merged_header_cells_keep_their_spans(two_tables: pagemill.Result) -> None:
    ruled = tables(two_tables)[1]
    found = sorted(
        (c["row"], c["col"], c.get("rowspan", 1), c.get("colspan", 1), c["text"]) for c in ruled.attrs["cells"]
    )
    assert found == sorted(cases.MERGED_HEADER_CELLS)
    assert ruled.attrs["header_rows"] == 2
    assert '<th rowspan="2">Name</th><th colspan="2">Scores</th>' in two_tables.markdown
    assert all(len(c["bbox"]) == 4 for c in ruled.attrs["cells"])


def test_captions_and_prose_stay_out_of_the_tables(two_tables: pagemill.Result) -> None:
    assert "Table 1: Results of the runs" in two_tables.markdown
    for block in tables(two_tables):
        assert "measurements" not in block.text


def test_table_split_across_two_pages_is_one_table() -> None:
    result = pagemill.convert(cases.build_pdf("long", cases.document(cases.longtable_source(), "longtable")))
    found = tables(result)
    assert len(found) == 1
    assert grid_of(found[0]) == cases.LONG_GRID
    assert found[0].attrs["pages"] == [1, 2]
    assert result.markdown.count("Triple") == 1  # the header repeated on page 2 is dropped
    assert result.markdown.count("| Item 70 | 210 | 4900 |") == 1


def test_wrapped_cells_between_rules_stay_one_cell() -> None:
    body = cases.paragraph(2) + cases.WRAPPED + cases.paragraph(2)
    found = tables(pagemill.convert(cases.build_pdf("wrapped", cases.document(body))))
    assert len(found) == 1
    assert grid_of(found[0]) == cases.WRAPPED_GRID


def test_table_without_rules_is_found_from_its_caption() -> None:
    body = cases.paragraph(3) + cases.UNRULED + cases.paragraph(3)
    result = pagemill.convert(cases.build_pdf("unruled", cases.document(body)))
    found = tables(result)
    assert len(found) == 1
    assert grid_of(found[0]) == cases.UNRULED_GRID
    assert "| Liquid | Celsius | Fahrenheit |" in result.markdown
    assert "Table 1: Boiling points at sea level" in result.markdown


def test_prose_under_a_table_caption_is_not_a_table() -> None:
    body = cases.paragraph(2) + "\\begin{table}[h]\\caption{Only words here}\\end{table}\n\n" + cases.paragraph(3)
    result = pagemill.convert(cases.build_pdf("caption-prose", cases.document(body)))
    assert tables(result) == []


def test_tables_can_be_switched_off(two_tables: pagemill.Result) -> None:
    body = cases.paragraph(2) + cases.BOOKTABS + cases.paragraph(2) + cases.MERGED_HEADER + cases.paragraph(1)
    result = pagemill.convert(cases.build_pdf("tables", cases.document(body)), tables=False)
    assert not tables(result)
    assert "|---|" not in result.markdown and "<table>" not in result.markdown


# -- synthetic pages: no pdflatex needed --------------------------------------------------------------


def _word(text: str, x: float, y: float, size: float = 10.0) -> list[Glyph]:
    return [Glyph(c, x + 5 * i, y, x + 5 * i + 5, y + 9, size, 0) for i, c in enumerate(text)]


def _page(glyphs: list[Glyph], drawings: list[Drawing]) -> RawPage:
    return RawPage(1, 600, 800, 0, glyphs, [Font("Helvetica")], drawings=drawings)


def _rule(y: float, x0: float = 100, x1: float = 300) -> Drawing:
    return Drawing(x0, y - 0.2, x1, y + 0.2, "hline", stroked=True)


def test_three_rules_around_two_columns_make_a_table() -> None:
    glyphs = _word("Key", 105, 102) + _word("Value", 220, 102) + _word("a", 105, 122) + _word("1", 220, 122)
    blocks = find_tables(_page(glyphs, [_rule(100), _rule(115), _rule(135)]), 10.0)
    assert len(blocks) == 1
    assert grid_of(blocks[0]) == [["Key", "Value"], ["a", "1"]]


def test_rules_with_prose_between_them_are_not_a_table() -> None:
    prose = _word("a long line of prose that runs wider than the rules do", 60, 110)
    assert find_tables(_page(prose, [_rule(100), _rule(135)]), 10.0) == []


def test_a_single_rule_or_a_fraction_bar_is_not_a_table() -> None:
    glyphs = _word("a", 105, 92) + _word("b", 105, 104)
    assert find_tables(_page(glyphs, [_rule(100)]), 10.0) == []
    assert find_tables(_page(glyphs, [_rule(100, 100, 112), _rule(110, 100, 112)]), 10.0) == []


# -- the TEDS scorer used for the measurements -----------------------------------------------------


def _cells(grid: list[list[str]]) -> list[dict[str, Any]]:
    return [{"row": r, "col": c, "text": text} for r, row in enumerate(grid) for c, text in enumerate(row)]


def test_teds_is_one_for_the_same_table_and_less_for_a_changed_one() -> None:
    from teds import table_tree, teds

    same = table_tree(_cells(cases.BOOKTABS_GRID), 4)
    assert teds(same, table_tree(_cells(cases.BOOKTABS_GRID), 4)) == 1.0
    changed = [row[:] for row in cases.BOOKTABS_GRID]
    changed[2][0] = "Beta"
    score = teds(same, table_tree(_cells(changed), 4))
    assert 0.9 < score < 1.0
    spans = _cells(cases.BOOKTABS_GRID)
    spans[0]["colspan"] = 2
    assert teds(same, table_tree(spans, 4)) < 1.0
    assert teds(same, table_tree(_cells(cases.BOOKTABS_GRID[:2]), 2)) < 0.6


def test_a_failing_table_stage_keeps_the_page_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import pagemill.stages.regions as regions

    def broken(*args: object) -> list[Any]:
        raise IndexError("a bug in a table stage")

    monkeypatch.setattr(regions, "find_tables", broken)
    body = cases.paragraph(2) + cases.BOOKTABS + cases.paragraph(2)
    result = pagemill.convert(cases.build_pdf("tables-guard", cases.document(body)))
    assert result.status == "ok"
    assert "The measurements were taken" in result.markdown and "Method" in result.markdown


def test_a_table_on_a_right_to_left_page_numbers_its_columns_from_the_right() -> None:
    hebrew = [Glyph("ש", 100 + 5 * i, 50, 105 + 5 * i, 59, 10.0, 0) for i in range(40)]
    glyphs = hebrew + _word("Key", 105, 102) + _word("1-", 220, 102) + _word("a", 105, 122) + _word("2", 220, 122)
    blocks = find_tables(_page(glyphs, [_rule(100), _rule(115), _rule(135)]), 10.0)
    assert grid_of(blocks[0]) == [["-1", "Key"], ["2", "a"]]
