"""Run pagemill and the peers on the corpus and the speed set; score; write the reports.

    python -m bench.run            # the full benchmark (make bench)
    python -m bench.run --quick    # a subset, one timing run, in a few minutes (make bench-quick)

Quality comes from the generated corpus and from real scans with hand-made ground truth
(bench/realscans; every tool, every document, same scorer); speed and
peak memory from real long PDFs of Debian's TeX Live documentation, each tool run as a whole
process, the median of the runs taken. A tool that fails or times out on a document scores 0
there (empty output); on a speed PDF it converts 0 pages in the time it took.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from .corpus import build as corpus_build
from .measure import Measurement, measure
from .peers.tools import BY_NAME, ROOT, TOOLS, Tool, tool_named
from .report import write_reports
from .score import family_summaries, score_document, summarise
from .score.faithful import faithful_scores
from .score.families import family_of

CACHE = ROOT / "bench" / "cache"
RESULTS = ROOT / "bench" / "results"
TEXDOCS = CACHE / "texdocs"
REALSCANS = ROOT / "bench" / "realscans"  # committed: one meta JSON and ground truth per real scan
REALSCAN_PDFS = CACHE / "realscans"  # the PDFs themselves: scripts/fetch-realscans.sh
REAL = "real-"  # a real scan's document name is REAL + the stem of its meta JSON
REALTABLES = ROOT / "bench" / "realtables"  # committed: meta JSON, truth (tables only) and the PDF in pdf/
TABLE = "table-"  # a real-table document's name is TABLE + the stem of its meta JSON
DOC = "usr/share/doc/texlive-doc/latex"
SPEED_FULL = (f"texlive-latex-base-doc/{DOC}/babel/babel.pdf", f"texlive-latex-recommended-doc/{DOC}/memoir/memman.pdf")
SPEED_QUICK = (f"texlive-latex-base-doc/{DOC}/amsmath/amsmath.pdf",)  # 99 pages
LONG_DOC = f"texlive-latex-base-doc/{DOC}/base/source2e.pdf"  # 1,221 pages: memory at 100 vs 1,000 pages
#: scanned-page speed: these English scans of the corpus, joined into one PDF, read by the tools that OCR
SCAN_SPEED_DOCS = (
    "en-latex-long-scan200",
    "en-latex-text-scan300",
    "en-latex-2col-scan300",
    "en-html-scan300",
    "en-latex-mixed-scan300",
    "en-latex-tables-scan300",
)
OCR_TOOLS = ("pagemill", "pymupdf4llm")

QUICK_DOCS = (
    "en-latex-text",
    "en-latex-2col",
    "en-latex-mixed",
    "en-latex-math",
    "en-latex-tables",
    "de-latex",
    "ru-xelatex",
    "en-html",
    "en-html-tables",
    "zh-html",
    "ja-html",
    "ar-html",
    "he-html",
    "en-latex-text-scan300",
    "de-latex-scan300",
    "real-linn",
    "real-c02-22",
    "real-masks",
    "table-keyfigures",
    "en-reportlab-report-01",
    "en-pdflatex-page-08",
)
QUICK_PER_FAMILY = 1  # quick mode adds each family's shortest recipes (by sections x paragraphs) up to this many
QUICK_TOOLS = ("pagemill", "pdftotext", "pymupdf4llm", "markitdown", "pdfplumber")
CORPUS_TIMEOUT = 180.0  # seconds per corpus document, plus CORPUS_TIMEOUT_PER_PAGE for each of its pages
CORPUS_TIMEOUT_PER_PAGE = 2.0  # the 100-page books: pymupdf4llm needs ~3 minutes for one on a loaded machine
# Every tool gets the same environment; one OpenMP thread keeps tesseract (used by pymupdf4llm and
# pagemill for scans) from oversubscribing the cores, which makes it several times slower here.
TOOL_ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def convert(
    tool: Tool, pdf: Path, out_dir: Path, timeout: float, pages: str | None = None, reuse: bool = False
) -> tuple[Measurement, str]:
    """Run the tool on one PDF; its Markdown, or "" when it failed or timed out.

    ``reuse``: do not run it; read the output an earlier run left (a missing one counts as a failure).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    argv, out = tool.command(pdf, out_dir, pages)
    if reuse:
        if not out.exists():
            return Measurement(0.0, 0, 1, "no output kept"), ""
        return Measurement(0.0, 0, 0), out.read_text(encoding="utf-8", errors="replace")
    out.unlink(missing_ok=True)
    result = measure(argv, timeout, TOOL_ENV)
    text = out.read_text(encoding="utf-8", errors="replace") if result.ok and out.exists() else ""
    return result, text


