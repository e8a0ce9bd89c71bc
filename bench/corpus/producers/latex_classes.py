"""Producer families printed by LaTeX written directly: publisher classes, dvips, unicode-math.

* ``publisher-latex``: IEEEtran (conference, journal), acmart (sigconf), llncs, elsarticle,
  revtex4-2 (aps), amsart, KOMA-Script (scrartcl) and memoir (a long book), compiled with pdflatex.
* ``dvips``: the same LaTeX through ``latex`` -> ``dvips`` -> ``ps2pdf`` (Type 1 fonts from
  PostScript; T1-encoded Computer Modern has no Type 1 fonts in Debian's base TeX Live, so those
  pages carry mktexpk's bitmap fonts as Type 3).
* ``unicode-math``: XeLaTeX and LuaLaTeX with ``unicode-math`` and OpenType math fonts.

The LaTeX comes from ``latex_writer``; what each class prints (section numbers "I."/"A.", caption
labels "TABLE I"/"Fig. 1.", theorem heads, run-in heads, bibliography labels, running heads) is
described by a ``LatexClass`` (``latex_styles``) and written into the document model here, so the
ground truth says what the page shows.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from PIL import Image

from ..generate import F, Recipe
from ..model import Block, Document, Figure, Heading, Math, Para, References, Table, Theorem, Title, format_number
from ..render import environment
from . import Producer, latex_docs, latex_styles, latex_writer
from .latex_docs import book, paper
from .latex_styles import CLASSES, COMMON_PREAMBLE, LatexClass
from .latex_writer import RunIn, escape, latex_body

TAG = re.compile(r"\s*\\tag\{[^}]*\}\s*$")


def apply_class(doc: Document, cls: LatexClass) -> None:
    """Write into the model what the class prints: numbers, labels, run-in heads, theorem heads."""
    doc.numbering = cls.numbering
    numbers = iter(doc.heading_numbers())
    blocks: list[Block] = []
    chapter, counts = 0, {"table": 0, "figure": 0, "equation": 0, "theorem": 0, "math": 0}
    pending_runin: RunIn | None = None
    paragraphs = 0  # \paragraph's counter, reset by every heading (IEEEtran prints it: "a)")
    kinds: dict[str, int] = {}
    for block in doc.blocks:
        if isinstance(block, Heading):
            number = next(numbers)
            paragraphs = 0
            if block.level == 1 and cls.chapters:
                chapter += 1
                counts.update(table=0, figure=0, equation=0)
            if block.level in cls.runin:
                command, template = cls.runin[block.level]
                lead = template.format(num=number, title=block.text).strip()
                pending_runin = RunIn("", lead=lead, command=command, title=block.text)
                continue
        if pending_runin is not None:
            if isinstance(block, Para) and not isinstance(block, RunIn):
                pending_runin.text = block.text
                blocks.append(pending_runin)
                pending_runin = None
                continue
            blocks.append(pending_runin)  # a run-in head with nothing after it: alone in its paragraph
            pending_runin = None
        prefix = f"{chapter}." if cls.chapters else ""
        if isinstance(block, RunIn):
            paragraphs += 1
            block.lead = cls.paragraph.format(title=block.title, a=chr(ord("a") + paragraphs - 1))
        elif isinstance(block, Table):
            counts["table"] += 1
            block.number = counts["table"]
            block.label = label(cls.table_label, prefix, counts["table"])
        elif isinstance(block, Figure):
            counts["figure"] += 1
            block.number = counts["figure"]
            block.label = label(cls.figure_label, prefix, counts["figure"])
        elif isinstance(block, Math):
            counts["math"] += 1
            latex = TAG.sub("", block.latex)
            if counts["math"] % 2 == 0:  # every second display is numbered
                counts["equation"] += 1
                latex += rf" \tag{{{prefix}{counts['equation']}}}"
            block.latex = latex
        elif isinstance(block, Theorem) and not block.head.startswith("Proof"):
            counts["theorem"] += 1
            kind = block.head.split()[0]
            kinds[kind] = kinds.get(kind, 0) + 1
            n = kinds[kind] if cls.theorem_counters == "per-kind" else counts["theorem"]
            block.head = cls.theorem_head.format(kind=kind, n=n)
            block.italic = kind != "Definition" or not cls.definition_upright
        elif isinstance(block, Theorem):
            block.head = cls.proof_head
        elif isinstance(block, References):
            block.heading = cls.references if block.heading == "References" else block.heading
            block.entries = [
                cls.reference_label.format(n=i) + " " + strip_label(e) for i, e in enumerate(block.entries, 1)
            ]
        elif isinstance(block, Title):
            block.abstract_label = cls.abstract_label
            block.authors = cls.authors(block.authors)
        blocks.append(block)
    if pending_runin is not None:
        blocks.append(pending_runin)
    doc.blocks = blocks
    doc.furniture, doc.page_numbers = cls.furniture(doc), cls.page_numbers


def label(template: str, prefix: str, number: int) -> str:
    return template.format(n=f"{prefix}{number}", N=format_number("{1:I}", [number, 0, 0]))


def strip_label(entry: str) -> str:
    return re.sub(r"^(\[\d+\]|\d+\.)\s+", "", entry)


def latex_source(doc: Document, cls: LatexClass, preamble: str = COMMON_PREAMBLE) -> str:
    """The whole ``.tex`` file: class, preamble, front matter, body."""
    title = next((b for b in doc.blocks if isinstance(b, Title)), None)
    front = ""
    if title is not None:
        front = cls.front.format(
            title=escape(title.title),
            author=escape(title.authors[0]) if title.authors else "",
            affiliation=escape(doc_affiliation(title)),
            abstract=escape(title.abstract),
        )
    return (
        cls.documentclass
        + "\n"
        + preamble
        + cls.preamble
        + "\n\\begin{document}\n"
        + front
        + "\n"
        + latex_body(doc, cls.style)
        + "\\end{document}\n"
    )


def doc_affiliation(title: Title) -> str:
    from .latex_docs import AFFILIATION

    return AFFILIATION if title.authors else ""


def run(command: list[str], workdir: Path, env: dict[str, str] | None = None) -> None:
    done = subprocess.run(
        command, cwd=workdir, env=env or environment(), capture_output=True, text=True, timeout=600, errors="replace"
    )
    if done.returncode != 0:
        log = (workdir / "doc.log").read_text(errors="replace")[-3000:] if (workdir / "doc.log").exists() else ""
        raise RuntimeError(f"{command[0]} failed in {workdir}:\n{done.stdout[-1500:]}\n{log}")


def engine_passes(recipe: Recipe) -> int:
    return 2 if "toc" in recipe.features else 1


def render_pdflatex(recipe: Recipe, doc: Document, workdir: Path, pdf: Path) -> None:
    cls = class_of(recipe)
    (workdir / "doc.tex").write_text(latex_source(doc, cls), encoding="utf-8")
    for _ in range(engine_passes(recipe)):
        run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], workdir)
    shutil.move(workdir / "doc.pdf", pdf)


def render_dvips(recipe: Recipe, doc: Document, workdir: Path, pdf: Path) -> None:
    cls = class_of(recipe)
    encoding = "T1" if "t1" in recipe.features else "OT1"
    # no babel: Debian's ngerman.ldf is in texlive-lang-german, which the bench does not install;
    # German is set with English hyphenation patterns, the words themselves are what counts here
    fontenc = rf"\usepackage[{encoding}]{{fontenc}}" + "\n"
    preamble = fontenc + COMMON_PREAMBLE.replace("{graphicx}", "[dvips]{graphicx}")
    for figure in workdir.glob("figure-*.png"):  # dvips places EPS, not PNG
        eps = figure.with_suffix(".eps")
        if not eps.exists():
            with Image.open(figure) as image:
                image.convert("RGB").save(eps, "EPS")
    source = latex_source(doc, cls, preamble).replace(".png}", ".eps}")
    (workdir / "doc.tex").write_text(source, encoding="utf-8")
    run(["latex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], workdir)
    run(["dvips", "-q", "-o", "doc.ps", "doc.dvi"], workdir)
    run(["ps2pdf", "-dPDFSETTINGS=/prepress", "doc.ps", "doc.pdf"], workdir)
    shutil.move(workdir / "doc.pdf", pdf)


MATH_FONTS = {
    "lm": ("Latin Modern Roman", "Latin Modern Math"),
    "pagella": ("TeX Gyre Pagella", "TeX Gyre Pagella Math"),
    "termes": ("TeX Gyre Termes", "TeX Gyre Termes Math"),
    "stix": ("STIX", "STIX Math"),
    "dejavu": ("DejaVu Serif", "TeX Gyre DejaVu Math"),
}


def render_unicode_math(recipe: Recipe, doc: Document, workdir: Path, pdf: Path) -> None:
    cls = class_of(recipe)
    text_font, math_font = MATH_FONTS[recipe.variant.split("+")[1]]
    preamble = (
        COMMON_PREAMBLE.replace(r"\usepackage{amssymb}", "")
        + "\\usepackage{unicode-math}\n"
        + f"\\setmainfont{{{text_font}}}\n\\setmathfont{{{math_font}}}\n"
    )
    (workdir / "doc.tex").write_text(latex_source(doc, cls, preamble), encoding="utf-8")
    run([recipe.engine.removeprefix("um-"), "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], workdir)
    shutil.move(workdir / "doc.pdf", pdf)


def class_of(recipe: Recipe) -> LatexClass:
    """The recipe's class: its variant, "class" or "class+mathfont" (unicode-math)."""
    return CLASSES[recipe.variant.split("+")[0]]


