"""The bench's non-PDF section: pagemill against markitdown on one file of each other format.

    .venv/bin/python -m bench.nonpdf [--keep DIR] [--markitdown PATH]

Writes the inputs itself (pandoc for DOCX, ODT, HTML, EPUB and PPTX from one Markdown source;
openpyxl for XLSX; a CSV; a PNG of a printed page for OCR), converts them with pagemill (one
``pagemill convert`` run over the folder) and with markitdown (one run per file:
``bench/venvs/markitdown-all``, built by bench/peers/setup.sh with its DOCX/PPTX/XLSX extras,
else ``bench/venvs/markitdown``; or ``--markitdown PATH``), and scores each output as the main bench does: bench/score's
``plain_text`` on both sides, then ``text_similarity`` (normalised Levenshtein), and the share
of the source's headings that come out as Markdown headings ("–" where the source has none).
Prints a Markdown table. pandoc writes the PPTX with one slide per top-level section: its
"##" headings become bold paragraphs on the slide, so no reader finds them as headings.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.score.markdown import plain_text
from bench.score.metrics import text_similarity

ROOT = Path(__file__).resolve().parents[1]
#: markitdown with its DOCX/PPTX/XLSX extras (bench/peers/setup.sh), else the PDF bench's build
MARKITDOWN = next(
    (
        path
        for path in (
            ROOT / "bench" / "venvs" / name / "bin" / "markitdown" for name in ("markitdown-all", "markitdown")
        )
        if path.exists()
    ),
    ROOT / "bench" / "venvs" / "markitdown-all" / "bin" / "markitdown",
)

SOURCE = """\
# Annual report of the orchard cooperative

