"""One validated tree of options; the CLI flags and the server's fields come from it."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Options(BaseModel):
    """How to convert a document. Unknown keys are an error, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pages: str | None = Field(None, description="Pages to convert, 1-based, e.g. '1-5,9'. All pages when not given.")
    password: str | None = Field(None, description="Password of an encrypted PDF.")
    furniture: Literal["drop", "keep"] = Field(
        "drop",
        description="Running headers, footers and page numbers: 'drop' leaves them out of the Markdown, 'keep' "
        "keeps them there. The JSON has them either way, marked furniture with the reason.",
    )
    links: bool = Field(True, description="Render link annotations as Markdown links.")
    max_pages: int = Field(20_000, ge=1, description="Refuse documents with more pages than this.")
    max_file_mb: float = Field(2_000, gt=0, description="Refuse files larger than this many megabytes.")
    page_markers: bool = Field(False, description="Put an HTML comment with the page number before each page.")
    tables: bool = Field(True, description="Rebuild ruled tables as Markdown/HTML tables with their cell grid.")
    math: Literal["latex", "unicode", "off"] = Field(
        "latex",
        description="Formulas: 'latex' rebuilds them as $inline$ and $$display$$ LaTeX, 'unicode' writes them as "
        "Unicode text (x², ℝ, a/b), 'off' leaves their glyphs as plain text.",
    )
    images: bool = Field(True, description="Save figures as PNG files in <name>_images/ and link them.")
    ocr: Literal["auto", "always", "never"] = Field(
        "auto",
        description="OCR pages: 'auto' only where the text layer is missing, garbled or a wrong OCR layer "
        "(and pictures of text on otherwise good pages), 'always' every page, 'never' none.",
    )
    lang: str | None = Field(
        None,
        pattern=r"^[a-z]{3}(_[a-z]{3,4})?(\+[a-z]{3}(_[a-z]{3,4})?)*$",
        description="Language(s) of the OCR'd pages as tesseract codes joined by '+', e.g. 'eng', 'deu+eng', "
        "'chi_sim'. Detected per document when not given (script, then frequent words).",
    )
    ocr_engine: Literal["auto", "tesseract", "rapidocr"] = Field(
        "auto",
        description="OCR engine: 'auto' takes RapidOCR for Chinese when installed and tesseract otherwise.",
    )

    @field_validator("math", mode="before")
    @classmethod
    def _math_from_bool(cls, value: object) -> object:
        if isinstance(value, bool):  # the earlier on/off switch: True is LaTeX
            return "latex" if value else "off"
        if isinstance(value, str) and value.lower() in _SWITCH:  # ?math=false from a query string
            return _SWITCH[value.lower()]
        return value

    @field_validator("furniture", mode="before")
    @classmethod
    def _furniture_from_bool(cls, value: object) -> object:
        if isinstance(value, str) and value.lower() in _SWITCH:  # ?furniture=true from a query string
            value = _SWITCH[value.lower()] == "latex"
        if isinstance(value, bool):  # the earlier switch: True kept the furniture
            return "keep" if value else "drop"
        return value

    @field_validator("pages")
    @classmethod
    def _check_pages(cls, value: str | None) -> str | None:
        if value is not None:
            parse_page_ranges(value, 10**9)
        return value

    def cache_key(self) -> str:
        """A stable string naming these options, for journals and caches."""
        return self.model_dump_json(exclude={"password"})


#: the earlier boolean ``math`` switch as strings (query strings, form fields)
_SWITCH = {"true": "latex", "1": "latex", "yes": "latex", "on": "latex", "false": "off", "0": "off", "no": "off"}

Format = Literal["markdown", "json", "both"]

_RANGE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d*)\s*)?$")


def parse_page_ranges(spec: str, page_count: int) -> list[int]:
    """Turn '1-5,9,12-' into sorted 0-based page indexes within ``page_count``.

    >>> parse_page_ranges("1-3,9", 10)
    [0, 1, 2, 8]
    """
    pages: set[int] = set()
    for part in spec.split(","):
        match = _RANGE.match(part)
        if not match:
            raise ValueError(f"bad page range {part!r} (use e.g. 1-5,9)")
        first = int(match.group(1))
        last = first if match.group(2) is None else int(match.group(2) or page_count)
        if first < 1 or last < first:
            raise ValueError(f"bad page range {part!r}")
        pages.update(range(first - 1, min(last, page_count)))
    return sorted(pages)
