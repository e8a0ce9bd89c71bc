"""Print a document to PDF with real engines, and make the scanned variants.

LaTeX documents go through pandoc and pdflatex or xelatex (Debian's TeX Live); HTML documents go
through pandoc and weasyprint. Scanned variants are the digital pages rasterised with pdftoppm,
turned by a small angle, given sensor noise and rebuilt as an image-only PDF with Pillow.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from .generate import Recipe
from .model import Document, pandoc_markdown
from .producers import Producer

FIXED_DATE = "1700000000"  # SOURCE_DATE_EPOCH: the same bytes on every build

LATEX_HEADER = r"""
\usepackage{float}
\floatplacement{figure}{H}
\usepackage{multirow}
\usepackage{fancyhdr}
"""

RUNNING = r"""
\pagestyle{fancy}
\fancyhf{}
\fancyhead[L]{\small Coastal measurements}
\fancyhead[R]{\small Technical report 7}
\fancyfoot[C]{\thepage}
"""

HTML_CSS = """
@page { size: A4; margin: 2.4cm 2.2cm;
  %(running)s }
body { font-family: %(font)s; font-size: 10.5pt; line-height: 1.4; %(columns)s }
h1 { font-size: 17pt; margin: 14pt 0 6pt; } h2 { font-size: 14pt; } h3 { font-size: 12pt; }
pre, code { font-family: "DejaVu Sans Mono"; font-size: 9pt; }
pre { background: #f3f3f3; padding: 4pt 6pt; }
table { border-collapse: collapse; margin: 8pt auto; font-size: 9.5pt; }
caption { caption-side: top; margin-bottom: 4pt; }
td, th { padding: 2pt 7pt; text-align: left; }
table.ruled td, table.ruled th { border: 0.7pt solid #000; }
figure { text-align: center; margin: 8pt 0; } figure img { width: 45%%; }
.fn { float: footnote; font-size: 8.5pt; }
"""

RUNNING_CSS = (
    '@top-center { content: "Coastal measurements · Technical report 7"; font-size: 8.5pt; }'
    " @bottom-center { content: counter(page); font-size: 9pt; }"
)

FONTS = {
    "zh": '"WenQuanYi Micro Hei"',
    "ja": '"WenQuanYi Micro Hei"',
    "ar": '"DejaVu Sans"',
    "he": '"DejaVu Sans"',
}


def environment() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": FIXED_DATE, "FORCE_SOURCE_DATE": "1"}


def render_latex(recipe: Recipe, doc: Document, workdir: Path, pdf: Path) -> None:
    if recipe.running:
        doc.furniture, doc.page_numbers = ["Coastal measurements", "Technical report 7"], True
    (workdir / "doc.md").write_text(pandoc_markdown(doc, "latex"), encoding="utf-8")
    header = LATEX_HEADER + (RUNNING if recipe.running else r"\pagestyle{empty}")
    (workdir / "header.tex").write_text(header, encoding="utf-8")
    command = [
        "pandoc",
        "doc.md",
        "-f",
        "markdown-smart",
        "-o",
        "doc.pdf",
        f"--pdf-engine={recipe.engine}",
        "-H",
        "header.tex",
        "-V",
        "geometry:margin=2.3cm",
        "-V",
        "fontsize=11pt",
        "-V",
        "papersize=a4",
    ]
    if recipe.columns == 2:
        command += ["-V", "classoption=twocolumn"]
    if recipe.numbered:
        command += ["--number-sections"]
    if recipe.engine == "xelatex":
        command += ["-V", "mainfont=DejaVu Serif", "-V", "sansfont=DejaVu Sans", "-V", "monofont=DejaVu Sans Mono"]
    run(command, workdir)
    (workdir / "doc.pdf").replace(pdf)


def render_html(recipe: Recipe, doc: Document, workdir: Path, pdf: Path) -> None:
    if recipe.running:
        doc.furniture, doc.page_numbers = ["Coastal measurements · Technical report 7"], True
    (workdir / "doc.md").write_text(pandoc_markdown(doc, "html"), encoding="utf-8")
    run(["pandoc", "doc.md", "-f", "markdown-smart", "-t", "html5", "-o", "body.html"], workdir)
    css = HTML_CSS % {
        "running": RUNNING_CSS if recipe.running else "",
        "font": FONTS.get(recipe.lang, '"DejaVu Serif"'),
        "columns": "columns: 2; column-gap: 1.6em;" if recipe.columns == 2 else "",
    }
    direction = ' dir="rtl"' if recipe.lang in ("ar", "he") else ""
    body = (workdir / "body.html").read_text(encoding="utf-8")
    page = (
        f'<!doctype html><html lang="{recipe.lang}"{direction}><head><meta charset="utf-8">'
        f"<style>{css}</style></head><body>{body}</body></html>"
    )
    (workdir / "doc.html").write_text(page, encoding="utf-8")
    run([sys.executable, "-m", "weasyprint", "doc.html", "doc.pdf"], workdir)
    (workdir / "doc.pdf").replace(pdf)


def run(command: list[str], cwd: Path) -> None:
    done = subprocess.run(command, cwd=cwd, env=environment(), capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"{command[0]} failed in {cwd}:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")


def write_figures(workdir: Path) -> None:
    """Three bar charts without any text in them, so a figure adds no words to the ground truth."""
    for number in (1, 2, 3):
        path = workdir / f"figure-{number}.png"
        if path.exists():
            continue
        image = Image.new("RGB", (600, 360), "white")
        draw = ImageDraw.Draw(image)
        draw.line([(40, 20), (40, 320), (580, 320)], fill="black", width=3)
        for bar in range(8):
            height = 40 + ((bar * 37 * number) % 230)
            left = 60 + bar * 64
            draw.rectangle([left, 320 - height, left + 44, 320], fill=(60 + 20 * number, 110, 200 - 30 * number))
        image.save(path)


def scan(pdf: Path, dpi: int, out: Path, seed: int) -> None:
    """An image-only copy of ``pdf``: grey pages at ``dpi``, skewed up to a degree, noisy, JPEG-coded."""
    prefix = out.with_suffix("")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(prefix)], check=True, timeout=300)
    pages = sorted(prefix.parent.glob(prefix.name + "-*.png"))
    rng = np.random.default_rng(seed)
    images = []
    for path in pages:
        with Image.open(path) as page:
            images.append(degrade(page.convert("L"), rng))
        path.unlink()
    images[0].save(out, save_all=True, append_images=images[1:], resolution=float(dpi), quality=80)


def degrade(page: Image.Image, rng: np.random.Generator) -> Image.Image:
    angle = float(rng.uniform(-1.0, 1.0))
    turned = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    soft = turned.filter(ImageFilter.GaussianBlur(radius=0.6))
    pixels = np.asarray(soft, dtype=np.float32)
    pixels = pixels + rng.normal(0.0, 12.0, pixels.shape)
    specks = rng.random(pixels.shape) < 0.0004
    pixels[specks] = 0.0
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L")


PRODUCERS = [
    Producer("pdflatex", "pandoc-latex", render_latex, source=__name__, debs=("pandoc", "texlive-latex-recommended")),
    Producer("xelatex", "pandoc-latex", render_latex, source=__name__, debs=("pandoc", "texlive-xetex")),
    Producer("weasyprint", "weasyprint", render_html, source=__name__, debs=("pandoc",)),
]
