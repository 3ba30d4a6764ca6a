"""Reading the site as a person does (issue 14, items 1, 4, 5, 6): at 375 and 1280 px wide,
with and without JavaScript, in the standard pages and in their 大字模式 copy (large/…).

Sizes are measured in the browser (getBoundingClientRect, getComputedStyle)."""

from __future__ import annotations

import pytest

from .pages import PAGE_TYPES
from .serve import block_other_hosts

WIDTHS = {"phone": (375, 800), "desktop": (1280, 900)}
REPORT = PAGE_TYPES["report-gb2019"]


@pytest.fixture(params=[(w, js) for w in WIDTHS for js in (True, False)], ids=lambda p: f"{p[0]}-{'js' if p[1] else 'nojs'}")
def reader(request, browser):  # type: ignore[no-untyped-def]
    """A fresh tab at one width, with or without JavaScript."""
    width, height = WIDTHS[request.param[0]]
    ctx = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=request.param[1])
    blocked = block_other_hosts(ctx)
    tab = ctx.new_page()
    tab.width, tab.height = width, height
    yield tab
    assert blocked == []
    ctx.close()


def follow(tab, link) -> None:  # type: ignore[no-untyped-def]
    """Click a link and wait until the new page (its style sheet too) has loaded."""
    with tab.expect_navigation(wait_until="load"):
        link.click()


# --- 大字模式: a large-text copy of every page, kept from page to page without JavaScript -------


def test_large_text_is_one_link_away_and_stays_while_reading(reader, base_url):  # type: ignore[no-untyped-def]
    reader.goto(base_url + REPORT)
    assert reader.evaluate("document.documentElement.classList.contains('large')") is False
    switch = reader.locator("a.size-switch")
    assert switch.is_visible() and switch.inner_text().startswith("大字模式")
    normal = reader.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")
    follow(reader, switch)
    assert reader.url == base_url + "large/" + REPORT
    assert reader.evaluate("document.documentElement.classList.contains('large')")
    assert reader.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)") >= max(18, normal * 1.3)
    # on to other pages by the crumbs and the menu: still large
    follow(reader, reader.locator("nav.crumbs a").nth(1))  # 机关
    assert reader.url == base_url + "large/" + PAGE_TYPES["agencies"]
    assert reader.evaluate("document.documentElement.classList.contains('large')")
    follow(reader, reader.locator(".site-nav a", has_text="比较"))
    assert reader.url == base_url + "large/" + PAGE_TYPES["compare-index"]
    assert reader.evaluate("document.documentElement.classList.contains('large')")
    # the style sheet and the downloads are the standard site's, not copies
    assert reader.evaluate("document.querySelector('link[rel=stylesheet]').href") == base_url + "static/site.css"
    follow(reader, reader.locator("a.size-switch"))
    assert reader.url == base_url + PAGE_TYPES["compare-index"]
    assert reader.evaluate("document.documentElement.classList.contains('large')") is False


def test_large_text_header_is_compact(reader, base_url):  # type: ignore[no-untyped-def]
    """The header takes at most a fifth of an 800 px phone screen (and of a desktop's 900)."""
    for name in ("report-gb2021", "home", "agency"):
        assert reader.goto(base_url + "large/" + PAGE_TYPES[name]).status == 200
        assert reader.evaluate("document.documentElement.classList.contains('large')")
        height = reader.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
        assert height <= 0.2 * 800, (name, height)
        # every menu item and the way back to the standard size are on screen, none cut off
        for box in reader.locator(".site-header a").all():
            b = box.bounding_box()
            assert b is not None and b["x"] >= 0 and b["x"] + b["width"] <= reader.width, (name, box.inner_text())
        assert reader.evaluate("document.documentElement.scrollWidth") <= reader.width
