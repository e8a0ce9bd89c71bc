"""A web page printed by headless Chromium: a numbered list with a bulleted list nested in it.

Chromium paints list bullets (discs, circles) as drawings, not text: the items' text layer has
no marker, and each nested item must still come out as its own item under its parent.
"""

from __future__ import annotations

from _chromium import print_html

HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><style>
body { font-family: "Liberation Serif", serif; font-size: 13px; margin: 0; }
@page { size: A5; margin: 2cm; }
</style></head><body>
<h1>Processing steps</h1>
<p>The hourly series went through these steps before the monthly means were compared.</p>
<ol>
  <li>download the raw files</li>
  <li>write the summary table
    <ul>
      <li>remove duplicate records</li>
      <li>fill short gaps by interpolation</li>
    </ul>
  </li>
  <li>plot the residuals</li>
</ol>
<ul>
  <li>check the station metadata</li>
  <li>compare with the reference series</li>
</ul>
<p>Every step was repeated with an independent implementation.</p>
</body></html>
"""


def build(path: str) -> None:
    print_html(HTML, path)
