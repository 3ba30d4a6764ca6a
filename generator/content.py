"""Load a content folder: ``site.yaml``, ``agencies.yaml`` and every report, with findings.

The layout (``shared/spec/report-format.md``)::

    content/
      site.yaml
      agencies.yaml
      reports/<agency-id>/<year>.yaml
      originals/<agency-id>/<year>.<ext>

Loading never writes anything. Every problem becomes a finding: a file that cannot be read,
a report whose agency is not registered, whose path disagrees with its agency or year, or
whose original file is missing. A report that cannot be placed at all is left out of
``Content.reports``; the rest load, so all findings are reported at once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlio
from .findings import ERROR, REFERENCE, WARNING, Finding, Location, display_path
from .model.portal import Agency, SiteConfig, agencies_from_data, site_from_data
from .model.report import Report, report_from_data

SITE_FILE = "site.yaml"
AGENCIES_FILE = "agencies.yaml"
REPORTS_DIR = "reports"
ORIGINALS_DIR = "originals"


class ContentError(Exception):
    """The folder is not a content folder at all (nothing to check)."""


@dataclass
class Content:
    root: Path
    site: SiteConfig | None
    agencies: dict[str, Agency]
    reports: list[Report]
    findings: list[Finding] = field(default_factory=list)
    _by_agency: tuple[tuple[int, int], dict[str, dict[int, Report]]] | None = field(default=None, repr=False, compare=False)

    def reports_of(self, agency_id: str) -> list[Report]:
        return list(self._index().get(agency_id, {}).values())

    def report(self, agency_id: str, year: int) -> Report | None:
        return self._index().get(agency_id, {}).get(year)

    def _index(self) -> dict[str, dict[int, Report]]:
        """Reports by agency and year, in ``reports`` order; made again if the list changed."""
        key = (id(self.reports), len(self.reports))
        if self._by_agency is None or self._by_agency[0] != key:
            index: dict[str, dict[int, Report]] = {}
            for r in self.reports:
                index.setdefault(r.agency, {}).setdefault(r.year, r)
            self._by_agency = (key, index)
        return self._by_agency[1]

    @property
    def years(self) -> list[int]:
        return sorted({r.year for r in self.reports})


def load_content(root: Path | str) -> Content:
    root = Path(root)
    if not root.is_dir():
        raise ContentError(f"内容文件夹 {display_path(root)} 不存在")
    if not (root / SITE_FILE).exists() and not (root / REPORTS_DIR).is_dir():
        raise ContentError(
            f"{display_path(root)} 不是内容文件夹：其中既没有 {SITE_FILE} 也没有 {REPORTS_DIR}/"
        )
    findings: list[Finding] = []
    site = _load_site(root, findings)
    agencies = _load_agencies(root, findings)
    reports = [r for file in _report_files(root, findings) if (r := _load_report(root, file, agencies, findings))]
    reports.sort(key=lambda r: (agencies[r.agency].order if r.agency in agencies else 0, r.agency, r.year))
    return Content(root, site, agencies, reports, findings)


def _load_site(root: Path, findings: list[Finding]) -> SiteConfig | None:
    file = root / SITE_FILE
    path = display_path(file)
    if not file.exists():
        findings.append(Finding(ERROR, REFERENCE, f"缺少 {SITE_FILE}（网站名称、主办单位等设置）", Location(path)))
        return None
    loaded, problems = yamlio.load_file(file, path)
    findings += problems
    if loaded is None:
        return None
    site, problems = site_from_data(loaded.data, loaded.locate)
    findings += problems
    return site


def _load_agencies(root: Path, findings: list[Finding]) -> dict[str, Agency]:
    file = root / AGENCIES_FILE
    path = display_path(file)
    if not file.exists():
        findings.append(Finding(ERROR, REFERENCE, f"缺少 {AGENCIES_FILE}（机关名录）", Location(path)))
        return {}
    loaded, problems = yamlio.load_file(file, path)
    findings += problems
    if loaded is None:
        return {}
    agencies, problems = agencies_from_data(loaded.data, path, loaded.locate)
    findings += problems
    return {a.id: a for a in agencies}


def _report_files(root: Path, findings: list[Finding]) -> list[Path]:
    reports = root / REPORTS_DIR
    if not reports.is_dir():
        return []
    files = []
    for file in sorted(reports.rglob("*")):
        if not file.is_file() or file.name.startswith("."):
            continue
        rel = file.relative_to(reports)
        if file.suffix in (".yaml", ".yml"):
            if len(rel.parts) == 2 and file.suffix == ".yaml":
                files.append(file)
            else:
                findings.append(
                    Finding(
                        WARNING,
                        REFERENCE,
                        f"报告文件应放在 {REPORTS_DIR}/<机关代码>/<年份>.yaml，此文件未读取",
                        Location(display_path(file)),
                    )
                )
    return files


def load_report_file(root: Path, file: Path, agencies: dict[str, Agency]) -> tuple[Report | None, list[Finding]]:
    """One report file, with the same reference checks as :func:`load_content` (for the preview,
    which reloads only the file that changed). The report is None when it cannot be placed."""
    findings: list[Finding] = []
    report = _load_report(Path(root), Path(file), agencies, findings)
    return report, findings


def _load_report(
    root: Path, file: Path, agencies: dict[str, Agency], findings: list[Finding]
) -> Report | None:
    path = display_path(file)
    loaded, problems = yamlio.load_file(file, path)
    findings += problems
    if loaded is None:
        return None
    report, problems = report_from_data(loaded.data, path, loaded.locate)
    findings += problems
    if report is None:
        return None
    locate = loaded.locate
    folder, stem = file.parent.name, file.stem
    placed = True
    if report.agency != folder:
        findings.append(
            Finding(
                ERROR,
                REFERENCE,
                f"agency 为 {report.agency}，但文件在 {REPORTS_DIR}/{folder}/ 下；二者应一致",
                locate("agency"),
                "agency",
            )
        )
        placed = False
    if stem != str(report.year):
        findings.append(
            Finding(
                ERROR,
                REFERENCE,
                f"year 为 {report.year}，但文件名为 {file.name}；应为 {report.year}.yaml",
                locate("year"),
                "year",
            )
        )
        placed = False
    if agencies and report.agency not in agencies:
        findings.append(
            Finding(
                ERROR,
                REFERENCE,
                f"机关 {report.agency} 未在 {AGENCIES_FILE} 中登记",
                locate("agency"),
                "agency",
            )
        )  # still checked: its own arithmetic does not depend on the register
    if report.source:
        _check_original(root, report, findings)
    return report if placed else None


def _check_original(root: Path, report: Report, findings: list[Finding]) -> None:
    assert report.source is not None
    original = (root / report.source.file).resolve()
    if not original.is_relative_to(root.resolve()) or not original.is_file():
        findings.append(
            Finding(
                ERROR,
                REFERENCE,
                f"原件 {report.source.file} 不存在（路径相对于内容文件夹 {display_path(root)}）",
                report.locate("source", "file"),
                "source.file",
            )
        )


def sha256_of(file: Path) -> str:
    digest = hashlib.sha256()
    with file.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
