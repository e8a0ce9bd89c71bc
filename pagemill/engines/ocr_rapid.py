"""RapidOCR (PP-OCRv4 detection, direction and recognition models, run by onnxruntime).

``rapidocr-onnxruntime==1.4.4`` carries its models inside the wheel, so nothing is
downloaded; later ``rapidocr`` 3.x fetches them at run time and is not used. It
reads Chinese and English; it returns lines, which are split into words here
(Latin text at its spaces, the box divided by character count; Chinese stays one
piece per line, which the line stage handles like any long glyph).
"""

from __future__ import annotations

import functools
import importlib.util
import threading
from typing import Any

import numpy as np
from PIL import Image

from ..errors import OcrUnavailable
from .ocr import OcrWord, Orientation

INSTALL = "pip install 'pagemill[ocr]' (brings rapidocr-onnxruntime==1.4.4)"
LANGUAGES = {"chi_sim", "chi_tra", "eng"}
#: PP-OCR's detector works on at most this many pixels a side; larger pictures are shrunk
MAX_SIDE = 2000
_LOCK = threading.Lock()


def rapid_available() -> bool:
    return importlib.util.find_spec("rapidocr_onnxruntime") is not None


@functools.lru_cache(maxsize=1)
def _load() -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:
        raise OcrUnavailable(f"RapidOCR is not installed: {INSTALL}") from exc
    # one thread per engine: pages run in parallel processes, not parallel threads
    return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, max_side_len=MAX_SIDE)


class RapidEngine:
    """OCR with RapidOCR; good for Chinese (simplified and traditional) mixed with English."""

    name = "rapidocr"
    #: word boxes are shares of their line's box, not their own ink
    tight_boxes = False

    def __init__(self, lang: str) -> None:
        unknown = set(lang.split("+")) - LANGUAGES
        if unknown:
            raise OcrUnavailable(f"RapidOCR reads only Chinese and English, not {'+'.join(sorted(unknown))}")
        self.lang = lang
        self._ocr = _load()

    def read(self, image: Image.Image, dpi: float) -> list[OcrWord]:
        """Recognised lines of ``image``, split into words."""
        pixels = np.asarray(image.convert("RGB"))
        with _LOCK:  # one RapidOCR object per process, and its Python side keeps state between calls
            result, _ = self._ocr(pixels, use_cls=True)
        words: list[OcrWord] = []
        for number, (corners, text, score) in enumerate(result or []):
            xs = [point[0] for point in corners]
            ys = [point[1] for point in corners]
            box = (min(xs), min(ys), max(xs), max(ys))
            words.extend(split_line(text, box, float(score) * 100, number))
        return words

    def orientation(self, image: Image.Image, dpi: float) -> Orientation | None:
        """RapidOCR corrects 180 degree lines itself (its direction model); quarter turns it cannot see."""
        return None


def split_line(text: str, box: tuple[float, float, float, float], confidence: float, line: int) -> list[OcrWord]:
    """Words of one recognised line; each gets the share of the box its characters take."""
    text = text.strip()
    if not text:
        return []
    pieces = text.split(" ") if " " in text else [text]
    total = sum(len(piece) for piece in pieces) + len(pieces) - 1
    x0, y0, x1, y1 = box
    per_char = (x1 - x0) / max(total, 1)
    words = []
    cursor = x0
    for piece in pieces:
        if piece:
            end = cursor + per_char * len(piece)
            words.append(OcrWord(piece, (cursor, y0, end, y1), confidence, (line,)))
            cursor = end
        cursor += per_char
    return words
