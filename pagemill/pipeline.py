"""Every stage, in order. Read this file to see where each Markdown line comes from.

First the reader, chosen from the file's bytes (readers/sniff.py, in ``build_document``):

    PDF                   the stages below
    image                 readers/images.py: each picture a page of a temporary PDF, which
                          the stages below read as a scan (the OCR step finds no text layer)
    DOCX, ODT, PPTX, XLSX, CSV, HTML, MHTML, EPUB
                          readers/<format>.py build the blocks from the format's own
                          structure (native.py) and skip every stage below: their
                          headings, lists and tables are exact, and they have no geometry

Per page (streamed: one page in memory at a time, the PDF page closed after):

    engine.read_page      PDF page -> RawPage: glyphs with box, size, style     engines/pdfium.py
                          (a page whose text runs sideways, a landscape table, is read turned
                          upright: pdfium_geometry.py; a font's style: pdfium_fonts.py; text set
                          at a quarter turn, a table's column heads, kept apart: sideways.py)
    OcrStep.apply         text layer judged; OCR words replace it where it fails   stages/quality.py, stages/ocr.py
                          (the language read in: stages/ocr_language.py; each OCR'd line's size,
                          weight, pitch measured: stages/ocr_style.py; rules in the pixels become
                          drawings for the table stage, unsure words of tables are read again:
                          stages/ocr_reread.py; OCR that cannot run fails that page only, which
                          keeps its text layer)
    drawn_bullets         list discs and squares drawn as shapes -> "•" glyphs      stages/bullets.py
    take_regions          tables (ruled, aligned), figures, displays -> blocks     stages/regions.py, stages/tables/
                          (ruled: tables/rules.py, cells.py, labels.py; white space: aligned.py,
                          keyvalue.py, captioned.py, foot.py; the finders share one glyph index)
    build_lines           glyphs -> lines: spaces; RTL order; text, inline styles   stages/lines.py, bidi.py, inline.py
    column_order          lines -> column segments in reading order             stages/reading_order.py
    build_blocks          lines of a segment -> paragraphs, list items, code, captions   stages/blocks.py
    place_regions         table/figure/equation blocks into reading order   stages/regions.py
    drop_unmapped         U+FFFD, private-use and control characters left out, counted   stages/characters.py
    release_line_boxes    line boxes dropped: pages kept for the document stages stay small   model.py
    attach_images         figures rendered to PNG (Options.images)          stages/figures.py
    identify language     the page's text -> ISO 639 code (py3langid)      engines/language.py

A page that fails in any of these is reported in ``Document.errors`` and left out; the others go on.

Then over the whole document (they need every page's statistics):

    assign_roles          each text block's features -> its role by a trained model   stages/features.py, roles.py
    join_chapter_labels   "Chapter 3" set large above its title: one block        stages/headings.py
    mark_furniture        running headers, footers, page numbers -> FURNITURE   stages/furniture.py
    find_headings         headings and levels from font statistics, numbering   stages/headings.py
    find_footnotes        small marked blocks at the foot of a page             stages/footnotes.py
    find_endnotes         a numbered list after the text, its numbers raised in the body: notes
    nest_lists            list depth from marker positions                      stages/lists.py
    join_continued        paragraphs split by a column or page break joined     stages/paragraphs.py
    join_tables           a table continued on the next page merged into one    stages/tables/

A document stage that raises is reported in ``Document.errors`` and the blocks stay as it left
them: the document ends ``partial``, not failed. The document's language is the one most of its
characters are in (``Document.language``; pages per language in ``Document.languages``).

Renderers: render/markdown.py (GFM) and render/json.py (block tree).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

from .engines.language import document_language, identify, pages_per_language, preload
from .engines.pdfium import PdfiumEngine
from .errors import Corrupt, TooLarge
from .model import Block, Document, FontStats, Page, RawPage, release_line_boxes
from .options import Options, parse_page_ranges
from .readers import native_reader, sniff
from .readers.images import images_as_pdf
from .stages.blocks import build_blocks
from .stages.bullets import drawn_bullets
from .stages.characters import drop_unmapped
from .stages.figures import attach_images
from .stages.footnotes import find_endnotes, find_footnotes
from .stages.furniture import mark_furniture
from .stages.headings import find_headings, join_chapter_labels
from .stages.lines import build_lines
from .stages.lists import nest_lists
from .stages.ocr import OcrStep
from .stages.paragraphs import join_continued
from .stages.reading_order import column_order
from .stages.regions import place_regions, take_regions
from .stages.roles import assign_roles
from .stages.tables import join_tables

DocumentStage = Callable[[Document], None]

DOCUMENT_STAGES: tuple[DocumentStage, ...] = (
    assign_roles,
    join_chapter_labels,
    mark_furniture,
    find_headings,
    find_footnotes,
    find_endnotes,
    nest_lists,
    join_continued,
    join_tables,
)


def process_page(raw: RawPage, stats: FontStats, options: Options | None = None) -> Page:
    """The per-page stages: glyphs to blocks in reading order."""
    raw = drawn_bullets(raw)  # list discs drawn as shapes (browsers) become "•": stages/bullets.py
    raw, regions = take_regions(raw, options or Options())  # tables, figures, displays: stages/regions.py
    lines = build_lines(raw)
    for line in lines:
        stats.add(line.size, line.bold, len(line.text))
    blocks: list[Block] = []
    right_to_left = sum(line.rtl for line in lines) > len(lines) / 2
    for segment in column_order(lines, right_to_left):
        blocks.extend(build_blocks(segment, raw.number))
    blocks = place_regions(blocks, regions)
    dropped = drop_unmapped(blocks)
    release_line_boxes(blocks)
    page = Page(raw.number, raw.width, raw.height, raw.rotation, blocks, origin=raw.origin)
    page.dropped_glyphs = dropped
    return page


def read_pages(
    engine: PdfiumEngine, indexes: list[int], stats: FontStats, errors: list[str], options: Options
) -> Iterator[Page]:
    """Pages one at a time; a page that fails is reported and skipped, not fatal.

    A page whose OCR could not run is kept (with its text layer, or empty) and reported with
    the package to install. Only a ``--lang`` that is not installed raises, before any page.
    """
    ocr = OcrStep(engine, options)
    for index, read in ocr.pages(indexes):  # reads ahead while OCR runs: stages/ocr.py
        try:
            raw, quality = read()
            page = process_page(raw, stats, options)
            if options.images:
                attach_images(engine.pdf, engine.path, page)
            page.text_quality = quality
            page.language = identify(page_text(page))
        except Exception as exc:  # noqa: BLE001 - one bad page must not sink the book
            errors.append(f"page {index + 1}: {type(exc).__name__}: {exc}")
            continue
        if "ocr_error" in quality:
            errors.append(f"page {index + 1}: OCR failed, text layer kept: {quality['ocr_error']}")
        if page.origin == "pdf" and quality.get("decision") == "text":
            ocr.languages.note(page.language)  # for pages with too little text to tell their own
        yield page
    errors.extend(ocr.warnings)


def page_text(page: Page) -> str:
    """The text of a page's blocks, for language identification."""
    return "\n".join(block.text for block in page.blocks)