# ---------------------------------------------------------------- quality on the corpus


def quick_documents() -> tuple[str, ...]:
    """QUICK_DOCS plus, for every producer family QUICK_DOCS lacks, its shortest recipe(s).

    A new family is in the quick run without anyone editing a list; "shortest" is the recipe's
    sections x paragraphs (ties: the recipe list's order), so the run stays within its budget.
    """
    from .corpus.generate import recipes
    from .corpus.producers import producers

    engines = producers()
    known = [r for r in recipes() if r.engine in engines]
    family = {r.name: engines[r.engine].family for r in known}
    size = {r.name: r.sections * r.paragraphs for r in known}
    chosen = list(QUICK_DOCS)
    covered = {family[n.split("-scan")[0]] for n in QUICK_DOCS if n.split("-scan")[0] in family}
    for name in sorted(family, key=size.__getitem__):  # stable: ties keep the recipe list's order
        if family[name] not in covered and sum(family.get(c) == family[name] for c in chosen) < QUICK_PER_FAMILY:
            chosen.append(name)
    return tuple(chosen)


def corpus_documents(quick: bool) -> list[str]:
    names = sorted(p.stem for p in (CACHE / "corpus").glob("*.json"))
    return [n for n in names if n in quick_documents()] if quick else names


def load_realscan(stem: str, folder: Path = REALSCANS) -> tuple[dict[str, Any], str]:
    """A real scan's meta JSON and its ground truth: the page truths it names, in page order."""
    meta = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
    pages = [(folder / f"{page}.md").read_text(encoding="utf-8").strip() for page in meta["truth"]]
    return meta, "\n\n".join(pages) + "\n"


def realscan_documents(quick: bool, folder: Path = REALSCANS, pdfs: Path = REALSCAN_PDFS) -> list[str]:
    """The real scans whose PDF has been fetched (a warning names the others)."""
    names = sorted(REAL + p.stem for p in folder.glob("*.json"))
    names = [n for n in names if n in quick_documents()] if quick else names
    missing = [n for n in names if not (pdfs / f"{n.removeprefix(REAL)}.pdf").exists()]
    if missing:
        print(f"real scans not fetched, left out: {', '.join(missing)} (scripts/fetch-realscans.sh)", file=sys.stderr)
    return [n for n in names if n not in missing]


def realtable_documents(quick: bool, folder: Path = REALTABLES) -> list[str]:
    """The real-table documents: camelot's test PDFs and recorded grids (meta "metrics": the valid groups)."""
    names = sorted(TABLE + p.stem for p in folder.glob("*.json"))
    return [n for n in names if n in QUICK_DOCS] if quick else names


def load_document(name: str) -> tuple[Path, dict[str, Any], str]:
    """PDF, meta JSON and truth of a corpus document, a real scan (``real-...``) or a real table (``table-...``)."""
    if name.startswith(REAL):
        meta, truth = load_realscan(name.removeprefix(REAL))
        return REALSCAN_PDFS / meta["pdf"], meta, truth
    if name.startswith(TABLE):
        stem = name.removeprefix(TABLE)
        meta = json.loads((REALTABLES / f"{stem}.json").read_text(encoding="utf-8"))
        return REALTABLES / "pdf" / meta["pdf"], meta, (REALTABLES / f"{stem}.md").read_text(encoding="utf-8")
    corpus = CACHE / "corpus"
    meta = json.loads((corpus / f"{name}.json").read_text())
    return corpus / f"{name}.pdf", meta, (corpus / f"{name}.md").read_text(encoding="utf-8")


