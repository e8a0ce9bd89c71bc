"""The LaTeX writer and the class styles: string-level checks, nothing is compiled."""

from bench.corpus.build import document_of
from bench.corpus.model import (
    Cell,
    Document,
    Figure,
    Heading,
    Item,
    ListBlock,
    Math,
    Para,
    References,
    Table,
    Theorem,
    Title,
    format_number,
    truth_markdown,
)
from bench.corpus.producers import producers
from bench.corpus.producers.latex_classes import RECIPES, apply_class, class_of, latex_source
from bench.corpus.producers.latex_styles import CLASSES
from bench.corpus.producers.latex_writer import RunIn, Style, escape, inline, latex_body
from bench.score.markdown import display_math, headings, tables


def test_inline_markdown_becomes_latex():
    text = "A **bold** and *slanted* `code` word, $x_i^2$ kept{fn:1}, 50% & #3_a."
    out = inline(text, {1: "A note."})
    assert r"\textbf{bold}" in out and r"\emph{slanted}" in out and r"\texttt{code}" in out
    assert "$x_i^2$" in out  # math passes through untouched
    assert r"\footnote{A note.}" in out
    assert r"50\% \& \#3\_a." in out
    assert escape("a<b>c|d~e^f\\g") == (
        r"a\textless{}b\textgreater{}c\textbar{}d\textasciitilde{}e\textasciicircum{}f\textbackslash{}g"
    )


def test_lists_nest_itemize_in_enumerate():
    inner = ListBlock(False, [Item("two a")])
    doc = Document([ListBlock(True, [Item("one"), Item("two", inner)])])
    body = latex_body(doc, Style())
    assert body.split() == (
        [
            r"\begin{enumerate}",
            r"\item",
            r"one",
            r"\item",
            r"two",
            r"\begin{itemize}",
            r"\item",
            r"two",
            r"a",
            r"\end{itemize}",
            r"\end{enumerate}",
        ]
    )


def test_headings_starred_when_unnumbered_and_chapters_in_books():
    doc = Document([Heading(1, "Results"), Heading(2, "Data")], numbered=False)
    assert latex_body(doc, Style()).strip().split("\n\n")[:2] == [r"\section*{Results}", r"\subsection*{Data}"]
    doc.numbered = True
    book = Style(headings=("chapter", "section", "subsection"))
    assert latex_body(doc, book).strip().split("\n\n")[:2] == [r"\chapter{Results}", r"\section{Data}"]


def merged_table(ruled: bool) -> Table:
    rows = [
        [Cell("Region", rowspan=2), Cell("Temperature", colspan=2)],
        [Cell("Min"), Cell("Max")],
        [Cell("Coast"), Cell("1"), Cell("9")],
    ]
    return Table(rows, header_rows=2, ruled=ruled, caption="T")


def test_table_rules_grid_booktabs_and_none():
    grid = latex_body(Document([merged_table(True)]), Style(tables="grid"))
    assert r"\begin{tabular}{|l|l|l|}" in grid and r"\hline" in grid and r"\multirow{2}{*}{Region}" in grid
    booktabs = latex_body(Document([merged_table(True)]), Style(tables="booktabs"))
    assert r"\toprule" in booktabs and r"\bottomrule" in booktabs and r"\hline" not in booktabs
    assert r"\cmidrule(lr){2-3}" in booktabs and r"Min & Max \\ \midrule" in booktabs
    plain = latex_body(Document([merged_table(False)]), Style(tables="booktabs"))
    assert "rule" not in plain and "|" not in plain
    wide = latex_body(Document([merged_table(True)]), Style(wide_merged=True))
    assert r"\begin{table*}[t]" in wide


def test_display_math_environments():
    doc = Document(
        [
            Math(r"a = b \tag{1}"),
            Math(r"\begin{aligned} a &= b \\ c &= d \end{aligned}"),
            Math(r"\begin{aligned} e &= f \\ g &= h \end{aligned} \tag{2}"),
            Math(r"x = y \tag{7}"),  # not the next number: kept as a tag
        ]
    )
    parts = latex_body(doc, Style()).strip().split("\n\n")
    assert parts[0] == "\\begin{equation}\na = b\n\\end{equation}"
    assert parts[1] == "\\begin{align*}\na &= b \\\\ c &= d\n\\end{align*}"
    assert parts[2] == "\\begin{align}\ne &= f \\nonumber \\\\\ng &= h\n\\end{align}"
    assert parts[3] == "\\begin{equation*}\nx = y \\tag{7}\n\\end{equation*}"


def test_number_styles():
    assert format_number("{1:I}.", [4, 0, 0]) == "IV."
    assert format_number("{2:A}.", [1, 3, 0]) == "C."
    assert format_number("{1}.{2}.{3}.", [2, 1, 5]) == "2.1.5."
    doc = Document([Heading(1, "A"), Heading(2, "B"), Heading(3, "C"), Heading(1, "D")], numbered=True)
    doc.numbering = "ieee"
    assert doc.heading_numbers() == ["I.", "A.", "1)", "II."]
    doc.numbering = "llncs"
    assert doc.heading_numbers() == ["1", "1.1", "", "2"]


