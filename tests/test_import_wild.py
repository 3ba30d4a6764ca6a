"""Reports as a county finds them: inside portal pages, printed by a browser, crawled to text.

Each test builds a small but complete document of one kind (the report's text and tables in
the form that kind takes) and asserts what recognition makes of it: the right agency, year and
dates, every number, and a finding wherever a cell could not be placed with certainty.
"""

from __future__ import annotations

import datetime as dt

import pytest

from generator.extract import extract
from generator.extract.locate import locate
from generator.extract.settings import DEFAULT
from generator.ingest.document import Line
from generator.ingest.read_html import parse_html
from generator.ingest.read_text import parse_text
from generator.model import spec

# A gb2021 report's numbers, as the tables print them (label → values).
PROACTIVE = [("规章", [0, 0, 1]), ("行政规范性文件", [2, 1, 9]), ("行政许可", [35]), ("行政处罚", [12]), ("行政强制", [0]), ("行政事业性收费", [3.5])]
REQUESTS = {
    "received_new": [20, 1, 0, 0, 0, 1, 22], "carried_over": [1, 0, 0, 0, 0, 0, 1],
    "disclosed": [10, 1, 0, 0, 0, 0, 11], "partially_disclosed": [2, 0, 0, 0, 0, 0, 2],
    "unavailable_not_held": [6, 0, 0, 0, 0, 1, 7], "not_processed_repeated": [1, 0, 0, 0, 0, 0, 1],
    "carried_forward": [2, 0, 0, 0, 0, 0, 2],
}
REVIEW = [1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]


def requests_rows() -> list[tuple[list[str], list[int]]]:
    """Part 3 as printed: (label cells, seven numbers) per row, group labels in cells of their own."""
    rows = []
    for r in spec.REQUESTS.rows:
        if r.key == "other_processing":
            continue
        labels = [x for x in (r.group if r.key in ("disclosed",) else "", r.subgroup if r.label.startswith("1.") else "", r.label) if x]
        values = REQUESTS.get(r.key, [0] * 7)
        if r.key == "total":
            values = [sum(REQUESTS[k][i] for k in REQUESTS if k not in ("received_new", "carried_over", "carried_forward")) for i in range(7)]
        rows.append((labels, values))
    return rows


def expected_requests() -> dict[str, list[int]]:
    return {labels[-1]: values for labels, values in requests_rows()}


TEXT_PARTS = {
    1: "本年度，我局认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开工作。",
    5: "存在的主要问题是公开内容还不够全面。下一步将加强培训。",
    6: "本年度未收取信息处理费。",
}


def _html_table(rows: list[list[str]]) -> str:
    return "<table border='1'>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"