def run_corpus(tools: list[Tool], names: list[str], jobs: int, outputs: Path, reuse: bool = False) -> dict[str, Any]:
    """Every tool on every document, scored; two documents at a time (timings here are not reported)."""
    per_tool: dict[str, Any] = {}
    for tool in tools:
        started = time.perf_counter()

        def one(name: str, tool: Tool = tool) -> tuple[str, dict[str, Any]]:
            pdf, meta, truth = load_document(name)
            # one folder per document: pagemill locks its output folder against concurrent runs
            timeout = CORPUS_TIMEOUT + CORPUS_TIMEOUT_PER_PAGE * meta.get("pages", 1)
            result, predicted = convert(tool, pdf, outputs / tool.name / name, timeout, reuse=reuse)
            scores = score_document(truth, meta, predicted)
            scores.update(faithful_scores(predicted, pdf, meta))  # invalid outputs, joined words (issue 17)
            scores.update(
                ok=result.ok,
                seconds=round(result.seconds, 3),
                lang=meta["lang"],
                scanned=meta["scanned"],
                dpi=meta["dpi"],
                pages=meta["pages"],
                real=name.startswith(REAL),
                family=family_of(meta, name.startswith(REAL)),
                variant=meta.get("variant", ""),
            )
            if not result.ok:
                scores["error"] = "timeout" if result.returncode is None else result.stderr[-300:]
            return name, scores

        with ThreadPoolExecutor(jobs) as pool:
            per_tool[tool.name] = dict(pool.map(one, names))
        failed = sum(not s["ok"] for s in per_tool[tool.name].values())
        print(
            f"  {tool.name:20s} {len(names)} documents in {time.perf_counter() - started:6.1f} s"
            + (f", {failed} failed" if failed else ""),
            flush=True,
        )
    return per_tool


