"""A page's vector drawings and images, read through pypdfium2's raw API.

Tables are drawn with rules (stroked lines or thin filled boxes), fractions
and radicals with short rules, figures with images or clusters of paths. This
module lists them, in display coordinates, for the stages in
``stages/tables/``, ``stages/math/`` and ``stages/figures.py``; and it renders
a region of a page to PNG for a figure.

Cost: one cheap type query per page object; path segments are only read for
path objects, and a page with nothing but text returns after the type scan.
"""

from __future__ import annotations

import ctypes
import struct
import zlib
from collections.abc import Callable

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from ..model import BBox, Drawing, Picture
from .radicals import radical_parts

_VOID = ctypes.c_void_p


def _prototype(function: object, restype: object, *argtypes: object) -> ctypes._CFuncPtr:  # type: ignore[name-defined]
    """A plain ``c_void_p`` prototype: skips ctypes' argument conversion on hot calls."""
    address = ctypes.cast(function, _VOID).value  # type: ignore[arg-type]
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)  # type: ignore[arg-type]


_get_type = _prototype(raw.FPDFPageObj_GetType, ctypes.c_int, _VOID)
_get_object = _prototype(raw.FPDFPage_GetObject, _VOID, _VOID, ctypes.c_int)

#: a filled box this thin (points) is a rule, not a cell background
RULE_THICKNESS = 2.5
#: paths with more segments than this are drawings (plots, logos), not rules or boxes ...
MAX_RULE_SEGMENTS = 64
#: ... unless every piece of them is a box (a table's rules drawn as one path of thin filled boxes), up to this
MAX_GRID_SEGMENTS = 1024
#: an image of this many pixels or fewer is a solid colour: a rule or a box (some producers draw rules so)
SOLID_PIXELS = 4
#: stop reading paths on pages drawn with more objects than this (maps, dense plots)
MAX_PATHS = 5000
#: a drawn radical sign (KaTeX's ``\sqrt``) has at most this many segments, its height at most this (points)
MAX_RADICAL_SEGMENTS = 160
MAX_RADICAL_HEIGHT = 200.0

ToDisplay = Callable[[float, float, float, float], tuple[float, float, float, float]]


def read_page_objects(page: pdfium.PdfPage, to_display: ToDisplay) -> tuple[list[Drawing], list[Picture]]:
    """Drawings and pictures of one page; two empty lists for a text-only page."""
    handle = ctypes.cast(page.raw, _VOID).value
    count = raw.FPDFPage_CountObjects(page.raw)
    drawings: list[Drawing] = []
    pictures: list[Picture] = []
    paths = 0
    for index in range(count):
        obj = _get_object(handle, index)
        kind = _get_type(obj)
        if kind == raw.FPDF_PAGEOBJ_TEXT or not obj:
            continue
        pointer = ctypes.cast(obj, raw.FPDF_PAGEOBJECT)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            paths += 1
            if paths <= MAX_PATHS:
                drawings.extend(_path_drawings(pointer, to_display))
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            picture = _picture(pointer, to_display)
            if 0 < picture.pixel_width * picture.pixel_height <= SOLID_PIXELS:
                # a one-pixel image stretched into a line or a box: drawn like a filled rule
                drawings.append(_classify(tuple(picture[:4]), "rect", True, False))  # type: ignore[arg-type]
            else:
                pictures.append(picture)
        elif kind in (raw.FPDF_PAGEOBJ_FORM, raw.FPDF_PAGEOBJ_SHADING):
            box = _bounds(pointer, to_display)
            if box is not None:
                drawings.append(Drawing(*box, kind="form", filled=True))
    return drawings, pictures


def _bounds(obj: object, to_display: ToDisplay) -> tuple[float, float, float, float] | None:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not raw.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in (left, bottom, right, top))):
        return None
    return to_display(left.value, bottom.value, right.value, top.value)


def _picture(obj: object, to_display: ToDisplay) -> Picture:
    box = _bounds(obj, to_display) or (0.0, 0.0, 0.0, 0.0)
    width, height = ctypes.c_uint(), ctypes.c_uint()
    if not raw.FPDFImageObj_GetImagePixelSize(obj, ctypes.byref(width), ctypes.byref(height)):
        width.value = height.value = 0
    return Picture(*box, pixel_width=width.value, pixel_height=height.value)


def _path_drawings(obj: object, to_display: ToDisplay) -> list[Drawing]:
    """One path object as rules and boxes where it is made of them, else one shape."""
    box = _bounds(obj, to_display)
    if box is None:
        return []
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill_mode), ctypes.byref(stroke))
    filled, stroked = fill_mode.value != 0, bool(stroke.value)
    if not filled and not stroked:
        return []  # a clipping path or an invisible one
    segments = raw.FPDFPath_CountSegments(obj)
    if segments <= 0 or segments > MAX_GRID_SEGMENTS:
        return [_classify(box, "shape", filled, stroked)]
    matrix = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)):
        return [_classify(box, "shape", filled, stroked)]
    subpaths = _subpaths(obj, segments)
    if subpaths is None or (segments > MAX_RULE_SEGMENTS and not all(map(_is_box, subpaths))):
        radical = _radical(obj, segments, matrix, to_display, box) if segments <= MAX_RADICAL_SEGMENTS else []
        return radical or [_classify(box, "shape", filled, stroked)]
    width = ctypes.c_float(0.0)
    raw.FPDFPageObj_GetStrokeWidth(obj, ctypes.byref(width))
    half = max(width.value, 0.0) * max(abs(matrix.a), abs(matrix.d)) / 2 if stroked else 0.0
    out = []
    for points in subpaths:
        page_points = [
            (matrix.a * x + matrix.c * y + matrix.e, matrix.b * x + matrix.d * y + matrix.f) for x, y in points
        ]
        xs = [p[0] for p in page_points]
        ys = [p[1] for p in page_points]
        shape_box = to_display(min(xs) - half, min(ys) - half, max(xs) + half, max(ys) + half)
        out.append(_classify(shape_box, "rect" if _axis_aligned(page_points) else "shape", filled, stroked))
    if any(d.kind == "shape" for d in out):  # a radical drawn with straight strokes
        return _radical(obj, segments, matrix, to_display, box) or out
    return out


