"""Characters with nothing to show: left out of the text and counted, never written as U+FFFD.

A glyph whose font gives no Unicode reaches us as U+FFFD, a private-use code
(Adobe's pieces of large delimiters, symbol fonts) or a control code. The math
stage has already read what it can of them (TeX code positions, delimiter pieces);
what is left would print as "�" or as nothing a reader can see. It is dropped from
every line's text and Markdown, from equations' LaTeX and tables' cells, and the
page's ``dropped_glyphs`` says how many went.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from ..model import Block

#: U+FFFD, private use (BMP and planes 15-16), lone surrogates, C0 controls but tab and newline
_UNMAPPED = re.compile("[\ufffd\ue000-\uf8ff\U000f0000-\U0010ffff\ud800-\udfff\x00-\x08\x0b-\x1f]")


def drop_unmapped(blocks: list[Block]) -> int:
    """Remove unmapped characters from ``blocks`` in place; how many were removed."""
    dropped = 0
    for block in blocks:
        for index, line in enumerate(block.lines):
            if _UNMAPPED.search(line.text) or _UNMAPPED.search(line.markdown):
                text, count = _UNMAPPED.subn("", line.text)
                dropped += count
                block.lines[index] = replace(line, text=text, markdown=_UNMAPPED.sub("", line.markdown))
        if block.attrs:
            dropped += _clean_attrs(block.attrs)
    return dropped


def _clean_attrs(attrs: dict[str, Any]) -> int:
    """Equations' LaTeX, figures' labels and tables' cells: their strings cleaned the same way."""
    dropped = 0
    for key, value in attrs.items():
        if isinstance(value, str) and _UNMAPPED.search(value):
            attrs[key], count = _UNMAPPED.subn("", value)
            dropped += count if key in ("latex", "labels") else 0
        elif key == "cells" and isinstance(value, list):
            for cell in value:
                if isinstance(cell, dict):
                    _clean_attrs(cell)
    return dropped
