"""``pagemill debug FILE -o DIR``: each page as a PNG with the detected blocks drawn over it.

The drawing says what the pipeline decided: a box per block coloured by kind, its
number in reading order, furniture (running headers, page numbers) greyed out, and
a magenta frame around pages whose text came from OCR. The web viewer draws the
same picture in the browser, with the same colours (``KIND_COLOURS``). Regions of a
page read by OCR (pictures of text on a page with a text layer) get a magenta box.
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import PagemillError

#: one colour per block kind, shared with the web viewer
KIND_COLOURS: dict[str, str] = {
    "heading": "#d62728",
    "paragraph": "#1f77b4",
    "list_item": "#2ca02c",
    "code": "#9467bd",
    "table": "#ff7f0e",
    "equation": "#17becf",
    "figure": "#8c564b",
    "caption": "#bcbd22",
    "footnote": "#e377c2",
    "page_header": "#7f7f7f",
    "page_footer": "#7f7f7f",
}
FURNITURE_COLOUR = "#9a9a9a"
OCR_COLOUR = "#ff00ff"
#: most pixels one rendered page may have (a 4x render of an A0 page would be ~600 MB)
MAX_PIXELS = 40_000_000

# PDFium is not thread-safe: the server renders pages from a thread pool.
_PDFIUM = threading.Lock()


def render_page(
    pdf_path: Path, number: int, scale: float, password: str | None = None, rotation: int | None = None
) -> Any:
    """Page ``number`` (1-based) as a Pillow RGB image, rotation applied like the block boxes.

    ``rotation``: the page's turn in the JSON, where the engine turned a page of sideways text upright.
    """
    import pypdfium2 as pdfium

    with _PDFIUM:
        document = pdfium.PdfDocument(str(pdf_path), password=password)
        try:
            if not 1 <= number <= len(document):
                raise IndexError(f"no page {number}")
            page = document[number - 1]
            width, height = page.get_size()
            scale = min(scale, (MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
            extra = (rotation - page.get_rotation()) % 360 if rotation is not None else 0
            bitmap = page.render(scale=scale, rotation=extra)
            image = bitmap.to_pil().convert("RGB")
            page.close()
        finally:
            document.close()
    return image


def render_picture(path: Path, number: int, scale: float) -> Any:
    """Frame ``number`` (1-based) of a picture (an image input's page) as RGB, ``scale`` pixels per point."""
    from PIL import Image

    from .readers.images import picture_dpi

    with Image.open(path) as picture:
        if not 1 <= number <= getattr(picture, "n_frames", 1):
            raise IndexError(f"no page {number}")
        picture.seek(number - 1)
        dpi, _ = picture_dpi(picture)
        width, height = (side * 72 / dpi for side in picture.size)
        scale = min(scale, (MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
        return picture.convert("RGB").resize((max(1, round(width * scale)), max(1, round(height * scale))))


def _rgba(colour: str, alpha: int) -> tuple[int, int, int, int]:
    value = int(colour.lstrip("#"), 16)
    return (value >> 16, (value >> 8) & 0xFF, value & 0xFF, alpha)


def draw_blocks(image: Any, page: dict[str, Any]) -> Any:
    """Draw the blocks of one page of the JSON tree over its rendered image."""
    from PIL import Image, ImageDraw, ImageFont

    scale = image.width / page["width"]
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    pen = ImageDraw.Draw(overlay)
    font = ImageFont.load_default(size=max(10, round(9 * scale)))
    for order, block in enumerate(page["blocks"], 1):
        if "bbox" not in block:
            continue  # a format without geometry
        furniture = block["layer"] == "furniture"
        colour = FURNITURE_COLOUR if furniture else KIND_COLOURS.get(block["kind"], "#000000")
        box = [round(v * scale) for v in block["bbox"]]
        # furniture is veiled, not outlined boldly: it is out of the Markdown
        fill = _rgba(colour, 110 if furniture else 35)
        pen.rectangle(box, fill=fill, outline=_rgba(colour, 140 if furniture else 230), width=1 if furniture else 2)
        _label(pen, font, (box[0], box[1]), str(order), colour, outside=True)
    if page.get("origin") == "ocr":
        pen.rectangle([0, 0, image.width - 1, image.height - 1], outline=_rgba(OCR_COLOUR, 255), width=6)
        _label(pen, font, (8, 8), "OCR", OCR_COLOUR)
    for region in ocr_regions(page):
        box = [round(v * scale) for v in region]
        pen.rectangle(box, outline=_rgba(OCR_COLOUR, 255), width=3)
        _label(pen, font, (box[0] + 3, box[3] + 3), "OCR", OCR_COLOUR)
    return Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")


def ocr_regions(page: dict[str, Any]) -> list[list[float]]:
    """Regions of a text-layer page that were read by OCR (pictures of text), in page points."""
    quality = page.get("text_quality") or {}
    return [list(region) for region in quality.get("regions_read", [])]


def _label(pen: Any, font: Any, at: tuple[int, int], text: str, colour: str, outside: bool = False) -> None:
    left, top, right, bottom = pen.textbbox(at, text, font=font)
    if outside and left - (right - left) - 5 >= 0:
        # in the margin left of the box, so the number hides none of the text
        shift = right - left + 5
        at = (at[0] - shift, at[1])
        left, right = left - shift, right - shift
    pen.rectangle([left - 2, top - 1, right + 2, bottom + 1], fill=_rgba(colour, 235))
    pen.text(at, text, fill=(255, 255, 255, 255), font=font)


def write_overlays(
    pdf_path: Path, outdir: Path, options: Any = None, scale: float = 1.5
) -> tuple[list[Path], list[str]]:
    """Convert ``pdf_path``, write ``<name>-p<N>.png`` per converted page into ``outdir``.

    Returns the images written and the conversion's errors (pages that failed get no image).
    """
    from .api import Converter

    converter = Converter(options)
    result = converter.convert(pdf_path)
    tree = result.json()
    password = converter.options.password
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for page in tree["pages"]:
        image = draw_blocks(render_page(pdf_path, page["number"], scale, password, page.get("rotation")), page)
        target = outdir / f"{pdf_path.stem}-p{page['number']:03d}.png"
        image.save(target)
        written.append(target)
    return written, list(result.errors)


def add_debug_command(commands: Any, add_option_flags: Callable[[argparse.ArgumentParser], None]) -> None:
    """Register ``pagemill debug`` on the CLI's subcommands."""
    debug = commands.add_parser("debug", help="write each page as a PNG with the detected blocks drawn over it")
    debug.add_argument("input", help="a PDF file")
    debug.add_argument("-o", "--output", required=True, help="output folder for the PNG images")
    debug.add_argument("--scale", type=float, default=1.5, help="pixels per PDF point (default 1.5)")
    add_option_flags(debug)
    debug.set_defaults(run=run_debug)


def run_debug(args: argparse.Namespace) -> int:
    from .options import Options

    given = {name: getattr(args, name) for name in Options.model_fields if getattr(args, name, None) is not None}
    try:
        options = Options(**given)
        written, errors = write_overlays(Path(args.input), Path(args.output), options, args.scale)
    except ValueError as exc:
        print(f"pagemill: invalid options: {exc}", file=sys.stderr)
        return 2
    except PagemillError as exc:
        print(f"FAILED {args.input}: {exc.message} [{exc.status}]", file=sys.stderr)
        return 1
    for error in errors:
        print(f"WARNING {args.input}: {error}", file=sys.stderr)
    for path in written:
        print(path)
    return 0 if written else 1
