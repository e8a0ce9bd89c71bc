"""Headings on OCR'd pages (stages/headings.py), on synthetic blocks: a logo is no heading."""

from __future__ import annotations

from pagemill.model import BBox, Block, BlockKind, Document, Line, Page
from pagemill.stages.headings import find_headings

BODY = "The sequencer records every track in time with the click, and plays it back without errors. " * 3


def _block(
    text: str, size: float, y: float, confidence: float = 96.0, bold: bool = False, underlined: bool = False
) -> Block:
    """One line, or two where the text is long (a paragraph of the body)."""
    halves = [text[: len(text) // 2], text[len(text) // 2 :]] if len(text) > 80 else [text]
    box = BBox(72.0, y, 72.0 + min(len(text), 80) * size / 2, y + len(halves) * size * 1.2)
    lines = [Line(half, half, box, size, bold=bold, confidence=confidence, underlined=underlined) for half in halves]
    return Block(BlockKind.PARAGRAPH, 1, box, lines, {})


def _scanned(blocks: list[Block]) -> list[str]:
    """The kinds ``find_headings`` gives the blocks of one OCR'd page, body 8.5 pt."""
    doc = Document(source="scan.pdf", pages=[Page(1, 612.0, 792.0, 0, blocks, origin="ocr")], page_count=1)
    doc.font_stats.add(8.5, False, 10_000)
    find_headings(doc)
    return [block.kind.value for block in blocks]


def test_a_large_word_read_unsure_is_a_logo_not_a_heading() -> None:
    # a brochure: its title, a section, and the maker's logo under the text, read "Tinn" at 62
    blocks = [
        _block("The LinnSequencer", 21.9, 40.0, bold=True),
        _block(BODY, 8.5, 100.0),
        _block("Editing", 10.3, 300.0, bold=True),
        _block(BODY, 8.5, 320.0),
        _block("Tinn", 37.1, 712.0, confidence=62.0, bold=True),
    ]
    assert _scanned(blocks) == ["heading", "paragraph", "heading", "paragraph", "paragraph"]


def test_a_large_word_read_surely_stays_a_heading() -> None:
    blocks = [_block("Contents", 37.1, 40.0, confidence=95.0, bold=True), _block(BODY, 8.5, 120.0)]
    assert _scanned(blocks) == ["heading", "paragraph"]


def test_a_heading_of_body_scale_read_unsure_stays_a_heading() -> None:
    # Greek headings at 1.5 body sizes read at 42-72: the engine's doubt alone does not judge them
    blocks = [_block("Περιορισμοί", 12.3, 40.0, confidence=42.0, bold=True), _block(BODY, 8.5, 120.0)]
    assert _scanned(blocks) == ["heading", "paragraph"]


def test_a_line_reaching_into_the_text_above_is_running_text() -> None:
    # an Arabic line measured twice its size (its core grew with the tails of the line above): its box
    # reaches into the paragraph above it, where a heading stands apart
    paragraph = _block(BODY, 8.5, 100.0)
    measured_large = _block("يظهر أكبر تشتت في أشهر الربيع", 17.4, paragraph.bbox.y1 - 2.0)
    heading = _block("Results", 17.4, 200.0)
    assert _scanned([paragraph, measured_large, _block(BODY, 8.5, 150.0), heading, _block(BODY, 8.5, 230.0)]) == [
        "paragraph", "paragraph", "paragraph", "heading", "paragraph"]


def test_a_typed_line_underlined_whole_is_a_heading() -> None:
    # a typewritten recipe card: one size throughout, its title underlined
    blocks = [_block("Lentil soup a la Waterman", 8.5, 40.0, underlined=True), _block(BODY, 8.5, 60.0),
              _block("four ounces of lentils", 8.5, 90.0), _block(BODY, 8.5, 120.0)]
    assert _scanned(blocks) == ["heading", "paragraph", "paragraph", "paragraph"]
