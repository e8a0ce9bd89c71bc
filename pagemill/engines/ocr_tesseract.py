"""Tesseract, through its command-line program: one call per page, words out as TSV.

One process per page costs ~60 ms of start-up, small against ~0.5 CPU-s of
recognition, and keeps a crash in tesseract from taking pagemill down. The image
goes in on stdin as PGM (no encoding cost), the words come back as TSV rows
with box and confidence. ``OMP_THREAD_LIMIT=1``: with OpenMP's default tesseract
spends 8-9 s a page spinning on these machines (FIELD-NOTES); pages run in
parallel processes instead.
"""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import subprocess

from PIL import Image

from ..errors import OcrUnavailable
from .ocr import SCRIPT_MODELS, OcrWord, Orientation
from .render import binarized

TIMEOUT_S = 120
#: Arabic script is read from a picture binarized here (Otsu) rather than by tesseract's own
#: thresholding, at ARABIC_DPI: its dots were misread. Three Arabic bench scans, CER: 0.093,
#: 0.092, 0.085 as before; 0.052, 0.085, 0.077 binarized; 0.043, 0.038, 0.044 binarized at
#: 150 dpi (English read worse binarized, and gains nothing below 200 dpi)
ARABIC_SCRIPT = {"ara", "fas", "urd", "Arabic", "script/Arabic"}
ARABIC_DPI = 150
#: Chinese, Japanese and Korean are segmented with tesseract's CJK model (``textord_use_cjk_fp_model``):
#: its page layout then joins the pieces of a character (a Hangul syllable is two or three separate
#: jamo, many Han characters several strokes) before it finds lines. Without it the pieces are
#: taken for specks or columns and whole lines are dropped, differently at each scale: the bench's
#: Korean scan kept 9 of its 9 lines at 300 dpi but 5-6 at 200 and 250 dpi (CER 0.35); with it, all
#: 9 at 150-300 dpi. Chinese at 250 dpi lost 8 of 192 characters, none with it.
CJK_LANGUAGES = {"chi_sim", "chi_tra", "jpn", "kor", "HanS", "HanT", "Japanese", "Hangul"}
#: rows of TSV output at this level are words
_WORD_LEVEL = "5"


def install_hint(lang: str) -> str:
    """The Debian package that brings tesseract's ``lang`` model (``Cyrillic``: a script model)."""
    script = lang.removeprefix("script/")
    codes = [code for name, code in SCRIPT_MODELS.values() if name == script]
    if codes:
        return f"apt-get install tesseract-ocr-script-{codes[0]}"
    return f"apt-get install tesseract-ocr-{lang.lower().replace('_', '-')}"


@functools.lru_cache(maxsize=1)
def installed_languages() -> frozenset[str]:
    """Language packs tesseract can load; raises when tesseract itself is missing."""
    binary = shutil.which("tesseract")
    if binary is None:
        raise OcrUnavailable("tesseract is not installed: apt-get install tesseract-ocr")
    listing = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    lines = (listing.stdout + listing.stderr).splitlines()
    return frozenset(line.strip() for line in lines[1:] if line.strip() and " " not in line.strip())


