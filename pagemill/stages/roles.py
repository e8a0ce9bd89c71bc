"""Block roles from a small trained model: gradient-boosted trees evaluated with numpy.

The model file (``roles_model.npz`` beside this module) is written by ``bench/train``
(``make train``): every tree of every boosting round and class as flat node arrays, the
feature names it was trained on (``features.FEATURES``), the role names and the baseline
scores. Prediction is a walk down all trees at once over all blocks of a document, then a
softmax: deterministic, no training library at run time.

``assign_roles`` writes ``attrs["role"]`` and ``attrs["role_p"]`` (its probability) on each
text block of the body. ``find_headings`` takes the role where the model is sure (``SURE``) and
the thresholds elsewhere (``USE_MODEL``); the roles are recorded in the JSON either way.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from ..errors import PagemillError
from ..model import Document
from .features import FEATURES, document_features

MODEL_PATH = Path(__file__).with_name("roles_model.npz")

#: the roles the model tells apart (the order is the model file's)
ROLES = ("paragraph", "heading", "list_item", "caption", "footnote", "furniture", "other")

#: a role given with less probability than this leaves the decision to the thresholds (stages/headings.py):
#: on producers it was not trained on, the model's mistakes are its unsure calls (bench/train/REPORT.md)
SURE = 0.8

#: blocks scored at once: the tree walk holds a few (trees x CHUNK) arrays (~6 MB each at 350 trees)
CHUNK = 2048

#: the document stages decide headings with the model's role (find_headings); False keeps the thresholds.
#: PAGEMILL_ROLE_MODEL=1 or 0 overrides it (the bench's before/after runs)
USE_MODEL = True


def model_on() -> bool:
    """Whether the document stages take the model's roles (``USE_MODEL``, or the environment's override)."""
    flag = os.environ.get("PAGEMILL_ROLE_MODEL")
    return USE_MODEL if flag is None else flag == "1"


class ModelError(PagemillError):
    """The role model file is missing, damaged or was trained on other features."""


@dataclass(frozen=True)
class TreeModel:
    """Boosted trees as flat arrays: tree t's node i has ``feature[t, i]`` (-1 at a leaf), ``threshold``,
    ``left``/``right`` child indexes and a leaf ``value``; ``tree_class[t]`` is the class it scores."""

    features: tuple[str, ...]
    roles: tuple[str, ...]
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    tree_class: np.ndarray
    baseline: np.ndarray
    depth: int

    def scores(self, x: np.ndarray) -> np.ndarray:
        """Raw class scores, shape (blocks, roles), CHUNK blocks at a time: the walk's arrays are trees x blocks."""
        parts = [self._chunk_scores(x[start : start + CHUNK]) for start in range(0, len(x), CHUNK)]
        return np.concatenate(parts) if parts else np.zeros((0, len(self.roles)))

    def _chunk_scores(self, x: np.ndarray) -> np.ndarray:
        """Every tree walked at once over the blocks of ``x``, one level per step."""
        n, width = x.shape
        feature, threshold, left, right = self._flat
        flat = x.astype(np.float32).astype(np.float64).ravel()
        node = np.broadcast_to(self._roots[:, None], (len(self._roots), n))
        row = (np.arange(n, dtype=np.int64) * width)[None, :]
        for _ in range(self.depth):  # a leaf leads to itself, so every walk can take all the steps
            go_left = flat[row + feature[node]] <= threshold[node]
            node = np.where(go_left, left[node], right[node])
        values = self.value.ravel()[node]  # (trees, n)
        by_class = np.equal.outer(np.arange(len(self.roles)), self.tree_class).astype(np.float64)
        return np.asarray((by_class @ values).T + self.baseline)

    @cached_property
    def _roots(self) -> np.ndarray:
        trees, nodes = self.feature.shape
        return np.arange(trees, dtype=np.int64) * nodes

    @cached_property
    def _flat(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The trees as one node array: children as absolute indexes, a leaf its own child on feature 0."""
        base = self._roots[:, None]
        leaf = self.feature < 0
        own = base + np.arange(self.feature.shape[1])[None, :]
        feature = np.where(leaf, 0, self.feature).ravel()
        left = np.where(leaf, own, base + self.left).ravel()
        right = np.where(leaf, own, base + self.right).ravel()
        return feature, self.threshold.ravel(), left, right

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        if x.shape[1] != len(self.features):
            raise ModelError(f"{x.shape[1]} features given, the model takes {len(self.features)}")
        raw = self.scores(x)
        raw -= raw.max(axis=1, keepdims=True)
        exp = np.exp(raw)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True))


def save_model(path: Path, model: TreeModel) -> None:
    np.savez_compressed(
        path,
        features=np.array(model.features),
        roles=np.array(model.roles),
        feature=model.feature.astype(np.int16),
        threshold=model.threshold.astype(np.float64),
        left=model.left.astype(np.int16),
        right=model.right.astype(np.int16),
        value=model.value.astype(np.float32),
        tree_class=model.tree_class.astype(np.int8),
        baseline=model.baseline.astype(np.float64),
        depth=np.array(model.depth),
    )


def read_model(path: Path) -> TreeModel:
    """The model in ``path``; ModelError when it cannot be read or is not a role model."""
    try:
        with np.load(path, allow_pickle=False) as data:
            return TreeModel(
                features=tuple(str(name) for name in data["features"]),
                roles=tuple(str(name) for name in data["roles"]),
                feature=data["feature"].astype(np.int64),
                threshold=data["threshold"].astype(np.float64),
                left=data["left"].astype(np.int64),
                right=data["right"].astype(np.int64),
                value=data["value"].astype(np.float64),
                tree_class=data["tree_class"].astype(np.int64),
                baseline=data["baseline"].astype(np.float64),
                depth=int(data["depth"]),
            )
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(f"cannot read the role model {path}: {exc}") from exc


@lru_cache(maxsize=1)
def load_model() -> TreeModel:
    """The packaged model, read once; ModelError when it was trained on other features."""
    model = read_model(MODEL_PATH)
    if model.features != FEATURES:
        raise ModelError("the role model was trained on other features: run `make train`")
    return model


def assign_roles(document: Document) -> None:
    """Each text block's role and its probability, in ``attrs["role"]`` and ``attrs["role_p"]``."""
    blocks, x = document_features(document)
    if not blocks:
        return
    model = load_model()
    proba = model.predict_proba(x)
    best = proba.argmax(axis=1)
    for block, k, row in zip(blocks, best, proba, strict=True):
        block.attrs["role"] = model.roles[int(k)]
        block.attrs["role_p"] = round(float(row[k]), 3)
