"""Recipes for the corpus and the deterministic builder that turns a recipe into a document.

A recipe names a language, an engine, a column count and the features to exercise; the builder
draws the sentences, headings and list items from ``texts`` with a random generator seeded by the
recipe, so the same recipe always gives the same document.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .model import Block, Cell, Code, Document, Figure, Heading, Item, ListBlock, Math, Para, Table
from .texts import LANGUAGES, LanguageText

EQUATIONS = (
    r"E = mc^2",
    r"\int_0^1 x^2 \, dx = \frac{1}{3}",
    r"\sum_{i=1}^{n} i = \frac{n(n+1)}{2}",
    r"f(x) = \sqrt{x^2 + y^2}",
    r"A = \begin{pmatrix} a & b \\ c & d \end{pmatrix}",
    r"\frac{\partial u}{\partial t} = \alpha \frac{\partial^2 u}{\partial x^2}",
    r"\lim_{x \to 0} \frac{\sin x}{x} = 1",
    r"\bar{x} = \frac{1}{n} \sum_{i=1}^{n} x_i",
    r"\sigma^2 = \frac{1}{n-1} \sum_{i=1}^{n} (x_i - \bar{x})^2",
    r"e^{i \pi} + 1 = 0",
    r"\begin{aligned} a &= b + c \\ d &= e - f \end{aligned}",
    r"P(A \mid B) = \frac{P(B \mid A) P(A)}{P(B)}",
    r"x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a} \tag{1}",
    r"\nabla \cdot \mathbf{E} = \frac{\rho}{\varepsilon_0}",
)

INLINE_MATH = (
    "The mean $\\bar{x}$ is taken over $n = 12$ stations.",
    "Each residual $r_i = y_i - \\hat{y}_i$ is kept in degrees.",
    "The error decays like $O(h^2)$ when the step $h$ is halved.",
    "We report $\\alpha = 0.05$ and $\\beta \\le 0.2$ for every test.",
)

CODE = (
    [
        "def mean(values):",
        "    total = 0.0",
        "    for value in values:",
        "        total += value",
        "    return total / len(values)",
    ],
    [
        "for station in stations:",
        "    series = load(station)",
        "    if series.empty:",
        "        continue",
        "    print(station, series.mean())",
    ],
    ["$ make data", "$ ./analyse --stations 12 --years 3", "wrote results/summary.csv"],
    ["struct sample {", "    double time;", "    double value;", "};"],
)

STATIONS = ("North", "South", "East", "West", "Harbour", "Cape", "Island", "Bay")


@dataclass(frozen=True)
class Recipe:
    """What one corpus document is: language, engine, layout and the features it exercises."""

    name: str
    lang: str
    engine: str  # a producer's engine name: pdflatex | xelatex | weasyprint | those in producers/
    columns: int = 1
    sections: int = 3
    paragraphs: int = 2  # per section
    features: frozenset[str] = field(default_factory=frozenset)
    running: bool = True  # running header and page numbers
    numbered: bool = False
    scans: tuple[int, ...] = ()  # dpi of each scanned variant
    seed: int = 0
    variant: str = ""  # a producer's own choice: a document class, a style sheet, a math renderer


def build(recipe: Recipe) -> Document:
    """The document a recipe describes; deterministic in the recipe."""
    rng = random.Random(f"{recipe.name}:{recipe.seed}")
    text = LANGUAGES[recipe.lang]
    doc = Document(blocks=[], lang=recipe.lang, numbered=recipe.numbered)
    headings = list(text.headings)
    rng.shuffle(headings)
    features = sorted(recipe.features)
    counters = {"table": 0, "figure": 0}
    for section in range(recipe.sections):
        if not headings:  # the language's heading pool is used up: no repeated titles
            break
        doc.blocks.append(Heading(1, headings.pop()))
        add_paragraphs(doc, text, recipe, rng, recipe.paragraphs)
        if features:
            feature = features[section % len(features)]
            doc.blocks.extend(feature_blocks(feature, text, rng, counters, section))
        if headings and section % 2 == 0:
            doc.blocks.append(Heading(2, headings.pop()))
            add_paragraphs(doc, text, recipe, rng, 1)
            if headings and section == 0:
                doc.blocks.append(Heading(3, headings.pop()))
                add_paragraphs(doc, text, recipe, rng, 1)
        if len(features) > recipe.sections and section == recipe.sections - 1:
            for extra in features[recipe.sections :]:
                doc.blocks.extend(feature_blocks(extra, text, rng, counters, section))
    return doc


def add_paragraphs(doc: Document, text: LanguageText, recipe: Recipe, rng: random.Random, count: int) -> None:
    for _ in range(count):
        sentences = rng.sample(text.sentences, k=min(len(text.sentences), rng.randint(4, 6)))
        if "inline_math" in recipe.features and rng.random() < 0.5:
            sentences.insert(rng.randint(0, len(sentences)), rng.choice(INLINE_MATH))
        if "footnotes" in recipe.features and rng.random() < 0.5:
            number = len(doc.footnotes) + 1
            doc.footnotes[number] = footnote_text(text, rng, number)
            sentences[0] = sentences[0] + f"{{fn:{number}}}"
        if "emphasis" in recipe.features:
            # no emphasis inside inline math, and none in CJK (no spaces to find a word by)
            sentences = [emphasise(s, rng) if text.space and "$" not in s else s for s in sentences]
        doc.blocks.append(Para(text.space.join(sentences)))


def footnote_text(text: LanguageText, rng: random.Random, number: int) -> str:
    """A note that reads like no body sentence, so a scorer can find it wherever a tool puts it."""
    colon, stop = ("：", "。") if not text.space else (": ", ".")
    return f"{rng.choice(text.captions)} ({number}){colon}{rng.choice(text.items)}{stop}"


def emphasise(sentence: str, rng: random.Random) -> str:
    """Wrap one word of the sentence in bold, italic or code, now and then."""
    words = sentence.split(" ")
    if len(words) < 6 or rng.random() < 0.6:
        return sentence
    index = rng.randint(1, len(words) - 3)
    mark = rng.choice(("**", "*", "`"))
    words[index] = f"{mark}{words[index]}{mark}"
    return " ".join(words)


def feature_blocks(
    feature: str, text: LanguageText, rng: random.Random, counters: dict[str, int], at: int
) -> list[Block]:
    if feature == "lists":
        return [make_list(text, rng, ordered=at % 2 == 1)]
    if feature == "code":
        return [Code(list(rng.choice(CODE)))]
    if feature == "math":
        return [Math(e) for e in rng.sample(EQUATIONS, 2)]
    if feature in ("tables_ruled", "tables_unruled", "tables_merged", "tables_merged_unruled"):
        counters["table"] += 1
        merged = "merged" in feature
        ruled = feature in ("tables_ruled", "tables_merged")
        return [make_table(rng, counters["table"], ruled=ruled, merged=merged)]
    if feature == "figures":
        counters["figure"] += 1
        return [Figure(f"figure-{counters['figure'] % 3 + 1}.png", rng.choice(text.captions), counters["figure"])]
    return []  # footnotes, inline_math, emphasis live inside paragraphs


def make_list(text: LanguageText, rng: random.Random, ordered: bool) -> ListBlock:
    items = rng.sample(text.items, k=min(len(text.items), 4))
    nested = ListBlock(ordered=not ordered, items=[Item(t) for t in rng.sample(text.items, 2)])
    third = ListBlock(ordered=False, items=[Item(rng.choice(text.items))])
    nested.items[0].children = third if rng.random() < 0.5 else None
    top = [Item(t) for t in items]
    top[1].children = nested
    return ListBlock(ordered=ordered, items=top)


def make_table(rng: random.Random, number: int, ruled: bool, merged: bool) -> Table:
    stations = rng.sample(STATIONS, 4)
    caption = rng.choice(("Temperature by station", "Summary of the measurements", "Pressure and temperature"))
    if not merged:
        rows = [[Cell("Station"), Cell("Mean"), Cell("Min"), Cell("Max"), Cell("Days")]]
        for station in stations:
            low = rng.randint(-9, 5)
            rows.append(
                [
                    Cell(station),
                    Cell(f"{low + rng.randint(3, 9)}.{rng.randint(0, 9)}"),
                    Cell(str(low)),
                    Cell(str(low + rng.randint(10, 20))),
                    Cell(str(rng.randint(300, 365))),
                ]
            )
        return Table(rows, header_rows=1, ruled=ruled, caption=caption, number=number)
    rows = [
        [
            Cell("Region", rowspan=2),
            Cell("Station", rowspan=2),
            Cell("Temperature", colspan=2),
            Cell("Pressure", colspan=2),
        ],
        [Cell("Min"), Cell("Max"), Cell("Min"), Cell("Max")],
    ]
    for region, pair in (("Coast", stations[:2]), ("Inland", stations[2:])):
        for index, station in enumerate(pair):
            values = [
                str(rng.randint(-9, 3)),
                str(rng.randint(15, 30)),
                str(rng.randint(980, 1000)),
                str(rng.randint(1010, 1040)),
            ]
            first = [Cell(region, rowspan=2)] if index == 0 else []
            rows.append(first + [Cell(station)] + [Cell(v) for v in values])
    return Table(rows, header_rows=2, ruled=ruled, caption=caption, number=number)


def F(*names: str) -> frozenset[str]:
    return frozenset(names)


def recipes() -> list[Recipe]:
    """The corpus: every digital document, each with the dpi of its scanned variants."""
    from .producers import producer_recipes

    return base_recipes() + producer_recipes()


def base_recipes() -> list[Recipe]:
    """The first corpus: pandoc + pdflatex/xelatex and pandoc + weasyprint."""
    all_text = F("lists", "code", "footnotes", "emphasis")
    tables = F("tables_ruled", "tables_unruled", "tables_merged", "tables_merged_unruled")
    math = F("math", "inline_math")
    out = [
        # English, LaTeX, one column
        Recipe("en-latex-plain", "en", "pdflatex", running=False, scans=(300, 150)),
        Recipe("en-latex-text", "en", "pdflatex", features=all_text, sections=4, scans=(300, 200)),
        Recipe("en-latex-numbered", "en", "pdflatex", features=F("lists", "code"), numbered=True, sections=4),
        Recipe("en-latex-long", "en", "pdflatex", features=all_text, sections=8, paragraphs=3, scans=(200,)),
        Recipe("en-latex-tables", "en", "pdflatex", features=tables, sections=4, scans=(300,)),
        Recipe("en-latex-tables-2", "en", "pdflatex", features=tables | F("lists"), sections=5, seed=2),
        Recipe("en-latex-math", "en", "pdflatex", features=math, sections=4, scans=(300,)),
        Recipe("en-latex-math-2", "en", "pdflatex", features=math | F("footnotes"), sections=5, seed=2),
        Recipe("en-latex-figures", "en", "pdflatex", features=F("figures", "lists"), sections=4),
        Recipe(
            "en-latex-mixed",
            "en",
            "pdflatex",
            features=all_text | tables | math | F("figures"),
            sections=6,
            scans=(300,),
        ),
        # English, LaTeX, two columns
        Recipe("en-latex-2col", "en", "pdflatex", columns=2, features=all_text, sections=5, scans=(300,)),
        Recipe("en-latex-2col-long", "en", "pdflatex", columns=2, features=all_text, sections=8, paragraphs=3),
        Recipe("en-latex-2col-math", "en", "pdflatex", columns=2, features=math | F("lists"), sections=5),
        Recipe(
            "en-latex-2col-tables",
            "en",
            "pdflatex",
            columns=2,
            features=F("tables_ruled", "tables_unruled"),
            sections=4,
        ),
        Recipe(
            "en-latex-2col-mixed",
            "en",
            "pdflatex",
            columns=2,
            features=all_text | math | F("figures"),
            sections=6,
            numbered=True,
            scans=(200,),
        ),
        # German and French, LaTeX
        Recipe("de-latex", "de", "pdflatex", features=all_text, sections=4, scans=(300,)),
        Recipe("de-latex-2col", "de", "pdflatex", columns=2, features=F("lists", "tables_ruled"), sections=5),
        Recipe("fr-latex", "fr", "pdflatex", features=all_text, sections=4, scans=(300,)),
        Recipe("fr-latex-tables", "fr", "pdflatex", features=F("tables_merged", "lists"), sections=4),
        # Russian and Greek, XeLaTeX
        Recipe("ru-xelatex", "ru", "xelatex", features=all_text, sections=4, scans=(300,)),
        Recipe("ru-xelatex-2col", "ru", "xelatex", columns=2, features=F("lists", "math"), sections=5),
        Recipe("el-xelatex", "el", "xelatex", features=all_text, sections=4, scans=(300,)),
        Recipe("el-xelatex-tables", "el", "xelatex", features=F("tables_ruled", "lists"), sections=4),
        # HTML look (weasyprint)
        Recipe("en-html", "en", "weasyprint", features=all_text, sections=4, scans=(300,)),
        Recipe("en-html-2col", "en", "weasyprint", columns=2, features=all_text, sections=6, scans=(200,)),
        Recipe("en-html-tables", "en", "weasyprint", features=tables, sections=4, scans=(200,)),
        Recipe("en-html-figures", "en", "weasyprint", features=F("figures", "lists", "code"), sections=4),
        Recipe("en-html-long", "en", "weasyprint", features=all_text | F("tables_ruled"), sections=8, paragraphs=3),
        Recipe("de-html", "de", "weasyprint", features=F("lists", "tables_unruled", "footnotes"), sections=4),
        Recipe("fr-html-2col", "fr", "weasyprint", columns=2, features=F("lists", "code"), sections=5),
        Recipe("ru-html", "ru", "weasyprint", features=F("lists", "tables_merged"), sections=4, scans=(150,)),
        Recipe("el-html", "el", "weasyprint", features=F("lists", "footnotes"), sections=4),
        Recipe("zh-html", "zh", "weasyprint", features=F("lists", "footnotes"), sections=4, scans=(300,)),
        Recipe("zh-html-2col", "zh", "weasyprint", columns=2, features=F("lists", "tables_ruled"), sections=5),
        Recipe("ja-html", "ja", "weasyprint", features=F("lists", "code"), sections=4, scans=(300,)),
        Recipe("ja-html-tables", "ja", "weasyprint", features=F("tables_unruled", "lists"), sections=4),
        Recipe("ar-html", "ar", "weasyprint", features=F("lists"), sections=4, scans=(300,)),
        Recipe(
            "ar-html-2col", "ar", "weasyprint", columns=2, features=F("lists", "footnotes"), sections=5, scans=(200,)
        ),
        Recipe("he-html", "he", "weasyprint", features=F("lists"), sections=4, scans=(300,)),
        Recipe("he-html-tables", "he", "weasyprint", features=F("lists", "tables_ruled"), sections=4),
    ]
    return out
