"""Score one tool's Markdown for one document, and average the scores over a corpus."""

from __future__ import annotations

from statistics import mean
from typing import Any

from .markdown import display_math, headings, inline_math, order_chunks, plain_text, split_footnotes, tables
from .metrics import (
    heading_scores,
    match_math,
    match_tables,
    reading_order,
    teds,
    text_with_notes,
)


def score_document(truth: str, meta: dict[str, Any], predicted: str) -> dict[str, Any]:
    """Every metric of one prediction against its ground truth; ``meta`` is the corpus JSON."""
    predicted_text = plain_text(predicted)
    body, notes = split_footnotes(truth)
    similarity, cer = text_with_notes(plain_text(body), notes, predicted_text)
    heading_p, heading_r = heading_scores(headings(truth), headings(predicted))
    scores: dict[str, Any] = {"text": similarity, "heading_p": heading_p, "heading_r": heading_r}
    if meta.get("scanned"):
        scores["cer"] = cer
    chunks = order_chunks(truth)
    if len(chunks) >= 2:
        order = reading_order(chunks, predicted_text)
        scores["order"] = 0.0 if order is None else order
    scores.update(table_scores(truth, meta, predicted))
    scores.update(math_scores(truth, predicted))
    return scores


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
    return {"math_display": display, "math_inline": inline}


def summarise(results: list[dict[str, Any]]) -> dict[str, float | None]:
    """Means over documents (tables and formulas pooled over the corpus; detection micro-averaged)."""

    def avg(values: list[float]) -> float | None:
        return mean(values) if values else None

    tables_all = [t for r in results for t in r.get("tables", [])]
    predicted = sum(r.get("tables_predicted", 0) for r in results)
    matched = sum(r.get("tables_matched", 0) for r in results)
    display = [s for r in results for s in r.get("math_display", [])]
    inline = [s for r in results for s in r.get("math_inline", [])]
    return {
        "documents": len(results),
        "text": avg([r["text"] for r in results]),
        "cer": avg([r["cer"] for r in results if "cer" in r]),
        "heading_p": avg([r["heading_p"] for r in results]),
        "heading_r": avg([r["heading_r"] for r in results]),
        "order": avg([r["order"] for r in results if "order" in r]),
        "teds_ruled": avg([t["teds"] for t in tables_all if t["ruled"]]),
        "teds_unruled": avg([t["teds"] for t in tables_all if not t["ruled"]]),
        "teds_merged": avg([t["teds"] for t in tables_all if t["merged"]]),
        "table_p": (matched / predicted) if predicted else None,
        "table_r": (matched / len(tables_all)) if tables_all else None,
        "math": avg(display),
        "math_equal": avg([1.0 if s >= 1.0 else 0.0 for s in display]),
        "math_inline": avg(inline),
    }
