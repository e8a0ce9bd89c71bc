"""The public entry points: ``convert`` and ``Converter``, returning a ``Result``."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from .model import Document
from .options import Options
from .pipeline import build_document
from .render.json import render_json
from .render.markdown import render_markdown
from .stages.figures import figure_images

Status = Literal["ok", "partial"]


@dataclass
class Result:
    """A converted document: its Markdown, its model, how it went."""

    document: Document
    markdown: str

    @property
    def status(self) -> Status:
        return "partial" if self.document.errors else "ok"

    @property
    def errors(self) -> list[str]:
        return self.document.errors

    @property
    def timings(self) -> dict[str, float]:
        return self.document.timings

    @property
    def images(self) -> dict[str, bytes]:
        """Figure images as PNG, by the relative path the Markdown links them with (``Options.images``)."""
        return figure_images(self.document.blocks())

    def json(self) -> dict[str, Any]:
        """The JSON block tree (furniture included, with reasons)."""
        data = render_json(self.document)
        data["status"] = self.status
        data["timings"] = {k: round(v, 4) for k, v in self.timings.items()}
        return data


class Converter:
    """Converts documents with one set of options."""

    def __init__(self, options: Options | None = None, **overrides: Any) -> None:
        base = options or Options()
        self.options = base.model_copy(update=overrides) if overrides else base
        if overrides:
            self.options = Options.model_validate(self.options.model_dump())

    def convert(self, path: str | os.PathLike[str], progress: Callable[[int, int], None] | None = None) -> Result:
        document = build_document(os.fspath(path), self.options, progress)
        markdown = render_markdown(document, self.options.page_markers, self.options.furniture == "keep")
        return Result(document, markdown)


def convert(path: str | os.PathLike[str], options: Options | None = None, **overrides: Any) -> Result:
    """Convert one document (its reader chosen from its bytes). ``overrides``: Options fields, e.g. ``pages="1-3"``."""
    return Converter(options, **overrides).convert(path)
