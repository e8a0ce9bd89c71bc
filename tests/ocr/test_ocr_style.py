"""Size, weight and pitch of OCR'd lines, on synthetic word boxes and pixels."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from pagemill.engines.ocr import OcrWord
from pagemill.engines.render import ink_mask, rule_mask, ruled_lines
from pagemill.stages.ocr_reread import _better, unsure_in_table
from pagemill.stages.ocr_style import _steadied, core_height, em_share, line_size_px, line_styles, rounded_size
from pagemill.stages.ocr_words import Frame, with_bullets, without_rule_marks, without_specks, words_to_glyphs

EM = 40  # pixels


def _word(text: str, x: float, top: float, width: float, line: int, em: float, block: int) -> OcrWord:
    """A word whose box spans what its letters reach at an em of ``em`` pixels."""
    share = em_share(text) or 0.95
    baseline_top = top + (0.77 - share) * em if share < 0.77 else top
    return OcrWord(text, (x, baseline_top, x + width, baseline_top + share * em), 95.0, (block, 1, line))


def _line(texts: str, top: float, line: int, cell: float | None = None, block: int = 1) -> list[OcrWord]:
    em = EM
    words, x = [], 100.0
    for text in texts.split():
        # proportional words differ in width per character; monospaced ones do not, and their
        # ink is a cell apart plus the side bearings
        width = len(text) * (cell or 0.5 * em * (0.8 + 0.1 * (sum(map(ord, text)) % 5)))
        words.append(_word(text, x, top, width, line, em, block))
        x += width + (1.2 * cell if cell else 0.33 * em)
    return words


def test_em_share_follows_the_letters() -> None:
    assert em_share("cosmos") == pytest.approx(0.5)
    assert em_share("Station") == pytest.approx(0.77)
    assert em_share("gypsy") == pytest.approx(0.73)
    assert em_share("typology") == pytest.approx(1.0)
    assert em_share("(1)") == pytest.approx(1.1)
    assert em_share("напр") is not None and em_share("中文") is None


def test_size_does_not_grow_with_descenders_or_capitals() -> None:
    plain = _line("on one summer evening we came over", 0, 1)
    deep = _line("gypsy quietly played jazz tunes", 100, 2)
    tall = _line("The Bold Little Thistle Held", 200, 3)
    sizes = [line_size_px(words)[0] for words in (plain, deep, tall)]
    assert sizes == pytest.approx([EM, EM, EM], rel=0.02)
    # a line's box would have said 0.5 em for the first and a full em for the second
    assert rounded_size(10.0) == rounded_size(10.2)
    assert rounded_size(14.4) / rounded_size(10.0) > 1.3


def test_bold_lines_have_wider_stems() -> None:
    ink = np.zeros((400, 1400), dtype=bool)
    lines = [_line("regular text of the body runs on here", 40 + 60 * i, i) for i in range(4)]
    lines.append(_line("Heading in bold", 300, 9))
    for i, words in enumerate(lines):
        stem = 7 if i == 4 else 4  # pixels: a bold stem is ~1.6 times as wide
        for word in words:
            x0, y0, x1, y1 = (int(v) for v in word.box)
            for x in range(x0, x1 - stem, 12):
                ink[y0:y1, x : x + stem] = True
    styles = line_styles(lines, ink)
    assert [style.bold for style in styles] == [False, False, False, False, True]


def test_monospaced_lines_and_their_short_neighbours() -> None:
    cell = 0.6 * EM
    code = [
        _line("def mean(values):", 0, 1, cell=cell, block=2),
        _line("total = 0.0", 50, 2, cell=cell, block=2),
        _line("};", 100, 3, cell=cell, block=2),
    ]
    prose = [_line("Several colleagues commented on an early draft", 200, 4, block=3)]
    styles = line_styles(code + prose, None)
    assert [style.mono for style in styles] == [True, True, True, False]
    ink = np.zeros((400, 2000), dtype=bool)
    glyphs = words_to_glyphs([w for line in code for w in line], Frame(300), first_font=0, ink=ink)
    assert all(g.font == 2 for g in glyphs) and len(glyphs) == len("def mean(values): total = 0.0 };".replace(" ", ""))


def test_rules_on_a_scan_are_found_and_letters_are_not() -> None:
    dpi = 200
    ink = np.zeros((1000, 1400), dtype=bool)
    ink[100:102, 100:1300] = True  # a table's top rule, 2 px thick
    ink[300:302, 100:700] = True
    ink[301:303, 700:1300] = True  # ... and one tilted by a pixel halfway
    ink[100:302, 100:102] = True  # its left border
    ink[150:185, 400:404] = True  # the stem of a letter: too short
    ink[600:900, 200:900] = True  # a filled box (a photo): too thick
    rules = sorted(ruled_lines(ink, dpi))
    expected = sorted([(100, 100, 1300, 102, "hline"), (100, 300, 1300, 303, "hline"), (100, 100, 102, 302, "vline")])
    assert [r[4] for r in rules] == [e[4] for e in expected]
    for rule, wanted in zip(rules, expected):  # found at half resolution: within a pixel or two
        assert rule[:4] == pytest.approx(wanted[:4], abs=2)


def test_a_hairline_greyed_by_the_scan_is_a_rule() -> None:
    """A 0.4 pt rule at 200 dpi, blurred: a pixel or two of mid grey on noisy paper. Half its pixels
    are lighter than the ink threshold, so the ink mask breaks it; the paper's contrast keeps it."""
    dpi, rng = 200, np.random.default_rng(3)
    pixels = np.clip(rng.normal(245.0, 6.0, (400, 1200)), 0, 255)
    pixels[200, 100:1100] = rng.choice([140.0, 175.0], 1000)  # a row rule, grey
    pixels[50:350, 600] = rng.choice([145.0, 172.0], 300)  # a column rule, grey
    pixels[100:130, 300:304] = 20.0  # a letter's stem: black, but too short
    image = Image.fromarray(pixels.astype(np.uint8), mode="L")
    found = sorted((kind, x0, y0, x1, y1) for x0, y0, x1, y1, kind in ruled_lines(rule_mask(image), dpi))
    assert [r[0] for r in found] == ["hline", "vline"]
    assert found[0][1:] == pytest.approx((100, 200, 1100, 201), abs=2)
    assert found[1][1:] == pytest.approx((600, 50, 601, 350), abs=2)
    assert ruled_lines(ink_mask(image, image.width), dpi) == []  # what the OCR step looked in before


