"""What each LaTeX class prints: the preamble it needs and how it numbers and labels things.

Every template here was checked against the class's output (``pdftotext`` and the rendered pages)
with Debian bookworm's TeX Live 2022: a change of class version may change what the page shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Document, Heading, References
from .latex_writer import Style

COMMON_PREAMBLE = r"""\usepackage{graphicx}
\usepackage{amsmath}
\usepackage{amssymb}
\usepackage{booktabs}
\usepackage{multirow}
\usepackage{float}
\renewcommand{\labelenumii}{\arabic{enumii}.}
\renewcommand{\labelenumiii}{\arabic{enumiii}.}
"""

AMSTHM = r"""
\usepackage{amsthm}
\newtheorem{theorem}{Theorem}
\newtheorem{lemma}[theorem]{Lemma}
\theoremstyle{definition}
\newtheorem{definition}[theorem]{Definition}
"""


def same(authors: list[str]) -> list[str]:
    return authors


def upper(authors: list[str]) -> list[str]:
    return [a.upper() for a in authors[:1]]  # amsart prints the author in capitals, the address at the end


def first(authors: list[str]) -> list[str]:
    return authors[:1]


def with_country(authors: list[str]) -> list[str]:
    return [*authors, "Norway"]


def country_joined(authors: list[str]) -> list[str]:
    return [authors[0], f"{authors[1]}, Norway"]


def no_furniture(doc: Document) -> list[str]:
    return []


@dataclass(frozen=True)
class LatexClass:
    """One document class as printed: preamble, front matter, numbers and labels, furniture."""

    documentclass: str
    preamble: str
    front: str  # {title} {author} {affiliation} {abstract}
    numbering: str = "arabic"  # model.NUMBER_STYLES
    chapters: bool = False  # level 1 is \chapter; floats and equations are numbered per chapter
    runin: dict[int, tuple[str, str]] = field(default_factory=dict)  # level -> (command, printed "{num} {title}.")
    paragraph: str = "{title}"  # how \paragraph{title} prints its run-in head ({a}: its letter, IEEEtran)
    table_label: str = "Table {n}:"  # {n} arabic (chapter-prefixed in books), {N} upper roman
    figure_label: str = "Figure {n}:"
    theorem_head: str = "{kind} {n}."
    theorem_counters: str = "shared"  # "shared" by theorem, lemma, definition; "per-kind" (llncs)
    definition_upright: bool = True
    proof_head: str = "Proof."
    references: str = "References"
    reference_label: str = "[{n}]"
    abstract_label: str = "Abstract"
    authors: Callable[[list[str]], list[str]] = same
    style: Style = field(default_factory=Style)
    furniture: Callable[[Document], list[str]] = no_furniture
    page_numbers: bool = True


IEEE_FRONT = r"""\title{{{title}}}
\author{{\IEEEauthorblockN{{{author}}}\IEEEauthorblockA{{{affiliation}}}}}
\maketitle
\begin{{abstract}}
{abstract}
\end{{abstract}}
"""
IEEE_RUNIN = {3: ("subsubsection", "{num} {title}:")}


def ieee_journal_heads(doc: Document) -> list[str]:
    return ["JOURNAL OF COASTAL MEASUREMENTS, VOL. 7, NO. 2"]  # the right mark is not printed (oneside)


def amsart_heads(doc: Document) -> list[str]:
    return ["ANNA BERGER", "HOURLY WATER TEMPERATURE ALONG THE NORTHERN COAST"]


def acm_heads(doc: Document) -> list[str]:
    return [
        "CoastConf '26, June 2026, Bergen, Norway",
        "Anna Berger",
        "Hourly Water Temperature along the Northern Coast",
    ]


def book_heads(doc: Document, chapter_head: str, section_head: str, bibliography: str) -> list[str]:
    """A book's running heads: the chapter's on even pages, the section's on odd ones, every one of them."""
    heads = []
    chapter = section = 0
    for block in doc.blocks:
        if isinstance(block, Heading) and block.level == 1:
            chapter, section = chapter + 1, 0
            heads.append(chapter_head.format(c=chapter, title=block.text))
        elif isinstance(block, Heading) and block.level == 2:
            section += 1
            heads.append(section_head.format(c=chapter, s=section, title=block.text))
        elif isinstance(block, References) and bibliography:
            heads.append(bibliography)
    return heads


def memoir_heads(doc: Document) -> list[str]:
    """memoir's ``headings`` page style prints its marks in capitals: "CHAPTER 1. TITLE", "1.2. TITLE"."""
    return [h.upper() for h in book_heads(doc, "Chapter {c}. {title}", "{c}.{s}. {title}", "Bibliography")]


def koma_heads(doc: Document) -> list[str]:
    """scrbook's ``headings`` page style: "1 Title" (chapter, even pages), "1.2 Title" (section, odd pages)."""
    return book_heads(doc, "{c} {title}", "{c}.{s} {title}", "Bibliography")


def elsarticle_heads(doc: Document) -> list[str]:
    return ["Preprint submitted to Coastal Research", "November 14, 2023"]


