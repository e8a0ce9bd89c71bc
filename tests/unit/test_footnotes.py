"""Footnotes on synthetic boxes: Word/LibreOffice notes run together at the foot of a page or column
(stages/footnotes.py), and the marks and note lines that lines.py must read whole."""

from __future__ import annotations

from pagemill.model import BBox, Block, BlockKind, Document, Font, Glyph, Line, Page, RawPage
from pagemill.stages.footnotes import find_footnotes
from pagemill.stages.lines import build_lines

SIZE = 11.0
NOTE = 9.0


def paragraph(markdown: str, x0: float, y0: float, y1: float, size: float = SIZE) -> Block:
    box = BBox(x0, y0, x0 + 220, y1)
    return Block(BlockKind.PARAGRAPH, 1, box, [Line(markdown, markdown, box, size)])


def foot(texts: list[str], x0: float, y0: float) -> Block:
    """One block of note lines set flush and touching, as LibreOffice prints a Word document's notes
    (the lines share the block's box, as after model.release_line_boxes)."""
    box = BBox(x0, y0, x0 + 220, y0 + 12 * len(texts))
    return Block(BlockKind.PARAGRAPH, 1, box, [Line(text, text, box, NOTE) for text in texts])


def document(*blocks: Block) -> Document:
    doc = Document(source="synthetic.pdf", pages=[Page(1, 595.0, 842.0, 0, list(blocks))], page_count=1)
    doc.font_stats.add(SIZE, False, 10_000)
    return doc


def notes_of(doc: Document) -> list[tuple[str, str]]:
    return [(b.attrs["label"], b.text) for b in doc.pages[0].blocks if b.kind is BlockKind.FOOTNOTE]


def test_notes_run_together_are_cut_at_each_number_the_body_raises() -> None:
    body = paragraph("Hourly series.<sup>1</sup> Rare gaps.<sup>2</sup> Monthly means.<sup>3</sup>", 50, 100, 600)
    notes = foot(
        ["1 Station four moved", "inland in 2019.", "2 Except in February.", "3 The office publishes."], 50, 700
    )
    doc = document(body, notes)
    find_footnotes(doc)
    assert notes_of(doc) == [
        ("1", "Station four moved inland in 2019."),
        ("2", "Except in February."),
        ("3", "The office publishes."),
    ]
    assert body.lines[0].markdown == "Hourly series.[^1] Rare gaps.[^2] Monthly means.[^3]"
    assert notes not in doc.pages[0].blocks  # the pieces took its place


def test_a_wrapped_line_opening_with_a_number_out_of_sequence_is_not_a_note() -> None:
    body = paragraph("Hourly series.<sup>1</sup> Twelve stations.<sup>12</sup>", 50, 100, 600)
    notes = foot(["1 The survey measured the water at", "12 stations along the coast."], 50, 700)
    doc = document(body, notes)
    find_footnotes(doc)
    assert notes_of(doc) == [("1", "The survey measured the water at 12 stations along the coast.")]


def test_a_number_the_body_does_not_raise_does_not_cut() -> None:
    body = paragraph("Hourly series.<sup>1</sup> Rare gaps.", 50, 100, 600)
    notes = foot(["1 The survey measured the water at", "2 stations along the coast."], 50, 700)
    doc = document(body, notes)
    find_footnotes(doc)
    assert notes_of(doc) == [("1", "The survey measured the water at 2 stations along the coast.")]


def test_the_notes_under_each_of_two_columns_are_the_pages_notes() -> None:
    """The right column's text goes lower than the top of the left column's notes: each column's foot counts."""
    left = paragraph("Hourly series.<sup>1</sup> Rare gaps.<sup>2</sup>", 50, 100, 660)
    right = paragraph("Monthly means.<sup>3</sup>", 310, 100, 720)
    left_notes = foot(["1 Station four moved.", "2 Except in February."], 50, 670)
    right_notes = foot(["3 The office publishes."], 310, 730)
    doc = document(left, left_notes, right, right_notes)
    find_footnotes(doc)
    assert [label for label, _ in notes_of(doc)] == ["1", "2", "3"]


# --- the lines of notes and their marks (lines.py) ---------------------------------------------------


def glyph_run(text: str, x: float, top: float, bottom: float, size: float) -> list[Glyph]:
    out = []
    for char in text:
        if char != " ":
            out.append(Glyph(char, x, top, x + 0.5 * size, bottom, size, 0))
        x += 0.5 * size
    return out


def test_a_raised_mark_after_letters_whose_boxes_are_their_ink_stays_on_their_line() -> None:
    """Cyrillic lower case boxes are 0.55 em high in LibreOffice's PDFs: a raised two-digit mark overlaps
    them by less than half its height, but touches the letter before it."""
    word = glyph_run("архиве.", 50, 104.0, 110.0, SIZE)
    mark = glyph_run("10", word[-1].x1, 101.5, 106.1, 6.4)
    rest = glyph_run(" Результаты", mark[-1].x1, 102.0, 110.0, SIZE)
    page = RawPage(1, 595.0, 842.0, 0, word + mark + rest, [Font("LiberationSans")])
    [line] = build_lines(page)
    assert line.markdown == "архиве.<sup>10</sup> Результаты"


def test_a_note_line_after_its_larger_number_has_no_subscripts() -> None:
    """A Word note's own number printed at the body's size, its text smaller: letters that reach below the
    baseline ('p', 'g' in a font whose boxes are their ink) are not subscripts of the number."""
    number = glyph_run("1", 50, 100.0, 108.2, 12.0)
    text = []
    x = number[-1].x1 + 2
    for char in " Station moved in spring":
        bottom = 110.4 if char in "pg" else 108.2
        if char != " ":
            text.append(Glyph(char, x, 102.5, x + 4.5, bottom, NOTE, 0))
        x += 4.5
    [line] = build_lines(RawPage(1, 595.0, 842.0, 0, number + text, [Font("Caladea-Regular")]))
    assert "<sub>" not in line.markdown and line.text == "1 Station moved in spring"


def test_a_reference_list_ending_a_column_is_not_the_notes_under_it() -> None:
    """Small references end the right column half-way down; the column's note stands apart at the foot."""
    left = paragraph("Hourly series.<sup>1</sup>", 50, 100, 700)
    references = [
        Block(
            BlockKind.LIST_ITEM,
            1,
            BBox(310, y, 530, y + 16),
            [Line(t, t, BBox(310, y, 530, y + 16), 8.0)],
            {"marker": m},
        )
        for y, m, t in (
            (437, "[1]", "A. Berger, Coastal records, 2019."),
            (455, "[2]", "M. Novak, Hourly series, 2020."),
        )
    ]
    right = paragraph("Monthly means.<sup>2</sup>", 310, 100, 420)
    notes = [foot(["1 Station four moved."], 50, 720), foot(["2 Except in February."], 310, 740)]
    doc = document(left, right, *references, *notes)
    find_footnotes(doc)
    assert notes_of(doc) == [("1", "Station four moved."), ("2", "Except in February.")]
    assert [b.kind for b in references] == [BlockKind.LIST_ITEM] * 2