def test_unsure_words_of_a_table_are_read_again_and_prose_is_not() -> None:
    """Words read again: unsure, and a column's gap from their row's next word, or between rules."""
    words = [
        OcrWord("the", (100, 100, 140, 120), 95.0, (1, 1, 1)),
        OcrWord("wrold", (150, 100, 210, 120), 30.0, (1, 1, 1)),  # unsure, but prose: a word's gap
        OcrWord("i25", (600, 300, 640, 320), 0.0, (2, 1, 1)),  # a column's gap from "Harbour", in a row of three
        OcrWord("Harbour", (400, 300, 500, 320), 96.0, (2, 1, 1)),
        OcrWord("354", (700, 300, 740, 320), 96.0, (2, 1, 1)),
        OcrWord("ere", (100, 500, 160, 520), 24.0, (3, 1, 1)),  # alone on its row, between two rules
        OcrWord("|", (800, 300, 804, 320), 20.0, (2, 1, 1)),  # no letter: a speck or a rule, not a word
        OcrWord("1.1.1", (100, 700, 140, 720), 30.0, (4, 1, 1)),  # a heading's number: two pieces, not a row
        OcrWord("Discussion", (170, 700, 300, 720), 96.0, (4, 1, 1)),
    ]
    rules = [(50, 480, 900, 482, "hline"), (50, 540, 900, 542, "hline")]
    assert unsure_in_table(words, rules) == [2, 5]
    assert unsure_in_table(words, []) == [2]


def test_a_rule_read_as_text_is_taken_off_the_words() -> None:
    rules = [(500, 0, 503, 400, "vline"), (0, 300, 1000, 302, "hline")]
    words = [
        OcrWord("|Mean", (490, 100, 600, 130), 90.0, (1, 1, 1)),
        OcrWord("|", (498, 140, 506, 170), 60.0, (1, 1, 2)),
        OcrWord("___", (100, 296, 400, 304), 50.0, (1, 1, 3)),
        OcrWord("-5", (100, 250, 130, 270), 90.0, (1, 1, 4)),
        OcrWord("l", (497, 180, 505, 210), 40.0, (1, 1, 5)),  # the rule read as a letter
        OcrWord("1", (530, 180, 540, 210), 90.0, (1, 1, 5)),  # a digit beside it, off the rule
    ]
    assert [w.text for w in without_rule_marks(words, rules)] == ["Mean", "-5", "1"]


def test_a_bullet_read_as_another_sign_becomes_a_bullet() -> None:
    words = [
        OcrWord("©", (100, 110, 112, 122), 60.0, (1, 1, 1)),  # small, apart from its line: a bullet
        OcrWord("Operation", (122, 104, 240, 130), 95.0, (1, 1, 1)),
        OcrWord("©", (100, 150, 118, 172), 90.0, (1, 1, 2)),  # as tall as the capitals: a copyright line
        OcrWord("2024", (126, 150, 170, 172), 95.0, (1, 1, 2)),
    ]
    assert [w.text for w in with_bullets(words)] == ["•", "Operation", "©", "2024"]


