"""大字模式 as built: every HTML page has a large-text twin under large/, whose links to pages
stay inside the copy while static files, downloads and originals are shared; the search index,
the sitemap and the feed know only the standard pages; no style sheet relies on :has()."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.build import build
from generator.build.search import records
from generator.pages import urls

from .conftest import DEMO
from .test_site_build import parse

BASE = "https://www.example.gov.cn/xxgk/ndbg/"
THEME = Path(__file__).resolve().parents[1] / "themes" / "default"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("large") / "site"
    return build(DEMO, out, base_url=BASE)


def test_every_html_page_has_a_large_twin_and_nothing_else_is_copied(built) -> None:  # type: ignore[no-untyped-def]
    site = built.out
    pages = {p.url for p in built.plan.html_pages}
    twins = {p.relative_to(site / "large").as_posix() for p in (site / "large").rglob("*") if p.is_file()}
    assert twins == pages  # HTML pages only: no static file, download, original, feed or index copied
    for url in pages:
        standard, large = (site / url).read_text("utf-8"), (site / "large" / url).read_text("utf-8")
        assert '<html lang="zh-CN">' in standard
        assert '<html lang="zh-CN" class="large"' in large


def test_links_of_the_large_copy_stay_inside_it_and_share_the_files(built) -> None:  # type: ignore[no-untyped-def]
    site = built.out
    large_root = (site / "large").resolve()
    pages = sorted((site / "large").rglob("*.html"))
    assert len(pages) == len(built.plan.html_pages)
    for page in pages:
        parsed = parse(page)
        base = page.parent if not parsed.base else site / "large"  # the 404 page's <base> is the copy's root
        twin = site / page.relative_to(site / "large")
        switch = [link for link in parsed.links if (base / unquote(urlsplit(link).path)).resolve() == twin.resolve()]
        assert switch, f"{page}: no link to its standard twin"
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or not parts.path:
                continue
            target = (base / unquote(parts.path)).resolve()
            assert target.is_file(), f"{page.relative_to(site)}: {link} does not resolve"
            if target == twin.resolve():
                continue
            rel = target.relative_to(site.resolve()).as_posix()
            if urls.has_large_twin(rel):
                pytest.fail(f"{page.relative_to(site)}: {link} leaves the large-text copy")
            if target.suffix == ".html" and not rel.startswith("originals/"):
                assert target.is_relative_to(large_root), f"{page.relative_to(site)}: {link}"


def test_every_standard_page_links_to_its_large_twin(built) -> None:  # type: ignore[no-untyped-def]
    site = built.out
    for one in built.plan.html_pages:
        page = site / one.url
        parsed = parse(page)
        base = page.parent if not parsed.base else site
        targets = {(base / unquote(urlsplit(link).path)).resolve() for link in parsed.links if not urlsplit(link).scheme}
        assert (site / "large" / one.url).resolve() in targets, one.url


def test_search_sitemap_and_feed_know_only_the_standard_pages(built) -> None:  # type: ignore[no-untyped-def]
    assert not any(url.startswith("large/") for url in records(built.plan))
    site = built.out
    assert "/large/" not in (site / "sitemap.xml").read_text("utf-8")
    assert "/large/" not in (site / "feed.xml").read_text("utf-8")
    indexed = [json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]
               for f in (site / "pagefind" / "fragment").glob("*.pf_fragment")]
    assert len(indexed) == len(set(indexed)) == len(records(built.plan))  # each page once
    assert not any("large/" in url for url in indexed)


def test_no_style_sheet_relies_on_has() -> None:
    for css in THEME.glob("static/*.css"):
        assert ":has(" not in css.read_text("utf-8"), css.name


def _pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}


def test_one_rendering_makes_the_same_pages_as_one_rendering_per_size(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Each page and its twin are made from one rendering with the size left open
    (render.twins); rendering each page once per size gives every byte the same."""
    from generator.render import templates, twins

    calls = {"open": 0}
    pages_of = twins.Both.pages

    def counted(self, html):  # type: ignore[no-untyped-def]
        calls["open"] += 1
        return pages_of(self, html)

    monkeypatch.setattr(twins.Both, "pages", counted)
    one = build(DEMO, tmp_path / "one", base_url=BASE, search=False, jobs=1)
    assert calls["open"] == len(one.plan.html_pages)  # every page with a twin came from one rendering
    monkeypatch.setattr(templates.twins, "templates_ask_size", lambda folders: True)
    calls["open"] = 0
    build(DEMO, tmp_path / "two", base_url=BASE, search=False, jobs=1)
    assert calls["open"] == 0
    assert _pages(tmp_path / "one") == _pages(tmp_path / "two")


def _portal_with(tmp_path: Path, overrides: dict[str, str]) -> Path:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(DEMO, content)
    for name, text in overrides.items():
        (content / "overrides" / "templates" / name).parent.mkdir(parents=True, exist_ok=True)
        (content / "overrides" / "templates" / name).write_text(text, encoding="utf-8")
    return content


@pytest.mark.parametrize(("checked_first", "branch"), [(True, True), (False, True), (False, False)])
def test_a_theme_that_asks_for_the_size_still_gets_the_right_twin(tmp_path: Path, monkeypatch, checked_first: bool,  # type: ignore[no-untyped-def]
                                                                  branch: bool) -> None:
    """An override that branches on ``large`` (found in its text before the build, or, when that
    look is skipped, by ``large`` refusing to answer while the size is open) and one that
    changes a link's token with a filter: each page still says what its own size says."""
    from generator.render import templates

    if not checked_first:
        monkeypatch.setattr(templates.twins, "templates_ask_size", lambda folders: False)
    content = _portal_with(tmp_path, {"base.html": (
        '{% extends "default:base.html" %}'
        '{% block footer %}<meta name="x-css" content="{{ \'static/site.css\'|url|upper }}">'
        + ('{% if large %}<p>LARGE-FOOT</p>{% else %}<p>STANDARD-FOOT</p>{% endif %}' if branch else '')
        + '{{ super() }}{% endblock %}')})
    site = build(content, tmp_path / "site", base_url=BASE, search=False, jobs=1).out
    for url in ("index.html", "reports/shiwo/2021.html", "agencies/shiwo.html"):
        standard, large = (site / url).read_text("utf-8"), (site / "large" / url).read_text("utf-8")
        if branch:
            assert "<p>STANDARD-FOOT</p>" in standard and "LARGE-FOOT" not in standard
            assert "<p>LARGE-FOOT</p>" in large and "STANDARD-FOOT" not in large
        depth = url.count("/")
        assert f'<meta name="x-css" content="{"../" * depth}STATIC/SITE.CSS">' in standard
        assert f'<meta name="x-css" content="{"../" * (depth + 1)}STATIC/SITE.CSS">' in large
        assert "\ue000" not in standard + large
