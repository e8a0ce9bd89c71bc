"""A table continued on the next page: one table, its repeated header dropped."""

from __future__ import annotations

from ...model import Block, BlockKind, Document, Layer


def join_tables(document: Document) -> None:
    """A table that ends a page and one that starts the next, with the same columns, become one.

    The second block keeps its place (blocks are never deleted) with
    ``attrs['continued']`` set and no rows of its own; a header row repeated
    at the top of the continuation (longtable's ``\\endhead``) is dropped.
    Rows left at a page's foot (``foot.py``) are the first rows of the table
    they continue into, rows at a page's top the last of the table they go on
    from; where there is none, they are a paragraph again.
    Notes under a page's last block stand between nothing: they are passed over.
    """
    previous: Block | None = None
    for page in document.pages:
        body = [b for b in page.blocks if b.layer is Layer.BODY and b.kind is not BlockKind.FOOTNOTE]
        first = body[0] if body else None
        if (
            previous is not None
            and first is not None
            and first.kind is BlockKind.TABLE
            and not first.attrs.get("foot_rows")
            and _continues(previous, first)
        ):
            if previous.attrs.pop("foot_rows", False):
                previous.reason = "aligned rows at the foot of a page, joined to the table that opens the next page"
            first.attrs.pop("head_rows", None)
            _append_rows(previous, first)
        last = body[-1] if body else None
        if last is not None and last.kind is BlockKind.TABLE:
            previous = last if not last.attrs.get("continued") else previous
        else:
            previous = None
    for page in document.pages:
        for block in page.blocks:
            if block.kind is BlockKind.TABLE and (block.attrs.get("foot_rows") or block.attrs.get("head_rows")):
                _as_paragraph(block)


def _as_paragraph(block: Block) -> None:
    """Rows at a page's foot that no table continues: their text in reading order, the decision recorded."""
    block.kind = BlockKind.PARAGRAPH
    block.attrs = {}
    block.reason = "aligned rows at a page's foot or top; no table in their columns goes on over the page break"


def _continues(first: Block, second: Block) -> bool:
    if first.attrs.get("cols") != second.attrs.get("cols"):
        return False
    return abs(first.bbox.x0 - second.bbox.x0) < 10 and abs(first.bbox.x1 - second.bbox.x1) < 10


def _append_rows(first: Block, second: Block) -> None:
    cells = second.attrs["cells"]
    skip = 0
    header = second.attrs.get("header_rows", 0) or 0
    repeated = _header_words(cells, header) == _header_words(first.attrs["cells"], first.attrs.get("header_rows") or 0)
    if header and repeated:
        skip = header
    offset = first.attrs["rows"] - skip
    moved = []
    for cell in cells:
        if cell["row"] >= skip:
            moved.append({**cell, "row": cell["row"] + offset, "page": second.page})
    first.attrs["cells"] = first.attrs["cells"] + moved
    first.attrs["rows"] = first.attrs["rows"] + second.attrs["rows"] - skip
    first.attrs["pages"] = sorted({first.page, *first.attrs.get("pages", []), second.page})
    second.attrs["continued"] = True
    second.attrs["cells"] = []
    second.attrs["rows"] = 0


def _header_words(cells: list[dict[str, object]], rows: int) -> list[str]:
    """The texts of a table's header cells, sorted: a header repeated on the next page is the same words,
    whichever rows and spans each page's grid gives them (a spanning head found on one page, not the other)."""
    return sorted(str(c["text"]) for c in cells if isinstance(c["row"], int) and c["row"] < rows and c["text"])
