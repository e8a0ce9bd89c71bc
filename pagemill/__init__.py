"""pagemill: PDFs (and images, DOCX, PPTX, XLSX, CSV, HTML, EPUB) to clean Markdown and a JSON block tree.

    >>> import pagemill
    >>> result = pagemill.convert("paper.pdf")            # doctest: +SKIP
    >>> result.markdown, result.status, result.json()     # doctest: +SKIP

``convert`` raises a ``PagemillError`` subclass when the document as a whole
cannot be read (no format it reads, encrypted, corrupt, too large); a page that fails
is recorded in ``result.errors`` and the status becomes ``"partial"``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import (
    Corrupt,
    Encrypted,
    NotAPdf,
    NotSupported,
    OcrUnavailable,
    PagemillError,
    ResourceLimit,
    Timeout,
    TooLarge,
    WrongPassword,
)
from .options import Options

if TYPE_CHECKING:
    from .api import Converter, Result, convert

__version__ = "0.1.0"

__all__ = [
    "Converter",
    "Corrupt",
    "Encrypted",
    "NotAPdf",
    "NotSupported",
    "OcrUnavailable",
    "Options",
    "PagemillError",
    "ResourceLimit",
    "Result",
    "Timeout",
    "TooLarge",
    "WrongPassword",
    "convert",
]


def __getattr__(name: str) -> Any:
    """``Converter``, ``Result`` and ``convert`` are imported on first use: the command line's parent
    process (which only hands files to its workers) and ``pagemill --help`` need none of the pipeline."""
    if name in ("Converter", "Result", "convert"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
