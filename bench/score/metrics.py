"""The metrics, each a small pure function from ground truth and prediction to a number in [0, 1].

| metric | what it compares |
|---|---|
| ``text_similarity`` | 1 - normalised Levenshtein distance of the plain texts (Markdown syntax stripped) |
| ``character_error_rate`` | Levenshtein distance / length of the ground truth, capped at 1 (scans) |
| ``heading_scores`` | precision and recall of headings, matched one to one by fuzzy text |
| ``level_accuracy`` | share of matched headings whose level, ranked among the levels each side uses, agrees |
| ``reading_order`` | share of located ground-truth chunks that sit in order in the prediction |
| ``teds`` | tree-edit-distance similarity of two tables (Zhong et al. 2020), spans included |
| ``math_similarity`` | 1 - normalised Levenshtein distance of normalised LaTeX token sequences |
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter

from apted import APTED, Config
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from .markdown import Grid, normalise

HEADING_MATCH = 85  # fuzz.ratio at or above which two heading texts are the same heading
CHUNK_MATCH = 80  # partial_ratio at or above which a ground-truth chunk is found in the prediction


def text_similarity(truth: str, predicted: str) -> float:
    if not truth and not predicted:
        return 1.0
    return float(Levenshtein.normalized_similarity(truth, predicted))


def character_error_rate(truth: str, predicted: str) -> float:
    if not truth:
        return 0.0 if not predicted else 1.0
    return min(1.0, Levenshtein.distance(truth, predicted) / len(truth))


def text_with_notes(body: str, notes: list[str], predicted: str) -> tuple[float, float]:
    """(similarity, CER) of the text, footnotes scored wherever the tool put them.

    A footnote sits at the foot of its page in the PDF and at the end of the ground truth; to
    Levenshtein a moved block costs twice its length. So each note is located in the prediction
    by its best fuzzy alignment, cut out there and credited with that alignment's score; the
    rest is compared with the body. Both parts are weighted by their length in the truth.
    """
    rest = predicted
    credit = 0.0
    for note in notes:
        found = fuzz.partial_ratio_alignment(note, rest, score_cutoff=CHUNK_MATCH)
        if found is not None:
            credit += len(note) * found.score / 100
            rest = rest[: found.dest_start] + " " + rest[found.dest_end :]
    rest = " ".join(rest.split())
    notes_length = sum(len(note) for note in notes)
    total = len(body) + notes_length
    if not total:
        return (1.0 if not rest else 0.0), (0.0 if not rest else 1.0)
    similarity = (len(body) * text_similarity(body, rest) + credit) / total
    errors = Levenshtein.distance(body, rest) + notes_length - credit
    return similarity, min(1.0, errors / total)


def heading_pairs(truth: list[tuple[int, str]], predicted: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """One-to-one pairs (truth index, predicted index) of headings whose texts match (ratio >= 85), best first."""
    scored = sorted(
        (
            (fuzz.ratio(t.lower(), p.lower()), i, j)
            for i, (_, t) in enumerate(truth)
            for j, (_, p) in enumerate(predicted)
        ),
        reverse=True,
    )
    used_t: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for score, i, j in scored:
        if score < HEADING_MATCH:
            break
        if i not in used_t and j not in used_p:
            used_t.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def heading_scores(
    truth: list[tuple[int, str]], predicted: list[tuple[int, str]], pairs: list[tuple[int, int]] | None = None
) -> tuple[float, float]:
    """(precision, recall); a tool with no headings where there are some scores 0 on both."""
    if not truth:
        return (1.0 if not predicted else 0.0, 1.0)
    if not predicted:
        return 0.0, 0.0
    found = heading_pairs(truth, predicted) if pairs is None else pairs
    return len(found) / len(predicted), len(found) / len(truth)


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def level_ranks(found: list[tuple[int, str]]) -> list[int]:
    """Each heading's level as the rank of that level among the levels the document uses (1 = shallowest)."""
    rank = {level: index + 1 for index, level in enumerate(sorted({level for level, _ in found}))}
    return [rank[level] for level, _ in found]


def level_accuracy(
    truth: list[tuple[int, str]], predicted: list[tuple[int, str]], pairs: list[tuple[int, int]] | None = None
) -> float | None:
    """Share of matched headings whose level rank equals the truth's; None when none match.

    Levels are compared by rank, so H2/H3/H4 for H1/H2/H3 is right and all-H2 for H1/H2 is not.
    ``pairs`` are ``heading_pairs(truth, predicted)`` when the caller has them already.
    """
    pairs = heading_pairs(truth, predicted) if pairs is None else pairs
    if not pairs:
        return None
    truth_ranks, predicted_ranks = level_ranks(truth), level_ranks(predicted)
    return sum(truth_ranks[i] == predicted_ranks[j] for i, j in pairs) / len(pairs)


def reading_order(chunks: list[str], predicted: str) -> float | None:
    """Longest in-order run of located chunks / located chunks; None when fewer than two are found.

    Each chunk is located by its best fuzzy alignment in the prediction, so a chunk read in the
    wrong place still counts as found, and only its position is judged here (its text is judged
    by ``text_similarity``).
    """
    positions = []
    for chunk in chunks:
        alignment = fuzz.partial_ratio_alignment(chunk, predicted, score_cutoff=CHUNK_MATCH)
        if alignment is not None:
            positions.append(alignment.dest_start)
    if len(positions) < 2:
        return None
    return longest_increasing(positions) / len(positions)


