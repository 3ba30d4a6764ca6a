"""What each page shows: one function per page type, returning the template's variables.

Contexts are plain dicts of plain values (strings, numbers, lists, the dataclasses of
``tables``); every page gets the common ones from :func:`common`. The templates read nothing
else, so a portal's override of a template can rely on the names documented here:

* every page: ``site``, ``page_url``, ``title``, ``description``, ``nav``, ``crumbs``,
  ``footer``, ``search_enabled``;
* ``report``: ``report``, ``meta``, ``parts``, ``findings``, ``other_years``, ``downloads``;
* ``agency``: ``agency``, ``reports``, ``table``, ``chart``, ``findings``;
* ``compare``: ``year``, ``table``, ``part2_tables``; ``data``: ``files``, ``columns``…
* ``quality`` (only with ``--with-audit``): ``table``, ``details``, ``portal``, ``summary``,
  ``counts``, ``report_count``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..checks.rules import RULES
from ..checks.run import owners
from ..content import Content
from ..findings import ERROR, INFO, SEVERITY_LABELS, WARNING, Finding, count
from ..model import spec
from ..model.portal import Agency
from ..model.report import Report
from . import charts, figures, markdown, plan
from .tables import BodyRow, DataCell, DataTable, Head, proactive_tables, requests_table, review_table
from .templates import format_number

NAV = (
    (plan.HOME, "首页"),
    (plan.AGENCIES, "机关"),
    (plan.COMPARE, "比较"),
    (plan.DATA, "数据下载"),
    (plan.HELP, "阅读帮助"),
    (plan.SEARCH, "搜索"),
)

# Plain-words headings for findings; the message says the details.
PLAIN = {
    "R1": "本报告第三部分各列数字不平衡：本年新收加上年结转，不等于办理结果总计加结转下年度",
    "R2": "本报告第三部分有的行，总计不等于各类申请人之和",
    "R3": "本报告第三部分各项办理结果相加，不等于（七）总计",
    "R4": "本报告第四部分的总计，不等于各项结果之和",
    "R5": "本报告的“上年结转”与本机关上一年报告的“结转下年度”不一致",
    "R6": "本报告第二部分的现行有效件数与上一年报告接不上",
    "R7": "本报告有表格或部分是空白的",
    "R8": "本报告使用的表格格式与年度不符",
    "R9": "本报告正文中所说的数字与表格中的不一致",
    "R10": "本报告第二部分的项目数量与上一年报告接不上",
    "Q1": "本报告发布晚于规定期限",
    "Q2": "本机关缺少某一年的报告",
    "Q3": "本报告的文字与本机关上一年报告大量相同",
    "Q4": "本报告的文字与其他机关同年报告大量相同",
    "Q5": "本报告缺少某一部分，或某部分只写了“无”",
    "Q6": "原件在导入后被改动过",
    "Q7": "本报告第六部分没有说明是否收取信息处理费",
}
ARITHMETIC = {"R1", "R2", "R3", "R4", "R5", "R6", "R9", "R10"}
# What citizens are told on public pages: the published tables and text that do not add up, a
# blank or mismatched template, a late report, and notes on the data (SCHEMA warnings such as an
# impossible date). Copying (Q3, Q4), thin parts (Q5), missing years (Q2) and the fee statement
# (Q7) are for the county office: they appear on the quality page only (--with-audit).
PUBLIC_RULES = {"R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "Q1", "SCHEMA"}


def is_public(f: Finding) -> bool:
    return f.rule in PUBLIC_RULES

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


@dataclass
class Site:
    """Everything derived from the whole content once, before any page is rendered."""

    content: Content
    findings: list[Finding]
    by_path: dict[str, list[Finding]]
    base_url: str
    file_sizes: dict[str, int]  # site path -> bytes, for download links
    search_enabled: bool = True
    xlsx_has_long: bool = True
    _values: dict[tuple[str, int], dict[str, int | float | None]] = field(default_factory=dict)

    @classmethod
    def gather(cls, content: Content, findings: list[Finding], base_url: str, file_sizes: dict[str, int]) -> Site:
        by_path: dict[str, list[Finding]] = defaultdict(list)
        for f in findings:
            by_path[f.location.path].append(f)
        return cls(content, findings, dict(by_path), base_url, file_sizes)

    def values(self, report: Report) -> dict[str, int | float | None]:
        """The key figures of a report, computed once per build."""
        key = (report.agency, report.year)
        cached = self._values.get(key)
        if cached is None:
            cached = self._values[key] = figures.values(report)
        return cached

    def agency(self, agency_id: str) -> Agency:
        found = self.content.agencies.get(agency_id)
        if found is not None:
            return found
        return Agency(id=agency_id, name=agency_id, kind="other")

    def report_findings(self, report: Report) -> list[dict[str, str]]:
        return [finding_view(f) for f in self.by_path.get(report.path, []) if is_public(f)]


def finding_view(f: Finding) -> dict[str, str]:
    rule = RULES.get(f.rule)
    return {
        "rule": f.rule,
        "severity": f.severity,
        "severity_label": SEVERITY_LABELS.get(f.severity, f.severity),
        "heading": PLAIN.get(f.rule) or (rule.summary if rule else "报告数据提示"),
        "message": f.message,
        "arithmetic": "yes" if f.rule in ARITHMETIC else "",
    }


def common(site: Site, page: plan.Page, title: str, crumbs: list[tuple[str, str]], description: str = "") -> dict[str, Any]:
    cfg = site.content.site
    assert cfg is not None
    contact = cfg.contact or {}
    return {
        "site": cfg,
        "page_url": page.url,
        "page_kind": page.kind,
        "title": title,
        "description": description or (cfg.description or cfg.title),
        "nav": [{"url": u, "label": label, "current": u == page.url} for u, label in NAV],
        "crumbs": crumbs,
        "footer": {
            "sponsor": cfg.sponsor,
            "organizer": cfg.organizer or "",
            "site_code": cfg.site_code or "",
            "icp": cfg.icp or "",
            "police_record": cfg.police_record or "",
            "address": contact.get("address", ""),
            "phone": contact.get("phone", ""),
            "email": contact.get("email", ""),
        },
        "search_enabled": site.search_enabled,
        "feed_url": plan.FEED,
    }


def _crumbs(*items: tuple[str, str]) -> list[tuple[str, str]]:
    return [(plan.HOME, "首页"), *items]


# --- report ---------------------------------------------------------------------------------


def report_page(site: Site, page: plan.Page) -> dict[str, Any]:
    agency_id, year = page.key
    report = site.content.report(str(agency_id), int(year))  # type: ignore[arg-type]
    assert report is not None
    agency = site.agency(report.agency)
    parts = []
    if report.preamble:
        parts.append({"id": "preamble", "title": "前言", "html": markdown.render(report.preamble), "tables": [], "empty": ""})
    tables_by_part: dict[int, tuple[str, list[DataTable]]] = {}
    if report.template != "none":
        tables_by_part = {
            2: ("proactive", proactive_tables(report) if report.proactive else []),
            3: ("requests", [requests_table(report)] if report.requests else []),
            4: ("review_litigation", [review_table(report)] if report.review_litigation else []),
        }
    text_of = {1: report.overview, 5: report.problems, 6: report.other}
    for number, heading in spec.PART_TITLES.items():
        if number in text_of:
            text = text_of[number]
            parts.append({"id": f"part{number}", "title": heading, "html": markdown.render(text), "tables": [],
                          "empty": "" if text else "原报告此部分没有内容。"})
        elif number in tables_by_part:
            key, tables = tables_by_part[number]
            text = getattr(report, key + spec.TABLE_TEXT_SUFFIX)
            empty = "" if (tables or text) else "原报告此部分没有表格。"
            parts.append({"id": f"part{number}", "title": heading, "html": markdown.render(text), "tables": tables, "empty": empty})
        else:
            parts.append({"id": f"part{number}", "title": heading, "html": markdown.render(None), "tables": [],
                          "empty": "这份报告没有采用固定格式（2019年以前的报告），没有这一部分的表格。"})
    others = [
        {"year": r.year, "url": plan.report_url(r.agency, r.year), "current": r.year == report.year}
        for r in site.content.reports_of(report.agency)
    ]
    downloads = []
    if report.source:
        url = plan.original_url(report.agency, report.year, report.source.file)
        suffix = Path(report.source.file).suffix.lower()
        kind = FILE_TYPES.get(suffix, suffix.lstrip(".").upper() or "文件")
        downloads.append({"url": url, "label": f"报告原件（{kind}，{size_text(site.file_sizes.get(url, 0))}）", "kind": "original"})
    for suffix in plan.REPORT_DATA_SUFFIXES:
        url = plan.report_data_url(report.agency, report.year, suffix)
        what = {"yaml": "本站整理的数据", "json": "数据", "csv": "表格数据，每个数字一行"}[suffix]
        downloads.append({"url": url, "label": f"{what}（{suffix.upper()}，{size_text(site.file_sizes.get(url, 0))}）", "kind": suffix})
    meta = [
        ("机关", agency.name),
        ("报告中的机关名称", report.agency_name or agency.name),
        ("年度", f"{report.year}年"),
        ("格式", f"{report.spec.name}（{report.spec.issued_by}）" if report.spec.issued_by else report.spec.name),
        ("发布日期", report.published.isoformat() if report.published else "原报告未注明"),
    ]
    if report.source and report.source.url:
        meta.append(("原发布地址", report.source.url))
    contact = []
    if report.contact:
        labels = {"address": "地址", "postcode": "邮编", "phone": "电话", "email": "电子邮箱", "website": "网站"}
        contact = [(labels[k], getattr(report.contact, k)) for k in labels if getattr(report.contact, k)]
    ctx = common(
        site,
        page,
        report.title,
        _crumbs((plan.AGENCIES, "机关"), (plan.agency_url(report.agency), agency.label), (page.url, f"{report.year}年报告")),
        f"{agency.name}{report.year}年政府信息公开工作年度报告全文与数据。",
    )
    ctx.update(
        report=report,
        agency=agency,
        agency_url=plan.agency_url(report.agency),
        meta=meta,
        contact=contact,
        parts=parts,
        findings=site.report_findings(report),
        other_years=others,
        downloads=downloads,
    )
    return ctx


# --- agencies -------------------------------------------------------------------------------


def agencies_page(site: Site, page: plan.Page) -> dict[str, Any]:
    groups: dict[str, dict[str, list[dict[str, Any]]]] = {}
    regions: dict[str, list[Agency]] = defaultdict(list)
    for agency in site.content.agencies.values():
        regions[agency.region or "地区不详"].append(agency)
    for region in sorted(regions, key=lambda r: (r == "地区不详", r)):
        kinds: dict[str, list[dict[str, Any]]] = {}
        for kind_key, kind_label in spec.AGENCY_KINDS.items():
            members = [a for a in regions[region] if a.kind == kind_key]
            if members:
                kinds[kind_label] = [
                    {
                        "name": a.name,
                        "url": plan.agency_url(a.id),
                        "years": [r.year for r in site.content.reports_of(a.id)],
                    }
                    for a in members
                ]
        groups[region] = kinds
    ctx = common(site, page, "机关", _crumbs((page.url, "机关")), "按地区和机关类别列出的全部机关及其历年报告。")
    ctx.update(groups=groups, count=len(site.content.agencies))
    return ctx


def _year_table(site: Site, reports: list[Report], prefix: str) -> DataTable:
    heads = [Head("年度", f"{prefix}-corner", scope="col")] + [
        Head(f.label, f"{prefix}-c{i}", scope="col", numeric=True) for i, f in enumerate(figures.FIGURES)
    ]
    rows = []
    for n, report in enumerate(reports):
        rid = f"{prefix}-r{n}"
        vals = site.values(report)
        cells = [_num_cell(vals[f.key], f"{prefix}-c{i} {rid}") for i, f in enumerate(figures.FIGURES)]
        rows.append(BodyRow(Head(f"{report.year}年", rid, scope="row"), cells, link=plan.report_url(report.agency, report.year)))
    table = DataTable(prefix, "历年主要数字（单位：件；办理结果为各类申请人总计）", [heads], rows, sortable=True,
                      width=len(heads))
    if any(c.kind == "blank" for r in rows for c in r.cells):
        table.notes.append("空白表示该年报告中相关的格子未填写，无法得出这一数字。")
    return table


def _num_cell(value: Any, headers: str) -> DataCell:
    if value is None:
        return DataCell("", headers, "blank")
    if value == spec.NOT_APPLICABLE:
        return DataCell("/", headers, "na")
    return DataCell(format_number(value), headers, "value", str(value))


def agency_page(site: Site, page: plan.Page) -> dict[str, Any]:
    agency = site.agency(str(page.key[0]))
    reports = site.content.reports_of(agency.id)
    table = _year_table(site, reports, "yy")
    chart = None
    with_tables = [r for r in reports if r.requests]
    if with_tables:
        series = [
            charts.Series(figures.BY_KEY[k].label, [site.values(r)[k] for r in with_tables]) for k in figures.OUTCOMES
        ]
        if any(v for s in series for v in s.values):
            chart = charts.stacked_bars(
                f"{agency.label}历年政府信息公开申请办理结果", [f"{r.year}年" for r in with_tables], series
            )
    findings = [
        {"year": r.year, "url": plan.report_url(r.agency, r.year), "items": site.report_findings(r)}
        for r in reports
        if site.report_findings(r)
    ]
    report_paths = {r.path for r in site.content.reports}
    own = [
        finding_view(f)
        for f in site.findings
        if f.data.get("agency") == agency.id and f.location.path not in report_paths and is_public(f)
    ]
    ctx = common(
        site,
        page,
        agency.name,
        _crumbs((plan.AGENCIES, "机关"), (page.url, agency.label)),
        f"{agency.name}历年政府信息公开工作年度报告、主要数字与核查发现。",
    )
    ctx.update(
        agency=agency,
        reports=[
            {"year": r.year, "title": r.title, "url": plan.report_url(r.agency, r.year), "template": r.spec.name,
             "published": r.published.isoformat() if r.published else ""}
            for r in reversed(reports)
        ],
        table=table if reports else None,
        chart=chart,
        findings=findings,
        agency_findings=own,
    )
    return ctx


# --- home -----------------------------------------------------------------------------------


def home_page(site: Site, page: plan.Page) -> dict[str, Any]:
    content = site.content
    latest = content.years[-1] if content.years else None
    reports = [r for r in content.reports if r.year == latest]
    totals = []
    for f in figures.FIGURES:
        total, missing = figures.add([site.values(r)[f.key] for r in reports if r.template != "none"])
        totals.append({"label": f.label, "help": f.help, "value": format_number(total) if total is not None else "",
                       "missing": missing})
    ctx = common(site, page, site.content.site.title if site.content.site else "", [], "")
    ctx.update(
        latest=latest,
        reported=len(reports),
        agencies_count=len(content.agencies),
        totals=totals,
        latest_reports=[
            {"title": r.title, "url": plan.report_url(r.agency, r.year), "agency": site.agency(r.agency).label}
            for r in reports
        ],
        years=[{"year": y, "url": plan.compare_url(y), "count": sum(1 for r in content.reports if r.year == y)}
               for y in reversed(content.years)],
        report_count=len(content.reports),
        finding_count=sum(
            1 for f in site.findings if f.location.path in {r.path for r in content.reports} and is_public(f)
        ),
    )
    return ctx


# --- comparisons ----------------------------------------------------------------------------


def compare_index_page(site: Site, page: plan.Page) -> dict[str, Any]:
    ctx = common(site, page, "比较", _crumbs((page.url, "比较")), "按年度比较各机关的主要数字，或查看一个机关的历年变化。")
    ctx.update(
        years=[{"year": y, "url": plan.compare_url(y), "count": sum(1 for r in site.content.reports if r.year == y)}
               for y in reversed(site.content.years)],
        agencies=[{"name": a.name, "url": plan.agency_url(a.id) + "#years", "count": len(site.content.reports_of(a.id))}
                  for a in site.content.agencies.values()],
    )
    return ctx


def compare_page(site: Site, page: plan.Page) -> dict[str, Any]:
    year = int(page.key[0])  # type: ignore[call-overload]
    reports = [r for r in site.content.reports if r.year == year]
    prefix = "cmp"
    heads = [Head("机关", f"{prefix}-corner", scope="col")] + [
        Head(f.label, f"{prefix}-c{i}", scope="col", numeric=True) for i, f in enumerate(figures.FIGURES)
    ]
    rows = []
    comparable = [r for r in reports if r.template != "none"]
    for n, report in enumerate(comparable):
        rid = f"{prefix}-r{n}"
        vals = site.values(report)
        cells = [_num_cell(vals[f.key], f"{prefix}-c{i} {rid}") for i, f in enumerate(figures.FIGURES)]
        rows.append(BodyRow(Head(site.agency(report.agency).label, rid, scope="row"), cells,
                            link=plan.report_url(report.agency, report.year)))
    foot = []
    if comparable:
        fid = f"{prefix}-total"
        cells = []
        for i, f in enumerate(figures.FIGURES):
            total, missing = figures.add([site.values(r)[f.key] for r in comparable])
            cells.append(_num_cell(total, f"{prefix}-c{i} {fid}"))
        foot.append(BodyRow(Head("合计", fid, scope="row"), cells, total=True))
    table = DataTable(prefix, f"{year}年各机关主要数字（单位：件；第三部分取“总计”列，（六）各行已相加）",
                      [heads], rows, sortable=True, foot=foot, width=len(heads))
    if any(c.kind == "blank" for r in rows for c in r.cells):
        table.notes.append("空白表示该机关报告中相关的格子未填写，无法得出这一数字；合计只加有数字的机关。")
    part2 = []
    for template in ("gb2019", "gb2021"):
        members = [r for r in reports if r.template == template and r.proactive]
        if not members:
            continue
        p2 = figures.part2_figures(template)
        tp = f"p2{template}"
        heads2 = [Head("机关", f"{tp}-corner", scope="col")] + [
            Head(f.label, f"{tp}-c{i}", scope="col", numeric=True) for i, f in enumerate(p2)
        ]
        rows2 = []
        for n, report in enumerate(members):
            rid = f"{tp}-r{n}"
            cells = [_num_cell(figures.part2_value(report, f), f"{tp}-c{i} {rid}") for i, f in enumerate(p2)]
            rows2.append(BodyRow(Head(site.agency(report.agency).label, rid, scope="row"), cells,
                                 link=plan.report_url(report.agency, report.year)))
        t = spec.TEMPLATES[template]
        table2 = DataTable(tp, f"{year}年第二部分主动公开情况：使用{t.name}（{t.issued_by}）的报告", [heads2], rows2,
                           sortable=True, width=len(heads2))
        if any(c.kind == "blank" for r in rows2 for c in r.cells):
            table2.notes.append("空白表示原报告此处未填写。")
        part2.append(table2)
    ctx = common(site, page, f"{year}年各机关比较", _crumbs((plan.COMPARE, "比较"), (page.url, f"{year}年")),
                 f"{year}年各机关政府信息公开申请、复议、诉讼数字并列比较。")
    ctx.update(
        year=year,
        table=table,
        part2_tables=part2,
        without_tables=[{"name": site.agency(r.agency).label, "url": plan.report_url(r.agency, r.year)}
                        for r in reports if r.template == "none"],
        other_years=[{"year": y, "url": plan.compare_url(y), "current": y == year} for y in site.content.years],
    )
    return ctx


# --- data, help, search, 404 ----------------------------------------------------------------


def data_page(site: Site, page: plan.Page, wide_columns: list[Any]) -> dict[str, Any]:
    from ..export.rows import LONG_COLUMNS

    describe = {
        "xxgk-long.csv": "长表（CSV）：每个数字一行，可直接用 Excel 打开",
        "xxgk-wide.csv": "宽表（CSV）：每份报告一行，每个格子一列",
        "xxgk-columns.csv": "列说明（CSV）：长表和宽表每一列的含义",
        "xxgk.xlsx": "全部数据（Excel 工作簿）：长表、宽表和列说明三个工作表"
        if site.xlsx_has_long
        else "全部数据（Excel 工作簿）：宽表和列说明两个工作表（长表行数太多，请用 CSV）",
        "xxgk-long.json": "长表（JSON）",
        "xxgk-wide.json": "宽表（JSON）",
        "xxgk.json": "全部报告的完整数据（JSON），含机关名录",
    }
    files = []
    for name in plan.dataset_names():
        url = plan.data_file_url(name)
        files.append({"url": url, "label": f"{describe[name]}，{size_text(site.file_sizes.get(url, 0))}", "name": name})
    cfg = site.content.site
    ctx = common(site, page, "数据下载", _crumbs((page.url, "数据下载")), "全部报告的表格数据，CSV、JSON 和 Excel 格式。")
    ctx.update(
        files=files,
        licence=(cfg.data_licence if cfg and cfg.data_licence else "数据摘自各机关公开发布的政府信息公开工作年度报告。"),
        long_columns=LONG_COLUMNS,
        wide_columns=wide_columns[:10],
        wide_cell_count=len(wide_columns) - 10,
        report_count=len(site.content.reports),
    )
    return ctx


def help_page(site: Site, page: plan.Page) -> dict[str, Any]:
    from .glossary import TERMS, columns_for_help, rows_for_help

    ctx = common(site, page, "阅读帮助", _crumbs((page.url, "阅读帮助")), "年度报告中每一行、每一列是什么意思。")
    ctx.update(terms=TERMS, rows=rows_for_help(), columns=columns_for_help(),
               rules=[(r.id, r.summary) for r in RULES.values()],
               plain=PLAIN)
    return ctx


def search_page(site: Site, page: plan.Page) -> dict[str, Any]:
    return common(site, page, "搜索", _crumbs((page.url, "搜索")), "在全部报告和机关中搜索。")


def not_found_page(site: Site, page: plan.Page) -> dict[str, Any]:
    from urllib.parse import urlsplit

    ctx = common(site, page, "找不到这个页面", [], "")
    ctx["base_path"] = urlsplit(site.base_url).path if site.base_url else ""
    return ctx


# --- the county office's quality page (--with-audit) ----------------------------------------


def quality_page(site: Site, page: plan.Page) -> dict[str, Any]:
    """Every agency × year with its findings, sortable, linked to the report pages."""
    content = site.content
    owner = owners(content)
    per_report: dict[tuple[str, int], list[Finding]] = defaultdict(list)
    portal: list[Finding] = []
    for f in site.findings:
        agency, year = owner(f)
        if agency is not None and year is not None:
            per_report[(agency, year)].append(f)
        else:
            portal.append(f)
    keys = sorted(
        {(r.agency, r.year) for r in content.reports} | set(per_report),
        key=lambda k: (site.agency(k[0]).order, k[0], k[1]),
    )
    prefix = "qa"
    severities = (ERROR, WARNING, INFO)
    heads = [Head("机关与年度", f"{prefix}-corner", scope="col")]
    heads += [Head(SEVERITY_LABELS[s], f"{prefix}-c{i}", scope="col", numeric=True) for i, s in enumerate(severities)]
    heads.append(Head("规则", f"{prefix}-rules", scope="col"))
    rows, details = [], []
    for n, (agency_id, year) in enumerate(keys):
        found = per_report.get((agency_id, year), [])
        rid = f"{prefix}-r{n}"
        counts = count(found)
        cells = [_num_cell(counts[sev], f"{prefix}-c{i} {rid}") for i, sev in enumerate(severities)]
        rules = sorted({f.rule for f in found}, key=_rule_order)
        cells.append(DataCell("、".join(rules) or "—", f"{prefix}-rules {rid}", kind="text"))
        has_report = content.report(agency_id, year) is not None
        label = f"{site.agency(agency_id).label} {year}年"
        rows.append(BodyRow(Head(label, rid, scope="row"), cells,
                            link=plan.report_url(agency_id, year) if has_report else ""))
        if found:
            details.append({"id": f"{agency_id}-{year}", "label": label,
                            "url": plan.report_url(agency_id, year) if has_report else "",
                            "items": [_quality_view(f) for f in found]})
    table = DataTable(prefix, "各机关各年度报告的核查结果（点列标题可排序）", [heads], rows, sortable=True,
                      width=len(heads))
    by_rule = Counter(f.rule for f in site.findings)
    summary = [
        {"rule": r, "summary": RULES[r].summary if r in RULES else PLAIN.get(r, r), "count": by_rule[r],
         "public": r in PUBLIC_RULES}
        for r in sorted(by_rule, key=_rule_order)
    ]
    ctx = common(site, page, "年度报告质量核查", _crumbs((page.url, "质量核查")),
                 "各机关政府信息公开工作年度报告的勾稽关系与发布质量核查结果，供县政府办公室跟踪整改。")
    ctx.update(table=table, details=details, portal=[_quality_view(f) for f in portal], summary=summary,
               counts=count(site.findings), report_count=len(content.reports))
    return ctx


def _rule_order(rule: str) -> tuple[int, int, str]:
    kind = {"R": 0, "Q": 1}.get(rule[:1], 2)
    number = int(rule[1:]) if rule[1:].isdigit() else 0
    return (kind, number, rule)


def _quality_view(f: Finding) -> dict[str, Any]:
    view: dict[str, Any] = dict(finding_view(f))
    view["where"] = str(f.location)
    view["field"] = f.field
    view["public"] = is_public(f)
    sentences = f.data.get("sentences")
    view["sentences"] = [str(x) for x in sentences] if isinstance(sentences, list) else []
    return view
