"""Pixels of a page: rendering with PDFium, image objects, and straightening a scan.

OCR reads pictures, so a page is rendered at the resolution the OCR engine needs
(``OCR_DPI``), whatever the scan's own resolution, and never more than
``MAX_PIXELS`` (a poster-sized page would otherwise take gigabytes). Everything is
in display coordinates (top-left origin, the page's /Rotate applied), like glyphs.

PDFium is not thread-safe: call these from the thread that owns the document.
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as raw
from PIL import Image, ImageOps

from ..errors import ResourceLimit
from ..model import BBox

#: measured on re-scanned TeX Live manuals (tests/ocr/measure.py): tesseract's CER is the same
#: at 200 dpi as at 300 (0.80% vs 0.77% English, 3.25% vs 3.31% German) for 20% less CPU
OCR_DPI = 200
#: 300 dpi A3 is 17.4 Mpx; larger pages are rendered at a lower resolution rather than refused
MAX_PIXELS = 40_000_000
#: below this the page cannot be read at all
MIN_DPI = 50
THUMBNAIL_DPI = 36
#: a page object nested deeper than this (forms in forms) is not looked at
MAX_FORM_DEPTH = 6
MAX_OBJECTS = 20_000


@dataclass(slots=True)
class Rendering:
    """A grayscale picture of a page (or part of one) and how its pixels map to points."""

    image: Image.Image
    dpi: float
    #: display-space point of the picture's top-left pixel
    origin: tuple[float, float] = (0.0, 0.0)


def capped_dpi(width_pt: float, height_pt: float, dpi: float, max_pixels: int = MAX_PIXELS) -> float:
    """``dpi``, lowered until the page fits in ``max_pixels``.

    Only the cap can make a page unreadable: a caller may ask for a low dpi on
    purpose (a thumbnail to look for ink), and gets it.
    """
    pixels = (width_pt * dpi / 72) * (height_pt * dpi / 72)
    if pixels > max_pixels:
        dpi *= math.sqrt(max_pixels / pixels)
        if dpi < MIN_DPI:
            raise ResourceLimit(
                f"page of {width_pt:.0f}x{height_pt:.0f} pt cannot be rendered within {max_pixels} pixels"
            )
    return dpi


def render(pdf: pdfium.PdfDocument, index: int, dpi: float, region: BBox | None = None) -> Rendering:
    """Render page ``index`` (or the display-space ``region`` of it) in grayscale at ``dpi``."""
    page = pdf[index]
    try:
        width, height = page.get_size()  # as displayed: the page's /Rotate applied
        box = region or BBox(0, 0, width, height)
        dpi = capped_dpi(box.width, box.height, dpi)
        crop = (max(box.x0, 0), max(height - box.y1, 0), max(width - box.x1, 0), max(box.y0, 0))
        bitmap = page.render(scale=dpi / 72, grayscale=True, crop=crop, draw_annots=False)
        image = bitmap.to_pil().convert("L")
        bitmap.close()
        return Rendering(image, dpi, (crop[0], crop[3]))
    finally:
        page.close()


def text_layer_chars(pdf: pdfium.PdfDocument, index: int) -> int:
    """Characters in the page's text layer as PDFium counts them, upright or not, spaces included."""
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            return int(raw.FPDFText_CountChars(textpage.raw))
        finally:
            textpage.close()
    finally:
        page.close()


@dataclass(frozen=True, slots=True)
class PageImage:
    """An image object drawn on the page: where (display space) and at what resolution."""

    box: BBox
    dpi: float


def page_images(pdf: pdfium.PdfDocument, index: int) -> list[PageImage]:
    """The page's image objects (inside forms too), largest first."""
    page = pdf[index]
    try:
        rotation = page.get_rotation() % 360
        bx0, by0, bx1, by1 = page.get_bbox()  # the effective crop box, as the PDF engine uses
        found: list[tuple[BBox, int]] = []
        count = min(raw.FPDFPage_CountObjects(page.raw), MAX_OBJECTS)
        _collect_images([raw.FPDFPage_GetObject(page.raw, i) for i in range(count)], found, 0)
        images = []
        for box, pixels in found:
            shown = _to_display(box, rotation, bx0, by0, bx1, by1)
            if shown.width > 1 and shown.height > 1:
                inches = shown.width * shown.height / 72**2
                images.append(PageImage(shown, math.sqrt(pixels / inches)))
        return sorted(images, key=lambda image: -image.box.width * image.box.height)
    finally:
        page.close()


