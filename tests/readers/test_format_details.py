"""Details of the native readers: merged cells, pictures, notes, equations, furniture, limits, refusals."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from formats_support import pandoc

import pagemill
from pagemill.errors import Encrypted, NotSupported

MERGED_HTML = """<html><body><h1>Merged</h1>
<table>
<tr><th colspan="2">Wide header</th><th>C</th></tr>
<tr><td rowspan="2">Tall</td><td>b1</td><td>c1</td></tr>
<tr><td>b2</td><td>c2</td></tr>
</table>
<p><img src="red.png" alt="A red box"></p>
</body></html>"""

MERGED_TABLE = """<table>
<thead>
<tr><th colspan="2">Wide header</th><th>C</th></tr>
</thead>
<tbody>
<tr><td rowspan="2">Tall</td><td>b1</td><td>c1</td></tr>
<tr><td>b2</td><td>c2</td></tr>
</tbody>
</table>"""

NOTES_AND_MATH = """\
A sentence with a note.[^1] The formula $E = mc^2$ is inline; this one is displayed:

$$\\frac{a+b}{c} = \\sqrt{x_1^2 + y}$$

[^1]: The note's own text.
"""

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_merged_cells_and_pictures(tmp_path: Path, kind: str) -> None:
    from PIL import Image

    Image.new("RGB", (40, 30), "red").save(tmp_path / "red.png")
    source = tmp_path / "merged.html"
    source.write_text(MERGED_HTML, encoding="utf-8")
    path = pandoc(source, tmp_path / "merged.docx", "--resource-path", str(tmp_path)) if kind == "docx" else source
    result = pagemill.convert(path)
    assert MERGED_TABLE in result.markdown
    if kind == "docx":  # the picture is in the package: saved, linked with its alt text
        assert "![A red box](merged_docx_images/page1-figure1.png)" in result.markdown
        assert list(result.images) == ["merged_docx_images/page1-figure1.png"]
    else:  # the page only links it: linked, never fetched
        assert "![A red box](red.png)" in result.markdown and not result.images


def test_docx_notes_and_equations(tmp_path: Path) -> None:
    source = tmp_path / "notes.md"
    source.write_text(NOTES_AND_MATH, encoding="utf-8")
    result = pagemill.convert(pandoc(source, tmp_path / "notes.docx"))
    assert result.markdown == (
        "A sentence with a note.[^1] The formula $E=mc^2$ is inline; this one is displayed:\n\n"
        "$$\\frac{a+b}{c}=\\sqrt{x_1^2+y}$$\n\n"
        "[^1]: The note’s own text.\n"  # pandoc's smart quotes
    )


def test_docx_headers_and_footers_are_furniture(tmp_path: Path) -> None:
    path = tmp_path / "furniture.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="x"/>')
        package.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><w:document {W} {R}><w:body>'
            "<w:p><w:r><w:t>Body text.</w:t></w:r></w:p>"
            '<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/>'
            '<w:footerReference w:type="default" r:id="rIdF"/></w:sectPr></w:body></w:document>',
        )
        package.writestr(
            "word/_rels/document.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rIdH" Type="header" Target="header1.xml"/>'
            '<Relationship Id="rIdF" Type="footer" Target="footer1.xml"/></Relationships>',
        )
        package.writestr("word/header1.xml", f'<w:hdr {W}><w:p><w:r><w:t>Running head</w:t></w:r></w:p></w:hdr>')
        package.writestr("word/footer1.xml", f'<w:ftr {W}><w:p><w:r><w:t>Page foot</w:t></w:r></w:p></w:ftr>')
    result = pagemill.convert(path)
    assert result.markdown == "Body text.\n"
    blocks = [(b["kind"], b["text"], b["layer"]) for b in result.json()["pages"][0]["blocks"]]
    assert blocks == [
        ("page_header", "Running head", "furniture"),
        ("paragraph", "Body text.", "body"),
        ("page_footer", "Page foot", "furniture"),
    ]
    assert pagemill.convert(path, furniture=True).markdown == "Running head\n\nBody text.\n\nPage foot\n"


def test_a_sheet_over_the_cap_is_cut_with_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl

    from pagemill.readers import sheets

    monkeypatch.setattr(sheets, "MAX_ROWS", 10)
    book = openpyxl.Workbook()
    for number in range(25):
        book.active.append([f"row {number}", number])
    book.save(tmp_path / "long.xlsx")
    result = pagemill.convert(tmp_path / "long.xlsx")
    assert result.status == "partial"
    assert result.errors == [
        "sheet 'Sheet' of 25 rows x 2 columns is over the limit of 10 rows x 200 columns: "
        "only the first 10 rows and 200 columns are converted"
    ]
    table = [b for b in result.document.blocks() if b.kind.value == "table"][0]
    assert table.attrs["rows"] == 10


def test_protected_and_unknown_files_are_refused(tmp_path: Path) -> None:
    protected = tmp_path / "protected.docx"  # an OLE compound file holding an EncryptedPackage stream
    protected.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(Encrypted, match="password-protected Office file"):
        pagemill.convert(protected)
    legacy = tmp_path / "old.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500)
    with pytest.raises(NotSupported, match="legacy binary Office file"):
        pagemill.convert(legacy)
    text = tmp_path / "notes.txt"
    text.write_text("just some words\nof plain text\n", encoding="utf-8")
    with pytest.raises(NotSupported, match="plain text"):
        pagemill.convert(text)
    other = tmp_path / "archive.zip"
    with zipfile.ZipFile(other, "w") as package:
        package.writestr("a.txt", "a")
    with pytest.raises(NotSupported, match="zip archive"):
        pagemill.convert(other)


MHTML = """From: <Saved by a browser>
Snapshot-Content-Location: https://example.com/page
Subject: A saved page
MIME-Version: 1.0
Content-Type: multipart/related; type="text/html"; boundary="----=_Part_1"

