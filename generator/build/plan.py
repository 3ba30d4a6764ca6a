"""Stage 3, plan: what the site will hold, decided before anything is written.

From the checked content: every page (its URL, template, kind and what it is about), the
whole content's data every page shares (``pages.site.Site``), the theme's Jinja environment,
and the static files to copy. Only what the content folder owns is published: an original must
be a file under ``originals/``, a report's YAML a file in the content folder, and no file of
``overrides/static/`` may be a link to something outside the content folder (each is an error
naming the file, and nothing is written).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from ..content import ORIGINALS_DIR, REPORTS_DIR, Content
from ..export import bundle
from ..findings import Finding, display_path
from ..model.report import Report
from ..pages import urls
from ..pages.site import Site
from ..pages.trends_indicators import INDICATORS
from ..pages.urls import Page
from ..render.templates import environment
from ..render.theme import Theme, ThemeError, load_theme
from .check import Withheld
from .errors import BuildError

OVERRIDES = "overrides"


@dataclass(frozen=True)
class Settings:
    theme: str = "default"
    base_url: str | None = None  # overrides site.yaml's
    search: bool = True
    audit: bool = False  # the county office's quality page


@dataclass
class Plan:
    content: Content
    findings: list[Finding]
    settings: Settings
    theme: Theme
    env: jinja2.Environment
    site: Site
    pages: list[Page]  # every file made from a template: the HTML pages, the feed, the sitemap
    statics: list[tuple[Path, str]] = field(default_factory=list)  # (file, site path), in copying order
    notes: list[str] = field(default_factory=list)

    @property
    def html_pages(self) -> list[Page]:
        return [p for p in self.pages if p.url.endswith(".html")]


def plan(
    content: Content,
    findings: list[Finding],
    settings: Settings,
    previous: Plan | None = None,
    changed: set[tuple[str, int]] | None = None,
    withheld: list[Withheld] | None = None,
) -> Plan:
    """The plan of the site. Given the ``previous`` plan of the same portal and settings, where
    only the reports ``changed`` (agency, year) differ, its theme, templates, static files and
    the other reports' figures are kept, and only the changed reports' files are looked at (the
    preview's partial update). ``content`` is what is published (``build.check``): the reports
    ``withheld`` are not in it, so no page, download, search record or feed entry names them;
    only the quality page lists them, as not published."""
    root = content.root
    if previous is not None:
        theme, env = previous.theme, previous.env
    else:
        try:
            theme = load_theme(settings.theme)
        except ThemeError as e:
            raise BuildError(str(e)) from e
        env = environment(theme, root / OVERRIDES / "templates")
    assert content.site is not None
    base = (settings.base_url or content.site.base_url or "").strip()
    if base and not base.endswith("/"):
        base += "/"
    xlsx_has_long = previous.site.xlsx_has_long if previous is not None else bundle.xlsx_has_long(content.reports)
    if withheld is None:
        withheld = previous.site.withheld if previous is not None else []
    site = Site.gather(content, findings, base, settings.search, xlsx_has_long, withheld)
    if previous is not None:
        site.keep_figures(previous.site, changed or set())
    pages = pages_of(content, settings.audit)
    site.sitemap = [p for p in pages if p.in_sitemap]
    notes = []
    pages.append(Page(urls.FEED, "feed.xml", "feed", in_sitemap=False))
    if base:
        pages.append(Page(urls.SITEMAP, "sitemap.xml", "sitemap", in_sitemap=False))
    else:
        notes.append("未设置 base_url（site.yaml 或 --base-url），没有生成 sitemap.xml；订阅源使用相对链接")
    if previous is None:
        _owned_sources(content, content.reports)
        statics = [(file, f"{urls.STATIC}/{rel}") for folder in theme.static for file, rel in _files(folder, None)]
        statics += [(file, f"{urls.STATIC}/{rel}") for file, rel in _files(root / OVERRIDES / "static", root)]
    else:
        _owned_sources(content, [r for r in content.reports if (r.agency, r.year) in (changed or set())])
        statics = previous.statics
    return Plan(content, findings, settings, theme, env, site, pages, statics, notes)


def pages_of(content: Content, audit: bool = False) -> list[Page]:
    """Every HTML page of the site, in a stable order; the quality page only with the audit."""
    out = [Page(urls.HOME, "index.html", "home"), Page(urls.AGENCIES, "agencies.html", "agencies")]
    for agency in content.agencies.values():
        out.append(Page(urls.agency_url(agency.id), "agency.html", "agency", (agency.id,)))
    for agency in sorted({r.agency for r in content.reports}):  # reports of an unregistered agency still get a page
        if agency not in content.agencies:
            out.append(Page(urls.agency_url(agency), "agency.html", "agency", (agency,)))
    for report in content.reports:
        out.append(Page(urls.report_url(report.agency, report.year), "report.html", "report", (report.agency, report.year)))
    out.append(Page(urls.COMPARE, "compare_index.html", "compare_index"))
    for year in content.years:
        out.append(Page(urls.compare_url(year), "compare.html", "compare", (year,)))
    out.append(Page(urls.COUNTY, "compare_county.html", "county"))
    out += [Page(urls.indicator_url(i.key), "compare_indicator.html", "indicator", (i.key,)) for i in INDICATORS]
    out.append(Page(urls.PICKER, "compare_picker.html", "picker"))
    out += [
        Page(urls.DATA, "data.html", "data"),
        Page(urls.HELP, "help.html", "help"),
        Page(urls.SEARCH, "search.html", "search"),
        Page(urls.NOT_FOUND, "404.html", "not_found", in_sitemap=False),
    ]
    if audit:
        out.append(Page(urls.QUALITY, "quality.html", "quality", in_sitemap=False))
    return out


def affected(plan: Plan, agencies: set[str], years: set[int]) -> list[Page]:
    """The pages an edit of ``agencies``' reports of ``years`` changes: their report and agency
    pages, the comparison of those years and the index, the trend pages, the home page, the data
    page, the feed."""
    def touched(page: Page) -> bool:
        if page.kind in ("report", "agency"):
            return page.key[0] in agencies
        if page.kind == "compare":
            return page.key[0] in years
        return page.kind in ("home", "compare_index", "county", "indicator", "picker", "data", "feed")

    return [p for p in plan.pages if touched(p)]


def _owned_sources(content: Content, reports: list[Report]) -> None:
    """Each report's original is a file under originals/, its YAML a file of the content."""
    root = content.root.resolve()
    originals = root / ORIGINALS_DIR
    for report in reports:
        own = content.root / REPORTS_DIR / report.agency / f"{report.year}.yaml"
        if not own.resolve().is_relative_to(root):
            raise BuildError(f"{display_path(own)} 是指向内容文件夹以外的链接，未发布；请把报告文件放进内容文件夹")
        if report.source:
            file = (content.root / report.source.file).resolve()
            if not file.is_relative_to(originals) or not file.is_file():
                raise BuildError(
                    f"{report.path}: 原件 {report.source.file} 不在内容文件夹的 {ORIGINALS_DIR}/ 中"
                    f"（或是指向其外的链接），未发布；原件应放在 {ORIGINALS_DIR}/<机关代码>/ 下"
                )


def _files(folder: Path, owner: Path | None) -> list[tuple[Path, str]]:
    """The files under ``folder`` with their paths relative to it, sorted. With ``owner``,
    every file and folder must lie inside it once links are followed."""
    if not folder.is_dir():
        return []
    inside = owner.resolve() if owner is not None else None
    out = []
    seen: set[Path] = set()
    for here, dirs, names in os.walk(folder, followlinks=True):
        real = Path(here).resolve()
        if real in seen:  # a link back up: walked already
            dirs[:] = []
            continue
        seen.add(real)
        for name in sorted(dirs + names):
            path = Path(here) / name
            if inside is not None and not path.resolve().is_relative_to(inside):
                raise BuildError(f"{display_path(path)} 是指向内容文件夹以外的链接，未发布；请把文件本身放进 {OVERRIDES}/static/")
        dirs.sort()
        for name in sorted(names):
            path = Path(here) / name
            if path.is_file():
                out.append((path, path.relative_to(folder).as_posix()))
    return sorted(out, key=lambda item: item[1])
