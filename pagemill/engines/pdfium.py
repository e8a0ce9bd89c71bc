"""The PDF engine: the only module that talks to pypdfium2.

It opens a document (with the guards that keep bad input from costing time),
and turns each page into a ``RawPage``: glyphs with Unicode, box, size and a
style index, in display coordinates (top-left origin, page rotation applied).

Speed: one call to PDFium per character is the budget that matters
(FIELD-NOTES: ~450 pages/s for text alone, ~120 with naive per-char queries).
We fetch the text of the page in one call, then per character only its loose
box and its text object; font, size and render mode are looked up once per
text object. The hot functions get plain ``c_void_p`` prototypes, which
skips ctypes' argument conversion.

Horizontal extent is the glyph's advance (origin to origin + advance width),
not its ink: PDFium's loose box is the union of the two, and an italic or
overhanging ``f`` reaches into the gap after it ("ofthe"). The advance width
comes from the font, cached per (font, character); only a glyph whose loose
box differs from its advance (an overhang, a few in a hundred) costs one more
call for its origin.

Sideways text (not reading left to right once the page's /Rotate is applied) is left
out, counted by the quarter turn that would set it upright; a page whose text runs
mostly one such way (a landscape table printed on a portrait page) is read a second
time in that turned frame (``RawPage.turned``): only such pages pay the second pass.

A font's style from its name and flags is ``pdfium_fonts.py``; which way text reads, the
display transform and link annotations are ``pdfium_geometry.py``.
"""

from __future__ import annotations

import ctypes
import dataclasses
import math
import os
from collections.abc import Iterator
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from ..errors import Corrupt, Encrypted, NotAPdf, TooLarge, WrongPassword
from ..model import Font, Glyph, RawPage
from .overhangs import trim_overhangs
from .pdf_objects import read_page_objects
from .pdfium_fonts import describe_font
from .pdfium_geometry import (
    display_transform,
    link_at,
    link_rects,
    reads_left_to_right,
    turn_to_read,
    turn_upright,
)
from .sideways import sideways_lines

_VOID = ctypes.c_void_p


def _prototype(function: object, restype: object, *argtypes: object) -> ctypes._CFuncPtr:  # type: ignore[name-defined]
    address = ctypes.cast(function, _VOID).value  # type: ignore[arg-type]
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)  # type: ignore[arg-type]


_loose_char_box = _prototype(raw.FPDFText_GetLooseCharBox, ctypes.c_int, _VOID, ctypes.c_int, _VOID)
_is_generated = _prototype(raw.FPDFText_IsGenerated, ctypes.c_int, _VOID, ctypes.c_int)
_text_object = _prototype(raw.FPDFText_GetTextObject, _VOID, _VOID, ctypes.c_int)
_DOUBLE_P = ctypes.POINTER(ctypes.c_double)
# once per text object (a word, in pdfTeX's output): plain prototypes here too
_font_size = _prototype(raw.FPDFText_GetFontSize, ctypes.c_double, _VOID, ctypes.c_int)
_object_matrix = _prototype(raw.FPDFPageObj_GetMatrix, ctypes.c_int, _VOID, _VOID)
_render_mode = _prototype(raw.FPDFTextObj_GetTextRenderMode, ctypes.c_int, _VOID)
_object_font = _prototype(raw.FPDFTextObj_GetFont, _VOID, _VOID)
_char_box = _prototype(raw.FPDFText_GetCharBox, ctypes.c_int, _VOID, ctypes.c_int, *[_DOUBLE_P] * 4)
_char_origin = _prototype(raw.FPDFText_GetCharOrigin, ctypes.c_int, _VOID, ctypes.c_int, _DOUBLE_P, _DOUBLE_P)


class _CharProbe:
    """A character's ink box and origin (FPDFText_GetCharBox, GetCharOrigin), their out-parameters made once.

    Asked for a glyph in a few (an overhang, a deep font's box): building six ctypes doubles
    and their references per call cost more than the calls. One per engine (PDFium is used by
    one thread at a time per document).
    """

    def __init__(self) -> None:
        self._values = [ctypes.c_double() for _ in range(6)]
        self._refs = [ctypes.byref(value) for value in self._values]

    def ink(self, handle: int, i: int) -> tuple[float, float, float, float] | None:
        """(left, right, bottom, top) in PDF space; None where PDFium has no box."""
        r, v = self._refs, self._values
        if not _char_box(handle, i, r[0], r[1], r[2], r[3]):
            return None
        return v[0].value, v[1].value, v[2].value, v[3].value

    def origin(self, handle: int, i: int) -> tuple[float, float] | None:
        r, v = self._refs, self._values
        if not _char_origin(handle, i, r[4], r[5]):
            return None
        return v[4].value, v[5].value