class TesseractEngine:
    """OCR with tesseract 4/5 (LSTM); ``lang`` is tesseract's, e.g. ``eng``, ``deu+eng``, ``chi_sim``."""

    name = "tesseract"
    #: each word's box is its own ink
    tight_boxes = True

    def __init__(self, lang: str) -> None:
        self.lang = lang
        missing = [code for code in lang.split("+") if code not in installed_languages()]
        if missing:
            hints = "; ".join(install_hint(code) for code in missing)
            raise OcrUnavailable(f"tesseract has no language pack for {'+'.join(missing)}: {hints}")

    def read(self, image: Image.Image, dpi: float) -> list[OcrWord]:
        """The words on ``image``, boxes in its pixels."""
        return self._read(image, dpi, "3")

    def read_lines(self, image: Image.Image, dpi: float) -> list[OcrWord]:
        """The words on a picture of separate lines of text, each read as one line (no page layout)."""
        return self._read(image, dpi, "6")

    def _read(self, image: Image.Image, dpi: float, psm: str) -> list[OcrWord]:
        scale = 1.0
        if self.lang.split("+")[0] in ARABIC_SCRIPT:
            if dpi > ARABIC_DPI:
                scale = dpi / ARABIC_DPI
                size = (round(image.width / scale), round(image.height / scale))
                image, dpi = image.resize(size, Image.Resampling.BOX), ARABIC_DPI
            image = binarized(image)
        # tessedit_do_invert=0: do not try every line again as white on black (~7% of the time)
        arguments = ["-l", self.lang, "--psm", psm, "--dpi", str(round(dpi)), "-c", "tessedit_do_invert=0"]
        if is_cjk_language(self.lang):
            arguments += ["-c", "textord_use_cjk_fp_model=1"]
        arguments.append("tsv")
        words = parse_tsv(_run(arguments, image))
        if scale == 1.0:
            return words
        return [w._replace(box=(w.box[0] * scale, w.box[1] * scale, w.box[2] * scale, w.box[3] * scale)) for w in words]

    def orientation(self, image: Image.Image, dpi: float) -> Orientation | None:
        """Which way up the page is, and its script (tesseract's OSD); None when it cannot tell."""
        if "osd" not in installed_languages():
            raise OcrUnavailable(f"tesseract cannot detect orientation: {install_hint('osd')}")
        try:
            output = _run(["--psm", "0", "--dpi", str(round(dpi))], image)
        except OcrUnavailable:
            return None  # OSD fails on pages with too few characters
        return parse_osd(output)


def is_cjk_language(lang: str) -> bool:
    """Whether tesseract's ``lang`` (``kor``, ``script/Hangul``, ``chi_sim_vert+eng``) reads a CJK script."""
    codes = (code.removeprefix("script/").removesuffix("_vert") for code in lang.split("+"))
    return any(code in CJK_LANGUAGES for code in codes)


def _run(arguments: list[str], image: Image.Image) -> str:
    buffer = io.BytesIO()
    image.convert("L").save(buffer, format="PPM")  # PGM: a header and the raw bytes
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        done = subprocess.run(
            ["tesseract", "stdin", "stdout", *arguments],
            input=buffer.getvalue(),
            capture_output=True,
            env=env,
            timeout=TIMEOUT_S,
            check=False,
        )
    except FileNotFoundError as exc:
        raise OcrUnavailable("tesseract is not installed: apt-get install tesseract-ocr") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise OcrUnavailable(f"tesseract failed: {message[-1] if message else done.returncode}")
    return done.stdout.decode("utf-8", "replace")


def parse_tsv(output: str) -> list[OcrWord]:
    """Word rows of tesseract's TSV: level, page, block, par, line, word, left, top, width, height, conf, text."""
    words: list[OcrWord] = []
    for row in output.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != _WORD_LEVEL:
            continue
        text = cells[11].strip()
        confidence = float(cells[10])
        if not text or confidence < 0:
            continue
        left, top, width, height = (int(cells[i]) for i in range(6, 10))
        line = (int(cells[2]), int(cells[3]), int(cells[4]))
        words.append(OcrWord(text, (left, top, left + width, top + height), confidence, line))
    return words


_OSD_FIELD = re.compile(r"^(Rotate|Orientation confidence|Script|Script confidence):\s*(\S+)", re.M)


def parse_osd(output: str) -> Orientation | None:
    """Tesseract's ``Rotate: 90`` means: turn the picture 90 degrees clockwise to make it upright."""
    fields = dict(_OSD_FIELD.findall(output))
    if "Rotate" not in fields:
        return None
    return Orientation(
        quarter_turns=int(fields["Rotate"]) // 90 % 4,
        confidence=float(fields.get("Orientation confidence", 0)),
        script=fields.get("Script", ""),
        script_confidence=float(fields.get("Script confidence", 0)),
    )
