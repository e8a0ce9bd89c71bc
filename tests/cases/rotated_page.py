"""A page with /Rotate 90: its MediaBox is landscape (reportlab swaps it) and a viewer shows it
turned a quarter clockwise, in portrait. The text is drawn turned a quarter counter-clockwise,
so that it reads upright in the viewer, as pdflscape and rotated scans do."""

from reportlab.pdfgen import canvas

LINES = [
    "This page is stored on its side and shown upright.",
    "A converter must read it as a viewer shows it, line",
    "after line from the top, each from left to right.",
]


def _line(page: canvas.Canvas, x: float, text: str, font: str, size: float) -> None:
    # user-space x grows downward on the displayed page, user-space y grows to the right
    page.saveState()
    page.translate(x, 60)
    page.rotate(90)
    page.setFont(font, size)
    page.drawString(0, 0, text)
    page.restoreState()


def build(path: str) -> None:
    page = canvas.Canvas(path, pagesize=(595.0, 420.0), invariant=1)
    page.setPageRotation(90)
    _line(page, 70, "Rotated Report", "Helvetica-Bold", 18)
    for index, text in enumerate(LINES):
        _line(page, 105 + 14 * index, text, "Helvetica", 11)
    page.showPage()
    page.save()
