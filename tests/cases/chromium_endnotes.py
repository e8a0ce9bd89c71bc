"""A web page printed by headless Chromium with its notes as a numbered list after the text.

The notes' numbers are raised in the body (``<sup>``, a little smaller than the text): the
list is the page's notes, and they come out as Markdown footnotes linked from the body.
"""

from __future__ import annotations

from _chromium import print_html

HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><style>
body { font-family: "Liberation Serif", serif; font-size: 13px; margin: 0; }
@page { size: A5; margin: 2cm; }
.notes { font-size: 11px; border-top: 1px solid #888; padding-top: 4px; }
</style></head><body>
<h1>Station records</h1>
<p>Each station recorded the water temperature every hour.<sup>1</sup> Missing values were rare.</p>
<p>The monthly means agree with the national office to a tenth of a degree.<sup>2</sup></p>
<ol class="notes">
  <li>Station four was moved inland in 2019.</li>
  <li>Except in February, when the harbour froze.</li>
</ol>
</body></html>
"""


def build(path: str) -> None:
    print_html(HTML, path)
