"""pagemill: PDFs (and images, DOCX, PPTX, XLSX, CSV, HTML, EPUB) to clean Markdown and a JSON block tree.

    >>> import pagemill
    >>> result = pagemill.convert("paper.pdf")            # doctest: +SKIP
    >>> result.markdown, result.status, result.json()     # doctest: +SKIP

``convert`` raises a ``PagemillError`` subclass when the document as a whole
cannot be read (no format it reads, encrypted, corrupt, too large); a page that fails
is recorded in ``result.errors`` and the status becomes ``"partial"``.
"""

from __future__ import annotations

from .api import Converter, Result, convert
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
