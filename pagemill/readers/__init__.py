"""Readers: one per kind of input, chosen from the file's bytes by ``sniff``.

    pdf       engines/pdfium.py, then every stage of pipeline.py
    image     images.py: each picture (each frame of a TIFF) a page of a PDF made in
              a temporary folder, read by the OCR path like a scanned PDF page
    docx      docx.py       headings, lists, tables, notes, equations from the XML
    odt       odt.py        the same from OpenDocument's XML
    pptx      pptx.py       one page per slide, title as heading, notes as furniture
    xlsx/csv  sheets.py     one page per sheet, each a table (size capped)
    html      html.py       main content, headings, lists, tables, code, MathML
    mhtml     html.py       the HTML part of a saved web page
    epub      epub.py       one page per chapter in spine order, through html.py

The native readers (all but pdf and image) build the ``Document`` of blocks
themselves (native.py) and skip the geometry stages: their structure is exact.
Zip packages and XML are opened with limits (safezip.py).
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Document
from ..options import Options
from .sniff import EXTENSIONS, Kind, sniff

NativeReader = Callable[[str, Options], Document]


def native_reader(kind: Kind) -> NativeReader | None:
    """The reader of a structured format; None for PDF and images (they go through the page stages)."""
    if kind == "docx":
        from .docx import read_docx

        return read_docx
    if kind == "odt":
        from .odt import read_odt

        return read_odt
    if kind == "pptx":
        from .pptx import read_pptx

        return read_pptx
    if kind == "xlsx":
        from .sheets import read_xlsx

        return read_xlsx
    if kind == "csv":
        from .sheets import read_csv

        return read_csv
    if kind in ("html", "mhtml"):
        from .html import read_html, read_mhtml

        return read_html if kind == "html" else read_mhtml
    if kind == "epub":
        from .epub import read_epub

        return read_epub
    return None


__all__ = ["EXTENSIONS", "Kind", "NativeReader", "native_reader", "sniff"]
