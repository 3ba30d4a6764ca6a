"""Which pages and files the site has, and their URLs. No Jinja here, so it is testable alone.

Every URL is a path inside the site folder ending in a file name (``agencies/index.html``,
never ``agencies/``): the site then works from a local folder, where a folder link would show
a file listing, as well as under any sub-path of a web server. Templates turn these site paths
into links relative to the page with the ``url`` filter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..content import Content
from ..export import bundle

HOME = "index.html"
AGENCIES = "agencies/index.html"
COMPARE = "compare/index.html"
DATA = "data/index.html"
HELP = "help.html"
SEARCH = "search.html"
QUALITY = "quality.html"  # only with --with-audit: the county office's view of every finding
NOT_FOUND = "404.html"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
STATIC = "static"
ELDER_CSS = "static/elder.css"
PAGEFIND = "pagefind"

REPORT_DATA_SUFFIXES = ("yaml", "json", "csv")


def agency_url(agency: str) -> str:
    return f"agencies/{agency}.html"


def report_url(agency: str, year: int) -> str:
    return f"reports/{agency}/{year}.html"


def report_data_url(agency: str, year: int, suffix: str) -> str:
    return f"reports/{agency}/{year}.{suffix}"


def compare_url(year: int) -> str:
    return f"compare/{year}.html"


def data_file_url(name: str) -> str:
    return f"data/{name}"


def original_url(agency: str, year: int, source_file: str) -> str:
    """Where the original is published: originals/<agency>/<year><suffix>."""
    suffix = PurePosixPath(source_file).suffix.lower()
    return f"originals/{agency}/{year}{suffix}"


@dataclass(frozen=True)
class Page:
    url: str
    template: str
    kind: str
    key: tuple[object, ...] = field(default=())
    in_sitemap: bool = True


def pages(content: Content, audit: bool = False) -> list[Page]:
    """Every HTML page of the site, in a stable order; the quality page only with the audit."""
    out = [
        Page(HOME, "index.html", "home"),
        Page(AGENCIES, "agencies.html", "agencies"),
    ]
    agencies_with_reports = sorted({r.agency for r in content.reports})
    for agency in content.agencies.values():
        out.append(Page(agency_url(agency.id), "agency.html", "agency", (agency.id,)))
    for agency in agencies_with_reports:  # reports of an unregistered agency still get a page
        if agency not in content.agencies:
            out.append(Page(agency_url(agency), "agency.html", "agency", (agency,)))
    for report in content.reports:
        out.append(Page(report_url(report.agency, report.year), "report.html", "report", (report.agency, report.year)))
    out.append(Page(COMPARE, "compare_index.html", "compare_index"))
    for year in content.years:
        out.append(Page(compare_url(year), "compare.html", "compare", (year,)))
    out += [
        Page(DATA, "data.html", "data"),
        Page(HELP, "help.html", "help"),
        Page(SEARCH, "search.html", "search"),
        Page(NOT_FOUND, "404.html", "not_found", in_sitemap=False),
    ]
    if audit:
        out.append(Page(QUALITY, "quality.html", "quality", in_sitemap=False))
    return out


def dataset_names() -> tuple[str, ...]:
    return (
        f"{bundle.LONG}.csv",
        f"{bundle.WIDE}.csv",
        f"{bundle.COLUMNS}.csv",
        f"{bundle.FULL}.xlsx",
        f"{bundle.LONG}.json",
        f"{bundle.WIDE}.json",
        f"{bundle.FULL}.json",
    )
