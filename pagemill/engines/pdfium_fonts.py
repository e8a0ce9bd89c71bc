"""A PDF font's style from what PDFium says of it: its name, its flags, its weight, its descent.

TeX's fonts say their weight in their file names (``cmbx10``); Ghostscript gives CMR10 a stem
weight of 655, so their weight and flags are not read. Math fonts (``cmmi``, ``cmsy``) are
neither italic prose nor code.
"""

from __future__ import annotations

import ctypes
import re

import pypdfium2.raw as raw

from ..model import Font

_BOLD_WORDS = ("bold", "black", "heavy", "semibold", "demi", "cmbx", "cmb10", "-bd", "bx1", "bx9", "bx8")
#: TeX's fonts by their file names (``cmr10``, ``cmbx12``, ``ecrm1000``, ``sfrm1000``, ``lmroman10-regular``)
_TEX_FONT = re.compile(r"^(?:cm|ec|tc|sf|lm|eu|ms[ab]m|rsfs|wasy|stmary)[a-z]*\d")
#: ... and the bold ones among them (``cmbx10``, ``cmb10``, ``cmmib10``, ``ecbx1200``, ``ecbi1000``)
_TEX_BOLD = re.compile(r"^(?:cm|ec|tc|sf|lm)[a-z]*?(?:bx|b)[a-z]*\d")
_ITALIC_WORDS = ("italic", "oblique", "cmti", "cmsl", "-it", "slanted")
_MONO_WORDS = ("mono", "courier", "cmtt", "code", "consol", "sfmtt", "txtt", "lmtt", "fixed", "menlo", "inconsolata")
#: the upright faces of the standard fonts and their common equivalents by name: a font so named is upright
#: whatever its descriptor's flags say (a producer that flags every Helvetica italic, angle -12, exists)
_UPRIGHT_NAMES = frozenset(
    {"helvetica", "helvetica-bold", "times-roman", "times-bold", "courier", "courier-bold", "arial", "arialmt"}
    | {"arial-boldmt", "arial,bold", "timesnewromanpsmt", "timesnewromanps-boldmt", "timesnewroman", "couriernewpsmt"}
    | {"liberationsans", "liberationsans-bold", "liberationserif", "liberationserif-bold", "liberationmono"}
)
_FLAG_FIXED_PITCH = 1
_FLAG_ITALIC = 64
_FLAG_FORCE_BOLD = 1 << 18


def describe_font(font: object, invisible: bool, emboldened: bool = False) -> Font:
    """The style of a PDFium font; ``emboldened``: its text is filled and stroked in one go (render mode 2),
    the bold a font without a bold face is given."""
    name = ""
    flags = 0
    weight = 400
    descent = ctypes.c_float(0.0)
    if font:
        raw.FPDFFont_GetDescent(font, ctypes.c_float(1.0), ctypes.byref(descent))
        buffer = ctypes.create_string_buffer(256)
        length = raw.FPDFFont_GetBaseFontName(font, buffer, 256)
        name = buffer.raw[: max(length - 1, 0)].decode("utf-8", "replace")
        flags = raw.FPDFFont_GetFlags(font)
        weight = raw.FPDFFont_GetWeight(font)
    lowered = name.lower().split("+")[-1]
    bold = emboldened or any(w in lowered for w in _BOLD_WORDS) or bool(_TEX_BOLD.match(lowered))
    if not _TEX_FONT.match(lowered):  # a TeX font's name says its weight; Ghostscript's StemV makes CMR10 "655"
        bold = bold or weight >= 600 or bool(flags & _FLAG_FORCE_BOLD)
    italic = bool(flags & _FLAG_ITALIC) or any(w in lowered for w in _ITALIC_WORDS)
    if lowered in _UPRIGHT_NAMES:
        italic = False
    mono = bool(flags & _FLAG_FIXED_PITCH) or any(w in lowered for w in _MONO_WORDS)
    if lowered.startswith("cmmi") or lowered.startswith("cmsy"):
        italic = mono = False  # math fonts: not prose styling
    return Font(name, bold=bold, italic=italic, mono=mono, invisible=invisible, descent=descent.value)
