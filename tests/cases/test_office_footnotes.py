"""Word footnotes printed by LibreOffice: notes set flush one under another, each opening with its
number at the text's size (not raised), under a short rule at the foot of the page or of each column.

The DOCX is pandoc's, with Word's habits for notes: the Footnote Text style set smaller than the body
(9 pt under 12 pt), and the number that opens each note written as a bare footnote mark without a
character style (as python-docx writers do), which LibreOffice prints at the text's size on the
baseline. The notes touch (no space after a note), so the page shows one run of small lines that
must be cut before each note's number. Golden Markdown, exact; the PDFs are cached in the temporary
folder. Skipped where LibreOffice or pandoc is missing.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import tempfile
import zipfile
from pathlib import Path

import pytest
from office_docs import office_pdf

import pagemill

_CACHE = Path(tempfile.gettempdir()) / "pagemill-office-notes"
SMALL = '<w:sz w:val="18" />'  # 9 pt, in half-points
BODY = (
    "The survey collected measurements from twelve stations along the northern coast, and each station "
    "recorded the water temperature every hour for three consecutive years."
)
NOTES = (
    "Station four was moved inland in the spring of 2019, and its series was adjusted to the old site.",
    "Except in February, when the harbour froze and the divers could not reach the sensors.",
    "The national office publishes its means on the fifth of each month.",
    "Missing hours were filled from the neighbouring stations only where both agreed within a degree.",
)
SOURCE = f"""# Station records

{BODY} Missing values were rare.[^1] {BODY}

{BODY} The monthly means agree with the national office.[^2] {BODY}

# Methods

{BODY} The series were checked by hand.[^3] {BODY} Gaps were short.[^4]

{BODY}

""" + "\n".join(f"[^{n}]: {note}" for n, note in enumerate(NOTES, 1))


def _expected(columns: int) -> str:
    paragraphs = [
        "# Station records",
        f"{BODY} Missing values were rare.[^1] {BODY}",
        f"{BODY} The monthly means agree with the national office.[^2] {BODY}",
        "# Methods",
        f"{BODY} The series were checked by hand.[^3] {BODY} Gaps were short.[^4]",
        BODY,
    ]
    notes = [f"[^{n}]: {note}" for n, note in enumerate(NOTES, 1)]
    return "\n\n".join(paragraphs + notes) + "\n"


def _office_pdf(columns: int) -> Path:
    folder = _CACHE / hashlib.sha1(f"{columns}{SOURCE}".encode()).hexdigest()[:12]
    return office_pdf(folder, SOURCE, lambda source, target: _word_notes(source, target, columns))


def _word_notes(source: Path, target: Path, columns: int) -> None:
    """Each note a Normal paragraph with no space after it, its text at 9 pt and its own mark set
    superscript by direct formatting (no character style), in ``columns`` columns."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/footnotes.xml":
                xml = data.decode("utf-8").replace('<w:pStyle w:val="FootnoteText" />', '<w:spacing w:after="0" />')
                xml = re.sub(
                    r'<w:rStyle w:val="FootnoteReference" />', SMALL + '<w:vertAlign w:val="superscript" />', xml
                )
                xml = xml.replace(
                    '<w:r><w:t xml:space="preserve">', f'<w:r><w:rPr>{SMALL}</w:rPr><w:t xml:space="preserve">'
                )
                data = xml.encode("utf-8")
            elif item.filename == "word/styles.xml":  # no footnote reference style: LibreOffice's own sets the mark
                xml = re.sub(
                    r'<w:style w:styleId="FootnoteReference".*?</w:style>', "", data.decode("utf-8"), flags=re.S
                )
                data = xml.encode("utf-8")
            elif item.filename == "word/document.xml" and columns > 1:
                cols = f'<w:sectPr><w:cols w:num="{columns}" w:space="567" /></w:sectPr>'
                data = data.decode("utf-8").replace("<w:sectPr />", cols).encode("utf-8")
            zout.writestr(item, data)


def _note_lines(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [line.strip() for line in text.splitlines() if re.match(r"\s*\d \w", line)]


@pytest.mark.parametrize("columns", [1, 2])
def test_word_notes_printed_by_libreoffice(columns: int) -> None:
    pdf = _office_pdf(columns)
    # the case is what it claims: every note opens its own line with its bare number, notes touching
    assert len(_note_lines(pdf)) >= len(NOTES)
    result = pagemill.convert(pdf)
    assert (result.status, result.errors) == ("ok", [])
    assert result.markdown == _expected(columns)
