"""Write the real-table documents' truth and meta from camelot's recorded cell grids (run by hand, once).

    python bench/realtables/make_truth.py CAMELOT_CHECKOUT

reads ``tests/data.py`` of a camelot checkout (github.com/camelot-dev/camelot, MIT; the commit is
``COMMIT``) and writes ``NAME.md`` (one pipe table per expected table, nothing else: the text around
the tables is not known) and ``NAME.json`` for each document below. The grids are what camelot's
lattice/stream/network parsers give on these PDFs, as checked and committed by camelot's authors
in their tests: someone else's recorded structure, not ours, quirks included (a header that runs
over two lines is two rows, a caption line can be a row). We change only this: cells' line breaks
become spaces, rows and columns that are empty throughout are dropped, camelot's ``<s>N</s>``
superscript markup becomes the superscript digit, a first capital split from its word by
a line break ("C\\nlass A") is joined again, as the page shows it, and a merged cell that the
page draws as one (no rule inside it) but camelot's grid splits into a value and empty cells
is one spanning cell again (``SPANS``; such a table is written as HTML).
"""

from __future__ import annotations

import html
import importlib.util
import json
import re
import sys
from pathlib import Path

COMMIT = "2b80d0bc692d1b22203c3385e77da8201675aa50"
HERE = Path(__file__).resolve().parent
CAMELOT = "camelot-dev/camelot (MIT; test fixtures in tests/files, expected grids in tests/data.py)"
PUBLISHER = "copyright of its publisher; redistributed unchanged, as camelot's repository does, for testing"

#: name -> (pdf, [(data.py list, rules)], what it is)
DOCUMENTS = {
    "health": (
        "health.pdf",
        [("data_stream", "frame")],
        "Public Health Outlay 2012-13 by state (India, 'Health Sector Financing by Centre and States/UTs');"
        " white cell borders on a coloured ground, two header rows over column groups",
    ),
    "twotables": (
        "twotables_2.pdf",
        [("data_lattice_two_tables_1", "frame"), ("data_lattice_two_tables_2", "frame")],
        "two ruled tables on one page (India, NNMB Rural Third Repeat Survey 2011-12, Tables 6 and 7)",
    ),
    "superscript": (
        "superscript.pdf",
        [("data_network_flag_size", "header")],
        "state-wise outstanding liabilities 1997 (India, RBI statistics, Table 125): rules under the header"
        " and at the foot only, a superscript note mark in one cell",
    ),
    "keyfigures": (
        "edge_tol.pdf",
        [("data_network_edge_tol", "header")],
        "'Key figures' of a hedge fund's 2016 annual report: two columns, group rows, (negative) amounts",
    ),
    "rotated": (
        "clockwise_table_1.pdf",
        [("data_lattice_table_rotated", "frame")],
        "a ruled table printed turned by 90 degrees on a portrait page (India, NNMB survey, Table 1 contd.)",
    ),
    "twogrids": (
        "multiple_tables.pdf",
        [("data_network_two_tables_b_1", "frame"), ("data_network_two_tables_b_2", "frame")],
        "two small ruled tables with a paragraph of placeholder words between them (made in Word by camelot's"
        " developers)",
    ),
    "localities": (
        "mexican_towns.pdf",
        [("data_stream_columns", "none")],
        "a list of localities of Aguascalientes (Mexico), six columns aligned by white space, printed from Excel",
    ),
    "ribbon": (
        "background_lines_1.pdf",
        [("data_lattice_process_background", "frame")],
        "an annual report page (India, NACO Annual Report 2009-10): a coloured box, a ruled table with a red"
        " header (Table 6.5), two-column prose",
    ),
}

