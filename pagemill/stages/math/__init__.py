"""Mathematics: LaTeX rebuilt from the glyphs of math fonts and their geometry.

Where math is: glyphs in math fonts (CMMI, CMSY, CMEX, AMS, STIX, Cambria
Math, Latin Modern Math, ...). A line made of math alone is a displayed
equation; math words inside a line of prose are inline math.

How it is rebuilt, in order (units: the font size of the glyphs, "em"):

- a radical ``√`` followed by a rule over its content          -> ``\\sqrt{..}``
- glyphs over and under a horizontal rule                      -> ``\\frac{..}{..}``
- small glyphs over and under a large operator (∑ ∏ ∫ ⋃ ...)   -> ``\\sum_{..}^{..}``
- rows of glyphs between two tall delimiters                   -> ``pmatrix`` / ``bmatrix`` / ...
- smaller glyphs whose baseline is raised or lowered           -> ``^{..}`` / ``_{..}``
- several rows of a display, aligned at a relation             -> ``aligned`` with ``&``

Symbols map from Unicode to commands; CMEX's characters, which carry no
Unicode, map from their code positions. Whatever does not fit (an unknown
glyph, an empty numerator, rows of unequal length) returns None, and the
caller keeps the plain text: no invented LaTeX.

The package, by idea: ``glyphs`` (which fonts and code points are math, what
each glyph draws), ``layout`` (atoms and the geometry among them),
``builder`` (structures and rows rebuilt from the atoms), ``latex`` (the
writer), ``inline`` (``$..$`` in lines of prose) and ``display`` (equations
set apart, with their numbers).
"""

from __future__ import annotations

from .builder import Builder
from .display import find_equations
from .glyphs import (
    PAGE_MATH_FONTS,
    TEXT_SYMBOLS,
    FontClasses,
    baseline,
    font_classes,
    glyph_char,
    has_math,
    learn_page_fonts,
    math_fonts,
    math_glyphs,
)
from .inline import INLINE_MATH, MATH_MODE, continue_formula, inline_markdown, interleave_math_runs
from .latex import equation_markdown
from .layout import Atom, NotConfident
from .unicode import to_unicode

__all__ = [
    "INLINE_MATH",
    "MATH_MODE",
    "PAGE_MATH_FONTS",
    "TEXT_SYMBOLS",
    "Atom",
    "Builder",
    "FontClasses",
    "NotConfident",
    "baseline",
    "continue_formula",
    "equation_markdown",
    "find_equations",
    "font_classes",
    "glyph_char",
    "has_math",
    "inline_markdown",
    "interleave_math_runs",
    "learn_page_fonts",
    "math_fonts",
    "math_glyphs",
    "to_unicode",
]