def _radical(
    obj: object, segments: int, matrix: raw.FS_MATRIX, to_display: ToDisplay, box: tuple[float, ...]
) -> list[Drawing]:
    """A radical sign and its bar (``stages/math``: ``\\sqrt``) where the path draws one (``radicals.py``)."""
    height = box[3] - box[1]
    if not 3.0 <= height <= MAX_RADICAL_HEIGHT or box[2] - box[0] < 0.9 * height:
        return []  # a radical is wider than tall: its bar reaches over the radicand
    x, y = ctypes.c_float(), ctypes.c_float()
    points = []
    for index in range(segments):
        raw.FPDFPathSegment_GetPoint(raw.FPDFPath_GetPathSegment(obj, index), ctypes.byref(x), ctypes.byref(y))
        page_x = matrix.a * x.value + matrix.c * y.value + matrix.e
        page_y = matrix.b * x.value + matrix.d * y.value + matrix.f
        points.append(to_display(page_x, page_y, page_x, page_y)[:2])
    parts = radical_parts(points, _clip_box(obj, to_display))
    if parts is None:
        return []
    sign, bar = parts
    return [Drawing(*sign, kind="radical", filled=True), Drawing(*bar, kind="hline", filled=True)]


def _clip_box(obj: object, to_display: ToDisplay) -> tuple[float, float, float, float] | None:
    """The box of the object's clip path (the intersection of its paths' boxes); None when it has none."""
    clip = raw.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return None
    box: list[float] | None = None
    x, y = ctypes.c_float(), ctypes.c_float()
    for path in range(raw.FPDFClipPath_CountPaths(clip)):
        count = raw.FPDFClipPath_CountPathSegments(clip, path)
        points = []
        for index in range(max(count, 0)):
            segment = raw.FPDFClipPath_GetPathSegment(clip, path, index)
            raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
            points.append(to_display(x.value, y.value, x.value, y.value)[:2])
        if not points:
            continue
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        here = [min(xs), min(ys), max(xs), max(ys)]
        box = here if box is None else [*map(max, box[:2], here[:2]), *map(min, box[2:], here[2:])]
    return (box[0], box[1], box[2], box[3]) if box is not None else None


def _subpaths(obj: object, segments: int) -> list[list[tuple[float, float]]] | None:
    """The points of each subpath; None when a curve makes it a drawing."""
    subpaths: list[list[tuple[float, float]]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for index in range(segments):
        segment = raw.FPDFPath_GetPathSegment(obj, index)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_BEZIERTO:
            return None
        raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        if kind == raw.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([])
        subpaths[-1].append((x.value, y.value))
    return [points for points in subpaths if points]


def _is_box(points: list[tuple[float, float]]) -> bool:
    """A subpath of four corners (the first repeated or not) with axis-aligned sides."""
    return 4 <= len(points) <= 5 and _axis_aligned(points)


def _axis_aligned(points: list[tuple[float, float]]) -> bool:
    return all(abs(a[0] - b[0]) < 0.01 or abs(a[1] - b[1]) < 0.01 for a, b in zip(points, points[1:]))


def _classify(box: tuple[float, float, float, float], kind: str, filled: bool, stroked: bool) -> Drawing:
    x0, y0, x1, y1 = box
    if kind == "rect":
        if y1 - y0 <= RULE_THICKNESS and x1 - x0 > y1 - y0:
            kind = "hline"
        elif x1 - x0 <= RULE_THICKNESS and y1 - y0 > x1 - x0:
            kind = "vline"
    return Drawing(x0, y0, x1, y1, kind, filled, stroked)


# -- rendering a region ----------------------------------------------------------


def render_region(page: pdfium.PdfPage, box: BBox, dpi: float = 150.0, rotation: int | None = None) -> bytes:
    """The pixels of ``box`` (display coordinates, points) as PNG bytes.

    ``rotation``: the display's turn when it is not the page's own (the engine turned a
    page of sideways text upright); the picture is turned the same way.
    """
    scale = dpi / 72.0
    width, height = page.get_width(), page.get_height()  # as displayed: the page's /Rotate applied
    extra = (rotation - page.get_rotation()) % 360 if rotation is not None else 0
    if extra % 180:
        width, height = height, width
    crop = (max(box.x0, 0.0), max(height - box.y1, 0.0), max(width - box.x1, 0.0), max(box.y0, 0.0))
    bitmap = page.render(scale=scale, rotation=extra, crop=crop, rev_byteorder=True, may_draw_forms=False)
    try:
        return _png(bitmap)
    finally:
        bitmap.close()


def _png(bitmap: pdfium.PdfBitmap) -> bytes:
    """An RGB(A) PDFium bitmap as PNG, written with zlib alone (no imaging library)."""
    channels = bitmap.n_channels
    if channels not in (3, 4):
        raise ValueError(f"unexpected bitmap with {channels} channels")
    buffer = bytes(bitmap.buffer)
    stride, width, height = bitmap.stride, bitmap.width, bitmap.height
    row_bytes = width * channels
    rows = b"".join(b"\x00" + buffer[y * stride : y * stride + row_bytes] for y in range(height))
    colour_type = 6 if channels == 4 else 2

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b"")