def _collect_images(objects: list[object], found: list[tuple[BBox, int]], depth: int) -> None:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    pixel_width, pixel_height = ctypes.c_uint(), ctypes.c_uint()
    for obj in objects:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            if raw.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in (left, bottom, right, top))):
                raw.FPDFImageObj_GetImagePixelSize(obj, ctypes.byref(pixel_width), ctypes.byref(pixel_height))
                box = BBox(left.value, bottom.value, right.value, top.value)
                found.append((box, pixel_width.value * pixel_height.value))
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
            count = min(raw.FPDFFormObj_CountObjects(obj), MAX_OBJECTS)
            _collect_images([raw.FPDFFormObj_GetObject(obj, i) for i in range(count)], found, depth + 1)
        if len(found) > 500:
            return


def _to_display(box: BBox, rotation: int, bx0: float, by0: float, bx1: float, by1: float) -> BBox:
    """PDF space (x0, bottom, x1, top) to display space; the same mapping as the pdfium engine."""
    left, bottom, right, top = box
    if rotation == 90:
        return BBox(bottom - by0, left - bx0, top - by0, right - bx0)
    if rotation == 180:
        return BBox(bx1 - right, bottom - by0, bx1 - left, top - by0)
    if rotation == 270:
        return BBox(by1 - top, bx1 - right, by1 - bottom, bx1 - left)
    return BBox(left - bx0, by1 - top, right - bx0, by1 - bottom)


# -- straightening ---------------------------------------------------------

#: skew is searched in this range (degrees); a scan tilted more than this is rare
MAX_SKEW = 5.0
#: a smaller tilt is left to the OCR engine
MIN_SKEW = 0.2
#: a pixel darker than this near the edge is ink that deskewing must not cut off
EDGE_INK = 100
#: rules on a scan: horizontal and vertical runs of ink at least this long (inches; letters'
#: strokes are shorter, a table's row separators and cell borders longer), at most this thick
RULE_INCHES = (0.6, 0.3)
RULE_THICKNESS_INCHES = 0.04
#: more long runs than this: a photo or a dark page, not rules
MAX_RULE_RUNS = 5000
#: horizontal rules whose ends lie within this share of their length of each other's run the same
#: columns: a table's (``underlines`` are not)
SAME_RULE_ENDS = 0.05
#: an underline has ink (its words' feet) this close above it, over this share of its length, and the
#: ink fills at most this share of the band over those columns (letters' strokes; a typed heading's:
#: 0.66 and 0.25, a bar chart's axis: 0.67 and 1.0, the bench's scanned table rules 0.18 at most).
#: Tesseract misreads a line whose descenders touch its underline, and reads a table, or a page's
#: layout, worse without its other rules
UNDERLINE_GAP_INCHES = 0.02
UNDERLINE_INKED = 0.3
UNDERLINE_FILL = 0.5
#: a rule's pixels are this many grey levels darker than the paper. A hairline (LaTeX's 0.4 pt
#: rules: a pixel or two wide at 200 dpi, greyed by the scanner's blur) is 60-110 levels
#: darker; the paper's grain and noise stay within about 30
RULE_CONTRAST = 50


def ink_mask(image: Image.Image, width: int = 600) -> np.ndarray:
    """A small boolean picture of where the ink is (dark pixels), for geometry tests."""
    scale = min(1.0, width / image.width)
    if scale < 1.0:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(size, Image.Resampling.BOX)  # area average: a third of bicubic's cost
    pixels = np.asarray(image.convert("L"), dtype=np.uint8)
    threshold = min(160, int(pixels.mean()) - 40) if pixels.size else 128
    return pixels < max(threshold, 40)


def binarized(image: Image.Image) -> Image.Image:
    """Black and white at Otsu's threshold over the whole picture (the grey level that best
    separates ink from paper)."""
    pixels = np.asarray(image.convert("L"))
    counts = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    share = counts / max(counts.sum(), 1.0)
    below = np.cumsum(share)
    mean_below = np.cumsum(share * np.arange(256))
    between = (mean_below[-1] * below - mean_below) ** 2 / (below * (1 - below) + 1e-12)
    threshold = int(np.argmax(between))
    return Image.fromarray(np.where(pixels > threshold, 255, 0).astype(np.uint8))


