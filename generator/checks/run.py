"""Run every rule on loaded content; the findings of loading come first, all sorted."""

from __future__ import annotations

from collections import defaultdict

from ..content import Content
from ..findings import ERROR, WARNING, Finding, sort_findings
from ..model.report import Report
from .rules import REPORT_RULES, YEAR_PAIR_RULES


def check_report(report: Report) -> list[Finding]:
    return [f for rule in REPORT_RULES for f in rule(report)]


def check_years(reports: list[Report]) -> list[Finding]:
    """Rules comparing each report with the same agency's report of the year before."""
    by_agency: dict[str, dict[int, Report]] = defaultdict(dict)
    for r in reports:
        by_agency[r.agency][r.year] = r
    findings = []
    for years in by_agency.values():
        for year, report in years.items():
            previous = years.get(year - 1)
            if previous is not None:
                findings += [f for rule in YEAR_PAIR_RULES for f in rule(previous, report)]
    return findings


def check_content(content: Content) -> list[Finding]:
    findings = list(content.findings)
    for report in content.reports:
        findings += check_report(report)
    findings += check_years(content.reports)
    return sort_findings(findings)


def failed(findings: list[Finding], strict: bool = False) -> bool:
    """Whether the findings fail a check: any error, or in strict mode any warning."""
    failing = (ERROR, WARNING) if strict else (ERROR,)
    return any(f.severity in failing for f in findings)
