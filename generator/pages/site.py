"""What every page shares: the whole content's data (:class:`Site`) and the common context.

:class:`Site` is derived from the content and the findings once per build, before any page:
each report's findings (by agency and year, never by a file path), each report's key figures
(made on first use), the sizes of the downloads (known from the exports stage). Every page
context extends :class:`Common`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, fields
from typing import Any, NamedTuple

from ..checks.public import ARITHMETIC, NAMES, PLAIN, PUBLIC_RULES, plain_message
from ..checks.rules import RULES
from ..checks.run import blocking
from ..content import Content
from ..findings import SEVERITY_LABELS, Finding
from ..model.portal import Agency, SiteConfig
from ..model.report import Report
from . import figures, trends_indicators, urls


def doc(text: str, **kw: Any) -> Any:
    """A context field with its description for the handbook's template reference."""
    return field(metadata={"doc": text}, **kw)


NAV = (
    (urls.HOME, "首页"),
    (urls.AGENCIES, "机关"),
    (urls.COMPARE, "比较"),
    (urls.DATA, "数据下载"),
    (urls.HELP, "阅读帮助"),
    (urls.SEARCH, "搜索"),
)

FILE_TYPES = {
    ".pdf": "PDF",
    ".docx": "Word 文档",
    ".doc": "Word 文档",
    ".html": "网页",
    ".htm": "网页",
    ".txt": "纯文本",
    ".wps": "WPS 文档",
    ".xlsx": "Excel 表格",
    ".xls": "Excel 表格",
    ".csv": "CSV 表格",
    ".json": "JSON",
    ".yaml": "YAML",
}


def size_text(n: int) -> str:
    if n < 1024:
        return f"{n} 字节"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


YEAR_PAIR = frozenset({"R5", "R6", "R10"})  # the rules comparing a report with the agency's report of the year before


def is_public(f: Finding) -> bool:
    return f.rule in PUBLIC_RULES


@dataclass
class Site:
    """Everything derived from the whole content once, before any page is rendered."""

    content: Content
    findings: list[Finding]
    base_url: str
    search_enabled: bool
    xlsx_has_long: bool
    file_sizes: dict[str, int] = field(default_factory=dict)  # site path -> bytes, from the exports
    sitemap: list[urls.Page] = field(default_factory=list)  # the pages listed in sitemap.xml
    by_report: dict[tuple[str, int], list[Finding]] = field(default_factory=dict)
    others: list[Finding] = field(default_factory=list)  # findings of no report
    withheld: list[Any] = field(default_factory=list)  # build.check.Withheld: reports left off the site, and why
    _values: dict[tuple[str, int], dict[str, int | float | None]] = field(default_factory=dict)
    _parts: dict[tuple[str, int, str], tuple[int | float | None, int | float | None]] = field(default_factory=dict)

    @classmethod
    def gather(cls, content: Content, findings: list[Finding], base_url: str, search: bool, xlsx_has_long: bool,
               withheld: list[Any] | None = None) -> Site:
        # a finding located in a report's file is that report's (the file it was loaded from)
        of_file = {r.path: (r.agency, r.year) for r in content.reports}
        by_report: dict[tuple[str, int], list[Finding]] = defaultdict(list)
        others = []
        for f in findings:
            key = of_file.get(f.location.path)
            if key is not None:
                by_report[key].append(f)
            else:
                others.append(f)
        return cls(content, findings, base_url, search, xlsx_has_long, by_report=dict(by_report), others=others,
                   withheld=list(withheld or []))

    def values(self, report: Report) -> dict[str, int | float | None]:
        """The key figures of a report, computed once per build."""
        key = (report.agency, report.year)
        cached = self._values.get(key)
        if cached is None:
            cached = self._values[key] = figures.values(report)
        return cached

    def keep_figures(self, previous: Site, changed: set[tuple[str, int]]) -> None:
        """Keep what ``previous`` computed of the reports not ``changed`` (the preview's update)."""
        self._values = {k: v for k, v in previous._values.items() if k not in changed}
        self._parts = {k: v for k, v in previous._parts.items() if (k[0], k[1]) not in changed}

    def indicator_parts(self, report: Report, indicator: Any) -> tuple[int | float | None, int | float | None]:
        """``trends_indicators.parts``, computed once per build: the county page, the
        indicator pages and the picker's data ask for every report's (at 300 × 7, 200,000
        times for 50,000 values). Measured at 300 × 7 (every page made in one process without
        writing it, CPU seconds, medians of 3): 16.2 s computed each time, 12.1 s kept."""
        key = (report.agency, report.year, indicator.key)
        cached = self._parts.get(key)
        if cached is None:
            cached = self._parts[key] = trends_indicators.parts(report, indicator)
        return cached

    def agency(self, agency_id: str) -> Agency:
        found = self.content.agencies.get(agency_id)
        if found is not None:
            return found
        return Agency(id=agency_id, name=agency_id, kind="other")

    def report_findings(self, report: Report) -> list[FindingView]:
        """What citizens are told about ``report``. A comparison with the year before (R5, R6,
        R10) is left out when that report is not published (left out for an editor's error):
        no page speaks of a report the site does not have."""
        previous = self.content.report(report.agency, report.year - 1) is not None
        return [finding_view(f) for f in self.by_report.get((report.agency, report.year), [])
                if is_public(f) and (previous or f.rule not in YEAR_PAIR)]


