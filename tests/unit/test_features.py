"""The role model's features on synthetic blocks (stages/features.py)."""

from __future__ import annotations

import pytest

from pagemill.model import BBox, Block, BlockKind, Document, Line, Page
from pagemill.stages.features import FEATURES, INDEX, document_features, numbering


def block(text: str, y: float, size: float = 10.0, bold: bool = False, kind: BlockKind = BlockKind.PARAGRAPH,
          x: float = 72.0, page: int = 1, marker: str | None = None) -> Block:
    box = BBox(x, y, x + 6 * len(text[:70]) * size / 10, y + size * 1.2)
    attrs: dict[str, object] = {"first_indent": x - 72.0}
    if marker:
        attrs["marker"] = marker
    return Block(kind, page, box, [Line(text, text, box, size, bold=bold)], attrs)


def document(pages: list[list[Block]]) -> Document:
    doc = Document(source="synthetic.pdf", pages=[], page_count=len(pages))
    for number, blocks in enumerate(pages, 1):
        for b in blocks:
            b.page = number
            for line in b.lines:
                doc.font_stats.add(line.size, line.bold, len(line.text))
        doc.pages.append(Page(number, 612.0, 792.0, 0, blocks))
    return doc


def page(n: int) -> list[Block]:
    return [
        block("Annual report", 30, size=8),
        block(f"{n} Section heading number {n}", 100, size=14, bold=True),
        block("Body text " * 40, 130),
        block("II. INTRODUCTION" if n == 2 else "I. BACKGROUND", 200, bold=True),
        block("first thing", 240, kind=BlockKind.LIST_ITEM, x=90, marker="1."),
        block(str(n), 760, size=9),
    ]


def row(rows: dict[str, list[float]], name: str, index: int) -> float:
    return rows[name][index]


@pytest.fixture()
def features() -> tuple[list[Block], dict[str, list[float]]]:
    blocks, x = document_features(document([page(1), page(2)]))
    assert x.shape == (len(blocks), len(FEATURES))
    return blocks, {name: x[:, INDEX[name]].tolist() for name in FEATURES}


def test_numbering_patterns() -> None:
    assert numbering("2.3 Methods") == ("dotted", "2.3")
    assert numbering("3 Results") == ("arabic", "3")
    assert numbering("IV. RESULTS") == ("roman", "IV")
    assert numbering("B. Appendix text") == ("letter", "B")
    assert numbering("(a) first") == ("letter_lower", "a")
    assert numbering("Chapter 3 Pans") == ("chapter", "Chapter")
    assert numbering("§ 4 Scope") == ("section_sign", "§")
    assert numbering("Plain words") == ("none", "")


def test_sizes_weight_and_position(features: tuple[list[Block], dict[str, list[float]]]) -> None:
    blocks, f = features
    heading = next(i for i, b in enumerate(blocks) if b.text.startswith("1 Section"))
    assert f["size_doc"][heading] == pytest.approx(1.4)
    assert f["bold"][heading] == 1.0
    assert f["ends_period"][heading] == 0.0
    assert f["space_above"][heading] > 3.0  # 100 - (30 + 9.6) = 60 pt over a body size of 10
    number = next(i for i, b in enumerate(blocks) if b.text == "1")
    assert f["bottom"][number] > 0.95 and f["last_on_page"][number] == 1.0


def test_sequences_and_repetition(features: tuple[list[Block], dict[str, list[float]]]) -> None:
    blocks, f = features
    second = next(i for i, b in enumerate(blocks) if b.text.startswith("2 Section"))
    assert f["numbering_continues"][second] == 1.0  # "2" after "1" on the page before
    roman = next(i for i, b in enumerate(blocks) if b.text.startswith("II."))
    assert f["numbering_continues"][roman] == 1.0 and f["all_caps"][roman] == 1.0
    head = next(i for i, b in enumerate(blocks) if b.text == "Annual report")
    assert f["repeats"][head] == pytest.approx(0.5)  # on the other one of two pages, at the same edge
    item = next(i for i, b in enumerate(blocks) if b.kind is BlockKind.LIST_ITEM)
    assert f["marker"][item] == 1.0 and f["kind_list"][item] == 1.0 and f["indent"][item] == pytest.approx(1.8)


def test_no_text_blocks_give_an_empty_matrix() -> None:
    blocks, x = document_features(document([[]]))
    assert blocks == [] and x.shape == (0, len(FEATURES))
