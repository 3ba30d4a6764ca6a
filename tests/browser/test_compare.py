"""Comparison across years and the county (issue 14, item 3) in headless Chromium, as a reader
meets it: at 375 and 1280 px, with and without JavaScript, in 大字模式 (the large/ copy).

A synthetic portal (bench.synth: 4 agencies × 2019–2023, non-zero figures) is built once; the
pages checked are the county's years, an indicator's agencies × years, a rate's page and the
picker. Sizes are what the browser measures (getBoundingClientRect, getComputedStyle).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build import build

from .serve import block_other_hosts, serve

WIDTHS = (375, 1280)
MODES = ("", "large/")  # the standard page and its 大字模式 copy
YEARS = range(2019, 2024)
AGENCIES = 4


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from bench.synth import write_portal

    root = tmp_path_factory.mktemp("compare")
    write_portal(root / "content", AGENCIES, YEARS)
    build(root / "content", root / "site", search=False)
    with serve(root / "site", "sub/path") as url:
        yield url


@pytest.fixture(scope="module", params=[(w, js) for w in WIDTHS for js in (True, False)],
                ids=lambda p: f"{p[0]}px-{'js' if p[1] else 'nojs'}")
def view(request, browser):  # type: ignore[no-untyped-def]
    width, js = request.param
    ctx = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=js, accept_downloads=True)
    ctx.blocked = block_other_hosts(ctx)
    page = ctx.new_page()
    page.width, page.js = width, js
    yield page
    assert ctx.blocked == []
    ctx.close()


def no_page_scroll(page) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth") <= page.width


def min_font_px(page, selector: str) -> float:  # type: ignore[no-untyped-def]
    """The smallest computed font size of the visible text under ``selector`` (HTML text)."""
    return page.evaluate(
        """sel => Math.min(...[...document.querySelectorAll(sel)].flatMap(root =>
             [root, ...root.querySelectorAll('*')]).filter(e => e.offsetParent !== null
             && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
             .map(e => parseFloat(getComputedStyle(e).fontSize)))""",
        selector,
    )


def svg_text_px(page, selector: str) -> float:  # type: ignore[no-untyped-def]
    """The smallest rendered height of a chart's text, in CSS px (the SVG is scaled)."""
    return page.evaluate(
        "sel => Math.min(...[...document.querySelectorAll(sel + ' text')].map(t => t.getBoundingClientRect().height))",
        selector,
    )


def visible_text_is_chinese(page) -> None:  # type: ignore[no-untyped-def]
    text = page.evaluate("document.querySelector('main').innerText")
    words = [w for w in __import__("re").findall(r"[A-Za-z]{2,}", text) if w not in ("CSV", "Excel", "JSON")]
    assert words == [], words


@pytest.mark.parametrize("mode", MODES)
def test_county_totals_by_year_table_and_chart(view, portal, mode):  # type: ignore[no-untyped-def]
    view.goto(portal + mode + "compare/county.html")
    assert view.locator("h1").inner_text() == "全县历年汇总"
    table = view.locator("#ct")
    heads = table.locator("thead th").all_inner_texts()
    assert heads == ["指标"] + [f"{y}年" for y in YEARS]
    assert table.locator("tbody th").all_inner_texts()[:3] == ["报告数", "本年新收", "上年结转"]
    assert table.locator("tbody tr").first.locator("td").all_inner_texts() == [str(AGENCIES)] * len(YEARS)
    chart = view.locator("svg.chart[role=img]")
    assert chart.count() == 1 and chart.is_visible()
    assert chart.bounding_box()["width"] <= view.width
    for t in ("#cg", "#rt", "#rs"):
        assert view.locator(t).is_visible()
    assert view.locator("#rt tbody th").all_inner_texts() == ["公开率", "不予公开率", "复议纠错率", "诉讼纠错率"]
    no_page_scroll(view)
    visible_text_is_chinese(view)
    if view.width == 1280:  # the whole table is in view: no column cut off (five years here, seven on the 40 × 7 portal)
        region = table.locator("xpath=..")
        assert region.evaluate("e => e.scrollWidth <= e.clientWidth")


@pytest.mark.parametrize("mode", MODES)
def test_indicator_page_agencies_by_year_with_county_total_and_change(view, portal, mode):  # type: ignore[no-untyped-def]
    view.goto(portal + mode + "compare/indicators/received_new.html")
    assert view.locator("h1").inner_text() == "本年新收：各机关历年比较"
    assert "取自第三部分" in view.locator(".definition").inner_text()
    heads = view.locator("#ix thead th").all_inner_texts()
    assert heads[0] == "机关" and heads[1:-1] == [f"{y}年" for y in YEARS] and heads[-1] == "2023年比上年"
    rows = view.locator("#ix tbody tr")
    assert rows.count() == AGENCIES
    values = [[int(v.replace(",", "")) for v in rows.nth(i).locator("td").all_inner_texts()] for i in range(AGENCIES)]
    foot = [int(v.replace(",", "").replace("+", "")) for v in view.locator("#ix tfoot td").all_inner_texts()]
    assert view.locator("#ix tfoot th").inner_text() == "全县合计"
    assert foot[:-1] == [sum(r[k] for r in values) for k in range(len(YEARS))]  # the county's total, year by year
    assert [r[-1] for r in values] == [r[-2] - r[-3] for r in values]  # change on the previous year
    assert view.locator("svg.chart[role=img]").is_visible()
    no_page_scroll(view)
    visible_text_is_chinese(view)
    if view.width == 1280:
        assert view.locator("#ix").locator("xpath=..").evaluate("e => e.scrollWidth <= e.clientWidth")


def test_rate_page_states_its_definition_and_shows_per_cent(view, portal):  # type: ignore[no-untyped-def]
    view.goto(portal + "compare/indicators/disclosure_rate.html")
    definition = view.locator(".definition").inner_text()
    assert "（一）予以公开" in definition and "（二）部分公开" in definition and "（七）总计" in definition
    cells = [c for c in view.locator("#ix tbody td").all_inner_texts() if c and c != "无报告"]
    assert cells and all(c.endswith("%") for c in cells[: len(YEARS)])
    assert view.locator("#ix thead th").last.inner_text() == "2023年比上年（百分点）"


@pytest.mark.parametrize("mode", MODES)
def test_picker_table_chart_and_csv_of_exactly_the_selection(view, portal, mode):  # type: ignore[no-untyped-def]
    view.goto(portal + mode + "compare/picker.html")
    prebuilt = view.locator("#prebuilt-title")
    assert prebuilt.is_visible()  # the pre-built tables are listed either way
    if not view.js:
        assert view.locator("#picker").is_hidden()
        status = view.locator("#picker-status")
        assert status.is_visible() and "已生成的表格" in status.inner_text()
        link = view.get_by_role("link", name="公开率").first
        link.click()
        assert view.locator("h1").inner_text() == "公开率：各机关历年比较"
        assert view.locator("#ix tbody tr").count() == AGENCIES
        return
    view.wait_for_selector("#picker:not([hidden])")
    view.wait_for_selector("#picker-result:not([hidden])")  # the default selection is drawn at once
    view.select_option("#picker-indicator", "disclosure_rate")
    view.uncheck('input[name="year"][value="2019"]')
    view.uncheck('input[name="year"][value="2020"]')
    view.uncheck('input[name="agency"][value="agency-0002"]')
    view.get_by_role("button", name="生成表格和图").click()
    title = view.locator("#picker-result-title").inner_text()
    assert title.startswith("比较结果：公开率：所选 3 个机关，2021—2023年")
    heads = view.locator("#pk thead th").all_inner_texts()
    assert heads == ["机关", "2021年", "2022年", "2023年"]
    names = view.locator("#pk tbody th").all_inner_texts()
    assert names == ["第1号机关", "第2号机关", "第4号机关"]
    shown = [[c.replace("空白", "") for c in view.locator("#pk tbody tr").nth(i).locator("td").all_inner_texts()]
             for i in range(3)]
    assert all(c.endswith("%") for row in shown for c in row if c), shown
    chart = view.locator("#picker-chart svg.chart[role=img]")
    assert chart.is_visible() and chart.bounding_box()["width"] <= view.width
    assert "公开率" in chart.locator("title").text_content()
    with view.expect_download() as caught:
        view.get_by_role("link", name="下载这张表（CSV，可用 Excel 打开）").click()
    download = caught.value
    assert download.suggested_filename == "比较-公开率-2021-2023.csv"
    data = Path(download.path()).read_bytes().decode("utf-8")
    assert data.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(data[1:])))
    assert rows[0] == ["机关", "类别", "地区", "2021年", "2022年", "2023年"]
    assert [r[0] for r in rows[1:]] == names + ["所选机关合计的比率"]
    for row, on_screen in zip(rows[1:4], shown, strict=True):  # the CSV holds what the table shows
        assert [f"{float(v):.1f}%" if v else "" for v in row[3:]] == on_screen
    foot = [c.replace("空白", "") for c in view.locator("#pk tfoot td").all_inner_texts()]
    assert [f"{float(v):.1f}%" if v else "" for v in rows[-1][3:]] == foot
    no_page_scroll(view)
    visible_text_is_chinese(view)


@pytest.mark.parametrize("width", WIDTHS)
def test_large_text_on_the_comparison_pages(browser, portal, width):  # type: ignore[no-untyped-def]
    """大字模式: nothing under 16 px, body text at least 18 px, in the tables and the picker."""
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    page = ctx.new_page()
    try:
        for url in ("compare/county.html", "compare/indicators/received_new.html", "compare/picker.html"):
            page.goto(portal + "large/" + url)
            assert page.evaluate("document.documentElement.classList.contains('large')")
            assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)") >= 18
            assert min_font_px(page, "main") >= 16, url
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            links = page.evaluate("[...document.querySelectorAll('main a[href$=\".html\"]')].map(a => a.href)")
            assert links and all("/large/" in href for href in links)  # links stay in the large copy
        page.wait_for_selector("#pk")
        assert min_font_px(page, "#pk") >= 16
    finally:
        ctx.close()
