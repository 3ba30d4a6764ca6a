"""The DOCX reader: body order, merged cells expanded and marked as copies."""

from __future__ import annotations

from pathlib import Path

import docx

from generator.ingest.document import Line, Table
from generator.ingest.read_docx import read_docx


def test_paragraphs_and_merged_cells(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("某局2022年政府信息公开工作年度报告")
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "三、本年度办理结果"
    t.cell(0, 1).merge(t.cell(0, 2)).text = "（一）予以公开"
    t.cell(1, 1).text = "属于国\n家秘密"
    t.cell(2, 0).text = "四"
    d.add_paragraph("六、其他需要报告的事项")
    f = tmp_path / "r.docx"
    d.save(str(f))
    doc = read_docx(f)
    assert [type(b).__name__ for b in doc.blocks] == ["Line", "Table", "Line"]
    table = doc.blocks[1]
    assert isinstance(table, Table) and isinstance(doc.blocks[0], Line)
    assert table.texts()[:2] == [
        ["三、本年度办理结果", "（一）予以公开", "（一）予以公开"],
        ["三、本年度办理结果", "属于国\n家秘密", ""],
    ]
    assert [[c.copy for c in row] for row in table.rows[:2]] == [[False, False, True], [True, False, False]]


def test_a_report_laid_out_inside_one_table_is_read_as_its_blocks(tmp_path: Path) -> None:
    """Some offices draw a border around the whole report by putting it in a 1 x 1 table."""
    import copy

    from generator.importer import parse_file

    source = Path(__file__).resolve().parent / "data" / "import" / "docs" / "qingshan-2021.docx"
    d = docx.Document(str(source))
    body = d.element.body
    content = [c for c in body.iterchildren() if not c.tag.endswith("}sectPr")]
    frame = d.add_table(rows=1, cols=1)
    cell = frame.cell(0, 0)._tc
    for p in list(cell.iterchildren()):
        if p.tag.endswith("}p"):
            cell.remove(p)
    for c in content:
        cell.append(copy.deepcopy(c))
        body.remove(c)
    cell.append(copy.deepcopy(content[-1]) if content[-1].tag.endswith("}p") else d.add_paragraph()._p)
    framed = tmp_path / "framed.docx"
    d.save(str(framed))
    plain, boxed = parse_file(source, None, None), parse_file(framed, None, None)
    assert boxed.error == "" and boxed.report is not None and plain.report is not None
    for table in ("proactive", "requests", "review_litigation"):
        assert getattr(boxed.report, table) == getattr(plain.report, table)
    assert boxed.report.overview == plain.report.overview
