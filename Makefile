# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# OCR: tesseract with the language packs the tests read (osd: orientation and script)
# libgl1/libglib2.0-0: the OpenCV that RapidOCR brings links them
OCR_DEBS := tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd tesseract-ocr-deu tesseract-ocr-chi-sim \
	libgl1 libglib2.0-0
# `make demo` also installs tesseract's script models, one per script, for every language written in it
# (113 MB installed in all, `apt-cache show` Installed-Size; README.md lists each). A smaller choice:
# `make demo OCR_LANGS="rus ara"` installs those language packs (1-4 MB each) instead of the script models
OCR_SCRIPTS ?= cyrl grek arab hebr deva beng taml thai hang hans hant jpan geor armn
OCR_LANGS ?=
OCR_MODEL_DEBS := $(if $(strip $(OCR_LANGS)),$(addprefix tesseract-ocr-,$(subst _,-,$(OCR_LANGS))),\
	$(addprefix tesseract-ocr-script-,$(OCR_SCRIPTS)))
# the viewer's browser tests drive Debian's Chromium with Playwright (never `playwright install`)
BROWSER_DEBS := chromium
# Debian packages: pdflatex (xelatex and STIX for unicode-math) and fonts make the test PDFs, poppler gives
# pdftotext, ghostscript (ps2pdf) the dvips test PDFs, groff (gropdf) the eqn one, pandoc the DOCX, PPTX, EPUB and HTML test inputs (tests/readers),
# LibreOffice with its Math module the Word-equation one (tests/tables_math/test_tm_math_office.py)
TEST_DEBS := texlive-latex-base texlive-latex-recommended texlive-fonts-recommended lmodern texlive-xetex fonts-stix pandoc ghostscript \
	fonts-dejavu-core fonts-wqy-microhei fonts-noto-core poppler-utils groff $(OCR_DEBS) $(BROWSER_DEBS) \
	libreoffice-writer-nogui libreoffice-math-nogui
TEXDOCS := .cache/texdocs

.PHONY: demo test lint bench bench-quick train clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test]"
	touch $@

demo: $(BIN)/.installed
	scripts/system-deps.sh $(OCR_DEBS) $(OCR_MODEL_DEBS)
	$(BIN)/pagemill doctor
	$(BIN)/pagemill convert samples/sample.pdf -o demo-out --format both
	@echo "Markdown: demo-out/sample.md   JSON: demo-out/sample.json"

$(TEXDOCS)/texlive-latex-base-doc.done:
	scripts/fetch-texdocs.sh $(TEXDOCS) texlive-latex-base-doc

test: $(BIN)/.installed $(TEXDOCS)/texlive-latex-base-doc.done
	scripts/system-deps.sh $(TEST_DEBS)
	$(MAKE) lint
	PAGEMILL_TEXDOCS=$(TEXDOCS) $(BIN)/pytest -q

lint: $(BIN)/.installed
	$(BIN)/ruff check pagemill tests bench
	$(BIN)/mypy pagemill

# Benchmark (bench/README.md): the corpus engines, OCR language packs for the scanned variants,
# one virtual environment per peer, and TeX Live's documentation as the speed set.
BENCH_DEBS := pandoc texlive-latex-base texlive-latex-recommended texlive-fonts-recommended texlive-xetex lmodern \
	fonts-dejavu-core fonts-wqy-microhei poppler-utils $(OCR_DEBS) tesseract-ocr-fra tesseract-ocr-rus \
	tesseract-ocr-ell tesseract-ocr-jpn tesseract-ocr-ara tesseract-ocr-heb
# the libreoffice and chromium producer families (bench/corpus/producers); KaTeX/MathJax come from npm
# (libreoffice-math-nogui: without it LibreOffice leaves a DOCX's equations out of the PDF: office_math.py)
BENCH_DEBS += libreoffice-writer-nogui libreoffice-math-nogui fonts-crosextra-carlito fonts-crosextra-caladea \
	fonts-liberation2 \
	chromium nodejs
# LaTeX producer families (bench/corpus/producers/latex_classes.py): publisher classes, dvips, unicode-math
BENCH_DEBS += texlive-publishers texlive-science texlive-latex-extra texlive-luatex ghostscript \
	fonts-texgyre fonts-texgyre-math fonts-stix
# bench/languages.py: Devanagari and Thai (and the other scripts) in Noto
BENCH_DEBS += fonts-noto-core
# the groff-ms family (bench/corpus/producers/groff.py)
BENCH_DEBS += groff
BENCH_SETUP = scripts/system-deps.sh $(BENCH_DEBS) && bench/peers/setup.sh && \
	scripts/fetch-texdocs.sh bench/cache/texdocs texlive-latex-base-doc texlive-latex-recommended-doc && scripts/fetch-realscans.sh && \
	scripts/fetch-mathjs.sh bench/cache/npm

bench: $(BIN)/.installed
	$(BENCH_SETUP)
	bench/venvs/tools/bin/python -m bench.run

bench-quick: $(BIN)/.installed
	$(BENCH_SETUP)
	bench/venvs/tools/bin/python -m bench.run --quick

# The block-role model (pagemill/stages/roles_model.npz) and its report (bench/train/REPORT.md) from the
# bench corpus: fixed seed, one thread, so the same corpus gives the same model (bench/train)
train: $(BIN)/.installed
	$(BENCH_SETUP)
	bench/venvs/tools/bin/python -m bench.corpus.build
	$(BIN)/python -m bench.train

clean:
	rm -rf $(VENV) demo-out .cache