def make_document(recipe: Recipe) -> Document:
    """The recipe's paper or book, with what its class prints written in (the truth is made from it)."""
    doc = book(recipe) if "book" in recipe.features else paper(recipe)
    apply_class(doc, class_of(recipe))
    return doc


DEPENDS = (latex_docs, latex_styles, latex_writer)  # their code goes into each PDF's fingerprint (build.py)
DEBS = ("texlive-publishers", "texlive-science", "texlive-latex-extra")
UNICODE_DEBS = ("fonts-texgyre", "fonts-texgyre-math", "fonts-stix")
PRODUCERS = [
    Producer("latex-class", "publisher-latex", render_pdflatex, make_document, __name__, DEBS),
    Producer("dvips", "dvips", render_dvips, make_document, __name__, (*DEBS, "ghostscript")),
    Producer(
        "um-xelatex",
        "unicode-math",
        render_unicode_math,
        make_document,
        __name__,
        (*DEBS, "texlive-xetex", *UNICODE_DEBS),
    ),
    Producer(
        "um-lualatex",
        "unicode-math",
        render_unicode_math,
        make_document,
        __name__,
        (*DEBS, "texlive-luatex", *UNICODE_DEBS),
    ),
]

PAPER = F("title", "lists", "emphasis", "footnotes", "references")
MATH = F("math", "inline_math", "math_extra", "theorems")
TABLES = F("tables_ruled", "tables_unruled", "tables_merged", "tables_merged_unruled")
BOOK = F("book", "theorems", "references", "lists", "code", "math", "tables_ruled", "tables_merged", "figures")
BOOK |= F("footnotes", "emphasis", "inline_math", "tables_unruled")


