"""Seeded words for the report and one-page families: report prose, amounts, place names, and the
one-page documents themselves (letter, data sheet, memo, invoice, signed article).

Every "$" in the prose follows a space or starts a line, so no Markdown reader takes "$178 million
... $42 million" for inline math.
"""

from __future__ import annotations

import random

from ..model import Cell, Document, Heading, Item, ListBlock, Para, Table

AGENCIES = (
    "Department of Coastal Infrastructure",
    "Northern Water Authority",
    "State Revenue Office",
    "Metropolitan Transport Agency",
    "Regional Health Service",
    "Office of Public Housing",
)

SCHEDULE_PROGRAMS = ("Roads", "Libraries", "Water supply", "Parks", "Flood works", "Youth services", "Transit")

SUBJECTS = (
    "Taxation revenue",
    "Operating expenditure",
    "Capital spending",
    "Net debt",
    "Grant revenue",
    "Employee expenses",
    "The operating surplus",
    "Interest income",
)
VERBS = ("rose to", "fell to", "reached", "amounted to", "was")
CAUSES = (
    "higher payroll tax collections",
    "the timing of federal grant payments",
    "delays to the harbour works program",
    "lower interest rates on cash balances",
    "the transfer of two hospitals to the new service",
    "a one-off insurance recovery",
    "wage growth under the new enterprise agreement",
)


def amount(rng: random.Random, currency: bool = False, negative: bool = False, sign: bool = False) -> str:
    """A statement amount: "12,345.6", "(1,204.0)" when negative, "$ 12,345.6" for a currency cell."""
    value = rng.randint(100, 999_999) / 10
    if negative or (sign and rng.random() < 0.3):
        return f"({value:,.1f})"
    return f"$ {value:,.1f}" if currency else f"{value:,.1f}"


def money(rng: random.Random) -> str:
    return rng.choice((f"${rng.randint(2, 990)} million", f"${rng.randint(1, 9)}.{rng.randint(1, 9)} billion"))


def sentence(rng: random.Random) -> str:
    kind = rng.randrange(5)
    subject = rng.choice(SUBJECTS)
    if kind == 0:
        return f"{subject} {rng.choice(VERBS)} {money(rng)} in 2025, mainly because of {rng.choice(CAUSES)}."
    if kind == 1:
        return (
            f"Compared with the budget of {money(rng)}, the result was {rng.randint(1, 19)}.{rng.randint(0, 9)}"
            f" percent {rng.choice(('higher', 'lower'))}."
        )
    if kind == 2:
        return f"The variance reflects {rng.choice(CAUSES)} and, to a lesser extent, {rng.choice(CAUSES)}."
    if kind == 3:
        return (
            f"Over the forward estimates, {subject.lower()} is expected to grow by an average of"
            f" {rng.randint(1, 6)}.{rng.randint(0, 9)} percent a year."
        )
    return f"Note {rng.randint(2, 24)} sets out the accounting policy and the judgements made in applying it."