------=_Part_1
Content-Type: text/html
Content-ID: <frame-1@mhtml.blink>
Content-Transfer-Encoding: quoted-printable
Content-Location: https://example.com/page

<!DOCTYPE html><html><body><h1>Saved =
page</h1><p>Its text, with an =C3=A9.</p><ul><li>one</li><li>two</li></ul></body></html>
------=_Part_1
Content-Type: image/png
Content-Transfer-Encoding: base64
Content-Location: https://example.com/pixel.png

iVBORw0KGgo=
------=_Part_1--
"""


def test_mhtml_reads_its_html_part(tmp_path: Path) -> None:
    path = tmp_path / "saved.mhtml"
    path.write_text(MHTML.replace("\n", "\r\n"), encoding="ascii")
    result = pagemill.convert(path)
    assert result.markdown == "# Saved page\n\nIts text, with an é.\n\n- one\n- two\n"
    assert result.document.metadata["format"] == "mhtml"


def test_pptx_speaker_notes_are_kept_apart(tmp_path: Path) -> None:
    source = tmp_path / "notes.md"
    source.write_text("# First slide\n\nSlide text.\n\n::: notes\nThe speaker says hello.\n:::\n\n# Second\n\nMore.\n")
    result = pagemill.convert(pandoc(source, tmp_path / "notes.pptx"))
    assert result.markdown == "## First slide\n\nSlide text.\n\n## Second\n\nMore.\n"
    pages = result.json()["pages"]
    assert [(b["text"], b["layer"], b.get("reason")) for b in pages[0]["blocks"]] == [
        ("First slide", "body", None),
        ("Slide text.", "body", None),
        ("The speaker says hello.", "furniture", "speaker notes"),
    ]
    assert len(pages) == 2


def test_xlsx_merged_cells(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "M"
    for row in (["Wide header", None, "C"], ["Tall", "b1", "c1"], [None, "b2", "c2"]):
        sheet.append(row)
    sheet.merge_cells("A1:B1")
    sheet.merge_cells("A2:A3")
    book.save(tmp_path / "merged.xlsx")
    assert pagemill.convert(tmp_path / "merged.xlsx").markdown == "## M\n\n" + MERGED_TABLE + "\n"


def test_pptx_shapes_are_read_column_by_column() -> None:
    from xml.etree.ElementTree import Element

    from pagemill.readers.pptx import _Shape, reading_order

    def shape(name: str, y: float, x: float, height: float, width: float, placeholder: str | None = None) -> _Shape:
        return _Shape(y, x, height, width, 0, Element(name), placeholder)

    shapes = [
        shape("right-top", 100, 500, 300, 400),  # a table in the right column, higher than the text
        shape("left-text", 150, 0, 400, 450),
        shape("title", 0, 0, 80, 900, "title"),
        shape("footer-note", 600, 0, 50, 900),
    ]
    order = [s.element.tag for s in reading_order(shapes)]
    assert order == ["title", "left-text", "right-top", "footer-note"]