#: name -> table index -> {(row, column): (rowspan, colspan)} in the cleaned grid: merged cells the page
#: draws (a ruled grid with no rule inside the cell), which camelot's grid lists as a value and empty cells
SPANS: dict[str, dict[int, dict[tuple[int, int], tuple[int, int]]]] = {
    # the numbers of Delhi run down over Rajasthan's row (one cell each, no rule between the rows);
    # "Total" stands in one cell over the State and Date columns
    "ribbon": {0: {**{(1, c): (2, 1) for c in range(2, 8)}, (7, 0): (1, 2)}},
    # "State" and "n" stand in one ruled cell over both header rows, "Literacy Status" over six columns
    "twotables": {k: {(0, 0): (2, 1), (0, 1): (2, 1), (0, 2): (1, 6)} for k in (0, 1)},
    # the turned table's head: State and IYCF Practices over both header rows, each group over its columns
    "rotated": {0: {(0, 0): (2, 1), (0, 1): (1, 4), (0, 5): (2, 1), (0, 6): (1, 2), (0, 8): (1, 2)}},
}

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def clean(text: str) -> str:
    text = re.sub(r"<s>(\d+)</s>", lambda m: m.group(1).translate(SUPERSCRIPT), text)
    text = re.sub(r"^([A-Z])\n(?=[a-z])", r"\1", text)
    return " ".join(text.split()).replace("|", "\\|")


def grid(rows: list[list[str]]) -> list[list[str]]:
    cells = [[clean(c) for c in row] for row in rows]
    cells = [row for row in cells if any(row)]
    keep = [c for c in range(len(cells[0])) if any(row[c] for row in cells)]
    return [[row[c] for c in keep] for row in cells]


def pipe(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "|".join("---" for _ in rows[0]) + "|"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows[1:]])


def html_table(rows: list[list[str]], spans: dict[tuple[int, int], tuple[int, int]]) -> str:
    """The grid as an HTML table, each spanning cell once; the cells it covers must be empty."""
    covered = set()
    for (r, c), (down, across) in spans.items():
        covered |= {(r + i, c + j) for i in range(down) for j in range(across)} - {(r, c)}
    assert all(not rows[r][c] for r, c in covered), "a span covers text"
    lines = ["<table>"]
    for r, row in enumerate(rows):
        tag = "th" if r == 0 else "td"
        cells = []
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            down, across = spans.get((r, c), (1, 1))
            attrs = (f' rowspan="{down}"' if down > 1 else "") + (f' colspan="{across}"' if across > 1 else "")
            cells.append(f"<{tag}{attrs}>{html.escape(text.replace(chr(92) + '|', '|'), quote=False)}</{tag}>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join(lines + ["</table>"])


def write(grids: list[list[list[str]]], spans: dict[int, dict[tuple[int, int], tuple[int, int]]]) -> str:
    return "\n\n".join(html_table(g, spans[k]) if k in spans else pipe(g) for k, g in enumerate(grids)) + "\n"


def main(checkout: Path) -> None:
    spec = importlib.util.spec_from_file_location("camelot_data", checkout / "tests" / "data.py")
    assert spec and spec.loader
    data = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(data)
    for name, (pdf, tables, about) in DOCUMENTS.items():
        grids = [grid(getattr(data, variable)) for variable, _ in tables]
        (HERE / f"{name}.md").write_text(write(grids, SPANS.get(name, {})), encoding="utf-8")
        meta = {
            "name": f"table-{name}",
            "pdf": pdf,
            "lang": "es" if name == "localities" else "en",
            "scanned": False,
            "dpi": None,
            "pages": 1,
            "family": "real-tables",
            "metrics": ["tables"],  # the text around the tables is not known: only table metrics are valid
            "tables": [
                {"ruled": rules == "frame", "merged": k in SPANS.get(name, {}), "rules": rules}
                for k, (_, rules) in enumerate(tables)
            ],
            "about": about,
            "licence": PUBLISHER,
            "source": f"{CAMELOT}: tests/files/{pdf} at {COMMIT}",
            "truth_from": f"camelot tests/data.py at {COMMIT}: " + ", ".join(v for v, _ in tables),
        }
        (HERE / f"{name}.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
