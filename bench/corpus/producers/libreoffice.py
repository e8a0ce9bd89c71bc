"""Producer family: libreoffice — Word documents (DOCX) printed to PDF by LibreOffice.

The document is the shared seeded one (``generate.build``) with a Word user's habits added: now and
then a paragraph opens with a bold run-in head ("**Sampling.** The stations ...", body text in the
truth, not a heading). python-docx writes the DOCX (``docx_writer``), LibreOffice (``soffice
--headless --convert-to pdf``, a private profile per document so parallel builds do not collide)
prints it in Word-like fonts: Carlito (Calibri's metrics), Caladea (Cambria's), Liberation Sans and
Serif (Arial's and Times'). Running header and page-number footer are recorded as furniture.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..generate import F, Recipe, build
from ..model import Document, Para
from ..render import run
from ..texts import LANGUAGES
from . import Producer

if TYPE_CHECKING:  # python-docx lives in the bench's tools venv only: imported when a DOCX is written
    from .docx_writer import Look

HEADER = "Coastal Survey Office — Annual Report"
FONTS = {  # variant: body font, heading font
    "carlito": ("Carlito", "Carlito"),
    "caladea": ("Caladea", "Caladea"),
    "liberation-sans": ("Liberation Sans", "Liberation Sans"),
    "liberation-serif": ("Liberation Serif", "Liberation Sans"),
}
EAST_ASIAN = {"zh": "WenQuanYi Micro Hei", "ja": "WenQuanYi Micro Hei"}


def build_document(recipe: Recipe) -> Document:
    """The shared document with bold run-in heads opening about one paragraph in five."""
    doc = build(recipe)
    rng = random.Random(f"runin:{recipe.name}:{recipe.seed}")
    text = LANGUAGES[recipe.lang]
    for index, block in enumerate(doc.blocks):
        if not isinstance(block, Para) or index == 0 or rng.random() > 0.2 or block.text.startswith("**"):
            continue
        head = rng.choice(text.captions)
        joiner = "：" if not text.space else ". "
        doc.blocks[index] = Para(f"**{head}{joiner.rstrip()}**{' ' if text.space else ''}{block.text}")
    return doc


def look_of(recipe: Recipe) -> Look:
    from .docx_writer import Look

    body, heading = FONTS[recipe.variant or "carlito"]
    return Look(
        body=body,
        heading=heading,
        east_asian=EAST_ASIAN.get(recipe.lang, ""),
        columns=recipe.columns,
        header=HEADER if recipe.running else "",
        page_numbers=recipe.running,
        numbered=recipe.numbered,
    )


def render_docx(recipe: Recipe, doc: Document, workdir: Path, pdf: Path) -> None:
    """DOCX with python-docx, PDF with a headless LibreOffice using a private profile."""
    from .docx_writer import write_docx

    look = look_of(recipe)
    doc.furniture = [look.header] if look.header else []
    doc.page_numbers = look.page_numbers
    write_docx(doc, look, workdir, workdir / "doc.docx")
    print_docx(workdir, pdf)


def print_docx(workdir: Path, pdf: Path) -> None:
    """``workdir/doc.docx`` printed to ``pdf`` by a headless LibreOffice with a private profile."""
    profile = workdir / "lo-profile"
    (workdir / "doc.pdf").unlink(missing_ok=True)
    command = [
        "soffice",
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        ".",
        "doc.docx",
    ]
    try:
        run(command, workdir)
    except RuntimeError:  # a first start that makes the profile now and then aborts when builds run in parallel
        run(command, workdir)
    if not (workdir / "doc.pdf").exists():  # soffice exits 0 even when the conversion failed
        raise RuntimeError(f"soffice wrote no PDF in {workdir}")
    shutil.move(workdir / "doc.pdf", pdf)


PRODUCERS = [
    Producer(
        "libreoffice",
        "libreoffice",
        render_docx,
        build=build_document,
        source=f"{__name__},{__package__}.docx_writer",
        debs=("libreoffice-writer-nogui", "fonts-crosextra-carlito", "fonts-crosextra-caladea", "fonts-liberation2"),
    )
]

TEXT = F("lists", "footnotes", "emphasis")
TABLES = F("tables_ruled", "tables_unruled", "tables_merged", "tables_merged_unruled")
LONG = {"sections": 12, "paragraphs": 22}  # 20+ pages: the heading pool of a language ends the sections


def _recipe(name: str, lang: str, variant: str, **kwargs: object) -> Recipe:
    return replace(Recipe(f"{name}", lang, "libreoffice", variant=variant), **kwargs)  # type: ignore[arg-type]


RECIPES: list[Recipe] = [
    # English
    _recipe("en-docx-plain", "en", "carlito", running=False),
    _recipe("en-docx-text", "en", "carlito", features=TEXT, sections=4),
    _recipe("en-docx-numbered", "en", "carlito", features=F("lists", "emphasis"), numbered=True, sections=5),
    _recipe("en-docx-tables", "en", "liberation-sans", features=TABLES, sections=4),
    _recipe("en-docx-tables-2", "en", "carlito", features=TABLES | F("lists"), sections=5, seed=2),
    _recipe("en-docx-figures", "en", "caladea", features=F("figures", "lists", "footnotes"), sections=4),
    _recipe("en-docx-code", "en", "liberation-serif", features=F("code", "lists", "emphasis"), sections=4),
    _recipe("en-docx-2col", "en", "carlito", columns=2, features=TEXT, sections=5),
    _recipe(
        "en-docx-2col-tables", "en", "liberation-serif", columns=2, features=F("tables_ruled", "lists"), sections=5
    ),
    _recipe("en-docx-long", "en", "carlito", features=TEXT | F("tables_ruled", "figures"), numbered=True, **LONG),
    _recipe("en-docx-2col-long", "en", "liberation-serif", columns=2, features=TEXT | F("tables_unruled"), **LONG),
    # German, French
    _recipe("de-docx", "de", "carlito", features=TEXT, sections=4),
    _recipe("de-docx-2col", "de", "liberation-sans", columns=2, features=F("lists", "tables_ruled"), sections=5),
    _recipe("de-docx-long", "de", "caladea", features=TEXT | F("tables_merged"), numbered=True, **LONG),
    _recipe("fr-docx", "fr", "caladea", features=TEXT, sections=4),
    _recipe("fr-docx-tables", "fr", "carlito", features=F("tables_merged", "tables_unruled", "lists"), sections=4),
    # Russian, Greek (Carlito and the Liberation fonts carry Cyrillic and Greek)
    _recipe("ru-docx", "ru", "carlito", features=TEXT, sections=4),
    _recipe("ru-docx-2col", "ru", "liberation-serif", columns=2, features=F("lists", "tables_ruled"), sections=5),
    _recipe("ru-docx-long", "ru", "liberation-sans", features=TEXT | F("tables_ruled"), **LONG),
    _recipe("el-docx", "el", "liberation-serif", features=TEXT, sections=4),
    _recipe("el-docx-tables", "el", "carlito", features=F("tables_merged_unruled", "lists"), sections=4),
    # Chinese (WenQuanYi Micro Hei for the East Asian runs)
    _recipe("zh-docx", "zh", "carlito", features=F("lists", "footnotes"), sections=4),
    _recipe("zh-docx-tables", "zh", "liberation-sans", features=F("tables_ruled", "lists"), sections=4),
]
