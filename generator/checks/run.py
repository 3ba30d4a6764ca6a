"""Run every rule on loaded content; the findings of loading come first, all sorted.

R1–R10 check the tables' arithmetic and the text's numbers; the audit (Q1–Q7, ``audit``)
judges each report as a publication and runs only when asked: ``check_content(content,
audit=True)``. ``xxgk check`` asks for it unless given ``--no-audit``; the site builds its
quality page from it with ``--with-audit``; a caller that only wants to know whether the tables
add up (and the tests of R1–R8) leaves it out.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable

from ..content import REPORTS_DIR, Content
from ..findings import ERROR, WARNING, Finding, sort_findings
from ..model.report import Report
from .audit import audit as audit_content
from .rules import REPORT_RULES as BASE_REPORT_RULES
from .rules import RULES
from .rules import YEAR_PAIR_RULES as BASE_YEAR_PAIR_RULES
from .rules_history import r10_items_chain
from .text_numbers import r9_text_numbers

REPORT_RULES: tuple[Callable[[Report], Iterable[Finding]], ...] = (*BASE_REPORT_RULES, r9_text_numbers)
YEAR_PAIR_RULES: tuple[Callable[[Report, Report], Iterable[Finding]], ...] = (*BASE_YEAR_PAIR_RULES, r10_items_chain)


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


def check_content(content: Content, audit: bool = False) -> list[Finding]:
    findings = list(content.findings)
    for report in content.reports:
        findings += check_report(report)
    findings += check_years(content.reports)
    if audit:
        findings += audit_content(content)
    return sort_findings(findings)


# Findings about the report as its agency published it: its tables' arithmetic (R1–R4 are
# errors of the original, R5–R10 warnings) and the publication-quality audit. They are shown
# to citizens (report pages) and to the office (the quality page) and never keep a report off
# the site: the site publishes the original's numbers as printed. Q6 (the original file changed
# since it was imported) is not among them: the data no longer matches the file it came from.
AS_PRINTED = frozenset(r for r in RULES if r != "Q6")


def blocking(f: Finding) -> bool:
    """Whether ``f`` is the editor's own error (YAML, schema, types, impossible values,
    references, unsafe input, Q6), which keeps its report (or the whole site) unpublished."""
    return f.severity == ERROR and f.rule not in AS_PRINTED


def failed(findings: list[Finding], strict: bool = False) -> bool:
    """Whether the findings fail a check: an editor's error (:func:`blocking`); in strict mode
    any error (the original's arithmetic too) or warning."""
    if strict:
        return any(f.severity in (ERROR, WARNING) for f in findings)
    return any(blocking(f) for f in findings)


_REPORT_PATH = re.compile(rf"(?:^|/){REPORTS_DIR}/([a-z0-9-]+)/(\d{{4}})\.ya?ml$")


def owners(content: Content) -> Callable[[Finding], tuple[str | None, int | None]]:
    """A function giving the agency id and year a finding is about (None for portal-wide ones).

    From the finding's ``data`` (Q2 is located in agencies.yaml), else from the report loaded
    from its file, else from the file's place under ``reports/`` (a report that did not load).
    """
    by_path = {r.path: (r.agency, r.year) for r in content.reports}

    def owner(f: Finding) -> tuple[str | None, int | None]:
        if "agency" in f.data:  # Q2 (agency and year), an error in an agency's entry of agencies.yaml (agency)
            return f.data["agency"], f.data.get("year")
        if f.location.path in by_path:
            return by_path[f.location.path]
        m = _REPORT_PATH.search(f.location.path.replace("\\", "/"))
        if m:
            return m.group(1), int(m.group(2))
        return None, None

    return owner
