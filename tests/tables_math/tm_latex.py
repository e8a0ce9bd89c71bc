"""Golden cases for tables, mathematics and figures, made with pdflatex at test time.

Each case is LaTeX source plus what pagemill must rebuild from the PDF:
the cell grid of each table, the LaTeX of each displayed equation (compared
after ``normalize_latex``), the inline math of the prose, the figures.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

import pytest

_CACHE = Path(tempfile.gettempdir()) / "pagemill-tables-math-cases"

PROSE = (
    "The measurements were taken over several weeks in the spring, and every run was repeated three times "
    "so that the spread of the results could be estimated as well as their mean. "
)


def paragraph(n: int = 2) -> str:
    return PROSE * n + "\n\n"


def build_pdf(name: str, source: str, files: dict[str, bytes] | None = None, engine: str = "pdflatex") -> Path:
    """Compile ``source`` with ``engine`` (cached by content) and return the PDF's path.

    XeLaTeX and LuaLaTeX run once (no longtables there) and skip the test where a font is missing."""
    if shutil.which(engine) is None:
        pytest.skip(f"{engine} is not installed (make test installs it)")
    digest = hashlib.sha1(source.encode() + b"".join(sorted((files or {}).values()))).hexdigest()[:12]
    folder = _CACHE / f"{name}-{digest}"
    pdf = folder / f"{name}.pdf"
    if pdf.exists():
        return pdf
    folder.mkdir(parents=True, exist_ok=True)
    # compiled in a folder of its own and moved in whole: a test session running beside this one never
    # reads the PDF of the first pass, or half of one
    with tempfile.TemporaryDirectory(dir=folder) as work:
        for file_name, data in (files or {}).items():
            (Path(work) / file_name).write_bytes(data)
        (Path(work) / f"{name}.tex").write_text(source, encoding="utf-8")
        for _ in range(2 if engine == "pdflatex" else 1):  # twice: longtable settles its column widths then
            done = subprocess.run(
                [engine, "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"],
                cwd=work,
                capture_output=True,
                text=True,
                timeout=300,
            )
            if done.returncode != 0:
                if engine != "pdflatex" and ("not found" in done.stdout or "cannot be found" in done.stdout):
                    pytest.skip(f"a font {engine} needs is not installed")
                raise RuntimeError(f"{engine} failed on {name}:\n{done.stdout[-2000:]}")
        os.replace(Path(work) / f"{name}.pdf", pdf)
    return pdf


def groff_pdf(source: str) -> Path:
    """``source`` (ms macros with eqn) set by groff to PDF, cached by its hash; skips without groff/gropdf."""
    if shutil.which("groff") is None:
        pytest.skip("groff is not installed")
    folder = _CACHE / f"groff-{hashlib.sha1(source.encode()).hexdigest()[:12]}"
    pdf = folder / "eqn.pdf"
    if not pdf.exists():
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "eqn.ms").write_text(source, encoding="utf-8")
        done = subprocess.run(["groff", "-ms", "-e", "-Tpdf", "eqn.ms"], cwd=folder, capture_output=True, timeout=120)
        if done.returncode != 0 or not done.stdout:
            pytest.skip("groff made no PDF (gropdf missing)")
        partial = folder / f"eqn.pdf.{os.getpid()}"
        partial.write_bytes(done.stdout)
        os.replace(partial, pdf)
    return pdf


def document(body: str, packages: str = "amsmath,booktabs") -> str:
    return (
        "\\documentclass{article}\n"
        f"\\usepackage{{{packages}}}\n"
        "\\usepackage[margin=3cm]{geometry}\n"
        "\\pagestyle{empty}\n"
        "\\begin{document}\n" + body + "\n\\end{document}\n"
    )


# -- normalising LaTeX for comparison ----------------------------------------------------------

_ALIASES = {r"\le": r"\leq", r"\ge": r"\geq", r"\ne": r"\neq", r"\dfrac": r"\frac", r"\tfrac": r"\frac"}


def normalize_latex(latex: str) -> str:
    """One spelling for the same formula: no spacing commands, scripts always braced."""
    text = re.sub(r"\\(?:,|;|!|:|quad|qquad)|\\left|\\right|\\limits|\\displaystyle", "", latex)
    text = re.sub(r"\\[A-Za-z]+", lambda m: _ALIASES.get(m.group(0), m.group(0)), text)
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"([_^])(\\[A-Za-z]+|[A-Za-z0-9])", r"\1{\2}", text)
    return text.replace("−", "-")


# -- a small PNG for the raster figure ----------------------------------------------------------


def gradient_png(width: int = 120, height: int = 80) -> bytes:
    rows = b"".join(
        b"\x00" + bytes(v for x in range(width) for v in (x * 2 % 256, y * 3 % 256, 128)) for y in range(height)
    )

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def plot_pdf() -> bytes:
    """A small vector plot (axes, a curve, labels) as a PDF, to be included as a figure."""
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(220, 140), invariant=1)  # same bytes every run: the cache key holds
    page.line(20, 20, 210, 20)
    page.line(20, 20, 20, 130)
    path = page.beginPath()
    path.moveTo(20, 20)
    for step in range(1, 19):
        path.curveTo(
            20 + step * 10 - 6,
            20 + (step - 1) ** 1.5,
            20 + step * 10 - 3,
            20 + step**1.5,
            20 + step * 10,
            20 + step**1.5,
        )
    page.drawPath(path, stroke=1, fill=0)
    page.setFont("Helvetica", 8)
    page.drawString(100, 8, "time")
    page.drawString(4, 70, "size")
    page.showPage()
    page.save()
    return buffer.getvalue()


# -- the cases ------------------------------------------------------------------------------------

BOOKTABS = r"""
\begin{table}[h]
\centering
\caption{Results of the runs}
\begin{tabular}{lrr}
\toprule
Method & Time & Score \\
\midrule
Alpha & 12.5 & 0.91 \\
Beta gamma & 3.25 & 0.87 \\
Delta & 100.0 & 0.55 \\
\bottomrule
\end{tabular}
\end{table}
"""
BOOKTABS_GRID = [
    ["Method", "Time", "Score"],
    ["Alpha", "12.5", "0.91"],
    ["Beta gamma", "3.25", "0.87"],
    ["Delta", "100.0", "0.55"],
]

MERGED_HEADER = r"""
\begin{table}[h]
\centering
\caption{Scores per round}
\begin{tabular}{|l|c|c|r|}
\hline
Name & \multicolumn{2}{c|}{Scores} & Total \\
\cline{2-3}
 & First & Second & \\