The cooperative grew apples, pears and plums on **forty hectares** this year. The harvest
was *early*, and the `sorting` line ran two shifts for six weeks. Details are on the
[cooperative's site](https://example.com/orchard).

## Members and work

- Growers who own their land
- Growers who lease land
    - from the town
    - from private owners
- Seasonal pickers

1. Pruning in the winter months
2. Spraying in the spring
3. Picking from August to October

## Harvest

| Fruit | Tonnes | Share |
|-------|--------|-------|
| Apples | 412 | 61% |
| Pears | 180 | 27% |
| Plums | 83 | 12% |

The apple harvest was the largest in ten years, and the pear harvest the smallest since
the frost of the spring before last. Plums held steady.

## Accounts

```
revenue  = tonnes * price
margin   = revenue - costs
```

The board proposes to keep the margin in the reserve fund for new cold storage.
"""
TABLE = [["Fruit", "Tonnes", "Share"], ["Apples", "412", "61%"], ["Pears", "180", "27%"], ["Plums", "83", "12%"]]
SCAN_LINES = [
    "The quick brown fox jumps over the lazy dog.",
    "Pack my box with five dozen liquor jugs.",
    "How vexingly quick daft zebras jump.",
    "Sphinx of black quartz, judge my vow.",
]


def headings(markdown: str) -> list[str]:
    return [line.lstrip("#").strip() for line in markdown.splitlines() if line.startswith("#")]


def write_inputs(folder: Path) -> dict[str, tuple[Path, str]]:
    """Each input with the Markdown its text and headings are scored against."""
    source = folder.parent / "source.md"
    source.write_text(SOURCE, encoding="utf-8")
    made: dict[str, tuple[Path, str]] = {}
    for kind, name, extra in (
        ("docx", "report.docx", []),
        ("odt", "letter.odt", []),
        ("html", "page.html", ["-s", "--metadata", "pagetitle=Report"]),
        ("epub", "book.epub", ["--metadata", "title=Report"]),
        ("pptx", "slides.pptx", []),
    ):
        subprocess.run(["pandoc", str(source), "-o", str(folder / name), *extra], check=True, timeout=120)
        made[kind] = (folder / name, SOURCE)
    table_md = "\n".join("| " + " | ".join(row) + " |" for row in TABLE[:1]) + "\n|---|---|---|\n"
    table_md += "\n".join("| " + " | ".join(row) + " |" for row in TABLE[1:]) + "\n"
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Harvest"
    for row in TABLE:
        book.active.append(row)
    book.save(folder / "sheet.xlsx")
    made["xlsx"] = (folder / "sheet.xlsx", "## Harvest\n\n" + table_md)
    (folder / "table.csv").write_text("\n".join(",".join(row) for row in TABLE) + "\n", encoding="utf-8")
    made["csv"] = (folder / "table.csv", table_md)
    made["png"] = (write_scan(folder / "scan.png"), "\n\n".join(SCAN_LINES))
    return made


def write_scan(path: Path) -> Path:
    import pypdfium2 as pdfium
    from reportlab.pdfgen import canvas

    pdf_path = path.with_suffix(".pdf.tmp")
    page = canvas.Canvas(str(pdf_path), pagesize=(420.0, 595.0), invariant=1)
    page.setFont("Helvetica", 12)
    for index, line in enumerate(SCAN_LINES):
        page.drawString(50, 480 - 22 * index, line)
    page.showPage()
    page.save()
    document = pdfium.PdfDocument(str(pdf_path))
    document[0].render(scale=300 / 72).to_pil().convert("L").save(path, dpi=(300, 300))
    document.close()
    pdf_path.unlink()
    return path


def score(truth: str, output: str | None) -> dict[str, float | None]:
    if output is None:
        return {"text": None, "headings": None}
    wanted = headings(truth)
    found = set(headings(output))
    return {
        "text": round(text_similarity(plain_text(truth), plain_text(output)), 3),
        "headings": round(sum(h in found for h in wanted) / len(wanted), 2) if wanted else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write inputs and outputs here (kept)")
    parser.add_argument("--markitdown", type=Path, default=MARKITDOWN)
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="nonpdf-"))
    inputs_dir, pm_out, md_out = work / "inputs", work / "pagemill", work / "markitdown"
    for folder in (inputs_dir, pm_out, md_out):
        folder.mkdir(parents=True, exist_ok=True)
    made = write_inputs(inputs_dir)

    started = time.perf_counter()
    pagemill = [str(ROOT / ".venv" / "bin" / "pagemill"), "convert", str(inputs_dir), "-o", str(pm_out)]
    subprocess.run([*pagemill, "--format", "markdown"], capture_output=True, text=True, timeout=600)
    pagemill_seconds = time.perf_counter() - started

    rows = []
    markitdown_seconds = 0.0
    for kind, (path, truth) in made.items():
        pm_file = pm_out / (path.stem + ".md")
        pm_text = pm_file.read_text(encoding="utf-8") if pm_file.exists() else None
        md_text = None
        if args.markitdown.exists():
            target = md_out / (path.stem + ".md")
            begun = time.perf_counter()
            done = subprocess.run(
                [str(args.markitdown), str(path), "-o", str(target)], capture_output=True, timeout=300
            )
            markitdown_seconds += time.perf_counter() - begun
            md_text = target.read_text(encoding="utf-8") if done.returncode == 0 and target.exists() else None
        rows.append({"format": kind, "pagemill": score(truth, pm_text), "markitdown": score(truth, md_text)})

    def cell(value: float | None, failed: bool = False) -> str:
        return "failed" if failed else "–" if value is None else f"{value:.3f}"

    print("| format | pagemill text | markitdown text | pagemill headings | markitdown headings |")
    print("|---|---|---|---|---|")
    for row in rows:
        pm, md = row["pagemill"], row["markitdown"]
        print(
            f"| {row['format']} | {cell(pm['text'], pm['text'] is None)} | {cell(md['text'], md['text'] is None)} | "
            f"{cell(pm['headings'], pm['text'] is None)} | {cell(md['headings'], md['text'] is None)} |"
        )
    print(
        f"\npagemill {pagemill_seconds:.1f} s (one run, all files); markitdown {markitdown_seconds:.1f} s "
        f"({'not found: ' + str(args.markitdown) if not args.markitdown.exists() else 'one run per file'})"
    )
    (work / "nonpdf.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    print(f"outputs and nonpdf.json under {work}", file=sys.stderr)


if __name__ == "__main__":
    main()
