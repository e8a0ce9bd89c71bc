"""Heading levels per document (stages/heading_levels.py) and chapter labels joined with their titles
(stages/headings.py), on synthetic blocks."""

from __future__ import annotations

from pagemill.model import BBox, Block, BlockKind, Document, Line, Page
from pagemill.stages.heading_levels import Style, model_levels, numbered_levels, outranks
from pagemill.stages.headings import find_headings, join_chapter_labels

BODY = "The stations were read every hour for three years, and the records were checked by hand. " * 4


def block(text: str, size: float = 10.0, bold: bool = False, y: float = 100.0, page: int = 1) -> Block:
    box = BBox(72.0, y, 72.0 + min(len(text), 80) * size / 2, y + size * 1.2)
    return Block(BlockKind.PARAGRAPH, page, box, [Line(text, text, box, size, bold=bold)], {})


def style(b: Block) -> Style:
    return (b.size, b.bold)


def levels(blocks: list[Block]) -> list[int]:
    model_levels(blocks, style)
    return [b.attrs["level"] for b in blocks]


def test_schemes_rank_in_order_of_appearance() -> None:
    heads = [block("I. Introduction"), block("A. Stations"), block("1) Sensors"), block("II. Results")]
    assert list(numbered_levels(heads).values()) == [1, 2, 3, 1]


def test_decimals_below_a_chapter_count_from_the_chapter() -> None:
    heads = [block("Chapter 1 Records"), block("1.1 Gauges"), block("1.1.1 Calibration"), block("Chapter 2 Ice")]
    assert list(numbered_levels(heads).values()) == [1, 2, 3, 1]


def test_decimals_that_stand_alone_keep_their_depth() -> None:
    heads = [block("1 Records"), block("1.1 Gauges"), block("Appendix A Tables")]
    assert list(numbered_levels(heads).values()) == [1, 2, 2]


def test_outranks_by_size_then_weight() -> None:
    assert outranks((12.0, False), (10.0, True))
    assert outranks((10.0, True), (10.0, False))
    assert not outranks((10.0, False), (10.0, False))


def test_a_title_above_the_sections_by_weight_alone() -> None:
    # amsart: the title in bold capitals at the body size, the sections in small capitals
    heads = [block("COASTAL TEMPERATURE RECORDS", bold=True), block("1. Introduction"), block("2. Methods"),
             block("References")]
    assert levels(heads) == [1, 2, 2, 2]


def test_a_bold_head_after_the_sections_is_no_title() -> None:
    heads = [block("1. Introduction"), block("2. Methods"), block("Notes", bold=True)]
    assert levels(heads) == [1, 1, 1]


def test_unnumbered_heads_before_the_first_section_are_top_sections() -> None:
    # article: the abstract's heading set small and bold between the title and section 1
    heads = [
        block("Coastal Temperature Records", 17.3),
        block("Abstract", 9.0, True),
        block("1 Introduction", 14.4, True),
        block("1.1 Stations", 12.0, True),
        block("1.1.1 Sensors", 11.0, True),
        block("Acknowledgements", 14.4, True),
    ]
    assert levels(heads) == [1, 2, 2, 3, 4, 2]


def test_without_numbering_styles_rank() -> None:
    heads = [block("Records", 14, True), block("Gauges", 12, True), block("Ice", 14, True), block("Wind", 12, True)]
    assert levels(heads) == [1, 2, 1, 2]


def document(pages: list[list[Block]]) -> Document:
    doc = Document(source="synthetic.pdf", pages=[], page_count=len(pages))
    doc.font_stats.add(10.0, False, 10_000)
    for number, blocks in enumerate(pages, 1):
        for b in blocks:
            b.page = number
        doc.pages.append(Page(number, 420.0, 595.0, 0, blocks))
    return doc


def chapter(number: int, title: str, section: str) -> list[Block]:
    return [
        block(f"Chapter {number}", 20.7, True, y=100),
        block(title, 24.8, True, y=140),
        block(BODY, y=190),
        block(section, 14.3, True, y=260),
        block(BODY, y=290),
    ]


def test_a_chapter_label_and_its_title_are_one_heading() -> None:
    doc = document([chapter(1, "Harbour Records", "1.1 Tide Gauges"), chapter(2, "Island Stations", "2.1 Wind"),
                    [block("Afterword", 24.8, True), block(BODY, y=150)]])
    join_chapter_labels(doc)
    first = doc.pages[0].blocks[0]
    assert first.text == "Chapter 1 Harbour Records"
    assert first.attrs["joined"] == {"page": 1, "bbox": [72.0, 140.0, 258.0, 169.8]}
    assert first.bbox.y0 == 100 and first.bbox.y1 > 169
    assert len(doc.pages[0].blocks) == 4
    find_headings(doc)
    heads = [(b.attrs["level"], b.text) for b in doc.blocks() if b.kind is BlockKind.HEADING]
    assert heads == [(1, "Chapter 1 Harbour Records"), (2, "1.1 Tide Gauges"), (1, "Chapter 2 Island Stations"),
                     (2, "2.1 Wind"), (1, "Afterword")]


