"""Producer families "reports" (financial statements) and "single-page" (letters, data sheets, memos).

"reports": a public body's annual financial report. Its statements are tables aligned by white
space (no rules, or booktabs-like rules above and under the header and at the foot only) with
indented row labels, totals rows, a header row spanning column groups ("2025" over "H1 H2"), notes
marks in cells ("12.4¹", "(a)"), negative amounts in parentheses, "$ 1,234.5" amounts, and long
schedules that run on over pages with and without a repeated header; the prose around them quotes
"$178 million". Some tables have no "Table N" caption. A table that continues is one table in the
truth, its header once.

"single-page": documents of one page, whose letterhead, header band or footer is printed once, so a
furniture detector that learns from repetition cannot see it; ``doc.furniture`` holds those texts.

Both are printed by reportlab (``reportlab_print``) and by hand-written LaTeX (``latex_print``).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from ..generate import Recipe
from ..model import Cell, Document, Heading, ListBlock, Para, Table
from . import Producer, latex_print, reportlab_print
from .reports_text import (
    AGENCIES,
    SCHEDULE_PROGRAMS,
    amount,
    datasheet,
    invoice,
    letter,
    memo,
    note,
    place_name,
    prose,
    signed,
)

YEAR = 2025


def build_report(recipe: Recipe) -> Document:
    """An annual financial report: ``recipe.sections`` chapters, each with prose and one or two statements."""
    rng = random.Random(f"report-{recipe.name}-{recipe.seed}")
    agency = AGENCIES[recipe.seed % len(AGENCIES)]
    marks = "superscript" if recipe.engine.startswith("reportlab") else "letters"
    blocks: list[Heading | Para | Table | ListBlock] = [Heading(1, f"{agency} Annual Financial Report {YEAR}")]
    blocks.append(Para(prose(rng, 3)))
    makers = (position, quarters, funds, schedule, cash_flows, schedule)
    number = 0
    for section in range(recipe.sections):
        title, kind = CHAPTERS[section % len(CHAPTERS)]
        blocks.append(Heading(2, title if section < len(CHAPTERS) else f"{title} (continued)"))
        for _ in range(recipe.paragraphs):
            blocks.append(Para(prose(rng, rng.randint(3, 5))))
        table = makers[kind](rng, marks, recipe)
        # every third table has no caption: statements often stand under a heading alone
        if rng.random() < 0.67:
            number += 1
            table.number = number
        else:
            table.caption = ""
        blocks.append(table)
        if any(mark in cell.text for row in table.rows for cell in row for mark in ("¹", "(a)")):
            blocks.append(Para(note(rng, marks)))
        if rng.random() < 0.5:
            blocks.append(Para(prose(rng, rng.randint(2, 4))))
    doc = Document(blocks=list(blocks))
    doc.furniture = [f"{agency} · Annual Financial Report {YEAR}"]
    doc.page_numbers = True
    return doc


CHAPTERS = (
    ("Statement of financial position", 0),
    ("Results by half-year", 1),
    ("Balances by fund", 2),
    ("Schedule of grants to local governments", 3),
    ("Statement of cash flows", 4),
    ("Schedule of capital projects", 5),
)


def position(rng: random.Random, marks: str, recipe: Recipe) -> Table:
    """Assets and liabilities: section rows, indented items, subtotals and totals; two year columns."""
    rows = [[Cell(""), Cell(f"{YEAR}"), Cell(f"{YEAR - 1}")]]
    groups = (
        (
            "Assets",
            (
                ("Current assets", ("Cash and cash equivalents", "Receivables", "Inventories")),
                ("Non-current assets", ("Property, plant and equipment", "Investments", "Intangible assets")),
            ),
        ),
        (
            "Liabilities",
            (
                ("Current liabilities", ("Payables", "Employee provisions", "Borrowings")),
                ("Non-current liabilities", ("Lease liabilities", "Other provisions")),
            ),
        ),
    )
    marked = rng.randrange(2, 10)
    count = 0
    for group, parts in groups:
        rows.append([Cell(group), Cell(""), Cell("")])
        for part, items in parts:
            rows.append([Cell(part, indent=1), Cell(""), Cell("")])
            for item in items:
                count += 1
                label = item + (" (a)" if marks == "letters" and count == marked else "")
                value = amount(rng, currency=count == 1)
                value += "¹" if marks == "superscript" and count == marked else ""
                rows.append([Cell(label, indent=2), Cell(value), Cell(amount(rng, currency=count == 1))])
            rows.append([Cell(f"Total {part.lower()}", indent=1), Cell(amount(rng)), Cell(amount(rng))])
        rows.append([Cell(f"Total {group.lower()}"), Cell(amount(rng)), Cell(amount(rng))])
    rows.append([Cell("Net assets"), Cell(amount(rng, currency=True)), Cell(amount(rng, currency=True))])
    return Table(
        rows, 1, False, f"Statement of financial position as at 30 June {YEAR} ($ thousands)", rules=rules(rng)
    )


def quarters(rng: random.Random, marks: str, recipe: Recipe) -> Table:
    """Revenue and expenses by half-year: "2025" and "2024" each spanning "H1 H2 Year"."""
    header = [Cell("Item", rowspan=2), Cell(str(YEAR), colspan=3), Cell(str(YEAR - 1), colspan=3)]
    rows = [header, [Cell(h) for h in ("H1", "H2", "Year") * 2]]
    lines = ("Taxation revenue", "Grants received", "Sales of goods and services", "Interest", "Other revenue")
    for label in lines:
        rows.append([Cell(label)] + [Cell(amount(rng)) for _ in range(6)])
    rows.append([Cell("Total revenue")] + [Cell(amount(rng)) for _ in range(6)])
    for label in ("Employee expenses", "Supplies and services", "Depreciation", "Grants paid"):
        rows.append([Cell(label)] + [Cell(amount(rng, negative=True)) for _ in range(6)])
    rows.append([Cell("Net operating result")] + [Cell(amount(rng, sign=True)) for _ in range(6)])
    return Table(rows, 2, False, "Operating statement by half-year ($ millions)", rules=rules(rng))


def funds(rng: random.Random, marks: str, recipe: Recipe) -> Table:
    """Balances by fund: "Assets" and "Liabilities" each spanning "Current Non-current"."""
    header = [Cell("Fund", rowspan=2), Cell("Assets", colspan=2), Cell("Liabilities", colspan=2)]
    rows = [header, [Cell(h) for h in ("Current", "Non-current") * 2]]
    names = ("General fund", "Roads fund", "Water fund", "Housing trust", "Parks levy", "Debt service fund")
    for name in names[: rng.randint(4, 6)]:
        rows.append([Cell(name)] + [Cell(amount(rng)) for _ in range(4)])
    rows.append([Cell("Total")] + [Cell(amount(rng)) for _ in range(4)])
    return Table(rows, 2, False, "Balances by fund ($ thousands)", rules=rules(rng))


def schedule(rng: random.Random, marks: str, recipe: Recipe) -> Table:
    """A long schedule (grants or projects): 30 to 75 rows, often runs on over a page break."""
    length = rng.randint(30, 75)  # long enough to run on; TEDS on a 140-row table costs 10 s and more
    rows = [[Cell(h) for h in ("Recipient", "Program", "Approved", "Paid", "Balance")]]
    for _ in range(length):
        approved = rng.randint(50, 9000) * 10 + rng.randint(0, 9)
        paid = max(approved + rng.randint(-3000, 400), 0)
        balance = approved - paid
        rows.append(
            [
                Cell(place_name(rng)),
                Cell(rng.choice(SCHEDULE_PROGRAMS)),
                Cell(f"{approved / 10:,.1f}"),
                Cell(f"{paid / 10:,.1f}"),
                Cell(f"({-balance / 10:,.1f})" if balance < 0 else f"{balance / 10:,.1f}"),
            ]
        )
    rows.append([Cell("Total"), Cell("")] + [Cell(amount(rng)) for _ in range(3)])
    return Table(rows, 1, False, "Schedule of grants ($ thousands)", rules=rules(rng), repeat=rng.random() < 0.6)


def cash_flows(rng: random.Random, marks: str, recipe: Recipe) -> Table:
    """Cash flows: inflows and (outflows) under indented headings, a net row per activity."""
    rows = [[Cell(""), Cell("Notes"), Cell(f"{YEAR}"), Cell(f"{YEAR - 1}")]]
    activities = (
        ("Operating activities", ("Receipts from taxes", "Receipts from grants", "Payments to suppliers")),
        ("Investing activities", ("Purchase of assets", "Proceeds from sales of assets")),
        ("Financing activities", ("Proceeds from borrowings", "Repayment of borrowings")),
    )
    for activity, items in activities:
        rows.append([Cell(activity), Cell(""), Cell(""), Cell("")])
        for item in items:
            negative = item.startswith(("Payments", "Purchase", "Repayment"))
            value = amount(rng, negative=negative)
            if marks == "superscript" and rng.random() < 0.2:
                value += "²"
            rows.append(
                [Cell(item, indent=1), Cell(str(rng.randint(3, 19))), Cell(value), Cell(amount(rng, negative=negative))]
            )
        rows.append(
            [
                Cell(f"Net cash from {activity.lower()}"),
                Cell(""),
                Cell(amount(rng, sign=True)),
                Cell(amount(rng, sign=True)),
            ]
        )
    return Table(
        rows, 1, False, f"Statement of cash flows for the year ended 30 June {YEAR} ($ thousands)", rules=rules(rng)
    )


def rules(rng: random.Random) -> str:
    return rng.choice(("none", "header", "header", "none", "frame"))


# ---------------------------------------------------------------- single pages


def build_page(recipe: Recipe) -> Document:
    """A one-page document of the kind ``recipe.variant``'s "kind=" names."""
    rng = random.Random(f"page-{recipe.name}-{recipe.seed}")
    kind = dict(part.split("=", 1) for part in recipe.variant.split(",") if "=" in part)["kind"]
    makers = {"letter": letter, "datasheet": datasheet, "memo": memo, "invoice": invoice, "article": signed}
    return makers[kind](rng, recipe.seed)


