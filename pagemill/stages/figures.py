"""Figures: images and clusters of vector drawings grouped into regions.

A figure region is an image placed on the page, an embedded drawing (a form
XObject, e.g. an included PDF plot), or a cluster of paths that are not table
rules or boxes, grown by the drawings and images that touch it (within
GROW_EM). Text inside the region (axis labels, legends) belongs to the
figure, not to the prose. The figure's caption is the nearest caption block
("Figure 3: ...") just under or over it.

A region must be at least MIN_SIDE_EM on each side; a picture covering most
of the page is a scanned page or a background, not a figure.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence

import pypdfium2 as pdfium

from ..engines.pdf_objects import render_region
from ..model import BBox, Block, BlockKind, Glyph, Line, Page, RawPage
from .lines import split_runs

log = logging.getLogger(__name__)

#: drawings closer than this (em) belong to one figure
GROW_EM = 1.0
#: a figure is at least this big on each side (em)
MIN_SIDE_EM = 2.5
#: pictures covering more of the page than this are backgrounds or scans
MAX_PAGE_SHARE = 0.7
#: a region holding more text glyphs than this is a framed or shaded text box, not a figure
MAX_LABEL_GLYPHS = 400
#: a figure's labels are short; lines this long (characters) are a text box's
LINE_CHARS = 25
#: characters per square em above which a region is text, not a picture with labels
LABEL_DENSITY = 0.15
#: a caption further away than this (em) is not the figure's
CAPTION_REACH_EM = 4.0


def find_figures(raw: RawPage, em: float, taken: Sequence[BBox]) -> list[Block]:
    """FIGURE blocks for the page's images and drawings, outside the regions in ``taken``."""
    if not raw.pictures and not any(d.kind in ("shape", "form") for d in raw.drawings):
        return []
    page_area = raw.width * raw.height
    seeds = [
        BBox(p.x0, p.y0, p.x1, p.y1) for p in raw.pictures if (p.x1 - p.x0) * (p.y1 - p.y0) < MAX_PAGE_SHARE * page_area
    ]
    seeds += [BBox(d.x0, d.y0, d.x1, d.y1) for d in raw.drawings if d.kind in ("shape", "form")]
    seeds = [b for b in seeds if not any(_inside(b, t) for t in taken) and b.width > 0.2 and b.height > 0.2]
    others = [BBox(d.x0, d.y0, d.x1, d.y1) for d in raw.drawings if d.kind in ("hline", "vline", "rect")]
    regions = _grow(_merge(seeds, GROW_EM * em), others, GROW_EM * em)
    blocks = []
    for box in regions:
        if box.width < MIN_SIDE_EM * em or box.height < MIN_SIDE_EM * em:
            continue
        if any(_overlap(box, t) > 0.3 * min(box.width * box.height, t.width * t.height) for t in taken):
            continue
        labels = [g for g in raw.glyphs if g.text != " " and _center_in(g, box)]
        box, labels = _without_caption(box, labels)
        if box.height < MIN_SIDE_EM * em:
            continue
        if len(labels) > MAX_LABEL_GLYPHS or _holds_text(labels, box, em):
            continue  # a framed or shaded box of text (code, a note), not a picture
        text = "".join(g.text for g in labels)
        line = Line(text=text, markdown=text, bbox=box, size=em)
        blocks.append(Block(BlockKind.FIGURE, raw.number, box, [line] if text.strip() else [], {"labels": text}))
    return blocks


_CAPTION = re.compile(r"^(figure|fig\.|abbildung|рис\.|рисунок|图|table|tabelle|tableau)\s*[\dIVX]+", re.IGNORECASE)


def _without_caption(box: BBox, labels: list[Glyph]) -> tuple[BBox, list[Glyph]]:
    """A caption the drawing reaches over stays out of the figure (it is the figure's caption block)."""
    for run in split_runs(labels):
        if not _CAPTION.match("".join(g.text for g in run).strip()):
            continue
        top, bottom = min(g.y0 for g in run), max(g.y1 for g in run)
        if (top + bottom) / 2 > (box.y0 + box.y1) / 2:
            box = BBox(box.x0, box.y0, box.x1, min(box.y1, top - 0.5))
        else:
            box = BBox(box.x0, max(box.y0, bottom + 0.5), box.x1, box.y1)
    return box, [g for g in labels if _center_in(g, box)]


def _holds_text(labels: list[Glyph], box: BBox, em: float) -> bool:
    """Lines of text, not a picture's labels: long lines, or text dense enough to read as a text box.

    A plot's labels (axis names, tick numbers) are short and sparse: under LABEL_DENSITY
    characters per square em of the figure; a page of text has about 1.5.
    """
    if not labels:
        return False
    long_lines = sum(1 for run in split_runs(labels) if sum(1 for g in run if g.text.strip()) >= LINE_CHARS)
    density = len(labels) / max(box.width * box.height / (em * em), 1.0)
    return long_lines >= 2 or (long_lines >= 1 and len(labels) >= 80) or density > LABEL_DENSITY


def _merge(boxes: list[BBox], reach: float) -> list[BBox]:
    """Boxes that touch (within ``reach``) merged until none touch."""
    merged = list(boxes)
    changed = True
    while changed:
        changed = False
        out: list[BBox] = []
        for box in merged:
            for k, other in enumerate(out):
                if _near(box, other, reach):
                    out[k] = other.union(box)
                    changed = True
                    break
            else:
                out.append(box)
        merged = out
    return merged


