"""Escaping, well-formedness checks, joined-word counting and unmapped glyphs (issue 17)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import pagemill
from pagemill.render.conformance import check, joined_words, markdown_problems
from pagemill.render.escape import code_fence, code_span, escape_block_start, escape_heading_end, escape_inline


def test_escape_only_where_markdown_would_misread() -> None:
    assert escape_inline("2 * 3 = 6 and snake_case") == "2 * 3 = 6 and snake_case"
    assert escape_inline("a*b _x_ `c`") == "a\\*b \\_x\\_ \\`c\\`"
    assert escape_inline("$178 million and US$2") == "\\$178 million and US\\$2"
    assert escape_inline("$178 million", math=False) == "$178 million"
    assert escape_inline("a < b but <em> and [x](y) and [^1] and &amp;") == (
        "a < b but \\<em> and [x\\](y) and \\[^1] and \\&amp;"
    )
    assert escape_block_start("1. not a list") == "1\\. not a list"
    assert escape_block_start("# not a heading") == "\\# not a heading"
    assert escape_block_start("- not an item") == "\\- not an item"
    assert escape_block_start("> not a quote") == "\\> not a quote"
    assert escape_block_start("10 items") == "10 items"
    assert escape_heading_end("Use C #") == "Use C \\#"
    assert escape_heading_end("C#") == "C#"


def test_code_fences_outgrow_their_content() -> None:
    assert code_fence("print()") == "```"
    assert code_fence("```python\nx\n```") == "````"
    assert code_span("a`b") == "`` a`b ``"


def test_markdown_problems_finds_what_breaks_a_reader() -> None:
    assert markdown_problems("Fine *text* and \\$5.\n") == []
    assert any("code fence" in p for p in markdown_problems("```\ncode\n"))
    assert any("$$" in p for p in markdown_problems("$$x$$ and $$y\n"))
    assert any("<table>" in p for p in markdown_problems("<table><tr><td>1</td></tr>\n"))
    assert any("odd number of unescaped $" in p for p in markdown_problems("It costs $5 today.\n"))
    assert any("replacement" in p for p in markdown_problems("bad \ufffd char\n"))
    assert markdown_problems("```\n$ odd\n```\n") == []


def test_check_sees_markup_invented_from_literal_text() -> None:
    def tree(text: str, markdown: str) -> dict[str, object]:
        block = {"id": "p1-b0", "kind": "paragraph", "text": text, "markdown": markdown, "layer": "body"}
        return {"pages": [{"number": 1, "blocks": [block]}]}

    text = "Revenue was $178 million, then $1 billion."
    assert check(text, tree(text, text)) != []  # read as a formula between the prices
    escaped = "Revenue was \\$178 million, then \\$1 billion."
    assert check(escaped, tree(text, escaped)) == []
    assert check("a*b*c", tree("a*b*c", "a*b*c")) != []


def test_joined_words_counts_words_pdftotext_reads_as_two() -> None:
    reference = "The proof of the claim is short.\nA hyph-\nenated word."
    assert joined_words("The proof ofthe claim is short. A hyphenated word.", reference) == (1, 9)
    assert joined_words("The proof of the claim is short. A hyphenated word.", reference) == (0, 10)
    # a picture's file name and a formula are no prose words; Korean has spaces, so Hangul joins count
    picture_and_math = "![Figure 1](a/page3-figure1.png) with $xp(x)$ and $$ab$$"
    assert joined_words(picture_and_math, "figure 1 x p a b with and") == (0, 4)
    assert joined_words("위원회는화요일에 모여", "위원회는 화요일에 모여") == (1, 2)


UNDERBRACE = r"""
\documentclass{article}
\usepackage{amsmath}
\pagestyle{empty}
\begin{document}
The sum is written out below.
\[ \underbrace{a + b + \cdots + z}_{26} = \Biggl\{ \sum_{i=1}^{n} x_i \Biggr\} \]
Then a tall brace:
\[ f(x) = \left\{ \begin{array}{ll} 1 & x > 0 \\ 0 & x = 0 \\ -1 & x < 0 \\ 2 & x \ne 0 \end{array} \right. \]
And $\overbrace{x+y}^{2}$ in text.
\end{document}
"""


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex missing: install TEST_DEBS")
def test_tex_braces_and_big_delimiters_leave_no_replacement_character(tmp_path: Path) -> None:
    (tmp_path / "braces.tex").write_text(UNDERBRACE)
    subprocess.run(
        ["pdflatex", "-interaction=nonstopmode", "braces.tex"], cwd=tmp_path, capture_output=True, check=True
    )
    result = pagemill.convert(tmp_path / "braces.pdf")
    tree = result.json()
    assert "\ufffd" not in result.markdown and "z" not in result.markdown.replace("z$", "").split("Then")[0][-40:]
    assert not any("\ue000" <= c <= "\uf8ff" for c in result.markdown)
    assert all(isinstance(page["dropped_glyphs"], int) for page in tree["pages"])
    assert markdown_problems(result.markdown) == []


def test_unmapped_characters_are_dropped_and_counted() -> None:
    from pagemill.model import BBox, Block, BlockKind, Line
    from pagemill.stages.characters import drop_unmapped

    box = BBox(0, 0, 10, 10)
    line = Line(text="a\ufffdb\uf8f1c", markdown="a\ufffdb\uf8f1c", bbox=box, size=10)
    equation = Block(BlockKind.EQUATION, 1, box, [], {"latex": "x\ufffd+y"})
    blocks = [Block(BlockKind.PARAGRAPH, 1, box, [line]), equation]
    assert drop_unmapped(blocks) == 3
    assert blocks[0].lines[0].text == "abc" and blocks[0].lines[0].markdown == "abc"
    assert equation.attrs["latex"] == "x+y"


def test_tracked_line_keeps_words_and_normal_line_keeps_spaces() -> None:
    from pagemill.model import Font, Glyph
    from pagemill.stages.lines import make_line

    fonts = [Font("Helvetica")]

    def glyphs(text: str, letter_gap: float, word_gap: float) -> list[Glyph]:
        out, x = [], 10.0
        for char in text:
            if char == " ":
                x += word_gap
                continue
            out.append(Glyph(char, x, 0.0, x + 6.0, 10.0, 10.0, 0))
            x += 6.0 + letter_gap
        return out

    tracked = make_line(glyphs("THE ORIGIN OF SPECIES", 3.5, 3.0), fonts)
    assert tracked is not None and tracked.text == "THE ORIGIN OF SPECIES"
    plain = make_line(glyphs("the origin of species", 0.0, 2.5), fonts)
    assert plain is not None and plain.text == "the origin of species"
    single = make_line(glyphs("a b c d e f g", 0.0, 3.0), fonts)
    assert single is not None and single.text == "a b c d e f g"
    # a short line is read with the letter-spacing of a tracked line of its font above it, and only
    # where its own gaps are as wide: a short line set normally keeps its word spaces
    page: dict[int, tuple[float, float]] = {}
    assert make_line(glyphs("THE ORIGIN OF", 3.5, 3.0), fonts, page) is not None
    short = make_line(glyphs("OF IT", 3.5, 3.0), fonts, page)
    assert short is not None and short.text == "OF IT"
    normal = make_line(glyphs("of it", 0.0, 2.5), fonts, page)
    assert normal is not None and normal.text == "of it"
    alone = make_line(glyphs("OF IT", 3.5, 3.0), fonts)
    assert alone is not None and alone.text == "O F I T"


def test_emphasis_glued_to_a_word_keeps_its_punctuation_outside() -> None:
    from pagemill.stages.inline import _emphasis

    assert _emphasis(".", "*", True, glued_before=True, glued_after=False) == "."
    assert _emphasis("-TEX penalties", "*", True, glued_before=True, glued_after=False) == "-*TEX penalties*"
    assert _emphasis("word.", "**", True, glued_before=False, glued_after=True) == "**word**."
    assert _emphasis("a*b", "*", True, glued_before=False, glued_after=False) == "*a\\*b*"
    assert _emphasis(", version 2.0", "**", True, glued_before=True, glued_after=False) == ", **version 2.0**"


ARABIC = "ينبغي في المستقبل توسيع شبكة المحطات لتشمل الجزر الجنوبية. أعيدت جميع الحسابات باستخدام برنامج مستقل."


def test_right_to_left_brackets_face_the_way_the_page_shows_them() -> None:
    from pagemill.model import Font, Glyph
    from pagemill.stages.lines import make_line

    def visual(text: str) -> list[Glyph]:
        """Glyphs left to right as the page shows them, a space a wider gap."""
        out, x = [], 10.0
        for char in text:
            if char != " ":
                out.append(Glyph(char, x, 0.0, x + 6.0, 10.0, 10.0, 0))
            x += 6.0 + (3.0 if char == " " else 0.5)
        return out

    fonts = [Font("DejaVuSans")]
    # WeasyPrint writes the bracket each glyph looks like: "(1):" drawn ":(1)"; Chromium writes the
    # bracket it means, drawn mirrored: ")42(" on the page's text layer is "(42)"
    weasy = make_line(visual(":(1) םולש"), fonts)
    chromium = make_line(visual(")42( םולש"), fonts)
    assert weasy is not None and weasy.text == "שלום (1):"
    assert chromium is not None and chromium.text == "שלום (42)"


def _print_rtl(tmp_path: Path, lang: str, font: str, body: str) -> Path:
    """A right-to-left HTML page printed to PDF by headless Chromium."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium missing")
    (tmp_path / "page.html").write_text(
        f"<html lang='{lang}' dir='rtl'><head><meta charset='utf-8'></head>"
        f"<body style='font-family: {font}; font-size: 13pt'>{body}</body></html>",
        encoding="utf-8",
    )
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", f"--user-data-dir={tmp_path / 'p'}",
         "--no-pdf-header-footer", "--print-to-pdf=page.pdf", "page.html"],
        cwd=tmp_path, capture_output=True, timeout=120,
    )  # fmt: skip
    return tmp_path / "page.pdf"


