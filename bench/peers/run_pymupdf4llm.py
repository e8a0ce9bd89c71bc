"""pymupdf4llm as a user runs it: ``python run_pymupdf4llm.py IN.pdf OUT.md [--legacy]``.

Default mode is pymupdf4llm 2.x's layout mode (its ONNX layout model ships in the
``pymupdf-layout`` wheel), asked to leave out page headers and footers as its documentation
describes; ``--legacy`` switches to the older heuristic mode with ``use_layout(False)``.
"""

import sys
from pathlib import Path

import pymupdf4llm

if "--legacy" in sys.argv:
    pymupdf4llm.use_layout(False)
    markdown = pymupdf4llm.to_markdown(sys.argv[1])
else:
    markdown = pymupdf4llm.to_markdown(sys.argv[1], header=False, footer=False)
Path(sys.argv[2]).write_text(markdown, encoding="utf-8")
