"""Geometry on synthetic boxes: glyphs to lines (lines.py), lines to blocks (blocks.py), furniture.

Glyphs are built by hand, one box per character: SIZE-point type, each character half an em
wide, so a gap is easy to state in ems ("0.33 em" = a TeX inter-word space).
"""

from __future__ import annotations

from pagemill.model import BBox, Block, BlockKind, Document, Font, Glyph, Layer, Line, Page, RawPage
from pagemill.render.markdown import join_lines
from pagemill.stages.blocks import build_blocks, list_marker
from pagemill.stages.furniture import mark_furniture
from pagemill.stages.lines import build_lines

SIZE = 10.0
EM = SIZE
CHAR = 0.5 * EM
FONTS = [Font("CMR10"), Font("CMBX10", bold=True), Font("CMTT10", mono=True)]


def glyphs(text: str, x: float = 50.0, y: float = 100.0, gap_em: float = 0.33, font: int = 0) -> list[Glyph]:
    """Glyphs for ``text`` on one baseline; a space in ``text`` becomes a gap of ``gap_em`` (no space glyph)."""
    out = []
    for char in text:
        if char == " ":
            x += gap_em * EM
            continue
        out.append(Glyph(char, x, y, x + CHAR, y + SIZE, SIZE, font))
        x += CHAR
    return out


def run(*chars: tuple[str, float]) -> list[Glyph]:
    """Glyphs from (character, gap before it in em) pairs, on one baseline."""
    out: list[Glyph] = []
    x = 50.0
    for char, gap in chars:
        x += gap * EM
        out.append(Glyph(char, x, 100.0, x + CHAR, 100.0 + SIZE, SIZE, 0))
        x += CHAR
    return out


def lines_of(glyph_list: list[Glyph]) -> list[Line]:
    return build_lines(RawPage(1, 600.0, 800.0, 0, glyph_list, FONTS))


def text_of(glyph_list: list[Glyph]) -> str:
    lines = lines_of(glyph_list)
    assert len(lines) == 1, [line.text for line in lines]
    return lines[0].text


def test_a_fixed_pitch_cjk_font_is_not_code() -> None:
    # WenQuanYi Micro Hei Bold sets the fixed-pitch flag, as CJK fonts may: every ideograph is one em wide
    fonts = [*FONTS, Font("WenQuanYi-Micro-Hei-Bold", bold=True, mono=True)]
    heading = [
        Glyph(c, 50 + i * SIZE, 100, 50 + (i + 1) * SIZE, 100 + SIZE, SIZE, 3) for i, c in enumerate("データの収集")
    ]
    code = glyphs("load(12)", y=140, font=2)
    comment = [Glyph(c, 100 + i * SIZE, 140, 100 + (i + 1) * SIZE, 140 + SIZE, SIZE, 3) for i, c in enumerate("月平均")]
    lines = build_lines(RawPage(1, 600.0, 800.0, 0, heading + code + comment, fonts))
    assert [(line.mono, line.bold) for line in lines] == [(False, True), (True, False)]
    assert "`" not in lines[0].markdown


# --- spaces ---------------------------------------------------------------------------------


def test_tex_word_gaps_become_spaces() -> None:
    assert text_of(glyphs("the quick fox", gap_em=0.33)) == "the quick fox"
    # TeX shrinks inter-word glue to about 0.22 em on a tight line: still a space
    assert text_of(glyphs("the quick fox", gap_em=0.22)) == "the quick fox"


def test_kerning_is_not_a_space() -> None:
    kerned = run(("W", 0), ("a", -0.08), ("v", 0.05), ("e", 0.06))
    assert text_of(kerned) == "Wave"


def test_doubled_real_spaces_collapse() -> None:
    word_one = glyphs("two", x=50)
    spaces = [Glyph(" ", 65, 100, 68, 110, SIZE, 0), Glyph(" ", 68, 100, 71, 110, SIZE, 0)]
    word_two = glyphs("words", x=71)
    assert text_of(word_one + spaces + word_two) == "two words"


