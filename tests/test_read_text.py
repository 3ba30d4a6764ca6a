"""The text reader: tab-separated rows, one cell per line, Markdown tables, text lines."""

from __future__ import annotations

from generator.ingest.document import Line, Table
from generator.ingest.read_text import parse_text


def blocks(text: str) -> list[object]:
    return [b.text if isinstance(b, Line) else b.texts() for b in parse_text(text, "x.txt").blocks]


def test_tab_separated_rows_form_one_table_across_blank_lines() -> None:
    assert blocks("标题\n\n规章\t0\t1\t2\n\n规范性文件\t3\t4\t5\n正文") == [
        "标题",
        [["规章", "0", "1", "2"], ["规范性文件", "3", "4", "5"]],
        "正文",
    ]


def test_one_cell_per_line_rows_are_separated_by_blank_lines() -> None:
    text = "二、主动公开政府信息情况\n\t第二十条第（一）项\n\n\t信息内容\n\t本年新制作数量\n\n\t规    章\n\t0\n\t\n"
    assert blocks(text) == [
        "二、主动公开政府信息情况",
        [["第二十条第（一）项"], ["信息内容", "本年新制作数量"], ["规    章", "0", ""]],
    ]


def test_markdown_tables_and_separator_rows() -> None:
    text = "| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 3 |\n"
    assert blocks(text) == [[["信息内容", "本年制发件数"], ["规章", "3"]]]
    assert blocks("（本列数据\t申请人情况\n---------------\t-------\n一项\t\t自然人") == [
        [["（本列数据", "申请人情况"], ["一项", "", "自然人"]]
    ]


def test_word_bookmarks_are_dropped() -> None:
    assert blocks("[bookmark: _GoBack]本报告依据《条例》编制。") == ["本报告依据《条例》编制。"]


def test_gbk_text_is_decoded(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from generator.ingest.read_text import read_text

    f = tmp_path / "r.txt"
    f.write_bytes("北冷乡2019年政府信息公开工作年度报告\n".encode("gbk"))
    doc = read_text(f)
    assert isinstance(doc.blocks[0], Line) and doc.blocks[0].text == "北冷乡2019年政府信息公开工作年度报告"
    assert not any(isinstance(b, Table) for b in doc.blocks)