def test_unsure_and_square_signs_before_a_line_are_bullets_and_survive_the_speck_filter() -> None:
    """Measured on the bench's scans: a circle read "©" at 39 % or "°" at 20 %, a square read "=" or "«",
    a disc read "e" at 29 %. A bullet is as wide as high: a "=" of the text is wider, a full stop lower,
    and a sure "e" is a word."""
    words = [
        OcrWord("©", (100, 110, 109, 119), 39.0, (1, 1, 1)),
        OcrWord("fill", (122, 100, 160, 123), 96.0, (1, 1, 1)),
        OcrWord("=", (100, 140, 115, 155), 86.0, (1, 1, 2)),
        OcrWord("plot", (128, 132, 170, 161), 97.0, (1, 1, 2)),
        OcrWord("e", (100, 180, 109, 190), 29.0, (1, 1, 3)),
        OcrWord("fill", (133, 172, 170, 194), 96.0, (1, 1, 3)),
        OcrWord("=", (100, 222, 130, 232), 90.0, (1, 1, 4)),  # 3 times wider than high: an equals sign
        OcrWord("x", (140, 216, 150, 232), 95.0, (1, 1, 4)),
        OcrWord(".", (100, 262, 103, 265), 30.0, (1, 1, 5)),  # a full stop, a tenth of the word's height
        OcrWord("Next", (112, 240, 160, 270), 95.0, (1, 1, 5)),
        OcrWord("e", (100, 290, 109, 300), 93.0, (1, 1, 6)),  # sure of its letter: a word ("e" is "and")
        OcrWord("poi", (133, 282, 170, 304), 96.0, (1, 1, 6)),
    ]
    cleaned = without_specks(with_bullets(words))
    assert [w.text for w in cleaned] == ["•", "fill", "•", "plot", "•", "fill", "=", "x", "Next", "e", "poi"]


def test_a_lines_core_does_not_grow_with_one_tall_or_deep_letter() -> None:
    """Letters 20 pixels high; one reaches 12 above and one 10 below (the box grows from 20 to 42): the core
    (all but a tenth of the ink above and below) stays within a pixel."""
    plain = np.zeros((60, 400), dtype=bool)
    for x in range(10, 390, 12):
        plain[20:40, x : x + 6] = True
    marked = plain.copy()
    marked[8:20, 100:102] = True  # an ascender (lamed, "l")
    marked[40:50, 200:202] = True  # a descender (qof, "p")
    assert core_height(plain) == pytest.approx(17)
    assert core_height(marked) == pytest.approx(17, abs=1)
    assert core_height(np.zeros((10, 10), dtype=bool)) is None


def test_other_scripts_are_sized_by_their_cores_against_the_pages_usual() -> None:
    """Boxes of Hebrew lines grow with the letters they hold; a heading a seventh larger is still told."""
    sizes = [(40.0, False), (52.0, False), (40.0, False), (44.0, False), (20.0, True)]
    lines = [[OcrWord("אבגדה" * 4, (0, 0, 10, 10), 95.0, (1, 1, i))] for i in range(5)]
    cores = [20.0, 20.5, 19.6, 23.0, None]
    steadied = _steadied(sizes, lines, cores)
    assert steadied[:3] == [40.0, 40.0, 40.0]  # the box of the second grew with a mark: still body text
    assert steadied[3] == pytest.approx(46.0)  # 23/20 of the usual
    assert steadied[4] == 20.0  # measured from letter shapes: kept


def test_short_chinese_lines_are_sized_by_their_width() -> None:
    # RapidOCR's box has a margin round the ink: the two characters' ink is 80 pixels wide in a 100-pixel
    # box, two ems less the blank sides of the first and the last character (a tenth of an em)
    ink = np.zeros((100, 300), dtype=bool)
    ink[30:70, 60:140] = True
    words = [OcrWord("引言", (50.0, 20.0, 150.0, 80.0), 95.0, (1, 1, 1))]
    (style,) = line_styles([words], ink, tight_boxes=False)
    assert style.size_px == pytest.approx(80.0 / 1.9)


def test_cyrillic_descenders_are_known() -> None:
    assert em_share("данных") == pytest.approx(0.73)
    assert em_share("Введение") == pytest.approx(1.0)


