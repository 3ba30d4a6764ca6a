"""The home page and the comparisons: a year's figures across agencies, part 2 by template."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from ..model import spec
from . import figures, urls
from .site import Common, Site, common, crumbs, doc, is_public
from .tables import BodyRow, DataTable, Head, cell, format_number, simple_heads


class Total(NamedTuple):
    label: str
    help: str
    value: str  # "" when no report has the figure
    missing: int  # reports whose cells for it are blank


class TitleLink(NamedTuple):
    title: str
    url: str
    agency: str


class YearCount(NamedTuple):
    year: int
    url: str
    count: int


class YearLink(NamedTuple):
    year: int
    url: str
    current: bool


class NameLink(NamedTuple):
    name: str
    url: str


class AgencyCount(NamedTuple):
    name: str
    url: str
    count: int


# A "complete" year (完整年度): one in which at least this share of the registered agencies
# have published their report; the home page gives the latest such year's sums as the county's
# figures, and a later, partial year's only as the sums of the reports published so far.
COMPLETE_SHARE = 0.8


class YearColumn(NamedTuple):
    year: int
    reported: int  # agencies with a report of that year
    complete: bool  # a complete year (COMPLETE_SHARE): its sums stand for the county
    heading: str  # what the column is, in a few words
    detail: str  # how many agencies published, and what the numbers are
    values: list[str]  # one per figures.FIGURES, "" when no report has the figure
    missing: list[int]  # reports whose cells for a figure are blank


@dataclass(kw_only=True)
class HomePage(Common):
    latest: int | None = doc("最近的年度（没有报告时为空）")
    reported: int = doc("最近年度已有报告的机关数")
    agencies_count: int = doc("登记的机关数")
    complete_needed: int = doc("完整年度至少要有多少个机关发布报告（登记机关数的八成，向上取整）")
    complete: int | None = doc("最近的完整年度（至少八成登记机关已发布报告的年度；没有时为空）")
    labels: list[tuple[str, str]] = doc("概况表的各行：（名称，解释）")
    columns: list[YearColumn] = doc("概况表的各列：最近的完整年度、其后尚不完整的最近年度；"
                                    "year、reported、complete、heading、detail、values、missing")
    totals: list[Total] = doc("最近年度各主要数字之和：label、help、value、missing")
    latest_reports: list[TitleLink] = doc("最近年度的报告：title、url、agency")
    years: list[YearCount] = doc("各年度，新的在前：year、url、count")
    report_count: int = doc("报告总数")
    finding_count: int = doc("向公众说明的核查发现总数")


def complete_needed(agencies: int) -> int:
    """How many agencies must have published for a year to be complete (at least one)."""
    return max(1, -(-agencies * int(COMPLETE_SHARE * 10) // 10))


def _column(site: Site, year: int, complete: bool) -> YearColumn:
    reports = [r for r in site.content.reports if r.year == year]
    agencies = {r.agency for r in reports}
    values, missing = [], []
    for f in figures.FIGURES:
        total, blank = figures.add([site.values(r)[f.key] for r in reports if r.template != "none"])
        values.append(format_number(total) if total is not None else "")
        missing.append(blank)
    n = len(agencies)
    if complete:
        heading, detail = f"{year}年 全县", f"{n} 个机关已发布"
    else:
        heading, detail = f"{year}年 尚不完整", f"仅 {n} 个机关已发布，为其报告之和"
    return YearColumn(year, n, complete, heading, detail, values, missing)


def home_page(site: Site, page: urls.Page) -> HomePage:
    content = site.content
    latest = content.years[-1] if content.years else None
    reports = [r for r in content.reports if r.year == latest]
    totals = []
    for f in figures.FIGURES:
        total, missing = figures.add([site.values(r)[f.key] for r in reports if r.template != "none"])
        totals.append(Total(f.label, f.help, format_number(total) if total is not None else "", missing))
    needed = complete_needed(len(content.agencies))
    published = {y: len({r.agency for r in content.reports if r.year == y}) for y in content.years}
    complete = next((y for y in reversed(content.years) if published[y] >= needed), None)
    columns = [] if complete is None else [_column(site, complete, True)]
    if latest is not None and latest != complete:
        columns.append(_column(site, latest, False))
    return HomePage(
        **common(site, page, content.site.title if content.site else "", [], ""),
        latest=latest,
        reported=len({r.agency for r in reports}),
        agencies_count=len(content.agencies),
        complete_needed=needed,
        complete=complete,
        labels=[(f.label, f.help) for f in figures.FIGURES],
        columns=columns,
        totals=totals,
        latest_reports=[TitleLink(r.title, urls.report_url(r.agency, r.year), site.agency(r.agency).label) for r in reports],
        years=_years(site),
        report_count=len(content.reports),
        finding_count=sum(1 for fs in site.by_report.values() for f in fs if is_public(f)),
    )


def _years(site: Site) -> list[YearCount]:
    return [YearCount(y, urls.compare_url(y), sum(1 for r in site.content.reports if r.year == y))
            for y in reversed(site.content.years)]


@dataclass(kw_only=True)
class CompareIndexPage(Common):
    years: list[YearCount] = doc("各年度，新的在前：year、url、count")
    agencies: list[AgencyCount] = doc("各机关：name、url、count")


def compare_index_page(site: Site, page: urls.Page) -> CompareIndexPage:
    return CompareIndexPage(
        **common(site, page, "比较", crumbs((page.url, "比较")), "按年度比较各机关的主要数字，或查看一个机关的历年变化。"),
        years=_years(site),
        agencies=[AgencyCount(a.name, urls.agency_url(a.id) + "#years", len(site.content.reports_of(a.id)))
                  for a in site.content.agencies.values()],
    )


@dataclass(kw_only=True)
class ComparePage(Common):
    year: int = doc("年度")
    table: DataTable = doc("各机关主要数字的表格，附合计")
    part2_tables: list[DataTable] = doc("第二部分的表格，每种格式一张")
    without_tables: list[NameLink] = doc("没有固定格式表格、未列入比较的报告：name、url")
    other_years: list[YearLink] = doc("各年度：year、url、current")


def compare_page(site: Site, page: urls.Page) -> ComparePage:
    year = int(page.key[0])  # type: ignore[call-overload]
    reports = [r for r in site.content.reports if r.year == year]
    prefix = "cmp"
    heads = simple_heads(prefix, "机关", [f.label for f in figures.FIGURES])
    comparable = [r for r in reports if r.template != "none"]
    rows = []
    for n, report in enumerate(comparable):
        rid = f"{prefix}-r{n}"
        vals = site.values(report)
        cells = tuple(cell(vals[f.key], f"{prefix}-c{i} {rid}") for i, f in enumerate(figures.FIGURES))
        rows.append(BodyRow(Head(site.agency(report.agency).label, rid, scope="row"), cells,
                            link=urls.report_url(report.agency, report.year)))
    foot = []
    if comparable:
        fid = f"{prefix}-total"
        totals = tuple(cell(figures.add([site.values(r)[f.key] for r in comparable])[0], f"{prefix}-c{i} {fid}")
                       for i, f in enumerate(figures.FIGURES))
        foot.append(BodyRow(Head("合计", fid, scope="row"), totals, total=True))
    blank = ("空白表示该机关报告中相关的格子未填写，无法得出这一数字；合计只加有数字的机关。",) if _any_blank(rows) else ()
    table = DataTable(prefix, f"{year}年各机关主要数字（单位：件；第三部分取“总计”列，（六）各行已相加）",
                      heads, tuple(rows), blank, sortable=True, foot=tuple(foot), width=len(heads[0]))
    part2 = []
    for template in ("gb2019", "gb2021"):
        members = [r for r in reports if r.template == template and r.proactive]
        if not members:
            continue
        p2 = figures.part2_figures(template)
        tp = f"p2{template}"
        heads2 = simple_heads(tp, "机关", [f.label for f in p2])
        rows2 = []
        for n, report in enumerate(members):
            rid = f"{tp}-r{n}"
            cells = tuple(cell(figures.part2_value(report, f), f"{tp}-c{i} {rid}") for i, f in enumerate(p2))
            rows2.append(BodyRow(Head(site.agency(report.agency).label, rid, scope="row"), cells,
                                 link=urls.report_url(report.agency, report.year)))
        t = spec.TEMPLATES[template]
        part2.append(DataTable(tp, f"{year}年第二部分主动公开情况：使用{t.name}（{t.issued_by}）的报告", heads2, tuple(rows2),
                               ("空白表示原报告此处未填写。",) if _any_blank(rows2) else (), sortable=True,
                               width=len(heads2[0])))
    return ComparePage(
        **common(site, page, f"{year}年各机关比较", crumbs((urls.COMPARE, "比较"), (page.url, f"{year}年")),
                 f"{year}年各机关政府信息公开申请、复议、诉讼数字并列比较。"),
        year=year,
        table=table,
        part2_tables=part2,
        without_tables=[NameLink(site.agency(r.agency).label, urls.report_url(r.agency, r.year))
                        for r in reports if r.template == "none"],
        other_years=[YearLink(y, urls.compare_url(y), y == year) for y in site.content.years],
    )


def _any_blank(rows: list[BodyRow]) -> bool:
    return any(c.kind == "blank" for r in rows for c in r.cells)