@pytest.mark.parametrize("font", ["DejaVu Sans", "Noto Naskh Arabic"])
def test_arabic_words_keep_their_letters_together(tmp_path: Path, font: str) -> None:
    """Chromium writes no space characters in Arabic: words from gaps alone, and none inside a word."""
    pdf = _print_rtl(tmp_path, "ar", font, f"<p>{ARABIC} {ARABIC}</p>")
    text = " ".join(pagemill.convert(pdf).markdown.split())
    # every word whole and in order: "ا لم ستقبل تو سيع" while widths came through the characters (a shaped
    # letter's width is another form's); "برنا مج" while the gap a letter that does not join the next (ا)
    # leaves inside a word counted as a word space; "ف ... ينبغ ي ي" while Noto Naskh's final yeh, lowered
    # by cursive attachment, started a line of its own
    assert text == f"{ARABIC} {ARABIC}"


def test_right_to_left_list_keeps_its_markers_and_depths(tmp_path: Path) -> None:
    """Chromium draws list markers after the text, at the items' right: each marker starts its item ("1.",
    not ".1"), and depth is measured from the right edge."""
    body = (
        "<p>רשימת המשימות של הצוות.</p><ul><li>לבדוק את נתוני התחנות</li><li>לחשב ממוצעים חודשיים"
        "<ol><li>למחוק רשומות כפולות</li><li>להוריד את הקבצים</li></ol></li><li>לשרטט את השאריות</li></ul>"
    )
    markdown = pagemill.convert(_print_rtl(tmp_path, "he", "DejaVu Sans", body)).markdown
    assert markdown.strip().splitlines() == [
        "רשימת המשימות של הצוות.",
        "",
        "- לבדוק את נתוני התחנות",
        "- לחשב ממוצעים חודשיים",
        "  1. למחוק רשומות כפולות",
        "  2. להוריד את הקבצים",
        "- לשרטט את השאריות",
    ]
