"""Reading the site as a person does (issue 14, items 1, 4, 5, 6): at 375 and 1280 px wide,
with and without JavaScript, in the standard pages and in their 大字模式 copy (large/…).

Sizes are measured in the browser (getBoundingClientRect, getComputedStyle)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .pages import PAGE_TYPES
from .serve import block_other_hosts

WIDTHS = {"phone": (375, 800), "desktop": (1280, 900)}
REPORT = PAGE_TYPES["report-gb2019"]


def _tab(browser, width: str, js: bool):  # type: ignore[no-untyped-def]
    w, h = WIDTHS[width]
    ctx = browser.new_context(viewport={"width": w, "height": h}, java_script_enabled=js)
    blocked = block_other_hosts(ctx)
    tab = ctx.new_page()
    tab.width, tab.height = w, h
    return ctx, tab, blocked


def _ids(p) -> str:  # type: ignore[no-untyped-def]
    return f"{p[0]}-{'js' if p[1] else 'nojs'}"


@pytest.fixture(params=[(w, js) for w in WIDTHS for js in (True, False)], ids=_ids)
def reader(request, browser):  # type: ignore[no-untyped-def]
    """A fresh tab at one width, with or without JavaScript."""
    ctx, tab, blocked = _tab(browser, *request.param)
    yield tab
    assert blocked == []
    ctx.close()


@pytest.fixture(params=[("phone", js) for js in (True, False)], ids=_ids)
def phone(request, browser):  # type: ignore[no-untyped-def]
    ctx, tab, blocked = _tab(browser, *request.param)
    yield tab
    assert blocked == []
    ctx.close()


@pytest.fixture(params=[("desktop", js) for js in (True, False)], ids=_ids)
def desktop(request, browser):  # type: ignore[no-untyped-def]
    ctx, tab, blocked = _tab(browser, *request.param)
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


# --- 1. tables: the widest fits at desktop width; on phones it says it scrolls, its header stays -


def _open(tab, url: str, large: bool) -> None:  # type: ignore[no-untyped-def]
    assert tab.goto(url.replace("/LARGE/", "/large/" if large else "/")).status == 200


def _overflowing(tab) -> list[list[object]]:  # type: ignore[no-untyped-def]
    return tab.evaluate(
        """[...document.querySelectorAll('.table-scroll')].filter(e => e.scrollWidth > e.clientWidth)
           .map(e => [e.querySelector('table').id, e.scrollWidth, e.clientWidth])"""
    )


@pytest.mark.parametrize("large", [False, True], ids=["standard", "large"])
def test_tables_fit_at_desktop_width(desktop, synth_url, large):  # type: ignore[no-untyped-def]
    for url, last_column in (("reports/agency-0002/2021.html", "总计"), ("reports/agency-0001/2019.html", "总计"),
                             ("agencies/agency-0001.html", "行政诉讼"), ("compare/2021.html", "行政诉讼")):
        _open(desktop, synth_url + "LARGE/" + url, large)
        assert _overflowing(desktop) == [], url
        # the part-3 table's 总计 column, the agency and comparison tables' 行政诉讼: on screen, whole
        table = desktop.locator(".table-scroll table").first if url.startswith("reports/") is False else desktop.locator("#p3")
        last = table.locator("thead th", has_text=last_column).last
        region = table.locator("xpath=..").bounding_box()
        box = last.bounding_box()
        assert region["x"] >= 0 and box["x"] + box["width"] <= region["x"] + region["width"] + 1, url
        assert region["x"] + region["width"] <= desktop.width, url


@pytest.mark.parametrize("large", [False, True], ids=["standard", "large"])
def test_wide_tables_on_phones_say_they_scroll_and_keep_their_header(phone, synth_url, large):  # type: ignore[no-untyped-def]
    _open(phone, synth_url + "LARGE/reports/agency-0002/2021.html", large)
    region = phone.locator("#part3 .table-scroll")
    assert region.evaluate("e => e.scrollWidth > e.clientWidth")
    hint = phone.locator("#p3-hint")
    assert hint.is_visible() and hint.inner_text().startswith("左右滑动查看更多列")
    hint_box, region_box = hint.bounding_box(), region.bounding_box()
    assert 0 <= region_box["y"] - (hint_box["y"] + hint_box["height"]) < 16  # right above the table
    # a tall table scrolls inside a box of most of the screen; its header rows stay at its top
    assert region_box["height"] <= 0.8 * phone.height
    region.scroll_into_view_if_needed()
    corner = phone.locator("#p3-corner")
    before = corner.bounding_box()
    region.evaluate("e => { e.scrollTop = 600; e.scrollLeft = 200; }")
    after = corner.bounding_box()
    assert abs(after["y"] - before["y"]) < 1 and abs(after["x"] - before["x"]) < 1  # still at the top left corner
    total = phone.locator("#p3 thead th", has_text="总计")
    assert abs(total.bounding_box()["y"] + total.bounding_box()["height"] - (after["y"] + after["height"])) < 2  # in view with it
    # a table that fits says nothing (with JavaScript, which measures it)
    if phone.evaluate("document.documentElement.classList.contains('js')"):
        for hint in phone.locator(".scroll-hint").all():
            fits = hint.evaluate("h => h.nextElementSibling.scrollWidth <= h.nextElementSibling.clientWidth")
            assert hint.is_visible() != fits


# --- 5. a report's first screen on a phone: title, agency, year, key numbers, the original -------


FIRST_SCREEN = 800


@pytest.mark.parametrize("large", [False, True], ids=["standard", "large"])
def test_report_first_screen_answers_at_a_glance(phone, synth_url, large):  # type: ignore[no-untyped-def]
    _open(phone, synth_url + "LARGE/reports/agency-0002/2021.html", large)
    _first_screen(phone)
    assert "第3号机关" in phone.locator("dl.meta-head").inner_text()
    box = phone.locator(".key-box")
    for item in box.locator(".key-figures > div").all():
        assert item.locator(".key-prev").inner_text().startswith("上年")  # agency-0002 has a 2020 report
    # the numbers are the report's own: 新收申请 is part 3's 本年新收 总计
    received = phone.locator("#p3 tbody tr").first.locator("td").last.inner_text()
    assert box.locator(".key-figures > div").first.locator(".key-value").inner_text() == received


@pytest.mark.parametrize("large", [False, True], ids=["standard", "large"])
def test_report_first_screen_with_long_names(phone, base_url, large):  # type: ignore[no-untyped-def]
    """A real title and agency name (30 and 11 characters) under a portal title that wraps."""
    _open(phone, base_url + "LARGE/" + PAGE_TYPES["report-gb2019"], large)
    _first_screen(phone)
    assert "宝清县七星泡镇人民政府" in phone.locator("dl.meta-head").inner_text()


def _first_screen(phone) -> None:  # type: ignore[no-untyped-def]
    """Title, agency and year, the six key numbers and the original within the first 800 px."""


    def bottom(locator) -> float:  # type: ignore[no-untyped-def]
        assert locator.count() == 1 and locator.is_visible()
        box = locator.bounding_box()
        return box["y"] + box["height"]

    assert bottom(phone.locator("main h1")) <= FIRST_SCREEN
    head = phone.locator("dl.meta-head")
    assert "机关" in head.inner_text() and "年度" in head.inner_text()
    assert bottom(head) <= FIRST_SCREEN
    box = phone.locator(".key-box")
    labels = box.locator("dt").all_inner_texts()
    assert labels == ["新收申请", "予以公开", "不予公开", "结转下年度", "行政复议", "行政诉讼"]
    for item in box.locator(".key-figures > div").all():
        assert bottom(item) <= FIRST_SCREEN, item.inner_text()
    original = box.locator(".key-original a")
    assert bottom(original) <= FIRST_SCREEN
    assert "报告原件" in original.inner_text()


def test_a_first_year_report_has_no_previous_figures(reader, synth_url):  # type: ignore[no-untyped-def]
    _open(reader, synth_url + "LARGE/reports/agency-0002/2019.html", False)
    assert reader.locator(".key-figures > div").count() == 6
    assert reader.locator(".key-prev").count() == 0


# --- 6. downloads: named for the agency and year, a PDF opens in the browser, plain labels -------


def _tiny_pdf(text: str) -> bytes:
    """A one-page PDF, written out by hand (the xref offsets computed), enough for a viewer."""
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


@pytest.fixture(scope="module")
def pdf_site(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The demo portal with 七星泡镇's 2020 original as a PDF."""
    import hashlib
    import shutil
    from pathlib import Path

    from generator.build import build

    from .conftest import ROOT
    from .serve import serve

    root = tmp_path_factory.mktemp("pdf")
    content = root / "content"
    shutil.copytree(ROOT / "content", content)
    pdf = _tiny_pdf("qixingpao 2020")
    (content / "originals/qixingpao/2020.pdf").write_bytes(pdf)
    (content / "originals/qixingpao/2020.txt").unlink()
    report = content / "reports/qixingpao/2020.yaml"
    text = report.read_text("utf-8")
    old_hash = text.split("sha256: ", 1)[1].split("\n", 1)[0]
    text = text.replace("file: originals/qixingpao/2020.txt", "file: originals/qixingpao/2020.pdf")
    report.write_text(text.replace(old_hash, hashlib.sha256(pdf).hexdigest()), "utf-8")
    build(content, root / "site", search=False)
    assert Path(root / "site/originals/qixingpao/2020.pdf").is_file()
    with serve(root / "site", "sub") as url:
        yield url