def test_a_real_space_glyph_in_a_narrow_gap_is_kept() -> None:
    # the PDF writes a space where the gap (0.1 em) alone would not make one
    left = glyphs("in", x=50)
    space = [Glyph(" ", 60, 100, 61, 110, SIZE, 0)]
    right = glyphs("it", x=61)
    assert text_of(left + space + right) == "in it"


def test_ligature_glyphs_are_spelled_out() -> None:
    assert text_of(run(("\ufb01", 0), ("r", 0), ("s", 0), ("t", 0))) == "first"
    assert text_of(run(("o", 0), ("\ufb03", 0), ("c", 0), ("e", 0))) == "office"


# --- scripts ---------------------------------------------------------------------------------


def test_cjk_gets_no_spaces_between_characters() -> None:
    chars = "文档转换工具"
    spaced = run(*[(c, 0.3 if i else 0.0) for i, c in enumerate(chars)])  # loose CJK tracking
    assert text_of(spaced) == chars


def test_korean_keeps_its_word_spaces() -> None:
    # Hangul is set with spaces between words (Chromium's Korean PDFs lost every one before)
    text = "위원회는 화요일에 모여 문서를 검토했다"
    [line] = lines_of(glyphs(text, gap_em=0.3))
    assert line.text == text
    # and syllables of one word set a little apart stay one word
    assert text_of(run(*[(c, 0.05 if i else 0.0) for i, c in enumerate("위원회는")])) == "위원회는"


def test_rtl_words_are_put_in_logical_order_with_the_number_kept() -> None:
    logical = "יש 42 ספרים"
    # on the page, left to right: the last word first, each Hebrew word mirrored, "42" as is
    visual = "םירפס 42 שי"
    [line] = lines_of(glyphs(visual))
    assert line.rtl
    assert line.text == logical


def test_rtl_line_with_a_latin_word() -> None:
    [line] = lines_of(glyphs("רהמ PDF ץבוקה"))
    assert line.text == "הקובץ PDF מהר"


# --- hyphens ---------------------------------------------------------------------------------


def test_soft_hyphen_at_line_end_marks_a_hyphenated_line() -> None:
    [line] = lines_of(glyphs("extraordi\u00ad"))
    assert line.hyphenated
    assert line.text == "extraordi-"


def test_soft_hyphen_inside_a_word_vanishes() -> None:
    assert text_of(glyphs("extra\u00adordinary")) == "extraordinary"


def test_dash_alone_is_not_hyphenation() -> None:
    [line] = lines_of(glyphs("costs 5 -"))
    assert not line.hyphenated


# --- lines into blocks -----------------------------------------------------------------------


def line(text: str, x0: float, y0: float, size: float = SIZE, mono: bool = False, width: float | None = None) -> Line:
    width = width if width is not None else 0.5 * size * len(text)
    return Line(text=text, markdown=text, bbox=BBox(x0, y0, x0 + width, y0 + size), size=size, mono=mono)


def texts(blocks: list[Block]) -> list[str]:
    return [block.text for block in blocks]


def test_first_line_indent_starts_a_paragraph() -> None:
    lines = [
        line("first paragraph opens here and runs on", 50, 100, width=300),
        line("to its last line.", 50, 112, width=120),
        line("A second paragraph is indented", 65, 124, width=285),
        line("and continues flush left.", 50, 136, width=200),
    ]
    blocks = build_blocks(lines, 1)
    assert texts(blocks) == [
        "first paragraph opens here and runs on to its last line.",
        "A second paragraph is indented and continues flush left.",
    ]
    assert all(block.kind is BlockKind.PARAGRAPH for block in blocks)


def test_vertical_gap_starts_a_paragraph() -> None:
    lines = [
        line("one", 50, 100, width=300),
        line("two", 50, 112, width=300),
        line("three", 50, 124, width=300),
        line("after the gap", 50, 146, width=300),  # 12 pt of white against 2 pt leading
        line("last", 50, 158, width=300),
    ]
    assert texts(build_blocks(lines, 1)) == ["one two three", "after the gap last"]


