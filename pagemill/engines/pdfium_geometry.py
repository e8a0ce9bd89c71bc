"""Page geometry for the PDFium engine: which way a page's text reads, PDF space to display space, links.

A page whose characters mostly run sideways (a landscape table set on a portrait page) is
read in the frame where they are upright; boxes are turned from PDF space (origin bottom
left) into display space (top left, the page's rotation applied); link annotations give
each glyph under them its URI.
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from ..model import Glyph

#: a page is read turned when at least this many of its characters run sideways ...
MIN_SIDEWAYS_CHARS = 40
#: ... and they outnumber its upright characters this many times (a page number stays upright)
SIDEWAYS_SHARE = 3


def turn_to_read(glyphs: list[Glyph], sideways: dict[int, int]) -> int:
    """The quarter turn that makes a page of sideways text upright (a landscape table on a portrait page); 0: none.

    Most of the page's characters must run the same way: a vertical stamp in a margin
    (an arXiv identifier) or a rotated axis label leaves the page as it is.
    """
    if not sideways:
        return 0
    turn, count = max(sideways.items(), key=lambda item: item[1])
    upright = sum(1 for g in glyphs if g.text != " ")
    return turn if count >= MIN_SIDEWAYS_CHARS and count >= SIDEWAYS_SHARE * upright else 0


def turn_upright(a: float, b: float, rotation: int) -> int:
    """The quarter turn (degrees) on top of ``rotation`` that makes text along (a, b) read left to right; 0: none."""
    return next((t for t in (90, 180, 270) if reads_left_to_right(a, b, (rotation + t) % 360)), 0)


def reads_left_to_right(a: float, b: float, rotation: int) -> bool:
    """Whether text whose baseline runs along PDF vector (a, b) reads left to right once displayed.

    Text drawn sideways in the PDF is upright on a page with /Rotate 90, and the
    other way round: the direction is judged after the page's rotation. Sideways
    text on the displayed page (a vertical arXiv stamp) is left out.
    """
    dx, dy = {0: (a, -b), 90: (b, a), 180: (-a, b), 270: (-b, -a)}.get(rotation, (a, -b))
    return dx > 0 and abs(dy) < 1e-3 * dx


def display_transform(rotation: int, bx0: float, by0: float, bx1: float, by1: float):  # type: ignore[no-untyped-def]
    """Map a PDF-space box (origin bottom-left) to display space (top-left, rotated)."""

    def transform(left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        if rotation == 90:
            return bottom - by0, left - bx0, top - by0, right - bx0
        if rotation == 180:
            return bx1 - right, bottom - by0, bx1 - left, top - by0
        if rotation == 270:
            return by1 - top, bx1 - right, by1 - bottom, bx1 - left
        return left - bx0, by1 - top, right - bx0, by1 - bottom

    return transform


def link_rects(pdf: pdfium.PdfDocument, page: pdfium.PdfPage) -> list[tuple[tuple[float, float, float, float], str]]:
    """URI link annotations of the page as (PDF-space rect, uri)."""
    found: list[tuple[tuple[float, float, float, float], str]] = []
    position = ctypes.c_int(0)
    link = raw.FPDF_LINK()
    while raw.FPDFLink_Enumerate(page.raw, ctypes.byref(position), ctypes.byref(link)):
        action = raw.FPDFLink_GetAction(link)
        if not action or raw.FPDFAction_GetType(action) != raw.PDFACTION_URI:
            continue
        length = raw.FPDFAction_GetURIPath(pdf.raw, action, None, 0)
        if length <= 1 or length > 4096:
            continue
        buffer = ctypes.create_string_buffer(length)
        raw.FPDFAction_GetURIPath(pdf.raw, action, buffer, length)
        uri = buffer.raw[: length - 1].decode("utf-8", "replace")
        rect = raw.FS_RECTF()
        if raw.FPDFLink_GetAnnotRect(link, ctypes.byref(rect)):
            found.append(((rect.left, rect.bottom, rect.right, rect.top), uri))
        if len(found) > 2000:
            break
    return found


def link_at(links, x: float, y: float) -> str | None:  # type: ignore[no-untyped-def]
    for (x0, y0, x1, y1), uri in links:
        if x0 <= x <= x1 and y0 <= y <= y1:
            return uri  # type: ignore[no-any-return]
    return None
