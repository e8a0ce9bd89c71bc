#!/usr/bin/env bash
# Virtual environments for the benchmark, one per peer so no peer's dependencies meet pagemill's.
#   tools:       corpus generation and scoring (weasyprint, reportlab, Pillow, numpy, rapidfuzz, apted, psutil, python-docx)
#   pymupdf4llm: pymupdf4llm + pymupdf (AGPL: a peer only, never a pagemill dependency)
#   markitdown, pdfplumber: one each (markitdown-all: with its DOCX/PPTX/XLSX extras, for bench/nonpdf.py)
set -euo pipefail
cd "$(dirname "$0")/../venvs" 2>/dev/null || { mkdir -p "$(dirname "$0")/../venvs"; cd "$(dirname "$0")/../venvs"; }
PYTHON=${PYTHON:-python3}
make_venv() {
  local name=$1; shift
  # the stamp holds the requirements it was made for: a changed list rebuilds the venv
  [ -f "$name/.installed" ] && [ "$(cat "$name/.installed")" = "$*" ] && return 0
  rm -rf "$name"
  "$PYTHON" -m venv "$name"
  "$name/bin/pip" install -q --upgrade pip
  "$name/bin/pip" install -q "$@"
  echo "$*" > "$name/.installed"
}
make_venv tools weasyprint==70.0 rapidfuzz==3.14.6 apted==1.0.3 psutil==7.2.2 pillow==13.0.0 numpy==2.4.6 python-docx==1.2.0 reportlab==4.4.4
make_venv pymupdf4llm pymupdf4llm==2.0 pymupdf==2.0
make_venv markitdown "markitdown[pdf]==0.1.9"
# bench/nonpdf.py: markitdown with its readers of the other formats (mammoth, python-pptx, openpyxl, pandas)
make_venv markitdown-all "markitdown[pdf,docx,pptx,xlsx]==0.1.9"
make_venv pdfplumber pdfplumber==0.11.10
