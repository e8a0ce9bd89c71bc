"""Make the PDFs the OCR tests read: scans, broken text layers, mixed pages.

Everything is drawn here, with Pillow and fpdf2 and the DejaVu fonts Debian ships
(``fonts-dejavu-core``), so the known text of each page is exact and nothing is
downloaded. A "scan" is a page of text drawn at 300 dpi and embedded as one image
in an otherwise empty PDF page, which is what a scanner produces.
"""

from __future__ import annotations

import io
import re
import zlib
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import TextMode
from PIL import Image, ImageDraw, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
SERIF = FONT_DIR / "DejaVuSerif.ttf"
SANS = FONT_DIR / "DejaVuSans.ttf"
SANS_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
SERIF_BOLD = FONT_DIR / "DejaVuSerif-Bold.ttf"
MONO = FONT_DIR / "DejaVuSansMono.ttf"
CJK = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

LETTER_PT = (612.0, 792.0)

ENGLISH = [
    "The committee met on Tuesday to review the annual budget and the",
    "plans for the new library. Several members asked whether the costs",
    "of heating and lighting had been included in the estimate, and the",
    "treasurer explained that they had been moved to a separate account.",
    "After a short discussion the proposal was accepted by nine votes to",
    "two, with one abstention. Work on the foundations will begin in May",
    "and should be finished before the first frost of the coming winter.",
    "Questions about the schedule may be sent to the secretary by letter.",
]

GERMAN = [
    "Die Gemeinde plant für das kommende Jahr eine neue Brücke über den",
    "Fluss. Nach Schätzungen der Ingenieure wird der Bau etwa zwölf Monate",
    "dauern und rund vier Millionen Euro kosten. Während der Arbeiten soll",
    "der Verkehr über eine provisorische Straße südlich des Marktplatzes",
    "geführt werden. Die Bürger können ihre Fragen und Vorschläge bis zum",
    "Ende des Monats schriftlich beim Bauamt einreichen oder persönlich",
    "in der Sprechstunde am Donnerstag vorbringen. Größere Verzögerungen",
    "sind nach Auskunft der Behörde nicht zu erwarten, außer bei Hochwasser.",
]

FIGURE_CAPTION = "Figure 1: Votes cast in each district."

CHINESE = [
    "今天上午委员会讨论了明年的预算和新图书馆的计划。",
    "几位委员询问供暖和照明的费用是否已经包括在内。",
    "经过简短的讨论，提案以九票赞成两票反对获得通过。",
    "地基工程将于五月开始，并应在冬天之前完成。",
]


def draw_text_image(
    lines: list[str],
    dpi: int = 300,
    size_pt: float = 12,
    font: Path = SERIF,
    page_pt: tuple[float, float] = LETTER_PT,
    margin_pt: float = 72,
    heading: str | None = None,
) -> Image.Image:
    """A white page at ``dpi`` with ``lines`` set in black, one under the other."""
    scale = dpi / 72
    image = Image.new("L", (round(page_pt[0] * scale), round(page_pt[1] * scale)), 255)
    draw = ImageDraw.Draw(image)
    y = margin_pt * scale
    if heading:
        big = ImageFont.truetype(str(SANS_BOLD), round(size_pt * 1.8 * scale))
        draw.text((margin_pt * scale, y), heading, font=big, fill=0)
        y += size_pt * 1.8 * scale * 2
    face = ImageFont.truetype(str(font), round(size_pt * scale))
    for line in lines:
        draw.text((margin_pt * scale, y), line, font=face, fill=0)
        y += size_pt * 1.5 * scale
    return image


CODE = [
    "def mean(values):",
    "    total = 0.0",
    "    for value in values:",
    "        total += value",
    "    return total / len(values)",
]


FOOTNOTE = "Hourly temperature at station four: fill short gaps by interpolation."


def draw_structured_page(dpi: int = 300) -> Image.Image:
    """A page of a report: a large bold section title, a bold run-in subsection title set at
    the body size, paragraphs (the first line of one ends in a footnote-like mark and has
    descenders, which once made it look taller than the title), and an indented code listing."""
    scale = dpi / 72
    image = Image.new("L", (round(LETTER_PT[0] * scale), round(LETTER_PT[1] * scale)), 255)
    draw = ImageDraw.Draw(image)
    x, y = 72 * scale, 72 * scale

    def put(text: str, font: Path, size: float, advance: float, indent: float = 0) -> None:
        nonlocal y
        draw.text((x + indent * scale, y), text, font=ImageFont.truetype(str(font), round(size * scale)), fill=0)
        y += advance * scale

    put("Seasonal effects", SERIF_BOLD, 16, 30)
    for line in ENGLISH[:4]:
        put(line, SERIF, 11, 16)
    y += 10 * scale
    for line in CODE:
        put(line, MONO, 10, 14)
    y += 14 * scale
    put("Limitations", SERIF_BOLD, 11, 22)
    for line in ENGLISH[4:]:
        put(line, SERIF, 11, 16)
    y = 700 * scale  # a footnote at the foot of the page, its mark raised and small
    put("1", SERIF, 6, 0)
    put(FOOTNOTE, SERIF, 9, 12, indent=5)
    return image


