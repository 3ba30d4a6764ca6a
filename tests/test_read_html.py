"""The HTML reader: encodings, the article inside site chrome, spans, rowspan/colspan."""

from __future__ import annotations

from pathlib import Path

from generator.extract.locate import locate
from generator.extract.settings import DEFAULT
from generator.ingest.document import Line, Table
from generator.ingest.read_html import parse_html, read_html

CORPUS = Path(__file__).resolve().parent / "data" / "import" / "docs"

PAGE = """<html><head><meta charset="gbk"><title>某局2022年政府信息公开工作年度报告_某县人民政府</title></head>
<body><div class="nav"><a>首页</a><a>政务公开</a></div>
<h1>某局2022年政府信息公开工作年度报告</h1><div class="info">发布时间：2023-01-10</div>
<div id="zoom"><p><span>一</span><span>、</span><span>总体情况</span></p><p>正文。</p>
<table><tr><td rowspan="2">甲</td><td colspan="2">乙</td></tr><tr><td>1</td><td>2<br>3</td></tr></table>
<p>六、其他需要报告的事项</p><p>无。</p></div>
<div class="footer">主办：某县人民政府办公室</div><script>var x = 1;</script></body></html>"""


def test_the_whole_page_is_read_with_its_meta_tags_and_links_marked() -> None:
    doc = parse_html(PAGE, "x.html")
    lines = [b for b in doc.blocks if isinstance(b, Line)]
    assert [b.text for b in lines] == [
        "首页政务公开", "某局2022年政府信息公开工作年度报告", "发布时间：2023-01-10", "一、总体情况", "正文。",
        "六、其他需要报告的事项", "无。", "主办：某县人民政府办公室",
    ]
    assert [b.link for b in lines] == [True] + [False] * 7
    assert doc.meta == {"page_title": "某局2022年政府信息公开工作年度报告_某县人民政府"}
    # Each line knows the elements it stands in: the article's lines share the #zoom div.
    zoom = lines[3].path
    assert lines[6].path == zoom and lines[7].path != zoom and lines[0].path != zoom


def test_the_report_is_located_inside_the_page() -> None:
    located = locate(parse_html(PAGE, "x.html"), DEFAULT)
    assert [b.text for b in located.blocks if isinstance(b, Line)] == [
        "某局2022年政府信息公开工作年度报告", "一、总体情况", "正文。", "六、其他需要报告的事项", "无。"
    ]
    assert located.meta["published"] == "2023-01-10"


def test_rowspan_and_colspan_are_expanded_with_copies_marked() -> None:
    table = next(b for b in parse_html(PAGE, "x.html").blocks if isinstance(b, Table))
    assert table.texts() == [["甲", "乙", "乙"], ["甲", "1", "2\n3"]]
    assert [[c.copy for c in row] for row in table.rows] == [[False, False, True], [True, False, False]]


def test_gbk_page_is_decoded_from_its_meta_declaration(tmp_path: Path) -> None:
    f = tmp_path / "p.html"
    f.write_bytes(PAGE.encode("gbk"))
    assert read_html(f).blocks[3].text == "一、总体情况"  # type: ignore[union-attr]


def test_corpus_gbk_and_utf8_pages_read_the_same() -> None:
    a = read_html(CORPUS / "caizheng-2022.gov.html")
    b = read_html(CORPUS / "caizheng-2022.gbk.html")
    assert a.text() == b.text()
    located = locate(a, DEFAULT)
    text = "\n".join(x.text for x in located.blocks if isinstance(x, Line))
    assert text.startswith("示例县财政局2022年政府信息公开工作年度报告\n")
    assert "浏览次数" not in text and "主办" not in text
