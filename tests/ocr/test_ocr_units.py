"""The pieces of the OCR step on synthetic input: no rendering, no engine."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from pagemill.engines import ocr_tesseract
from pagemill.engines.ocr import guess_latin_language, language_for_script
from pagemill.engines.ocr_rapid import split_line
from pagemill.engines.ocr_tesseract import install_hint, installed_languages, parse_osd, parse_tsv
from pagemill.engines.render import binarized, capped_dpi, text_direction
from pagemill.errors import OcrUnavailable
from pagemill.model import BBox, Font, Glyph, RawPage
from pagemill.stages import quality
from pagemill.stages.ocr_words import Frame, words_to_glyphs

from .scanmaker import CJK, draw_text_image

FONTS = [Font("Body"), Font("Hidden", invisible=True), Font("NoMap", unmapped=True), Font("CMEX10")]


def page_of(text: str, font: int = 0, size: float = 10.0) -> RawPage:
    """A page with ``text`` set in lines of 60 characters, one glyph per character."""
    glyphs = []
    for i, char in enumerate(text):
        x, y = 72 + (i % 60) * 6.0, 72 + (i // 60) * 14.0
        glyphs.append(Glyph(char, x, y, x + 5.0, y + 10.0, size, font))
    return RawPage(1, 612, 792, 0, glyphs, FONTS)


PROSE = "The committee met on Tuesday to review the annual budget and the plans for the new library. " * 4


def never(*_: object) -> bool:
    raise AssertionError("a good text page must not be rendered")


def test_good_text_is_kept_without_rendering() -> None:
    verdict = quality.assess(page_of(PROSE), [], never, never)
    assert (verdict.decision, verdict.reason) == ("text", "text layer is good")


def test_private_use_text_is_garbled() -> None:
    text = "".join(chr(0xE000 + ord(c)) if c != " " else c for c in PROSE)
    verdict = quality.assess(page_of(text), [], never, never)
    assert verdict.decision == "ocr"
    assert "private-use" in verdict.reason


def test_a_font_without_unicode_map_is_judged_by_its_characters() -> None:
    # PDFium decodes many such fonts right from their encoding (TeX's Type 3 fonts)
    kept = quality.assess(page_of(PROSE, font=2), [], never, never)
    assert (kept.decision, kept.facts["unmapped_share"]) == ("text", 1.0)
    codes = "".join(chr(1 + ord(c) % 30) if c != " " else c for c in PROSE)  # glyph ids read as characters
    verdict = quality.assess(page_of(codes, font=2), [], never, never)
    assert verdict.decision == "ocr"
    assert "without a Unicode map" in verdict.reason


def test_symbol_fonts_may_use_private_use_codes() -> None:
    table = page_of("".join(chr(0xF8E0 + i % 30) for i in range(200)), font=3)
    table.glyphs.extend(page_of(PROSE).glyphs)
    assert quality.assess(table, [], never, never).decision == "text"


def test_text_without_vowels_is_implausible() -> None:
    # what a font whose codes were shifted by its encoding reads like: letters, but hardly a vowel
    rng = np.random.default_rng(7)
    scrambled = " ".join("".join(rng.choice(list("bcdfghjklmnpqrstvwxz"), 6)) for _ in range(120))
    verdict = quality.assess(page_of(scrambled), [], never, never)
    assert verdict.decision == "ocr"
    assert "vowels" in verdict.reason


def test_an_invisible_layer_of_junk_is_replaced_but_a_good_one_kept() -> None:
    junk = "tbe-m; l'i,| c0m|n. m,e!t ;o- t'u;e,s ~d@y. " * 8
    assert quality.assess(page_of(junk, font=1), [], never, never).reason.startswith("invisible OCR layer looks wrong")
    assert quality.assess(page_of(PROSE, font=1), [], never, never).decision == "text"


def test_no_text_is_read_when_there_is_a_picture_or_drawn_text() -> None:
    empty = RawPage(1, 612, 792, 0, [], FONTS)
    scan = [BBox(0, 0, 612, 792)]
    assert quality.assess(empty, scan, never, never).reason == "no text layer"
    assert quality.assess(empty, [], lambda: True, never).decision == "ocr"
    assert quality.assess(empty, [], lambda: False, never).decision == "text"
    part_page = page_of("Part I Introduction")  # a short real text layer (interface3.pdf p11)
    assert quality.assess(part_page, [], never, never).decision == "text"


def test_only_uncovered_pictures_of_text_become_regions() -> None:
    page = page_of(PROSE)  # text at the top
    photo, text_picture, under_text = BBox(72, 400, 300, 600), BBox(320, 400, 540, 600), BBox(60, 60, 500, 110)
    bands = {photo: [], text_picture: [(410.0, 422.0), (430.0, 442.0), (450.0, 462.0)]}
    verdict = quality.assess(page, [photo, text_picture, under_text], never, lambda box: bands[box])
    assert verdict.decision == "ocr_regions"
    assert verdict.regions == [text_picture]


def test_a_page_sized_picture_of_text_is_read_whole_unless_its_lines_have_glyphs() -> None:
    scan = [BBox(0, 0, 612, 792)]
    lines = [(72.0 + 14 * i, 82.0 + 14 * i) for i in range(6)]  # where page_of() sets its lines
    sparse = page_of(PROSE[:120])  # glyphs on the first two lines only
    assert quality.assess(sparse, scan, never, lambda box: lines).decision == "ocr"
    layer = page_of(PROSE[:360])  # glyphs on all six
    assert quality.assess(layer, scan, never, lambda box: lines).decision == "text"


def test_text_lines_are_told_from_a_photo() -> None:
    lines = np.zeros((200, 400), dtype=bool)
    for top in range(10, 190, 20):  # 9 lines of 10 px "words" with gaps
        for left in range(10, 390, 40):
            lines[top : top + 10, left : left + 30] = True
    photo = np.random.default_rng(1).random((200, 400)) > 0.4
    assert quality.text_line_count(lines, 72) == 9
    assert quality.text_line_count(photo, 72) == 0


def test_clean_tokens() -> None:
    assert quality.clean_token_share("The (well-known) answer is 42, isn't it?") == 1.0
    assert quality.clean_token_share("tb;e l'i,| m@n") < 0.5


TSV = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    "1\t1\t0\t0\t0\t0\t0\t0\t2550\t3300\t-1\t\n"
    "5\t1\t1\t1\t1\t1\t300\t310\t120\t40\t96.5\tHello\n"
    "5\t1\t1\t1\t1\t2\t440\t312\t150\t52\t91.0\tworld,\n"
    "5\t1\t1\t1\t1\t3\t600\t312\t10\t40\t95.0\t \n"
    "5\t1\t1\t1\t2\t1\t300\t380\t90\t40\t88.0\tagain\n"
)


def test_tesseract_tsv_gives_words_with_lines() -> None:
    words = parse_tsv(TSV)
    assert [w.text for w in words] == ["Hello", "world,", "again"]
    assert words[1].box == (440, 312, 590, 364)
    assert words[0].line == words[1].line != words[2].line


def test_words_of_a_line_share_its_height_and_size() -> None:
    glyphs = words_to_glyphs(parse_tsv(TSV), Frame(300), first_font=7)
    hello, world, again = glyphs
    assert (hello.y0, hello.y1) == (world.y0, world.y1) == pytest.approx((310 * 0.24, 364 * 0.24))
    assert hello.size == world.size
    assert hello.x0 == pytest.approx(72.0) and again.font == 7


def test_osd_output() -> None:
    found = parse_osd("Page number: 0\nOrientation in degrees: 90\nRotate: 270\nOrientation confidence: 20.5\n"
                      "Script: Han\nScript confidence: 8.8\n")
    assert found is not None
    assert (found.quarter_turns, found.script, found.script_confidence) == (3, "Han", 8.8)
    assert parse_osd("Too few characters. Skipping this page") is None


def test_install_hints_name_the_debian_package() -> None:
    assert install_hint("chi_sim") == "apt-get install tesseract-ocr-chi-sim"
    assert install_hint("Cyrillic") == "apt-get install tesseract-ocr-script-cyrl"
    assert install_hint("script/HanT") == "apt-get install tesseract-ocr-script-hant"
    assert language_for_script("Latin", frozenset({"eng"})).lang == "eng"
    # scripts whose pages carry English words are read with English too; Arabic is not (it got worse)
    assert language_for_script("Cyrillic", frozenset({"eng", "rus"})).lang == "rus+eng"
    assert language_for_script("Arabic", frozenset({"eng", "ara"})).lang == "ara"


def test_a_detected_script_falls_back_to_what_is_installed() -> None:
    # the language pack first, then the script's model (Debian's name, or tessdata's script/ folder)
    assert language_for_script("Cyrillic", frozenset({"eng", "rus", "Cyrillic"})) == ("rus+eng", None)
    assert language_for_script("Cyrillic", frozenset({"eng", "Cyrillic"})) == ("Cyrillic+eng", None)
    assert language_for_script("Hangul", frozenset({"eng", "script/Hangul"})) == ("script/Hangul", None)
    # then English, with a warning that names both packages: never an error
    lang, warning = language_for_script("Hangul", frozenset({"eng"}))
    assert lang == "eng"
    assert warning is not None and "apt-get install tesseract-ocr-script-hang or tesseract-ocr-kor" in warning
    # Chinese goes to RapidOCR when it is installed, to the HanS model when it is not and that is
    assert language_for_script("HanS", frozenset({"eng"}), chinese_engine=True).lang == "chi_sim"
    assert language_for_script("Han", frozenset({"eng", "HanS"})).lang == "HanS"


def test_latin_languages_are_told_by_their_small_words() -> None:
    german = "Die Gemeinde plant für das kommende Jahr eine neue Brücke über den Fluss und die Straße ist nicht"
    german_words = german.split()
    assert guess_latin_language(german_words, frozenset({"eng", "deu"})) == "deu"
    assert guess_latin_language(german_words, frozenset({"eng"})) == "eng"
    assert guess_latin_language(PROSE.split(), frozenset({"eng", "deu"})) == "eng"


def test_rapid_lines_split_into_words() -> None:
    words = split_line("two words", (0, 0, 90, 10), 90.0, 3)
    assert [(w.text, w.box) for w in words] == [("two", (0, 0, 30, 10)), ("words", (40, 0, 90, 10))]
    assert [w.text for w in split_line("中文一行", (0, 0, 40, 10), 99.0, 0)] == ["中文一行"]


def test_pixel_cap_lowers_the_resolution() -> None:
    assert capped_dpi(612, 792, 300) == 300
    assert capped_dpi(2384, 3370, 300) < 300  # A0
    assert capped_dpi(612, 792, 36) == 36  # a thumbnail may be coarse on purpose


def test_text_direction_finds_sideways_lines_and_skew() -> None:
    from PIL import Image, ImageDraw

    image = Image.new("L", (1200, 1600), 255)
    draw = ImageDraw.Draw(image)
    for top in range(100, 1500, 60):
        for left in range(100, 1100, 120):
            draw.rectangle([left, top, left + 90, top + 25], fill=0)
    assert text_direction(image) == text_direction(image)  # deterministic
    assert not text_direction(image).sideways
    assert text_direction(image.rotate(90, expand=True)).sideways
    tilted = image.rotate(2.0, fillcolor=255)
    assert text_direction(tilted).skew == pytest.approx(2.0, abs=0.2)


def test_binarized_splits_ink_from_paper_at_otsus_threshold() -> None:
    pixels = np.full((40, 40), 225, dtype=np.uint8)  # grey paper
    pixels[10:20, 10:30] = 60  # ink
    pixels[0, 0] = 140  # a speck halfway: nearer the paper here
    out = np.asarray(binarized(Image.fromarray(pixels)))
    assert set(np.unique(out)) == {0, 255}
    assert (out[10:20, 10:30] == 0).all() and out[30, 30] == 255


def test_arabic_is_read_binarized_at_150_dpi_and_boxed_in_the_pictures_pixels(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Image.Image] = []

    def run(arguments: list[str], image: Image.Image) -> str:
        seen.append(image)
        assert arguments[arguments.index("--dpi") + 1] == "150"
        return TSV

    monkeypatch.setattr(ocr_tesseract, "_run", run)
    engine = object.__new__(ocr_tesseract.TesseractEngine)  # no Arabic pack needed: tesseract is not run
    engine.lang = "ara"
    picture = Image.new("L", (800, 600), 200)
    words = engine.read(picture, 200)
    assert seen[0].size == (600, 450) and set(np.unique(np.asarray(seen[0]))) <= {0, 255}
    assert words[0].box == pytest.approx((400, 413.3, 560, 466.7), abs=0.1)  # TSV pixels x 200/150


@pytest.mark.parametrize(
    ("lang", "cjk"),
    [
        ("kor", True),
        ("script/Hangul", True),
        ("chi_sim_vert+eng", True),
        ("jpn+eng", True),
        ("eng", False),
        ("rus+eng", False),
    ],
)
def test_cjk_is_segmented_with_the_cjk_model(
    monkeypatch: pytest.MonkeyPatch, lang: str, cjk: bool
) -> None:
    """Without it tesseract's page layout drops whole lines of Hangul, differently at each scale."""
    seen: list[list[str]] = []
    monkeypatch.setattr(ocr_tesseract, "_run", lambda arguments, image: seen.append(arguments) or TSV)
    engine = object.__new__(ocr_tesseract.TesseractEngine)  # no pack needed: tesseract is not run
    engine.lang = lang
    engine.read(Image.new("L", (100, 100), 255), 200)
    assert ("textord_use_cjk_fp_model=1" in seen[0]) is cjk
    assert seen[0][-1] == "tsv"


KOREAN = [
    "위원회는 화요일에 모여 연간 예산과 새 도서관 계획을 검토했습니다.",
    "여러 위원이 난방비와 조명비가 예산에 포함되었는지 물었습니다.",
    "짧은 논의 끝에 제안은 승인되었습니다.",
]


def _has_model(lang: str) -> bool:
    try:
        return lang in installed_languages()
    except OcrUnavailable:
        return False


@pytest.mark.skipif(not _has_model("Hangul"), reason="tesseract-ocr-script-hang is not installed")
def test_every_line_of_a_korean_page_is_read() -> None:
    """At 320 dpi tesseract's default segmentation read none of these nine lines; the CJK model reads them all."""
    page = draw_text_image(KOREAN * 3, dpi=320, size_pt=13, font=CJK)
    words = ocr_tesseract.TesseractEngine("Hangul").read(page, 320)
    read = "".join(word.text for word in words)
    assert len({word.line for word in words}) == 9
    assert len(read) >= 0.95 * len("".join(KOREAN * 3).replace(" ", ""))
