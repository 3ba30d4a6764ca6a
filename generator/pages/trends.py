"""Comparison across years and across the county: what the trend pages show, as typed contexts.

* ``compare/county.html``: the county's totals by year (a table and a chart), their change on
  the previous year, the rates by year, the refusal reasons by year;
* ``compare/indicators/<key>.html``: one page per indicator (``trends_indicators``), agencies ×
  years with the county's total and the change on the previous year: the pre-built tables a
  reader without JavaScript uses;
* ``compare/picker.html``: the indicator picker (agencies × years × indicator → table, chart,
  CSV), a form run by ``static/compare.js`` on ``data/compare.json`` (:func:`picker_data`,
  written by the exports stage); without JavaScript it lists the indicator pages.

Every table goes through the theme's one table writer (``DataTable``); charts are the server's
SVG (``render.charts``, via the ``svg`` filter).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from ..model.report import Report
from . import figures, urls
from . import trends_indicators as ti
from .agency import Chart, Series
from .site import Common, Site, common, crumbs, doc
from .tables import BodyRow, DataCell, DataTable, Head, cell, simple_heads

NO_REPORT = "无报告"
NOTE_NO_REPORT = f"“{NO_REPORT}”表示该机关这一年没有发布报告（或报告没有固定格式的表格）。"
NOTE_BLANK = "空白表示原报告中相关的格子未填写，无法得出这一数字；比率的分母为 0 时也为空白。"
NOTE_SUM = "全县合计只加有这一数字的报告；各年报告的机关数不同时，合计不能直接比较，请同时看“报告数”。"


class IndicatorLink(NamedTuple):
    key: str
    label: str
    url: str
    current: bool


class IndicatorGroup(NamedTuple):
    label: str
    items: list[IndicatorLink]


def indicator_groups(current: str = "") -> list[IndicatorGroup]:
    return [IndicatorGroup(g, [IndicatorLink(i.key, i.label, urls.indicator_url(i.key), i.key == current)
                               for i in ti.INDICATORS if i.group == g]) for g in ti.GROUPS]


def _comparable(site: Site) -> list[Report]:
    return [r for r in site.content.reports if r.template != "none"]


def _by_year(site: Site) -> dict[int, list[Report]]:
    out: dict[int, list[Report]] = {y: [] for y in site.content.years}
    for r in _comparable(site):
        out[r.year].append(r)
    return out


def _agencies(site: Site) -> list[str]:
    """The agencies with a comparable report, in the register's order, then any unregistered."""
    having = {r.agency for r in _comparable(site)}
    out = [a for a in site.content.agencies if a in having]
    return out + sorted(having - set(out))


def _number(value: int | float | None, indicator: ti.Indicator, headers: str) -> DataCell:
    if value is None:
        return DataCell("", headers, "blank")
    if indicator.kind == ti.RATE:
        return DataCell(f"{value:.1f}%", headers, "value", str(value))
    return cell(value, headers)


def _signed(diff: int | float | None, headers: str, rate: bool = False) -> DataCell:
    if diff is None:
        return DataCell("", headers, "blank")
    text = f"{diff:+.1f}" if rate or isinstance(diff, float) else f"{diff:+,}"
    return DataCell(text.replace("+0.0", "0").replace("+0", "0") if diff == 0 else text, headers, "value", str(diff))


# --- the county by year --------------------------------------------------------------------


@dataclass(kw_only=True)
class CountyPage(Common):
    totals: DataTable = doc("全县各年主要数字之和（行为指标，列为年度），附报告数")
    chart: Chart | None = doc("全县各年办理结果的图（都为 0 或空白时为空），用 svg 过滤器显示")
    changes: DataTable | None = doc("各主要数字比上年增减（只有一个年度时为空）")
    rates: DataTable = doc("全县各年的比率（公开率、复议纠错率等）")
    reasons: DataTable = doc("全县各年不予公开的理由（八种情形）")
    groups: list[IndicatorGroup] = doc("各指标页面，按类分组：label、items（key、label、url、current）")
    picker_url: str = doc("自选比较页面的路径")


def _by_indicator(prefix: str, by_year: dict[int, list[Report]], indicators: tuple[ti.Indicator, ...], parts: ti.Parts,
                  labels: tuple[str, ...] = ()) -> list[BodyRow]:
    """A row per indicator (its head linking to the indicator's page), a column per year:
    the years side by side, as a reader follows a figure through time."""
    rows = []
    for n, ind in enumerate(indicators):
        rid = f"{prefix}-r{n}"
        cells = tuple(_number(ti.total(reports, ind, parts), ind, f"{prefix}-c{k} {rid}") for k, reports in enumerate(by_year.values()))
        rows.append(BodyRow(Head(labels[n] if labels else ind.label, rid, scope="row"), cells, link=urls.indicator_url(ind.key)))
    return rows


def _notes(rows: list[BodyRow], *extra: str) -> tuple[str, ...]:
    blank = (NOTE_BLANK,) if any(c.kind == "blank" for r in rows for c in r.cells) else ()
    return blank + extra