def test_list_markers() -> None:
    assert list_marker("• First") == "•"
    assert list_marker("– second level") == "–"
    assert list_marker("3. Third") == "3."
    assert list_marker("(b) option") == "(b)"
    assert list_marker("iv) roman") == "iv)"
    assert list_marker("3.5 is a number") is None
    assert list_marker("Plain text") is None
    assert list_marker("\uf0b7 Symbol-font bullet") == "\uf0b7"  # unmapped glyphs alone before the text
    assert list_marker("\x88 TS1 bullet as a Type 3 bitmap") == "\x88"
    assert list_marker("[2] a reference label alone") is None  # it needs its neighbours: reference_labels


def test_reference_entries_start_at_labels_in_sequence() -> None:
    lines = [
        line("[1] A. Berger and C. Olsen, Coastal temperature records, Journal of", 50, 100, width=300),
        line("Research, vol. 12, 2019.", 67, 112, width=150),  # the hanging indent under the label
        line("[2] M. Novak, Quality control of hourly series, in Proc. Workshop", 50, 124, width=300),
        line("on Marine Data, 2020.", 67, 136, width=120),
        line("[3] J. Smith, Sea Ice and Climate, 2017.", 50, 148, width=200),
    ]
    blocks = build_blocks(lines, 1)
    assert [block.kind for block in blocks] == [BlockKind.LIST_ITEM] * 3
    assert [block.attrs["marker"] for block in blocks] == ["[1]", "[2]", "[3]"]
    assert texts(blocks)[1] == "M. Novak, Quality control of hourly series, in Proc. Workshop on Marine Data, 2020."


def test_a_citation_wrapped_to_a_line_start_is_not_an_entry() -> None:
    lines = [
        line("The method follows the survey that was published in", 50, 100, width=300),
        line("[4] and extends it to the southern islands.", 50, 112, width=300),
    ]
    [block] = build_blocks(lines, 1)
    assert block.kind is BlockKind.PARAGRAPH


def test_a_label_in_a_first_line_indent_is_a_run_in_head_not_a_list_item() -> None:
    lines = [  # IEEEtran's "a) Sensor drift:": indented 2 em, the paragraph wraps back to the left edge
        line("a) Sensor drift: Further work should extend the network", 70, 100, width=250),
        line("of stations to the southern islands. The survey collected", 50, 112, width=270),
        line("measurements from twelve stations.", 50, 124, width=150),
    ]
    [block] = build_blocks(lines, 1)
    assert block.kind is BlockKind.PARAGRAPH
    assert block.text.startswith("a) Sensor drift:")


def test_a_short_italic_line_before_roman_text_ends_its_block() -> None:
    head = line("A. Results", 50, 100, width=45)
    head.italic = True
    lines = [
        head,
        line("The results of both implementations agree to the last", 60, 112, width=260),
        line("printed digit.", 50, 124, width=60),
    ]
    blocks = build_blocks(lines, 1)
    assert texts(blocks) == ["Results", "The results of both implementations agree to the last printed digit."]


def test_a_marker_right_of_right_to_left_text_opens_the_item() -> None:
    def rtl(text: str, x0: float, x1: float, y0: float) -> Line:
        hebrew = any(c >= "\u0590" for c in text)
        return Line(text=text, markdown=text, bbox=BBox(x0, y0, x1, y0 + SIZE), size=SIZE, rtl=hebrew)

    lines = [  # WeasyPrint draws the marker after the item's text: a segment of its own on the right
        rtl("לחשב ממוצעים חודשיים", 390, 497, 100), rtl("•", 500, 506, 100),
        rtl("למחוק רשומות כפולות", 366, 467, 114), rtl(".1", 470, 480, 114),
    ]
    blocks = build_blocks(lines, 1)
    assert [(b.attrs["marker"], b.text) for b in blocks] == [
        ("•", "לחשב ממוצעים חודשיים"),
        ("1.", "למחוק רשומות כפולות"),
    ]
    assert blocks[1].attrs["indent"] > blocks[0].attrs["indent"]  # nested: further from the right edge


