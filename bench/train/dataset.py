"""The training set: each digital corpus document read by pagemill, its text blocks' features
(``pagemill.stages.features``) and their roles from the truth (``labels.py``).

A document is read with the per-page stages only (the document stages would change the blocks
the model is meant to classify), its first ``MAX_PAGES`` pages (long books repeat themselves).
Rows are cached per document in ``bench/cache/train/`` under the corpus fingerprint and the
feature names, so a second ``make train`` reads the cache; scanned variants are left out (their
styles are measured from pixels: a later model).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pagemill import pipeline
from pagemill.options import Options
from pagemill.stages.features import FEATURES, document_features, full_text
from pagemill.stages.headings import _is_heading as is_heading

from .labels import label, parse_truth, squeeze

CORPUS = Path("bench/cache/corpus")
CACHE = Path("bench/cache/train")
MAX_PAGES = 16
#: bump when labels.py changes, so the cached rows are labelled again
LABELS = "3"


@dataclass
class Rows:
    """Feature rows with their labels, document names and producer families."""

    x: np.ndarray
    y: np.ndarray
    document: np.ndarray
    family: np.ndarray
    text: np.ndarray
    #: today's threshold rule (stages/headings.py) calls the block a heading candidate
    rule: np.ndarray


def read_blocks(pdf: Path, pages: int | None = None) -> tuple[list, np.ndarray, object]:
    """The text blocks of ``pdf`` after the per-page stages, and their features."""
    options = Options(ocr="never", images=False, pages=f"1-{pages}" if pages else None)
    saved = pipeline.DOCUMENT_STAGES
    pipeline.DOCUMENT_STAGES = ()
    try:
        document = pipeline.build_document(str(pdf), options)
    finally:
        pipeline.DOCUMENT_STAGES = saved
    blocks, x = document_features(document)
    return blocks, x, document


def document_rows(meta: dict, pdf: Path, truth_md: str) -> tuple[np.ndarray, np.ndarray, list[str], np.ndarray]:
    pages = min(int(meta.get("pages") or MAX_PAGES), MAX_PAGES)
    blocks, x, document = read_blocks(pdf, pages)
    truth = parse_truth(truth_md, meta)
    heights = {page.number: page.height for page in document.pages}  # type: ignore[attr-defined]
    # a text printed in several blocks (a title repeated as the running head) is the truth's block
    # once: in its largest print; the other copies are repeats
    counts = Counter(squeeze(b.text) for b in blocks)
    largest: dict[str, int] = {}
    for index, b in enumerate(blocks):
        key = squeeze(b.text)
        if counts[key] > 1 and (key not in largest or b.size > blocks[largest[key]].size + 0.1):
            largest[key] = index
    y = np.array(
        [
            label(
                full_text(b), b.text, b.bbox.y0 / heights[b.page], b.bbox.y1 / heights[b.page], truth,
                repeated=counts[squeeze(b.text)] > 1 and largest.get(squeeze(b.text)) != index,
            )
            for index, b in enumerate(blocks)
        ],
        dtype=np.int8,
    )
    body = document.font_stats.body_size()  # type: ignore[attr-defined]
    rule = np.array([is_heading(b, body) for b in blocks], dtype=bool)
    return x, y, [b.text[:80] for b in blocks], rule


def _key(meta: dict) -> str:
    digest = hashlib.sha1(("|".join(FEATURES) + str(MAX_PAGES) + LABELS).encode()).hexdigest()[:8]
    return f"{meta['name']}-{meta.get('fingerprint', '')}-{digest}"


def build(corpus: Path = CORPUS, cache: Path = CACHE, names: list[str] | None = None, log: bool = True) -> Rows:
    """Rows of every digital corpus document (or of ``names``), from the cache where it has them."""
    cache.mkdir(parents=True, exist_ok=True)
    xs, ys, docs, fams, texts, rules = [], [], [], [], [], []
    for path in sorted(corpus.glob("*.json")):
        meta = json.loads(path.read_text())
        if meta.get("scanned") or (names and meta["name"] not in names):
            continue
        pdf, truth = path.with_suffix(".pdf"), path.with_suffix(".md")
        # real tables: their truth has the tables only
        if not pdf.exists() or not truth.exists() or meta.get("metrics") == ["tables"]:
            continue
        stored = cache / f"{_key(meta)}.npz"
        if stored.exists():
            with np.load(stored, allow_pickle=False) as data:
                x, y, text, rule = data["x"], data["y"], list(data["text"]), data["rule"]
        else:
            try:
                x, y, text, rule = document_rows(meta, pdf, truth.read_text())
            except Exception as exc:  # noqa: BLE001 - one unreadable document must not stop training
                print(f"  {meta['name']}: skipped ({type(exc).__name__}: {exc})")
                continue
            np.savez_compressed(stored, x=x, y=y, text=np.array(text, dtype=str), rule=rule)
        if log:
            family = meta.get("family", "?")
            print(f"  {meta['name']:32} {family:16} {len(y):5} blocks, {int((y >= 0).sum()):5} labelled")
        xs.append(x)
        ys.append(y)
        docs += [meta["name"]] * len(y)
        fams += [meta.get("family") or "?"] * len(y)
        texts += text
        rules.append(rule)
    width = len(FEATURES)
    return Rows(
        x=np.concatenate(xs) if xs else np.zeros((0, width), np.float32),
        y=np.concatenate(ys).astype(np.int64) if ys else np.zeros(0, np.int64),
        document=np.array(docs, dtype=str),
        family=np.array(fams, dtype=str),
        text=np.array(texts, dtype=str),
        rule=np.concatenate(rules) if rules else np.zeros(0, bool),
    )
