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
    furniture: bool = Field(False, description="Keep running headers, footers and page numbers in the Markdown.")
    links: bool = Field(True, description="Render link annotations as Markdown links.")
    max_pages: int = Field(20_000, ge=1, description="Refuse documents with more pages than this.")
    max_file_mb: float = Field(2_000, gt=0, description="Refuse files larger than this many megabytes.")
    page_markers: bool = Field(False, description="Put an HTML comment with the page number before each page.")

    @field_validator("pages")
    @classmethod
    def _check_pages(cls, value: str | None) -> str | None:
        if value is not None:
            parse_page_ranges(value, 10**9)
        return value

    def cache_key(self) -> str:
        """A stable string naming these options, for journals and caches."""
        return self.model_dump_json(exclude={"password"})


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
