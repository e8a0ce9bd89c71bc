"""Numbering in any script (issue 12): no stage may raise on a number it does not know."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

import pagemill
from pagemill import pipeline
from pagemill.model import Block, BlockKind, Document
from pagemill.render.markdown import render_block
from pagemill.stages.blocks import list_marker
from pagemill.stages.furniture import _folio
from pagemill.stages.numbering import number_value

WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("②", 2), ("⑳", 20), ("⑴", 1), ("⒊", 3), ("❸", 3), ("٣", 3), ("۴", 4), ("३", 3), ("１２", 12),
        ("三", 3), ("十二", 12), ("二十一", 21), ("一百零五", 105), ("二〇二四", 2024),
        ("iv", 4), ("XII", 12), ("b", 2), ("12", 12),
        ("", None), ("²", None), ("abc", None), ("3.", None), ("ⓐ", None),
    ],
)  # fmt: skip
def test_numbers_in_any_script(token: str, value: int | None) -> None:
    assert number_value(token) == value


def test_list_markers_in_any_script() -> None:
    assert list_marker("② 第二项内容") == "②"
    assert list_marker("①第一项") == "①"
    assert list_marker("٣. البند الثالث") == "٣."
    assert list_marker("３．全角数字") == "３．"
    assert list_marker("三、总则") == "三、"
    assert list_marker("（二）适用范围") == "（二）"
    assert list_marker("一个人走在路上") is None


def test_page_numbers_that_int_cannot_read_do_not_raise() -> None:
    assert _folio("② 第二章 方法") is None  # "②".isdigit() is true, and int("②") raises
    assert _folio("٣ الفصل الثالث") == 3
    assert _folio("ii PREFACE") == 2


def test_markdown_keeps_a_marker_it_cannot_number() -> None:
    def item(marker: str) -> str:
        return render_block(Block(BlockKind.LIST_ITEM, 1, pagemill.model.BBox(0, 0, 1, 1), [], {"marker": marker}))

    assert item("3.").startswith("3.")
    assert item("٣.").startswith("- ٣.")


def test_numbered_cjk_and_arabic_indic_lists_convert(tmp_path: Path) -> None:
    pdf = FPDF(unit="pt", format=(420, 595))
    pdf.add_font("cjk", fname=WQY)
    pdf.add_font("sans", fname=DEJAVU)
    for number in range(3):
        pdf.add_page()
        pdf.set_font("cjk", size=9)
        pdf.set_xy(50, 30)
        pdf.cell(0, 12, f"{'①②③'[number]} 第二章 方法")  # a running head starting with a circled number
        pdf.set_font("cjk", size=11)
        pdf.set_xy(50, 80)
        for line in ("① 第一项内容写在这里", "② 第二项内容写在这里", "三、总则部分的说明"):
            pdf.cell(0, 18, line, new_x="LMARGIN", new_y="NEXT")
            pdf.set_x(50)
        pdf.set_font("sans", size=11)
        pdf.set_x(50)
        pdf.cell(0, 18, "١. البند الأول", new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(50)
        pdf.cell(0, 18, f"Page {number + 1}")
    path = tmp_path / "numbers.pdf"
    pdf.output(str(path))
    result = pagemill.convert(path)
    assert result.status == "ok", result.errors
    markers = [b.attrs.get("marker") for b in result.document.blocks() if b.kind is BlockKind.LIST_ITEM]
    assert "①" in markers and "②" in markers and "三、" in markers


def test_a_document_stage_that_raises_is_reported_not_fatal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def trips(document: Document) -> None:
        raise ValueError("invalid literal for int() with base 10: '②'")

    monkeypatch.setattr(pipeline, "DOCUMENT_STAGES", (trips, *pipeline.DOCUMENT_STAGES))
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "One page of ordinary text that converts.")
    path = tmp_path / "one.pdf"
    pdf.output(str(path))
    result = pagemill.convert(path)
    assert result.status == "partial"
    assert result.errors == ["trips: ValueError: invalid literal for int() with base 10: '②'"]
    assert "One page of ordinary text" in result.markdown