#: a glyph is made as a tuple of its fields, not through the class's Python-level ``__new__``: 0.14 against
#: 0.45 us, a million times on a 600-page manual. The fields after ``link`` (confidence, underlined) take
#: their defaults; a test checks the glyphs against ones the class makes
_new = tuple.__new__
_SURE = Glyph._field_defaults["confidence"]
#: the loose box is taken as the advance when their widths agree this closely (em)
_ADVANCE_SLACK_EM = 0.01
#: a font descriptor's descent deeper than this (em) is its bounding box's bottom, not where letters descend
#: (Ghostscript writes CMSY's -0.96 and CMEX's -2.36): such a font's loose boxes reach far below their glyphs
_DEEPEST_DESCENT = -0.65
#: ... and the descent taken for it instead (a text face's, Computer Modern's 0.194 rounded up)
_TEXT_DESCENT = -0.25

_RENDER_INVISIBLE = 3
#: text filled and stroked in one colour: a font without a bold face made bold (LibreOffice and Word
#: embolden a CJK font this way; the font's own name and weight say regular)
_RENDER_FILL_STROKE = 2
#: PDFium keeps every parsed object of an open document: reopening it every this many
#: pages keeps memory flat in document length (a reopen costs ~1 ms; measured: +10 MB over
#: 1,000 pages at 25, +12 MB at 100, +20 MB never)
REOPEN_EVERY = 25

# Characters that carry no ink and that we re-decide from geometry.
_SKIP = {"\t", "\r", "\n", "\x00", "\u200b"}
# ... and variation selectors, which some math fonts' ToUnicode maps add to a big variant (``∏︁``, ``{︃``)
_SKIP |= {chr(code) for code in range(0xFE00, 0xFE10)}
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
    #: the quarter turn (degrees) that would make sideways text read left to right (0: upright or none)
    turn: int = 0
    #: the font's handle (0: none), its advance widths at size 1 by character (None: not measured),
    #: the displayed width of one unit of advance, and how far a loose box may differ from it
    font: int = 0
    widths: dict[str, float] | None = None
    scale: float = 0.0
    slack: float = 0.0
    #: the font's descent is its bounding box's (``_DEEPEST_DESCENT``): cut each loose box to the glyph
    deep: bool = False
    #: widths of loose boxes found to be the advance where the font's width was not (ink inside the box)
    loose: dict[str, float] = field(default_factory=dict)


