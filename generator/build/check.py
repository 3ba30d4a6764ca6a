"""Stage 2, check: every rule and the publication-quality audit on the loaded content.

A build with errors stops here (:class:`CheckFailed`); nothing has been written. The audit
(Q1–Q7) always runs, so that report pages can state what citizens should know (a late report).

:func:`recheck` is the preview's: after an edit, only the edited agencies' findings afresh.
"""

from __future__ import annotations

from ..checks.audit import report_audit
from ..checks.run import check_content, check_report, check_years, failed
from ..content import Content
from ..findings import Finding, sort_findings
from .errors import CheckFailed


def check(content: Content) -> list[Finding]:
    findings = check_content(content, audit=True)
    if failed(findings) or content.site is None:
        raise CheckFailed(findings)
    return findings


def recheck(content: Content, before: list[Finding], agencies: set[str]) -> list[Finding]:
    """The findings of ``content`` where only ``agencies``' reports changed since ``before``:
    theirs afresh (each report's rules, the audit rules that look at one report, the
    year-to-year rules within the agency), everyone else's as they were. The cross-report audit
    (Q2–Q4: office-only, never on public pages) stays as ``before`` found it; ``xxgk build`` and
    ``xxgk check`` run it whole. Raises :class:`CheckFailed` on errors."""
    touched = {r.path for r in content.reports if r.agency in agencies}  # their files, as located in findings
    findings = [f for f in before if f.location.path not in touched]
    findings += [f for f in content.findings if f.location.path in touched]
    for agency in sorted(agencies):
        own = content.reports_of(agency)
        for report in own:
            findings += check_report(report)
            findings += report_audit(content, report)
        findings += check_years(own)
    findings = sort_findings(findings)
    if failed(findings):
        raise CheckFailed(findings)
    return findings