def _typed(text: str, top: float, line: int, em: float) -> list[OcrWord]:
    """A typewritten line (its own engine paragraph): every character a cell of 0.6 em, the space
    between words a cell and the side bearings."""
    cell, words, x = 0.6 * em, [], 100.0
    for word in text.split():
        words.append(_word(word, x, top, len(word) * cell, line, em, block=line))
        x += (len(word) + 1.2) * cell
    return words


def test_a_typewritten_pages_lines_share_the_typewriters_size() -> None:
    # a recipe card: one typewriter, its lines measured a few percent apart, one 15% larger; a printed
    # letterhead in proportional type, far larger, keeps its size
    ems = [40, 40, 42, 40, 46, 41]
    lines = [_typed("the lentils are washed and soaked", 100 + 80 * i, i + 1, em) for i, em in enumerate(ems)]
    lines.append(_line("Kitchen Notebook", 900, 9, block=9))
    lines[-1] = [w._replace(box=(w.box[0], w.box[1], w.box[2], w.box[1] + 1.75 * (w.box[3] - w.box[1])))
                 for w in lines[-1]]
    sizes = [style.size_px for style in line_styles(lines, None)]
    assert sizes[:6] == pytest.approx([40.5] * 6)
    assert sizes[6] == pytest.approx(1.75 * EM, rel=0.02)


def test_an_underline_is_painted_out_of_the_picture_read() -> None:
    from pagemill.engines.render import underlines, without_lines

    pixels = np.full((200, 1000), 255, dtype=np.uint8)
    for x in range(100, 900, 8):  # the letters' stems, their feet just above the underline
        pixels[50:84, x : x + 3] = 0
    pixels[88:92, 100:900] = 0  # the underline, touching them
    image = Image.fromarray(pixels)
    ink = np.asarray(image) < 128
    rules = ruled_lines(ink, 200)
    assert [rule[4] for rule in rules] == ["hline"]
    read = np.asarray(without_lines(image, underlines(ink, rules, 200)))
    assert (read[88:92, 100:900] == 255).all()  # the rule
    assert (read[50:84, 100:103] == 0).all()  # the stems above it are left
    assert without_lines(image, []) is image


def test_a_tables_rules_and_a_rule_apart_from_the_text_stay_in_the_picture_read() -> None:
    from pagemill.engines.render import underlines

    ink = np.zeros((800, 1000), dtype=bool)
    for y in (50, 150, 250):  # a booktabs table: three rules across the same columns, words on two
        ink[y : y + 3, 100:900] = True
    for x in range(100, 900, 8):
        ink[130:146, x : x + 3] = ink[230:246, x : x + 3] = True
    ink[350:353, 100:400] = True  # the rule above the footnotes, the text far above and below it
    ink[450:453, 100:500] = True  # an underline beneath a heading
    for x in range(100, 500, 8):
        ink[430:446, x : x + 3] = True
    ink[650:653, 100:900] = True  # a bar chart's axis, the bars standing on it
    for x in range(120, 900, 100):
        ink[500:649, x : x + 60] = True
    found = underlines(ink, ruled_lines(ink, 200), 200)
    assert [box[1] for box in found] == [pytest.approx(450, abs=2)]


def test_a_second_reading_replaces_the_first_only_when_sure_and_not_letters_for_figures() -> None:
    first = OcrWord("i25", (0, 0, 40, 20), 0.0, (1, 1, 1))
    assert _better(first, first._replace(text="125", confidence=97.0))
    assert not _better(first, first._replace(text="ue", confidence=30.0))  # unsure: the first reading stays
    number = OcrWord("1.1.1", (0, 0, 40, 20), 40.0, (1, 1, 1))
    assert not _better(number, number._replace(text="Lid", confidence=90.0))
    assert _better(number._replace(text="616"), number._replace(text="-6.6", confidence=85.0))


def test_a_line_underlined_whole_has_its_glyphs_marked() -> None:
    heading = _line("Lentil soup", 100, 1, block=1)
    body = _line("wash the lentils and soak them", 200, 2, block=2)
    x0, x1 = heading[0].box[0], heading[-1].box[2]
    bottom = max(w.box[3] for w in heading)
    under = [(int(x0) - 2, int(bottom) + 3, int(x1) + 2, int(bottom) + 5)]
    glyphs = words_to_glyphs(heading + body, Frame(300), first_font=0, underlines=under)
    assert [g.underlined for g in glyphs] == [True] * 2 + [False] * 6
    part = [(int(x0), int(bottom) + 3, int(x0) + 40, int(bottom) + 5)]  # a link's underline: a part of the line
    assert not any(g.underlined for g in words_to_glyphs(heading, Frame(300), first_font=0, underlines=part))