def summaries(documents: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Means over the generated corpus (digital, scanned, by language) and, apart, over the real scans."""
    results = [r for r in documents.values() if not r.get("real")]
    real = [r for r in documents.values() if r.get("real")]
    digital = [r for r in results if not r["scanned"]]
    scanned = [r for r in results if r["scanned"]]
    by_language = {}
    for lang in sorted({r["lang"] for r in results}):
        subset_digital = [r for r in digital if r["lang"] == lang]
        subset_scanned = [r for r in scanned if r["lang"] == lang]
        by_language[lang] = {
            "text": summarise(subset_digital)["text"],
            "cer": summarise(subset_scanned)["cer"],
        }
    en300 = [r for r in scanned if r["lang"] == "en" and r["dpi"] == 300]
    others = [r for r in scanned if r["lang"] != "en"]
    return {
        "digital": summarise(digital),
        "scanned": summarise(scanned),
        "cer_en_300": summarise(en300)["cer"],
        "cer_other_languages": summarise(others)["cer"],
        "by_language": by_language,
        "real_scans": summarise(real),
        **family_summaries(documents),
        "failures": sorted(name for name, r in documents.items() if not r["ok"]),
    }


# ---------------------------------------------------------------- speed and memory


def run_speed(tools: list[Tool], pdfs: list[Path], runs: int, timeout: float, outputs: Path) -> dict[str, Any]:
    """Whole-process pages/s and peak memory; runs interleaved across tools so load drifts hit all alike."""
    pages = {pdf.name: pdf_pages(pdf) for pdf in pdfs}
    timings: dict[str, dict[str, list[Measurement]]] = {t.name: {p.name: [] for p in pdfs} for t in tools}
    for run in range(runs):
        for tool in tools:
            for pdf in pdfs:
                result, _ = convert(tool, pdf, outputs / "speed" / tool.name, timeout)
                timings[tool.name][pdf.name].append(result)
                print(
                    f"  run {run + 1}/{runs} {tool.name:20s} {pdf.name:14s} {result.seconds:7.2f} s "
                    f"{result.peak_rss / 2**20:7.0f} MB" + ("" if result.ok else "  FAILED"),
                    flush=True,
                )
    speed: dict[str, Any] = {}
    for tool in tools:
        per_pdf = {}
        for name, results in timings[tool.name].items():
            seconds = statistics.median(r.seconds for r in results)
            converted = pages[name] if all(r.ok for r in results) else 0
            per_pdf[name] = {
                "pages": pages[name],
                "seconds": seconds,
                "pages_per_s": converted / seconds,
                "peak_mb": max(r.peak_rss for r in results) / 2**20,
                "ok": all(r.ok for r in results),
            }
        total_pages = sum(p["pages"] for p in per_pdf.values() if p["ok"])
        total_seconds = sum(p["seconds"] for p in per_pdf.values())
        speed[tool.name] = {
            "pages_per_s": total_pages / total_seconds,
            "peak_mb": max(p["peak_mb"] for p in per_pdf.values()),
            "per_pdf": per_pdf,
        }
    return speed


def scan_speed_pdf() -> Path | None:
    """The speed set's scanned book: the English scans of the corpus joined (pdfunite), or None."""
    parts = [CACHE / "corpus" / f"{name}.pdf" for name in SCAN_SPEED_DOCS]
    parts = [p for p in parts if p.exists()]
    if not parts:
        return None
    joined = CACHE / "speed-scans.pdf"
    if not joined.exists() or joined.stat().st_mtime < max(p.stat().st_mtime for p in parts):
        subprocess.run(["pdfunite", *map(str, parts), str(joined)], check=True, timeout=120)
    return joined


def run_memory(pdf: Path, runs: int, outputs: Path) -> dict[str, Any]:
    """pagemill's peak memory on the first 100 and the first 1,000 pages of one long document."""
    pagemill = BY_NAME["pagemill"]
    found: dict[str, Any] = {}
    for label, pages in (("pages_100", "1-100"), ("pages_1000", "1-1000")):
        results = [convert(pagemill, pdf, outputs / "memory", 900, pages)[0] for _ in range(runs)]
        found[label] = {
            "peak_mb": statistics.median(r.peak_rss for r in results) / 2**20,
            "seconds": statistics.median(r.seconds for r in results),
            "ok": all(r.ok for r in results),
        }
        print(
            f"  pagemill --pages {pages:7s} {found[label]['seconds']:7.2f} s {found[label]['peak_mb']:7.0f} MB",
            flush=True,
        )
    found["ratio"] = found["pages_1000"]["peak_mb"] / found["pages_100"]["peak_mb"]
    found["document"] = pdf.name
    return found


# ---------------------------------------------------------------- environment


def versions(tools: list[Tool]) -> dict[str, str]:
    found = {}
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "diff", "--quiet", "HEAD", "--", "pagemill"], cwd=ROOT).returncode != 0
    # other work in progress in the tree is measured too: say so
    found["pagemill"] = f"0.1.0 @ {commit.stdout.strip()}" + (" + uncommitted changes in pagemill/" if dirty else "")
    poppler = subprocess.run(["pdftotext", "-v"], capture_output=True, text=True)
    found["pdftotext"] = (poppler.stderr or poppler.stdout).splitlines()[0]
    for tool in tools:
        if tool.requirements:
            found[tool.name] = ", ".join(tool.requirements)
        elif tool.name.startswith("pagemill@"):
            found[tool.name] = f"pagemill at {tool.name.removeprefix('pagemill@')}, today's virtual environment"
    return found


