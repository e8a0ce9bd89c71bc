"""Two columns set line by line with reportlab, paragraphs marked by a first-line indent only.
The second paragraph runs from the foot of the left column to the top of the right one, and the
right column starts with a capitalised name ("Paris"): no indent there, so it is the same
paragraph, though the text alone (no full stop, capital letter) could suggest either."""

from reportlab.pdfgen import canvas

INDENT = 12.0
LEFT = [
    (True, "The delegation left the capital early in the"),
    (False, "morning and reached the coast before noon,"),
    (False, "where a small boat waited to take them over."),
    (True, "After a short rest they went on by train to the"),
    (False, "north, crossing three rivers and a long range of"),
    (False, "hills before the journey brought them at last to"),
]
RIGHT = [
    (False, "Paris, where the conference was about to begin."),
    (True, "On the first day the speakers presented their"),
    (False, "reports, and the evening ended with a dinner."),
]


def _column(page: canvas.Canvas, x: float, lines: list[tuple[bool, str]]) -> None:
    y = 520.0
    for indented, text in lines:
        page.drawString(x + (INDENT if indented else 0.0), y, text)
        y -= 12.0


def build(path: str) -> None:
    page = canvas.Canvas(path, pagesize=(595.0, 595.0), invariant=1)
    page.setFont("Times-Roman", 10)
    _column(page, 60.0, LEFT)
    _column(page, 320.0, RIGHT)
    page.showPage()
    page.save()
