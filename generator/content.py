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

Only what the content folder owns is read: a symbolic link that leads out of the folder
(a report, ``site.yaml``, ``agencies.yaml``, a folder under ``reports/``) is a finding and is
not followed, and a report's original must be a file inside ``originals/``
(:func:`original_file`, which the build and the audit use too). Links that stay inside the
folder are followed like the files they point to.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlio
from .findings import ERROR, REFERENCE, WARNING, Finding, Location, display_path, printable
from .model.portal import Agency, SiteConfig, agencies_from_data, site_from_data
from .model.report import Report, report_from_data
from .model.values import ORIGINALS_DIR, id_problem, original_path_problem

SITE_FILE = "site.yaml"
AGENCIES_FILE = "agencies.yaml"
REPORTS_DIR = "reports"

# agencies.yaml is read whole before anything else; at about 200 bytes an agency this is
# some 80,000 agencies (a province's worth), read in about ten seconds.
AGENCIES_MAX_BYTES = 16 * 1024 * 1024
_AGENCIES_TOO_BIG = "机关名录最大 16 MB（约 8 万个机关）；请检查文件是否误贴入了其他内容"
_SETTINGS_TOO_BIG = "网站设置文件只有十来项设置，通常不到 2 KB；请检查文件是否误贴入了其他内容"


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
        raise ContentError(f"内容文件夹 {printable(display_path(root))} 不存在")
    if not (root / SITE_FILE).exists() and not (root / REPORTS_DIR).is_dir():
        raise ContentError(
            f"{printable(display_path(root))} 不是内容文件夹：其中既没有 {SITE_FILE} 也没有 {REPORTS_DIR}/"
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
    if link := link_problem(file, root):
        findings.append(Finding(ERROR, REFERENCE, link, Location(path)))
        return None
    if not file.exists():
        findings.append(Finding(ERROR, REFERENCE, f"缺少 {SITE_FILE}（网站名称、主办单位等设置）", Location(path)))
        return None
    loaded, problems = yamlio.load_file(file, path, too_big_why=_SETTINGS_TOO_BIG)
    findings += problems
    if loaded is None:
        return None
    site, problems = site_from_data(loaded.data, loaded.locate)
    findings += problems
    return site


def _load_agencies(root: Path, findings: list[Finding]) -> dict[str, Agency]:
    file = root / AGENCIES_FILE
    path = display_path(file)
    if link := link_problem(file, root):
        findings.append(Finding(ERROR, REFERENCE, link, Location(path)))
        return {}
    if not file.exists():
        findings.append(Finding(ERROR, REFERENCE, f"缺少 {AGENCIES_FILE}（机关名录）", Location(path)))
        return {}
    loaded, problems = yamlio.load_file(file, path, AGENCIES_MAX_BYTES, _AGENCIES_TOO_BIG)
    if loaded is None:
        findings += problems
        return {}
    findings += [_of_entry(f, loaded.data) for f in problems]
    agencies, problems = agencies_from_data(loaded.data, path, loaded.locate)
    findings += problems
    return {a.id: a for a in agencies}


def _of_entry(f: Finding, data: object) -> Finding:
    """A value refused while reading entry N of agencies.yaml (field ``N.key``) is about that
    entry's agency: said in the finding's data, as the model's own findings say it."""
    index = f.field.split(".", 1)[0]
    if isinstance(data, list) and index.isdigit() and int(index) < len(data):
        entry = data[int(index)]
        agency_id = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(agency_id, str) and not id_problem(agency_id):
            return dataclasses.replace(f, data={**f.data, "agency": agency_id})
    return f


def link_problem(path: Path, root: Path) -> str | None:
    """Why ``path`` (in the content folder ``root``) is not read: it is a symbolic link that
    leads out of the folder, or nowhere. None for anything else, links inside included."""
    if not path.is_symlink():
        return None
    real = path.resolve()
    name = printable(display_path(path))
    if not real.is_relative_to(root.resolve()):
        return (
            f"{name} 是指向内容文件夹之外（{printable(str(real))}）的链接：内容文件夹之外的文件不读取、不发布，"
            "此项未读取；请把文件本身放进内容文件夹"
        )
    if not real.exists():
        return f"{name} 是链接，但它指向的 {printable(display_path(real))} 不存在"
    return None


_WALK_DEPTH = 6  # reports/<agency>/<year>.yaml is two levels; deeper files are only warned about


def _report_files(root: Path, findings: list[Finding]) -> list[Path]:
    reports = root / REPORTS_DIR
    if not reports.is_dir():
        return []
    if link := link_problem(reports, root):
        findings.append(Finding(ERROR, REFERENCE, link, Location(display_path(reports))))
        return []
    files: list[Path] = []
    _walk_reports(root, reports, 0, files, findings, {reports.resolve()})
    files.sort()
    return files


def _walk_reports(
    root: Path, folder: Path, depth: int, files: list[Path], findings: list[Finding], seen: set[Path]
) -> None:
    """The report files under ``folder`` (os.scandir: whether an entry is a link, a folder or
    a file comes with the listing, so only links cost a look more)."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as e:
        findings.append(Finding(ERROR, REFERENCE, f"无法读取文件夹：{e.strerror}", Location(display_path(folder))))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_symlink():
            if link := link_problem(path, root):
                findings.append(Finding(ERROR, REFERENCE, link, Location(display_path(path))))
                continue
            is_dir, is_file = path.is_dir(), path.is_file()
        else:
            is_dir, is_file = entry.is_dir(follow_symlinks=False), entry.is_file(follow_symlinks=False)
        if is_dir:
            real = path.resolve() if entry.is_symlink() else path
            if depth < _WALK_DEPTH and real not in seen:
                seen.add(real)
                _walk_reports(root, path, depth + 1, files, findings, seen)
        elif is_file and path.suffix in (".yaml", ".yml"):
            if depth == 1 and path.suffix == ".yaml":
                files.append(path)
            else:
                findings.append(
                    Finding(
                        WARNING,
                        REFERENCE,
                        f"报告文件应放在 {REPORTS_DIR}/<机关代码>/<年份>.yaml，此文件未读取",
                        Location(display_path(path)),
                    )
                )


def load_report_file(root: Path, file: Path, agencies: dict[str, Agency]) -> tuple[Report | None, list[Finding]]:
    """One report file, with the same reference checks as :func:`load_content` (for the preview,
    which reloads only the file that changed). The report is None when it cannot be placed."""
    findings: list[Finding] = []
    root, file = Path(root), Path(file)
    if not file.resolve().is_relative_to(root.resolve()):  # the file, or a folder on its way, links out
        findings.append(Finding(ERROR, REFERENCE, link_problem(file, root) or _outside(file), Location(display_path(file))))
        return None, findings
    report = _load_report(root, file, agencies, findings)
    return report, findings


def _outside(path: Path) -> str:
    return (
        f"{printable(display_path(path))} 经由链接指向内容文件夹之外（{printable(str(path.resolve()))}）："
        "内容文件夹之外的文件不读取、不发布，此项未读取"
    )


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
    original, problem = original_file(root, report.source.file)
    if original is None:
        findings.append(Finding(ERROR, REFERENCE, problem, report.locate("source", "file"), "source.file"))


def original_file(root: Path, source_file: str) -> tuple[Path | None, str]:
    """The original file ``source.file`` names, as a path inside ``originals/`` of the content
    folder ``root`` with no link on the way; or None and why not (a path not under
    ``originals/``, a missing file, a folder, or a link leading out of ``originals/``). Only
    such a file is read (Q6) or published (the build)."""
    if problem := original_path_problem(source_file):
        return None, f"source.file {problem}"
    shown = printable(source_file)
    # The common case without Path.resolve: lstat each step below root; with no link among
    # them, the file is where it is named. 19 µs an original instead of 115 µs with resolve
    # (measured on tmpfs): 2 s saved on a portal of 21,000 reports.
    at = str(root)
    try:
        for part in source_file.split("/"):
            at = os.path.join(at, part)
            mode = os.lstat(at).st_mode
            if stat.S_ISLNK(mode):
                return _linked_original(root, source_file)
    except FileNotFoundError:
        return None, f"原件 {shown} 不存在（路径相对于内容文件夹 {printable(display_path(root))}）"
    except OSError as e:
        return None, f"原件 {shown} 无法读取：{e.strerror}"
    if not stat.S_ISREG(mode):
        return None, f"原件 {shown} 不是文件（路径相对于内容文件夹 {printable(display_path(root))}）"
    return Path(at), ""


def _linked_original(root: Path, source_file: str) -> tuple[Path | None, str]:
    """:func:`original_file` where a link is on the way: followed only while it stays in originals/."""
    real = (root / source_file).resolve()
    root_real = root.resolve()
    shown = printable(source_file)
    if not real.is_relative_to((root / ORIGINALS_DIR).resolve()) or not real.is_relative_to(root_real):
        outside = not real.is_relative_to(root_real)
        where = "内容文件夹之外" if outside else f"{ORIGINALS_DIR}/ 之外"
        return None, (
            f"原件 {shown} 经由链接指向{where}（{printable(str(real) if outside else display_path(real))}）："
            f"只有 {ORIGINALS_DIR}/ 中的文件才作为原件读取和发布；请把原件本身放进 {ORIGINALS_DIR}/"
        )
    if not real.is_file():
        what = "不是文件" if real.exists() else "不存在"
        return None, f"原件 {shown} {what}（链接指向 {printable(display_path(real))}）"
    return real, ""


def sha256_of(file: Path) -> str:
    digest = hashlib.sha256()
    with file.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
