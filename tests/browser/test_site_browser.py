"""The demo site in headless Chromium: keyboard, reflow, JavaScript off, sorting, search, 大字模式."""

from __future__ import annotations

import pytest

from .pages import PAGE_TYPES


def test_skip_link_is_first_and_moves_focus_to_main(tab, base_url):  # type: ignore[no-untyped-def]
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.goto(base_url + PAGE_TYPES["report-gb2019"])
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent") == "跳到正文"
    assert tab.evaluate("document.activeElement.getBoundingClientRect().top") >= 0  # visible when focused
    tab.keyboard.press("Enter")
    assert tab.evaluate("location.hash") == "#main"
    tab.keyboard.press("Tab")  # the next stop is inside main: the first link of the report's contents
    assert tab.evaluate("document.activeElement.closest('main') !== null")


def test_focus_is_visible(tab, base_url):  # type: ignore[no-untyped-def]
    tab.goto(base_url + PAGE_TYPES["home"])
    for _ in range(4):  # skip link, 门户网站首页 (site.yaml portal_url), the title, the 大字模式 link
        tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.className") == "size-switch"
    style = tab.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert style == "solid"


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_reflow_at_320_px_without_page_scrolling(tab, base_url, name):  # type: ignore[no-untyped-def]
    tab.set_viewport_size({"width": 320, "height": 800})
    tab.goto(base_url + PAGE_TYPES[name])
    assert tab.evaluate("document.documentElement.scrollWidth") <= 320


def test_wide_table_scrolls_in_its_own_region_with_row_labels_kept(tab, base_url):  # type: ignore[no-untyped-def]
    tab.set_viewport_size({"width": 320, "height": 800})
    tab.goto(base_url + PAGE_TYPES["report-gb2019"])
    region = tab.locator("#part3 .table-scroll")
    assert region.get_attribute("role") == "region"
    assert region.get_attribute("tabindex") == "0"
    assert region.get_attribute("aria-labelledby") == "p3-caption"
    assert region.evaluate("e => e.scrollWidth > e.clientWidth")
    before = tab.locator("#p3-r0").bounding_box()
    region.evaluate("e => { e.scrollLeft = 400; }")
    after = tab.locator("#p3-r0").bounding_box()
    assert after["x"] == before["x"]  # the row label stays where it was (sticky)
    assert tab.locator("#p3 td").first.bounding_box()["x"] < before["x"] + before["width"]  # cells moved under it


def test_cell_is_announced_with_all_its_headers(tab, base_url):  # type: ignore[no-untyped-def]
    tab.goto(base_url + PAGE_TYPES["report-gb2019"])
    names = tab.evaluate(
        """() => { const td = document.querySelector('#p3 td[headers~="p3-c0"][headers~="p3-r2"]');
        return td.getAttribute('headers').split(' ').map(id => document.getElementById(id).textContent.trim()); }"""
    )
    assert names == ["自然人", "（一）予以公开", "三、本年度办理结果"]


def test_sorting_with_javascript(tab, base_url):  # type: ignore[no-untyped-def]
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.goto(base_url + PAGE_TYPES["compare-year"])
    header = tab.locator("#cmp-c0")
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    first = tab.locator("#cmp tbody tr").first.locator("th").inner_text()
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    assert tab.locator("#cmp tbody tr").first.locator("th").inner_text() != first or tab.locator("#cmp tbody tr").count() == 1


def test_search_finds_chinese_words_inside_sentences_under_a_sub_path(tab, base_url):  # type: ignore[no-untyped-def]
    tab.goto(base_url + "search.html")
    tab.fill("#search-q", "信息公开申请")
    tab.wait_for_selector("#search-results a")
    hrefs = tab.eval_on_selector_all("#search-results a", "els => els.map(a => a.href)")
    assert hrefs and all(h.startswith(base_url) for h in hrefs)
    tab.goto(hrefs[0])
    assert tab.title()  # the result link opens a page of the site


def test_search_results_link_into_the_part_of_the_report(tab, base_url):  # type: ignore[no-untyped-def]
    tab.goto(base_url + "search.html")
    tab.fill("#search-q", "其他需要报告")
    tab.wait_for_selector("#search-results a[href*='#part6-title']")
    href = tab.eval_on_selector("#search-results a[href*='#part6-title']", "a => a.href")
    tab.goto(href)
    assert tab.locator("#part6-title").inner_text() == "六、其他需要报告的事项"


@pytest.fixture
def no_js(browser):  # type: ignore[no-untyped-def]
    from .serve import block_other_hosts

    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    block_other_hosts(ctx)
    yield ctx.new_page()
    ctx.close()


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_every_page_reads_without_javascript(no_js, base_url, name):  # type: ignore[no-untyped-def]
    no_js.goto(base_url + PAGE_TYPES[name])
    assert no_js.locator("main h1").count() == 1
    assert no_js.locator("table.sortable button").count() == 0  # headers stay plain text
    assert no_js.evaluate("document.documentElement.scrollWidth") <= 375


def test_elder_mode_works_without_javascript(no_js, base_url):  # type: ignore[no-untyped-def]
    no_js.goto(base_url + PAGE_TYPES["report-gb2019"])
    size = "parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)"
    normal = no_js.evaluate(size)
    with no_js.expect_navigation(wait_until="load"):
        no_js.click("a.size-switch")
    assert no_js.url == base_url + "large/" + PAGE_TYPES["report-gb2019"]
    assert no_js.evaluate(size) >= normal * 1.3
    assert no_js.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"


def test_search_page_explains_itself_without_javascript(no_js, base_url):  # type: ignore[no-untyped-def]
    no_js.goto(base_url + "search.html")
    assert "搜索需要浏览器启用脚本" in no_js.inner_text("main")


def test_unknown_url_gets_the_404_page_under_the_sub_path(tab, base_url):  # type: ignore[no-untyped-def]
    response = tab.goto(base_url + "no/such/page.html")
    assert response.status == 404
    assert tab.locator("h1").inner_text() == "找不到这个页面"
    # its style and links work at any depth, because the build knew the base URL's path
    assert tab.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor") == "rgb(158, 27, 27)"
    tab.click("text=回到首页")
    assert tab.url == base_url + "index.html"
