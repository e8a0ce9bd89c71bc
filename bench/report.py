"""The benchmark's reports: one Markdown table per run (plus detail sections) and the full JSON."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from .score.families import DEVELOPED_ON, REAL_SCANS

COLUMNS = (
    ("text", "digital", "text"),
    ("head P", "digital", "heading_p"),
    ("head R", "digital", "heading_r"),
    ("head F1", "digital", "heading_f1"),
    ("level acc.", "digital", "heading_level"),
    ("order", "digital", "order"),
    ("TEDS ruled", "digital", "teds_ruled"),
    ("TEDS unruled", "digital", "teds_unruled"),
    ("tbl P", "digital", "table_p"),
    ("tbl R", "digital", "table_r"),
    ("list P", "digital", "list_p"),
    ("list R", "digital", "list_r"),
    ("note P", "digital", "note_p"),
    ("note R", "digital", "note_r"),
    ("caption P", "digital", "caption_p"),
    ("caption R", "digital", "caption_r"),
    ("math", "digital", "math"),
    ("math =", "digital", "math_equal"),
    ("garbled math", "digital", "math_garbled"),
    ("furniture left", "digital", "furniture_left"),
    ("invalid outputs", "digital", "invalid"),
    ("joined words /1k", "digital", "joined_per_1000"),
    ("text scans", "scanned", "text"),
    ("CER scans", "scanned", "cer"),
    ("text real", "real_scans", "text"),
    ("CER real", "real_scans", "cer"),
)


def loads(values: list[float] | None) -> str:
    return "unknown" if not values else ", ".join(f"{x:.1f}" for x in values)


#: the quality columns of the per-family tables and of the generalisation check: (label, summary key)
FAMILY_COLUMNS = (
    ("text", "text"),
    ("head P", "heading_p"),
    ("head R", "heading_r"),
    ("head F1", "heading_f1"),
    ("level acc.", "heading_level"),
    ("order", "order"),
    ("TEDS ruled", "teds_ruled"),
    ("TEDS unruled", "teds_unruled"),
    ("tbl P", "table_p"),
    ("tbl R", "table_r"),
    ("list P", "list_p"),
    ("list R", "list_r"),
    ("note P", "note_p"),
    ("note R", "note_r"),
    ("caption P", "caption_p"),
    ("caption R", "caption_r"),
    ("math", "math"),
    ("garbled math", "math_garbled"),
    ("furniture left", "furniture_left"),
    ("invalid outputs", "invalid"),
    ("joined words /1k", "joined_per_1000"),
    ("CER", "cer"),
)
PERCENT = {"furniture_left", "math_garbled"}  # shares of pages, of formulas emitted: read as "≤ 2% of pages"
COUNTS = {"invalid"}  # numbers of documents


def fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def cell(key: str, value: float | None) -> str:
    """A summary value as the tables print it: furniture as a percentage of pages, the rest 0.00."""
    if value is not None and key in COUNTS:
        return str(int(value))
    if value is None or key not in PERCENT:
        return fmt(value)
    return f"{100 * value:.1f}%"


def main_table(results: dict[str, Any]) -> str:
    """One row per tool: every quality metric, pages/s, peak memory, and pagemill's ratios to it."""
    speed = results["speed"]
    head = [c[0] for c in COLUMNS] + ["pages/s", "peak MB", "pagemill speed ×", "pagemill memory ×"]
    lines = ["| tool | " + " | ".join(head) + " |", "|---|" + "---:|" * len(head)]
    mine = speed.get("pagemill")
    for tool in results["tools"]:
        summary = results["summary"][tool]
        # .get: runs saved before the real scans existed have no "real_scans" summary
        cells = [cell(key, summary.get(subset, {}).get(key)) for _, subset, key in COLUMNS]
        if tool in speed:
            s = speed[tool]
            cells += [f"{s['pages_per_s']:.1f}", f"{s['peak_mb']:.0f}"]
            if mine and tool != "pagemill":
                ratio = mine["pages_per_s"] / s["pages_per_s"] if s["pages_per_s"] else None
                cells += [fmt(ratio), fmt(mine["peak_mb"] / s["peak_mb"])]
            else:
                cells += ["–", "–"]
        else:
            cells += ["–"] * 4
        lines.append(f"| {tool} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def family_order(name: str) -> tuple[bool, bool, str, bool]:
    """Developed-on families first, then the held-out ones, real scans last; a family's scans right after it."""
    family = name.removesuffix(" (scans)")
    return (family == REAL_SCANS, family not in DEVELOPED_ON, family, name.endswith(" (scans)"))


def family_section(results: dict[str, Any]) -> str:
    """One table per producer family (scanned variants apart), a row per tool, every quality column."""
    tools = results["tools"]
    summaries = [results["summary"][t].get("families", {}) for t in tools]
    names = sorted({name for found in summaries for name in found}, key=family_order)
    if not names:
        return "(no families in this run: results saved before families existed)"
    head = [label for label, _ in FAMILY_COLUMNS]
    parts = []
    for name in names:
        first = next(found[name] for found in summaries if name in found)
        family = name.removesuffix(" (scans)")
        where = "developed on" if family in DEVELOPED_ON else "held out"
        lines = [
            f"### {name}: {where}, {plural(first['documents'], 'document')}, {plural(first.get('pages', 0), 'page')}",
            "",
            "| tool | " + " | ".join(head) + " |",
            "|---|" + "---:|" * len(head),
        ]
        for tool, found in zip(tools, summaries, strict=True):
            summary = found.get(name, {})
            lines.append(f"| {tool} | " + " | ".join(cell(key, summary.get(key)) for _, key in FAMILY_COLUMNS) + " |")
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def generalisation_section(results: dict[str, Any]) -> str:
    """Per tool, each quality column over the families pagemill was developed on / over those held out."""
    tools = results["tools"]
    if not all("held_out" in results["summary"][t] for t in tools):
        return "(not in this run: results saved before families existed)"
    first = results["summary"][tools[0]]
    developed = ", ".join(first["developed_on"]["families"]) or "none in this run"
    held = ", ".join(first["held_out"]["families"]) or "none in this run"
    head = [label for label, _ in FAMILY_COLUMNS]
    lines = [
        f"Developed on: {developed}. Held out: {held}. Each cell is *developed on / held out*: digital",
        "documents (CER: scanned ones, real scans included); a held-out value well below the developed-on one",
        "is tuning to the corpus. Every family has been developed on by now; the held-out evidence for the",
        "block roles is the role model's leave-one-family-out report (bench/train/REPORT.md).",
        "",
        "| tool | " + " | ".join(head) + " |",
        "|---|" + "---:|" * len(head),
    ]
    for tool in tools:
        dev, out = results["summary"][tool]["developed_on"], results["summary"][tool]["held_out"]
        cells = [f"{cell(key, dev.get(key))} / {cell(key, out.get(key))}" for _, key in FAMILY_COLUMNS]
        lines.append(f"| {tool} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def language_table(results: dict[str, Any]) -> str:
    languages = sorted({lang for t in results["tools"] for lang in results["summary"][t]["by_language"]})
    if not languages:
        return "(no corpus documents in this run)"
    lines = [
        "| tool | "
        + " | ".join(f"text {lang}" for lang in languages)
        + " | "
        + " | ".join(f"CER {lang}" for lang in languages)
        + " | CER en 300 dpi | CER other languages |",
        "|---|" + "---:|" * (2 * len(languages) + 2),
    ]
    for tool in results["tools"]:
        by_language = results["summary"][tool]["by_language"]
        cells = [fmt(by_language.get(lang, {}).get("text")) for lang in languages]
        cells += [fmt(by_language.get(lang, {}).get("cer")) for lang in languages]
        cells += [fmt(results["summary"][tool]["cer_en_300"]), fmt(results["summary"][tool]["cer_other_languages"])]
        lines.append(f"| {tool} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def speed_table(results: dict[str, Any]) -> str:
    speed = results["speed"]
    if not speed:
        return "(speed not measured in this run)"
    pdfs = list(next(iter(speed.values()))["per_pdf"])
    lines = [
        "| tool | " + " | ".join(f"{p} s | {p} pages/s | {p} MB" for p in pdfs) + " |",
        "|---|" + "---:|" * (3 * len(pdfs)),
    ]
    for tool, s in speed.items():
        cells = []
        for p in pdfs:
            d = s["per_pdf"][p]
            cells += [
                f"{d['seconds']:.2f}" + ("" if d["ok"] else " (failed)"),
                f"{d['pages_per_s']:.1f}",
                f"{d['peak_mb']:.0f}",
            ]
        lines.append(f"| {tool} | " + " | ".join(cells) + " |")
    pages = ", ".join(f"{p} ({d['pages']} pages)" for p, d in next(iter(speed.values()))["per_pdf"].items())
    return f"Speed set: {pages}.\n\n" + "\n".join(lines)


def real_scans_section(results: dict[str, Any]) -> str:
    """One row per real scan: every tool's CER, then every tool's text similarity; the means last."""
    tools = results["tools"]
    documents = results.get("documents", {})
    names = sorted({n for t in tools for n, r in documents.get(t, {}).items() if r.get("real")})
    if not names:
        return "(no real scans in this run, or per-document scores only in the timestamped JSON)"
    head = [f"CER {t}" for t in tools] + [f"text {t}" for t in tools]
    lines = [
        "| document | lang | dpi | pages | " + " | ".join(head) + " |",
        "|---|---|---:|---:|" + "---:|" * len(head),
    ]
    for name in names:
        scores = [documents[t].get(name) for t in tools]
        first = next(r for r in scores if r)
        cells = [fmt(r.get("cer") if r else None) for r in scores] + [fmt(r.get("text") if r else None) for r in scores]
        lines.append(f"| {name} | {first['lang']} | {first['dpi']} | {first['pages']} | " + " | ".join(cells) + " |")
    means = [results["summary"][t]["real_scans"] for t in tools]
    cells = [fmt(m["cer"]) for m in means] + [fmt(m["text"]) for m in means]
    lines.append("| **mean** | | | | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def memory_section(results: dict[str, Any]) -> str:
    memory = results["memory"]
    if not memory:
        return "(not measured in this run)"
    return (
        f"pagemill on `{memory['document']}`: first 100 pages {memory['pages_100']['peak_mb']:.0f} MB peak "
        f"({memory['pages_100']['seconds']:.1f} s), first 1,000 pages {memory['pages_1000']['peak_mb']:.0f} MB "
        f"peak ({memory['pages_1000']['seconds']:.1f} s): ratio **{memory['ratio']:.2f}** (issue 2 asks ≤ 1.5)."
    )


def failures_section(results: dict[str, Any]) -> str:
    lines = []
    for tool in results["tools"]:
        failed = results["summary"][tool]["failures"]
        if failed:
            lines.append(f"- {tool}: {len(failed)} — {', '.join(failed)}")
    return "\n".join(lines) or "none"


def weakest_section(results: dict[str, Any], tool: str = "pagemill", count: int = 10) -> str:
    """The documents where ``tool`` scores lowest on text, to say where to look next."""
    documents = results.get("documents", {}).get(tool)
    if not documents:
        return "(per-document scores are in the timestamped JSON)"
    lines = ["| document | text | CER | head P | head R | order | note |", "|---|---:|---:|---:|---:|---:|---|"]
    texts = [(name, r) for name, r in documents.items() if "text" in r]
    for name, r in sorted(texts, key=lambda item: item[1]["text"])[:count]:
        note = "" if r["ok"] else (str(r.get("error", "failed")).splitlines() or [""])[-1][:80]
        lines.append(
            f"| {name} | {fmt(r['text'])} | {fmt(r.get('cer'))} | {fmt(r.get('heading_p'))} "
            f"| {fmt(r.get('heading_r'))} "
            f"| {fmt(r.get('order'))} | {note} |"
        )
    return "\n".join(lines)


def scan_speed_section(results: dict[str, Any]) -> str:
    found = results.get("scan_speed") or {}
    if not found:
        return "(not measured in this run)"
    first = next(iter(found.values()))["per_pdf"]
    name, pages = next(iter(first)), next(iter(first.values()))["pages"]
    lines = ["| tool | seconds | scanned pages/s | peak MB |", "|---|---:|---:|---:|"]
    for tool, s in found.items():
        d = s["per_pdf"][name]
        ok = "" if d["ok"] else " (failed)"
        lines.append(f"| {tool} | {d['seconds']:.1f}{ok} | {d['pages_per_s']:.2f} | {d['peak_mb']:.0f} |")
    return (
        f"{name}: the English scans of the corpus joined ({pages} pages, 150-300 dpi), read by the tools "
        "that OCR; whole process, median of the runs, `OMP_THREAD_LIMIT=1`.\n\n" + "\n".join(lines)
    )


def markdown_report(results: dict[str, Any]) -> str:
    m = results["machine"]
    versions = "\n".join(f"- {k}: {v}" for k, v in results["versions"].items())
    corpus = results["corpus"]
    return f"""# pagemill benchmark ({results["mode"]}), {results["date"]}

{corpus["documents"]} corpus documents ({corpus["documents"] - corpus["scanned"]} digital, {corpus["scanned"]} scanned)
and {corpus.get("real_scans", 0)} real scans;
{m["cores"]} cores ({m["cpu"]}), load average (1, 5, 15 min) at start {loads(m["load_average_at_start"])}, at the end
{loads(results.get("load_average_at_end"))} (the machine is shared: absolute speeds drift, same-run ratios less so);
{results["minutes"]} minutes in all. Quality columns are means over the digital documents unless
marked "scans" (the generated corpus's scanned variants) or "real" (the real scans, `bench/realscans`);
`pages/s` and `peak MB` come from the speed set (whole process, median of the runs);
"pagemill speed ×" is pagemill's pages/s divided by the tool's, "pagemill memory ×" pagemill's peak
memory divided by the tool's. A failure or timeout counts as an empty output (zero).

{main_table(results)}

Columns: `text` 1 − normalised Levenshtein distance of the text with Markdown syntax, math and
HTML stripped; `head P/R` heading precision and recall (fuzzy text match ≥ 85), `head F1` their
harmonic mean per document; `level acc.` the share of matched headings whose level agrees once each
side's levels are ranked (the shallowest level a side uses is 1, the next 2, ...); `order` share of
located paragraphs that sit in order (longest increasing subsequence); `TEDS` tree-edit-distance
similarity per ground-truth table (0 when no predicted table matches it); `tbl P/R` table
detection by cell-content overlap (F1 ≥ 0.5), pooled over the corpus; `list P/R` and `note P/R` the
truth's list items and footnotes found as Markdown list items and footnotes (`[^n]:`), matched one to
one by fuzzy text (ratio ≥ 85), pooled over the corpus; `math` LaTeX token similarity of
displayed equations, `math =` the share that is identical after normalisation; `garbled math` the
share of emitted formulas (display and inline) whose glyphs, in reading order, occur nowhere in the
truth reduced the same way (glyphs invented, lost or reordered: `bench/score/garbled.py`); `CER` character
error rate on the scanned variants; `text real`/`CER real` the same two on the real scans;
`furniture left` the share of pages on which running headers, footers or page numbers stay in the
output beyond the truth (per document the places where left-over furniture stands, divided by its
pages and capped at 1; pooled over pages; see bench/README.md); `invalid outputs` the number of
documents whose Markdown is ill-formed on its face (unclosed fence, odd `$$` or unescaped `$` in a
paragraph, an HTML table or `<sup>` left open, a pipe table's delimiter row off, U+FFFD or
private-use characters: `pagemill/render/conformance.py`); `joined words /1k` the output's words
that `pdftotext -raw` reads as two ("ofthe"), per 1,000 words.

## By producer family

Every quality column per producer family, one table per family, a row per tool; a family's
scanned variants are a table of their own ("<family> (scans)"), where `text`/`CER` are the scores
to read. A dash: nothing of that kind in the family (or the family's meta says the metric does not
apply).

{family_section(results)}

## Generalisation: families developed on against families held out

{generalisation_section(results)}

## Real scans (hand-checked ground truth; `bench/realscans`)

{real_scans_section(results)}

## Text by language (digital) and CER by language (scans)

{language_table(results)}

## Speed per PDF

{speed_table(results)}

## Scanned pages per second (OCR)

{scan_speed_section(results)}

## Peak memory against document length

{memory_section(results)}

## pagemill's weakest documents (lowest text similarity)

{weakest_section(results)}

## Failures and timeouts (scored as zero)

{failures_section(results)}

## Versions

{versions}
"""


def write_reports(results: dict[str, Any], folder: Path, latest: bool) -> str:
    """Write ``<mode>-<time>.{json,md}`` and ``latest`` (full runs) or ``quick`` copies; return the table.

    A ``partial`` run (chosen documents) writes only its timestamped files."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    report = markdown_report(results)
    small = {k: v for k, v in results.items() if k != "documents"}
    copy = "latest" if latest else "quick" if results["mode"] == "quick" else None
    for name in [f"{results['mode']}-{stamp}"] + ([copy] if copy else []):
        (folder / f"{name}.md").write_text(report, encoding="utf-8")
        payload = results if name != "latest" else small
        (folder / f"{name}.json").write_text(json.dumps(payload, indent=1, ensure_ascii=False), encoding="utf-8")
    return main_table(results)


def main(argv: list[str] | None = None) -> int:
    """Re-render a saved run: ``python -m bench.report bench/results/full-<time>.json [--latest]``."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("json", type=Path)
    parser.add_argument("--latest", action="store_true", help="also write latest.md and latest.json")
    args = parser.parse_args(argv)
    results = json.loads(args.json.read_text(encoding="utf-8"))
    report = markdown_report(results)
    args.json.with_suffix(".md").write_text(report, encoding="utf-8")
    if args.latest:
        small = {k: v for k, v in results.items() if k != "documents"}
        (args.json.parent / "latest.md").write_text(report, encoding="utf-8")
        (args.json.parent / "latest.json").write_text(json.dumps(small, indent=1, ensure_ascii=False), encoding="utf-8")
    print(main_table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