def ink_runs(mask: np.ndarray, least: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Horizontal runs of ink at least ``least`` pixels long: (row, first column, end column)."""
    padded = np.pad(mask, ((0, 0), (1, 1))).astype(np.int8)
    steps = np.diff(padded, axis=1)
    rows, starts = np.nonzero(steps == 1)
    _, ends = np.nonzero(steps == -1)
    long = ends - starts >= least
    return rows[long], starts[long], ends[long]


Box = tuple[int, int, int, int]


def underlines(mask: np.ndarray, rules: list[tuple[int, int, int, int, str]], dpi: float) -> list[Box]:
    """The horizontal ``rules`` (``ruled_lines``, in ``mask``'s pixels) that underline words: the feet of
    letters stand right on them (within ``UNDERLINE_GAP_INCHES`` above) over ``UNDERLINE_INKED`` of
    their length, strokes filling at most ``UNDERLINE_FILL`` of those columns (a chart's bars on its
    axis fill them all), and no other rule runs the same columns (``_lone``): a table's rules run one
    extent; the rule under a running head or above the footnotes stands apart from the text."""
    hlines = [rule[:4] for rule in rules if rule[4] == "hline"]
    band = max(2, round(UNDERLINE_GAP_INCHES * dpi))
    found = []
    for box in hlines:
        x0, y0, x1, _ = box
        above = mask[max(0, y0 - 1 - band) : max(0, y0 - 1), x0:x1]
        if not above.size:
            continue
        inked = float(above.any(axis=0).mean())
        if inked >= UNDERLINE_INKED and above.mean() <= UNDERLINE_FILL * inked and _lone(box, hlines):
            found.append(box)
    return found


def without_lines(image: Image.Image, boxes: list[Box]) -> Image.Image:
    """The picture with ``boxes`` (``underlines``) painted white, a pixel round each: an underline
    touching a heading's descenders made tesseract read "Linzensoep à la Waterman" as "Li a la
    Waterman"; without it, the line reads whole. ``image`` itself when there are none."""
    if not boxes:
        return image
    pixels = np.array(image.convert("L"))
    for x0, y0, x1, y1 in boxes:
        pixels[max(y0 - 1, 0) : y1 + 1, max(x0 - 1, 0) : x1 + 1] = 255
    return Image.fromarray(pixels)


def _lone(box: Box, hlines: list[Box]) -> bool:
    """No other horizontal rule spans the same columns (both ends within ``SAME_RULE_ENDS`` of its
    length): rules of one extent are a table's; an underline is as long as its words."""
    x0, _, x1, _ = box
    slack = SAME_RULE_ENDS * (x1 - x0)
    return not any(
        other is not box and abs(other[0] - x0) <= slack and abs(other[2] - x1) <= slack for other in hlines
    )


def rule_mask(image: Image.Image) -> np.ndarray:
    """Where a picture is darker than its paper by ``RULE_CONTRAST``: the pixels rules are looked for in.

    ``ink_mask`` keeps only the darker half of a hairline's pixels (its threshold sits near the
    middle grey a thin rule has on a blurred scan), which breaks the rule into pieces shorter than
    ``RULE_INCHES``. The paper's grey is the median of a sample of the picture (most of a page is paper).
    """
    pixels = np.asarray(image if image.mode == "L" else image.convert("L"), dtype=np.uint8)
    paper = int(np.median(pixels[::8, ::8])) if pixels.size else 255
    return pixels < max(paper - RULE_CONTRAST, 40)


def ruled_lines(mask: np.ndarray, dpi: float) -> list[tuple[int, int, int, int, str]]:
    """Straight rules drawn on a scan (table borders, separators): (x0, y0, x1, y1, kind) in pixels.

    A rule is a run of ink longer than any stroke of a letter (``RULE_INCHES``), continued
    on adjacent rows (a rule 2-3 pixels thick, or a tilt of a pixel over its length), and
    no thicker than ``RULE_THICKNESS_INCHES``: a filled box or a photo is not a rule.
    Vertical rules are found the same way in the transposed picture.
    """
    # looked for at half the resolution (2 x 2 pixels pooled): a quarter of the work, and a rule
    # one pixel thick survives the pooling
    height, width = (mask.shape[0] // 2) * 2, (mask.shape[1] // 2) * 2
    pooled = mask[0:height:2, 0:width:2] | mask[1:height:2, 0:width:2] | mask[0:height:2, 1:width:2]
    pooled |= mask[1:height:2, 1:width:2]
    found: list[tuple[int, int, int, int, str]] = []
    for kind, picture, least in (("hline", pooled, RULE_INCHES[0]), ("vline", pooled.T, RULE_INCHES[1])):
        rows, starts, ends = ink_runs(picture, round(least * dpi / 2))
        if len(rows) > MAX_RULE_RUNS:
            continue  # a photo or a dark page, not a drawing of rules
        rules: list[list[int]] = []  # [first row, last row, start, end]
        growing: list[list[int]] = []  # the rules that reached the row above: only these can go on
        for row, start, end in zip(rows.tolist(), starts.tolist(), ends.tolist()):
            growing = [r for r in growing if r[1] >= row - 1]
            rule = next((r for r in growing if start <= r[3] + 2 and end >= r[2] - 2), None)
            if rule is None:
                rule = [row, row, start, end]
                rules.append(rule)
                growing.append(rule)
            else:
                rule[1], rule[2], rule[3] = row, min(rule[2], start), max(rule[3], end)
        thickest = RULE_THICKNESS_INCHES * dpi / 2
        for first, last, start, end in rules:
            if last - first + 1 > thickest:
                continue
            box = (start, first, end, last + 1) if kind == "hline" else (first, start, last + 1, end)
            x0, y0, x1, y1 = (2 * v for v in box)
            found.append((x0, y0, x1, y1, kind))
    return found


@dataclass(frozen=True, slots=True)
class TextDirection:
    """Which way the text lines of a picture run, and how far they are tilted."""

    #: lines run top to bottom: the picture must turn a quarter (which way, OSD tells)
    sideways: bool
    #: degrees counter-clockwise that the lines rise (after a quarter turn, when sideways)
    skew: float


def text_direction(image: Image.Image) -> TextDirection:
    """Find the direction and tilt of the text lines by projection profiles.

    When the lines are level, ink rows are sharply separated from the blank rows
    between lines: the histogram of the ink's row positions is peaky. We measure
    that peakiness (sum of squared bin counts, 1.0 for evenly spread ink) over
    tilts of +-``MAX_SKEW`` degrees, for rows and for columns: whichever
    direction is peakier is the direction the lines run.
    """
    ys, xs = np.nonzero(ink_mask(image, width=800))
    if len(xs) < 200:
        return TextDirection(False, 0.0)
    if len(xs) > 60_000:
        keep = np.random.default_rng(0).choice(len(xs), 60_000, replace=False)
        xs, ys = xs[keep], ys[keep]
    across_angle, across = _best_tilt(ys.astype(np.float64), xs.astype(np.float64))
    down_angle, down = _best_tilt(xs.astype(np.float64), -ys.astype(np.float64))
    if down > 1.5 * across:
        return TextDirection(True, 0.0)
    return TextDirection(False, across_angle)


def _best_tilt(position: np.ndarray, along: np.ndarray) -> tuple[float, float]:
    along = along - along.mean()

    def peakiness(angle: float) -> float:
        shifted = position + along * math.tan(math.radians(angle))
        counts = np.bincount(np.round(shifted - shifted.min()).astype(np.int64)).astype(np.float64)
        return float(np.square(counts).sum() * len(counts) / len(position) ** 2)

    coarse = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5), key=peakiness)
    fine = max(np.arange(coarse - 0.5, coarse + 0.51, 0.1), key=peakiness)
    # position + along*tan(a) levels lines that rise by a (counter-clockwise) in y-down pixels
    return round(float(fine), 1), peakiness(fine)


def turn(image: Image.Image, quarter_turns: int) -> Image.Image:
    """The picture turned ``quarter_turns`` x 90 degrees clockwise."""
    return image.rotate(-90 * (quarter_turns % 4), expand=True) if quarter_turns % 4 else image


def deskew(image: Image.Image, skew: float) -> tuple[Image.Image, int]:
    """The picture turned back by ``skew`` degrees, and the white margin (pixels) put round it.

    Turning cuts the corners off: when there is ink that near the edge (text set to the edge
    of a tightly cropped scan), the picture is first put on a white margin wide enough to
    keep it. Otherwise it keeps its size (tesseract reads the same page differently on a
    larger canvas, a little worse on the bench's scans).
    """
    if abs(skew) < MIN_SKEW:
        return image, 0
    margin = math.ceil(max(image.size) * math.tan(math.radians(abs(skew))) / 2) + 2
    pixels = np.asarray(image)
    edges = (pixels[:margin], pixels[-margin:], pixels[:, :margin], pixels[:, -margin:])
    if min(int(edge.min()) for edge in edges) > EDGE_INK:
        margin = 0
    else:
        image = ImageOps.expand(image, margin, fill=255)
    return image.rotate(-skew, resample=Image.Resampling.BILINEAR, fillcolor=255, expand=False), margin
