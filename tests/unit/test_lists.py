"""List items on synthetic boxes: drawn bullets, numbered entries, lone lettered items, numbered notes."""

from __future__ import annotations

from pagemill.model import BBox, Block, BlockKind, Document, Drawing, Font, Glyph, Line, Page, RawPage
from pagemill.stages.blocks import build_blocks
from pagemill.stages.bullets import drawn_bullets
from pagemill.stages.footnotes import find_endnotes, find_footnotes
from pagemill.stages.lines import build_lines
from pagemill.stages.lists import nest_lists

SIZE = 10.0


def words(text: str, x: float, y: float) -> list[Glyph]:
    """Glyphs of ``text`` from ``x``, 5 pt apart, on the row from ``y`` (spaces as gaps)."""
    glyphs = []
    for char in text:
        if char != " ":
            glyphs.append(Glyph(char, x, y, x + 4.5, y + 11, SIZE, 0))
        x += 5
    return glyphs


def line(text: str, x0: float, y0: float, width: float = 300, size: float = SIZE, bold: bool = False) -> Line:
    return Line(text=text, markdown=text, bbox=BBox(x0, y0, x0 + width, y0 + size), size=size, bold=bold)


def test_a_drawn_disc_left_of_a_line_is_its_bullet() -> None:
    glyphs = words("Steps to take", 50, 100) + words("download the files", 84, 116) + words("plot it", 84, 132)
    disc = Drawing(72.75, 120.0, 75.75, 123.0, "shape", filled=True)  # Chromium's 3 pt disc, mid-line
    circle = Drawing(72.75, 136.0, 77.5, 140.5, "shape", stroked=True)
    raw = RawPage(1, 600.0, 800.0, 0, glyphs, [Font("Serif")], drawings=[disc, circle])
    texts = [line.text for line in build_lines(drawn_bullets(raw))]
    assert texts == ["Steps to take", "• download the files", "◦ plot it"]


def test_a_shape_between_words_or_beside_no_text_is_no_bullet() -> None:
    glyphs = words("a star here", 50, 100)
    between = Drawing(66.0, 104.0, 68.0, 106.0, "shape", filled=True)  # inside the line, text on its left
    alone = Drawing(300.0, 400.0, 303.0, 403.0, "shape", filled=True)
    raw = RawPage(1, 600.0, 800.0, 0, glyphs, [Font("Serif")], drawings=[between, alone])
    assert drawn_bullets(raw).glyphs == glyphs


def test_bare_numbers_in_sequence_are_list_items_but_numbered_headings_are_not() -> None:
    lines = [
        line("1 Managers approve claims within ten working days.", 68, 100),
        line("2 Paper files are sent to the records centre.", 68, 120),
        line("12 stations recorded the temperature every hour and", 68, 150),
        line("the pressure at noon; of these, the coastal ones and", 68, 162),
        line("13 of the inland ones kept the pressure.", 68, 174),  # numbers in sequence, body text between
    ]
    kinds = [block.kind for block in build_blocks(lines, 1)]
    assert kinds == [BlockKind.LIST_ITEM, BlockKind.LIST_ITEM, BlockKind.PARAGRAPH]
    headings = [line("1 Introduction", 50, 100, bold=True), line("2 Method", 50, 130, bold=True)]
    assert all(block.kind is BlockKind.PARAGRAPH for block in build_blocks(headings, 1))


def test_bare_numbers_counting_down_are_quantities_not_list_items() -> None:
    recipe = [line("4 ons linzen", 68, 100, width=60), line("3 liter water", 68, 114, width=62)]
    assert all(block.kind is BlockKind.PARAGRAPH for block in build_blocks(recipe, 1))
    labels = [line("[2] B. Novak, Hourly series, 2020.", 68, 100), line("[1] A. Berger, Records, 2019.", 68, 114)]
    assert [block.kind for block in build_blocks(labels, 1)] == [BlockKind.LIST_ITEM] * 2  # a list newest first


def document(*blocks: Block) -> Document:
    page = Page(1, 600.0, 800.0, 0, list(blocks))
    doc = Document(source="synthetic.pdf", pages=[page], page_count=1)
    doc.font_stats.add(SIZE, False, 10_000)
    return doc


def item(text: str, marker: str, y0: float, size: float = SIZE) -> Block:
    return Block(
        BlockKind.LIST_ITEM, 1, BBox(50, y0, 350, y0 + size), [line(text, 50, y0, size=size)], {"marker": marker}
    )


def paragraph(markdown: str, y0: float) -> Block:
    return Block(
        BlockKind.PARAGRAPH,
        1,
        BBox(50, y0, 350, y0 + SIZE),
        [Line(markdown, markdown, BBox(50, y0, 350, y0 + 10), SIZE)],
    )


def test_a_lone_lettered_item_is_a_paragraph_with_its_letter() -> None:
    note = item("Restated: includes higher payroll tax.", "(a)", 300)
    doc = document(paragraph("Net assets 85,018.1", 280), note, paragraph("Note 14 sets out the policy.", 330))
    nest_lists(doc)
    assert note.kind is BlockKind.PARAGRAPH and note.text == "(a) Restated: includes higher payroll tax."


def test_a_numbered_list_whose_numbers_are_raised_in_the_body_is_notes() -> None:
    body = paragraph("Each station recorded the temperature.<sup>1</sup> Values were rare.<sup>2</sup>", 100)
    notes = [item("Station four moved in 2019.", "1.", 200, size=8.5), item("Except in February.", "2.", 212, size=8.5)]
    doc = document(body, *notes)
    find_footnotes(doc)
    find_endnotes(doc)
    assert [(n.kind, n.attrs.get("label")) for n in notes] == [(BlockKind.FOOTNOTE, "1"), (BlockKind.FOOTNOTE, "2")]
    assert body.lines[0].markdown == "Each station recorded the temperature.[^1] Values were rare.[^2]"


def test_a_small_numbered_list_without_raised_numbers_stays_a_list() -> None:
    steps = [item("download the files", "1.", 200, size=8.5), item("plot the residuals", "2.", 212, size=8.5)]
    doc = document(paragraph("The steps, in the order we took them:", 100), *steps)
    find_footnotes(doc)
    find_endnotes(doc)
    assert all(step.kind is BlockKind.LIST_ITEM for step in steps)
