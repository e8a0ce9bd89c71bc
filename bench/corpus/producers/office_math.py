"""Producer family: libreoffice — Word documents with equations (OMML) printed to PDF by LibreOffice.

The libreoffice family's document (``libreoffice.build_document``) with displayed equations and
inline math: each formula's LaTeX (the truth) is turned into Word's native equation XML (OMML) by
pandoc, which is what Word itself stores for an equation, and put into the python-docx document.
LibreOffice imports every OMML equation as a LibreOffice Math object (libreoffice-math must be
installed, or the equations are silently left out of the PDF) and prints it with its own formula
layout: variables in the body font's italic, operators and delimiters in OpenSymbol, ∑ in a larger
size, limits over and under it, fraction bars drawn as rules.

pandoc writes ``\\bar`` as the accent U+203E, which LibreOffice prints as an acute accent; it is
replaced by U+0304 (combining macron), which prints as the bar the truth says.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import zipfile
from dataclasses import replace
from functools import cache
from pathlib import Path

from ..generate import F, Recipe
from ..model import Block, Document, Math
from . import Producer
from .libreoffice import build_document, look_of, print_docx

MATH_NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/math"
WORD_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
INLINE_MATH = re.compile(r"\$(.+?)\$")


@cache
def omml(latex: str, display: bool) -> str:
    """The OMML of one formula (``m:oMathPara`` when displayed, else ``m:oMath``), namespaces declared."""
    markdown = f"$${latex}$$" if display else f"x ${latex}$ x"
    with tempfile.TemporaryDirectory() as folder:
        docx = Path(folder) / "formula.docx"
        subprocess.run(["pandoc", "-f", "markdown", "-o", str(docx)], input=markdown.encode(), check=True)
        xml = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    tag = "m:oMathPara" if display else "m:oMath"
    found = re.search(rf"<{tag}>.*</{tag}>", xml, re.S)
    if found is None:
        raise RuntimeError(f"pandoc wrote no equation for {latex!r}")
    element = found.group(0).replace('m:val="\u203e"', 'm:val="\u0304"')
    return element.replace(f"<{tag}>", f'<{tag} xmlns:m="{MATH_NAMESPACE}" xmlns:w="{WORD_NAMESPACE}">', 1)


def render_docx_math(recipe: Recipe, doc: Document, workdir: Path, pdf: Path) -> None:
    """The libreoffice family's DOCX, with the equations as OMML, printed by LibreOffice as that family is."""
    from .docx_math import write_docx_math  # python-docx: the bench's tools venv only

    look = look_of(recipe)
    doc.furniture = [look.header] if look.header else []
    doc.page_numbers = look.page_numbers
    write_docx_math(doc, look, workdir, workdir / "doc.docx")
    print_docx(workdir, pdf)


#: what LibreOffice 7.4 does not print as the truth says: ``\lim_{..}\frac`` comes out with the limit
#: inside the numerator, ``aligned`` rows with a red "¿" for each ``&``, and ``\tag`` is dropped
UNFAITHFUL = re.compile(r"\\lim|\\begin\{aligned\}")
TAG = re.compile(r"\s*\\tag\{[^}]*\}")
#: ... and ``\mathbf{E}`` in the body font's italic, as any variable
BOLD = re.compile(r"\\mathbf\{([^{}]*)\}")


def build_math_document(recipe: Recipe) -> Document:
    """The libreoffice document with the equations LibreOffice prints faithfully, without tags."""
    doc = build_document(recipe)
    blocks: list[Block] = []
    for block in doc.blocks:
        if isinstance(block, Math):
            if UNFAITHFUL.search(block.latex):
                continue
            block = Math(BOLD.sub(r"\1", TAG.sub("", block.latex)))
        blocks.append(block)
    doc.blocks = blocks
    return doc


PRODUCERS = [
    Producer(
        "libreoffice-math",
        "libreoffice",
        render_docx_math,
        build=build_math_document,
        source=f"{__name__},{__package__}.docx_math,{__package__}.libreoffice,{__package__}.docx_writer",
        debs=("libreoffice-writer-nogui", "libreoffice-math-nogui", "fonts-crosextra-caladea", "fonts-liberation2"),
    )
]

MATH = F("math", "inline_math", "lists")


def _recipe(name: str, lang: str, variant: str, **kwargs: object) -> Recipe:
    return replace(Recipe(name, lang, "libreoffice-math", variant=variant), **kwargs)  # type: ignore[arg-type]


RECIPES: list[Recipe] = [
    _recipe("en-docx-math", "en", "liberation-serif", features=MATH, sections=9),  # developed on
    _recipe("de-docx-math", "de", "caladea", features=MATH, sections=9, seed=2),  # checked on only
    _recipe("fr-docx-math-2col", "fr", "carlito", columns=2, features=MATH, sections=9, seed=3),  # checked on only
]
