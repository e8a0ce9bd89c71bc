"""Documents for the LaTeX class producers: the shared seeded document plus what papers and books have.

``paper`` takes ``generate.build``'s document and adds, by the recipe's features: a title block
(``title``), theorem environments (``theorems``), run-in ``\\paragraph`` heads (``runin``), display
math with ``\\mathbb``/``\\mathcal``, brace sets, cases and aligned equations (``math_extra``), a
bibliography (``references``). ``book`` makes a long document of chapters and sections. How a class
prints numbers and labels is applied afterwards (``latex_classes.apply_class``).
"""

from __future__ import annotations

import random
from dataclasses import replace

from ..generate import Recipe, add_paragraphs, build, feature_blocks
from ..model import Block, Document, Heading, Math, References, Theorem, Title
from ..texts import LANGUAGES
from .latex_writer import RunIn

OWN_FEATURES = frozenset({"title", "theorems", "runin", "math_extra", "references"})

EXTRA_EQUATIONS = (
    r"\mathbb{E}[X] = \sum_{x \in \mathcal{X}} x \, p(x)",
    r"S = \{0, 1, 2\}",
    r"|x| = \begin{cases} x & \text{if } x \ge 0 \\ -x & \text{otherwise} \end{cases}",
    r"\begin{aligned} f(x) &= (x + 1)^2 \\ &= x^2 + 2x + 1 \end{aligned}",
    r"\mathcal{L}(\theta) = \prod_{i=1}^{n} p(x_i \mid \theta)",
    r"A = \{x \in \mathbb{Z} : 0 \le x < 10\}",
    r"\Pr(T > t) = e^{-\lambda t}",
    r"\begin{aligned} \nabla \times \mathbf{B} &= \mu_0 \mathbf{J} \\ \nabla \cdot \mathbf{B} &= 0 \end{aligned}",
    r"\mathbb{P}(\mathcal{A} \cap \mathcal{B}) \le \min\{\mathbb{P}(\mathcal{A}), \mathbb{P}(\mathcal{B})\}",
    r"\operatorname{sgn}(x) = \begin{cases} 1 & x > 0 \\ 0 & x = 0 \\ -1 & x < 0 \end{cases}",
)

THEOREMS = (
    ("Theorem", "Every station series with $n \\ge 3$ complete years has a well-defined seasonal mean."),
    ("Lemma", "The hourly residuals of two neighbouring stations are correlated."),
    ("Definition", "A gap is a run of missing hourly values longer than six hours."),
    ("Theorem", "If the sensor drift is linear, the corrected series has the same variance as the raw one."),
)
PROOFS = (
    "The seasonal mean is an average of finitely many bounded values, so it exists.",
    "Both series follow the same weather, and the distance between the stations is small.",
)
RUNIN_TITLES = ("Sensor drift", "Gaps in the record", "Independent check", "Units and rounding")
REFERENCES = (
    "A. Berger and C. Olsen, Coastal temperature records, Journal of Coastal Research, vol. 12, pp. 45-61, 2019.",
    "M. Novak, Quality control of hourly series, in Proc. Workshop on Marine Data, 2020, pp. 3-9.",
    "J. Smith, Sea Ice and Climate, 2nd ed. Oslo: Northern Press, 2017.",
    "L. Moreau and P. Weiss, Independent checks of station networks, Ocean Science, vol. 8, pp. 101-117, 2021.",
)
TITLE = "Hourly Water Temperature along the Northern Coast"
AUTHOR = "Anna Berger"
AFFILIATION = "Institute of Coastal Research"


