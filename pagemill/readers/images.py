"""Pictures (PNG, JPEG, TIFF with many pages or 1-bit G4, WebP, BMP, GIF) read as scanned pages.

Each picture, each frame of a multi-page TIFF, becomes one page of a PDF written to
a temporary folder, the page sized from the picture's resolution (pixels / dpi * 72
points): the pipeline then reads that PDF exactly as it reads a scan, through the
OCR step (rotation, skew, type measured, layout). Where the file gives no resolution
(or an implausible one), it is estimated: a picture shaped like a page is taken to be
a letter/A4 page; anything else a screen capture at 96 dpi. The OCR step enlarges
the rendering again when the lines of text come out too small (``needed_dpi``).

JPEG frames go into the PDF as they are (no re-encoding); others as JPEG at quality 95 (grey
when the picture is grey), as a scanner writes them: PDFium's raw bitmaps cost ~9 MB a page
in memory and ~0.3-1.2 s a page to write, JPEG ~0.5 MB and ~50 ms, and OCR reads both alike.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from typing import Any

import pypdfium2 as pdfium

from ..errors import Corrupt, ResourceLimit, TooLarge

#: a frame with more pixels than this is refused (Pillow's own bomb check starts at 2x its limit)
MAX_PIXELS = 200_000_000
#: resolutions outside this range are the file's mistake (72 dpi stamped by a camera, 1 dpi)
PLAUSIBLE_DPI = (100.0, 1200.0)
#: the longer side of a letter / A4 page, inches, and the shape of such pages (long / short side)
PAGE_LONG_INCHES = 11.3
PAGE_SHAPES = (1.2, 1.5)
SCREEN_DPI = 96.0


@contextlib.contextmanager
def images_as_pdf(path: str, max_pages: int) -> Iterator[tuple[str, dict[str, str]]]:
    """A temporary PDF with one page per frame of the picture at ``path``, and the picture's metadata."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    folder = tempfile.mkdtemp(prefix="pagemill-image-")
    # the figure stage names the pictures' folder after the PDF: scan.png -> scan_png_images/
    stem = os.path.basename(path).replace(".", "_") or "image"
    target = os.path.join(folder, stem + ".pdf")
    try:
        try:
            picture = Image.open(path)
        except Image.DecompressionBombError as exc:
            raise ResourceLimit(f"a picture too large to decode ({exc})", path) from exc
        except (UnidentifiedImageError, OSError) as exc:
            raise Corrupt(f"cannot read the picture ({exc})", path) from exc
        with picture:
            frames = getattr(picture, "n_frames", 1)
            if frames > max_pages:
                raise TooLarge(f"{frames} pages, over the limit of {max_pages}", path)
            metadata = {"format": (picture.format or "image").lower(), "frames": str(frames)}
            pdf = pdfium.PdfDocument.new()
            try:
                for frame in ImageSequence.Iterator(picture):
                    _add_page(pdf, frame, path, picture.format == "JPEG")
                pdf.save(target)
            except (OSError, ValueError, SyntaxError) as exc:
                raise Corrupt(f"cannot decode the picture ({exc})", path) from exc
            finally:
                pdf.close()
        yield target, metadata
    finally:
        with contextlib.suppress(OSError):
            os.remove(target)
        with contextlib.suppress(OSError):
            os.rmdir(folder)


def picture_dpi(frame: Any) -> tuple[float, bool]:
    """The frame's resolution and whether it came from the file (else estimated)."""
    dpi = frame.info.get("dpi")
    if dpi:
        try:
            value = float(dpi[0])
        except (TypeError, ValueError, IndexError):
            value = 0.0
        if PLAUSIBLE_DPI[0] <= value <= PLAUSIBLE_DPI[1]:
            return value, True
    long_side, short_side = max(frame.size), max(min(frame.size), 1)
    if PAGE_SHAPES[0] <= long_side / short_side <= PAGE_SHAPES[1] and long_side / PAGE_LONG_INCHES >= SCREEN_DPI:
        return long_side / PAGE_LONG_INCHES, False
    return SCREEN_DPI, False


def _add_page(pdf: pdfium.PdfDocument, frame: Any, path: str, jpeg: bool) -> None:
    import io

    width, height = frame.size
    if width * height > MAX_PIXELS:
        raise ResourceLimit(f"a picture of {width}x{height} pixels, over the limit of {MAX_PIXELS:,}", path)
    dpi, _ = picture_dpi(frame)
    page = pdf.new_page(width * 72 / dpi, height * 72 / dpi)
    image = pdfium.PdfImage.new(pdf)
    if jpeg and frame.mode in ("L", "RGB"):
        image.load_jpeg(io.BytesIO(_read(path)), inline=True)
    else:
        encoded = io.BytesIO()
        _pixels(frame).save(encoded, format="JPEG", quality=95)
        encoded.seek(0)
        image.load_jpeg(encoded, inline=True)
    image.set_matrix(pdfium.PdfMatrix().scale(width * 72 / dpi, height * 72 / dpi))
    page.insert_obj(image)
    page.gen_content()
    page.close()


def _pixels(frame: Any) -> Any:
    """The frame as grey pixels when it shows no colour (a grey scan saved as RGB), else RGB."""
    if frame.mode in ("1", "L", "LA", "I", "I;16", "F"):
        return frame.convert("L")
    rgb = frame.convert("RGB")
    red, green, blue = rgb.resize((64, 64)).split()
    if red.tobytes() == green.tobytes() == blue.tobytes():
        return rgb.convert("L")
    return rgb


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()
