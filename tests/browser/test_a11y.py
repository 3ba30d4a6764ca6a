"""axe-core in headless Chromium on every page type: WCAG 2.x A/AA and best practice, zero violations.

Also the 大字模式 (适老化) copy of every page type under large/, at 320 and 1280 px wide, and with
search results shown.
Needs Debian's chromium (/usr/bin/chromium); the test fails, never skips, when it is missing.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.base import AXE_SCRIPT

from .pages import PAGE_TYPES

OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "rules": {"td-has-header": {"enabled": True}},
}


def axe(tab) -> list[str]:  # type: ignore[no-untyped-def]
    tab.evaluate(AXE_SCRIPT)
    result = tab.evaluate("o => axe.run(document, o)", OPTIONS)
    return [
        f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_type_has_no_axe_violations(tab, base_url, context, name):  # type: ignore[no-untyped-def]
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.goto(base_url + PAGE_TYPES[name])
    assert axe(tab) == []
    assert context.blocked == []


LARGE_CASES = [(name, 320) for name in PAGE_TYPES] + [(name, 1280) for name in ("home", "report-gb2021", "compare-year")]


@pytest.mark.parametrize(("name", "width"), LARGE_CASES)
def test_large_text_copy_has_no_axe_violations(tab, base_url, context, name, width):  # type: ignore[no-untyped-def]
    """大字模式: the large-text copy of every page type (large/…) at phone width, some at desktop width."""
    tab.set_viewport_size({"width": width, "height": 800})
    tab.goto(base_url + "large/" + PAGE_TYPES[name])
    assert tab.evaluate("document.documentElement.classList.contains('large')")
    assert axe(tab) == []
    assert context.blocked == []


@pytest.mark.parametrize("large", ["", "large/"])
@pytest.mark.parametrize("width", [375, 1280])
def test_search_results_have_no_axe_violations(tab, base_url, large, width):  # type: ignore[no-untyped-def]
    """Results with their sentences, parts and filters set, in both sizes and widths."""
    tab.set_viewport_size({"width": width, "height": 900})
    tab.goto(base_url + large + "search.html?kind=乡镇人民政府")
    tab.fill("#search-q", "不予公开")
    tab.wait_for_selector("#search-results .search-exact")
    assert axe(tab) == []


def test_search_page_opened_from_a_file_has_no_axe_violations(browser, site):  # type: ignore[no-untyped-def]
    ctx = browser.new_context(viewport={"width": 375, "height": 900})  # file:// is another host to the route
    tab = ctx.new_page()
    tab.goto((site / "search.html").as_uri())
    tab.wait_for_selector("#search-offline", state="visible")
    assert axe(tab) == []
    ctx.close()


@pytest.mark.parametrize("url", ["agencies/agency-0001.html", "compare/2021.html", "index.html", "reports/agency-0002/2020.html",
                                 "large/agencies/agency-0001.html", "large/reports/agency-0002/2021.html"])
def test_pages_with_charts_and_figures_have_no_axe_violations(tab, synth_url, url):  # type: ignore[no-untyped-def]
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.goto(synth_url + url)
    if "agencies/" in url:
        assert tab.locator("svg.chart[role=img]").count() == 1
    assert axe(tab) == []