def longest_increasing(values: list[int]) -> int:
    tails: list[int] = []
    for value in values:
        index = bisect_left(tails, value)
        if index == len(tails):
            tails.append(value)
        else:
            tails[index] = value
    return len(tails)


# ---------------------------------------------------------------- tables


class TableNode:
    """A node of a table tree: ``table`` > ``tr`` > ``td`` (header cells are ``td`` too)."""

    def __init__(self, tag: str, text: str = "", colspan: int = 1, rowspan: int = 1) -> None:
        self.tag, self.text, self.colspan, self.rowspan = tag, text, colspan, rowspan
        self.children: list[TableNode] = []


class TedsConfig(Config):
    """Renaming a cell costs its normalised text distance; a different tag or span costs 1."""

    def rename(self, a: TableNode, b: TableNode) -> float:
        if a.tag != b.tag or a.colspan != b.colspan or a.rowspan != b.rowspan:
            return 1.0
        if a.tag == "td":
            return float(Levenshtein.normalized_distance(a.text, b.text))
        return 0.0

    def children(self, node: TableNode) -> list[TableNode]:
        return node.children


def table_tree(grid: Grid) -> TableNode:
    root = TableNode("table")
    for row in grid.rows:
        tr = TableNode("tr")
        tr.children = [TableNode("td", normalise(text), colspan, rowspan) for text, colspan, rowspan in row]
        root.children.append(tr)
    return root


def count_nodes(node: TableNode) -> int:
    return 1 + sum(count_nodes(child) for child in node.children)


def teds(truth: Grid, predicted: Grid) -> float:
    a, b = table_tree(truth), table_tree(predicted)
    distance = APTED(a, b, TedsConfig()).compute_edit_distance()
    return max(0.0, 1.0 - distance / max(count_nodes(a), count_nodes(b)))


def cell_overlap(truth: Grid, predicted: Grid) -> float:
    """F1 of the two tables' multisets of cell texts: do they hold the same content at all?"""
    a, b = Counter(truth.cell_texts()), Counter(predicted.cell_texts())
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(b.values()), common / sum(a.values())
    return 2 * precision * recall / (precision + recall)


def match_tables(truth: list[Grid], predicted: list[Grid], least_overlap: float = 0.5) -> list[tuple[int, int]]:
    """One-to-one pairs (truth index, predicted index) whose cell contents overlap with F1 >= 0.5."""
    scored = sorted(
        ((cell_overlap(t, p), i, j) for i, t in enumerate(truth) for j, p in enumerate(predicted)), reverse=True
    )
    used_t: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for score, i, j in scored:
        if score < least_overlap:
            break
        if i not in used_t and j not in used_p:
            used_t.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


# ---------------------------------------------------------------- math

LATEX_TOKEN = re.compile(r"\\[a-zA-Z]+|\\.|\S")
IGNORED = {
    r"\left",
    r"\right",
    r"\,",
    r"\;",
    r"\!",
    r"\:",
    r"\ ",
    r"\quad",
    r"\qquad",
    r"\displaystyle",
    r"\textstyle",
    r"\limits",
    r"\nolimits",
    "~",
    r"\big",
    r"\Big",
    r"\bigg",
    r"\Bigg",
}
SYNONYMS = {
    r"\le": r"\leq",
    r"\ge": r"\geq",
    r"\ne": r"\neq",
    r"\to": r"\rightarrow",
    r"\dfrac": r"\frac",
    r"\tfrac": r"\frac",
    r"\lbrace": r"\{",
    r"\rbrace": r"\}",
    r"\vert": "|",
    r"\lvert": "|",
    r"\rvert": "|",
    r"\mid": "|",
    r"\gets": r"\leftarrow",
    r"\land": r"\wedge",
    r"\lor": r"\vee",
}


def latex_tokens(latex: str) -> list[str]:
    """LaTeX as a normalised token sequence: spacing dropped, synonyms unified, ``{x}`` -> ``x``."""
    tokens = [SYNONYMS.get(t, t) for t in LATEX_TOKEN.findall(latex) if t not in IGNORED]
    changed = True
    while changed:
        changed = False
        for index in range(len(tokens) - 2):
            if tokens[index] == "{" and tokens[index + 2] == "}" and tokens[index + 1] not in "{}":
                del tokens[index + 2], tokens[index]
                changed = True
                break
    return tokens


def math_similarity(truth: str, predicted: str) -> float:
    return float(Levenshtein.normalized_similarity(latex_tokens(truth), latex_tokens(predicted)))


def match_math(truth: list[str], predicted: list[str]) -> list[float]:
    """For each ground-truth formula, its similarity to the predicted formula matched one to one (0 if none)."""
    scored = sorted(
        ((math_similarity(t, p), i, j) for i, t in enumerate(truth) for j, p in enumerate(predicted)), reverse=True
    )
    best = [0.0] * len(truth)
    used_t: set[int] = set()
    used_p: set[int] = set()
    for score, i, j in scored:
        if i not in used_t and j not in used_p and score > 0:
            used_t.add(i)
            used_p.add(j)
            best[i] = score
    return best
