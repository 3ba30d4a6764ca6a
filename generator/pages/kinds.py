"""The kinds of page: for each, its template, its context class and the function making it."""


from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from . import agency, compare, feed, other, quality, report, trends
from .site import Site
from .urls import Page


class Kind(NamedTuple):
    template: str
    context: type[Any]
    make: Callable[[Site, Page], Any]


KINDS: dict[str, Kind] = {
    "home": Kind("index.html", compare.HomePage, compare.home_page),
    "agencies": Kind("agencies.html", agency.AgenciesPage, agency.agencies_page),
    "agency": Kind("agency.html", agency.AgencyPage, agency.agency_page),
    "report": Kind("report.html", report.ReportPage, report.report_page),
    "compare_index": Kind("compare_index.html", compare.CompareIndexPage, compare.compare_index_page),
    "compare": Kind("compare.html", compare.ComparePage, compare.compare_page),
    "county": Kind("compare_county.html", trends.CountyPage, trends.county_page),
    "indicator": Kind("compare_indicator.html", trends.IndicatorPage, trends.indicator_page),
    "picker": Kind("compare_picker.html", trends.PickerPage, trends.picker_page),
    "data": Kind("data.html", other.DataPage, other.data_page),
    "help": Kind("help.html", other.HelpPage, other.help_page),
    "search": Kind("search.html", other.SearchPage, other.search_page),
    "not_found": Kind("404.html", other.NotFoundPage, other.not_found_page),
    "quality": Kind("quality.html", quality.QualityPage, quality.quality_page),
    "feed": Kind("feed.xml", feed.FeedPage, feed.feed_page),
    "sitemap": Kind("sitemap.xml", feed.SitemapPage, feed.sitemap_page),
}


def context(site: Site, page: Page) -> Any:
    """The typed context of a page (``as_context()`` gives the template's variables)."""
    return KINDS[page.kind].make(site, page)
