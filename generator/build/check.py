"""Stage 2, check: every rule and the publication-quality audit on the loaded content, and
what may be published.

Findings about a report as its agency published it (its tables not adding up, a late report:
``checks.run.AS_PRINTED``) never keep it off the site: the report page tells citizens. An
editor's own error (YAML, schema, types, impossible values, references, unsafe input, Q6) keeps
its report unpublished, or its whole agency when the error is in that agency's entry of
``agencies.yaml``; everything else is published (:class:`Withheld` says what was left out and
why). Only errors of the portal itself (``site.yaml``, an unreadable ``agencies.yaml``) stop the
build (:class:`CheckFailed`), and, with ``strict``, any error at all. Nothing has been written
by then. The audit (Q1–Q7) always runs, so that report pages can state what citizens should
know (a late report).

:func:`recheck` is the preview's: after an edit, only the edited agencies' findings afresh.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..checks.audit import report_audit
from ..checks.run import blocking, check_content, check_report, check_years, failed, owners
from ..content import AGENCIES_FILE, REPORTS_DIR, Content
from ..findings import ERROR, Finding, sort_findings
from .errors import CheckFailed

EXIT_WITHHELD = 3  # ``xxgk build``'s exit status when it made the site but left reports out


@dataclass(frozen=True)
class Withheld:
    """A report left off the site, and the errors why; ``year`` None: a whole agency (its entry
    of agencies.yaml has an error); ``agency`` "" too: a file under reports/ that is no report."""

    agency: str
    year: int | None
    findings: tuple[Finding, ...]
    file: str  # the file to correct
    label: str = ""  # the agency's short name, when it is registered


@dataclass
class Checked:
    content: Content  # what is published: the content without the withheld reports and agencies
    findings: list[Finding]  # every finding, the withheld reports' too (the quality page lists them)
    withheld: list[Withheld]


_ENTRY = re.compile(r"^\d+(\.|$)")  # a finding about one entry of agencies.yaml (its field starts with the index)
_UNDER_REPORTS = re.compile(rf"(?:^|/){REPORTS_DIR}/")


def publishable(content: Content, strict: bool = False) -> Checked:
    """Every finding, and the content to publish (``xxgk build``, the preview's full build)."""
    findings = check_content(content, audit=True)
    if content.site is None or (strict and any(f.severity == ERROR for f in findings)):
        raise CheckFailed(findings)
    return withhold(content, findings)


def withhold(content: Content, findings: list[Finding]) -> Checked:
    """The content to publish: each editor's error keeps its own report (or agency) out;
    an error of the portal itself raises :class:`CheckFailed`."""
    owner = owners(content)
    reports: dict[tuple[str, int], list[Finding]] = {}
    agencies: dict[str, list[Finding]] = {}
    files: dict[str, list[Finding]] = {}  # files under reports/ that are no report: nothing of them loaded
    where: dict[object, str] = {}
    fatal = []
    for f in findings:
        if not blocking(f):
            continue
        agency, year = owner(f)
        path = f.location.path.replace("\\", "/")
        if agency is not None and year is not None:
            reports.setdefault((agency, year), []).append(f)
            where.setdefault((agency, year), f.location.path)
        elif agency is not None:
            agencies.setdefault(agency, []).append(f)
            where.setdefault(agency, f.location.path)
        elif _UNDER_REPORTS.search(path):
            files.setdefault(f.location.path, []).append(f)
        elif path.endswith(AGENCIES_FILE) and _ENTRY.match(f.field):
            continue  # an entry with no usable id: no agency was made of it (its reports are REF errors)
        else:
            fatal.append(f)
    if fatal:
        raise CheckFailed(findings)
    def label(agency_id: str) -> str:
        agency = content.agencies.get(agency_id)
        return agency.label if agency else ""

    withheld = [Withheld(a, None, tuple(fs), where[a], label(a)) for a, fs in agencies.items()]
    withheld += [Withheld(a, y, tuple(fs), where[(a, y)], label(a)) for (a, y), fs in reports.items() if a not in agencies]
    withheld += [Withheld("", None, tuple(fs), file) for file, fs in files.items()]
    withheld.sort(key=lambda w: (w.file, w.year or 0))
    if not withheld:
        return Checked(content, findings, [])
    out = {(w.agency, w.year) for w in withheld}
    published = Content(
        content.root,
        content.site,
        {k: a for k, a in content.agencies.items() if k not in agencies},
        [r for r in content.reports if r.agency not in agencies and (r.agency, r.year) not in out],
        content.findings,
    )
    return Checked(published, findings, withheld)


def recheck(content: Content, before: list[Finding], agencies: set[str]) -> list[Finding]:
    """The findings of ``content`` where only ``agencies``' reports changed since ``before``:
    theirs afresh (each report's rules, the audit rules that look at one report, the
    year-to-year rules within the agency), everyone else's as they were. The cross-report audit
    (Q2–Q4: office-only, never on public pages) stays as ``before`` found it; ``xxgk build`` and
    ``xxgk check`` run it whole. Raises :class:`CheckFailed` on an editor's error (the preview
    then keeps showing the page as it was)."""
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
    if failed([f for f in findings if f.location.path in touched]):
        raise CheckFailed(findings)
    return findings
