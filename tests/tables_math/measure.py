"""Measurements for tables, mathematics and the cost of their stages (not a test: prints tables).

    .venv/bin/python tests/tables_math/measure.py tables
    .venv/bin/python tests/tables_math/measure.py math  TESTMATH.pdf TESTMATH.tex[.gz]
    .venv/bin/python tests/tables_math/measure.py speed BOOK.pdf
    .venv/bin/python tests/tables_math/measure.py corpus [bench/cache/corpus]

``tables``: TEDS and detection on tables generated with pdflatex (ground truth from the source).
``math``: amsmath's testmath.pdf against its source: single-line numbered ``equation``s matched
by their number, compared after normalisation (macros of the document expanded, spacing dropped).
``corpus``: the bench corpus' digital PDFs scored with bench/score (TEDS, detection, math), stages on and off.
``speed``: pages per CPU-second without the engine's object reading and with tables/math/images off,
against everything on; medians of three runs.
"""

from __future__ import annotations

import difflib
import gzip
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import tm_latex as t  # noqa: E402
from teds import table_tree, teds  # noqa: E402
from tm_latex import normalize_latex  # noqa: E402

import pagemill  # noqa: E402
import pagemill.engines.pdfium as engine  # noqa: E402
from pagemill.model import BlockKind  # noqa: E402


def grid_cells(grid, spans=()):
    skip = set()
    out = []
    spans = {(r, c): (rs, cs) for r, c, rs, cs in spans}
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if (r, c) in skip:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            for dr in range(rs):
                for dc in range(cs):
                    if dr or dc:
                        skip.add((r + dr, c + dc))
            out.append({"row": r, "col": c, "rowspan": rs, "colspan": cs, "text": text})
    return out


CMID = r"""
\begin{table}[h]\centering\caption{Prices}
\begin{tabular}{llr}
\toprule
\multicolumn{2}{c}{Item} & \\
\cmidrule(r){1-2}
Animal & Description & Price (\$) \\
\midrule
Gnat & per gram & 13.65 \\
 & each & 0.01 \\
Gnu & stuffed & 92.50 \\
Emu & stuffed & 33.33 \\
\bottomrule
\end{tabular}\end{table}
"""
CMID_GT = grid_cells(
    [
        ["Item", "", ""],
        ["Animal", "Description", "Price ($)"],
        ["Gnat", "per gram", "13.65"],
        ["", "each", "0.01"],
        ["Gnu", "stuffed", "92.50"],
        ["Emu", "stuffed", "33.33"],
    ],
    [(0, 0, 1, 2)],
)
WRAP = r"""
\begin{table}[h]\centering\caption{Keys}
\begin{tabular}{|l|p{3cm}|r|}\hline
Key & Description & Value \\\hline
alpha & a rather long description that wraps onto more lines & 1 \\\hline
beta & short & 2 \\\hline
gamma & another one & 3 \\\hline
\end{tabular}\end{table}
"""
WRAP_GT = grid_cells(
    [
        ["Key", "Description", "Value"],
        ["alpha", "a rather long description that wraps onto more lines", "1"],
        ["beta", "short", "2"],
        ["gamma", "another one", "3"],
    ]
)
UNRULED4 = r"""
\begin{table}[h]\centering
\begin{tabular}{llll}
City & Country & Population & Area \\
Lyon & France & 0.52 & 47.9 \\
Porto & Portugal & 0.23 & 41.4 \\
Graz & Austria & 0.29 & 127.6 \\
\end{tabular}
\caption{Some cities}\end{table}
"""
UNRULED4_GT = grid_cells(
    [
        ["City", "Country", "Population", "Area"],
        ["Lyon", "France", "0.52", "47.9"],
        ["Porto", "Portugal", "0.23", "41.4"],
        ["Graz", "Austria", "0.29", "127.6"],
    ]
)
SIDE = r"""
\begin{table}[h]\centering
\begin{tabular}{lr}\hline one & 1 \\ two & 2 \\\hline\end{tabular}\qquad
\begin{tabular}{lr}\hline three & 3 \\ four & 4 \\\hline\end{tabular}
\caption{Two halves}\end{table}
"""
SIDE_GT = [grid_cells([["one", "1"], ["two", "2"]]), grid_cells([["three", "3"], ["four", "4"]])]


def gt(grid):
    return grid_cells(grid)


merged = [(r, c, rs, cs) for r, c, rs, cs, _ in t.MERGED_HEADER_CELLS if rs > 1 or cs > 1]
merged_grid = [["" for _ in range(4)] for _ in range(5)]
for r, c, _, _, text in t.MERGED_HEADER_CELLS:
    merged_grid[r][c] = text
