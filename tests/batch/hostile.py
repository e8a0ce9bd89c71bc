"""Generated test PDFs: good ones, and the hostile files of the robustness suite.

Raw PDF bytes are written by hand where that is the only way to get the hostile
shape (a decompression bomb, a page tree that contains itself, 10,000 pages);
fpdf2 makes the ordinary and the encrypted ones.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from fpdf import FPDF


def raw_pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF from numbered object bodies (object n is ``objects[n - 1]``) with a correct xref."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def text_pdf(lines: list[str], pages: int = 1) -> bytes:
    """A plain PDF with the given lines of text on every page."""
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for _ in range(pages):
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def encrypted_pdf(password: str) -> bytes:
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner-" + password, user_password=password)
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.cell(0, 10, "A secret paragraph that needs the password.")
    return bytes(pdf.output())


def many_pages(count: int, lines_per_page: int = 40) -> bytes:
    """``count`` pages that share one content stream: a tiny file with a large page tree.

    Each page carries ``lines_per_page`` lines, so reading all of them takes real time.
    """
    text = (
        b"BT /F1 10 Tf 72 760 Td 12 TL "
        + b" ".join(
            b"(Line %d of a page that takes real work to read, word after word.) '" % n for n in range(lines_per_page)
        )
        + b" ET"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (5 + i) for i in range(count)), count),
        _FONT,
        _stream(text),
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
        b"/Contents 4 0 R >>"
    )
    objects.extend([page] * count)
    return raw_pdf(objects)


def bomb_stream(inflated_mb: int) -> bytes:
    """A zlib stream of ``inflated_mb`` MB of spaces, built in about a second.

    After a full flush the compressor's state is reset, so every further megabyte
    compresses to the same bytes: the stream is one segment repeated.
    """
    chunk = b" " * (1 << 20)
    packer = zlib.compressobj(9)
    first = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    repeated = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    final_block = packer.flush()[:-4]  # the checksum it ends with covers two megabytes only
    checksum = 1
    for _ in range(inflated_mb):
        checksum = zlib.adler32(chunk, checksum)
    return first + repeated * (inflated_mb - 1) + final_block + checksum.to_bytes(4, "big")


def decompression_bomb(inflated_mb: int = 2048) -> bytes:
    """One page whose FlateDecode content stream inflates to ``inflated_mb`` MB of spaces."""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
            b"/Contents 4 0 R >>",
            _stream(bomb_stream(inflated_mb), b"/Filter /FlateDecode"),
            _FONT,
        ]
    )


def self_referencing_tree() -> bytes:
    """A page tree node that lists itself among its kids."""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            _stream(b"BT /F1 12 Tf 72 720 Td (Loop) Tj ET"),
            _FONT,
        ]
    )


def huge_image(side: int = 20_000) -> bytes:
    """A page with a ``side`` x ``side`` greyscale image (compressed: the pixels are all white)."""
    packer = zlib.compressobj(9)
    row = b"\xff" * side
    packed = bytearray()
    for _ in range(side):
        packed += packer.compress(row)
    packed += packer.flush()
    image = _stream(
        bytes(packed),
        b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Filter /FlateDecode" % (side, side),
    )
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /XObject << /Im1 4 0 R >> /Font << /F1 6 0 R >> >> /Contents 5 0 R >>",
            image,
            _stream(b"q 500 0 0 500 50 200 cm /Im1 Do Q BT /F1 12 Tf 72 100 Td (Caption under a big image) Tj ET"),
            _FONT,
        ]
    )


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


_WORDS = [
    "paper",
    "river",
    "column",
    "engine",
    "quiet",
    "measure",
    "lantern",
    "orbit",
    "signal",
    "harbor",
    "meadow",
    "copper",
    "thread",
    "winter",
    "garden",
    "pocket",
    "silver",
    "market",
    "theory",
    "canvas",
    "bridge",
    "number",
    "candle",
    "valley",
]


def document_pdf(seed: int, pages: int = 3) -> bytes:
    """A small document whose text differs from page to page and from seed to seed."""
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for page in range(pages):
        pdf.add_page()
        for line in range(12):
            words = [_WORDS[(seed * 7 + page * 5 + line * 3 + k) % len(_WORDS)] for k in range(10)]
            pdf.cell(0, 7, f"{seed}.{page}.{line} " + " ".join(words), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
