"""Golden tables: ``\\multirow`` cells between rows set solid, header cells on a ``\\cmidrule``, section
labels under a statement's longest label, and a scan's ruled grid whose faint rules were not all found."""

from __future__ import annotations

from typing import Any

import tm_latex as cases
from tm_grid import grid

import pagemill
from pagemill.model import BlockKind, Drawing, Font, Glyph, RawPage
from pagemill.stages.tables import find_tables

MULTIROW = r"""
\begin{table}[h]
\centering
\caption{Summary of the measurements}
\begin{tabular}{llrrrr}
\toprule
\multirow{2}{*}{Region} & \multirow{2}{*}{Station} & \multicolumn{2}{c}{Temperature} & \multicolumn{2}{c}{Pressure} \\
\cmidrule(lr){3-4} \cmidrule(lr){5-6}
 & & Min & Max & Min & Max \\
\midrule
\multirow{2}{*}{Coast} & South & -8 & 23 & 985 & 1037 \\
 & North & -7 & 30 & 980 & 1019 \\
\multirow{2}{*}{Inland} & Cape & -4 & 22 & 983 & 1019 \\
 & Bay & -8 & 18 & 993 & 1016 \\
\bottomrule
\end{tabular}
\end{table}
"""

MULTIROW_GRID = [
    ["Region", "Station", "Temperature", ">", "Pressure", ">"],
    ["^", "^", "Min", "Max", "Min", "Max"],
    ["Coast", "South", "-8", "23", "985", "1037"],
    ["^", "North", "-7", "30", "980", "1019"],
    ["Inland", "Cape", "-4", "22", "983", "1019"],
    ["^", "Bay", "-8", "18", "993", "1016"],
]

STATEMENT = r"""
\begin{table}[h]
\centering
\caption{Cash flows}
\begin{tabular}{lrrr}
\toprule
 & Notes & 2025 & 2024 \\
\midrule
Operating activities & & & \\
Receipts from taxes & 13 & 59,483.1 & 67,432.5 \\
Payments to suppliers & 15 & (92,835.8) & (90,624.8) \\
Net cash from operating activities & & 4,785.1 & (68,870.4) \\
Investing activities & & & \\
Purchase of assets & 9 & (64,247.8) & (227.1) \\
Net cash from investing activities & & 32,901.3 & 58,292.3 \\
\bottomrule
\end{tabular}
\end{table}
"""

STATEMENT_GRID = [
    ["", "Notes", "2025", "2024"],
    ["Operating activities", "", "", ""],
    ["Receipts from taxes", "13", "59,483.1", "67,432.5"],
    ["Payments to suppliers", "15", "(92,835.8)", "(90,624.8)"],
    ["Net cash from operating activities", "", "4,785.1", "(68,870.4)"],
    ["Investing activities", "", "", ""],
    ["Purchase of assets", "9", "(64,247.8)", "(227.1)"],
    ["Net cash from investing activities", "", "32,901.3", "58,292.3"],
]


def _tables(source: str, name: str) -> list[dict[str, Any]]:
    body = cases.paragraph(2) + source + cases.paragraph(1)
    result = pagemill.convert(cases.build_pdf(name, cases.document(body, "amsmath,booktabs,multirow")))
    return [b.attrs for b in result.document.blocks() if b.kind is BlockKind.TABLE]


def test_multirow_cells_span_the_rows_they_sit_between() -> None:
    found = _tables(MULTIROW, "multirow")
    assert len(found) == 1
    assert grid(found[0]) == MULTIROW_GRID
    assert found[0]["header_rows"] == 2


def test_a_section_label_under_the_longest_label_is_a_row_of_its_own() -> None:
    found = _tables(STATEMENT, "statement")
    assert len(found) == 1
    assert grid(found[0]) == STATEMENT_GRID


# -- a scan's ruled grid, as OCR words and the rules found in the picture (synthetic) -------------


def _word(text: str, x: float, y: float) -> Glyph:
    """An OCR word: one glyph for the whole word."""
    return Glyph(text, x, y, x + 6 * len(text), y + 9, 10.0, 0)


def _hline(y: float, x0: float = 100, x1: float = 340) -> Drawing:
    return Drawing(x0, y - 0.4, x1, y + 0.4, "hline", stroked=True)


def _vline(x: float, y0: float, y1: float) -> Drawing:
    return Drawing(x - 0.4, y0, x + 0.4, y1, "vline", stroked=True)


def test_a_scanned_grid_with_faint_rules_keeps_its_rows_and_cells() -> None:
    """The rule under the header and the rule at x=240 below the header were too faint to be found.

    ┌────────┬────────┬──────────────┐
    │        │        │ Min  │  Max  │   <- header: Min, Max
    │ Island │ Coast  │ -5   │  22   │   <- no rule found above: still a row of its own
    ├────────┼────────┼──────┼       ┤
    │ West   │ Inland │ 2    │  21   │
    └────────┴────────┴──────┴───────┘
    """
    words = [
        _word("Min", 200, 103),
        _word("Max", 250, 103),
        _word("Island", 105, 118),
        _word("Coast", 165, 118),
        _word("-5", 200, 118),
        _word("22", 250, 118),
        _word("West", 105, 138),
        _word("Inland", 165, 138),
        _word("2", 200, 138),
        _word("21", 250, 138),
    ]
    rules = [_hline(100), _hline(132), _hline(150)]
    rules += [_vline(100, 100, 150), _vline(160, 100, 150), _vline(195, 100, 150), _vline(340, 100, 150)]
    rules += [_vline(240, 100, 115)]  # the rule between Min and Max, found only beside the header
    page = RawPage(1, 600, 800, 0, words, [Font("Helvetica")], "ocr", drawings=rules)
    found = find_tables(page, 10.0)
    assert len(found) == 1
    assert grid(found[0].attrs) == [
        ["", "", "Min", "Max"],
        ["Island", "Coast", "-5", "22"],
        ["West", "Inland", "2", "21"],
    ]
