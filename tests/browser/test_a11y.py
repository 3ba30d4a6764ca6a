"""axe-core in headless Chromium on every page type: WCAG 2.x A/AA and best practice, zero violations.

Also with the 大字模式 (适老化) switched on, at 320 px wide (reflow), and with search results shown.
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


@pytest.mark.parametrize("name", ["report-gb2019", "compare-year", "home"])
def test_elder_mode_and_phone_width_have_no_axe_violations(tab, base_url, name):  # type: ignore[no-untyped-def]
    tab.set_viewport_size({"width": 320, "height": 800})
    tab.goto(base_url + PAGE_TYPES[name])
    tab.check("#elder-mode")
    assert axe(tab) == []
    tab.uncheck("#elder-mode")


def test_search_results_have_no_axe_violations(tab, base_url):  # type: ignore[no-untyped-def]
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.goto(base_url + "search.html")
    tab.fill("#search-q", "申请")
    tab.wait_for_selector("#search-results a")
    assert axe(tab) == []


@pytest.mark.parametrize("url", ["agencies/agency-0001.html", "compare/2021.html", "index.html", "reports/agency-0002/2020.html"])
def test_pages_with_charts_and_figures_have_no_axe_violations(tab, synth_url, url):  # type: ignore[no-untyped-def]
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.goto(synth_url + url)
    if url.startswith("agencies/"):
        assert tab.locator("svg.chart[role=img]").count() == 1
    assert axe(tab) == []