class PdfiumEngine:
    """Reads pages of one open PDF as ``RawPage``s."""

    def __init__(self, path: str, password: str | None = None, max_file_mb: float = 2_000, links: bool = True) -> None:
        sniff(path, max_file_mb)
        self.path = path
        self._password = password
        self._links = links
        self._pages_read = 0
        self._probe = _CharProbe()
        self._rotation = 0
        #: sideways characters skipped on the page being read, by the turn that would make them upright
        self._sideways: dict[int, int] = {}
        #: characters set at a quarter turn on the page being read: index, text, size, style (engines/sideways.py)
        self._sideways_chars: list[tuple[int, str, float, int]] = []
        self.pdf = open_pdf(path, password)
        try:
            self.page_count = len(self.pdf)
        except pdfium.PdfiumError as exc:
            raise Corrupt(f"cannot count pages ({exc})", path) from exc
        self._styles: list[Font] = []
        self._style_index: dict[tuple[int, bool, bool], int] = {}
        self._index_of_font: dict[Font, int] = {}
        #: font handles whose descent is their bounding box's (``_DEEPEST_DESCENT``); valid while the document is open
        self._deep_fonts: dict[int, bool] = {}
        #: advance widths at size 1 per font handle, by character; valid while the document is open
        self._advances: dict[int, dict[str, float]] = {}
        self._loose: dict[int, dict[str, float]] = {}
        #: how far glyphs' ink overhangs their advance, in em, by (style, character): engines/overhangs.py
        self._overhangs: dict[tuple[int, str], list[float]] = {}

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
        self._pages_read += 1
        if self._pages_read % REOPEN_EVERY == 0:
            self._reopen()
        page = self.pdf[index]
        try:
            return self._read(page, index)
        finally:
            page.close()

    # -- internals ---------------------------------------------------------

    def _reopen(self) -> None:
        """Drop PDFium's per-document caches, which otherwise grow with every page read."""
        self.pdf.close()
        self.pdf = open_pdf(self.path, self._password)
        self._style_index.clear()  # font handles are only valid within one open document
        self._deep_fonts.clear()
        self._advances.clear()
        self._loose.clear()

    def _read(self, page: pdfium.PdfPage, index: int) -> RawPage:
        rotation = page.get_rotation() % 360
        bx0, by0, bx1, by1 = page.get_bbox()  # the effective crop box, inherited boxes resolved
        textpage = page.get_textpage()
        try:
            glyphs, to_display = self._glyphs_turned(page, textpage, rotation)
            turn = turn_to_read(glyphs, self._sideways)
            if turn:  # the page's text runs sideways (a landscape table): read it in the frame where it is upright
                rotation = (rotation + turn) % 360
                glyphs, to_display = self._glyphs_turned(page, textpage, rotation)
            sideways = self._sideways_boxed(textpage, to_display) if self._sideways_chars else []
        finally:
            textpage.close()
        width, height = (bx1 - bx0, by1 - by0) if rotation in (0, 180) else (by1 - by0, bx1 - bx0)
        drawings, pictures = read_page_objects(page, to_display)
        return RawPage(
            index + 1,
            width,
            height,
            rotation,
            glyphs,
            self._styles,
            drawings=drawings,
            pictures=pictures,
            turned=turn,
            sideways=sideways,
        )

    def _glyphs_turned(self, page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, rotation: int):  # type: ignore[no-untyped-def]
        """The page's upright glyphs as displayed turned by ``rotation``, and that display transform."""
        to_display = display_transform(rotation, *page.get_bbox())
        links = [(to_display(*rect), uri) for rect, uri in link_rects(self.pdf, page)] if self._links else []
        self._rotation = rotation
        self._sideways = {}
        self._sideways_chars = []
        return self._glyphs(textpage, to_display, links), to_display

    def _sideways_boxed(self, textpage: pdfium.PdfTextPage, to_display) -> list[Glyph]:  # type: ignore[no-untyped-def]
        """The sideways characters of the final frame with their displayed boxes, as lines (one box query each)."""
        handle = ctypes.cast(textpage.raw, _VOID).value or 0
        rect = raw.FS_RECTF()
        rect_ptr = ctypes.addressof(rect)
        chars = []
        for i, char, size, style in self._sideways_chars:
            _loose_char_box(handle, i, rect_ptr)
            x0, y0, x1, y1 = to_display(rect.left, rect.bottom, rect.right, rect.top)
            chars.append(Glyph(char, x0, y0, x1, y1, size, style))
        return sideways_lines(chars)

    def _glyphs(self, textpage: pdfium.PdfTextPage, to_display, links) -> list[Glyph]:  # type: ignore[no-untyped-def]
        count = raw.FPDFText_CountChars(textpage.raw)
        if count <= 0:
            return []
        text = textpage.get_text_range(0, count)
        if len(text) != count:  # surrogate pairs: fall back to per-char text
            text = "".join(chr(raw.FPDFText_GetUnicode(textpage.raw, i) or 32) for i in range(count))
        handle = ctypes.cast(textpage.raw, _VOID).value or 0
        rect = raw.FS_RECTF()
        rect_ptr = ctypes.addressof(rect)
        objects: dict[int, _TextObjectInfo] = {}
        last_left = last_right = last_bottom = math.nan
        glyphs: list[Glyph] = []
        ink_ended: list[int] = []  # glyphs whose right edge is their ink: engines/overhangs.py
        append = glyphs.append
        for i, char in enumerate(text):
            if not "!" <= char <= "~":  # printable ASCII needs no look: most characters
                if char in _SKIP:
                    continue
                if char == " " or char == "\u00a0":
                    if _is_generated(handle, i):
                        continue  # PDFium's own guess at a space; we decide spaces from geometry
                    char = " "
                elif char == _PDFIUM_HYPHEN:
                    char = "\u00ad"
                elif "\ud800" <= char <= "\udfff":
                    char = _surrogate_pair(text, i)
                    if not char:
                        continue
            obj = _text_object(handle, i)
            if not obj:
                continue
            info = objects.get(obj)
            if info is None:
                info = objects[obj] = self._object_info(textpage, obj, i)
            if not info.upright:
                if info.turn and char != " ":
                    self._sideways[info.turn] = self._sideways.get(info.turn, 0) + 1
                if info.turn in (90, 270):
                    self._sideways_chars.append((i, char, info.size, info.style))  # boxed once the frame is final
                continue
            _loose_char_box(handle, i, rect_ptr)
            left, bottom, right = rect.left, rect.bottom, rect.right
            x0, y0, x1, y1 = to_display(left, bottom, right, rect.top)
            if left == last_left and right == last_right and bottom == last_bottom and glyphs:
                # one glyph, several characters (a ligature 'ff'): they share its box; the ligature's
                # advance is about its letters' advances together, and no more than its loose box
                previous = glyphs[-1]
                x0 = previous.x0
                width = info.widths.get(char) if info.widths is not None else None
                if width is None and info.widths is not None:
                    width = self._advance(info, char)
                if width and previous.x1 + width * info.scale < x1:
                    x1 = previous.x1 + width * info.scale
                glyphs[-1] = previous._replace(x1=x1)
            elif info.widths is not None:
                width = info.widths.get(char)
                if width is None:
                    width = self._advance(info, char)
                advance = width * info.scale
                if advance and abs(x1 - x0 - advance) > info.slack:
                    known = info.loose.get(char)  # a loose box this wide already found to be the advance
                    if known is None or abs(x1 - x0 - known * info.scale) > info.slack:
                        box = self._advance_box(handle, i, to_display, x0, x1, advance, info.slack)
                        if box is None:  # the loose box is the advance: the next one this wide needs no measuring
                            info.loose[char] = (x1 - x0) / info.scale
                        else:
                            x0, x1, ink_end = box
                            if ink_end:
                                ink_ended.append(len(glyphs))
            last_left, last_right, last_bottom = left, right, bottom
            if info.deep:
                y1 = _cut_to_text_descent(self._probe, handle, i, to_display, y1, info.size)
            link = link_at(links, (x0 + x1) / 2, (y0 + y1) / 2) if links else None
            append(_new(Glyph, (char, x0, y0, x1, y1, info.size, info.style, link, _SURE, False)))
        if ink_ended:
            trim_overhangs(glyphs, ink_ended, self._overhangs)
        return glyphs

    def _object_info(self, textpage: pdfium.PdfTextPage, obj: int, char_index: int) -> _TextObjectInfo:
        handle = ctypes.cast(textpage.raw, _VOID).value
        size = _font_size(handle, char_index) or 1.0
        matrix = raw.FS_MATRIX()
        upright = True
        turn = 0
        scale = 0.0
        if _object_matrix(obj, ctypes.addressof(matrix)):
            upright = reads_left_to_right(matrix.a, matrix.b, self._rotation)
            if not upright:
                turn = turn_upright(matrix.a, matrix.b, self._rotation)
            scale = size * math.hypot(matrix.a, matrix.b)  # one unit of advance along the baseline
            # dvips/ps2pdf set text at size 1 and scale it with the matrix: the size drawn is both
            size *= math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c)) or 1.0
        mode = _render_mode(obj)
        invisible = mode == _RENDER_INVISIBLE
        emboldened = mode == _RENDER_FILL_STROKE
        font_key = _object_font(obj) or 0
        key = (font_key, invisible, emboldened)
        style = self._style_index.get(key)
        if style is None:
            described = describe_font(ctypes.cast(font_key, raw.FPDF_FONT) if font_key else None, invisible, emboldened)
            self._deep_fonts[font_key] = described.descent < _DEEPEST_DESCENT
            if described.descent < _DEEPEST_DESCENT:
                described = dataclasses.replace(described, descent=_TEXT_DESCENT)
            if raw.FPDFText_HasUnicodeMapError(textpage.raw, char_index) == 1:
                described = dataclasses.replace(described, unmapped=True)
            style = self._style_index[key] = self._style_of(described)
        # a font without Unicode (CMEX) has its widths looked up through a Unicode it lacks: they are wrong
        measured = font_key and scale and not self._styles[style].unmapped
        widths = self._advances.setdefault(font_key, {}) if measured else None
        deep = self._deep_fonts.get(font_key, False)
        slack = _ADVANCE_SLACK_EM * size
        loose = self._loose.setdefault(font_key, {})
        return _TextObjectInfo(style, float(size), upright, turn, font_key, widths, scale, slack, deep, loose)

    def _advance_box(self, handle: int, i: int, to_display, x0: float, x1: float, advance: float, slack: float):  # type: ignore[no-untyped-def]
        """Where a glyph whose loose box is not its advance starts and ends (an overhang, or a width misread).

        The third value says the end is the ink's, the advance unknown (engines/overhangs.py). None: the
        ink is inside the loose box, which is then the advance itself (the width read from the font was
        wrong; in babel.pdf's Latin Modern one glyph in six): the caller keeps the box and remembers its width.

        The loose box is the union of the ink box and the advance box: a side where the
        ink stays inside is the advance's own; a side the ink reaches is measured from
        the origin (and, on the right, the font's advance width).
        """
        left, right, bottom, top = self._probe.ink(handle, i) or (0.0, 0.0, 0.0, 0.0)
        ink_x0, _, ink_x1, _ = to_display(left, bottom, right, top)
        if ink_x0 > x0 + slack and ink_x1 < x1 - slack:
            return None
        x, y = self._probe.origin(handle, i) or (0.0, 0.0)
        start = to_display(x, y, x, y)[0]
        if not x0 - slack <= start <= x1 + slack:
            return x0, x1, False
        if ink_x1 < x1 - slack:
            return start, x1, False
        # the ink ends the box: the advance ends before, where the font's width says if that fits
        return start, min(x1, start + advance), start + advance >= x1 - slack

    def _advance(self, info: _TextObjectInfo, char: str) -> float:
        """The advance width of ``char`` in ``info``'s font at size 1 (0.0: unknown), looked up once per font."""
        found = ctypes.c_float(0.0)
        font = ctypes.cast(info.font, raw.FPDF_FONT)
        one = ctypes.c_float(1.0)
        # a shaped script has several glyphs per character (Arabic's initial, medial, final forms): the width
        # looked up through the character is one of them, often not the one drawn, so its advance is unknown
        ok = len(char) == 1 and not _shaped(char)
        ok = ok and raw.FPDFFont_GetGlyphWidth(font, ord(char), one, ctypes.byref(found))
        width = float(found.value) if ok and found.value > 0 else 0.0
        if info.widths is not None:
            info.widths[char] = width
        return width

    def _style_of(self, font: Font) -> int:
        """The index of ``font`` in the style table, added once however often the document is reopened."""
        index = self._index_of_font.get(font)
        if index is None:
            index = self._index_of_font[font] = len(self._styles)
            self._styles.append(font)
        return index


