"""The Atom feed of new reports and the sitemap: not pages to read, but files made the same way."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, NamedTuple

from ..model.portal import SiteConfig
from . import urls
from .site import Site, doc


class Entry(NamedTuple):
    title: str
    url: str
    id: str
    updated: str
    text: str  # the report's overview (Markdown); the template summarises it with ``summary``


@dataclass(kw_only=True)
class FeedPage:
    site: SiteConfig = doc("网站设置（site.yaml）")
    base: str = doc("网站正式地址（base_url，以 / 结尾；未设置时为空）")
    entries: list[Entry] = doc("各报告，新发布的在前：title、url、id、updated、text")
    updated: str = doc("最新一份报告的时间")
    page_url: str = doc("feed.xml")

    def as_context(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def feed_page(site: Site, page: urls.Page) -> FeedPage:
    entries = []
    for report in site.content.reports:
        when = report.published.isoformat() if report.published else f"{report.year + 1}-01-01"
        entries.append(Entry(report.title, urls.report_url(report.agency, report.year),
                             f"urn:xxgk:report:{report.agency}:{report.year}", f"{when}T00:00:00Z", report.overview or ""))
    entries.sort(key=lambda e: (e.updated, e.id), reverse=True)
    updated = entries[0].updated if entries else "2000-01-01T00:00:00Z"
    assert site.content.site is not None
    return FeedPage(site=site.content.site, base=site.base_url, entries=entries, updated=updated, page_url=page.url)


@dataclass(kw_only=True)
class SitemapPage:
    base: str = doc("网站正式地址（base_url）")
    pages: list[urls.Page] = doc("列入站点地图的页面：url")
    page_url: str = doc("sitemap.xml")

    def as_context(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def sitemap_page(site: Site, page: urls.Page) -> SitemapPage:
    return SitemapPage(base=site.base_url, pages=list(site.sitemap), page_url=page.url)