def reportlab_truth(builder: Callable[[Recipe], Document]) -> Callable[[Recipe], Document]:
    """``builder`` with its tables' truth as reportlab prints them (``printed_spans``)."""

    def build(recipe: Recipe) -> Document:
        doc = builder(recipe)
        for block in doc.blocks:
            if isinstance(block, Table):
                printed_spans(block)
        return doc

    return build


def printed_spans(table: Table) -> None:
    """A body cell spanning columns, as reportlab prints it without a grid: its text in its first column.

    reportlab sets such a cell (an invoice's "Subtotal" over three columns) flush left like any body
    cell and, without a frame, draws nothing that shows the span: the page shows a label in the
    first column and empty cells beside it, and so does the truth (LaTeX's ``\\multicolumn{3}{c}``
    centres it over the columns: a span the page shows, kept there).
    """
    if table.rule_style == "frame":
        return
    for row in table.rows[table.header_rows :]:
        for k in reversed(range(len(row))):
            cell = row[k]
            if cell.colspan > 1 and cell.rowspan == 1:
                row[k : k + 1] = [Cell(cell.text, indent=cell.indent)] + [Cell("") for _ in range(cell.colspan - 1)]


# ---------------------------------------------------------------- producers and recipes

# booktabs; multirow and enumitem; Times and Palatino (mathptmx, mathpazo); Latin Modern
LATEX_DEBS = ("texlive-latex-recommended", "texlive-latex-extra", "texlive-fonts-recommended", "lmodern")