class FindingView(NamedTuple):
    rule: str  # the rule's id (R1, SCHEMA …): for the theme's classes, never shown
    severity: str
    severity_label: str
    heading: str  # in plain words (checks.public.PLAIN)
    message: str  # in plain words: no field keys (checks.public.plain_message)
    arithmetic: str  # "yes" for the rules about numbers adding up
    rule_name: str = ""  # the rule's Chinese name (checks.public.NAMES)


def finding_view(f: Finding) -> FindingView:
    rule = RULES.get(f.rule)
    heading = PLAIN.get(f.rule) or (plain_message(rule.summary) if rule else "报告数据提示")
    if blocking(f):  # only the office's quality page shows these: the report is not published
        heading = "数据文件有误，改正后才能发布"
    return FindingView(f.rule, f.severity, SEVERITY_LABELS.get(f.severity, f.severity), heading, plain_message(f.message),
                       "yes" if f.rule in ARITHMETIC else "", NAMES.get(f.rule, "其他"))


class NavItem(NamedTuple):
    url: str
    label: str
    current: bool


class PortalLink(NamedTuple):
    url: str
    label: str


PORTAL_LINKS = (  # site.yaml key -> the link's words, in the order they are shown
    ("portal_url", "门户网站首页"),
    ("guide_url", "政府信息公开指南"),
    ("apply_url", "依申请公开"),
    ("correction_url", "找错纠错"),
)


def portal_links(cfg: SiteConfig) -> list[PortalLink]:
    """The links to the county's own site that site.yaml sets (portal_url …), in a fixed order."""
    return [PortalLink(getattr(cfg, key), label) for key, label in PORTAL_LINKS if getattr(cfg, key)]


@dataclass
class Footer:
    sponsor: str
    organizer: str
    site_code: str
    icp: str
    police_record: str
    address: str
    phone: str
    email: str
    links: list[PortalLink] = field(default_factory=list)  # site.yaml's portal_url, guide_url …


@dataclass(kw_only=True)
class Common:
    """What every page's template gets."""

    site: SiteConfig = doc("网站设置（site.yaml）：site.title、site.description 等")
    page_url: str = doc("本页在网站中的路径，如 reports/shiwo/2021.html；url 过滤器据此算出相对链接")
    page_kind: str = doc("页面类别：home、agencies、agency、report、compare_index、compare、data、help、search、not_found、quality")
    title: str = doc("页面标题")
    description: str = doc("页面说明（meta description）")
    nav: list[NavItem] = doc("网站栏目：每项有 url、label、current")
    crumbs: list[tuple[str, str]] = doc("当前位置：（路径，名称）的列表，首页在前")
    footer: Footer = doc("页脚：sponsor、organizer、site_code、icp、police_record、address、phone、email；"
                         "links（site.yaml 设置的门户网站首页、政府信息公开指南、依申请公开、找错纠错的链接：url、label）")
    search_enabled: bool = doc("本次生成是否建立了搜索索引")
    feed_url: str = doc("订阅源的路径")
    large: bool = doc("是否为大字模式的页面（网站在 large/ 下的大字副本；html 元素带 class=\"large\"）", default=False)
    twin_url: str = doc("本页另一种字号的页面的路径（标准页面的大字副本，或大字副本的标准页面）；用 url(exact=True) 显示", default="")

    def as_context(self) -> dict[str, Any]:
        """The template's variables: the fields, as they are."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def common(site: Site, page: urls.Page, title: str, crumbs: list[tuple[str, str]], description: str = "") -> dict[str, Any]:
    """The :class:`Common` fields of a page, as keyword arguments for its context class."""
    cfg = site.content.site
    assert cfg is not None
    contact = cfg.contact or {}
    return {
        "site": cfg,
        "page_url": page.url,
        "page_kind": page.kind,
        "title": title,
        "description": description or (cfg.description or cfg.title),
        "nav": [NavItem(u, label, u == page.url) for u, label in NAV],
        "crumbs": crumbs,
        "footer": Footer(cfg.sponsor, cfg.organizer or "", cfg.site_code or "", cfg.icp or "", cfg.police_record or "",
                         contact.get("address", ""), contact.get("phone", ""), contact.get("email", ""),
                         portal_links(cfg)),
        "search_enabled": site.search_enabled,
        "feed_url": urls.FEED,
        "large": False,
        "twin_url": urls.large_url(page.url),
    }


def as_large(context: dict[str, Any]) -> dict[str, Any]:
    """A page's template variables for its large-text twin (``large/`` + its path): the same
    data, links kept inside the copy by the ``url`` filter, the twin being the standard page."""
    url = context["page_url"]
    return {**context, "large": True, "page_url": urls.large_url(url), "twin_url": url}


def crumbs(*items: tuple[str, str]) -> list[tuple[str, str]]:
    return [(urls.HOME, "首页"), *items]
