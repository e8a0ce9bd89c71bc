"""The DOCX writer with equations: displayed and inline formulas as OMML (``office_math.omml``)."""

from __future__ import annotations

from pathlib import Path

from docx.oxml import parse_xml
from docx.text.paragraph import Paragraph

from ..model import Document, Math, Para
from .docx_writer import DocxWriter, Look
from .office_math import INLINE_MATH, omml

DISPLAY = "\x00display\x00"  # a paragraph that stands for a displayed equation while the writer runs


def write_docx_math(doc: Document, look: Look, workdir: Path, path: Path) -> None:
    """Write ``doc`` with its ``Math`` blocks and ``$..$`` spans as Word equations."""
    blocks = doc.blocks
    doc.blocks = [Para(DISPLAY + b.latex) if isinstance(b, Math) else b for b in blocks]
    try:
        writer = MathDocxWriter(doc, look, workdir)
        writer.write()
        writer.docx.save(str(path))
    finally:
        doc.blocks = blocks


class MathDocxWriter(DocxWriter):
    """DocxWriter whose paragraphs take equations: a whole displayed one, or inline ones among runs."""

    def add_inline(self, paragraph: Paragraph, text: str) -> None:
        if text.startswith(DISPLAY):
            paragraph._p.append(parse_xml(omml(text[len(DISPLAY) :], display=True)))
            return
        position = 0
        for match in INLINE_MATH.finditer(text):
            if match.start() > position:
                super().add_inline(paragraph, text[position : match.start()])
            paragraph._p.append(parse_xml(omml(match.group(1), display=False)))
            position = match.end()
        if position < len(text):
            super().add_inline(paragraph, text[position:])