def test_emphasis_broken_by_a_line_end_is_one_phrase() -> None:
    def styled(markdown: str) -> Line:
        return Line(text=markdown.replace("*", ""), markdown=markdown, bbox=BBox(0, 0, 1, 1), size=SIZE)

    assert join_lines([styled("in *Journal of Coastal*"), styled("*Research*, vol. 12")]) == (
        "in *Journal of Coastal Research*, vol. 12"
    )
    assert join_lines([styled("**bold**"), styled("*italic*")]) == "**bold** *italic*"  # different runs stay apart
    assert join_lines([styled("a star \\*"), styled("*b*")]) == "a star \\* *b*"  # an escaped star is no emphasis


def test_bulleted_items_become_list_items_with_their_continuation_lines() -> None:
    lines = [
        line("• First item that wraps", 50, 100, width=300),
        line("onto a second line", 60, 112, width=200),
        line("• Second item", 50, 124, width=150),
    ]
    blocks = build_blocks(lines, 1)
    assert [block.kind for block in blocks] == [BlockKind.LIST_ITEM, BlockKind.LIST_ITEM]
    assert texts(blocks) == ["First item that wraps onto a second line", "Second item"]
    assert [block.attrs["marker"] for block in blocks] == ["•", "•"]


def test_code_keeps_its_indentation() -> None:
    char = 0.525 * SIZE  # a Courier-like advance
    source = ["def f(x):", "    if x:", "        return 1", "    return 0"]
    lines = []
    for row, text in enumerate(source):
        stripped = text.lstrip()
        indent = len(text) - len(stripped)
        lines.append(line(stripped, 50 + indent * char, 100 + 11 * row, mono=True, width=len(stripped) * char))
    [block] = build_blocks(lines, 1)
    assert block.kind is BlockKind.CODE
    assert block.attrs["indents"] == [0, 4, 8, 4]


# --- furniture -------------------------------------------------------------------------------


def block(text: str, page: int, y0: float, x0: float = 50, width: float = 300, size: float = SIZE) -> Block:
    box = BBox(x0, y0, x0 + width, y0 + size)
    return Block(BlockKind.PARAGRAPH, page, box, [line(text, x0, y0, size=size, width=width)])


WORDS = ["apples", "bananas", "cherries", "dates", "elderberries", "figs", "grapes"]


def book(pages: int) -> Document:
    """Pages of 800 pt with a running header, a body paragraph and a page number."""
    document = Document(source="synthetic.pdf", pages=[], page_count=pages)
    for number in range(1, pages + 1):
        blocks = [
            block("Journal of Synthetic Tests", number, 30),
            block(f"Body text of page {number}, which is not furniture.", number, 300),
            block(str(number), number, 770, x0=295, width=10),
        ]
        if number == 1:
            blocks.insert(1, block("A Title Only On Page One", 1, 60))
        document.pages.append(Page(number, 600.0, 800.0, 0, blocks))
    return document


def test_running_headers_and_page_numbers_are_furniture() -> None:
    document = book(4)
    mark_furniture(document)
    for page in document.pages:
        header, *_, number = page.blocks
        assert header.layer is Layer.FURNITURE and header.kind is BlockKind.PAGE_HEADER
        assert "repeated" in header.reason
        assert number.layer is Layer.FURNITURE and number.kind is BlockKind.PAGE_FOOTER
        assert number.reason == "page number"
    body = [b.text for p in document.pages for b in p.blocks if b.layer is Layer.BODY]
    assert body[0] == "A Title Only On Page One"
    assert len(body) == 5


