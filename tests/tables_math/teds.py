"""TEDS, tree-edit-distance similarity of two tables (Zhong et al., 2020), for measuring.

A table is the tree ``table -> row -> cell``; a cell node carries its
rowspan, colspan and text. Renaming a cell costs 1 when the spans differ,
else the normalised edit distance of the texts; inserting or deleting a
node costs 1. TEDS = 1 - distance / max(nodes of either tree).
Zhang-Shasha's algorithm; tables here are small.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import Levenshtein


@dataclass
class Node:
    label: str
    text: str = ""
    children: list[Node] = field(default_factory=list)


def table_tree(cells: list[dict[str, Any]], rows: int) -> Node:
    """The tree of a table given as pagemill's ``attrs['cells']`` (or the same shape)."""
    by_row: list[list[dict[str, Any]]] = [[] for _ in range(rows)]
    for cell in cells:
        if cell["row"] < rows:
            by_row[cell["row"]].append(cell)
    row_nodes = []
    for row in by_row:
        cell_nodes = [
            Node(f"td:{c.get('rowspan', 1)}:{c.get('colspan', 1)}", str(c.get("text", "")))
            for c in sorted(row, key=lambda c: c["col"])
        ]
        row_nodes.append(Node("tr", children=cell_nodes))
    return Node("table", children=row_nodes)


def teds(a: Node, b: Node) -> float:
    size = max(_count(a), _count(b))
    return 1.0 - _distance(a, b) / size if size else 1.0


def _count(node: Node) -> int:
    return 1 + sum(_count(c) for c in node.children)


def _rename(a: Node, b: Node) -> float:
    if a.label != b.label:
        return 1.0
    if not a.label.startswith("td"):
        return 0.0
    return Levenshtein.distance(a.text, b.text) / max(len(a.text), len(b.text), 1)


def _postorder(root: Node) -> tuple[list[Node], list[int], list[int]]:
    """Nodes in postorder, each node's leftmost leaf, and the keyroots."""
    nodes: list[Node] = []
    leftmost: list[int] = []

    def walk(node: Node) -> int:
        first = -1
        for child in node.children:
            leaf = walk(child)
            if first < 0:
                first = leaf
        nodes.append(node)
        index = len(nodes) - 1
        leftmost.append(first if first >= 0 else index)
        return leftmost[index]

    walk(root)
    seen: dict[int, int] = {}
    for index, leaf in enumerate(leftmost):
        seen[leaf] = index
    return nodes, leftmost, sorted(seen.values())


def _distance(a: Node, b: Node) -> float:
    nodes_a, left_a, keys_a = _postorder(a)
    nodes_b, left_b, keys_b = _postorder(b)
    tree = [[0.0] * len(nodes_b) for _ in nodes_a]
    for i in keys_a:
        for j in keys_b:
            li, lj = left_a[i], left_b[j]
            rows, cols = i - li + 2, j - lj + 2
            forest = [[0.0] * cols for _ in range(rows)]
            for x in range(1, rows):
                forest[x][0] = forest[x - 1][0] + 1
            for y in range(1, cols):
                forest[0][y] = forest[0][y - 1] + 1
            for x in range(1, rows):
                for y in range(1, cols):
                    ia, jb = li + x - 1, lj + y - 1
                    if left_a[ia] == li and left_b[jb] == lj:
                        forest[x][y] = min(
                            forest[x - 1][y] + 1,
                            forest[x][y - 1] + 1,
                            forest[x - 1][y - 1] + _rename(nodes_a[ia], nodes_b[jb]),
                        )
                        tree[ia][jb] = forest[x][y]
                    else:
                        px, py = left_a[ia] - li, left_b[jb] - lj
                        forest[x][y] = min(forest[x - 1][y] + 1, forest[x][y - 1] + 1, forest[px][py] + tree[ia][jb])
    return tree[-1][-1]
