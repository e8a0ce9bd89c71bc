"""The OCR step: judge each page's text layer, and read the pixels where it fails.

    assess            stages/quality.py: use the text layer, OCR the page, or OCR regions
    render            engines/render.py: the page at OCR_DPI (capped), grayscale; again,
                      larger, when its lines of text are too small to read (needed_dpi)
    turn upright      a sideways page is turned by tesseract's OSD; an upside-down one is
                      caught by its low confidence and turned too; skew is measured and undone
    choose engine     stages/ocr_language.py (engines/ocr.py's engines): by --lang, or by the script and
                      words of the first OCR'd page;
                      a page with little text (blank, a few words, a picture) does not choose by
                      its own script (OSD guesses there) but takes the document's language: the
                      OCR'd pages before it, else the language of its text-layer pages. A script
                      without its language pack is read with its script model, else English
    read              words with boxes and confidences (in a worker thread: the engine
                      runs in its own process or in onnxruntime; the next page is judged
                      and rendered meanwhile)
    rules             engines/render.py: ruled_lines, the straight rules of the picture (looked
                      for in the pixels darker than the paper: rule_mask; found before reading:
                      an underline is painted out of the picture read, as its words read badly
                      touching it), become drawings (ruled tables are found as on a born-digital
                      page); the "|", "l" and "___" an engine reads them as are taken off the words
    read again        stages/ocr_reread.py: unsure words of a table, read one by one, rules off
    words -> glyphs   stages/ocr_words.py: one Glyph per word, in points; each line's size, weight and pitch measured
                      from letter shapes and stems (stages/ocr_style.py), so that headings,
                      code and footnotes are found as from fonts; bullets read as "©" restored
    layout            engines/layout_onnx.py, only where much ink is not words: figures
                      and tables become pictures, which the figure stage crops and links

OCR fails per page, never per document: a page whose OCR cannot run (engine or model missing,
a crash, a timeout) keeps its text layer, or nothing, and says why in its record (``ocr_error``,
with the package to install); the pipeline reports it in the document's errors. Only a ``--lang``
given and not installed fails the document, at once.

The result is a ``RawPage`` like the PDF engine's (``origin="ocr"`` for a whole page),
so lines, blocks, headings, lists, reading order and furniture run unchanged. A page
that was turned is given in its upright frame: width and height swap for a quarter turn,
and a skew of a degree or two is undone, so boxes are those of the straightened page.
"""

from __future__ import annotations

import os
import statistics
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import pypdfium2 as pdfium

from ..engines.layout_onnx import LayoutModel, layout_available
from ..engines.ocr import (
    OcrEngine,
    OcrWord,
    Orientation,
)
from ..engines.render import (
    OCR_DPI,
    TextDirection,
    deskew,
    ink_mask,
    page_images,
    render,
    rule_mask,
    ruled_lines,
    text_direction,
    text_layer_chars,
    turn,
    underlines,
    without_lines,
)
from ..errors import OcrUnavailable
from ..model import BBox, Drawing, Font, Glyph, Picture, RawPage
from ..options import Options
from .ocr_language import UPRIGHT_CONFIDENCE, Languages
from .ocr_reread import reread_unsure
from .ocr_words import (
    SPECK_CONFIDENCE,
    Frame,
    ink_outside_words,
    mean_confidence,
    not_over,
    with_bullets,
    without_rule_marks,
    without_specks,
    words_per_line,
    words_to_glyphs,
)
from .quality import MIN_CHARS, MIN_REGION_SHARE, Quality, assess, text_line_bands

#: finishes one page: its RawPage (OCR'd where needed) and the record for ``Page.text_quality``
ReadPage = Callable[[], tuple[RawPage, dict[str, Any]]]