TABLE = [
    ["Station", "Mean", "Min", "Max"],
    ["Harbour", "12.5", "-4", "21"],
    ["Island", "9.8", "-7", "18"],
    ["Cape", "11.2", "-2", "25"],
]


def draw_table_page(dpi: int = 300) -> Image.Image:
    """A paragraph, "Table 1: ..." and a table with a full grid of rules under it."""
    image = draw_text_image(ENGLISH[:3], dpi=dpi)
    scale = dpi / 72
    draw = ImageDraw.Draw(image)
    face = ImageFont.truetype(str(SERIF), round(11 * scale))
    top, left, width, height = 160 * scale, 120 * scale, 90 * scale, 22 * scale
    draw.text((left, top - 24 * scale), "Table 1: Temperature by station", font=face, fill=0)
    rows, columns = len(TABLE), len(TABLE[0])
    for r in range(rows + 1):
        draw.line([(left, top + r * height), (left + columns * width, top + r * height)], fill=0, width=3)
    for c in range(columns + 1):
        draw.line([(left + c * width, top), (left + c * width, top + rows * height)], fill=0, width=3)
    for r, row in enumerate(TABLE):
        for c, cell in enumerate(row):
            draw.text((left + c * width + 8 * scale, top + r * height + 5 * scale), cell, font=face, fill=0)
    return image


def running_pages(bodies: list[list[str]], header: str, dpi: int = 300) -> list[Image.Image]:
    """Pages of a scanned book: a running header over the text and the page number under it."""
    scale = dpi / 72
    face = ImageFont.truetype(str(SERIF), round(9 * scale))
    pages = []
    for number, lines in enumerate(bodies, 1):
        image = draw_text_image(lines, dpi=dpi, margin_pt=96)
        draw = ImageDraw.Draw(image)
        draw.text((72 * scale, 50 * scale), header, font=face, fill=0)
        draw.text((300 * scale, 740 * scale), str(number), font=face, fill=0)
        pages.append(image)
    return pages


def draw_figure_page(lines: list[str], caption: str, dpi: int = 300) -> Image.Image:
    """A page of text with a bar chart in the middle and a caption under it."""
    top, chart = lines[: len(lines) // 2], lines[len(lines) // 2 :]
    image = draw_text_image(top, dpi=dpi)
    scale = dpi / 72
    draw = ImageDraw.Draw(image)
    y0 = (72 + len(top) * 18 + 24) * scale
    x0, x1, y1 = 120 * scale, 480 * scale, y0 + 220 * scale
    draw.line([(x0, y0), (x0, y1), (x1, y1)], fill=0, width=round(2 * scale))
    for i, height in enumerate((150, 90, 190, 60, 120)):
        left = x0 + (20 + i * 68) * scale
        draw.rectangle([left, y1 - height * scale, left + 44 * scale, y1], fill=90)
    face = ImageFont.truetype(str(SERIF), round(11 * scale))
    draw.text((x0, y1 + 14 * scale), caption, font=face, fill=0)
    below = draw_text_image(chart, dpi=dpi, margin_pt=0, page_pt=(468, len(chart) * 18 + 10))
    image.paste(below, (round(72 * scale), round(y1 + 50 * scale)))
    return image


def image_pdf(images: list[Image.Image], dpi: int = 300) -> bytes:
    """An image-only PDF: each image fills one page, at ``dpi``."""
    pdf = FPDF(unit="pt")
    for image in images:
        width, height = image.width * 72 / dpi, image.height * 72 / dpi
        pdf.add_page(format=(width, height))
        pdf.image(image, x=0, y=0, w=width, h=height)
    return bytes(pdf.output())


def scanned_pdf(lines: list[str], rotate: int = 0, skew: float = 0.0, **draw: object) -> bytes:
    """A scan of ``lines``: rotated a quarter turn (clockwise degrees) and/or skewed a little."""
    image = draw_text_image(lines, **draw)  # type: ignore[arg-type]
    if skew:
        image = image.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=255, expand=False)
    if rotate:
        image = image.rotate(-rotate, expand=True)
    return image_pdf([image])