def paper(recipe: Recipe) -> Document:
    """The shared seeded document of the recipe, with the paper features the recipe asks for."""
    base = replace(recipe, features=recipe.features - OWN_FEATURES)
    doc = build(base)
    rng = random.Random(f"{recipe.name}:{recipe.seed}:paper")
    text = LANGUAGES[recipe.lang]
    sections = [i for i, b in enumerate(doc.blocks) if isinstance(b, Heading) and b.level == 1]
    inserts: dict[int, list[Block]] = {}  # block index -> blocks to put before it

    def at_section(k: int) -> int:  # just before the k-th level-1 heading after the first (or the end)
        return sections[k] if k < len(sections) else len(doc.blocks)

    if "theorems" in recipe.features:
        for k, (kind, body) in enumerate(THEOREMS[: max(2, len(sections) - 1)]):
            blocks: list[Block] = [Theorem(kind, body, italic=kind != "Definition")]
            if kind == "Theorem":
                blocks.append(Theorem("Proof.", PROOFS[k % len(PROOFS)], italic=False))
            inserts.setdefault(at_section(k + 1), []).extend(blocks)
    if "runin" in recipe.features:
        for k, title in enumerate(RUNIN_TITLES[: max(2, len(sections) - 1)]):
            sentences = rng.sample(text.sentences, k=3)
            inserts.setdefault(at_section(k + 1), []).append(RunIn(" ".join(sentences), title=title))
    if "math_extra" in recipe.features:
        chosen = rng.sample(EXTRA_EQUATIONS, k=min(len(EXTRA_EQUATIONS), 2 * len(sections)))
        for k in range(len(sections)):
            inserts.setdefault(at_section(k + 1), []).extend(Math(e) for e in chosen[2 * k : 2 * k + 2])
    blocks = []
    for index, block in enumerate(doc.blocks):
        blocks.extend(inserts.get(index, []))
        blocks.append(block)
    blocks.extend(inserts.get(len(doc.blocks), []))
    if "title" in recipe.features:
        abstract = " ".join(rng.sample(text.sentences, k=3))
        blocks.insert(0, Title(TITLE, [AUTHOR, AFFILIATION], abstract))
    if "references" in recipe.features:
        blocks.append(References("References", list(REFERENCES)))
    doc.blocks = blocks
    return doc


def book(recipe: Recipe) -> Document:
    """A long book: ``recipe.sections`` chapters of four sections each, with the recipe's features in turn.

    Chapter titles come from the language's heading pool; section titles name a station and a
    topic ("Harbour: Methods"), so no two headings repeat.
    """
    rng = random.Random(f"{recipe.name}:{recipe.seed}")
    text = LANGUAGES[recipe.lang]
    doc = Document(blocks=[], lang=recipe.lang, numbered=recipe.numbered)
    features = sorted(recipe.features - OWN_FEATURES)
    counters = {"table": 0, "figure": 0}
    chapters = list(text.headings)
    rng.shuffle(chapters)
    stations = ("North", "South", "East", "West", "Harbour", "Cape", "Island", "Bay")
    topics = ("Setting", "Records", "Checks", "Findings")
    for chapter in range(min(recipe.sections, len(chapters))):
        doc.blocks.append(Heading(1, chapters[chapter]))
        add_paragraphs(doc, text, base_recipe(recipe), rng, 2)
        for section, topic in enumerate(topics):
            doc.blocks.append(
                Heading(2, f"{stations[(chapter + section) % len(stations)]} station: {topic} {chapter + 1}")
            )
            add_paragraphs(doc, text, base_recipe(recipe), rng, recipe.paragraphs)
            if features:
                feature = features[(chapter * len(topics) + section) % len(features)]
                doc.blocks.extend(feature_blocks(feature, text, rng, counters, section))
            if section == 1 and "theorems" in recipe.features:
                kind, body = THEOREMS[chapter % len(THEOREMS)]
                doc.blocks.append(Theorem(kind, body, italic=kind != "Definition"))
    if "references" in recipe.features:
        doc.blocks.append(References("Bibliography", list(REFERENCES)))
    return doc


def base_recipe(recipe: Recipe) -> Recipe:
    return replace(recipe, features=recipe.features - OWN_FEATURES)