def test_the_title_atop_copies_of_one_page_is_not_a_running_head() -> None:
    # one brochure page four times (ocrmypdf's cardinal.pdf): its title and its address at the foot
    # come back on every page, as all its paragraphs do; a book's running head comes back alone
    long = "The sequencer records every track in time with the click, and plays it back without errors."
    document = Document(source="synthetic.pdf", pages=[], page_count=4)
    for number in range(1, 5):
        blocks = [block("The LinnSequencer", number, 30, size=20), block(long, number, 300),
                  block(long.upper(), number, 400), block("Linn Electronics, Inc.", number, 760)]
        document.pages.append(Page(number, 600.0, 800.0, 0, blocks))
    mark_furniture(document)
    assert all(b.layer is Layer.BODY for p in document.pages for b in p.blocks)
    book_pages = book(4)
    mark_furniture(book_pages)
    assert all(p.blocks[0].layer is Layer.FURNITURE for p in book_pages.pages)


def test_furniture_is_kept_not_deleted() -> None:
    document = book(3)
    before = [b.text for p in document.pages for b in p.blocks]
    mark_furniture(document)
    assert [b.text for p in document.pages for b in p.blocks] == before


def test_alternating_running_heads_with_page_numbers_inside_a_wide_margin() -> None:
    # amsart style: "2 Title" on even pages, "Title 3" on odd ones, 97 pt below the top of a
    # 792 pt page (outside a narrow band), and the title page has its number at the foot
    document = Document(source="synthetic.pdf", pages=[], page_count=6)
    for number in range(1, 7):
        if number == 1:
            blocks = [block("Using the Package", 1, 170, size=17), block("Body of the title page.", 1, 300)]
            blocks.append(block("1", 1, 691, x0=295, width=10))
        else:
            head = f"{number} Using the package" if number % 2 == 0 else f"Using the package {number}"
            body = f"This page is about {WORDS[number]}, not furniture."
            blocks = [block(head, number, 97, size=8), block(body, number, 160)]
        document.pages.append(Page(number, 612.0, 792.0, 0, blocks))
    mark_furniture(document)
    furniture = [b.text for p in document.pages for b in p.blocks if b.layer is Layer.FURNITURE]
    assert furniture == ["1"] + [p.blocks[0].text for p in document.pages[1:]]


def test_a_heading_at_the_top_of_one_page_is_not_furniture() -> None:
    document = book(4)
    document.pages[2].blocks.insert(1, block("3 Results", 3, 60))
    mark_furniture(document)
    assert document.pages[2].blocks[1].layer is Layer.BODY


def test_a_printouts_stamps_are_furniture_and_a_footnote_with_an_address_is_not() -> None:
    """A single page printed from a browser: its address and print time stand in the outer 5%."""
    blocks = [
        block("Optical character recognition - Wikipedia https://en.wikipedia.org/wiki/OCR", 1, 10, width=500),
        block("Optical character recognition is the conversion of images of text.", 1, 100),
        block("1 See https://example.org/ocr for the data.", 1, 700),  # a footnote, at the foot of the text
        block("1 of 9 14/09/16 20:42", 1, 780),
    ]
    document = Document(source="printout.pdf", pages=[Page(1, 600.0, 800.0, 0, blocks)], page_count=1)
    mark_furniture(document)
    assert [b.layer for b in document.pages[0].blocks] == [Layer.FURNITURE, Layer.BODY, Layer.BODY, Layer.FURNITURE]


def test_a_block_on_the_row_of_a_running_head_goes_with_it() -> None:
    # a site's name at the left (repeated: a running head) and, on page 1 only, its navigation at the right
    document = book(3)
    navigation = block("Home Data Reports About", 1, 31, x0=400, width=150, size=8)
    document.pages[0].blocks.append(navigation)
    mark_furniture(document)
    assert navigation.layer is Layer.FURNITURE and navigation.reason == "on the row of the page header"
    assert document.pages[0].blocks[1].text == "A Title Only On Page One"
    assert document.pages[0].blocks[1].layer is Layer.BODY


