"""Producer family: chromium — web pages printed to PDF by headless Chromium.

The document is the shared seeded one, written as a web page (``web_writer``): a site header with a
navigation bar on the first page and a site footer after the article (both furniture), sans-serif
site CSS, CSS columns, colour-highlighted code, ruled and striped tables, notes at the end. Math is
rendered before printing by node, with KaTeX (``katex.renderToString``) or MathJax 3 (``tex2chtml``),
into static HTML: no script runs at print time. With ``running`` the pages carry browser-like
header and footer lines (date, title, address, "2 / 5") from CSS page-margin boxes, as a browser's
"headers and footers" option prints them. KaTeX and MathJax come from npm into bench/cache/npm
(``scripts/fetch-mathjs.sh``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

from ..generate import F, Recipe
from ..model import Document, Math, Para
from ..render import environment, run
from . import Producer
from .web_writer import article_html

NPM = Path(__file__).resolve().parents[2] / "cache" / "npm" / "node_modules"
SITE = "Coastal Survey Office"
NAV = "Home Data Reports Methods About"
SITE_FOOTER = "© 2024 Coastal Survey Office · Contact · Privacy"
DATE = "17/05/2024, 10:42"
TITLE = "Coastal measurements"

# node: read {"engine", "items": [[latex, display], ...], "fonts"} on stdin, write {"html": [...], "css"}
MATH_SCRIPT = r"""
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
let out;
if (input.engine === 'katex') {
  const katex = require('katex');
  out = {html: input.items.map(([tex, display]) =>
    katex.renderToString(tex, {displayMode: display, throwOnError: true})), css: ''};
} else {
  const {mathjax} = require('mathjax-full/js/mathjax.js');
  const {TeX} = require('mathjax-full/js/input/tex.js');
  const {CHTML} = require('mathjax-full/js/output/chtml.js');
  const {liteAdaptor} = require('mathjax-full/js/adaptors/liteAdaptor.js');
  const {RegisterHTMLHandler} = require('mathjax-full/js/handlers/html.js');
  const {AllPackages} = require('mathjax-full/js/input/tex/AllPackages.js');
  const adaptor = liteAdaptor();
  RegisterHTMLHandler(adaptor);
  const doc = mathjax.document('', {InputJax: new TeX({packages: AllPackages}),
    OutputJax: new CHTML({fontURL: input.fonts})});
  const html = input.items.map(([tex, display]) => adaptor.outerHTML(doc.convert(tex, {display})));
  out = {html, css: adaptor.textContent(doc.outputJax.styleSheet(doc))};
}
process.stdout.write(JSON.stringify(out));
"""

CSS = """
@page { size: A4; margin: 2.2cm 1.9cm 2cm;
  %(margin_boxes)s }
