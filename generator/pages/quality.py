"""The county office's quality page (only with ``--with-audit``): every agency × year, every finding."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from ..checks.public import PLAIN, PUBLIC_RULES
from ..checks.rules import RULES
from ..checks.run import owners
from ..findings import ERROR, INFO, SEVERITY_LABELS, WARNING, Finding, count
from . import urls
from .site import Common, Site, common, crumbs, doc, finding_view, is_public
from .tables import BodyRow, DataCell, DataTable, Head, cell


class QualityFinding(NamedTuple):
    rule: str
    severity: str
    severity_label: str
    heading: str
    message: str
    arithmetic: str
    where: str  # file:line:column
    field: str
    public: bool  # also shown on public pages
    sentences: list[str]  # the sentences found copied (Q3, Q4)


class ReportFindings(NamedTuple):
    id: str
    label: str
    url: str  # "" when there is no report
    items: list[QualityFinding]


class RuleCount(NamedTuple):
    rule: str
    summary: str
    count: int
    public: bool


@dataclass(kw_only=True)
class QualityPage(Common):
    table: DataTable = doc("各机关各年度报告的问题数表格")
    details: list[ReportFindings] = doc("逐份报告的问题：id、label、url、items")
    portal: list[QualityFinding] = doc("关于整个门户的问题")
    summary: list[RuleCount] = doc("按规则统计：rule、summary、count、public")
    counts: dict[str, int] = doc("按级别统计：error、warning、info")
    report_count: int = doc("报告总数")


def quality_page(site: Site, page: urls.Page) -> QualityPage:
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
    keys = sorted({(r.agency, r.year) for r in content.reports} | set(per_report),
                  key=lambda k: (site.agency(k[0]).order, k[0], k[1]))
    prefix = "qa"
    severities = (ERROR, WARNING, INFO)
    heads = ((Head("机关与年度", f"{prefix}-corner", scope="col"),
              *(Head(SEVERITY_LABELS[s], f"{prefix}-c{i}", scope="col", numeric=True) for i, s in enumerate(severities)),
              Head("规则", f"{prefix}-rules", scope="col")),)
    rows, details = [], []
    for n, (agency_id, year) in enumerate(keys):
        found = per_report.get((agency_id, year), [])
        rid = f"{prefix}-r{n}"
        counts = count(found)
        cells = [cell(counts[sev], f"{prefix}-c{i} {rid}") for i, sev in enumerate(severities)]
        rules = sorted({f.rule for f in found}, key=_rule_order)
        cells.append(DataCell("、".join(rules) or "—", f"{prefix}-rules {rid}", kind="text"))
        has_report = content.report(agency_id, year) is not None
        label = f"{site.agency(agency_id).label} {year}年"
        rows.append(BodyRow(Head(label, rid, scope="row"), tuple(cells), link=urls.report_url(agency_id, year) if has_report else ""))
        if found:
            details.append(ReportFindings(f"{agency_id}-{year}", label, urls.report_url(agency_id, year) if has_report else "",
                                          [_view(f) for f in found]))
    table = DataTable(prefix, "各机关各年度报告的核查结果（点列标题可排序）", heads, tuple(rows), sortable=True, width=len(heads[0]))
    by_rule = Counter(f.rule for f in site.findings)
    summary = [RuleCount(r, RULES[r].summary if r in RULES else PLAIN.get(r, r), by_rule[r], r in PUBLIC_RULES)
               for r in sorted(by_rule, key=_rule_order)]
    return QualityPage(
        **common(site, page, "年度报告质量核查", crumbs((page.url, "质量核查")),
                 "各机关政府信息公开工作年度报告的勾稽关系与发布质量核查结果，供县政府办公室跟踪整改。"),
        table=table, details=details, portal=[_view(f) for f in portal], summary=summary,
        counts=count(site.findings), report_count=len(content.reports),
    )


def _rule_order(rule: str) -> tuple[int, int, str]:
    kind = {"R": 0, "Q": 1}.get(rule[:1], 2)
    number = int(rule[1:]) if rule[1:].isdigit() else 0
    return (kind, number, rule)


def _view(f: Finding) -> QualityFinding:
    sentences = f.data.get("sentences")
    return QualityFinding(*finding_view(f), str(f.location), f.field, is_public(f),
                          [str(x) for x in sentences] if isinstance(sentences, list) else [])