def test_amsart_prints_subsections_run_in():
    doc = Document([Heading(1, "Data"), Heading(2, "Sources"), Para("Text one."), Heading(3, "Gaps")], numbered=True)
    doc.blocks.append(Para("Text two."))
    apply_class(doc, CLASSES["amsart"])
    truth = truth_markdown(doc)
    assert "# 1. Data" in truth and "**1.1. Sources.** Text one." in truth and "**1.1.1. Gaps.** Text two." in truth
    body = latex_body(doc, CLASSES["amsart"].style)
    assert "\\subsection{Sources}\nText one." in body and "\\subsubsection{Gaps}\nText two." in body


def test_ieee_labels_theorems_and_paragraphs():
    doc = Document(
        [
            Title("T", ["A. Author", "Institute"], "We measure.", ""),
            Heading(1, "Intro"),
            RunIn("Body.", title="Drift"),
            RunIn("More.", title="Gaps"),
            Table([[Cell("a")], [Cell("1")]], 1, True, "Cap"),
            Table([[Cell("a")], [Cell("1")]], 1, True, "Cap two"),
            Figure("f.png", "Fig cap"),
            Theorem("Theorem", "Claim."),
            Theorem("Proof.", "Because.", italic=False),
            References("References", ["Someone, A book, 2020."]),
        ],
        numbered=True,
    )
    apply_class(doc, CLASSES["ieee-conf"])
    truth = truth_markdown(doc)
    for line in (
        "**Abstract—**We measure.",
        "# I. Intro",
        "**a) Drift:** Body.",
        "**b) Gaps:** More.",
        "TABLE II Cap two",
        "![Fig. 1. Fig cap](f.png)",
        "**Theorem 1.** *Claim.*",
        "**Proof.** Because.",
        "- [1] Someone, A book, 2020.",
    ):
        assert line in truth, line
    source = latex_source(doc, CLASSES["ieee-conf"])
    assert source.startswith(r"\documentclass[conference]{IEEEtran}")
    assert "\\paragraph{Drift}\nBody." in source and r"\begin{theorem}" in source and r"\begin{proof}" in source
    assert r"\bibitem{b1} Someone, A book, 2020." in source and r"\IEEEauthorblockN{A. Author}" in source


def test_llncs_counts_each_theorem_kind_and_memoir_numbers_per_chapter():
    doc = Document([Theorem("Theorem", "x"), Theorem("Lemma", "y"), Theorem("Theorem", "z")])
    apply_class(doc, CLASSES["llncs"])
    assert [b.head for b in doc.blocks if isinstance(b, Theorem)] == ["Theorem 1.", "Lemma 1.", "Theorem 2."]
    book = Document([Heading(1, "One"), Figure("f.png", "a"), Heading(1, "Two"), Figure("f.png", "b")])
    book.blocks += [Math("a"), Math("b"), References("References", ["[9] X."])]
    book.numbered = True
    apply_class(book, CLASSES["memoir"])
    truth = truth_markdown(book)
    assert "# Chapter 1 One" in truth and "![Figure 2.1: b](f.png)" in truth and r"b \tag{2.1}" in truth
    assert "# Bibliography" in truth and "- [1] X." in truth
    assert book.furniture == ["CHAPTER 1. ONE", "CHAPTER 2. TWO", "BIBLIOGRAPHY"]


def test_recipes_resolve_and_truth_round_trips():
    found = producers()
    families = {found[r.engine].family for r in RECIPES}
    assert families == {"publisher-latex", "dvips", "unicode-math"}
    assert len({r.name for r in RECIPES}) == len(RECIPES) >= 35
    for recipe in RECIPES:
        cls = class_of(recipe)
        doc = document_of(recipe)
        truth = truth_markdown(doc)
        count = sum(isinstance(b, Heading) for b in doc.blocks)
        count += sum(isinstance(b, Title) for b in doc.blocks)
        count += sum(isinstance(b, Title) and b.abstract_label.startswith("#") for b in doc.blocks)
        count += sum(isinstance(b, References) and bool(b.heading) for b in doc.blocks)
        assert len(headings(truth)) == count, recipe.name
        assert len(tables(truth)) == sum(isinstance(b, Table) for b in doc.blocks), recipe.name
        assert len(display_math(truth)) == sum(isinstance(b, Math) for b in doc.blocks), recipe.name
        assert doc.numbering == cls.numbering
        assert truth == truth_markdown(document_of(recipe))  # deterministic


def test_recipes_cover_the_classes_and_fonts():
    variants = {r.variant for r in RECIPES}
    assert {v.split("+")[0] for v in variants} >= {
        "ieee-conf",
        "ieee-journal",
        "acm-sigconf",
        "llncs",
        "elsarticle",
        "revtex-aps",
        "amsart",
        "scrartcl",
        "memoir",
    }
    assert {v.split("+")[1] for v in variants if "+" in v} >= {"lm", "pagella", "termes", "stix"}
    assert any(r.lang == "de" and "t1" in r.features for r in RECIPES)
    assert any(r.lang == "de" and "t1" not in r.features and r.engine == "dvips" for r in RECIPES)
