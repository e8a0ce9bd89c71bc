"""Train the role model and write it with its report: ``python -m bench.train`` (``make train``).

Gradient-boosted trees (scikit-learn's HistGradientBoostingClassifier, BSD; training only),
fixed seed, no early stopping, so the same rows give the same model. The trees are exported
as flat node arrays (``pagemill.stages.roles.TreeModel``) and evaluated with numpy at run
time; the export is checked against scikit-learn's own probabilities before it is written.

The report gives, per producer family, each role's precision and recall when the model was
trained on the other families only (leave one family out: how it does on a producer it has not
seen), the same for the model trained on all, and today's threshold rule for headings on the
same blocks.
"""

from __future__ import annotations

import numpy as np

from pagemill.stages.features import FEATURES
from pagemill.stages.roles import ROLES, TreeModel

from .dataset import Rows

SEED = 0
PARAMS = {"max_iter": 50, "learning_rate": 0.2, "max_leaf_nodes": 15, "max_depth": 5, "min_samples_leaf": 10,
          "l2_regularization": 1.0, "early_stopping": False, "random_state": SEED}


def fit(x: np.ndarray, y: np.ndarray) -> TreeModel:
    """Boosted trees for the labelled rows (y >= 0), exported."""
    from sklearn.ensemble import HistGradientBoostingClassifier  # training only
    from threadpoolctl import threadpool_limits

    keep = y >= 0
    with threadpool_limits(1):  # one thread: the same model on any machine, and no fight for a shared CPU
        clf = HistGradientBoostingClassifier(**PARAMS).fit(x[keep].astype(np.float64), y[keep])
    model = export(clf)
    check = x[keep][:2000]
    if len(check):
        ours = model.predict_proba(check)[:, list(clf.classes_)]
        theirs = clf.predict_proba(check.astype(np.float32).astype(np.float64))
        if len(clf.classes_) > 2 and not np.allclose(ours, theirs, atol=1e-5):
            raise RuntimeError("the exported trees disagree with scikit-learn's")
    return model


def export(clf: object) -> TreeModel:
    classes = [int(c) for c in clf.classes_]  # type: ignore[attr-defined]
    if len(classes) < 3:
        raise ValueError("the training rows hold fewer than three roles")
    trees = [(classes[k], p.nodes) for iteration in clf._predictors for k, p in enumerate(iteration)]  # type: ignore[attr-defined]
    width = max(len(nodes) for _, nodes in trees)
    shape = (len(trees), width)
    feature = np.full(shape, -1, np.int64)
    threshold = np.zeros(shape)
    left = np.zeros(shape, np.int64)
    right = np.zeros(shape, np.int64)
    value = np.zeros(shape)
    depth = 0
    for t, (_, nodes) in enumerate(trees):
        n = len(nodes)
        leaf = nodes["is_leaf"].astype(bool)
        feature[t, :n] = np.where(leaf, -1, nodes["feature_idx"])
        threshold[t, :n] = nodes["num_threshold"]
        left[t, :n] = nodes["left"]
        right[t, :n] = nodes["right"]
        value[t, :n] = nodes["value"]
        depth = max(depth, int(nodes["depth"].max()))
    baseline = np.full(len(ROLES), -30.0)
    baseline[classes] = np.asarray(clf._baseline_prediction).ravel()  # type: ignore[attr-defined]
    return TreeModel(
        features=FEATURES, roles=ROLES, feature=feature, threshold=threshold, left=left, right=right,
        value=value, tree_class=np.array([k for k, _ in trees]), baseline=baseline, depth=depth,
    )


def scores(predicted: np.ndarray, truth: np.ndarray, role: int) -> tuple[float, float, int]:
    """Precision, recall and support of one role."""
    tp = int(((predicted == role) & (truth == role)).sum())
    said = int((predicted == role).sum())
    real = int((truth == role).sum())
    return (tp / said if said else float("nan")), (tp / real if real else float("nan")), real


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def evaluate(rows: Rows) -> tuple[TreeModel, str]:
    """The model trained on all rows, and the report (Markdown)."""
    labelled = rows.y >= 0
    families = sorted(set(rows.family[labelled].tolist()))
    held_out = np.full(len(rows.y), -1)
    for family in families:
        train = rows.family != family
        if len(set(rows.y[train & labelled].tolist())) < 3:
            continue
        model = fit(rows.x[train], rows.y[train])
        test = ~train
        held_out[test] = model.predict_proba(rows.x[test]).argmax(axis=1)
    final = fit(rows.x, rows.y)
    fitted = final.predict_proba(rows.x).argmax(axis=1) if len(rows.y) else np.zeros(0, int)
    rule = np.where(rows.rule, ROLES.index("heading"), 0)
    lines = [
        "# Role model: training report",
        "",
        f"{int(labelled.sum())} labelled blocks ({len(rows.y)} in all) from {len(set(rows.document.tolist()))} "
        f"documents; {len(FEATURES)} features; {len(final.tree_class)} trees. Written by `make train`.",
        "",
        "P / R per role; **held out** = trained on the other families only; *all* = trained on every family",
        "(its own rows included); rule = today's heading thresholds (stages/headings.py) on the same blocks.",
        "",
    ]
    header = "| family | role | n | P held out | R held out | F1 held out | P all | R all |"
    lines += [header, "|" + "---|" * 8]
    for family in [*families, "ALL"]:
        mask = labelled & ((rows.family == family) if family != "ALL" else True)
        for k, role in enumerate(ROLES):
            p, r, n = scores(held_out[mask], rows.y[mask], k)
            if n == 0 and np.isnan(p):
                continue
            pa, ra, _ = scores(fitted[mask], rows.y[mask], k)
            lines.append(f"| {family} | {role} | {n} | {p:.3f} | {r:.3f} | {f1(p, r):.3f} | {pa:.3f} | {ra:.3f} |")
    lines += ["", "Headings: held-out model vs today's rule (P / R / F1)", "",
              "| family | n | model P | model R | model F1 | rule P | rule R | rule F1 |", "|" + "---|" * 8]
    k = ROLES.index("heading")
    for family in [*families, "ALL"]:
        mask = labelled & ((rows.family == family) if family != "ALL" else True)
        p, r, n = scores(held_out[mask], rows.y[mask], k)
        pr, rr, _ = scores(rule[mask], rows.y[mask], k)
        cells = f"{p:.3f} | {r:.3f} | {f1(p, r):.3f} | {pr:.3f} | {rr:.3f} | {f1(pr, rr):.3f}"
        lines.append(f"| {family} | {n} | {cells} |")
    return final, "\n".join(lines).replace("nan", "–") + "\n"