def test_a_label_before_body_text_stays_alone() -> None:
    doc = document([[block("Chapter 1", 20.7, True, y=100), block(BODY, y=140)]])
    join_chapter_labels(doc)
    assert [b.text for b in doc.pages[0].blocks] == ["Chapter 1", BODY]


def test_a_title_far_below_its_label_stays_apart() -> None:
    doc = document([[block("Chapter 1", 20.7, True, y=100), block("Harbour Records", 24.8, True, y=300)]])
    join_chapter_labels(doc)
    assert len(doc.pages[0].blocks) == 2


def scanned(heads: list[Block]) -> list[tuple[int, str]]:
    """``find_headings`` on one OCR'd page of ``heads``, each followed by body text; (level, text) of each."""
    blocks = []
    for index, head in enumerate(heads):
        head.bbox = BBox(72.0, 60.0 * index, 200.0, 60.0 * index + 14)
        text = block(BODY, 10.5, y=60.0 * index + 20)
        text.lines.append(text.lines[0])  # two lines: body text, not a one-line front-matter candidate
        blocks += [head, text]
    doc = document([blocks])
    doc.font_stats = type(doc.font_stats)()
    doc.font_stats.add(10.5, False, 10_000)
    doc.pages[0].origin = "ocr"
    find_headings(doc)
    return [(b.attrs["level"], b.text) for b in doc.blocks() if b.kind is BlockKind.HEADING]


def test_scanned_styles_measured_a_step_apart_are_one() -> None:
    # pandoc's LaTeX measured from a scan: sections 14.4 pt read 13.0-13.8 (one read as regular),
    # subsections 12 pt read 10.9, subsubsections at the body size read 10.3, below the body's 10.5
    heads = [
        block("Introduction", 13.8, True),
        block("Related work", 10.9, True),
        block("Conclusion", 10.3, True),
        block("Methods", 13.0, True),
        block("Results", 13.8, False),
        block("Discussion", 10.9, True),
        block("Limits", 10.3, True),
    ]
    assert [level for level, _ in scanned(heads)] == [1, 2, 3, 1, 1, 2, 3]


def test_a_lone_larger_scanned_section_is_no_title() -> None:
    heads = [block("Introduction", 13.8, True), block("Data", 10.9, True), block("Results", 16.4, True),
             block("Methods", 13.8, True), block("Checks", 10.9, True)]
    assert [level for level, _ in scanned(heads)] == [1, 2, 1, 1, 2]


def test_a_scanned_title_opens_the_document() -> None:
    heads = [block("Harbour Records", 16.4, True), block("Introduction", 13.8, True), block("Data", 10.9, True),
             block("Methods", 13.8, True), block("Checks", 10.9, True)]
    assert [level for level, _ in scanned(heads)] == [1, 2, 3, 2, 3]


def test_no_headings_no_levels() -> None:
    assert scanned([]) == []
    model_levels([], style)


def test_a_logo_set_larger_below_does_not_push_the_title_down() -> None:
    # a brochure's logo ("Linn", 37 pt) under its last lines: the title that opens the page keeps level 1
    heads = [block("The LinnSequencer", 22.0, True), block("Recording", 13.8, True), block("Editing", 13.8, True),
             block("Linn", 37.0, True)]
    assert [level for level, _ in scanned(heads)] == [1, 2, 2, 1]


def test_a_scanned_line_opening_lowercase_is_no_heading() -> None:
    # the last line of a list item set large ("synthesizers!"), split from it on a scan
    heads = [block("Recording", 13.8, True), block("per disk!", 14.0), block("Editing", 13.8, True)]
    assert [text for _, text in scanned(heads)] == ["Recording", "Editing"]


def test_a_formula_fragment_is_never_a_heading() -> None:
    from pagemill.stages.headings import _formula_fragment

    # the denominator of a LibreOffice display fraction left outside its formula (de-docx-math)
    assert _formula_fragment("P (B )") and _formula_fragment("f(x) = y")
    # headings with a word, or with no formula sign, stay candidates
    assert not any(_formula_fragment(t) for t in ("A.", "V", "考察", "2.1 Results (draft)", "Appendix B"))


def test_a_row_of_figures_is_never_a_heading() -> None:
    from pagemill.stages.headings import _row_of_figures

    # a bold total row set apart from its table (en-pdflatex-report-14), which a role model may call a heading
    assert _row_of_figures("Total 91,169.5 2,706.7 60,351.1") and _row_of_figures("Net (2,706) 12% 4.4")
    assert not any(_row_of_figures(t) for t in ("2.3 Results", "Chapter 3", "Results for 2019 and 2020", "1990"))
