"""Numbers of list items, headings and page numbers, in any script.

``number_value`` reads one number the way it is printed: ASCII and any other decimal
digits (full-width ``１２``, Arabic-Indic ``٣``, Devanagari ``३``), circled and
parenthesised numbers (``②``, ``⑴``, ``⒉``, ``❸``), CJK numerals (``三``, ``十二``,
``二十一``), roman numerals of two letters or more (``iv``, ``XII``) and single letters (``b`` = 2, ``i`` = 9). It never
raises: text that is not a number gives None. Stages must use it (or ``str.isdecimal``)
instead of ``int()`` on text: ``"②".isdigit()`` is true, and ``int("②")`` raises.
"""

from __future__ import annotations

import re
import unicodedata

#: circled, parenthesised, full-stop and dingbat numbers, one character each (①, ⑴, ⒈, ❶, ➀, ㉑)
_SIGN_RANGES = ((0x2460, 0x24FF), (0x2776, 0x2793), (0x3251, 0x325F), (0x32B1, 0x32BF))
NUMBER_SIGNS = "".join(
    chr(code)
    for first, last in _SIGN_RANGES
    for code in range(first, last + 1)
    if unicodedata.numeric(chr(code), -1) >= 0
)
CJK_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
CJK_DIGITS.update({"六": 6, "七": 7, "八": 8, "九": 9})
CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
CJK_NUMERALS = "".join(CJK_DIGITS) + "".join(CJK_UNITS)
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_ROMAN_NUMBER = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$", re.IGNORECASE)


def number_value(token: str) -> int | None:
    """The number ``token`` is printed as, in any of the ways above; None when it is none."""
    token = token.strip()
    if not token or len(token) > 12:
        return None
    if token.isdecimal():  # every Unicode decimal digit, which int() reads
        return int(token)
    if len(token) == 1 and token in NUMBER_SIGNS:
        return int(unicodedata.numeric(token))
    if all(char in CJK_NUMERALS for char in token):
        return cjk_value(token)
    if len(token) == 1 and token.isascii() and token.isalpha():
        return ord(token.lower()) - ord("a") + 1  # a letter, even i, v, x: "(i)" alone is told by its neighbours
    if _ROMAN_NUMBER.match(token):
        return roman_value(token)
    return None


def roman_value(token: str) -> int:
    """``xiv`` -> 14 (letters outside i, v, x, l, c, d, m count nothing)."""
    values = [_ROMAN.get(char, 0) for char in token.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def cjk_value(token: str) -> int | None:
    """``三`` -> 3, ``十二`` -> 12, ``二十一`` -> 21, ``一百零五`` -> 105, ``二〇二四`` -> 2024."""
    if not any(char in CJK_UNITS for char in token):  # digit by digit: 二〇二四
        value = 0
        for char in token:
            value = value * 10 + CJK_DIGITS[char]
        return value
    total, digit = 0, None
    for char in token:
        if char in CJK_DIGITS:
            digit = CJK_DIGITS[char]
        else:
            total += (1 if digit is None else digit) * CJK_UNITS[char]
            digit = None
    return total + (digit or 0)