def county_page(site: Site, page: urls.Page) -> CountyPage:
    by_year = _by_year(site)
    year_labels = [f"{y}年" for y in by_year]
    counts = ti.COUNTS[: len(figures.FIGURES)]
    heads = simple_heads("ct", "指标", year_labels)
    reported = BodyRow(Head("报告数", "ct-rn", scope="row"),
                       tuple(cell(len(rs), f"ct-c{k} ct-rn") for k, rs in enumerate(by_year.values())))
    rows = [reported, *_by_indicator("ct", by_year, counts, site.indicator_parts)]
    totals = DataTable("ct", "全县各年主要数字（单位：件；各机关报告之和，第三部分取“总计”列）", heads, tuple(rows),
                       _notes(rows, NOTE_SUM, "点指标名称可以看各机关的历年数字。"), width=len(heads[0]))
    years = [y for y, rs in by_year.items() if rs]
    series = [Series(figures.BY_KEY[k].label, [ti.total(by_year[y], ti.BY_KEY[k], site.indicator_parts) for y in years]) for k in figures.OUTCOMES]
    chart = None
    if any(v for s in series for v in s.values):
        chart = Chart("全县各年政府信息公开申请办理结果", [f"{y}年" for y in years], series)
    changes = None
    year_list = list(by_year)
    if len(year_list) > 1:
        ch_heads = simple_heads("cg", "指标", [f"{y}年比{y - 1}年" if year_list[k] == y - 1 else f"{y}年比{year_list[k]}年"
                                              for k, y in enumerate(year_list[1:])])
        ch_rows = []
        for n, ind in enumerate(counts):
            rid = f"cg-r{n}"
            cells = tuple(_signed(ti.change(ti.total(by_year[y], ind, site.indicator_parts), ti.total(by_year[year_list[k]], ind, site.indicator_parts)), f"cg-c{k} {rid}")
                          for k, y in enumerate(year_list[1:]))
            ch_rows.append(BodyRow(Head(ind.label, rid, scope="row"), cells, link=urls.indicator_url(ind.key)))
        changes = DataTable("cg", "全县各主要数字比上年增减（单位：件；+ 为增加，- 为减少）", ch_heads, tuple(ch_rows),
                            _notes(ch_rows, "两年中任一年的合计空白时，增减为空白。"), width=len(ch_heads[0]))
    rate_rows = _by_indicator("rt", by_year, ti.RATES, site.indicator_parts)
    rates = DataTable("rt", "全县各年的比率（%；定义见阅读帮助）", simple_heads("rt", "比率", year_labels), tuple(rate_rows),
                      _notes(rate_rows, "全县比率 = 各报告分子之和 ÷ 各报告分母之和，只计两者都有数字的报告。"),
                      width=len(year_labels) + 1)
    reasons_ind = ti.REASON_INDICATORS + (ti.BY_KEY["withheld"],)
    reason_rows = _by_indicator("rs", by_year, reasons_ind, site.indicator_parts,
                                tuple(i.label.removeprefix("不予公开：") for i in ti.REASON_INDICATORS) + ("不予公开合计",))
    reasons = DataTable("rs", "全县各年不予公开的理由（单位：件；第三部分（三）不予公开各行的“总计”列）",
                        simple_heads("rs", "理由", year_labels), tuple(reason_rows), _notes(reason_rows),
                        width=len(year_labels) + 1)
    return CountyPage(
        **common(site, page, "全县历年汇总", crumbs((urls.COMPARE, "比较"), (page.url, "全县历年汇总")),
                 "全县各机关政府信息公开申请、办理结果、复议诉讼的历年合计、增减和比率。"),
        totals=totals, chart=chart, changes=changes, rates=rates, reasons=reasons,
        groups=indicator_groups(), picker_url=urls.PICKER,
    )


# --- one indicator, agencies × years ------------------------------------------------------


@dataclass(kw_only=True)
class IndicatorPage(Common):
    indicator: ti.Indicator = doc("指标：key、label、group、help（定义）、kind（count 件数 / rate 比率）、unit")
    table: DataTable = doc("各机关 × 各年度的表格，附全县合计和最近一年比上年的增减")
    chart: Chart | None = doc("全县各年的图（都为 0 或空白时为空）")
    groups: list[IndicatorGroup] = doc("各指标页面，按类分组")
    picker_url: str = doc("自选比较页面的路径")
    county_url: str = doc("全县历年汇总页面的路径")


