"""A code block whose text holds a Markdown fence (set in Courier with reportlab): the output fence must be longer."""

from reportlab.pdfgen import canvas

CODE = ["# Title", "```python", 'print("hi")', "```"]


def build(path: str) -> None:
    page = canvas.Canvas(path, pagesize=(420, 300), invariant=1)
    page.setFont("Helvetica", 11)
    page.drawString(40, 250, "A Markdown file with code in it:")
    page.setFont("Courier", 10)
    for index, line in enumerate(CODE):
        page.drawString(40, 226 - 13 * index, line)
    page.setFont("Helvetica", 11)
    page.drawString(40, 160, "That is all.")
    page.showPage()
    page.save()
