"""The agencies index and each agency's page: its reports, its key figures by year, a chart."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from ..model import spec
from ..model.portal import Agency
from ..model.report import Report
from . import figures, urls
from .site import Common, FindingView, Site, common, crumbs, doc, finding_view, is_public
from .tables import BodyRow, DataTable, Head, cell, simple_heads


class AgencyLink(NamedTuple):
    name: str
    url: str
    years: list[int]


@dataclass(kw_only=True)
class AgenciesPage(Common):
    groups: dict[str, dict[str, list[AgencyLink]]] = doc("按地区、再按机关类别分组的机关：每项有 name、url、years")
    count: int = doc("机关总数")


def agencies_page(site: Site, page: urls.Page) -> AgenciesPage:
    groups: dict[str, dict[str, list[AgencyLink]]] = {}
    regions: dict[str, list[Agency]] = defaultdict(list)
    for agency in site.content.agencies.values():
        regions[agency.region or "地区不详"].append(agency)
    for region in sorted(regions, key=lambda r: (r == "地区不详", r)):
        kinds: dict[str, list[AgencyLink]] = {}
        for kind_key, kind_label in spec.AGENCY_KINDS.items():
            members = [a for a in regions[region] if a.kind == kind_key]
            if members:
                kinds[kind_label] = [
                    AgencyLink(a.name, urls.agency_url(a.id), [r.year for r in site.content.reports_of(a.id)]) for a in members
                ]
        groups[region] = kinds
    return AgenciesPage(**common(site, page, "机关", crumbs((page.url, "机关")), "按地区和机关类别列出的全部机关及其历年报告。"),
                        groups=groups, count=len(site.content.agencies))


class Series(NamedTuple):
    label: str
    values: list[int | float | None]


class Chart(NamedTuple):
    """Stacked bars, one per category; the template prints it with the ``svg`` filter."""

    title: str
    categories: list[str]
    series: list[Series]
    unit: str = "件"


class ReportLink(NamedTuple):
    year: int
    title: str
    url: str
    template: str
    published: str


class YearFindings(NamedTuple):
    year: int
    url: str
    items: list[FindingView]


@dataclass(kw_only=True)
class AgencyPage(Common):
    agency: Agency = doc("机关（model.portal.Agency）：name、label、kind_label、region、website、former_names")
    reports: list[ReportLink] = doc("历年报告，新的在前：year、title、url、template、published")
    table: DataTable | None = doc("历年主要数字的表格（没有报告时为空），用 data_table 显示")
    chart: Chart | None = doc("历年办理结果的图（都为 0 或空白时为空），用 svg 过滤器显示")
    findings: list[YearFindings] = doc("各年报告向公众说明的核查发现：year、url、items")
    agency_findings: list[FindingView] = doc("关于本机关本身的核查发现")


def year_table(site: Site, reports: list[Report], prefix: str) -> DataTable:
    heads = simple_heads(prefix, "年度", [f.label for f in figures.FIGURES])
    rows = []
    for n, report in enumerate(reports):
        rid = f"{prefix}-r{n}"
        vals = site.values(report)
        cells = tuple(cell(vals[f.key], f"{prefix}-c{i} {rid}") for i, f in enumerate(figures.FIGURES))
        rows.append(BodyRow(Head(f"{report.year}年", rid, scope="row"), cells, link=urls.report_url(report.agency, report.year)))
    extra = ("空白表示该年报告中相关的格子未填写，无法得出这一数字。",) if any(c.kind == "blank" for r in rows for c in r.cells) else ()
    return DataTable(prefix, "历年主要数字（单位：件；办理结果为各类申请人总计）", heads, tuple(rows), extra,
                     sortable=True, width=len(heads[0]))


def agency_page(site: Site, page: urls.Page) -> AgencyPage:
    agency = site.agency(str(page.key[0]))
    reports = site.content.reports_of(agency.id)
    chart = None
    with_tables = [r for r in reports if r.requests]
    if with_tables:
        series = [Series(figures.BY_KEY[k].label, [site.values(r)[k] for r in with_tables]) for k in figures.OUTCOMES]
        if any(v for s in series for v in s.values):
            chart = Chart(f"{agency.label}历年政府信息公开申请办理结果", [f"{r.year}年" for r in with_tables], series)
    findings = [
        YearFindings(r.year, urls.report_url(r.agency, r.year), site.report_findings(r)) for r in reports if site.report_findings(r)
    ]
    own = [finding_view(f) for f in site.others if f.data.get("agency") == agency.id and is_public(f)]
    return AgencyPage(
        **common(site, page, agency.name, crumbs((urls.AGENCIES, "机关"), (page.url, agency.label)),
                 f"{agency.name}历年政府信息公开工作年度报告、主要数字与核查发现。"),
        agency=agency,
        reports=[ReportLink(r.year, r.title, urls.report_url(r.agency, r.year), r.spec.name,
                            r.published.isoformat() if r.published else "") for r in reversed(reports)],
        table=year_table(site, reports, "yy") if reports else None,
        chart=chart,
        findings=findings,
        agency_findings=own,
    )