def digital_pdf(lines: list[str], size_pt: float = 12, font: Path = SERIF) -> bytes:
    """A born-digital page: the same text as a real text layer."""
    pdf = FPDF(unit="pt", format=LETTER_PT)
    pdf.add_font("body", fname=str(font))
    pdf.add_page()
    pdf.set_font("body", size=size_pt)
    pdf.set_xy(72, 72)
    for line in lines:
        pdf.cell(0, size_pt * 1.5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(72)
    return bytes(pdf.output())


def scan_with_layer_pdf(lines: list[str], layer: list[str], dpi: int = 300) -> bytes:
    """A scan of ``lines`` with ``layer`` under it as invisible text (render mode 3), as OCR'd PDFs have."""
    pdf = FPDF(unit="pt", format=LETTER_PT)
    pdf.add_font("body", fname=str(SERIF))
    pdf.add_page()
    pdf.image(draw_text_image(lines, dpi=dpi), x=0, y=0, w=LETTER_PT[0], h=LETTER_PT[1])
    pdf.set_font("body", size=12)
    pdf.text_mode = TextMode.INVISIBLE
    for number, line in enumerate(layer):
        pdf.text(72, 72 + 12 + number * 18, line)
    return bytes(pdf.output())


def mixed_pdf(real_lines: list[str], pictured_lines: list[str], dpi: int = 300) -> bytes:
    """Real text at the top of the page, a picture of other text below it."""
    pdf = FPDF(unit="pt", format=LETTER_PT)
    pdf.add_font("body", fname=str(SERIF))
    pdf.add_page()
    pdf.set_font("body", size=12)
    pdf.set_xy(72, 72)
    for line in real_lines:
        pdf.cell(0, 18, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(72)
    box_pt = (468.0, len(pictured_lines) * 18 + 24)
    picture = draw_text_image(pictured_lines, dpi=dpi, page_pt=box_pt, margin_pt=12)
    pdf.image(picture, x=72, y=400, w=box_pt[0], h=box_pt[1])
    return bytes(pdf.output())


_TO_UNICODE_MAP = re.compile(rb"(\d+ 0 obj\s*<<[^>]*?/Length (\d+)[^>]*>>\s*stream\r?\n)(.*?)(\r?\nendstream)", re.S)


def garbled_pdf(lines: list[str]) -> bytes:
    """Real glyphs whose ToUnicode map sends every character to the private-use area.

    This is what many PDFs made by old drivers and some "protected" PDFs look like:
    the page shows the right letters, the text layer reads as private-use code points.
    """
    data = digital_pdf(lines)
    return _rewrite_to_unicode(data)


def unmapped_pdf(lines: list[str]) -> bytes:
    """Real glyphs with no ToUnicode map at all: PDFium reads raw glyph ids (control characters)."""
    return _fix_xref(re.sub(rb"/ToUnicode \d+ 0 R", b"", digital_pdf(lines)))


def _rewrite_to_unicode(data: bytes) -> bytes:
    def rewrite(match: re.Match[bytes]) -> bytes:
        head, body = match.group(1), match.group(3)
        try:
            text = zlib.decompress(body) if b"/FlateDecode" in head else body
        except zlib.error:
            return match.group(0)
        if b"begincmap" not in text:
            return match.group(0)
        text = re.sub(rb"<([0-9A-Fa-f]{4})>(\s*)<([0-9A-Fa-f]{4,8})>", _to_private_use, text)
        new_body = zlib.compress(text) if b"/FlateDecode" in head else text
        new_head = re.sub(rb"/Length \d+", b"/Length %d" % len(new_body), head)
        return new_head + new_body + match.group(4)

    rewritten = _TO_UNICODE_MAP.sub(rewrite, data)
    return _fix_xref(rewritten)


def _to_private_use(match: re.Match[bytes]) -> bytes:
    code = int(match.group(1), 16)
    return b"<%s>%s<%04X>" % (match.group(1), match.group(2), 0xE000 + code % 0x1000)


def _fix_xref(data: bytes) -> bytes:
    """Lengths changed, so the offsets did too; PDFium repairs a stale xref, but be tidy."""
    from pypdfium2 import PdfDocument

    document = PdfDocument(data)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


def junk(line: str) -> str:
    """What a poor old OCR layer makes of a line: letters swapped for look-alikes and punctuation."""
    swaps = str.maketrans({"e": "c", "h": "li", "m": "rn", "o": "0", "t": ";", "a": "'", "s": "$", "n": "|"})
    return line.translate(swaps)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
