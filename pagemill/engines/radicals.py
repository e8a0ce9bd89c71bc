"""A radical sign drawn as a path (KaTeX draws ``\\sqrt`` as an SVG path, not a glyph).

The shape, in display coordinates (y down), of one filled or stroked path::

         ___________________    <- the bar: a thin band at the top, reaching right over the radicand
        /                       <- the long stroke rising to the bar
     \\  /
      \\/                        <- the lowest point: a V inside the sign, not at its left end
    ^                           <- the tick starts part-way down, at the sign's left edge

All of it from the path's points (a curve's control points among them), clipped to its clip
box (KaTeX's path runs 400,000 units right and the SVG's box cuts it): everything below the
top band lies in the sign, at most about as wide as the shape is tall; everything right of
the sign lies in the band. A box, a bracket, an arrow or a brace fails one of these tests.
"""

from __future__ import annotations

from collections.abc import Sequence

#: the bar is a band this share of the shape's height at its top (KaTeX: 0.03)
BAR_SHARE = 0.15
#: the sign is this wide, in shares of the shape's height (KaTeX: 0.6-0.75)
SIGN_WIDTH = (0.3, 1.2)
#: the bar reaches at least this far right of the sign (shares of the height): over a radicand
MIN_BAR = 0.3

Point = tuple[float, float]
Box = tuple[float, float, float, float]


def radical_parts(points: Sequence[Point], clip: Box | None = None) -> tuple[Box, Box] | None:
    """(sign box, bar box) where the points draw a radical sign with its bar; else None."""
    if clip is not None:
        points = [(min(max(x, clip[0]), clip[2]), min(max(y, clip[1]), clip[3])) for x, y in points]
    if len(points) < 6:
        return None
    top = min(y for _, y in points)
    bottom = max(y for _, y in points)
    height = bottom - top
    if height <= 1.0:
        return None
    band = top + BAR_SHARE * height
    sign = [(x, y) for x, y in points if y > band]
    left, right = min(x for x, _ in points), max(x for x, _ in points)
    a, b = min(x for x, _ in sign), max(x for x, _ in sign)
    width = b - a
    if a - left > 0.05 * height or not SIGN_WIDTH[0] * height <= width <= SIGN_WIDTH[1] * height:
        return None  # something left of the sign, or a sign of the wrong width
    if right - b < MIN_BAR * height:
        return None  # no bar over a radicand
    lowest = [x for x, y in sign if y >= bottom - 0.05 * height]
    if not all(a + 0.15 * width < x < b - 0.05 * width for x in lowest):
        return None  # the lowest point is no V inside the sign
    start = [y for x, y in sign if x <= a + 0.05 * width]
    if not all(top + 0.3 * height < y < bottom - 0.2 * height for y in start):
        return None  # the tick starts part-way down
    bar_bottom = max(y for x, y in points if x > b + 0.05 * height)
    return (a, top, b, bottom), (b, top, right, max(bar_bottom, top + 0.1))