def prose(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def note(rng: random.Random, marks: str) -> str:
    """The note under a table that explains its marks."""
    first = "¹" if marks == "superscript" else "(a)"
    text = f"{first} Restated: includes {rng.choice(CAUSES)} recognised after the prior year's report."
    if marks == "superscript":
        text += " ² Includes amounts held in trust for other agencies."
    return text


SYLLABLES = ("ash", "bel", "cor", "dun", "el", "fen", "gar", "hol", "ink", "jar", "kel", "lor", "mar", "nor")
ENDINGS = ("ton", "field", "bury", "vale", "wick", "ford", "mouth", " Creek", " Heights", " Shire")


def place_name(rng: random.Random) -> str:
    return (rng.choice(SYLLABLES) + rng.choice(SYLLABLES)).capitalize() + rng.choice(ENDINGS)


# ---------------------------------------------------------------- one-page documents

COMPANIES = (
    ("Northwind Shipping Ltd", "14 Quay Street · Portsmouth PO1 3AB · +44 23 9200 0000 · northwind.example"),
    ("Halvorsen Instruments AS", "Strandgata 9 · 5013 Bergen · Norway · www.halvorsen-instruments.example"),
    ("Bellamy & Ortiz LLP", "220 Market Street, Suite 400 · Denver, CO 80202 · bellamy-ortiz.example"),
    ("Kestrel Sensors GmbH", "Industriestraße 12 · 70565 Stuttgart · www.kestrel-sensors.example"),
)
PEOPLE = ("Ms Ana Ortega", "Mr David Lindqvist", "Dr Priya Raman", "Ms Helen Okafor", "Mr Tomás Rivera")
LETTER_LINES = (
    "Thank you for your order of 14 March, which we received by post on Monday.",
    "We are pleased to confirm that the goods will leave our warehouse within ten working days.",
    "As agreed with your purchasing office, the invoice will follow under separate cover.",
    "Should any item arrive damaged, please tell us within seven days so that we can replace it.",
    "Our quality team has reviewed the complaint you raised and found that the seal was fitted incorrectly.",
    "We have credited your account with the cost of the replacement parts and the courier charges.",
    "The revised delivery schedule is enclosed; it takes account of the holiday closure in April.",
    "Please do not hesitate to contact me directly if you have any questions about this letter.",
)


def company(seed: int) -> tuple[str, str]:
    return COMPANIES[seed % len(COMPANIES)]


def letter(rng: random.Random, seed: int) -> Document:
    name, address = company(seed)
    to = rng.choice(PEOPLE)
    blocks: list[Heading | Para | ListBlock | Table] = [
        Para(f"{rng.randint(2, 27)} March 2025"),
        Para(f"{to}\nPurchasing Office\n{rng.randint(2, 90)} Harbour Road\nSouthampton SO14 2AQ"),
        Para(f"Re: Order {rng.randint(10000, 99999)}"),
        Para(f"Dear {to.split(' ', 1)[0]} {to.split()[-1]},"),
    ]
    lines = list(LETTER_LINES)
    rng.shuffle(lines)
    for start in range(0, rng.choice((6, 8)), 2):
        blocks.append(Para(" ".join(lines[start : start + 2])))
    blocks += [Para("Yours sincerely,"), Para(f"{rng.choice(PEOPLE)[3:]}\nCustomer Services Manager")]
    return Document(blocks=list(blocks), furniture=[name, address])


def datasheet(rng: random.Random, seed: int) -> Document:
    name, address = company(seed + 1)
    model = f"KT-{rng.randint(100, 990)}"
    specs = [
        ("Supply voltage", f"{rng.choice((3.3, 5, 12, 24))} V DC"),
        ("Current draw", f"{rng.randint(4, 90)} mA"),
        ("Measuring range", f"-{rng.randint(20, 40)} to +{rng.randint(80, 150)} °C"),
        ("Accuracy", f"± {rng.randint(1, 9) / 10} °C"),
        ("Output", rng.choice(("4-20 mA", "RS-485 Modbus RTU", "0-10 V"))),
        ("Housing", rng.choice(("Stainless steel 316L", "Anodised aluminium", "Polycarbonate"))),
        ("Protection class", rng.choice(("IP65", "IP67", "IP68"))),
        ("Weight", f"{rng.randint(40, 400)} g"),
    ]
    spec_rows = [[Cell("Parameter"), Cell("Value")]] + [[Cell(k), Cell(v)] for k, v in specs]
    order_rows = [[Cell("Order code"), Cell("Cable length"), Cell("Connector")]] + [
        [Cell(f"{model}-{length:02d}"), Cell(f"{length} m"), Cell(rng.choice(("M12", "Open leads", "DIN 43650")))]
        for length in (2, 5, 10)
    ]
    blocks: list[Heading | Para | ListBlock | Table] = [
        Heading(1, f"{model} temperature transmitter"),
        Para(
            f"The {model} measures the temperature of liquids and gases in pipes and tanks and sends it to a"
            " controller over a two-wire loop. It is calibrated at the factory and needs no adjustment on site."
        ),
        Heading(2, "Specifications"),
        Table(spec_rows, 1, rng.random() < 0.5, "", rules=rng.choice(("header", "frame", "none"))),
        Heading(2, "Features"),
        ListBlock(False, [Item(t) for t in rng.sample(FEATURES, 4)]),
        Heading(2, "Ordering information"),
        Table(order_rows, 1, False, "", rules="header"),
    ]
    for block in blocks:
        if isinstance(block, Table):
            block.ruled = block.rules == "frame"
    return Document(blocks=list(blocks), furniture=[f"{name} · Product data sheet", address], page_numbers=True)


FEATURES = (
    "Two-wire loop power, no separate supply needed",
    "Galvanic isolation between sensor and output",
    "Fault signal below 3.6 mA on a broken sensor",
    "Welded probe, no seals to replace",
    "Configurable over USB with the free setup tool",
    "Five-year warranty",
)


def memo(rng: random.Random, seed: int) -> Document:
    topic = rng.choice(("Travel claims", "Office relocation", "Budget bids for 2026", "Records retention"))
    blocks: list[Heading | Para | ListBlock | Table] = [
        Heading(1, "Memorandum"),
        Para(
            f"To: All branch managers\nFrom: {rng.choice(PEOPLE)[3:]}, Corporate Services\n"
            f"Date: {rng.randint(2, 27)} May 2025\nSubject: {topic}"
        ),
        Heading(2, "Background"),
        Para(prose(rng, 3)),
        Heading(2, "What changes"),
        ListBlock(True, [Item(f"{s} from 1 July 2025.") for s in rng.sample(CHANGES, 3)]),
        Para(prose(rng, 2)),
        Heading(2, "Next steps"),
        Para("Please pass this memorandum to your teams and send any questions to the corporate services desk."),
    ]
    return Document(
        blocks=list(blocks), furniture=["Internal memorandum · Not for circulation", "Corporate Services Division"]
    )


CHANGES = (
    "Claims are lodged through the online portal only",
    "Receipts under $ 50 no longer need to be scanned",
    "Managers approve claims within ten working days",
    "Paper files are sent to the records centre each quarter",
    "Budget bids go to the finance committee in August",
)


def invoice(rng: random.Random, seed: int) -> Document:
    name, address = company(seed + 2)
    items = rng.sample(
        [
            ("Site survey", 1, 850.0),
            ("Sensor KT-220", 6, 214.5),
            ("Cable, 10 m", 6, 18.9),
            ("Installation (hours)", 14, 72.0),
            ("Commissioning report", 1, 390.0),
            ("Travel", 1, 126.4),
        ],
        4,
    )
    rows = [[Cell(h) for h in ("Description", "Quantity", "Unit price", "Amount")]]
    subtotal = 0.0
    for label, quantity, price in items:
        subtotal += quantity * price
        rows.append([Cell(label), Cell(str(quantity)), Cell(f"$ {price:,.2f}"), Cell(f"$ {quantity * price:,.2f}")])
    tax = round(subtotal * 0.1, 2)
    rows.append([Cell("Subtotal", colspan=3), Cell(f"$ {subtotal:,.2f}")])
    rows.append([Cell("Tax (10%)", colspan=3), Cell(f"$ {tax:,.2f}")])
    rows.append([Cell("Balance due", colspan=3), Cell(f"$ {subtotal + tax:,.2f}")])
    number = rng.randint(1000, 9999)
    blocks: list[Heading | Para | ListBlock | Table] = [
        Heading(1, f"Invoice INV-2025-{number}"),
        Para(f"Date: {rng.randint(2, 27)} June 2025\nCustomer number: C-{rng.randint(100, 999)}"),
        Para(f"Bill to:\n{rng.choice(PEOPLE)}\nHarbour Engineering Pty Ltd\n{rng.randint(2, 90)} Wharf Street"),
        Table(rows, 1, False, "", rules=rng.choice(("header", "none"))),
        Para("Payment is due within 30 days. Please quote the invoice number with your payment."),
    ]
    return Document(blocks=list(blocks), furniture=[name, address])


def signed(rng: random.Random, seed: int) -> Document:
    """A one-page article from a newsletter, with a running header and footer printed once."""
    title = rng.choice(("Rebuilding the north breakwater", "What the new water charges mean", "A year of open data"))
    blocks: list[Heading | Para | ListBlock | Table] = [
        Heading(1, title),
        Para(f"By {rng.choice(PEOPLE)[3:]}"),
        Para(prose(rng, 4)),
        Heading(2, "Where the money goes"),
        Para(prose(rng, 4)),
        Heading(2, "What comes next"),
        Para(prose(rng, 3)),
    ]
    return Document(
        blocks=list(blocks),
        furniture=["Public Works Newsletter · Spring 2025", "publicworks.example"],
        page_numbers=True,
    )
