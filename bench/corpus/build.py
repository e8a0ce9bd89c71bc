"""Build the corpus into a cache folder: ``python -m bench.corpus.build [--only NAME...]``.

Each document gives ``NAME.pdf``, ``NAME.md`` (ground truth) and ``NAME.json`` (what it contains:
language, engine, columns, tables with their kind, whether it is a scan). A document is rebuilt
only when its recipe or the generator's code changed.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path

from . import model, render
from .generate import Recipe, build, recipes
from .model import Document, Table
from .producers import Producer, producers

CACHE = Path(__file__).resolve().parents[1] / "cache"


def producer_of(recipe: Recipe) -> Producer:
    found = producers()
    if recipe.engine not in found:
        raise ValueError(f"{recipe.name}: no producer for engine {recipe.engine!r}")
    return found[recipe.engine]


def document_of(recipe: Recipe) -> Document:
    """The recipe's document: the producer's own builder, or the shared seeded one."""
    producer = producer_of(recipe)
    return producer.build(recipe) if producer.build else build(recipe)


def fingerprint(recipe: Recipe) -> str:
    """What the PDF depends on: the recipe, the documents it gives (truth and pandoc input), the renderers."""
    doc = document_of(recipe)
    fields = {**asdict(recipe), "features": sorted(recipe.features)}  # a frozenset's order changes per process
    digest = hashlib.sha256(repr(sorted(fields.items())).encode())
    for text in (model.truth_markdown(doc), model.pandoc_markdown(doc, "latex"), model.pandoc_markdown(doc, "html")):
        digest.update(text.encode())
    digest.update(Path(str(render.__file__)).read_bytes())
    for source in filter(None, producer_of(recipe).source.split(",")):  # "module" or "module,helper_module"
        module = importlib.import_module(source)
        for part in (module, *getattr(module, "DEPENDS", ())):  # and the modules it names in DEPENDS
            digest.update(Path(str(part.__file__)).read_bytes())
    return digest.hexdigest()[:16]


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def build_one(recipe: Recipe, out: Path) -> list[str]:
    """Build the recipe's digital PDF and its scans; the names written."""
    stamp = fingerprint(recipe)
    meta_path = out / f"{recipe.name}.json"
    names = [recipe.name] + [f"{recipe.name}-scan{dpi}" for dpi in recipe.scans]
    if (
        meta_path.exists()
        and json.loads(meta_path.read_text())["fingerprint"] == stamp
        and all((out / f"{n}.pdf").exists() for n in names)
    ):
        return names
    producer = producer_of(recipe)
    doc = document_of(recipe)
    truth = model.truth_markdown(doc)
    pdf = out / f"{recipe.name}.pdf"
    workdir = CACHE / "build" / recipe.name
    workdir.mkdir(parents=True, exist_ok=True)
    render.write_figures(workdir)
    producer.render(recipe, doc, workdir, pdf)  # records the furniture it prints in doc
    tables = [{"ruled": b.ruled, "merged": b.merged, "rules": b.rule_style} for b in doc.blocks if isinstance(b, Table)]
    meta = {
        "name": recipe.name,
        "lang": recipe.lang,
        "engine": recipe.engine,
        "family": producer.family,
        "variant": recipe.variant,
        "columns": recipe.columns,
        "features": sorted(recipe.features),
        "running": recipe.running,
        "scanned": False,
        "dpi": None,
        "pages": page_count(pdf),
        "tables": tables,
        "headings": sum(isinstance(b, model.Heading) for b in doc.blocks),
        "furniture": {"texts": doc.furniture, "page_numbers": doc.page_numbers},
        "source": recipe.name,
        "fingerprint": stamp,
    }
    for dpi in recipe.scans:
        name = f"{recipe.name}-scan{dpi}"
        render.scan(pdf, dpi, out / f"{name}.pdf", seed=dpi + len(recipe.name))
        (out / f"{name}.md").write_text(truth, encoding="utf-8")
        (out / f"{name}.json").write_text(json.dumps({**meta, "name": name, "scanned": True, "dpi": dpi}, indent=1))
    (out / f"{recipe.name}.md").write_text(truth, encoding="utf-8")
    meta_path.write_text(json.dumps(meta, indent=1))  # last: its fingerprint marks the set complete
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=CACHE / "corpus")
    parser.add_argument("--only", nargs="*", help="recipe names to build (default: all)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    chosen = [r for r in recipes() if not args.only or r.name in args.only]
    failures = 0
    with ThreadPoolExecutor(args.jobs) as pool:
        for recipe, result in zip(chosen, pool.map(lambda r: _safe_build(r, args.out), chosen)):
            if isinstance(result, Exception):
                failures += 1
                print(f"FAILED {recipe.name}: {result}", file=sys.stderr)
    count = len(list(args.out.glob("*.pdf")))
    print(
        f"corpus: {count} PDFs with ground truth in {args.out}" + (f", {failures} recipes failed" if failures else "")
    )
    return 1 if failures else 0


def _safe_build(recipe: Recipe, out: Path) -> list[str] | Exception:
    try:
        return build_one(recipe, out)
    except Exception as exc:  # noqa: BLE001 - report every failing recipe, not just the first
        return exc


if __name__ == "__main__":
    shutil.which("pandoc") or sys.exit("pandoc is missing: apt-get install pandoc")
    sys.exit(main())
