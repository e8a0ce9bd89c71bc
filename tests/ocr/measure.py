"""Numbers for the OCR issue, printed as Markdown tables (not a test: it takes minutes).

    .venv/bin/python -m tests.ocr.measure digital DIR...   auto mode must OCR no page of born-digital PDFs
    .venv/bin/python -m tests.ocr.measure cer PDF:PAGES[:LANG] ...
        re-scan real pages (render at 300 dpi, embed as image-only PDF), OCR them, and compare
        with pagemill's own text of the born-digital page: character error rate and pages/s
    .venv/bin/python -m tests.ocr.measure speed PDF:PAGES:LANG ...   pages/s, one page vs reading ahead
    .venv/bin/python -m tests.ocr.measure synthetic                  CER of the tests' generated scans
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

import pagemill
from pagemill.options import parse_page_ranges

from . import scanmaker
from .cer import cer


def digital(folders: list[str]) -> None:
    files = sorted(p for folder in folders for p in Path(folder).glob("*.pdf"))
    pages = ocrd = regions = failed = 0
    started = time.perf_counter()
    for path in files:
        try:
            result = pagemill.convert(str(path))
        except pagemill.PagemillError as exc:
            print(f"| {path.name} | failed: {exc} |")
            continue
        for error in result.errors:
            print(f"| {path.name} | page failed | {error} |")
        failed += len(result.errors)
        for page in result.document.pages:
            pages += 1
            decision = page.text_quality.get("decision")
            if decision != "text":
                ocrd += decision == "ocr"
                regions += decision == "ocr_regions"
                print(f"| {path.name} p{page.number} | {decision} | {page.text_quality.get('reason')} |")
    seconds = time.perf_counter() - started
    print("\n| files | pages | pages failed | pages OCR'd | pages with regions OCR'd | seconds | pages/s |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {len(files)} | {pages} | {failed} | {ocrd} | {regions} | {seconds:.1f} | {pages / seconds:.1f} |")


def rescan(path: str, indexes: list[int], folder: Path) -> Path:
    """The pages as a 300 dpi grayscale scan would show them, in an image-only PDF."""
    document = pdfium.PdfDocument(path)
    images = [document[i].render(scale=300 / 72, grayscale=True).to_pil().convert("L") for i in indexes]
    document.close()
    out = folder / (Path(path).stem + "-scan.pdf")
    out.write_bytes(scanmaker.image_pdf(images))
    return out


def measure_cer(specs: list[str]) -> None:
    print("| document | pages | lang | CER | pages/s (wall) | CPU s/page |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for spec in specs:
            path, pages, *rest = spec.split(":")
            lang = rest[0] if rest else None
            indexes = parse_page_ranges(pages, len(pdfium.PdfDocument(path)))
            known = plain_text(pagemill.convert(path, pages=pages, math=False, tables=False))
            scan = rescan(path, indexes, Path(tmp))
            wall, cpu = time.perf_counter(), time.process_time()
            result = pagemill.convert(str(scan), lang=lang) if lang else pagemill.convert(str(scan))
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            child = _children_cpu()
            used = {p.text_quality.get("lang") for p in result.document.pages}
            rate = cer(plain_text(result), known)
            print(
                f"| {Path(path).name} | {pages} | {'/'.join(sorted(map(str, used)))} | {rate:.2%} "
                f"| {len(indexes) / wall:.2f} | {(cpu + child) / len(indexes):.2f} |"
            )


def plain_text(result: pagemill.Result) -> str:
    """Every block's plain text (no Markdown marks), furniture and figure labels included, in order."""
    return " ".join(block.text for page in result.document.pages for block in page.blocks)


def speed(specs: list[str]) -> None:
    """Scanned pages per second, reading one page at a time and reading ahead (two or more at once)."""
    import pagemill.stages.ocr as ocr_step

    print("| pages | lang | pages at once | wall s | pages/s (wall) | CPU s/page |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for spec in specs:
            path, pages, lang = spec.split(":")
            indexes = parse_page_ranges(pages, len(pdfium.PdfDocument(path)))
            scan = rescan(path, indexes, Path(tmp))
            for workers in (1, 2):
                ocr_step.MAX_WORKERS = workers
                _children_cpu()
                wall, cpu = time.perf_counter(), time.process_time()
                pagemill.convert(str(scan), lang=lang)
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu + _children_cpu()
                n = len(indexes)
                print(f"| {n} | {lang} | {workers} | {wall:.1f} | {n / wall:.2f} | {cpu / n:.2f} |", flush=True)


def synthetic(_: list[str]) -> None:
    """CER on the generated clean 300 dpi scans of the tests (one page each)."""
    print("| page | lang given | lang used | engine | CER |")
    print("|---|---|---|---|---|")
    cases = [
        ("English", scanmaker.ENGLISH, {}, None),
        ("German", scanmaker.GERMAN, {}, None),
        ("German", scanmaker.GERMAN, {}, "deu"),
        ("Chinese", scanmaker.CHINESE, {"font": scanmaker.CJK, "size_pt": 14}, "chi_sim"),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for name, lines, draw, lang in cases:
            path = scanmaker.write(Path(tmp) / "page.pdf", scanmaker.scanned_pdf(lines, **draw))
            result = pagemill.convert(str(path), lang=lang) if lang else pagemill.convert(str(path))
            quality = result.document.pages[0].text_quality
            joiner = "" if name == "Chinese" else " "
            text = plain_text(result).replace(" ", "") if name == "Chinese" else plain_text(result)
            rate = cer(text, joiner.join(lines))
            print(f"| {name} | {lang or '-'} | {quality['lang']} | {quality['engine']} | {rate:.2%} |", flush=True)


_last_children = 0.0


def _children_cpu() -> float:
    """CPU seconds of finished child processes (tesseract) since the last call."""
    import os

    global _last_children
    times = os.times()
    total = times.children_user + times.children_system
    spent, _last_children = total - _last_children, total
    return spent


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    {"digital": digital, "cer": measure_cer, "speed": speed, "synthetic": synthetic}[command](arguments)
