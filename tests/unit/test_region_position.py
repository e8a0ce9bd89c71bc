"""Where a table, figure or display goes among a page's blocks (regions.py: place_regions), on synthetic boxes."""

from __future__ import annotations

from pagemill.model import BBox, Block, BlockKind, Line
from pagemill.stages.regions import _position


def _block(name: str, x0: float, y0: float, x1: float, y1: float, kind: BlockKind = BlockKind.PARAGRAPH) -> Block:
    return Block(kind, 1, BBox(x0, y0, x1, y1), [Line(name, name, BBox(x0, y0, x1, y1), 10.0)])


def _names(blocks: list[Block]) -> list[str]:
    return [b.text for b in blocks]


def test_a_box_beside_the_text_column_goes_after_the_column_not_between_its_paragraphs() -> None:
    """The infobox (290-540, 150-500) beside two paragraphs (50-280), a paragraph across the page under both."""
    blocks = [
        _block("title", 50, 80, 110, 95),
        _block("prose 1", 50, 140, 280, 340),
        _block("prose 2", 50, 355, 280, 535),
        _block("across", 50, 550, 540, 645),
    ]
    box = _block("box", 290, 150, 540, 500, BlockKind.TABLE)
    index = _position(blocks, box)
    assert _names(blocks[:index]) == ["title", "prose 1", "prose 2"]


def test_a_display_in_the_right_column_follows_the_left_column_and_precedes_its_next_heading() -> None:
    """A two-column paper under a title across both: the display sits in the right column, text beside it."""
    blocks = [
        _block("title", 100, 40, 500, 60),
        _block("left 1", 50, 80, 290, 400),
        _block("left 2", 50, 410, 290, 700),
        _block("right 1", 310, 80, 550, 300),
        _block("heading", 310, 380, 400, 392, BlockKind.HEADING),
        _block("right 2", 310, 400, 550, 700),
    ]
    display = _block("display", 380, 320, 480, 350, BlockKind.EQUATION)
    assert _names(blocks[: _position(blocks, display)]) == ["title", "left 1", "left 2", "right 1"]


def test_without_text_beside_it_a_region_goes_before_the_next_block_of_its_column() -> None:
    blocks = [_block("above", 50, 80, 550, 200), _block("below", 50, 400, 550, 500)]
    assert _position(blocks, _block("table", 100, 220, 500, 380, BlockKind.TABLE)) == 1
