"""A report as word processors make it: headings only bold, at the body size, numbered
"1", "1.1", "1.1.1"; a bold lead-in word starting a paragraph does not make it a heading.
Each paragraph is one line, with 8 pt of space after it."""

from reportlab.pdfgen import canvas

BODY = [
    ("h", "1 Introduction"),
    ("p", "This report describes the new storage system and its first months of use."),
    ("h", "1.1 Scope"),
    ("p", "The report covers the data centre in the north building only."),
    ("h", "1.1.1 Excluded systems"),
    ("p", "Backups and archives are described in a separate report."),
    ("b", "Note.", "The figures in this report are rounded to whole numbers."),
    ("h", "2 Results"),
    ("p", "The new system stores twice as much data for the same cost."),
]


def build(path: str) -> None:
    page = canvas.Canvas(path, pagesize=(420.0, 595.0), invariant=1)
    y = 540.0
    for kind, text, *rest in BODY:
        if kind == "h":
            y -= 8
            page.setFont("Helvetica-Bold", 11)
            page.drawString(50, y, text)
            y -= 8
        elif kind == "b":
            page.setFont("Helvetica-Bold", 11)
            page.drawString(50, y, text)
            page.setFont("Helvetica", 11)
            page.drawString(50 + page.stringWidth(text + " ", "Helvetica-Bold", 11), y, rest[0])
        else:
            page.setFont("Helvetica", 11)
            page.drawString(50, y, text)
        y -= 20 if kind == "h" else 28  # paragraphs get 8 pt of space after, as word processors give them
    page.showPage()
    page.save()
