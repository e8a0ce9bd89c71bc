"""Tables: found from their rules, from their caption, or from the alignment of their text.

    rules.py       regions bounded by horizontal rules (booktabs, full grids, ``\\hline``)
    labels.py      row labels left of a framed grid, outside its frame: its first column
    aligned.py     regions without rules: lines whose words line up in columns (text edges)
    segments.py    line pieces between wide gaps: the cells of a borderless table's rows
    sections.py    a borderless table set in sections apart by white space, joined
    captioned.py   aligned text right under or over a "Table N" caption
    keyvalue.py    a key/value box beside a text column (an infobox): the gutter between, keys and values read
    grid.py        column and row boundaries of a region, spans, header rows
    edges.py       column starts shared by the rows of a table set tight (left edges closer than a cell gap)
    cells.py       the cells' text and the TABLE block
    foot.py        a table's rows at a page's foot or top, too few to be a table alone
    continued.py   a table continued on the next page made one (a document stage)

All distances are in units of the page's body font size (em).

Cost per page: a page without drawings, "Table N" or aligned columns pays one pass over
its glyphs (``alignment``, ``has_table_caption``: about 0.45 ms on memman.pdf). The page's glyph index
(``rules.GlyphIndex``) is made once and shared by the four finders; it sorts the glyphs by height
the first time a band is asked for (a page of two long rules or more), so that each pair of rules
and each region looks only at its own band. The caption search cuts the page into lines only
where a caption label ("Table 3:") is in its text; an index set in columns is told from its
pieces of text before any grid is built. A region's cells get their glyphs first; their lines
(the costly part) are built only for a grid that is kept. On memman.pdf (615 pages, the bench's
speed set) the table step takes 13.8-14.3% of the conversion's CPU (2.0-2.6 s; 1.8 ms a page
without a table, 10.6 ms a page with one), against 17.3-18.1% (2.7-2.9 s) before (babel.pdf:
5.6-7.0% against 6.4-7.9%; process CPU, runs side by side on a shared machine, no profiler).
The column-start search (``edges.py``) runs on a grid's rows only: 0.83 ms per page on
table-heavy documents (7 documents, 203 pages, 1.0% of their conversion); a page without a table
candidate pays nothing.
"""

from .aligned import alignment, find_aligned_tables
from .captioned import find_unruled_tables, has_table_caption
from .cells import Cell, cell_json, find_tables, table_block
from .continued import join_tables
from .foot import find_edge_rows
from .grid import Grid, build_grid
from .rules import GlyphIndex, page_em

__all__ = [
    "alignment",
    "Cell",
    "Grid",
    "GlyphIndex",
    "build_grid",
    "cell_json",
    "find_aligned_tables",
    "find_edge_rows",
    "find_tables",
    "find_unruled_tables",
    "has_table_caption",
    "join_tables",
    "page_em",
    "table_block",
]
