"""Tables: found from their rules, from their caption, or from the alignment of their text.

    rules.py       regions bounded by horizontal rules (booktabs, full grids, ``\\hline``)
    labels.py      row labels left of a framed grid, outside its frame: its first column
    aligned.py     regions without rules: lines whose words line up in columns (text edges)
    segments.py    line pieces between wide gaps: the cells of a borderless table's rows
    sections.py    a borderless table set in sections apart by white space, joined
    captioned.py   aligned text right under or over a "Table N" caption
    grid.py        column and row boundaries of a region, spans, header rows
    edges.py       column starts shared by the rows of a table set tight (left edges closer than a cell gap)
    cells.py       the cells' text and the TABLE block
    foot.py        a table's rows at a page's foot or top, too few to be a table alone
    continued.py   a table continued on the next page made one (a document stage)

All distances are in units of the page's body font size (em).

Cost per page: a page without drawings, "Table N" or aligned columns pays one pass over
its glyphs (``alignment``, ``has_table_caption``). A page with rules sorts its glyphs
once by height (``rules.GlyphIndex``) so that each pair of rules and each region looks only
at its own band. A region's cells get their glyphs first; their lines (the costly part) are
built only for a grid that is kept. On memman.pdf (615 pages, the bench's speed set) the
table step takes 14.7-15.3% of the conversion time (3.1-3.7 s), against 21.5-23.2% (5.2 s)
before these changes (same machine, runs side by side, no profiler). The column-start search
(``edges.py``) runs on a grid's rows only: 0.83 ms per page on table-heavy documents (7 documents,
203 pages, 1.0% of their conversion); a page without a table candidate pays nothing.
"""

from .aligned import alignment, find_aligned_tables
from .captioned import find_unruled_tables, has_table_caption
from .cells import Cell, cell_json, find_tables, table_block
from .continued import join_tables
from .foot import find_edge_rows
from .grid import Grid, build_grid
from .rules import page_em

__all__ = [
    "alignment",
    "Cell",
    "Grid",
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
