"""Publishing as a reader meets it (issue 14, items 2 and 7): at 375 and 1280 px wide, with and
without JavaScript, in the standard pages and their 大字模式 copy (large/…).

The portal is the demo plus 洪泽区人民政府's real 2023 report, whose part 4 prints 总计 0 beside
10 + 1 (the original's own arithmetic: published, and explained on its page), and with an
editor's error in 石窝镇's 2021 report (left out: no page, no link). ``xxgk serve`` with no
good build yet shows the errors, in Chinese, with file and line.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build import build
from generator.findings import display_path
from generator.preview.server import PreviewServer
from generator.preview.update import IncrementalBuilder

from ..publishing import break_shiwo, content_words, latin_words, with_hongze
from .pages import PAGE_TYPES
from .serve import block_other_hosts, serve
from .test_a11y import axe

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = {"phone": (375, 800), "desktop": (1280, 900)}
HONGZE = "reports/hongze/2023.html"
# every page type of this portal (石窝镇's only report is left out, and with it the year 2021)
PAGES = {**{k: v for k, v in PAGE_TYPES.items() if k not in ("report-gb2021", "compare-gb2021-year", "data")},
         "report-not-adding-up": HONGZE, "agency-left-out-report": "agencies/shiwo.html", "compare-2023": "compare/2023.html"}


@pytest.fixture(scope="session")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("publish")
    content = root / "content"
    shutil.copytree(ROOT / "content", content)
    with_hongze(content)
    break_shiwo(content)
    result = build(content, root / "site", base_url="https://www.example.gov.cn/xxgk/ndbg/", audit=True)
    assert [(w.agency, w.year) for w in result.withheld] == [("shiwo", 2021)]
    return content


@pytest.fixture(scope="session")
def portal_url(portal: Path) -> Iterator[str]:
    with serve(portal.parent / "site", "xxgk/ndbg") as url:
        yield url


CASES = [(w, js, large) for w in WIDTHS for js in (True, False) for large in (False, True)]


@pytest.fixture(params=CASES, ids=lambda p: f"{p[0]}-{'js' if p[1] else 'nojs'}-{'large' if p[2] else 'standard'}")
def reader(request, browser):  # type: ignore[no-untyped-def]
    width, height = WIDTHS[request.param[0]]
    ctx = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=request.param[1])
    blocked = block_other_hosts(ctx)
    tab = ctx.new_page()
    tab.width, tab.large = width, request.param[2]
    tab.prefix = "large/" if request.param[2] else ""
    yield tab
    assert blocked == []
    ctx.close()


def test_an_original_that_does_not_add_up_is_published_and_its_findings_shown(reader, portal_url):  # type: ignore[no-untyped-def]
    assert reader.goto(portal_url + reader.prefix + HONGZE).status == 200
    assert reader.evaluate("document.documentElement.classList.contains('large')") is reader.large
    box = reader.locator("#findings")
    box.scroll_into_view_if_needed()
    assert box.is_visible()
    text = box.inner_text()
    assert text.count("本报告第四部分的总计，不等于各项结果之和") == 2
    assert "结果维持 10 + 结果纠正 1 + 其他结果 0 + 尚未审结 0 = 11，而总计为 0" in text
    assert "所发布的报告原文" in text
    assert latin_words(text) == [], text
    # nothing of the box is cut off or hidden sideways, and it is readable
    inside = reader.evaluate(
        """() => [...document.querySelectorAll('#findings, #findings *')].filter(e => e.childNodes.length && e.innerText.trim())
             .map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right, parseFloat(getComputedStyle(e).fontSize)]; })"""
    )
    assert inside and all(left >= 0 and right <= reader.width for left, right, _ in inside), inside
    smallest = min(size for _, _, size in inside)
    assert smallest >= (16 if reader.large else 13), smallest  # badges and notes; nothing under 16 px in 大字模式
    message = reader.evaluate("[...document.querySelectorAll('#findings .finding > p:first-of-type, #findings .finding-heading')]"
                              ".map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert message and min(message) >= (18 if reader.large else 16), message
    assert reader.evaluate("document.documentElement.scrollWidth") <= reader.width
    # the page's own contents list leads to it
    link = reader.locator("a[href='#findings']")
    assert link.count() == 1 and link.inner_text() == "核查发现（2）"


def test_a_report_left_out_is_linked_from_nowhere(reader, portal_url):  # type: ignore[no-untyped-def]
    for page in ("agencies/shiwo.html", "agencies/index.html", "compare/index.html", "index.html", "data/index.html", "quality.html"):
        assert reader.goto(portal_url + reader.prefix + page).status == 200
        hrefs = reader.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)")
        assert not [h for h in hrefs if "shiwo/2021" in h or h.endswith("compare/2021.html")], page
    reader.goto(portal_url + reader.prefix + "agencies/shiwo.html")
    assert "本站暂未收录这个机关的报告" in reader.locator("main").inner_text()
    # the office's quality page says it was left out, and why
    reader.goto(portal_url + reader.prefix + "quality.html")
    heading = reader.locator("h3", has_text="石窝镇 2021年")
    heading.scroll_into_view_if_needed()
    assert heading.is_visible() and heading.inner_text() == "石窝镇 2021年（未发布）：数据文件有错误，这次没有发布"
    assert reader.goto(portal_url + reader.prefix + "reports/shiwo/2021.html").status == 404


def test_no_page_shows_english_or_code_names(reader, portal_url, portal):  # type: ignore[no-untyped-def]
    """The text a reader meets on every page type (not the data page: item 8's): no Latin words
    but file formats, web and mail addresses, and what the reports themselves print."""
    allowed = content_words(portal)
    found = {}
    for name, page in PAGES.items():
        assert reader.goto(portal_url + reader.prefix + page).status in (200, 404), page
        words = latin_words(reader.evaluate("document.body.innerText"), allowed, files=name == "quality")
        if words:
            found[name] = words
    assert found == {}


# --- xxgk serve with no good build yet ---------------------------------------------------------


@pytest.fixture
def unbuilt(tmp_path: Path) -> Iterator[tuple[PreviewServer, Path]]:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    good = (content / "site.yaml").read_text(encoding="utf-8")
    (content / "site.yaml").write_text(good.replace("title:", "title: [", 1), encoding="utf-8")
    server = PreviewServer(IncrementalBuilder(content, tmp_path / "preview" / "site", search=False), [content], port=0)
    try:
        assert not server.first_build().ok
        server.start()
        yield server, content
    finally:
        server.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_serve_with_no_good_build_shows_the_findings(browser, unbuilt, width, js):  # type: ignore[no-untyped-def]
    server, content = unbuilt
    w, h = WIDTHS[width]
    ctx = browser.new_context(viewport={"width": w, "height": h}, java_script_enabled=js)
    try:
        tab = ctx.new_page()
        assert tab.goto(server.url + "reports/baofeng/2020.html").status == 503
        title = tab.locator("h1")
        assert title.is_visible() and title.inner_text() == "还没有可以预览的版本：内容中有错误"
        item = tab.locator("main li").first
        assert item.is_visible()
        where = item.inner_text()
        assert re.match(re.escape(display_path(content / "site.yaml")) + r"，第 \d+ 行第 \d+ 列", where), where
        assert "错误 YAML：YAML 格式错误" in where
        body = tab.evaluate("document.body.innerText")
        assert "上一次成功生成" not in body and "404" not in body and "Not Found" not in body
        assert tab.evaluate("document.documentElement.scrollWidth") <= w
        if js:
            assert axe(tab) == []
        if js:  # fixed: the page becomes the site by itself
            good = (content / "site.yaml").read_text(encoding="utf-8").replace("title: [", "title:", 1)
            (content / "site.yaml").write_text(good, encoding="utf-8")
            tab.wait_for_function("document.title.includes('宝峰镇')", timeout=60_000)
            assert tab.locator("h1").inner_text() == "靖安县宝峰镇2020年度政府信息公开工作年度报告"
    finally:
        ctx.close()


@pytest.mark.parametrize("large", [False, True], ids=["standard", "large"])
@pytest.mark.parametrize("page", [HONGZE, "quality.html", "agencies/shiwo.html", "agencies/hongze.html", "help.html"])
def test_publishing_pages_have_no_axe_violations(tab, portal_url, page, large):  # type: ignore[no-untyped-def]
    """The pages items 2 and 7 changed, in this portal: the report that does not add up (its
    findings box), the quality page with a report left out, the agency page without its
    report, the help page's rule names."""
    tab.set_viewport_size({"width": 375 if large else 1280, "height": 800})
    assert tab.goto(portal_url + ("large/" if large else "") + page).status == 200
    assert axe(tab) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_serve_previews_the_others_and_names_the_report_left_out(browser, tmp_path, width):  # type: ignore[no-untyped-def]
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    line = break_shiwo(content)
    server = PreviewServer(IncrementalBuilder(content, tmp_path / "preview" / "site", search=False), [content], port=0)
    w, h = WIDTHS[width]
    ctx = browser.new_context(viewport={"width": w, "height": h})
    try:
        assert server.first_build().ok
        server.start()
        tab = ctx.new_page()
        assert tab.goto(server.url + "reports/baofeng/2020.html").status == 200
        panel = tab.locator("#xxgk-preview-title")
        panel.wait_for(timeout=20_000)
        assert panel.inner_text() == "以下报告有错误，没有生成；其余报告照常预览（共 1 处）"
        item = tab.locator("[role=alert] li")
        assert item.count() == 1 and f"reports/shiwo/2021.yaml:{line}:18 错误 SCHEMA" in item.inner_text()
        box = tab.locator("[role=alert]").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= w
        assert tab.goto(server.url + "reports/shiwo/2021.html").status == 404  # the site's own 404 page
        assert tab.locator("h1").inner_text() and "上一次成功生成" not in tab.evaluate("document.body.innerText")
    finally:
        ctx.close()
        server.close()