#: the fonts OCR'd words are set in: regular, bold, monospaced (measured by stages/ocr_style.py)
OCR_FONTS = (Font("OCR"), Font("OCR", bold=True), Font("OCR", mono=True))
#: below this mean word confidence a page was probably read the wrong way up
#: a region (picture on a digital page) counts as text when its words are this sure, this many
REGION_CONFIDENCE = 70.0
REGION_MIN_WORDS = 3
#: a picture of prose: its lines span at least this share of its width (median), and hold
#: at least this many words (median); screenshots and diagrams do not
PROSE_LINE_SPAN = 0.5
PROSE_WORDS_PER_LINE = 4
REGION_DPI = 72
#: the layout model runs on an OCR'd page when more than this share of its ink is not words
LAYOUT_INK_SHARE = 0.15
#: layout classes that become pictures (cropped and saved as images by the figure stage)
PICTURE_KINDS = {"figure", "table"}
#: the height (pixels) of a line of text that tesseract reads well; a page whose lines are
#: smaller is rendered again, larger, up to MAX_OCR_DPI
LINE_PX = 28
MAX_OCR_DPI = 900
#: the line heights are measured on a picture this wide
NEEDED_DPI_WIDTH = 800
#: pages read at once: tesseract runs in its own process, one core each
MAX_WORKERS = 4


def needed_dpi(image: Any, dpi: float) -> float:
    """The resolution at which the page's lines of text are ``LINE_PX`` high, when that is more
    than ``dpi`` by a third: tesseract misreads letters only a few pixels high (a 3 pt
    typewritten card at 200 dpi), and reads them well enlarged. Never above ``MAX_OCR_DPI``."""
    mask = ink_mask(image, NEEDED_DPI_WIDTH)
    bands = text_line_bands(mask, 72)  # bands 3 to 48 pixels high
    if len(bands) < 3:
        return dpi
    height = statistics.median(end - start for start, end in bands) * image.width / mask.shape[1]
    wanted = dpi * LINE_PX / height
    return min(wanted, MAX_OCR_DPI) if wanted > 1.33 * dpi else dpi