CASES = [
    ("booktabs", "ruled", t.BOOKTABS, [gt(t.BOOKTABS_GRID)], "booktabs"),
    ("merged header", "ruled", t.MERGED_HEADER, [grid_cells(merged_grid, merged)], "booktabs"),
    ("longtable 2 pages", "ruled", t.longtable_source(), [gt(t.LONG_GRID)], "longtable"),
    ("cmidrule header", "ruled", CMID, [CMID_GT], "booktabs"),
    ("grid, wrapped cells", "ruled", WRAP, [WRAP_GT], "booktabs"),
    ("side by side", "ruled", SIDE, SIDE_GT, "booktabs"),
    ("booktabs, wrapped p{} cells", "ruled", t.WRAPPED, [gt(t.WRAPPED_GRID)], "booktabs"),
    ("no rules, caption above", "unruled", t.UNRULED, [gt(t.UNRULED_GRID)], "booktabs"),
    ("no rules, caption below", "unruled", UNRULED4, [UNRULED4_GT], "booktabs"),
]


def measure_tables() -> None:
    print("| case | kind | tables expected | found | TEDS |")
    print("|---|---|---|---|---|")
    scores = {"ruled": [], "unruled": []}
    tp = fp = fn = 0
    for name, kind, src, truths, pkgs in CASES:
        body = src if name.startswith("longtable") else t.paragraph(2) + src + t.paragraph(2)
        pdf = t.build_pdf("eval-" + name.replace(" ", "-").replace(",", ""), t.document(body, pkgs))
        r = pagemill.convert(str(pdf))
        found = [b for b in r.document.blocks() if b.kind is BlockKind.TABLE and not b.attrs.get("continued")]
        found.sort(key=lambda b: (b.page, b.bbox.x0))
        vals = []
        for i, truth in enumerate(truths):
            rows = max(c["row"] + c.get("rowspan", 1) for c in truth)
            if i < len(found):
                got = found[i]
                vals.append(teds(table_tree(truth, rows), table_tree(got.attrs["cells"], got.attrs["rows"])))
            else:
                vals.append(0.0)
        tp += min(len(found), len(truths))
        fn += max(0, len(truths) - len(found))
        fp += max(0, len(found) - len(truths))
        scores[kind].extend(vals)
        print(f"| {name} | {kind} | {len(truths)} | {len(found)} | {', '.join(f'{v:.3f}' for v in vals)} |")
    for kind, v in scores.items():
        print(f"mean TEDS {kind}: {sum(v) / len(v):.3f} over {len(v)} tables")
    print(
        f"detection: precision {tp / (tp + fp):.2f}, recall {tp / (tp + fn):.2f} ({tp} found of {tp + fn}, {fp} false)"
    )


