"""``xxgk serve`` in headless Chromium: an edit reloads the open page by itself; a broken file
shows the findings overlay over the last good page; fixing it reloads again."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.preview.server import PreviewServer
from generator.preview.update import IncrementalBuilder

from .serve import block_other_hosts

ROOT = Path(__file__).resolve().parents[2]
REPORT = Path("reports/baofeng/2020.yaml")
PAGE = "reports/baofeng/2020.html"
MARK = "浏览器预览测试新增的一句话。"
AGAIN = "改正时又加的一句。"
TIMEOUT = 20_000  # ms; an update normally takes well under a second


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[PreviewServer, Path]]:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    server = PreviewServer(IncrementalBuilder(content, tmp_path / "site", search=False), [content], port=0)
    assert server.first_build().ok
    server.start()
    yield server, content
    server.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    blocked = block_other_hosts(ctx)
    yield ctx.new_page()
    ctx.close()
    assert blocked == []


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_edit_reloads_the_page_and_errors_show_in_an_overlay(preview, page) -> None:  # type: ignore[no-untyped-def]
    server, content = preview
    page.goto(server.url + PAGE)
    page.evaluate("window.__xxgkMarker = 'before reload'")
    assert MARK not in page.content()

    # An edit: the page reloads by itself (the marker set on the old page is gone) and shows it.
    edit(content / REPORT, "  （一）主动公开\n", f"  （一）主动公开\n\n  {MARK}\n")
    page.wait_for_function("window.__xxgkMarker === undefined", timeout=TIMEOUT)
    page.get_by_text(MARK).wait_for(timeout=TIMEOUT)

    # A broken file: the overlay lists the finding (file, line, message); the page stays.
    page.evaluate("window.__xxgkMarker = 'still the good page'")
    edit(content / REPORT, "year: 2020\n", "year: [2020\n")
    overlay = page.get_by_role("alert")
    overlay.wait_for(timeout=TIMEOUT)
    text = overlay.inner_text()
    assert "内容有错误，预览仍显示上一次成功生成的版本（共 1 处）" in text
    assert f"{REPORT}:5:" in text and "YAML 格式错误" in text
    assert page.evaluate("window.__xxgkMarker") == "still the good page"
    assert page.get_by_text(MARK).is_visible()

    # Fixed, with another change: the overlay goes, and the page reloads with the new build.
    text = (content / REPORT).read_text(encoding="utf-8").replace("year: [2020\n", "year: 2020\n")
    (content / REPORT).write_text(text.replace(MARK, MARK + AGAIN), encoding="utf-8")
    page.wait_for_function("window.__xxgkMarker === undefined", timeout=TIMEOUT)
    page.get_by_text(MARK + AGAIN).wait_for(timeout=TIMEOUT)
    assert page.get_by_role("alert").count() == 0

    # Broken, then undone to the very bytes being served: the overlay goes, no reload needed.
    page.evaluate("window.__xxgkMarker = 'no reload'")
    good = (content / REPORT).read_text(encoding="utf-8")
    edit(content / REPORT, "year: 2020\n", "year: [2020\n")
    page.get_by_role("alert").wait_for(timeout=TIMEOUT)
    (content / REPORT).write_text(good, encoding="utf-8")
    page.get_by_role("alert").wait_for(state="detached", timeout=TIMEOUT)
    assert page.evaluate("window.__xxgkMarker") == "no reload"