CLASSES: dict[str, LatexClass] = {
    "ieee-conf": LatexClass(
        r"\documentclass[conference]{IEEEtran}",
        AMSTHM,
        IEEE_FRONT,
        numbering="ieee",
        runin=IEEE_RUNIN,
        paragraph="{a}) {title}:",
        table_label="TABLE {N}",
        figure_label="Fig. {n}.",
        abstract_label="Abstract—",
        style=Style(float_place="!htb", wide_merged=True),
        page_numbers=False,
    ),
    "ieee-journal": LatexClass(
        r"\documentclass[journal]{IEEEtran}",
        AMSTHM + r"\markboth{Journal of Coastal Measurements, Vol. 7, No. 2}{Berger: Hourly Water Temperature}",
        IEEE_FRONT.replace(r"{{\IEEEauthorblockN{{{author}}}\IEEEauthorblockA{{{affiliation}}}}}", "{{{author}}}"),
        authors=first,
        numbering="ieee",
        runin=IEEE_RUNIN,
        paragraph="{a}) {title}:",
        table_label="TABLE {N}",
        figure_label="Fig. {n}.",
        abstract_label="Abstract—",
        style=Style(float_place="!htb", wide_merged=True),
        furniture=ieee_journal_heads,
    ),
    "acm-sigconf": LatexClass(
        r"\documentclass[sigconf,acmthm=false]{acmart}",
        r"""\settopmatter{printacmref=false,printccs=false,printfolios=true}
\setcopyright{none}
\renewcommand\footnotetextcopyrightpermission[1]{}
\acmConference[CoastConf '26]{Coastal Data Conference}{June 2026}{Bergen, Norway}
"""
        + AMSTHM,
        r"""\title{{{title}}}
\author{{{author}}}
\affiliation{{\institution{{{affiliation}}}\country{{Norway}}}}
\begin{{abstract}}
{abstract}
\end{{abstract}}
\maketitle
""",
        numbering="arabic",
        runin={3: ("subsubsection", "{num} {title}.")},
        paragraph="{title}.",
        abstract_label="# Abstract",
        authors=with_country,
        style=Style(tables="booktabs", float_place="!htb", wide_merged=True),
        furniture=acm_heads,
    ),
    "llncs": LatexClass(
        r"\documentclass{llncs}",
        "",
        r"""\title{{{title}}}
\author{{{author}}}
\institute{{{affiliation}}}
\maketitle
\begin{{abstract}}
{abstract}
\end{{abstract}}
""",
        numbering="llncs",
        runin={3: ("subsubsection", "{title}")},
        table_label="Table {n}.",
        figure_label="Fig. {n}.",
        theorem_counters="per-kind",
        reference_label="{n}.",
        abstract_label="Abstract.",
        page_numbers=False,
    ),
    "elsarticle": LatexClass(
        r"\documentclass[preprint,12pt]{elsarticle}",
        AMSTHM + r"\journal{Coastal Research}" + "\n",
        r"""\begin{{frontmatter}}
\title{{{title}}}
\author{{{author}}}
\affiliation{{organization={{{affiliation}}},country={{Norway}}}}
\begin{{abstract}}
{abstract}
\end{{abstract}}
\end{{frontmatter}}
""",
        numbering="arabic-dot",
        abstract_label="# Abstract",
        style=Style(tables="booktabs"),
        authors=country_joined,
        furniture=elsarticle_heads,
    ),
    "revtex-aps": LatexClass(
        r"\documentclass[aps,pra,reprint,nofootinbib]{revtex4-2}",
        AMSTHM,
        r"""\title{{{title}}}
\author{{{author}}}
\affiliation{{{affiliation}}}
\begin{{abstract}}
{abstract}
\end{{abstract}}
\maketitle
""",
        numbering="revtex",
        paragraph="{a}. {title}",
        references="",  # revtex prints the list under no heading
        table_label="TABLE {N}.",
        figure_label="FIG. {n}.",
        abstract_label="",
        style=Style(float_place="!htb", wide_merged=True),
    ),
    "amsart": LatexClass(
        r"\documentclass{amsart}",
        AMSTHM,
        r"""\title{{{title}}}
\author{{{author}}}
\begin{{abstract}}
{abstract}
\end{{abstract}}
\maketitle
""",
        numbering="arabic-dot",
        runin={2: ("subsection", "{num} {title}."), 3: ("subsubsection", "{num} {title}.")},
        paragraph="{title}.",
        table_label="Table {n}.",
        figure_label="Figure {n}.",
        abstract_label="Abstract.",
        authors=upper,
        furniture=amsart_heads,
    ),
    "scrartcl": LatexClass(
        r"\documentclass[11pt,a4paper]{scrartcl}",
        AMSTHM,
        r"""\title{{{title}}}
\author{{{author}\\{affiliation}}}
\date{{}}
\maketitle
\begin{{abstract}}
{abstract}
\end{{abstract}}
""",
        abstract_label="",  # scrartcl prints no "Abstract" title unless asked (abstract=true)
        style=Style(tables="booktabs"),
    ),
    "memoir": LatexClass(
        r"\documentclass[11pt,a4paper]{memoir}",
        AMSTHM + "\\pagestyle{headings}\n",
        r"""\title{{{title}}}
\author{{{author}\\{affiliation}}}
\date{{}}
\maketitle
\thispagestyle{{empty}}
""",
        numbering="chapter",
        chapters=True,
        style=Style(headings=("chapter", "section", "subsection"), tables="booktabs", numbered_equations=False),
        references="Bibliography",
        furniture=memoir_heads,
    ),
    "scrbook": LatexClass(
        r"\documentclass[11pt,a4paper]{scrbook}",
        AMSTHM + "\\pagestyle{headings}\n",
        "",
        numbering="koma-book",
        chapters=True,
        style=Style(headings=("chapter", "section", "subsection"), tables="booktabs", numbered_equations=False),
        references="Bibliography",
        furniture=koma_heads,
    ),
    "article": LatexClass(
        r"\documentclass[11pt,a4paper]{article}",
        AMSTHM + "\\usepackage[margin=2.5cm]{geometry}\n",
        r"""\title{{{title}}}
\author{{{author}\\{affiliation}}}
\date{{}}
\maketitle
\begin{{abstract}}
{abstract}
\end{{abstract}}
""",
        abstract_label="# Abstract",
    ),
}