NAME = "宝清县七星泡镇人民政府-2020-政府信息公开工作年度报告"


@pytest.mark.parametrize("large", [False, True], ids=["standard", "large"])
def test_downloads_are_named_for_the_agency_and_year_and_a_pdf_opens(reader, pdf_site, large):  # type: ignore[no-untyped-def]
    _open(reader, pdf_site + "LARGE/reports/qixingpao/2020.html", large)
    # the original, on the first screen: a link that opens the PDF (no download attribute)
    first = reader.locator(".key-original a")
    assert first.get_attribute("download") is None
    assert first.inner_text().startswith("查看报告原件（PDF，在浏览器中打开")
    href = first.evaluate("a => a.href")
    assert href.endswith("/originals/qixingpao/2020.pdf")  # shared by both sizes, not copied
    response = reader.request.get(href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert "attachment" not in response.headers.get("content-disposition", "")
    # every download is saved under the agency's name and the year
    links = reader.locator("#downloads a[download]")
    names = sorted(a.get_attribute("download") for a in links.all())
    assert names == sorted(f"{NAME}.{ext}" for ext in ("pdf", "csv", "json", "yaml"))
    with reader.expect_download() as saving:
        reader.locator("#downloads a.save-link").click()
    assert saving.value.suggested_filename == f"{NAME}.pdf"
    with reader.expect_download() as saving:
        reader.locator("#downloads a", has_text="表格文件 CSV").click()
    assert saving.value.suggested_filename == f"{NAME}.csv"
    # in plain words: no 本站整理的数据, every label says what the file is for
    text = reader.locator("#downloads").inner_text()
    assert "本站整理的数据" not in text
    for label in ("本报告数据（表格文件 CSV，可用 Excel、WPS 打开", "本报告数据（JSON 格式，供程序读取", "保存到本机"):
        assert label in text


def test_an_html_original_opens_as_its_cleaned_copy(tmp_path):  # type: ignore[no-untyped-def]
    """An HTML original: the cleaned copy opens in the browser, the untouched file is saved as a
    ZIP under the agency's name (checked on the built page)."""
    import shutil

    from generator.build import build

    from .conftest import ROOT

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    page = "<html><head><title>t</title><script>alert(1)</script></head><body><p>石窝镇 2021</p></body></html>"
    (content / "originals/shiwo/2021.html").write_text(page, "utf-8")
    (content / "originals/shiwo/2021.txt").unlink()
    report = content / "reports/shiwo/2021.yaml"
    text = report.read_text("utf-8").replace("file: originals/shiwo/2021.txt", "file: originals/shiwo/2021.html")
    report.write_text("\n".join(line for line in text.split("\n") if not line.strip().startswith("sha256:")), "utf-8")
    build(content, tmp_path / "site", search=False)
    html = (tmp_path / "site/reports/shiwo/2021.html").read_text("utf-8")
    assert '<a href="../../originals/shiwo/2021.html">查看报告原件（网页，已去除脚本，在浏览器中阅读' in html
    assert 'download="万源市石窝镇人民政府-2021-政府信息公开工作年度报告.html.zip"' in html
    import zipfile

    with zipfile.ZipFile(tmp_path / "site/originals/shiwo/2021.html.zip") as archive:
        assert archive.namelist() == ["万源市石窝镇人民政府-2021-政府信息公开工作年度报告.html"]
        assert archive.read(archive.namelist()[0]).decode("utf-8") == page


# --- 4. 大字模式 everywhere: nothing below 16 px (tables, charts, search results) ----------------


SMALL_TEXT = (Path(__file__).parent / "small_text.js").read_text(encoding="utf-8")
MIN_LARGE = 16


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_large_text_has_nothing_below_16_px(reader, base_url, name):  # type: ignore[no-untyped-def]
    """Every piece of text a reader sees on the large-text copy, as drawn (an SVG's scale counted)."""
    assert reader.goto(base_url + "large/" + PAGE_TYPES[name]).status in (200, 404)
    assert reader.evaluate("document.documentElement.classList.contains('large')")
    assert [t for t in reader.evaluate(SMALL_TEXT) if t[2] < MIN_LARGE] == []


def test_large_text_charts_are_16_px_on_phones(phone, synth_url):  # type: ignore[no-untyped-def]
    phone.goto(synth_url + "agencies/agency-0001.html")
    sizes = [t[2] for t in phone.evaluate(SMALL_TEXT) if t[0].startswith("text")]
    assert sizes and max(sizes) < MIN_LARGE  # the standard page's chart text is drawn small on a phone
    phone.goto(synth_url + "large/agencies/agency-0001.html")
    assert phone.locator("svg.chart text").count() > 10
    assert phone.evaluate(SMALL_TEXT) == []
    # the chart's year labels do not run into each other
    boxes = phone.locator("svg.chart text[text-anchor=middle]").evaluate_all(
        "ts => ts.filter(t => /^20\\d\\d/.test(t.textContent)).map(t => t.getBoundingClientRect()).map(r => [r.left, r.right])")
    assert len(boxes) == 4 and all(a[1] <= b[0] for a, b in zip(boxes, boxes[1:], strict=False))


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_large_text_search_results(browser, base_url, width):  # type: ignore[no-untyped-def]
    ctx, tab, blocked = _tab(browser, width, True)
    try:
        tab.goto(base_url + "large/search.html")
        tab.fill("#search-q", "申请")
        tab.wait_for_selector("#search-results a")
        tab.wait_for_timeout(300)
        assert tab.evaluate(SMALL_TEXT) == []
        title = tab.locator("#search-results a").first
        assert float(title.evaluate("a => parseFloat(getComputedStyle(a).fontSize)")) >= 18
        # a result opens the large-text copy of its page
        with tab.expect_navigation(wait_until="load"):
            title.click()
        assert tab.url.startswith(base_url + "large/")
        assert tab.evaluate("document.documentElement.classList.contains('large')")
        assert blocked == []
    finally:
        ctx.close()
