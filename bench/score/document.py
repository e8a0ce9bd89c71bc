"""Score one tool's Markdown for one document, and average the scores over a corpus."""

from __future__ import annotations

from statistics import mean
from typing import Any

from .families import DEVELOPED_ON, family_of, group_of, metric_groups
from .furniture import furniture_scores
from .garbled import garbled_scores
from .markdown import (
    captions,
    display_math,
    headings,
    inline_math,
    list_items,
    order_chunks,
    plain_text,
    split_footnotes,
    tables,
)
from .metrics import (
    f1,
    heading_pairs,
    heading_scores,
    level_accuracy,
    match_math,
    match_tables,
    reading_order,
    teds,
    text_with_notes,
)


def score_document(truth: str, meta: dict[str, Any], predicted: str) -> dict[str, Any]:
    """Every metric that applies to one prediction against its ground truth; ``meta`` is the corpus JSON.

    The meta's optional ``metrics`` lists the metric groups that apply (``families.METRIC_GROUPS``);
    the others are left out of the document's scores, so they do not enter any mean.
    """
    groups = metric_groups(meta)
    scores: dict[str, Any] = {}
    predicted_text = plain_text(predicted)
    if "text" in groups:
        body, notes = split_footnotes(truth)
        similarity, cer = text_with_notes(plain_text(body), notes, predicted_text)
        scores["text"] = similarity
        if meta.get("scanned"):
            scores["cer"] = cer
    if "headings" in groups:
        truth_headings, predicted_headings = headings(truth), headings(predicted)
        pairs = heading_pairs(truth_headings, predicted_headings)
        heading_p, heading_r = heading_scores(truth_headings, predicted_headings, pairs)
        scores.update(heading_p=heading_p, heading_r=heading_r, heading_f1=f1(heading_p, heading_r))
        level = level_accuracy(truth_headings, predicted_headings, pairs)
        if level is not None:
            scores["heading_level"] = level
    if "blocks" in groups:
        scores.update(block_counts(truth, predicted))
    if "order" in groups:
        chunks = order_chunks(truth)
        if len(chunks) >= 2:
            order = reading_order(chunks, predicted_text)
            scores["order"] = 0.0 if order is None else order
    if "tables" in groups:
        scores.update(table_scores(truth, meta, predicted))
    if "math" in groups:
        scores.update(math_scores(truth, predicted))
    if "furniture" in groups and predicted_text:  # an empty output (a failure, no OCR) is not judged clean
        furniture, pages = meta.get("furniture") or {}, int(meta.get("pages") or 0)
        scores.update(furniture_scores(truth, predicted, furniture, pages))
    return scores


def block_counts(truth: str, predicted: str) -> dict[str, int]:
    """List items, footnotes and captions of the truth found as such in the prediction (fuzzy text, one to one):
    counts, pooled over the corpus into precision and recall by ``summarise``."""
    counts: dict[str, int] = {}
    for kind, found in (
        ("list", list_items),
        ("note", lambda text: split_footnotes(text)[1]),
        ("caption", captions),
    ):
        truth_items, predicted_items = found(truth), found(predicted)
        pairs = heading_pairs([(0, t) for t in truth_items], [(0, p) for p in predicted_items])
        counts.update({f"{kind}_truth": len(truth_items), f"{kind}_predicted": len(predicted_items)})
        counts[f"{kind}_matched"] = len(pairs)
    return counts


def table_scores(truth: str, meta: dict[str, Any], predicted: str) -> dict[str, Any]:
    truth_tables, predicted_tables = tables(truth), tables(predicted)
    kinds = meta.get("tables") or [{"ruled": True, "merged": False}] * len(truth_tables)
    pairs = dict(match_tables(truth_tables, predicted_tables))
    per_table = []
    for index, grid in enumerate(truth_tables):
        kind = kinds[index] if index < len(kinds) else {"ruled": True, "merged": False}
        score = teds(grid, predicted_tables[pairs[index]]) if index in pairs else 0.0
        per_table.append({**kind, "teds": score})
    return {"tables": per_table, "tables_predicted": len(predicted_tables), "tables_matched": len(pairs)}


def math_scores(truth: str, predicted: str) -> dict[str, Any]:
    predicted_math = display_math(predicted) + inline_math(predicted)
    display = match_math(display_math(truth), predicted_math)
    inline = match_math(inline_math(truth), inline_math(predicted))
    return {"math_display": display, "math_inline": inline, **garbled_scores(truth, predicted)}