def recipe(name: str, engine: str, variant: str, features: frozenset[str], sections: int = 5, **kw: object) -> Recipe:
    lang = str(kw.pop("lang", "en"))
    numbered = bool(kw.pop("numbered", True))
    return Recipe(name, lang, engine, sections=sections, features=features, numbered=numbered, variant=variant, **kw)  # type: ignore[arg-type]


def pl(name: str, variant: str, features: frozenset[str], sections: int = 5, **kw: object) -> Recipe:
    return recipe(f"pl-{name}", "latex-class", variant, features, sections, **kw)


def dv(name: str, variant: str, features: frozenset[str], sections: int = 5, **kw: object) -> Recipe:
    return recipe(f"dvips-{name}", "dvips", variant, features, sections, **kw)


def um(name: str, engine: str, variant: str, features: frozenset[str], sections: int = 5, **kw: object) -> Recipe:
    return recipe(f"um-{name}", f"um-{engine}", variant, features, sections, **kw)


GERMAN = F("lists", "emphasis", "footnotes", "tables_ruled", "code", "tables_merged")
RECIPES: list[Recipe] = [
    # publisher classes, pdflatex
    pl("ieee-conf", "ieee-conf", PAPER | MATH | F("runin", "tables_ruled", "tables_merged", "figures", "code")),
    pl("ieee-conf-tables", "ieee-conf", TABLES | F("title", "references", "lists"), seed=2),
    pl("ieee-journal", "ieee-journal", PAPER | MATH | F("runin", "figures"), sections=6, paragraphs=3),
    pl("ieee-journal-long", "ieee-journal", PAPER | TABLES | F("math", "runin"), sections=12, paragraphs=8),
    pl("acm", "acm-sigconf", PAPER | F("math", "math_extra", "runin", "tables_ruled", "figures")),
    pl("acm-tables", "acm-sigconf", TABLES | F("title", "references", "code"), seed=2),
    pl("llncs", "llncs", PAPER | MATH | F("runin", "tables_ruled", "figures")),
    pl("llncs-long", "llncs", PAPER | MATH | F("code", "tables_unruled"), sections=10, paragraphs=3),
    pl("elsarticle", "elsarticle", PAPER | MATH | TABLES, sections=6),
    pl("elsarticle-long", "elsarticle", PAPER | F("code", "figures", "runin"), sections=12, paragraphs=6),
    pl("revtex", "revtex-aps", PAPER | MATH | F("tables_ruled", "tables_merged", "figures")),
    pl("revtex-long", "revtex-aps", PAPER | MATH | F("tables_unruled", "runin"), sections=12, paragraphs=6),
    pl("amsart", "amsart", PAPER | MATH | F("runin"), sections=6),
    pl("amsart-long", "amsart", PAPER | MATH | F("tables_merged", "code"), sections=10, paragraphs=3),
    pl("scrartcl", "scrartcl", PAPER | TABLES | F("runin", "code")),
    pl("scrartcl-unnumbered", "scrartcl", PAPER | MATH, sections=6, numbered=False),
    pl("memoir-book", "memoir", BOOK, sections=14, paragraphs=6),
    pl("memoir-book-2", "memoir", BOOK, sections=14, paragraphs=8, seed=2),
    pl("scrbook", "scrbook", BOOK, sections=12, paragraphs=6),
    pl("memoir-book-3", "memoir", BOOK, sections=14, paragraphs=10, seed=3),
    pl("memoir-book-4", "memoir", BOOK, sections=14, paragraphs=8, seed=4),
    pl("scrbook-2", "scrbook", BOOK, sections=14, paragraphs=8, seed=2),
    pl("scrbook-3", "scrbook", BOOK, sections=12, paragraphs=7, seed=3),
    # latex -> dvips -> ps2pdf
    dv("article", "article", PAPER | MATH | F("tables_ruled", "figures", "code")),
    dv("article-math", "article", MATH | F("lists"), sections=6),
    dv("article-long", "article", PAPER | F("code", "tables_unruled", "runin"), sections=12, paragraphs=6),
    dv("de-ot1", "article", GERMAN, lang="de"),
    dv("de-t1", "article", GERMAN | F("t1"), lang="de", seed=2),
    dv("ieee-conf", "ieee-conf", PAPER | MATH | F("runin", "tables_merged")),
    dv("amsart", "amsart", PAPER | MATH, sections=6),
    dv("llncs", "llncs", PAPER | MATH | F("tables_ruled")),
    dv("memoir-book", "memoir", BOOK, sections=12, paragraphs=6),
    # unicode-math: XeLaTeX and LuaLaTeX with OpenType math fonts
    um("xe-lm", "xelatex", "article+lm", MATH | F("lists", "footnotes")),
    um("xe-pagella", "xelatex", "article+pagella", PAPER | MATH, sections=6),
    um("xe-termes-ieee", "xelatex", "ieee-conf+termes", PAPER | MATH | F("tables_ruled")),
    um("xe-stix-amsart", "xelatex", "amsart+stix", PAPER | MATH, sections=6),
    um("xe-dejavu", "xelatex", "article+dejavu", MATH | F("tables_merged", "code")),
    um("lua-lm", "lualatex", "article+lm", PAPER | MATH),
    um("lua-pagella-amsart", "lualatex", "amsart+pagella", PAPER | MATH | F("runin"), sections=6),
    um("lua-termes-koma", "lualatex", "scrartcl+termes", PAPER | MATH | F("tables_ruled")),
    um("lua-stix-long", "lualatex", "article+stix", PAPER | MATH | F("code"), sections=12, paragraphs=5),
    um("lua-pagella-long", "lualatex", "article+pagella", MATH | F("lists", "footnotes"), sections=10, paragraphs=3),
    um("lua-scrbook-pagella", "lualatex", "scrbook+pagella", BOOK, sections=12, paragraphs=6),
]