def _cut_to_text_descent(probe: _CharProbe, handle: int, i: int, to_display, bottom: float, size: float) -> float:  # type: ignore[no-untyped-def]
    """The bottom of a glyph's box whose font's descent is its bounding box's: its ink's, or a text descent.

    PDFium's loose box reaches the font descriptor's descent below the baseline; where that is the font's
    bounding box (Ghostscript's CMSY: 0.96 em, CMEX: 2.36 em), a minus sign's box would hang an em below
    its line. The box ends at the glyph's ink or at a text face's descent under its origin, whichever is lower.
    """
    box = probe.ink(handle, i)
    if box is None:
        return bottom
    at = probe.origin(handle, i)
    if at is None:
        return bottom
    ink = to_display(box[0], box[2], box[1], box[3])
    origin = to_display(at[0], at[1], at[0], at[1])
    return min(bottom, max(ink[3], origin[3] - _TEXT_DESCENT * size))


def _shaped(char: str) -> bool:
    """A character of a script drawn in contextual forms: Arabic, Syriac, Thaana, N'Ko and their presentation
    forms, the Indic scripts, Tibetan and Myanmar."""
    code = ord(char)
    return 0x0600 <= code <= 0x08FF or 0x0900 <= code <= 0x0DFF or 0x0F00 <= code <= 0x109F or 0xFB50 <= code <= 0xFEFF


def _surrogate_pair(text: str, i: int) -> str:
    """PDFium counts UTF-16 units: join a high surrogate with the low one after it.

    The low half returns "" (already joined); a lone half becomes U+FFFD.
    """
    char = text[i]
    if char <= "\udbff" and i + 1 < len(text) and "\udc00" <= text[i + 1] <= "\udfff":
        return (char + text[i + 1]).encode("utf-16", "surrogatepass").decode("utf-16")
    if char >= "\udc00" and i > 0 and "\ud800" <= text[i - 1] <= "\udbff":
        return ""
    return "\ufffd"
