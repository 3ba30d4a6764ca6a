"""Issue 14, items 9 (search) and 10 (portal basics), as a reader meets them in Chromium:
at 375 and 1280 px, with and without JavaScript, in 大字模式 (the large/ copy of each page)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build import build

from .pages import PAGE_TYPES
from .serve import block_other_hosts, serve

WIDTHS = (375, 1280)
SIZES = ("", "large/")  # standard pages, and their 大字模式 twins
LINKS = ["门户网站首页", "政府信息公开指南", "依申请公开", "找错纠错"]


@pytest.fixture(scope="module", params=[(w, js) for w in WIDTHS for js in (True, False)],
                ids=lambda p: f"{p[0]}px-{'js' if p[1] else 'nojs'}")
def view(request, browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    width, js = request.param
    ctx = browser.new_context(viewport={"width": width, "height": 800}, java_script_enabled=js)
    block_other_hosts(ctx)
    page = ctx.new_page()
    page.width, page.js = width, js
    yield page
    ctx.close()


@pytest.fixture(scope="module", params=WIDTHS, ids=lambda w: f"{w}px")
def js_view(request, browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    ctx = browser.new_context(viewport={"width": request.param, "height": 800})
    block_other_hosts(ctx)
    page = ctx.new_page()
    page.width = request.param
    yield page
    ctx.close()


def search(page, url: str) -> list[dict]:  # type: ignore[no-untyped-def]
    """Open the search page at ``url`` (with ?q=… and filters) and wait for its results."""
    page.goto(url)
    page.wait_for_function("() => { const s = document.getElementById('search-status').textContent;"
                           " return s && !s.startsWith('正在'); }")
    page.wait_for_function("() => document.querySelectorAll('#search-results > li').length > 0"
                           " || document.getElementById('search-status').textContent.startsWith('没有')")
    return page.eval_on_selector_all("#search-results > li", """els => els.map(li => ({
        title: li.querySelector('h2').innerText, href: li.querySelector('h2 a').href,
        about: (li.querySelector('.search-about') || {}).innerText || '',
        text: li.innerText,
        snippets: Array.from(li.querySelectorAll('.search-snippet:not(.search-exact)')).map(p => p.innerHTML),
        exact: Array.from(li.querySelectorAll('.search-exact')).map(p => p.innerHTML),
        size: Math.min(...Array.from(li.querySelectorAll('.search-snippet, .search-about, h2 a'))
                       .map(e => parseFloat(getComputedStyle(e).fontSize))),
        right: Math.max(...Array.from(li.querySelectorAll('*')).map(e => e.getBoundingClientRect().right)),
    }))""")


def min_size(large: str) -> float:
    return 18 if large else 16


# --- item 9: search -------------------------------------------------------------------------------


@pytest.mark.parametrize("large", SIZES, ids=["standard", "large"])
def test_a_table_label_finds_every_report_with_its_number(js_view, base_url, large):  # type: ignore[no-untyped-def]
    results = search(js_view, f"{base_url}{large}search.html?q=不予公开")
    reports = [r for r in results if "/reports/" in r["href"]]
    assert len(reports) == 5  # every report of the demo has the row (main: 1 of 5)
    for r in reports:
        assert "不予公开" in r["text"] and any(c.isdigit() for c in r["text"].split("不予公开", 1)[1])
        assert r["size"] >= min_size(large)  # results read at 16 px, 18 px and more in 大字模式
        assert r["right"] <= js_view.width  # nothing cut off at the right
        assert r["href"].startswith(base_url + large + "reports/")  # 大字模式 results stay in the copy
    assert js_view.evaluate("document.documentElement.scrollWidth") <= js_view.width


def test_headings_of_the_template_do_not_rank_reports(browser, tmp_path_factory):  # type: ignore[no-untyped-def]
    """On a portal with numbers, "行政复议" lists the reports with reviews first: every report
    has the part heading with those words, so it must not decide the order (on main it did)."""
    from bench.synth import write_portal
    from generator.content import load_content
    from generator.pages import figures

    root = tmp_path_factory.mktemp("rank")
    write_portal(root / "content", 6, range(2021, 2023))
    build(root / "content", root / "site")
    reviews = {f"reports/{r.agency}/{r.year}.html": figures.values(r)["review"] or 0
               for r in load_content(root / "content").reports}
    assert 0 < sum(1 for v in reviews.values() if v) < len(reviews)
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    block_other_hosts(ctx)
    page = ctx.new_page()
    with serve(root / "site", "p") as url:
        results = search(page, url + "search.html?q=行政复议")
        page.click("#search-more") if page.is_visible("#search-more") else None
        page.wait_for_timeout(300)
        hrefs = page.eval_on_selector_all("#search-results > li h2 a", "els => els.map(a => a.href)")
    ctx.close()
    order = [reviews[h[len(url):]] for h in hrefs if h[len(url):] in reviews]
    assert len(order) == len(reviews) and results
    with_reviews = sum(1 for v in order if v)
    assert all(order[:with_reviews]) and not any(order[with_reviews:]), order


@pytest.mark.parametrize("large", SIZES, ids=["standard", "large"])
def test_snippets_start_at_a_clause_not_inside_a_word(js_view, base_url, large):  # type: ignore[no-untyped-def]
    results = search(js_view, f"{base_url}{large}search.html?q=依申请公开")
    snippets = [s for r in results for s in r["snippets"]]
    assert len(snippets) >= 5
    for s in snippets:  # Pagefind's excerpts, cut to the clause that holds the first match
        before = s.split("<mark>", 1)[0]
        assert not any(p in before for p in "。；！？，、"), s
        assert not before.lstrip("…").startswith(("）", ")", "、", "，", "。", "：")), s
    # the sentences holding the words exactly as typed: whole sentences, one per report at least
    exact = [r["exact"] for r in results if r["exact"]]
    assert len(exact) == 4  # 北冷乡 writes 依规申请公开: Pagefind finds it, but not these words as typed
    for (lines,) in exact:
        assert "<mark>依申请公开</mark>" in lines and lines.endswith("。")
        assert not lines.startswith(("…", "）", ")", "、", "，", "。", "：")), lines


@pytest.mark.parametrize("large", SIZES, ids=["standard", "large"])
def test_filters_by_year_kind_and_agency(js_view, base_url, large):  # type: ignore[no-untyped-def]
    page = js_view
    results = search(page, f"{base_url}{large}search.html?q=公开&year=2020年")
    assert len(results) == 3 and all("2020年" in r["about"] for r in results)
    results = search(page, f"{base_url}{large}search.html?q=公开&kind=街道办事处")
    assert results and all("宝山区红旗街道办事处" in r["about"] for r in results)
    page.select_option("#search-kind", "")
    page.select_option("#search-agency", "万源市石窝镇人民政府")
    page.wait_for_function("() => document.getElementById('search-status').textContent.includes('万源市石窝镇人民政府')")
    page.wait_for_timeout(300)
    abouts = page.eval_on_selector_all("#search-results .search-about", "els => els.map(e => e.innerText)")
    assert abouts and all("万源市石窝镇人民政府" in a for a in abouts)
    for select in ("#search-year", "#search-kind", "#search-agency"):  # the filters fit and read
        box = page.eval_on_selector(select, "e => [e.getBoundingClientRect().right, parseFloat(getComputedStyle(e).fontSize)]")
        assert box[0] <= page.width and box[1] >= min_size(large)


@pytest.mark.parametrize("large", SIZES, ids=["standard", "large"])
def test_the_home_page_has_a_search_box(view, base_url, large):  # type: ignore[no-untyped-def]
    page = view
    page.goto(f"{base_url}{large}index.html")
    box = page.locator("form.home-search input[type=search]")
    assert box.is_visible() and page.locator("label[for=home-q]").inner_text() == "搜索报告"
    right = box.evaluate("e => e.getBoundingClientRect().right")
    assert right <= page.width
    box.fill("行政复议")
    page.locator("form.home-search button").click()
    page.wait_for_load_state()
    assert page.url.startswith(f"{base_url}{large}search.html?q=")
    if page.js:
        page.wait_for_selector("#search-results > li")
        assert page.input_value("#search-q") == "行政复议"
    else:  # without scripts: the search page says what to do instead, in Chinese, with links
        notice = page.locator("main .search-offline:not([hidden])")
        assert notice.is_visible() and "无法在页面内搜索" in notice.inner_text()
        assert notice.locator("a[href$='agencies/index.html']").is_visible()
        assert not page.locator("#search").is_visible()  # no form that would do nothing


def test_opened_from_a_local_file_the_search_page_says_why_it_cannot_search(browser, site):  # type: ignore[no-untyped-def]
    for width in WIDTHS:
        for large in SIZES:
            ctx = browser.new_context(viewport={"width": width, "height": 800})
            page = ctx.new_page()
            page.goto((Path(site) / f"{large}search.html").as_uri())
            notice = page.locator("#search-offline")
            notice.wait_for(state="visible")
            assert "从本地文件打开本站时无法搜索" in notice.inner_text()
            assert page.locator("#search-offline a").first.is_visible()
            assert not page.locator("#search").is_visible()
            size = notice.evaluate("e => parseFloat(getComputedStyle(e.querySelector('p')).fontSize)")
            assert size >= min_size(large)
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            ctx.close()


# --- item 10: portal basics -----------------------------------------------------------------------


@pytest.mark.parametrize("large", SIZES, ids=["standard", "large"])
@pytest.mark.parametrize("name", ["home", "report-gb2021", "compare-year", "search", "not-found"])
def test_links_to_the_county_site_on_every_page(view, base_url, large, name):  # type: ignore[no-untyped-def]
    page = view
    page.goto(f"{base_url}{large}{PAGE_TYPES[name]}")
    links = page.locator("footer nav.portal-links a")
    assert links.all_inner_texts() == LINKS
    for i in range(links.count()):
        link = links.nth(i)
        assert link.get_attribute("href").startswith("https://www.example.gov.cn/")
        rect = link.evaluate("e => { const r = e.getBoundingClientRect(); return [r.right, r.width,"
                             " parseFloat(getComputedStyle(e).fontSize)]; }")
        assert 0 < rect[1] and rect[0] <= page.width and rect[2] >= min_size(large)
    home = page.locator("nav.portal-home a")  # a thin bar above the header (phones: the footer's)
    assert home.get_attribute("href") == "https://www.example.gov.cn/"
    if page.width >= 1280:  # on phones the compact header leaves it to the footer
        assert home.inner_text() == "门户网站首页"
        assert home.evaluate("e => e.getBoundingClientRect().right") <= page.width


@pytest.mark.parametrize("large", SIZES, ids=["standard", "large"])
def test_home_overview_never_shows_one_report_as_the_county(view, base_url, large):  # type: ignore[no-untyped-def]
    page = view
    page.goto(f"{base_url}{large}index.html")
    glance = page.locator("section.glance")
    text = glance.inner_text()
    assert "5 个机关中 1 个已发布 2021 年度报告" in text
    heads = [" ".join(h.split()) for h in glance.locator("thead th").all_inner_texts()]
    assert heads[1:] == ["2021年 尚不完整 仅 1 个机关已发布，为其报告之和"]
    assert "目前还没有完整年度" in text and "不是全县的数字" in text
    table = glance.locator(".table-scroll")
    assert table.evaluate("e => e.scrollWidth <= e.clientWidth + 1")  # the whole table is seen
    size = glance.locator("tbody th").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= (18 if large else 15)


@pytest.fixture(scope="module")
def partial_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """40 agencies, 2024 complete, 2025 published by 10 of them."""
    from bench.synth import write_portal

    root = tmp_path_factory.mktemp("partial")
    write_portal(root / "content", 40, range(2024, 2026))
    for n, folder in enumerate(sorted((root / "content" / "reports").iterdir())):
        if n >= 10:
            (folder / "2025.yaml").unlink()
    build(root / "content", root / "site", search=False)
    with serve(root / "site", "") as url:
        yield url


@pytest.mark.parametrize("large", SIZES, ids=["standard", "large"])
def test_home_overview_puts_the_complete_year_beside_the_partial_one(view, partial_url, large):  # type: ignore[no-untyped-def]
    page = view
    page.goto(f"{partial_url}{large}index.html")
    glance = page.locator("section.glance")
    assert "40 个机关中 10 个已发布 2025 年度报告" in glance.inner_text()
    heads = [" ".join(h.split()) for h in glance.locator("thead th").all_inner_texts()]
    assert heads[1:] == ["2024年 全县 40 个机关已发布", "2025年 尚不完整 仅 10 个机关已发布，为其报告之和"]
    assert "即 2024 年" in glance.inner_text() and "不是全县的数字" in glance.inner_text()
    # both years' columns in view, none cut off or scrolled away, at 375 px in 大字模式 too
    table = glance.locator("table")
    assert table.evaluate("e => e.getBoundingClientRect().right") <= page.width
    assert glance.locator(".table-scroll").evaluate("e => e.scrollWidth <= e.clientWidth + 1")
