"""Word files with python-docx (the standard library for .docx; it exposes the document's
body in order, and the table grid with merged cells).

Paragraphs and tables are taken in body order. A cell merged across columns (gridSpan) or
down rows (vMerge) is repeated by python-docx at every position it covers; the repeats are
marked as copies. An old binary Word file or an encrypted one (both OLE containers, not zip)
gets its own message.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .document import Cell, Document, Line, ReadError, Table

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_docx(path: Path) -> Document:
    with path.open("rb") as f:
        head = f.read(8)
    if head == OLE_MAGIC:
        raise ReadError("这不是 .docx 文件：可能已加密（设有打开密码），或是旧版 Word（.doc）另存的；请去掉密码或另存为 .docx 后再导入")
    if not head.startswith(b"PK"):
        raise ReadError("文件已损坏或不是 Word（.docx）文件，无法读取")
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    d = docx.Document(str(path))
    doc = Document(str(path), "docx")
    _blocks(d.element.body, d, doc.blocks, Paragraph, DocxTable)
    return doc


def _blocks(element: Any, parent: Any, out: list[Any], paragraph: Any, table: Any) -> None:
    """Paragraphs and tables in body order; a table used to lay the document out (a border
    drawn around the whole report, a table holding tables) is read as the blocks it holds."""
    for child in element.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = paragraph(child, parent).text
            for part in text.split("\n"):
                if part.strip():
                    out.append(Line(part.replace("\u3000", " ").strip()))
        elif tag == "tbl":
            t = table(child, parent)
            if _layout(child):
                for tc in child.iter(child.tag.replace("tbl", "tc")):
                    if tc.getparent().getparent() is child:  # this table's own cells, in order
                        _blocks(tc, t, out, paragraph, table)
            else:
                out.append(_table(t))
        elif tag == "sdt":  # content controls wrap paragraphs and tables
            content = next((c for c in child.iterchildren() if c.tag.endswith("}sdtContent")), None)
            if content is not None:
                _blocks(content, parent, out, paragraph, table)


def _layout(tbl: Any) -> bool:
    """A layout table: one holding another table, or one whose cells hold running text."""
    if any(True for _ in tbl.iter(tbl.tag)) and sum(1 for _ in tbl.iter(tbl.tag)) > 1:
        return True
    for tc in tbl.iter(tbl.tag.replace("tbl", "tc")):
        text = "".join(t.text or "" for t in tc.iter(tbl.tag.replace("tbl", "t")))
        text = "".join(text.split())
        if len(text) > 150 or text.count("。") >= 2:
            return True
    return False


def _table(table: Any) -> Table:
    rows: list[list[Cell]] = []
    above: list[Any] = []
    for row in table.rows:
        out: list[Cell] = []
        tcs = [c._tc for c in row.cells]
        for i, cell in enumerate(row.cells):
            tc = tcs[i]
            copy = (i > 0 and tcs[i - 1] is tc) or (i < len(above) and above[i] is tc)
            vmerge = tc.tcPr is not None and tc.tcPr.vMerge is not None and tc.tcPr.vMerge.val in (None, "continue")
            if vmerge and not copy and i < len(above):
                copy = True
            text = "\n".join(p.text for p in cell.paragraphs).strip()
            out.append(Cell(text, copy=copy))
        above = tcs
        rows.append(out)
    return Table(rows)