class OcrStep:
    """Per document: decides and runs OCR page by page, remembering the language found.

    ``pages`` reads ahead: while the engine reads one page (tesseract in its own
    process, RapidOCR in onnxruntime), the next is judged and rendered here, in the
    thread that owns the PDF (PDFium is not thread-safe). ``workers`` pages at most
    are in flight, so memory stays bounded.
    """

    def __init__(self, pdf_engine: Any, options: Options, workers: int | None = None) -> None:
        self.source = pdf_engine
        self.mode = options.ocr
        self.workers = workers or max(1, min(MAX_WORKERS, os.cpu_count() or 1))
        self._layout = LayoutModel()
        self._osd: OcrEngine | None = None
        #: said once per document (the pipeline adds them to its errors): a script read as English
        self.warnings: list[str] = []
        #: the language chosen so far and the engine for each (stages/ocr_language.py)
        self.languages = Languages(options, self._warn)
        if self.languages.given and self.mode != "never":
            self.languages.engine(options.lang or "eng")  # a --lang not installed fails now, saying what to install

    @property
    def pdf(self) -> pdfium.PdfDocument:
        return self.source.pdf  # the engine may reopen its document between pages

    def pages(self, indexes: Iterable[int]) -> Iterator[tuple[int, ReadPage]]:
        """Each page index with a function that gives its RawPage (OCR'd where needed) and its record.

        A page that fails raises from its function, so the caller can report it and go on.
        """
        pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="ocr")
        waiting: deque[tuple[int, ReadPage]] = deque()
        try:
            for index in indexes:
                waiting.append((index, self._start(index, pool)))
                # until the document's language is known, a page is finished before the next
                # starts: pages read ahead in a guessed language would be read twice
                if len(waiting) > (self.workers if self.languages.lang else 0):
                    yield waiting.popleft()
            while waiting:
                yield waiting.popleft()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _start(self, index: int, pool: Executor) -> ReadPage:
        try:
            return self._judge(self.source.read_page(index), index, pool)
        except Exception as exc:  # noqa: BLE001 - reported for this page when its turn comes
            failure = exc

            def fail() -> tuple[RawPage, dict[str, Any]]:
                raise failure

            return fail

    def _judge(self, raw: RawPage, index: int, pool: Executor) -> ReadPage:
        if self.mode == "never":
            fixed: dict[str, Any] = {"decision": "text", "reason": "ocr=never"}
            return lambda: (raw, fixed)
        started = time.perf_counter()
        if self.mode == "always":
            quality = Quality("ocr", "ocr=always")
        elif raw.turned:
            quality = Quality("text", f"text layer read turned by {raw.turned} degrees (set sideways): not OCR'd")
        elif self._unread_text_layer(raw, index):
            quality = Quality("text", "text layer not upright (the PDF engine skips rotated text): not OCR'd")
        else:
            images = self._images(raw, index)
            shows_text = lambda: self._shows_text(raw, index)  # noqa: E731 - rendered only if needed
            quality = assess(raw, images, shows_text, lambda box: self._text_bands(index, box))
        record = quality.record()
        if quality.decision == "text":
            return lambda: (raw, record)
        if quality.decision == "ocr_regions":
            try:
                page = self.read_regions(raw, index, quality.regions, record)
            except Exception as exc:  # noqa: BLE001 - OCR fails this page only
                page = _kept(raw, record, exc)
            record["seconds"] = round(time.perf_counter() - started, 3)
            return lambda: (page, record)
        try:
            reading = self._begin_page(raw, index, record, pool)
        except Exception as exc:  # noqa: BLE001 - OCR fails this page only: it keeps its text layer
            kept = _kept(raw, record, exc)
            return lambda: (kept, record)

        def finish() -> tuple[RawPage, dict[str, Any]]:
            try:
                page = self._finish_page(reading)
            except Exception as exc:  # noqa: BLE001 - a crash or timeout of the engine: this page only
                page = _kept(raw, record, exc)
            record["seconds"] = round(time.perf_counter() - started, 3)
            return page, record

        return finish

    # -- whole pages ---------------------------------------------------------------

    def _begin_page(self, raw: RawPage, index: int, record: dict[str, Any], pool: Executor) -> _Reading:
        """Render, turn upright, straighten, choose the engine, and set it reading (in ``pool``)."""
        rendering = render(self.pdf, index, OCR_DPI)
        dpi = needed_dpi(rendering.image, rendering.dpi)
        if dpi > rendering.dpi:  # small print (a card, a page of footnotes): read it larger
            rendering = render(self.pdf, index, dpi)
            record["small_print"] = True
        image, turns, osd = rendering.image, 0, None
        direction = text_direction(image)
        if direction.sideways:  # lines seem to run down the page: OSD says which way to turn (and may disagree)
            osd = self._orientation(image, rendering.dpi)
            turns = osd.quarter_turns if osd else 0
            if turns:
                image = turn(image, turns)
                direction = text_direction(image)
            if direction.sideways:
                direction = TextDirection(False, 0.0)
        lines = text_line_total(image)  # counted before deskewing too: a wrong skew merges the lines
        image, margin = deskew(image, direction.skew)
        if direction.skew:
            lines = max(lines, text_line_total(image))
        engine, unsure = self.languages.for_page(image, rendering.dpi, osd, record, lines, self._orientation)
        lined = _Lined.of(image, rendering.dpi)
        words = pool.submit(engine.read, lined.read, rendering.dpi)
        skew = direction.skew
        return _Reading(raw, record, image, rendering.dpi, turns, skew, margin, osd, engine, words, unsure, lined)

    def _finish_page(self, reading: _Reading) -> RawPage:
        """Wait for the words; turn an upside-down page; settle the language; words to glyphs."""
        raw, image, dpi, turns, engine = reading.raw, reading.image, reading.dpi, reading.turns, reading.engine
        lined = reading.lined
        words = reading.words.result()
        if reading.osd is None and _looks_upside_down(words):
            osd = self._orientation(image, dpi)
            if osd and osd.quarter_turns:
                turned = turn(image, osd.quarter_turns)
                turned_lined = _Lined.of(turned, dpi)
                turned_words = engine.read(turned_lined.read, dpi)
                if mean_confidence(turned_words) > mean_confidence(words):
                    image, words, turns = turned, turned_words, (turns + osd.quarter_turns) % 4
                    lined = turned_lined
        languages = self.languages
        engine, words = languages.in_unsure_script(
            reading.unsure, lambda other: other.read(lined.read, dpi), engine, words, reading.record
        )
        languages.settle(engine, words)
        if languages.lang and languages.lang != engine.lang and not languages.given:
            engine = languages.engine(languages.lang)  # read before the document's language was known
            words = engine.read(lined.read, dpi)
        reading.record.update(
            engine=engine.name,
            lang=engine.lang,
            dpi=round(dpi),
            turned=90 * turns,
            skew=reading.skew,
            words=len(words),
            confidence=round(mean_confidence(words), 1),
        )
        width, height = (raw.height, raw.width) if turns % 2 else (raw.width, raw.height)
        margin = reading.margin * 72 / dpi  # deskewing put the picture on a white margin
        frame = Frame(dpi, (-margin, -margin))
        fonts = [*raw.fonts, *OCR_FONTS]
        words = without_rule_marks(without_specks(with_bullets(words)), lined.rules)
        words = reread_unsure(words, image, lined.rules, engine, dpi, reading.record)  # stages/ocr_reread.py
        glyphs = words_to_glyphs(words, frame, len(raw.fonts), lined.ink, engine.tight_boxes, lined.underlines)
        drawings = [Drawing(*frame.box(*box), kind, stroked=True) for *box, kind in lined.rules]
        rotation = (raw.rotation + 90 * turns) % 360
        # figures are cropped from the PDF page later, so only where the picture read is the page as drawn
        pictures = self._pictures(image, words, frame, reading.record) if turns == 0 else []
        return RawPage(raw.number, width, height, rotation, glyphs, fonts, "ocr", drawings=drawings, pictures=pictures)

    def _pictures(self, image: Any, words: list[OcrWord], frame: Frame, record: dict[str, Any]) -> list[Picture]:
        """Figures and tables on a scan, found by the layout model, as pictures for the figure stage.

        The model runs only where much of the ink is not words: a page of plain text skips it.
        """
        if not layout_available() or ink_outside_words(image, words) < LAYOUT_INK_SHARE:
            return []
        regions = self._layout.regions(image)
        record["layout"] = [{"kind": r.kind, "box": BBox(*frame.box(*r.box)).rounded()} for r in regions]
        return [Picture(*frame.box(*r.box)) for r in regions if r.kind in PICTURE_KINDS]

    def _orientation(self, image: Any, dpi: float) -> Orientation | None:
        """OSD's turn and script; None when it cannot tell, or is not installed (said once per document)."""
        from ..engines.ocr_tesseract import TesseractEngine

        try:
            probe = self._osd = self._osd or TesseractEngine("osd")
            # OSD needs only a few hundred characters: a 150 dpi picture is plenty, and faster
            small = image.resize((image.width // 2, image.height // 2)) if dpi > 200 else image
            return probe.orientation(small, dpi / 2 if dpi > 200 else dpi)
        except OcrUnavailable as exc:
            self._warn(f"pages not turned upright nor their script detected: {exc.message}")
            return None

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    # -- regions of otherwise good pages ---------------------------------------------

    def read_regions(self, raw: RawPage, index: int, regions: list[BBox], record: dict[str, Any]) -> RawPage:
        """OCR pictures of text on a page whose text layer is otherwise good; keep its glyphs."""
        engine = self.languages.for_pictures(raw)
        fonts = [*raw.fonts, *OCR_FONTS]
        added: list[Glyph] = []
        kept: list[list[float]] = []
        for box in regions:
            rendering = render(self.pdf, index, OCR_DPI, region=box)
            words = [w for w in engine.read(rendering.image, rendering.dpi) if w.confidence >= SPECK_CONFIDENCE]
            if len(words) < REGION_MIN_WORDS or mean_confidence(words) < REGION_CONFIDENCE:
                continue
            if words_per_line(words) < PROSE_WORDS_PER_LINE:
                continue  # labels, menus, a table: not prose to read into the text
            frame = Frame(rendering.dpi, rendering.origin)
            ink = ink_mask(rendering.image, rendering.image.width) if engine.tight_boxes else None
            glyphs = words_to_glyphs(words, frame, len(raw.fonts), ink)
            added.extend(not_over(glyphs, raw.glyphs))
            kept.append(box.rounded())
        record.update(engine=engine.name, lang=engine.lang, regions_read=kept, words=len(added))
        if not added:
            record["decision"] = "text"
            record["reason"] += "; OCR found no confident text in them"
            return raw
        return RawPage(raw.number, raw.width, raw.height, raw.rotation, [*raw.glyphs, *added], fonts, raw.origin)

    # -- cheap looks at the pixels ---------------------------------------------------

    def _images(self, raw: RawPage, index: int) -> list[BBox]:
        """The page's images, largest first: from the engine's page objects, unless some hide in forms."""
        page_area = raw.width * raw.height
        in_forms = any(
            d.kind == "form" and (d.x1 - d.x0) * (d.y1 - d.y0) > MIN_REGION_SHARE * page_area for d in raw.drawings
        )
        if in_forms:  # an embedded page or drawing may hold a scan: look inside (loads the page again)
            return [image.box for image in page_images(self.pdf, index)]
        boxes = [BBox(p.x0, p.y0, p.x1, p.y1) for p in raw.pictures]
        return sorted(boxes, key=lambda box: -box.width * box.height)

    def _unread_text_layer(self, raw: RawPage, index: int) -> bool:
        """A page whose glyphs are (almost) all gone, though PDFium counts a text layer: rotated text.

        Landscape tables and figures set sideways (lscape.pdf) are born-digital: their text is in
        the PDF, and reading it is the PDF engine's work, not OCR's.
        """
        if sum(not g.text.isspace() for g in raw.glyphs) >= MIN_CHARS:
            return False
        return text_layer_chars(self.pdf, index) >= 2 * MIN_CHARS

    def _shows_text(self, raw: RawPage, index: int) -> bool:
        """Whether a page without a text layer shows lines of prose (glyphs drawn as outlines)."""
        return len(self._text_bands(index, BBox(0, 0, raw.width, raw.height))) >= 2

    def _text_bands(self, index: int, box: BBox) -> list[tuple[float, float]]:
        """Top and bottom (page points) of each line of text the region shows; none unless it shows prose.

        Prose runs across its column: most lines span half the picture's width or more.
        A screenshot of a program, a diagram with labels or a table of short entries does
        not, and is left to the figure stage, not read into the text.
        """
        region = render(self.pdf, index, REGION_DPI, region=box)
        mask = ink_mask(region.image, region.image.width)
        bands = text_line_bands(mask, region.dpi)
        spans = [_ink_span(mask[top:bottom]) / max(mask.shape[1], 1) for top, bottom in bands]
        if not spans or statistics.median(spans) < PROSE_LINE_SPAN:
            return []
        scale = 72 / region.dpi
        return [(region.origin[1] + top * scale, region.origin[1] + bottom * scale) for top, bottom in bands]


def _ink_span(band: np.ndarray) -> int:
    """Pixels from the first to the last inked column of a band."""
    columns = np.flatnonzero(band.any(axis=0))
    return int(columns[-1] - columns[0] + 1) if len(columns) else 0


@dataclass(slots=True)
class _Reading:
    """A page whose words the engine is reading, with what is needed to finish it."""

    raw: RawPage
    record: dict[str, Any]
    image: Any
    dpi: float
    turns: int
    skew: float
    #: pixels of white the deskewed picture has round the page
    margin: int
    osd: Orientation | None
    engine: OcrEngine
    words: Future[list[OcrWord]]
    #: OSD's answer when it named the page's script without being sure of it
    unsure: Orientation | None
    lined: _Lined


@dataclass(frozen=True)
class _Lined:
    """A picture's dark pixels, the rules found in it (looked for in ``rule_mask``), those of them that
    underline words, and the picture the engine reads: the underlines painted out (``without_lines``)."""

    ink: np.ndarray
    rules: list[tuple[int, int, int, int, str]]
    underlines: list[tuple[int, int, int, int]]
    read: Any

    @classmethod
    def of(cls, image: Any, dpi: float) -> _Lined:
        ink = ink_mask(image, image.width)
        rules = ruled_lines(rule_mask(image), dpi)
        under = underlines(ink, rules, dpi)
        return cls(ink, rules, under, without_lines(image, under))


def _looks_upside_down(words: list[OcrWord]) -> bool:
    return len(words) < 5 or mean_confidence(words) < UPRIGHT_CONFIDENCE


def _kept(raw: RawPage, record: dict[str, Any], error: Exception) -> RawPage:
    """A page whose OCR failed: its text layer as it is (nothing, for a scan), the reason recorded."""
    if isinstance(error, MemoryError):
        raise error
    message = error.message if isinstance(error, OcrUnavailable) else f"{type(error).__name__}: {error}"
    record["ocr_error"] = message
    return raw


def text_line_total(image: Any) -> int:
    """How many lines of text (bands of words) the picture shows."""
    return len(text_line_bands(ink_mask(image, NEEDED_DPI_WIDTH), 72))