body { font-family: %(font)s; font-size: 10pt; line-height: 1.55; color: #1f2328; margin: 0; }
header.site { display: flex; justify-content: space-between; align-items: baseline;
  border-bottom: 2px solid #0b5cad; padding: 0 0 6pt; margin-bottom: 14pt; }
header.site .brand { font-weight: bold; font-size: 13pt; color: #0b5cad; }
header.site nav span { margin-left: 12pt; font-size: 9pt; color: #444; }
footer.site { border-top: 1px solid #ccc; margin-top: 18pt; padding-top: 6pt; font-size: 8pt; color: #666; }
article { %(columns)s }
h2 { font-size: 16pt; margin: 16pt 0 6pt; color: #0b3d6e; break-after: avoid; }
h3 { font-size: 13pt; margin: 12pt 0 4pt; break-after: avoid; }
h4 { font-size: 11pt; margin: 10pt 0 4pt; break-after: avoid; }
p { margin: 0 0 7pt; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; background: #f0f2f4; padding: 0 2px; }
pre.code { background: #f6f8fa; border: 1px solid #e1e4e8; border-radius: 4px; padding: 6pt 8pt;
  font-size: 8.5pt; line-height: 1.4; break-inside: avoid; }
pre.code code { background: none; padding: 0; }
table { border-collapse: collapse; margin: 8pt 0 10pt; font-size: 9pt; break-inside: avoid; }
caption { caption-side: top; text-align: left; font-weight: bold; margin-bottom: 4pt; }
td, th { padding: 3pt 8pt; text-align: left; }
table.ruled td, table.ruled th { border: 1px solid #8c959f; }
table.unruled th { background: #0b5cad; color: white; }
table.unruled tr:nth-child(odd) td { background: #eef3f8; }
figure { margin: 10pt 0; text-align: center; break-inside: avoid; } figure img { width: 55%%; }
figcaption { font-size: 9pt; color: #555; }
.display { margin: 8pt 0; text-align: center; break-inside: avoid; }
sup.fnref a { color: #0b5cad; text-decoration: none; }
section.notes { font-size: 8.5pt; color: #444; }
"""

FIXED_CSS = """
@page { margin-top: 1.2cm; margin-bottom: 1.2cm; }
header.site.fixed { position: fixed; top: 0; left: 0; right: 0; height: 0.9cm; margin: 0; background: white; }
footer.site.fixed { position: fixed; bottom: 0; left: 0; right: 0; height: 0.6cm; margin: 0; background: white; }
table.frame { width: 100%; border-collapse: collapse; margin: 0; font-size: inherit; }
table.frame > * > tr > td { padding: 0; }
.head-space { height: 1.5cm; } .foot-space { height: 1.1cm; }
"""

MARGIN_BOXES = (
    '@top-left { content: "%s"; font: 8pt "Liberation Sans"; color: #333; }'
    ' @top-center { content: "%s"; font: 8pt "Liberation Sans"; color: #333; }'
    ' @bottom-left { content: "%s"; font: 8pt "Liberation Sans"; color: #333; }'
    ' @bottom-right { content: counter(page) " / " counter(pages); font: 8pt "Liberation Sans"; color: #333; }'
)

FONTS = {
    "zh": '"WenQuanYi Micro Hei", sans-serif',
    "ja": '"WenQuanYi Micro Hei", sans-serif',
}


def url_of(recipe: Recipe) -> str:
    return f"https://survey.example.org/reports/{recipe.name}.html"


def render_math(engine: str, items: list[tuple[str, bool]]) -> tuple[list[str], str]:
    """Each (latex, display) as HTML by KaTeX or MathJax 3 in node, and the head element for its styles."""
    if not items:
        return [], ""
    if not NPM.is_dir():
        raise RuntimeError(f"KaTeX/MathJax missing in {NPM}: run scripts/fetch-mathjs.sh")
    fonts = (NPM / "mathjax-full" / "es5" / "output" / "chtml" / "fonts" / "woff-v2").as_uri()
    payload = json.dumps({"engine": engine, "items": items, "fonts": fonts})
    done = subprocess.run(
        ["node", "-e", MATH_SCRIPT],
        input=payload,
        cwd=NPM.parent,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0:
        raise RuntimeError(f"node ({engine}) failed:\n{done.stderr[-2000:]}")
    out = json.loads(done.stdout)
    if engine == "katex":  # KaTeX's style sheet and fonts, linked where npm put them
        return out["html"], f'<link rel="stylesheet" href="{(NPM / "katex" / "dist" / "katex.min.css").as_uri()}">'
    return out["html"], f"<style>{out['css']}</style>"


def math_items(doc: Document) -> list[tuple[str, bool]]:
    from .web_writer import MATH

    items: list[tuple[str, bool]] = []
    for block in doc.blocks:
        if isinstance(block, Math):
            items.append((block.latex, True))
        elif isinstance(block, Para):
            items.extend((m.group(1), False) for m in MATH.finditer(block.text))
    return items


def page_html(recipe: Recipe, doc: Document) -> str:
    """The whole page: site header, article, site footer, with its CSS and the math pre-rendered."""
    items = math_items(doc)
    rendered, math_css = render_math(recipe.variant, items) if items else ([], "")
    lookup = dict(zip(items, rendered))
    article = article_html(doc, lambda latex, display: lookup[(latex, display)])
    fixed = recipe.variant == "fixed"
    boxes = MARGIN_BOXES % (DATE, TITLE, url_of(recipe)) if recipe.running and not fixed else ""
    css = CSS % {
        "margin_boxes": boxes,
        "font": FONTS.get(recipe.lang, '"Liberation Sans", "DejaVu Sans", sans-serif'),
        "columns": "columns: 2; column-gap: 22pt;" if recipe.columns == 2 else "",
    }
    nav = "".join(f"<span>{word}</span>" for word in NAV.split())
    header = f'<header class="site"><div class="brand">{SITE}</div><nav>{nav}</nav></header>'
    footer = f'<footer class="site">{SITE_FOOTER}</footer>'
    if fixed:
        # fixed elements print on every page; the table's repeated head and foot rows keep the article clear of them
        body = (
            f"{header.replace('site', 'site fixed', 1)}{footer.replace('site', 'site fixed', 1)}"
            '<table class="frame"><thead><tr><td><div class="head-space"></div></td></tr></thead>'
            '<tfoot><tr><td><div class="foot-space"></div></td></tr></tfoot>'
            f"<tbody><tr><td><article>{article}</article></td></tr></tbody></table>"
        )
    else:
        body = f"{header}<article>{article}</article>{footer}"
    return (
        f'<!doctype html><html lang="{recipe.lang}"><head><meta charset="utf-8"><title>{TITLE}</title>'
        f"<style>{css}{FIXED_CSS if fixed else ''}</style>{math_css}</head><body>{body}</body></html>"
    )


def render_web(recipe: Recipe, doc: Document, workdir: Path, pdf: Path) -> None:
    """Static HTML printed by headless Chromium with its own profile folder."""
    boxes = recipe.running and recipe.variant != "fixed"  # browser-like lines with the page number
    doc.furniture = [SITE, NAV, SITE_FOOTER] + ([DATE, TITLE, url_of(recipe)] if boxes else [])
    doc.page_numbers = boxes
    (workdir / "doc.html").write_text(page_html(recipe, doc), encoding="utf-8")
    profile = workdir / "chromium-profile"
    (workdir / "doc.pdf").unlink(missing_ok=True)
    command = [
        "chromium",
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--allow-file-access-from-files",  # the KaTeX/MathJax fonts are file:// URLs
        "--virtual-time-budget=10000",  # wait for the web fonts before printing
        f"--user-data-dir={profile}",
        "--no-pdf-header-footer",
        "--print-to-pdf=doc.pdf",
        "doc.html",
    ]
    try:
        run(command, workdir)
    finally:  # 2-3 MB of browser state per document, not needed again
        shutil.rmtree(profile, ignore_errors=True)
    if not (workdir / "doc.pdf").exists():
        raise RuntimeError(f"chromium wrote no PDF in {workdir}")
    shutil.move(workdir / "doc.pdf", pdf)


PRODUCERS = [
    Producer(
        "chromium",
        "chromium",
        render_web,
        source=f"{__name__},{__package__}.web_writer",
        debs=("chromium", "nodejs", "npm", "fonts-liberation2"),
    )
]

TEXT = F("lists", "footnotes", "emphasis", "code")
TABLES = F("tables_ruled", "tables_unruled", "tables_merged", "tables_merged_unruled")
MATH_FEATURES = F("math", "inline_math")
LONG = {"sections": 12, "paragraphs": 16}


def _recipe(name: str, lang: str, variant: str = "", **kwargs: object) -> Recipe:
    return replace(Recipe(name, lang, "chromium", variant=variant), **kwargs)  # type: ignore[arg-type]


RECIPES: list[Recipe] = [
    # without math
    _recipe("en-web-plain", "en", running=False),
    _recipe("en-web-text", "en", features=TEXT, sections=4),
    _recipe("en-web-tables", "en", features=TABLES, sections=4),
    _recipe("en-web-2col", "en", columns=2, features=TEXT, sections=5),
    _recipe("en-web-figures", "en", features=F("figures", "lists", "code"), sections=4, running=False),
    _recipe("en-web-long", "en", features=TEXT | F("tables_ruled"), **LONG),
    _recipe("de-web", "de", features=TEXT, sections=4),
    _recipe("de-web-tables", "de", "fixed", features=F("tables_merged", "tables_unruled", "lists"), sections=4),
    _recipe("fr-web-2col", "fr", columns=2, features=F("lists", "code", "footnotes"), sections=5),
    _recipe("ru-web", "ru", "fixed", features=TEXT, sections=4),
    _recipe("en-web-fixed-2col", "en", "fixed", columns=2, features=TEXT | F("tables_ruled"), sections=8, paragraphs=4),
    _recipe("el-web", "el", features=F("lists", "tables_ruled"), sections=4),
    _recipe("zh-web", "zh", features=F("lists", "footnotes", "tables_unruled"), sections=4),
    _recipe("ja-web", "ja", features=F("lists", "code"), sections=4, running=False),
    # math, each with KaTeX and with MathJax 3
    _recipe("en-web-math-katex", "en", "katex", features=MATH_FEATURES | F("lists"), sections=4),
    _recipe("en-web-math-mathjax", "en", "mathjax", features=MATH_FEATURES | F("lists"), sections=4),
    _recipe("en-web-2col-math-katex", "en", "katex", columns=2, features=MATH_FEATURES | F("code"), sections=5),
    _recipe("en-web-2col-math-mathjax", "en", "mathjax", columns=2, features=MATH_FEATURES | F("code"), sections=5),
    _recipe("de-web-math-katex", "de", "katex", features=F("math", "tables_ruled"), sections=4),
    _recipe("fr-web-math-mathjax", "fr", "mathjax", features=F("math", "lists"), sections=4),
    _recipe("ru-web-math-katex", "ru", "katex", features=F("math", "footnotes"), sections=4),
    _recipe("ru-web-math-mathjax", "ru", "mathjax", features=F("math", "footnotes"), sections=4, seed=1),
    _recipe("zh-web-math-katex", "zh", "katex", features=F("math", "lists"), sections=4),
    _recipe("ja-web-math-mathjax", "ja", "mathjax", features=F("math", "tables_ruled"), sections=4),
    _recipe("en-web-math-long", "en", "katex", features=MATH_FEATURES | TEXT | F("tables_merged"), **LONG),
]