# the printer, the shared page layout and this module's builders: their code goes into the fingerprint
REPORTLAB_SOURCES = f"{__package__}.reportlab_print,{__package__}.layout,{__package__}.reports_text,{__name__}"
LATEX_SOURCES = f"{__package__}.latex_print,{__package__}.layout,{__package__}.reports_text,{__name__}"

PRODUCERS = [
    Producer("reportlab-report", "reports", reportlab_print.render, reportlab_truth(build_report), REPORTLAB_SOURCES),
    Producer(
        "pdflatex-report",
        "reports",
        latex_print.render,
        build_report,
        LATEX_SOURCES,
        LATEX_DEBS,
    ),
    Producer("reportlab-page", "single-page", reportlab_print.render, reportlab_truth(build_page), REPORTLAB_SOURCES),
    Producer(
        "pdflatex-page",
        "single-page",
        latex_print.render,
        build_page,
        LATEX_SOURCES,
        LATEX_DEBS,
    ),
]


def _reports() -> list[Recipe]:
    # (engine, chapters, paragraphs, variant): a few long reports (10-40 pages) and shorter ones
    plan = (
        ("reportlab", 3, 2, "font=helvetica"),
        ("reportlab", 6, 2, "font=times,paper=letter"),
        ("reportlab", 12, 4, "font=helvetica"),
        ("reportlab", 24, 4, "font=times"),
        ("reportlab", 4, 1, "font=helvetica,paper=letter"),
        ("reportlab", 36, 4, "font=helvetica"),
        ("reportlab", 8, 3, "font=times"),
        ("reportlab", 5, 2, "font=helvetica"),
        ("pdflatex", 3, 2, "font=lmodern"),
        ("pdflatex", 6, 2, "font=times,paper=letter"),
        ("pdflatex", 12, 4, "font=palatino"),
        ("pdflatex", 24, 4, "font=lmodern,size=11pt"),
        ("pdflatex", 4, 1, "font=times"),
        ("pdflatex", 30, 4, "font=times"),
        ("pdflatex", 8, 3, "font=lmodern"),
        ("pdflatex", 5, 2, "font=palatino,paper=letter"),
    )
    out = []
    for index, (engine, chapters, paragraphs, variant) in enumerate(plan):
        out.append(
            Recipe(
                f"en-{engine}-report-{index + 1:02d}",
                "en",
                f"{engine}-report",
                sections=chapters,
                paragraphs=paragraphs,
                seed=index,
                variant=variant,
            )
        )
    return out


def _pages() -> list[Recipe]:
    plan = (
        ("reportlab", "kind=letter,head=letterhead,font=helvetica"),
        ("reportlab", "kind=datasheet,pages=of,font=helvetica"),
        ("reportlab", "kind=memo,font=times,paper=letter"),
        ("reportlab", "kind=invoice,head=letterhead,font=helvetica"),
        ("reportlab", "kind=article,font=times"),
        ("reportlab", "kind=letter,head=letterhead,font=times,paper=letter"),
        ("reportlab", "kind=datasheet,pages=of,font=times"),
        ("pdflatex", "kind=letter,head=letterhead"),
        ("pdflatex", "kind=datasheet,pages=of,font=palatino"),
        ("pdflatex", "kind=memo,font=times"),
        ("pdflatex", "kind=invoice,head=letterhead,paper=letter"),
        ("pdflatex", "kind=article,font=palatino"),
        ("pdflatex", "kind=memo,paper=letter"),
    )
    return [
        Recipe(f"en-{engine}-page-{index + 1:02d}", "en", f"{engine}-page", seed=index, variant=variant)
        for index, (engine, variant) in enumerate(plan)
    ]


RECIPES: list[Recipe] = _reports() + _pages()
