"""Producers: the programs that print a corpus document to PDF, grouped into families for the report.

A producer turns a ``Document`` (bench/corpus/model.py) into a PDF with a real tool; a *family* is
what the report groups by (a producer, or a class of producers with one look: "publisher-latex" is
IEEEtran, acmart, llncs, ...). Each producer module defines ``PRODUCERS`` (how to render, which
Debian packages it needs) and ``RECIPES`` (the documents it prints); this module collects them.

The base producers (pandoc + pdflatex/xelatex, pandoc + weasyprint) live in ``render.py``; they
are registered here too so ``build.py`` looks every producer up in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..generate import Recipe
    from ..model import Document

Render = Callable[["Recipe", "Document", Path, Path], None]
Build = Callable[["Recipe"], "Document"]


@dataclass(frozen=True)
class Producer:
    """How one engine prints a document: ``render(recipe, doc, workdir, pdf)``.

    ``build`` makes the recipe's document when the producer needs its own kind (a financial
    statement, a letter); None means the shared seeded builder (``generate.build``).
    ``source`` is the module whose code the PDF depends on (its bytes go into the fingerprint); several
    modules are separated by commas.
    """

    engine: str
    family: str
    render: Render
    build: Build | None = None
    source: str = ""
    debs: tuple[str, ...] = field(default_factory=tuple)


def producers() -> dict[str, Producer]:
    """Every producer by engine name."""
    from .. import render
    from . import chromium, groff, latex_classes, libreoffice, office_math, reports

    found = {p.engine: p for p in render.PRODUCERS}
    for module in (libreoffice, office_math, chromium, latex_classes, reports, groff):
        for producer in module.PRODUCERS:
            found[producer.engine] = producer
    return found


def producer_recipes() -> list[Recipe]:
    """The recipes of every producer module beyond the base corpus."""
    from . import chromium, groff, latex_classes, libreoffice, office_math, reports

    modules = (libreoffice, office_math, chromium, latex_classes, reports, groff)
    return [r for module in modules for r in module.RECIPES]
