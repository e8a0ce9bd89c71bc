"""Hebrew in DejaVu Sans, right-aligned: a paragraph over two lines with an embedded number and
a Latin word, then a second paragraph.

Drawn with reportlab in visual order (each line's glyphs placed right to left), as real RTL
documents are. fpdf2 2.8 was tried first: without uharfbuzz it places the glyphs of a Hebrew
line left to right in logical order, so a viewer shows the text mirrored; no real document
looks like that. The expected Markdown is in logical order.
"""

import re

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

PARAGRAPHS = [
    ["שלום עולם. יש 42 ספרים על המדף בספרייה", "הקטנה שלנו, והקובץ בפורמט PDF נפתח מהר."],
    ["זו הפסקה השנייה והאחרונה."],
]


def visual(line: str) -> str:
    """A right-to-left line in the order its glyphs stand on the page, left to right.

    Enough bidi for this text: Latin words and numbers keep their inner order, the rest
    (Hebrew letters, spaces, full stops, commas) is reversed.
    """
    return "".join(reversed(re.findall(r"[A-Za-z0-9]+|[^A-Za-z0-9]", line)))


def build(path: str) -> None:
    pdfmetrics.registerFont(TTFont("DejaVuSans", DEJAVU))
    page = canvas.Canvas(path, pagesize=(420.0, 595.0), invariant=1)
    page.setFont("DejaVuSans", 12)
    y = 540.0
    for paragraph in PARAGRAPHS:
        for line in paragraph:
            page.drawRightString(360, y, visual(line))
            y -= 16
        y -= 12
    page.showPage()
    page.save()