def machine(load_at_start: tuple[float, float, float]) -> dict[str, Any]:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "load_average_at_start": load_at_start,
        "platform": platform.platform(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="corpus subset, fewer peers, one timing run")
    parser.add_argument("--tools", nargs="*", help="tool names (default: all, or the quick set)")
    parser.add_argument("--runs", type=int, help="timing runs per tool and PDF (default 3, quick 1)")
    parser.add_argument("--jobs", type=int, default=2, help="documents converted at once for the quality part")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--speed", nargs="*", help="speed-set file names to keep (default: the whole set of the mode)")
    parser.add_argument(
        "--only", nargs="+", metavar="NAME", help="score only these documents (e.g. en-latex-text-scan300 real-linn)"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="score the outputs an earlier run of the same mode left, converting nothing (tools run at different "
        "times, scored together with today's scorers; implies --skip-speed)",
    )
    args = parser.parse_args(argv)
    args.skip_speed = args.skip_speed or args.reuse
    # a run of chosen documents is "partial": its report never replaces latest.* or quick.*
    mode = "partial" if args.only else "quick" if args.quick else "full"
    names = args.tools or (QUICK_TOOLS if args.quick else [t.name for t in TOOLS])
    tools = [tool_named(n) for n in names]
    runs = args.runs or (1 if args.quick else 3)
    outputs = CACHE / "outputs" / mode
    started = time.time()
    load_at_start = os.getloadavg()

    chosen = args.only or (quick_documents() if args.quick else None)
    recipes = sorted({n.split("-scan")[0] for n in chosen if not n.startswith((REAL, TABLE))}) if chosen else None
    if recipes != []:
        print("building the corpus ...", flush=True)
        if corpus_build.main(["--only", *recipes] if recipes else []) != 0:
            print("some corpus documents failed to build; scoring those that exist", file=sys.stderr)
    if args.only:
        available = corpus_documents(False) + realscan_documents(False) + realtable_documents(False)
        absent = sorted(set(args.only) - set(available))
        if absent:
            print(f"not found (unknown, not built or not fetched): {', '.join(absent)}", file=sys.stderr)
        documents = [n for n in available if n in args.only]
        if not documents:
            return 2
    else:
        documents = corpus_documents(args.quick) + realscan_documents(args.quick) + realtable_documents(args.quick)
    print(f"quality: {len(documents)} documents x {len(tools)} tools", flush=True)
    per_document = run_corpus(tools, documents, args.jobs, outputs, args.reuse)

    speed: dict[str, Any] = {}
    scan_speed: dict[str, Any] = {}
    memory: dict[str, Any] = {}
    if not args.skip_speed:
        pdfs = [TEXDOCS / p for p in (SPEED_QUICK if args.quick else SPEED_FULL)]
        pdfs = [p for p in pdfs if not args.speed or p.name in args.speed]
        print(f"speed: {', '.join(p.name for p in pdfs)}, {runs} run(s)", flush=True)
        speed = run_speed(tools, pdfs, runs, 300 if args.quick else 900, outputs)
        scans = scan_speed_pdf()
        ocr_tools = [t for t in tools if t.name in OCR_TOOLS]
        if scans and ocr_tools:
            print(f"scanned pages: {scans.name}, {runs} run(s)", flush=True)
            scan_speed = run_speed(ocr_tools, [scans], runs, 900, outputs / "scans")
        if "pagemill" in names:
            memory = run_memory(TEXDOCS / LONG_DOC, 1 if args.quick else 3, outputs)

    results = {
        "mode": mode,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started)),
        "minutes": round((time.time() - started) / 60, 1),
        "load_average_at_end": os.getloadavg(),
        "machine": machine(load_at_start),
        "versions": versions(tools),
        "corpus": {
            "documents": sum(1 for r in per_document[names[0]].values() if not r["real"]),
            "scanned": sum(1 for r in per_document[names[0]].values() if r["scanned"] and not r["real"]),
            "real_scans": sum(1 for r in per_document[names[0]].values() if r["real"]),
        },
        "tools": names,
        "summary": {name: summaries(per_document[name]) for name in names},
        "speed": speed,
        "scan_speed": scan_speed,
        "memory": memory,
        "documents": per_document,
    }
    table = write_reports(results, RESULTS, latest=mode == "full")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
