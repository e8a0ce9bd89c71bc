"""Is a tool's Markdown well-formed, and does it keep the page's word spaces? (issue 17's columns)

The checks are pagemill's own (``pagemill/render/conformance.py``: ``markdown_problems`` and
``joined_words``), loaded from the file so the bench's virtual environment needs none of
pagemill's dependencies; the same functions judge every tool.

- ``invalid``: the output has an unclosed code fence, an odd number of ``$$``, an HTML table or
  ``<sup>``/``<sub>`` left open, a paragraph with an odd number of unescaped ``$`` (a renderer with
  ``$...$`` math reads the text between two prices as a formula), a pipe table whose delimiter
  row does not match its header, or a replacement / private-use character.
- ``joined`` / ``words``: the output's words that ``pdftotext -raw`` reads as two ("ofthe"),
  digital documents only (a scan has no text layer to compare with).
"""

from __future__ import annotations

import importlib.util
import subprocess
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

CONFORMANCE = Path(__file__).resolve().parents[2] / "pagemill" / "render" / "conformance.py"


@cache
def _conformance() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pagemill_conformance", CONFORMANCE)
    assert spec and spec.loader, CONFORMANCE
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def pdftotext_raw(pdf: Path) -> str:
    """The PDF's text in content-stream order, as poppler reads it (the word-space reference)."""
    done = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, timeout=300)
    return done.stdout.decode("utf-8", errors="replace")


def faithful_scores(predicted: str, pdf: Path, meta: dict[str, Any]) -> dict[str, Any]:
    """``invalid`` (0/1) with the first problems, and joined words for a digital document."""
    conformance = _conformance()
    problems = conformance.markdown_problems(predicted)
    scores: dict[str, Any] = {"invalid": 1 if problems else 0, "bad_characters": conformance.bad_characters(predicted)}
    if problems:
        scores["problems"] = problems[:3]
    if not meta.get("scanned") and predicted.strip():
        joined, words = conformance.joined_words(predicted, pdftotext_raw(pdf))
        scores.update(joined=joined, words=words)
    return scores
