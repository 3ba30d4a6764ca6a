"""Units of generator.render: URLs, relative links, Markdown, tables, figures, charts, templates."""

from __future__ import annotations

from html.parser import HTMLParser

import jinja2
import pytest

from generator.build.plan import pages_of
from generator.content import load_content
from generator.model import spec
from generator.model.report import Report
from generator.pages import figures, urls
from generator.pages.agency import Chart, Series
from generator.pages.glossary import COLUMNS, ROWS, columns_for_help, rows_for_help
from generator.pages.tables import format_number, requests_table, review_table
from generator.render import charts
from generator.render.markdown import plain, render
from generator.render.templates import environment, relative_url
from generator.render.theme import load_theme

from .conftest import DEMO


@pytest.fixture(scope="module")
def demo():  # type: ignore[no-untyped-def]
    return load_content(DEMO)


def test_page_urls_are_files_not_folders(demo):  # type: ignore[no-untyped-def]
    pages = [p.url for p in pages_of(demo)]
    assert pages[:2] == ["index.html", "agencies/index.html"]
    assert "reports/shiwo/2021.html" in pages and "compare/2020.html" in pages and "agencies/beileng.html" in pages
    assert all(u.endswith(".html") for u in pages)
    assert len(pages) == len(set(pages)) == 20 + 1 + 24 + 1  # + the county, 24 indicators, the picker
    assert urls.original_url("a", 2020, "originals/a/2020.PDF") == "originals/a/2020.pdf"


@pytest.mark.parametrize(
    "target, page, expected",
    [
        ("index.html", "index.html", "index.html"),
        ("static/site.css", "reports/a/2020.html", "../../static/site.css"),
        ("reports/a/2020.html#part3", "agencies/a.html", "../reports/a/2020.html#part3"),
        ("pagefind/", "search.html", "pagefind/"),
        ("agencies/index.html", "agencies/index.html", "index.html"),
        ("mailto:x@example.gov.cn", "a/b.html", "mailto:x@example.gov.cn"),
    ],
)
def test_relative_url(target: str, page: str, expected: str):
    assert relative_url(target, page) == expected


def test_markdown_escapes_raw_html_and_unsafe_links():
    html = render("<script>alert(1)</script>\n\n[点我](javascript:alert(1)) <img src=x onerror=alert(1)>")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript' not in html


def test_markdown_headings_sit_below_the_part_headings():
    assert render("# 标题\n\n正文").startswith("<h3>标题</h3>")
    assert plain("**一、** 总体情况很好。", 6) == "一、 总体…"


def test_environment_is_strict_and_escapes(tmp_path):  # type: ignore[no-untyped-def]
    (tmp_path / "x.html").write_text("{{ value }}|{{ missing }}", encoding="utf-8")
    env = environment(load_theme("default"), tmp_path)
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("x.html").render(value="<b>")
    (tmp_path / "y.html").write_text("{{ value }}", encoding="utf-8")
    assert env.get_template("y.html").render(value="<b>") == "&lt;b&gt;"


def test_format_number():
    assert [format_number(v) for v in (None, 0, 1036, 6.3365, 12.5, "/")] == ["", "0", "1,036", "6.3365", "12.5", "/"]


class _Body(HTMLParser):
    """The body rows of a table as written: (row head text, row head id, groups opened
    before it, [(td headers, td class, text)])."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict] = []
        self.groups: list[str] = []
        self.where = ""

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        a = dict(attrs)
        if tag == "tr" and a.get("class") == "group":
            self.where = "group"
        elif tag == "th" and self.where != "group":
            self.rows.append({"head": "", "id": a["id"], "groups": self.groups, "cells": []})
            self.groups = []
            self.where = "head"
        elif tag == "td":
            self.rows[-1]["cells"].append([a["headers"], a["class"], ""])
            self.where = "cell"
        elif tag == "span" and a.get("class") == "vh":
            self.where = "hidden"

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "tr":
            self.where = ""
        elif tag == "span" and self.where == "hidden":
            self.where = "cell"

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self.where == "group":
            self.groups = [*self.groups, data]
        elif self.where == "head":
            self.rows[-1]["head"] += data
        elif self.where == "cell":
            self.rows[-1]["cells"][-1][2] += data


def _html(t) -> str:  # type: ignore[no-untyped-def]
    """The table as the default theme's one table writer prints it."""
    env = environment(load_theme("default"))
    return env.from_string('{% from "_macros.html" import data_table %}{{ data_table(t) }}').render(t=t, page_url="x.html")