\hline
Ann & 1 & 2 & 3 \\
\hline
Bob & 4 & 5 & 9 \\
\hline
Carla & 7 & 0 & 7 \\
\hline
\end{tabular}
\end{table}
"""
#: (row, col, rowspan, colspan, text) of every cell
MERGED_HEADER_CELLS = [
    (0, 0, 2, 1, "Name"),
    (0, 1, 1, 2, "Scores"),
    (0, 3, 2, 1, "Total"),
    (1, 1, 1, 1, "First"),
    (1, 2, 1, 1, "Second"),
    (2, 0, 1, 1, "Ann"),
    (2, 1, 1, 1, "1"),
    (2, 2, 1, 1, "2"),
    (2, 3, 1, 1, "3"),
    (3, 0, 1, 1, "Bob"),
    (3, 1, 1, 1, "4"),
    (3, 2, 1, 1, "5"),
    (3, 3, 1, 1, "9"),
    (4, 0, 1, 1, "Carla"),
    (4, 1, 1, 1, "7"),
    (4, 2, 1, 1, "0"),
    (4, 3, 1, 1, "7"),
]

UNRULED = r"""
\begin{table}[h]
\centering
\caption{Boiling points at sea level}
\begin{tabular}{lrr}
Liquid & Celsius & Fahrenheit \\
Water & 100 & 212 \\
Ethanol & 78.4 & 173.1 \\
Diethyl ether & 34.6 & 94.3 \\
Acetone & 56.1 & 133.0 \\
\end{tabular}
\end{table}
"""
UNRULED_GRID = [
    ["Liquid", "Celsius", "Fahrenheit"],
    ["Water", "100", "212"],
    ["Ethanol", "78.4", "173.1"],
    ["Diethyl ether", "34.6", "94.3"],
    ["Acetone", "56.1", "133.0"],
]

WRAPPED = r"""
\begin{table}[h]
\centering
\caption{Options}
\begin{tabular}{lp{4cm}}
\toprule
Option & Meaning \\
\midrule
nocheck & do not check the heights of the header and the footer of the page \\
twoside & two-sided headers \\
compat & keep the old behaviour \\
\bottomrule
\end{tabular}
\end{table}
"""
WRAPPED_GRID = [
    ["Option", "Meaning"],
    ["nocheck", "do not check the heights of the header and the footer of the page"],
    ["twoside", "two-sided headers"],
    ["compat", "keep the old behaviour"],
]

LONG_ROWS = 70


def longtable_source() -> str:
    rows = "\n".join(f"Item {i} & {i * 3} & {i * i} \\\\" for i in range(1, LONG_ROWS + 1))
    return (
        paragraph(6)
        + r"""