def indicator_page(site: Site, page: urls.Page) -> IndicatorPage:
    ind = ti.BY_KEY[str(page.key[0])]
    years = site.content.years
    by_year = _by_year(site)
    change_years = (years[-1], years[-2]) if len(years) > 1 else None
    labels = [f"{y}年" for y in years]
    if change_years:
        labels.append(f"{change_years[0]}年比上年" + ("（百分点）" if ind.kind == ti.RATE else ""))
    heads = simple_heads("ix", "机关", labels)
    rows = []
    for n, agency_id in enumerate(_agencies(site)):
        rid = f"ix-r{n}"
        values: dict[int, Any] = {}
        cells = []
        for k, year in enumerate(years):
            report = site.content.report(agency_id, year)
            headers = f"ix-c{k} {rid}"
            if report is None or report.template == "none":
                cells.append(DataCell(NO_REPORT, headers, "text"))
                values[year] = None
            else:
                values[year] = ti.value(report, ind, site.indicator_parts)
                cells.append(_number(values[year], ind, headers))
        if change_years:
            cells.append(_signed(ti.change(values[change_years[0]], values[change_years[1]]), f"ix-c{len(years)} {rid}",
                                 ind.kind == ti.RATE))
        rows.append(BodyRow(Head(site.agency(agency_id).label, rid, scope="row"), tuple(cells),
                            link=urls.agency_url(agency_id)))
    fid = "ix-total"
    county = {y: ti.total(by_year[y], ind, site.indicator_parts) for y in years}
    foot_cells = [_number(county[y], ind, f"ix-c{k} {fid}") for k, y in enumerate(years)]
    if change_years:
        foot_cells.append(_signed(ti.change(county[change_years[0]], county[change_years[1]]), f"ix-c{len(years)} {fid}",
                                  ind.kind == ti.RATE))
    foot = (BodyRow(Head("全县" if ind.kind == ti.RATE else "全县合计", fid, scope="row"), tuple(foot_cells), total=True),)
    notes = []
    if any(c.kind == "text" for r in rows for c in r.cells):
        notes.append(NOTE_NO_REPORT)
    notes += list(_notes(rows))
    notes.append("全县比率 = 各报告分子之和 ÷ 各报告分母之和。" if ind.kind == ti.RATE else NOTE_SUM)
    unit = "%" if ind.kind == ti.RATE else "件"
    table = DataTable("ix", f"各机关历年{ind.label}（单位：{unit}）", heads, tuple(rows), tuple(notes), sortable=True,
                      foot=foot, width=len(heads[0]))
    with_data = [y for y in years if county[y] is not None]
    chart = None
    if any(county[y] for y in with_data):
        chart = Chart(f"全县各年{ind.label}", [f"{y}年" for y in with_data], [Series(ind.label, [county[y] for y in with_data])],
                      ind.unit)
    return IndicatorPage(
        **common(site, page, f"{ind.label}：各机关历年比较",
                 crumbs((urls.COMPARE, "比较"), (page.url, ind.label)), f"各机关历年{ind.label}的比较，附全县合计与比上年增减。"),
        indicator=ind, table=table, chart=chart, groups=indicator_groups(ind.key), picker_url=urls.PICKER,
        county_url=urls.COUNTY,
    )


# --- the picker ---------------------------------------------------------------------------


class AgencyChoice(NamedTuple):
    id: str
    name: str
    kind: str
    region: str


@dataclass(kw_only=True)
class PickerPage(Common):
    groups: list[IndicatorGroup] = doc("各指标，按类分组（表单的选项；没有 JavaScript 时是各指标页面的链接）")
    agencies: list[AgencyChoice] = doc("可选的机关：id、name、kind、region")
    years: list[int] = doc("可选的年度")
    data_url: str = doc("比较数据文件（JSON）的路径")
    county_url: str = doc("全县历年汇总页面的路径")


def picker_page(site: Site, page: urls.Page) -> PickerPage:
    return PickerPage(
        **common(site, page, "自选比较", crumbs((urls.COMPARE, "比较"), (page.url, "自选比较")),
                 "选择机关、年度和指标，得到表格、图和 CSV 文件。"),
        groups=indicator_groups(), agencies=_choices(site), years=list(site.content.years),
        data_url=urls.COMPARE_DATA, county_url=urls.COUNTY,
    )


def _choices(site: Site) -> list[AgencyChoice]:
    out = []
    for agency_id in _agencies(site):
        a = site.agency(agency_id)
        out.append(AgencyChoice(a.id, a.label, a.kind_label, a.region or "地区不详"))
    return out


def picker_data(site: Site) -> dict[str, Any]:
    """The picker's data file: agencies, years, indicators (with definitions) and, per
    indicator, each agency's numerator (and denominator for rates) by year, so the page
    computes the county's rate of any selection exactly as the indicator pages do. ``null``
    is blank or no report."""
    years = list(site.content.years)
    agencies = _agencies(site)
    reports = {(r.agency, r.year): r for r in _comparable(site)}
    values: dict[str, Any] = {}
    for ind in ti.INDICATORS:
        per_agency = []
        for agency_id in agencies:
            row = []
            for year in years:
                report = reports.get((agency_id, year))
                num, den = site.indicator_parts(report, ind) if report is not None else (None, None)
                if report is None:
                    row.append(None)
                elif ind.kind == ti.RATE:
                    row.append(None if num is None or den is None else [num, den])
                else:
                    row.append(num)
            per_agency.append(row)
        values[ind.key] = per_agency
    return {
        "years": years,
        "agencies": [c._asdict() for c in _choices(site)],
        "reported": [[(a, y) in reports for y in years] for a in agencies],
        "indicators": [{"key": i.key, "label": i.label, "group": i.group, "kind": i.kind, "unit": i.unit,
                        "help": i.help, "url": urls.indicator_url(i.key)} for i in ti.INDICATORS],
        "values": values,
    }