def build_document(path: str, options: Options, progress: Callable[[int, int], None] | None = None) -> Document:
    """Choose the reader from the bytes; a PDF (or an image, as one) goes through every stage."""
    kind = sniff(path, options.max_file_mb)
    preload()  # the language model reads while the document does
    reader = native_reader(kind)
    if reader is not None:  # DOCX, ODT, PPTX, XLSX, CSV, HTML, MHTML, EPUB: readers/
        started = time.perf_counter()
        try:
            document = reader(path, options)
        except RecursionError as exc:  # XML or HTML nested thousands deep
            raise Corrupt("elements nested too deeply to read", path) from exc
        if document.page_count > options.max_pages:
            raise TooLarge(f"{document.page_count} pages, over the limit of {options.max_pages}", path)
        for page in document.pages:
            page.language = identify(page_text(page))
        record_languages(document)
        document.timings = {"read": time.perf_counter() - started}
        if progress:
            progress(len(document.pages), len(document.pages))
        return document
    if kind == "image":
        with images_as_pdf(path, options.max_pages) as (pdf_path, metadata):
            document = build_pdf_document(pdf_path, options.model_copy(update={"password": None}), progress)
        document.source = path
        document.metadata = metadata
        return document
    return build_pdf_document(path, options, progress)


def build_pdf_document(
    path: str, options: Options, progress: Callable[[int, int], None] | None = None
) -> Document:
    """Open a PDF, read every selected page, run the document stages."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    with PdfiumEngine(path, options.password, options.max_file_mb, links=options.links) as engine:
        if engine.page_count > options.max_pages:
            raise TooLarge(f"{engine.page_count} pages, over the limit of {options.max_pages}", path)
        indexes = (
            parse_page_ranges(options.pages, engine.page_count) if options.pages else list(range(engine.page_count))
        )
        document = Document(source=path, pages=[], page_count=engine.page_count, metadata=engine.metadata())
        for done, page in enumerate(read_pages(engine, indexes, document.font_stats, document.errors, options), 1):
            document.pages.append(page)
            if progress:
                progress(done, len(indexes))
    timings["pages"] = time.perf_counter() - started
    for stage in DOCUMENT_STAGES:
        begun = time.perf_counter()
        try:
            stage(document)
        except Exception as exc:  # noqa: BLE001 - a stage that trips on odd text must not lose the document
            document.errors.append(f"{stage.__name__}: {type(exc).__name__}: {exc}")
        timings[stage.__name__] = time.perf_counter() - begun
    record_languages(document)
    document.timings = timings
    return document


def record_languages(document: Document) -> None:
    """The document's language (most of its characters) and its pages per language."""
    document.language = document_language([(p.language, len(page_text(p))) for p in document.pages])
    document.languages = pages_per_language([page.language for page in document.pages])
