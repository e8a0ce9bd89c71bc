"""The errors pagemill raises, one class per reason a document can fail.

    PagemillError
     ├── NotSupported    the bytes are no format pagemill reads (or the file is empty)
     │    └── NotAPdf    handed to the PDF engine, but not a PDF
     ├── Corrupt         a document its reader cannot read (truncated PDF, broken zip or XML)
     ├── Encrypted       needs a password and none was given (PDF; protected Office files)
     │    └── WrongPassword
     ├── TooLarge        over a size or page-count limit
     ├── ResourceLimit   ran out of the memory or pixels it was allowed
     ├── Timeout         ran past its wall-clock limit
     └── OcrUnavailable  an OCR engine or language pack is not installed

Each carries ``status``: the word the batch journal and the CLI report.
"""

from __future__ import annotations


class PagemillError(Exception):
    """Base class: a document could not be converted, for a stated reason."""

    status = "failed"

    def __init__(self, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class NotSupported(PagemillError):
    """The input is empty, or its bytes are none of the formats pagemill reads (readers/sniff.py)."""


class NotAPdf(NotSupported):
    """The input handed to the PDF engine is empty or does not start like a PDF."""


class Corrupt(PagemillError):
    """The document is damaged beyond what its reader can repair."""


class Encrypted(PagemillError):
    """The document is encrypted (a PDF without its password, a protected Office file)."""

    status = "needs_password"


class WrongPassword(Encrypted):
    """The password given does not open the PDF."""


class TooLarge(PagemillError):
    """The file is over a size or page-count limit."""

    status = "resource_limit"


class ResourceLimit(PagemillError):
    """Converting would take more memory or pixels than allowed."""

    status = "resource_limit"


class Timeout(PagemillError):
    """Conversion ran past its wall-clock limit."""

    status = "timeout"


class OcrUnavailable(PagemillError):
    """An OCR engine or a language pack is missing; the message says what to install."""
