"""The errors pagemill raises, one class per reason a document can fail.

    PagemillError
     ├── NotAPdf         the bytes are not a PDF (or the file is empty)
     ├── Corrupt         a PDF that the engine cannot read (truncated, broken xref)
     ├── Encrypted       needs a password and none was given
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


class NotAPdf(PagemillError):
    """The input is empty or does not start like a PDF."""


class Corrupt(PagemillError):
    """The PDF is damaged beyond what the engine can repair."""


class Encrypted(PagemillError):
    """The PDF is encrypted and no password was given."""

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