def test_a_copyright_line_in_small_print_below_the_text_is_furniture() -> None:
    document = book(2)
    document.font_stats.add(SIZE, False, 1000)
    last = document.pages[-1]
    last.blocks.insert(2, block("© 2024 Coastal Survey Office · Contact · Privacy", 2, 400, size=8))
    # the same words in body size, or with text below them, are the body's
    first = document.pages[0]
    first.blocks.insert(2, block("© 2024 is when this survey began.", 1, 400))
    mark_furniture(document)
    assert last.blocks[2].layer is Layer.FURNITURE and last.blocks[2].reason == "copyright notice below the text"
    assert first.blocks[3].layer is Layer.BODY


def test_numbers_that_do_not_run_with_the_pages_make_different_texts() -> None:
    # table captions at the top of pages 2, 3 and 5, footnotes 4, 9 and 12 at the foot: not running heads
    document = Document(source="synthetic.pdf", pages=[], page_count=6)
    captions = {2: "Table 1: Schedule of grants", 3: "Table 2: Schedule of grants", 5: "Table 5: Schedule of grants"}
    notes = {2: "4 Map of the stations (4).", 3: "9 Map of the stations (9).", 5: "12 Map of the stations (12)."}
    for number in range(1, 7):
        blocks = [block(f"Body text about {WORDS[number]}.", number, 300)]
        if number in captions:
            blocks.insert(0, block(captions[number], number, 60))
            blocks.append(block(notes[number], number, 740, size=8))
        document.pages.append(Page(number, 600.0, 800.0, 0, blocks))
    mark_furniture(document)
    assert all(b.layer is Layer.BODY for p in document.pages for b in p.blocks)


def test_a_running_head_keeps_its_page_numbers_and_constant_numbers() -> None:
    document = Document(source="synthetic.pdf", pages=[], page_count=6)
    for number in range(1, 7):
        head = f"Report 7, page {number} of 6"
        blocks = [block(head, number, 30), block(f"Body text about {WORDS[number]}.", number, 300)]
        document.pages.append(Page(number, 600.0, 800.0, 0, blocks))
    mark_furniture(document)
    assert [p.blocks[0].layer for p in document.pages] == [Layer.FURNITURE] * 6


def test_a_footnote_the_role_model_is_sure_of_stays_however_it_repeats() -> None:
    document = Document(source="synthetic.pdf", pages=[], page_count=2)
    for number in (1, 2):
        note = block("See the appendix for the raw data.", number, 740, size=8)
        note.attrs.update(role="footnote", role_p=0.99)
        document.pages.append(Page(number, 600.0, 800.0, 0, [block("Body text.", number, 300), note]))
    mark_furniture(document)
    assert all(b.layer is Layer.BODY for p in document.pages for b in p.blocks)


def test_bold_run_in_head_under_a_bold_heading_starts_a_paragraph() -> None:
    """LibreOffice's Heading 3 (bold, hardly larger) right above a paragraph that opens with a bold
    run-in head: the run-in line is mostly bold too, yet it starts a paragraph of its own; a bold
    heading's wrapped second line still goes on with it."""
    heading = line("Results", 50, 100, width=60)
    heading.bold, heading.markdown = True, "**Results**"
    run_in = line("Monthly means. The stations agree", 50, 114, width=300)
    run_in.bold, run_in.markdown = True, "**Monthly means.** The **stations** agree"
    wrapped = line("Calibration of the sensors", 50, 160, width=300)
    wrapped.bold, wrapped.markdown = True, "**Calibration of the sensors**"
    second = line("in the harbour", 50, 174, width=120)
    second.bold, second.markdown = True, "**in the harbour**"
    blocks = build_blocks([heading, run_in, wrapped, second], 1)
    expected = ["Results", "Monthly means. The stations agree", "Calibration of the sensors in the harbour"]
    assert texts(blocks) == expected