def portal_page(title_in_article: bool = True, with_title: str = "示例县自然资源局2023年政府信息公开工作年度报告") -> str:
    """A county portal page: header, navigation, breadcrumb, metadata table, the article with a
    signature, previous/next links naming other reports and years, a sidebar list, footer."""
    body = [f"<p>{with_title}</p>"] if title_in_article else []
    body.append("<p>根据《中华人民共和国政府信息公开条例》规定，特向社会公布本报告。如对报告有疑问，请与办公室联系（地址：示例县人民路1号；邮编：123456；联系电话：0000-7654321）。</p>")
    for n, title in spec.PART_TITLES.items():
        body.append(f"<p><b>{title}</b></p>")
        if n in TEXT_PARTS:
            body.append(f"<p>{TEXT_PARTS[n]}</p>")
        if n == 2:
            body.append(_html_table([["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]] + [[k] + [str(x) for x in v] for k, v in PROACTIVE[:2]]))
            body.append(_html_table([["信息内容", "本年处理决定数量"]] + [[k] + [str(x) for x in v] for k, v in PROACTIVE[2:5]]))
            body.append(_html_table([["信息内容", "本年收费金额（万元）"], ["行政事业性收费", "3.5"]]))
        if n == 3:
            body.append(_html_table([["申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]] + [labels + [str(x) for x in v] for labels, v in requests_rows()]))
        if n == 4:
            body.append(_html_table([["行政复议", "", "", "", "", "行政诉讼"], [str(x) for x in REVIEW]]))
    body += ["<p>示例县自然资源局</p>", "<p>2024年1月20日</p>"]
    return f"""<html><head><meta charset="utf-8"><title>{with_title}_示例县人民政府</title>
<meta name="ArticleTitle" content="{with_title}"><meta name="PubDate" content="2024-01-22 09:30">
<meta name="ContentSource" content="示例县自然资源局"></head><body>
<div class="top">欢迎访问示例县人民政府门户网站！</div>
<div class="nav"><a href="/">首页</a><a href="/zwgk">政务公开</a><a href="/xxgk">政府信息公开年报</a></div>
<div class="position">您当前的位置：<a>首页</a> &gt; <a>政务公开</a> &gt; <a>政府信息公开年报</a></div>
<table class="meta"><tr><th>索引号：</th><td>11111111X/2024-00001</td><th>主题分类：</th><td>政务公开</td></tr>
<tr><th>发布机构：</th><td>示例县自然资源局</td><th>成文日期：</th><td>2024-01-20</td></tr></table>
<div class="article"><h1>{with_title}</h1><div class="info">发布时间：2024-01-22 09:30 来源：示例县自然资源局 浏览次数：88</div>
<div id="zoom">{''.join(body)}</div>
<div class="tools">【打印本页】【关闭窗口】</div>
<div class="prevnext"><p>上一篇：<a>示例县财政局2023年政府信息公开工作年度报告</a></p><p>下一篇：<a>示例县自然资源局2022年政府信息公开工作年度报告</a></p></div></div>
<div class="side"><h3>相关链接</h3><ul><li><a>示例县水利局2021年政府信息公开工作年度报告</a></li></ul></div>
<div class="footer">主办：示例县人民政府办公室 网站标识码：0000000000 ICP备00000000号</div></body></html>"""


def assert_numbers(report) -> None:  # type: ignore[no-untyped-def]
    assert report.proactive == {
        "regulations": [0, 0, 1], "normative_documents": [2, 1, 9], "licensing": [35], "penalties": [12], "compulsion": [0], "fees": [3.5],
    }
    by_label = {r.label: r.key for r in spec.REQUESTS.rows}
    for label, values in expected_requests().items():
        assert report.requests[by_label[label]] == values, label
    assert [x for k in ("review", "litigation_direct", "litigation_after_review") for x in report.review_litigation[k]] == REVIEW


def test_portal_page_the_report_its_metadata_and_nothing_of_the_site() -> None:
    ex = extract(parse_html(portal_page(), "p.html"), "x")
    r = ex.report
    assert (r.agency_name, r.year, r.template) == ("示例县自然资源局", 2023, "gb2021")
    assert r.published == dt.date(2024, 1, 20)  # the signature's date, as the report prints it
    assert_numbers(r)
    assert r.other == "本年度未收取信息处理费。\n"  # no 打印本页, 上一篇, 相关链接 or footer
    assert r.preamble.startswith("根据《中华人民共和国政府信息公开条例》")  # not 发布时间…浏览次数
    assert r.contact.postcode == "123456"
    assert not [n for n in ex.notes if n.severity in ("error", "warning")], ex.notes


def test_portal_page_without_the_title_in_the_article_takes_the_page_heading() -> None:
    r = extract(parse_html(portal_page(title_in_article=False), "p.html"), "x").report
    assert (r.title, r.agency_name, r.year) == ("示例县自然资源局2023年政府信息公开工作年度报告", "示例县自然资源局", 2023)


def test_title_without_agency_takes_the_publisher_from_the_page() -> None:
    page = portal_page(with_title="2023年度政府信息公开工作年度报告")
    r = extract(parse_html(page, "p.html"), "x").report
    assert (r.agency_name, r.year) == ("示例县自然资源局", 2023)


def test_located_page_metadata() -> None:
    located = locate(parse_html(portal_page(), "p.html"), DEFAULT)
    assert located.meta["publisher"] == "示例县自然资源局"
    assert located.meta["written"] == "2024-01-20"
    assert located.meta["index"] == "11111111X/2024-00001"
    texts = [b.text for b in located.blocks if isinstance(b, Line)]
    assert texts[0] == "示例县自然资源局2023年政府信息公开工作年度报告"
    assert not any("上一篇" in t or "2022年" in t or "相关链接" in t or "网站标识码" in t for t in texts)


def markdown_rendition(style: str) -> str:
    """A crawler's Markdown of the portal page (a reader service's header, the site chrome as
    links, ## headings, **bold**), its tables in the crawler's ``style``."""
    out = [
        "Title: 示例县自然资源局2023年政府信息公开工作年度报告_示例县人民政府",
        "URL Source: http://www.example.gov.cn/xxgk/2024/0122/123.html",
        "Published Time: 2024-01-22T09:30:00+08:00",
        "Markdown Content:",
        "[首页](/) [政务公开](/zwgk) [政府信息公开年报](/xxgk)",
        "",
        "# 示例县自然资源局2023年政府信息公开工作年度报告",
        "",
        "发布时间：2024-01-22 09:30 来源：示例县自然资源局 浏览次数：88",
        "",
        "根据《中华人民共和国政府信息公开条例》规定，特向社会公布本报告。",
    ]

    def table(rows: list[list[str]]) -> list[str]:
        if style == "pipes":
            return ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])] + ["| " + " | ".join(r) + " |" for r in rows[1:]]
        if style == "row_per_table":  # every row a table of its own
            return [x for r in rows for x in ("| " + " | ".join(r) + " |", "|" + "---|" * len(r), "")]
        if style == "spaces":  # the table lost; each row a line, cells apart
            return [" ".join(r) for r in rows]
        if style == "cell_per_line":
            return [c for r in rows for c in r if c]
        raise ValueError(style)

    for n, title in spec.PART_TITLES.items():
        out += ["", f"## **{title}**", ""]
        if n in TEXT_PARTS:
            out.append(TEXT_PARTS[n])
        if n == 2:
            out += table([["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]] + [[k] + [str(x) for x in v] for k, v in PROACTIVE[:2]])
            out += [""] + table([["信息内容", "本年处理决定数量"]] + [[k] + [str(x) for x in v] for k, v in PROACTIVE[2:5]])
            out += [""] + table([["信息内容", "本年收费金额（万元）"], ["行政事业性收费", "3.5"]])
        if n == 3:
            out += table([["申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]] + [labels + [str(x) for x in v] for labels, v in requests_rows()])
        if n == 4:
            out += table([["行政复议", "行政诉讼"], [str(x) for x in REVIEW]])
    out += ["", "示例县自然资源局", "", "2024年1月20日", "", "[【打印本页】](javascript:print()) [【关闭窗口】](javascript:close())",
            "", "上一篇：[示例县财政局2023年政府信息公开工作年度报告](/a)", "", "主办：示例县人民政府办公室 网站标识码：0000000000"]
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("style", ["pipes", "row_per_table", "spaces", "cell_per_line"])
def test_crawled_markdown_every_number_in_every_table_style(style: str) -> None:
    doc = parse_text(markdown_rendition(style), "r.md", "md")
    ex = extract(doc, "x")
    r = ex.report
    assert (r.agency_name, r.year, r.template) == ("示例县自然资源局", 2023, "gb2021")
    assert r.source.url == "http://www.example.gov.cn/xxgk/2024/0122/123.html"
    assert_numbers(r)
    assert r.other == "本年度未收取信息处理费。\n"
    assert not [n for n in ex.notes if n.severity == "error"], ex.notes


def test_numbers_run_together_are_split_only_where_one_split_fits_and_marked_uncertain() -> None:
    md = markdown_rendition("spaces")
    md = md.replace("一、本年新收政府信息公开申请数量 20 1 0 0 0 1 22", "一、本年新收政府信息公开申请数量 201000122")  # 9 digits, 7 cells
    md = md.replace("（二）部分公开（区分处理的，只计这一情形，不计其他情形） 2 0 0 0 0 0 2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形） 2000002")
    ex = extract(parse_text(md, "r.md", "md"), "x")
    r = ex.report
    # 201000122 splits into seven numbers that add up (R2) one way only: 20 1 0 0 0 1 22.
    assert r.requests["received_new"] == [20, 1, 0, 0, 0, 1, 22]
    assert r.requests["partially_disclosed"] == [2, 0, 0, 0, 0, 0, 2]
    assert {f"requests.received_new.{c.key}" for c in spec.REQUEST_COLUMNS} <= set(r.uncertain)
    assert sum("连在一起" in n.message for n in ex.notes) == 2


def test_a_row_that_lost_a_blank_cell_is_left_null_with_a_finding() -> None:
    md = markdown_rendition("spaces").replace("行政规范性文件 2 1 9", "行政规范性文件 2 9")  # which one was blank?
    ex = extract(parse_text(md, "r.md", "md"), "x")
    assert ex.report.proactive["normative_documents"] == [None, None, None]
    assert any(n.severity == "error" and n.field == "proactive.normative_documents" for n in ex.notes)


def test_lookalike_radicals_in_labels_still_match() -> None:
    md = markdown_rendition("pipes").replace("1.本机关不掌握相关政府信息", "1.本机关不掌握相关政府信息").replace("申请人情况", "申请⼈情况")
    md = md.replace("3.保护第三方合法权益", "4.保护第三⽅合法权益")
    assert_numbers(extract(parse_text(md, "r.md", "md"), "x").report)


def test_browser_print_lines_are_dropped_from_text() -> None:
    md = markdown_rendition("spaces")
    header = "12/1/26, 8:50 AM 示例县自然资源局2023年政府信息公开工作年度报告_示例县人民政府"
    footer = "http://www.example.gov.cn/xxgk/2024/0122/123.html 2/5"
    md = md.replace("## **三、", f"{footer}\n{header}\n## **三、")
    r = extract(parse_text(md, "r.txt", "txt"), "x").report
    assert "example.gov.cn" not in (r.overview or "") + (r.proactive_text or "")
    assert_numbers(r)


def test_tables_without_their_part_headings_are_placed_by_their_words() -> None:
    md = markdown_rendition("pipes").replace("## **三、收到和处理政府信息公开申请情况**", "")
    ex = extract(parse_text(md, "r.md", "md"), "x")
    assert_numbers(ex.report)
    assert any("未找到第三部分的标题" in n.message for n in ex.notes)


def test_a_report_with_its_title_but_no_parts_is_imported_with_a_finding() -> None:
    text = "示例县自然资源局2023年政府信息公开工作年度报告\n本局本年度依法做好政府信息公开工作，详见附表。\n"
    ex = extract(parse_text(text, "r.txt"), "x")
    assert (ex.report.agency_name, ex.report.year) == ("示例县自然资源局", 2023)
    assert any(n.severity == "error" and "六个部分" in n.message for n in ex.notes)


def test_a_page_laid_out_in_tables_old_cms() -> None:
    page = portal_page().replace(
        '<div class="article">', '<table width="1000"><tr><td width="200"><a>机构概况</a><br><a>政策文件</a></td><td><div class="article">'
    ).replace('<div class="side">', '</td></tr></table><div class="side">')
    ex = extract(parse_html(page, "p.html"), "x")
    assert (ex.report.agency_name, ex.report.year) == ("示例县自然资源局", 2023)
    assert_numbers(ex.report)


def test_headings_as_some_reports_number_them_and_years_in_chinese_numerals() -> None:
    md = markdown_rendition("pipes").replace("# 示例县自然资源局2023年", "# 示例县自然资源局二〇二三年")
    md = md.replace("## **一、总体情况**\n\n", "## **第一部分 总体情况**\n\n").replace("## **五、存在的主要问题及改进情况**\n\n", "")
    md = md.replace("存在的主要问题是", "五、存在的主要问题及改进情况。存在的主要问题是")  # a run-in heading
    r = extract(parse_text(md, "r.md", "md"), "x").report
    assert r.year == 2023 and r.title == "示例县自然资源局二〇二三年政府信息公开工作年度报告"
    assert r.overview == TEXT_PARTS[1] + "\n"
    assert r.problems == TEXT_PARTS[5] + "\n"
    assert_numbers(r)


def test_a_text_browsers_dump_with_box_drawing_rules() -> None:
    md = markdown_rendition("pipes")
    lines = []
    for line in md.splitlines():
        if line.startswith("|---"):
            lines.append("├" + "─" * 10 + "┼" + "─" * 10 + "┤")
        elif line.startswith("| "):
            lines.append("│" + line[1:-1].replace(" | ", " │ ") + "│")
        else:
            lines.append(line)
    assert_numbers(extract(parse_text("\n".join(lines), "r.txt", "txt"), "x").report)


def layout_rendition() -> str:
    """Text laid out like the printed page (a text-mode browser, "save as text"): a long label
    wrapped over lines in its narrow column, the row's numbers on the middle line, the group
    label beside it."""
    lines = markdown_rendition("spaces").split("\n")
    out: list[str] = []
    for line in lines:
        labels_values = [(labels, values) for labels, values in requests_rows() if line == " ".join(labels + [str(v) for v in values])]
        if not labels_values:
            out.append(line)
            continue
        labels, values = labels_values[0]
        label, groups = labels[-1], labels[:-1]
        pieces = [label[k : k + 10] for k in range(0, len(label), 10)]
        middle = len(pieces) // 2
        for k, piece in enumerate(pieces):
            if k == middle:
                out.append("  ".join(groups + [piece]) + "    " + "   ".join(str(v) for v in values))
            else:
                out.append("        " + piece)
    return "\n".join(out)


def test_text_laid_out_like_the_page_wrapped_labels_around_their_numbers() -> None:
    text = layout_rendition()
    assert "    不再处理其政府信息公" in text or "不再处理其" in text  # the rendition does wrap labels
    ex = extract(parse_text(text, "r.txt", "txt"), "x")
    assert_numbers(ex.report)
    assert not [n for n in ex.notes if n.severity == "error"], ex.notes


def test_text_broken_at_every_inline_element_is_rejoined() -> None:
    text = markdown_rendition("spaces").replace(
        TEXT_PARTS[1], "本年度，我局认真贯彻落实《中华人民共和国政府信息公开条例》，全年发布政策解读\n11\n篇，公开信息\n（\nhttp://www.example.gov.cn\n）。"
    )
    r = extract(parse_text(text, "r.txt", "txt"), "x").report
    assert r.overview == "本年度，我局认真贯彻落实《中华人民共和国政府信息公开条例》，全年发布政策解读11篇，公开信息（http://www.example.gov.cn）。\n"
    assert_numbers(r)


def test_metadata_crawled_as_text_key_and_value_on_lines_of_their_own() -> None:
    text = markdown_rendition("spaces").replace(
        "发布时间：2024-01-22 09:30 来源：示例县自然资源局 浏览次数：88", "发文机关：\n示例县自然资源局\n成文日期 2024-01-20\n2024-01-22"
    ).replace("# 示例县自然资源局2023年政府信息公开工作年度报告", "2023年度政府信息公开工作年度报告")
    located = locate(parse_text(text, "r.txt", "txt"), DEFAULT)
    assert located.meta["publisher"] == "示例县自然资源局" and located.meta["written"] == "2024-01-20"
    r = extract(parse_text(text, "r.txt", "txt"), "x").report
    assert (r.agency_name, r.year, r.title) == ("示例县自然资源局", 2023, "2023年度政府信息公开工作年度报告")


def test_rows_run_together_without_spaces_are_placed_by_the_whole_tables_arithmetic() -> None:
    md = markdown_rendition("spaces")
    for labels, values in requests_rows():  # every row's numbers with nothing between them
        md = md.replace(" ".join(labels + [str(v) for v in values]), " ".join(labels) + " " + "".join(str(v) for v in values))
    ex = extract(parse_text(md, "r.md", "md"), "x")
    # "201000122" alone splits into seven numbers that add up more than one way (20 1 0 0 0 1 22,
    # 2 0 10 0 0 1 13 …); with 总计 = the results (R3) and 一 + 二 = 总计 + 结转 (R1) only one way.
    assert_numbers(ex.report)
    assert "requests.received_new.total" in ex.report.uncertain
    assert any("按表格的勾稽关系（R1、R2、R3）只有一种分法" in n.message for n in ex.notes)
