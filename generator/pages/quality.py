"""The county office's quality page (only with ``--with-audit``): every agency × year, every finding.

All in Chinese like every page of the site: a rule by its Chinese name (``checks.public.NAMES``),
a message without field keys, a place as the file (relative to the content folder) and its
line. The reports left out of the build (``build.check.Withheld``) are listed as not published,
with the errors that kept them out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import NamedTuple

from ..checks.public import NAMES, PLAIN, PUBLIC_RULES, plain_field, plain_message
from ..checks.rules import RULES
from ..checks.run import blocking, owners
from ..findings import ERROR, INFO, SEVERITY_LABELS, WARNING, Finding, count, display_path
from . import urls
from .site import Common, Site, common, crumbs, doc, finding_view, is_public
from .tables import BodyRow, DataCell, DataTable, Head, cell


class QualityFinding(NamedTuple):
    rule: str  # the rule's id, for the theme's classes; never shown
    severity: str
    severity_label: str
    heading: str
    message: str
    arithmetic: str
    rule_name: str  # the rule's Chinese name
    where: str  # the file, relative to the content folder, and its line, in Chinese
    field: str  # the field's Chinese name ("" when it has none)
    public: bool  # also shown on public pages
    sentences: list[str]  # the sentences found copied (Q3, Q4)


class ReportFindings(NamedTuple):
    id: str
    label: str
    url: str  # "" when there is no report (or it was left out)
    items: list[QualityFinding]
    withheld: bool = False  # left out of the site by an editor's error


class RuleCount(NamedTuple):
    rule: str  # the rule's Chinese name
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
    withheld_count: int = doc("因数据文件有错误而未发布的报告数")


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
              Head("核对项目", f"{prefix}-rules", scope="col")),)
    rows, details = [], []
    withheld = {(w.agency, w.year) for w in site.withheld}
    root = display_path(content.root).replace("\\", "/").rstrip("/") + "/"
    for n, (agency_id, year) in enumerate(keys):
        found = per_report.get((agency_id, year), [])
        rid = f"{prefix}-r{n}"
        counts = count(found)
        cells = [cell(counts[sev], f"{prefix}-c{i} {rid}") for i, sev in enumerate(severities)]
        rules = sorted({f.rule for f in found}, key=_rule_order)
        cells.append(DataCell("、".join(NAMES.get(r, r) for r in rules) or "—", f"{prefix}-rules {rid}", kind="text"))
        has_report = content.report(agency_id, year) is not None
        left_out = (agency_id, year) in withheld or agency_id in {a for a, y in withheld if y is None}
        label = f"{site.agency(agency_id).label} {year}年" + ("（未发布）" if left_out else "")
        rows.append(BodyRow(Head(label, rid, scope="row"), tuple(cells), link=urls.report_url(agency_id, year) if has_report else ""))
        if found:
            details.append(ReportFindings(f"{agency_id}-{year}", label, urls.report_url(agency_id, year) if has_report else "",
                                          [_view(f, root, not left_out) for f in found], left_out))
    table = DataTable(prefix, "各机关各年度报告的核查结果（点列标题可排序）", heads, tuple(rows), sortable=True, width=len(heads[0]))
    by_rule = Counter(f.rule for f in site.findings)
    summary = [RuleCount(NAMES.get(r, "其他"), plain_message(RULES[r].summary) if r in RULES else PLAIN.get(r, OTHER.get(r, "")),
                         by_rule[r], r in PUBLIC_RULES)
               for r in sorted(by_rule, key=_rule_order)]
    return QualityPage(
        **common(site, page, "年度报告质量核查", crumbs((page.url, "质量核查")),
                 "各机关政府信息公开工作年度报告的勾稽关系与发布质量核查结果，供县政府办公室跟踪整改。"),
        table=table, details=details, portal=[_view(f, root) for f in portal], summary=summary,
        counts=count(site.findings), report_count=len(content.reports) + len(site.withheld), withheld_count=len(site.withheld),
    )


def _rule_order(rule: str) -> tuple[int, int, str]:
    kind = {"R": 0, "Q": 1}.get(rule[:1], 2)
    number = int(rule[1:]) if rule[1:].isdigit() else 0
    return (kind, number, rule)


# What the rules of the data files (not of the report format) check, in plain words.
OTHER = {
    "SCHEMA": "数据文件的键、类型或取值不符合报告格式",
    "YAML": "数据文件无法读取",
    "REF": "文件之间对不上（机关未登记、文件位置与内容不符、原件缺失）",
}


def _view(f: Finding, root: str, published: bool = True) -> QualityFinding:
    sentences = f.data.get("sentences")
    path = f.location.path.replace("\\", "/")
    path = path[len(root):] if path.startswith(root) else path.rsplit("/", 1)[-1]
    where = f"{path}" + (f"，第 {f.location.line} 行" if f.location.line else "")
    return QualityFinding(*finding_view(f), where, plain_field(f.field), published and is_public(f) and not blocking(f),
                          [str(x) for x in sentences] if isinstance(sentences, list) else [])
