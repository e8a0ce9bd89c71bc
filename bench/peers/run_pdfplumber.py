"""pdfplumber's plain text, page by page: ``python run_pdfplumber.py IN.pdf OUT.md``."""

import sys
from pathlib import Path

import pdfplumber

with pdfplumber.open(sys.argv[1]) as pdf:
    pages = []
    for page in pdf.pages:
        pages.append(page.extract_text() or "")
        page.close()  # pdfplumber caches layout objects per page; free them as a long document streams
Path(sys.argv[2]).write_text("\n\n".join(pages), encoding="utf-8")
