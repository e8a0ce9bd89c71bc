"""The PDF engine: the only module that talks to pypdfium2.

It opens a document (with the guards that keep bad input from costing time),
and turns each page into a ``RawPage``: glyphs with Unicode, box, size and a
style index, in display coordinates (top-left origin, page rotation applied).

Speed: one call to PDFium per character is the budget that matters
(FIELD-NOTES: ~450 pages/s for text alone, ~120 with naive per-char queries).
We fetch the text of the page in one call, then per character only its loose
box and its text object; font, size and render mode are looked up once per
text object. The two hot functions get plain ``c_void_p`` prototypes, which
skips ctypes' argument conversion.
"""

from __future__ import annotations

import ctypes
import os
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from ..errors import Corrupt, Encrypted, NotAPdf, TooLarge, WrongPassword
from ..model import Font, Glyph, RawPage

_VOID = ctypes.c_void_p


def _prototype(function: object, restype: object, *argtypes: object) -> ctypes._CFuncPtr:  # type: ignore[name-defined]
    address = ctypes.cast(function, _VOID).value  # type: ignore[arg-type]
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)  # type: ignore[arg-type]


_loose_char_box = _prototype(raw.FPDFText_GetLooseCharBox, ctypes.c_int, _VOID, ctypes.c_int, _VOID)
_is_generated = _prototype(raw.FPDFText_IsGenerated, ctypes.c_int, _VOID, ctypes.c_int)
_text_object = _prototype(raw.FPDFText_GetTextObject, _VOID, _VOID, ctypes.c_int)

_BOLD_WORDS = ("bold", "black", "heavy", "semibold", "demi", "cmbx", "cmb10", "-bd", "bx1", "bx9", "bx8")
_ITALIC_WORDS = ("italic", "oblique", "cmti", "cmsl", "-it", "slanted")
_MONO_WORDS = ("mono", "courier", "cmtt", "code", "consol", "sfmtt", "txtt", "lmtt", "fixed", "menlo", "inconsolata")
_FLAG_FIXED_PITCH = 1
_FLAG_ITALIC = 64
_FLAG_FORCE_BOLD = 1 << 18
_RENDER_INVISIBLE = 3

# Characters that carry no ink and that we re-decide from geometry.
_SKIP = {"\t", "\r", "\n", "\x00", "\u200b"}
#: PDFium's mark for a hyphen it found at a line end
_PDFIUM_HYPHEN = "\ufffe"


