"""A scanned page with a text column beside an infobox: bold keys and plain values, no rules.

The page is drawn with reportlab's canvas (Times, as a browser prints an encyclopedia article):
a prose column on the left, some 12 pt from a key/value box on the right (a centred title and head,
bold keys, a value wrapped over two lines, a key set on two lines), and a paragraph across
the page under both. Rendered at 300 dpi in grey and read back by OCR, the narrow gutter must
part the columns (the prose is read whole, not interleaved with the keys), and the box must be
one table: its centred lines header rows over both columns, each wrapped line with its key.
"""

from __future__ import annotations

import io
import shutil
import textwrap
from pathlib import Path

import pypdfium2 as pdfium
import pytest

import pagemill

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")

PROSE = (
    "The harbour of Kelby lies at the mouth of the river, where the old town grew up around the fish "
    "market in the twelfth century. Ships from the northern ports brought timber and salt, and the "
    "town sent grain and wool in return. The first stone quay was built in the year after the great "
    "flood, and the lighthouse on the western pier followed a century later. Today the port handles "
    "ferries to the islands as well as the cargo of the steel works, and the fish market is still held "
    "every morning on the eastern quay."
)
ACROSS = (
    "The port authority publishes the tide tables and the berth plan each month; both may be read at "
    "the harbour office or asked for by letter from the harbour master."
)
KEYS = [
    (["Operator"], ["Port of Kelby Ltd"]),
    (["Opened"], ["1852"]),
    (["Cargo"], ["grain, timber, coal,", "steel, fish and salt"]),
    (["Tidal", "range"], ["4.2 metres", "(spring tides)"]),
    (["Berths"], ["twelve"]),
]
EXPECTED = f"""{textwrap.fill(PROSE, 10_000)}

<table>
<thead>
<tr><th colspan="2">Harbour of Kelby</th></tr>
<tr><th colspan="2">Basic data</th></tr>
</thead>
<tbody>
<tr><td>Operator</td><td>Port of Kelby Ltd</td></tr>
<tr><td>Opened</td><td>1852</td></tr>
<tr><td>Cargo</td><td>grain, timber, coal, steel, fish and salt</td></tr>
<tr><td>Tidal range</td><td>4.2 metres (spring tides)</td></tr>
<tr><td>Berths</td><td>twelve</td></tr>
</tbody>
</table>

{ACROSS}
"""


def _page() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    height = A4[1]
    y = height - 90
    page.setFont("Times-Roman", 11)
    for line in textwrap.wrap(PROSE, 44):
        page.drawString(56, y, line)
        y -= 14
    bottom = y
    widest = max(page.stringWidth(line, "Times-Roman", 10) for _, values in KEYS for line in values)
    middle = (318 + 396 + widest) / 2  # the box's heads are centred over its text
    page.setFont("Times-Bold", 12)
    page.drawCentredString(middle, height - 98, "Harbour of Kelby")
    page.setFont("Times-Bold", 10)
    page.drawCentredString(middle, height - 124, "Basic data")
    y = height - 146
    for keys, values in KEYS:
        for k, line in enumerate(values):
            page.setFont("Times-Roman", 10)
            page.drawString(396, y - 12 * k, line)
        for k, key in enumerate(keys):
            page.setFont("Times-Bold", 10)
            page.drawString(318, y - 12 * k, key)
        y -= 12 * max(len(keys), len(values)) + 5
    y = min(y, bottom) - 16
    page.setFont("Times-Roman", 11)
    for line in textwrap.wrap(ACROSS, 100):
        page.drawString(56, y, line)
        y -= 14
    page.save()
    return out.getvalue()


def _scanned(pdf: bytes, dpi: int = 300) -> bytes:
    """The page as one grey picture at ``dpi``, as a scanner makes it."""
    image = pdfium.PdfDocument(pdf)[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=float(dpi))
    return out.getvalue()


def test_an_infobox_beside_a_text_column_is_a_table_after_the_column(tmp_path: Path) -> None:
    path = tmp_path / "infobox.pdf"
    path.write_bytes(_scanned(_page()))
    result = pagemill.convert(str(path), lang="eng")
    assert result.status == "ok", result.errors
    assert result.document.pages[0].origin == "ocr"
    assert result.markdown == EXPECTED
    tables = [b for page in result.json()["pages"] for b in page["blocks"] if b["kind"] == "table"]
    assert len(tables) == 1