\begin{longtable}{|l|r|r|}
\caption{Squares and triples}\\
\hline
Name & Triple & Square \\
\hline
\endfirsthead
\hline
Name & Triple & Square \\
\hline
\endhead
\hline
\endfoot
"""
        + rows
        + "\n\\end{longtable}\n"
        + paragraph(2)
    )


LONG_GRID = [["Name", "Triple", "Square"]] + [[f"Item {i}", str(i * 3), str(i * i)] for i in range(1, LONG_ROWS + 1)]

INLINE = (
    r"Inline math $x_i^2 + y^{n+1} = \alpha_k$ sits in the text, and so does $e^{-t}$ here, "
    r"with a mean $\bar{x}$ and $P(A \mid B)$ too."
)
INLINE_EXPECTED = [r"x_i^2+y^{n+1}=\alpha_k", r"e^{-t}", r"\bar{x}", r"P(A\mid B)"]

#: (LaTeX source of the display, expected LaTeX, tag)
DISPLAYS = [
    (r"\begin{equation} \frac{a+b}{c} = \sum_{i=1}^{n} x_i \end{equation}", r"\frac{a+b}{c}=\sum_{i=1}^{n}x_i", "1"),
    (r"\begin{equation} \int_0^1 x^2 \, dx = \frac{1}{3} \end{equation}", r"\int_0^1x^2dx=\frac{1}{3}", "2"),
    (
        r"\begin{equation} A = \begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix} \end{equation}",
        r"A=\begin{pmatrix}1&2\\3&4\end{pmatrix}",
        "3",
    ),
    (
        r"\begin{equation} \sum_{k=0}^{\infty} \frac{x^k}{k!} = e^x \end{equation}",
        r"\sum_{k=0}^{\infty}\frac{x^k}{k!}=e^x",
        "4",
    ),
    (r"\begin{equation} \sqrt{x^2 + y^2} \leq \alpha + \beta \end{equation}", r"\sqrt{x^2+y^2}\leq\alpha+\beta", "5"),
]
ALIGN = r"""
\begin{align}
f(x) &= x^2 + 1 \\
g(x) &= \sqrt{x} - 2
\end{align}
"""
ALIGN_EXPECTED = [(r"f(x)=x^2+1", "6"), (r"g(x)=\sqrt{x}-2", "7")]
ALIGN_STAR = r"""
\begin{align*}
a &= b + c \\
d &= e - f
\end{align*}
"""
ALIGN_STAR_EXPECTED = r"\begin{aligned}a&=b+c\\d&=e-f\end{aligned}"


def math_source() -> str:
    parts = [paragraph(2), INLINE, "\n\n", paragraph(1)]
    for source, _, _ in DISPLAYS:
        parts += [source, "\n", paragraph(1)]
    parts += [ALIGN, paragraph(1), ALIGN_STAR, paragraph(1)]
    return "".join(parts)


def figure_source() -> str:
    return (
        paragraph(2)
        + r"""
\begin{figure}[h]
\centering
\includegraphics[width=6cm]{gradient.png}
\caption{A gradient of colours.}
\end{figure}
"""
        + paragraph(2)
        + r"""
\begin{figure}[h]
\centering
\includegraphics[width=7cm]{plot.pdf}
\caption{A drawn plot of the data.}
\end{figure}
"""
        + paragraph(2)
    )