def sniff(path: str, max_mb: float) -> None:
    """Reject what is not a PDF before any heavy work (milliseconds, reads 1 KiB)."""
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise NotAPdf(f"cannot read file ({exc.strerror})", path) from exc
    if size == 0:
        raise NotAPdf("empty file", path)
    if size > max_mb * 1024 * 1024:
        raise TooLarge(f"file is {size / 2**20:.0f} MB, over the limit of {max_mb:g} MB", path)
    with open(path, "rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        raise NotAPdf("not a PDF (no %PDF- header in the first 1024 bytes)", path)


def open_pdf(path: str, password: str | None) -> pdfium.PdfDocument:
    """Open with PDFium and turn its error codes into our typed errors."""
    try:
        return pdfium.PdfDocument(path, password=password)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            if password:
                raise WrongPassword("the password given does not open this PDF", path) from exc
            raise Encrypted("encrypted PDF: give its password with --password", path) from exc
        if code == raw.FPDF_ERR_SECURITY:
            raise Encrypted("unsupported security handler", path) from exc
        raise Corrupt(f"cannot read PDF structure ({exc})", path) from exc


@dataclass(slots=True)
class _TextObjectInfo:
    style: int
    size: float
    upright: bool


class PdfiumEngine:
    """Reads pages of one open PDF as ``RawPage``s."""

    def __init__(self, path: str, password: str | None = None, max_file_mb: float = 2_000) -> None:
        sniff(path, max_file_mb)
        self.path = path
        self.pdf = open_pdf(path, password)
        try:
            self.page_count = len(self.pdf)
        except pdfium.PdfiumError as exc:
            raise Corrupt(f"cannot count pages ({exc})", path) from exc
        self._styles: list[Font] = []
        self._style_index: dict[tuple[int, bool], int] = {}

    def close(self) -> None:
        self.pdf.close()

    def __enter__(self) -> PdfiumEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def metadata(self) -> dict[str, str]:
        try:
            return {k: v for k, v in self.pdf.get_metadata_dict(skip_empty=True).items() if isinstance(v, str)}
        except pdfium.PdfiumError:
            return {}

    def pages(self, indexes: list[int]) -> Iterator[RawPage]:
        for index in indexes:
            yield self.read_page(index)

    def read_page(self, index: int) -> RawPage:
        page = self.pdf[index]
        try:
            return self._read(page, index)
        finally:
            page.close()

    # -- internals ---------------------------------------------------------

    def _read(self, page: pdfium.PdfPage, index: int) -> RawPage:
        rotation = page.get_rotation() % 360
        bx0, by0, bx1, by1 = page.get_cropbox()
        to_display = _display_transform(rotation, bx0, by0, bx1, by1)
        width, height = (bx1 - bx0, by1 - by0) if rotation in (0, 180) else (by1 - by0, bx1 - bx0)
        links = [(to_display(*rect), uri) for rect, uri in _link_rects(self.pdf, page)]
        textpage = page.get_textpage()
        try:
            glyphs = self._glyphs(textpage, to_display, links)
        finally:
            textpage.close()
        return RawPage(index + 1, width, height, rotation, glyphs, self._styles)

    def _glyphs(self, textpage: pdfium.PdfTextPage, to_display, links) -> list[Glyph]:  # type: ignore[no-untyped-def]
        count = raw.FPDFText_CountChars(textpage.raw)
        if count <= 0:
            return []
        text = textpage.get_text_range(0, count)
        if len(text) != count:  # surrogate pairs: fall back to per-char text
            text = "".join(chr(raw.FPDFText_GetUnicode(textpage.raw, i) or 32) for i in range(count))
        handle = ctypes.cast(textpage.raw, _VOID).value
        rect = raw.FS_RECTF()
        rect_ptr = ctypes.addressof(rect)
        objects: dict[int, _TextObjectInfo] = {}
        glyphs: list[Glyph] = []
        append = glyphs.append
        for i, char in enumerate(text):
            if char in _SKIP:
                continue
            if char == " " or char == "\u00a0":
                if _is_generated(handle, i):
                    continue  # PDFium's own guess at a space; we decide spaces from geometry
                char = " "
            elif char == _PDFIUM_HYPHEN:
                char = "\u00ad"
            obj = _text_object(handle, i)
            if not obj:
                continue
            info = objects.get(obj)
            if info is None:
                info = objects[obj] = self._object_info(textpage, obj, i)
            if not info.upright:
                continue
            _loose_char_box(handle, i, rect_ptr)
            x0, y0, x1, y1 = to_display(rect.left, rect.bottom, rect.right, rect.top)
            link = _link_at(links, (x0 + x1) / 2, (y0 + y1) / 2) if links else None
            append(Glyph(char, x0, y0, x1, y1, info.size, info.style, link))
        return glyphs

    def _object_info(self, textpage: pdfium.PdfTextPage, obj: int, char_index: int) -> _TextObjectInfo:
        pointer = ctypes.cast(obj, raw.FPDF_PAGEOBJECT)
        size = raw.FPDFText_GetFontSize(textpage.raw, char_index) or 1.0
        matrix = raw.FS_MATRIX()
        upright = True
        if raw.FPDFPageObj_GetMatrix(pointer, ctypes.byref(matrix)):
            upright = abs(matrix.b) < 1e-3 * (abs(matrix.a) + 1e-9) and matrix.a > 0
        invisible = raw.FPDFTextObj_GetTextRenderMode(pointer) == _RENDER_INVISIBLE
        font = raw.FPDFTextObj_GetFont(pointer)
        font_key = ctypes.cast(font, _VOID).value or 0
        key = (font_key, invisible)
        style = self._style_index.get(key)
        if style is None:
            style = self._style_index[key] = len(self._styles)
            self._styles.append(_describe_font(font, invisible))
        return _TextObjectInfo(style, float(size), upright)


def _describe_font(font: object, invisible: bool) -> Font:
    name = ""
    flags = 0
    weight = 400
    if font:
        buffer = ctypes.create_string_buffer(256)
        length = raw.FPDFFont_GetBaseFontName(font, buffer, 256)
        name = buffer.raw[: max(length - 1, 0)].decode("utf-8", "replace")
        flags = raw.FPDFFont_GetFlags(font)
        weight = raw.FPDFFont_GetWeight(font)
    lowered = name.lower().split("+")[-1]
    bold = weight >= 600 or bool(flags & _FLAG_FORCE_BOLD) or any(w in lowered for w in _BOLD_WORDS)
    italic = bool(flags & _FLAG_ITALIC) or any(w in lowered for w in _ITALIC_WORDS)
    mono = bool(flags & _FLAG_FIXED_PITCH) or any(w in lowered for w in _MONO_WORDS)
    if lowered.startswith("cmmi") or lowered.startswith("cmsy"):
        italic = mono = False  # math fonts: not prose styling
    return Font(name, bold=bold, italic=italic, mono=mono, invisible=invisible)


def _display_transform(rotation: int, bx0: float, by0: float, bx1: float, by1: float):  # type: ignore[no-untyped-def]
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


def _link_rects(pdf: pdfium.PdfDocument, page: pdfium.PdfPage) -> list[tuple[tuple[float, float, float, float], str]]:
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


def _link_at(links, x: float, y: float) -> str | None:  # type: ignore[no-untyped-def]
    for (x0, y0, x1, y1), uri in links:
        if x0 <= x <= x1 and y0 <= y <= y1:
            return uri  # type: ignore[no-any-return]
    return None