def _grow(regions: list[BBox], others: list[BBox], reach: float) -> list[BBox]:
    """Rules and boxes touching a figure (axes, frames, ticks) are part of it."""
    grown = []
    for region in regions:
        for box in others:
            if (
                _near(region, box, reach)
                and box.width < 3 * region.width + reach
                and box.height < 3 * region.height + reach
            ):
                region = region.union(box)
        grown.append(region)
    return _merge(grown, 0.0)


def _near(a: BBox, b: BBox, reach: float) -> bool:
    return a.x0 - reach <= b.x1 and b.x0 - reach <= a.x1 and a.y0 - reach <= b.y1 and b.y0 - reach <= a.y1


def _inside(a: BBox, b: BBox) -> bool:
    return a.x0 >= b.x0 - 1 and a.x1 <= b.x1 + 1 and a.y0 >= b.y0 - 1 and a.y1 <= b.y1 + 1


def _overlap(a: BBox, b: BBox) -> float:
    return max(0.0, min(a.x1, b.x1) - max(a.x0, b.x0)) * max(0.0, min(a.y1, b.y1) - max(a.y0, b.y0))


def _center_in(g: Glyph, box: BBox) -> bool:
    cx, cy = (g.x0 + g.x1) / 2, (g.y0 + g.y1) / 2
    return box.x0 <= cx <= box.x1 and box.y0 <= cy <= box.y1


def attach_captions(blocks: list[Block], em: float) -> None:
    """Each figure takes the text of the caption block right under (or else over) it."""
    captions = [b for b in blocks if b.kind is BlockKind.CAPTION]
    for figure in (b for b in blocks if b.kind is BlockKind.FIGURE):
        below = [
            c for c in captions if 0 <= c.bbox.y0 - figure.bbox.y1 < CAPTION_REACH_EM * em and _shares_x(c, figure)
        ]
        above = [
            c for c in captions if 0 <= figure.bbox.y0 - c.bbox.y1 < CAPTION_REACH_EM * em and _shares_x(c, figure)
        ]
        if below:
            figure.attrs["caption"] = min(below, key=lambda c: c.bbox.y0).text
        elif above:
            figure.attrs["caption"] = max(above, key=lambda c: c.bbox.y1).text


def _shares_x(a: Block, b: Block) -> bool:
    return min(a.bbox.x1, b.bbox.x1) > max(a.bbox.x0, b.bbox.x0)


def attach_images(pdf: pdfium.PdfDocument, source: str, page: Page, dpi: float = 150.0) -> None:
    """Render each figure of the page to PNG and name the file it will be saved as."""
    figures = [b for b in page.blocks if b.kind is BlockKind.FIGURE]
    if not figures:
        return
    folder = os.path.splitext(os.path.basename(source))[0] + "_images"
    pdf_page = pdf[page.number - 1]
    try:
        for number, block in enumerate(figures, 1):
            try:
                block.image = render_region(pdf_page, block.bbox, dpi, page.rotation)
            except Exception:  # noqa: BLE001 - a figure without its picture; the page keeps its text
                log.warning("page %d: figure %d not rendered", page.number, number, exc_info=True)
                continue
            block.attrs["image"] = f"{folder}/page{page.number}-figure{number}.png"
            _mark_caption(page.blocks, block)
    finally:
        pdf_page.close()


def _mark_caption(blocks: list[Block], figure: Block) -> None:
    """The caption block a figure shows as its alt text is not written a second time (kept in the JSON)."""
    caption = figure.attrs.get("caption")
    for block in blocks:
        if block.kind is BlockKind.CAPTION and block.text == caption:
            block.attrs["figure_caption"] = figure.attrs["image"]
            return


def figure_markdown(block: Block) -> str:
    """``![caption](folder/file.png)``; nothing when images are off (no file)."""
    path = block.attrs.get("image")
    if not path:
        return ""
    alt = str(block.attrs.get("caption", "Figure")).replace("[", "(").replace("]", ")").replace("\n", " ")
    return f"![{alt}]({path})"


def figure_images(blocks: Sequence[Block]) -> dict[str, bytes]:
    """File name -> PNG bytes of every rendered figure."""
    return {
        str(b.attrs["image"]): b.image for b in blocks if b.kind is BlockKind.FIGURE and b.image and "image" in b.attrs
    }


def without_glyphs(glyphs: list[Glyph], boxes: Sequence[BBox]) -> list[Glyph]:
    """The glyphs whose centres fall in none of ``boxes``."""
    if not boxes:
        return glyphs
    band = 20.0  # points: each glyph is tested against the boxes of its horizontal band only
    by_band: dict[int, list[BBox]] = {}
    for box in boxes:
        for k in range(int(box.y0 // band), int(box.y1 // band) + 1):
            by_band.setdefault(k, []).append(box)
    kept = []
    for g in glyphs:
        cx, cy = (g.x0 + g.x1) / 2, (g.y0 + g.y1) / 2
        near = by_band.get(int(cy // band))
        if not near or not any(b.x0 <= cx <= b.x1 and b.y0 <= cy <= b.y1 for b in near):
            kept.append(g)
    return kept