def summarise(results: list[dict[str, Any]]) -> dict[str, float | None]:
    """Means over the documents a metric applies to (tables and formulas pooled over the corpus;
    table detection micro-averaged; furniture left in weighted by pages, i.e. a share of all pages)."""

    def avg(key: str) -> float | None:
        values = [r[key] for r in results if key in r]
        return mean(values) if values else None

    tables_all = [t for r in results for t in r.get("tables", [])]
    predicted = sum(r.get("tables_predicted", 0) for r in results)
    matched = sum(r.get("tables_matched", 0) for r in results)
    display = [s for r in results for s in r.get("math_display", [])]
    inline = [s for r in results for s in r.get("math_inline", [])]

    def pooled(values: list[float]) -> float | None:
        return mean(values) if values else None

    def page_share(key: str) -> float | None:
        found = [(r[key], r.get("pages") or 1) for r in results if key in r]
        return sum(share * pages for share, pages in found) / sum(pages for _, pages in found) if found else None

    def pooled_share(kind: str, of: str) -> float | None:
        total = sum(r.get(f"{kind}_{of}", 0) for r in results)
        return sum(r.get(f"{kind}_matched", 0) for r in results) / total if total else None

    return {
        "documents": len(results),
        "pages": sum(r.get("pages") or 0 for r in results),
        "text": avg("text"),
        "cer": avg("cer"),
        "heading_p": avg("heading_p"),
        "heading_r": avg("heading_r"),
        "heading_f1": avg("heading_f1"),
        "heading_level": avg("heading_level"),
        "order": avg("order"),
        "teds_ruled": pooled([t["teds"] for t in tables_all if t["ruled"]]),
        "teds_unruled": pooled([t["teds"] for t in tables_all if not t["ruled"]]),
        "teds_merged": pooled([t["teds"] for t in tables_all if t["merged"]]),
        "table_p": (matched / predicted) if predicted else None,
        "table_r": (matched / len(tables_all)) if tables_all else None,
        "list_p": pooled_share("list", "predicted"),
        "list_r": pooled_share("list", "truth"),
        "note_p": pooled_share("note", "predicted"),
        "note_r": pooled_share("note", "truth"),
        "caption_p": pooled_share("caption", "predicted"),
        "caption_r": pooled_share("caption", "truth"),
        "math": pooled(display),
        "math_equal": pooled([1.0 if s >= 1.0 else 0.0 for s in display]),
        "math_inline": pooled(inline),
        "math_garbled": garbled_share(results),
        "furniture_left": page_share("furniture_left"),
        "invalid": invalid(results),
        "bad_characters": sum(r.get("bad_characters", 0) for r in results),
        "joined_per_1000": per_thousand(results),
    }


def garbled_share(results: list[dict[str, Any]]) -> float | None:
    """Garbled formulas among all those emitted, pooled over the documents (None where none is emitted)."""
    emitted = sum(r.get("math_emitted", 0) for r in results)
    return sum(r.get("math_garbled", 0) for r in results) / emitted if emitted else None


def invalid(results: list[dict[str, Any]]) -> int | None:
    """How many documents have ill-formed Markdown (None for runs saved before the check existed)."""
    checked = [r["invalid"] for r in results if "invalid" in r]
    return sum(checked) if checked else None


def per_thousand(results: list[dict[str, Any]]) -> float | None:
    """Joined words per 1,000 words of output, pooled over the documents that have the count."""
    words = sum(r.get("words", 0) for r in results)
    return 1000 * sum(r.get("joined", 0) for r in results) / words if words else None


def family_summaries(documents: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Means per report group (a family; its scanned variants apart), and over the families pagemill
    was developed on against those held out (digital documents; CER from the scanned ones)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    family = {name: family_of(r, r.get("real", False)) for name, r in documents.items()}
    for name, r in documents.items():
        groups.setdefault(group_of(family[name], r["scanned"]), []).append(r)
    split: dict[str, Any] = {}
    for label, developed in (("developed_on", True), ("held_out", False)):
        chosen = [name for name in documents if (family[name] in DEVELOPED_ON) == developed]
        summary: dict[str, Any] = summarise([documents[n] for n in chosen if not documents[n]["scanned"]])
        summary["cer"] = summarise([documents[n] for n in chosen if documents[n]["scanned"]])["cer"]
        summary["families"] = sorted({family[n] for n in chosen})
        split[label] = summary
    return {"families": {name: summarise(rs) for name, rs in sorted(groups.items())}, **split}