def _body(t) -> list[dict]:  # type: ignore[no-untyped-def]
    p = _Body()
    html = _html(t)
    p.feed(html[html.index("<tbody>"):html.index("</tbody>")])
    return p.rows


def test_part3_table_has_two_header_rows_and_groups(demo):  # type: ignore[no-untyped-def]
    report = demo.report("qixingpao", 2020)
    t = requests_table(report)
    assert [h.text for h in t.head_rows[0]] == ["申请情况", "自然人", "法人或其他组织", "总计"]
    assert [h.text for h in t.head_rows[1]] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    rows = _body(t)
    secret = next(r for r in rows if r["head"] == "1.属于国家秘密")
    assert secret["groups"] == ["（三）不予公开"]
    assert secret["cells"][1][0] == f"p3-c1 p3-cg0 {secret['id']} p3-g0 p3-g1"
    disclosed = next(r for r in rows if r["head"] == "（一）予以公开")
    assert disclosed["groups"] == ["三、本年度办理结果"]
    forward = rows[-1]
    assert forward["head"] == "四、结转下年度继续办理" and forward["cells"][0][0] == f"p3-c0 {forward['id']}"


def test_blank_not_applicable_and_derived_cells(demo):  # type: ignore[no-untyped-def]
    report = demo.report("qixingpao", 2020)
    report.review_litigation["review"] = [None, "/", 3, 0, 3]
    report.derived = ["review_litigation.review.total"]
    cells = _body(review_table(report))[0]["cells"]
    assert [(c[1], c[2]) for c in cells] == [
        ("blank", ""), ("na", "/"), ("value", "3"), ("value", "0"), ("value derived", "3*")]
    assert '<span class="vh">空白</span>' in _html(review_table(report))
    notes = review_table(report).notes
    assert any("空白不等于 0" in n for n in notes) and any("推算" in n for n in notes)


def test_other_rows_are_added_up_across_templates():
    base = {k: [0] * 7 for k in spec.REQUESTS.row_keys if k not in spec.OTHER_SPLIT}
    single = Report(agency="a", year=2020, template="gb2019", title="t", requests=dict(base, other_processing=[0] * 6 + [4]))
    split = {k: v for k, v in base.items() if k != "other_processing"}
    split.update(other_overdue_correction=[0] * 6 + [1], other_unpaid_fee=[0] * 6 + [2], other_other=[0] * 6 + [3])
    three = Report(agency="a", year=2021, template="gb2021", title="t", requests=split)
    assert figures.values(single)["other"] == 4
    assert figures.values(three)["other"] == 6
    three.requests["other_unpaid_fee"] = [None] * 7
    assert figures.values(three)["other"] is None  # a blank cell makes the figure blank
    assert figures.add([1, None, 2, "/"]) == (3, 2)


def test_part2_figures_belong_to_one_template():
    gb2019 = {f.label for f in figures.part2_figures("gb2019")}
    gb2021 = {f.label for f in figures.part2_figures("gb2021")}
    assert "规章 · 本年新制作数量" in gb2019 and "规章 · 本年制发件数" in gb2021
    assert len(gb2019) == 22 and len(gb2021) == 10
    assert figures.part2_figures("none") == []


def test_chart_is_svg_with_text_alternative():
    chart = Chart("办理结果", ["2020年", "2021年"], [Series("予以公开", [3, None]), Series("不予公开", [1, 2])])
    svg = charts.svg(chart)
    assert svg.startswith('<svg class="chart"') and 'role="img"' in svg
    assert '<title id="chart-title">办理结果</title>' in svg
    assert "2020年：予以公开 3 件，不予公开 1 件；2021年：予以公开 空白，不予公开 2 件" in svg
    assert svg == charts.svg(chart) and charts.svg(None) == ""


def test_help_explains_every_row_and_column():
    assert set(ROWS) == set(spec.REQUESTS.row_keys) | set(spec.REVIEW_LITIGATION.row_keys)
    assert set(COLUMNS) == {c.key for c in spec.REQUEST_COLUMNS} | {c.key for c in spec.REVIEW_COLUMNS}
    assert ("第三部分", "三、本年度办理结果 · （五）不予处理 · 2.重复申请", ROWS["not_processed_repeated"]) in rows_for_help()
    assert ("法人或其他组织 · 商业企业", COLUMNS["commercial"]) in columns_for_help()
