"""The PDF engine makes its glyphs as tuples of their fields (engines/pdfium.py: a million a manual):
each must be the glyph the class itself makes, every field there, the ones it does not read at their defaults."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen import canvas

from pagemill.engines.pdfium import PdfiumEngine
from pagemill.model import Glyph


def test_glyphs_read_from_a_page_are_whole_glyphs(tmp_path: Path) -> None:
    pdf = tmp_path / "line.pdf"
    page = canvas.Canvas(str(pdf))
    page.setFont("Helvetica", 12)
    page.drawString(72, 720, "Office of the fifty-first station")
    page.linkURL("https://example.org", (72, 715, 200, 732))
    page.save()
    with PdfiumEngine(str(pdf)) as engine:
        glyphs = engine.read_page(0).glyphs
    assert "".join(g.text for g in glyphs).replace(" ", "") == "Officeofthefifty-firststation"
    for glyph in glyphs:
        assert len(glyph) == len(Glyph._fields)
        assert glyph == Glyph(glyph.text, glyph.x0, glyph.y0, glyph.x1, glyph.y1, glyph.size, glyph.font, glyph.link)
    assert glyphs[0].link == "https://example.org" and glyphs[0].confidence == 100.0 and not glyphs[0].underlined