def measure_math(pdf: str, source: str) -> None:

    opener = gzip.open if str(source).endswith(".gz") else open
    with opener(source, "rt", encoding="utf-8") as handle:  # type: ignore[operator]
        src = handle.read()
    src = re.sub(r"(?<!\\)%.*", "", src)
    src = re.sub(r"\\begin\{verbatim\}.*?\\end\{verbatim\}", "", src, flags=re.S)
    envs = re.finditer(
        r"\\begin\{(equation|align|gather|multline|alignat|flalign|eqnarray|subequations)(\*?)\}(.*?)\\end\{\1\2\}",
        src,
        re.S,
    )
    number = 0
    truth = {}
    for m in envs:
        name, star, body = m.group(1), m.group(2), m.group(3)
        if star or name == "subequations":
            continue
        if name in ("equation", "multline"):
            number += 1
            if name == "equation" and "\\begin{split}" not in body and "\\tag" not in body and "\\notag" not in body:
                truth[str(number)] = body
        else:
            flat = body
            while re.search(r"\\begin\{(\w+\*?)\}", flat):
                flat = re.sub(r"\\begin\{(\w+\*?)\}(?:(?!\\begin\{).)*?\\end\{\1\}", "", flat, flags=re.S)
            flat = re.sub(r"\\\\\s*$", "", flat.strip())
            rows = len(re.findall(r"\\\\", flat)) + 1 - len(re.findall(r"\\(?:notag|nonumber)", flat))
            number += rows
    MACROS = {r"\per": "per", r"\A": r"\mathcal{A}", r"\B": r"\mathcal{B}", r"\st": r"\sigma"}

    def clean(tex):
        tex = re.sub(r"\\label\{[^}]*\}", "", tex)
        tex = re.sub(r"\\(?:bigg|Bigg|big|Big)[lrm]?", "", tex)
        tex = re.sub(
            r"\\frac(\d)(\d|\{)",
            lambda m: "\\frac{" + m.group(1) + "}" + ("{" + m.group(2) + "}" if m.group(2) != "{" else "{"),
            tex,
        )
        tex = tex.replace("\\cdot\\cdot\\cdot", "...")
        tex = re.sub(r"\\abs\{([^{}]*)\}", r"|\1|", tex)
        tex = re.sub(r"\\(?:mid|lvert|rvert|vert)(?![A-Za-z])", "|", tex)
        tex = re.sub(r"\\(?:dots|ldots|cdots|dotsc|dotsb)", "...", tex)
        tex = re.sub(
            r"\\(hat|tilde|bar|dot|ddot|vec|check|mathbf|mathcal|mathrm|widehat|wh)\s*([A-Za-z0-9])", r"\\\1{\2}", tex
        )
        tex = (
            tex.replace(r"\wh{", r"\hat{")
            .replace(r"\widehat{", r"\hat{")
            .replace(r"\not=", r"\neq")
            .replace(r"\ne ", r"\neq ")
        )
        for k, v in MACROS.items():
            tex = re.sub(re.escape(k) + r"(?![A-Za-z])", lambda _, v=v: v, tex)
        n = normalize_latex(tex)
        n = re.sub(r"_\{([^{}]*)\}\^\{([^{}]*)\}", r"^{\2}_{\1}", n)  # one order for scripts
        return n.rstrip(".,")

    r = pagemill.convert(pdf)
    found = {}
    for b in r.document.blocks():
        if b.kind is BlockKind.EQUATION and b.attrs.get("tag"):
            found.setdefault(b.attrs["tag"], b.attrs["latex"])
    exact = similar = detected = 0
    rows = []
    for tag, body in truth.items():
        gt = clean(body)
        got = found.get(tag)
        if got is None:
            rows.append((tag, "MISSING", gt[:70], ""))
            continue
        detected += 1
        out = clean(got)
        ratio = difflib.SequenceMatcher(None, gt, out).ratio()
        exact += gt == out
        similar += ratio
        rows.append((tag, f"{ratio:.2f}", gt[:70], out[:70]))
    for row in rows:
        print(*row, sep=" | ")
    n = len(truth)
    print(f"single-line numbered equations in the source: {n}")
    print(f"found with their number: {detected} ({100 * detected / n:.0f}%)")
    print(f"exact after normalisation: {exact} ({100 * exact / n:.0f}%)")
    print(f"mean character similarity of those found: {similar / max(detected, 1):.2f}")


def measure_speed(path: str) -> None:
    reader = engine.read_page_objects
    runs: dict[str, list[float]] = {"before": [], "after": []}
    for _ in range(3):
        for mode in ("before", "after"):
            engine.read_page_objects = (lambda page, to_display: ([], [])) if mode == "before" else reader
            options = {"tables": False, "math": False, "images": False} if mode == "before" else {}
            started = time.process_time()
            result = pagemill.convert(path, **options)
            runs[mode].append(len(result.document.pages) / (time.process_time() - started))
    engine.read_page_objects = reader
    for mode, values in runs.items():
        each = ", ".join(f"{v:.1f}" for v in values)
        print(f"{mode}: {statistics.median(values):.1f} pages per CPU-second (runs: {each})")


def measure_corpus(folder: str) -> None:
    """The bench corpus' digital PDFs (``make bench`` builds them), scored by bench/score, stages on and off."""
    import json

    sys.path.insert(0, str(Path(__file__).parents[2]))
    from bench.score.document import score_document, summarise

    for mode, options in (("on", {}), ("off", {"tables": False, "math": False, "images": False})):
        results = []
        for pdf in sorted(Path(folder).glob("*.pdf")):
            if "scan" in pdf.stem:
                continue
            meta = json.loads(pdf.with_suffix(".json").read_text())
            markdown = pagemill.convert(str(pdf), ocr="never", **options).markdown
            results.append(score_document(pdf.with_suffix(".md").read_text(), meta, markdown))
        row = summarise(results)
        print(mode, {k: round(v, 3) if isinstance(v, float) else v for k, v in row.items()})


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "tables"
    if what == "tables":
        measure_tables()
    elif what == "math":
        measure_math(sys.argv[2], sys.argv[3])
    elif what == "corpus":
        measure_corpus(sys.argv[2] if len(sys.argv) > 2 else "bench/cache/corpus")
    else:
        measure_speed(sys.argv[2])
