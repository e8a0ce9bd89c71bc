"""Producer family: groff-ms — documents typeset by groff with the ms macros (pandoc writes the ms).

The troff tradition (manuals, technical reports, theses of the 1980s-2000s still in archives):
Times at 10 pt, section heads in bold at body size, tables by tbl (a rule under the header, none
round them), formulas by eqn (pandoc turns the TeX math into eqn), footnotes at the page foot,
a running head from page 2 (``.ds LH``/``RH``) and the page number in the footer. pagemill was never
developed on it: the family is held out (bench/score/families.py).

``groff -k -ms -t -e -Tpdf``: preconv for UTF-8 (Latin scripts; groff's standard fonts have no
Cyrillic or CJK), tbl, eqn and gropdf. Figures are left out (ms wants PDF pictures via PDFPIC).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..generate import F, Recipe
from ..model import Document, Table, pandoc_markdown
from . import Producer

#: pandoc's template grows heads by 1 pt for two levels (GROWPS 2): levels 2 and 3 would look alike
#: (bold at body size), so three levels grow here, as the truth's three levels must be on the page
GROW = ".nr GROWPS 3"
#: the running head from page 2; the template puts the page number in the footer (CF)
HEADER = [GROW, ".ds LH Coastal measurements", ".ds CH", ".ds RH Technical report 7"]
PLAIN = [GROW, ".ds LH", ".ds CH", ".ds RH", ".ds CF"]


def render_groff(recipe: Recipe, doc: Document, workdir: Path, pdf: Path) -> None:
    from ..render import run

    if recipe.running:
        doc.furniture, doc.page_numbers = ["Coastal measurements", "Technical report 7"], True
    for index, block in enumerate(doc.blocks):
        if isinstance(block, Table):  # tbl as pandoc writes it: a rule under the header only
            doc.blocks[index] = replace(block, ruled=False, rules="header")
    two_columns = "```{=ms}\n.2C\n```\n\n" if recipe.columns == 2 else ""  # in the header it starts a blank page
    (workdir / "doc.md").write_text(two_columns + pandoc_markdown(doc, "ms"), encoding="utf-8")
    (workdir / "setup.ms").write_text("\n".join(HEADER if recipe.running else PLAIN) + "\n", encoding="utf-8")
    run(["pandoc", "doc.md", "-f", "markdown-smart", "-t", "ms", "-s", "-H", "setup.ms", "-o", "doc.ms"], workdir)
    run(["sh", "-c", "groff -k -ms -t -e -Tpdf -P-pa4 -dpaper=a4 doc.ms > doc.pdf"], workdir)
    (workdir / "doc.pdf").replace(pdf)


PRODUCERS = [Producer("groff", "groff-ms", render_groff, source=__name__, debs=("pandoc", "groff"))]

TEXT = F("lists", "footnotes", "emphasis", "code")


def _recipe(name: str, lang: str, **kwargs: object) -> Recipe:
    return replace(Recipe(name, lang, "groff"), **kwargs)  # type: ignore[arg-type]


RECIPES: list[Recipe] = [
    _recipe("en-groff-text", "en", features=TEXT, sections=4),
    _recipe("en-groff-tables", "en", features=F("tables_ruled", "tables_unruled", "lists"), sections=4),
    _recipe("en-groff-math", "en", features=F("math", "inline_math", "lists"), sections=4),
    _recipe("en-groff-2col", "en", columns=2, features=TEXT, sections=5),
    _recipe("en-groff-long", "en", features=TEXT | F("tables_ruled", "math"), sections=10, paragraphs=4),
    _recipe("de-groff", "de", features=TEXT | F("tables_unruled"), sections=4),
    _recipe("fr-groff-math", "fr", features=F("math", "footnotes"), sections=4, running=False),
]
