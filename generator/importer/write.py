"""Where a recognised report goes, and writing it without ever losing an editor's work.

The agency is the registered one the report names (or ``--agency``, or the folder an original
already lies in: ``originals/<agency>/``); an agency not yet registered is added. The report is
written with ``yamlio.dumps_report`` through a temporary file and a rename, the original is
copied to ``originals/<agency>/<year>.<ext>`` and its sha256 recorded. The same original again
changes nothing; a different original for an existing report, or a report edited since import,
or an existing file that cannot even be read, is left alone unless ``force``, and then the old
files are kept beside the new ones as ``.bak`` copies.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .. import yamlio
from ..checks.run import check_report
from ..content import AGENCIES_FILE, ORIGINALS_DIR, REPORTS_DIR, SITE_FILE
from ..extract.tables import Explained
from ..findings import ERROR, INFO, WARNING, Finding, Location, display_path
from ..model.report import Source, report_from_data
from .read import Parsed, path_hints
from .register import MINIMAL_AGENCIES, Register, RegisterError

IMPORT = "IMPORT"  # rule id of the importer's own findings

MINIMAL_SITE = """\
# 由 xxgk import 创建的最简设置；发布前请填写真实的网站名称和主办单位。
title: 政府信息公开工作年度报告
sponsor: （请填写主办单位）
"""


@dataclass
class Outcome:
    """What happened to one file."""

    path: Path
    status: str  # written, unchanged, kept, failed
    message: str = ""
    target: Path | None = None
    findings: list[Finding] = field(default_factory=list)
    cells: int = 0
    read: int = 0
    unread: int = 0
    explain: list[Explained] = field(default_factory=list)
    template_reason: str = ""
    located: str = ""
    text: str = ""  # the report YAML as written (or as it would be, with --dry-run)
    ocr: str = ""  # the file was a scan read by OCR: how

    @property
    def failed(self) -> bool:
        return self.status == "failed"


def ensure_content(root: Path, dry_run: bool) -> None:
    if dry_run:
        return
    root.mkdir(parents=True, exist_ok=True)
    if not (root / SITE_FILE).exists():
        yamlio.write_atomic(root / SITE_FILE, MINIMAL_SITE)
    if not (root / AGENCIES_FILE).exists():
        yamlio.write_atomic(root / AGENCIES_FILE, MINIMAL_AGENCIES + "[]\n")
    (root / REPORTS_DIR).mkdir(exist_ok=True)
    (root / ORIGINALS_DIR).mkdir(exist_ok=True)


def _backup(file: Path) -> Path:
    n, target = 1, file.with_name(file.name + ".bak")
    while target.exists():
        n += 1
        target = file.with_name(f"{file.name}.bak{n}")
    shutil.copy2(file, target)
    return target


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _agency(parsed: Parsed, wanted: str | None, register: Register, dry_run: bool) -> tuple[str, list[str]]:
    """The agency id a report goes under, and what the editor should know about it."""
    report = parsed.report
    assert report is not None
    name = report.agency_name
    hint, _ = path_hints(parsed.path)
    notes: list[str] = []
    if wanted:  # --agency
        if not register.knows(wanted):
            register.add(name or wanted, wanted, dry_run)
        return wanted, notes
    agency = register.find(name)
    if agency is None and hint and register.knows(hint):
        if name:
            notes.append(f"报告中的机关名称“{name}”与机关名录中 {hint} 的名称不同，按原件所在文件夹归入 {hint}，请核对（如是更名，请把旧名写入 former_names）")
        return hint, notes
    if agency is None:
        if not name and not hint:
            raise RegisterError("标题、网页信息、前言和文末署名中都找不到机关名称，请用 --agency 指定机关代码")
        address = report.contact.address if report.contact and report.contact.address else ""
        added = register.add(name or hint or "", hint, dry_run, (address,))
        if added.note:
            notes.append(added.note)
        agency = added.id
    return agency, notes


def place(parsed: Parsed, root: Path, agency_option: str | None, force: bool, dry_run: bool, register: Register) -> Outcome:
    """Decide the agency, write the report and the original, run the checks."""
    path = parsed.path
    where = Location(display_path(path))
    if parsed.report is None:
        return Outcome(path, "failed", parsed.error)
    report = parsed.report
    try:
        agency, agency_notes = _agency(parsed, agency_option, register, dry_run)
    except RegisterError as e:
        return Outcome(path, "failed", str(e))
    report.agency = agency
    ext = path.suffix.lower()
    original = root / ORIGINALS_DIR / agency / f"{report.year}{ext}"
    target = root / REPORTS_DIR / agency / f"{report.year}.yaml"
    rel_original = f"{ORIGINALS_DIR}/{agency}/{report.year}{ext}"
    url = report.source.url if report.source else None
    report.source = Source(rel_original, parsed.sha256, url)
    text = yamlio.dumps_report(report.to_data())

    findings = [
        Finding(n.severity if n.severity in (ERROR, WARNING, INFO) else WARNING, IMPORT, n.message, where, n.field)
        for n in parsed.notes
    ] + [Finding(WARNING, IMPORT, note, where, "agency") for note in agency_notes]
    outcome = Outcome(
        path, "written", target=target, cells=parsed.cells, read=parsed.read, unread=len(parsed.unread),
        explain=parsed.explain, template_reason=parsed.template_reason, located=parsed.located, text=text, ocr=parsed.ocr,
    )

    if target.exists():
        status, message = _existing(target, text, parsed.sha256, force)
        if status != "written":
            outcome.status, outcome.message, outcome.findings = status, message, findings
            return outcome
        if not dry_run:
            backup = _backup(target)
            outcome.message = f"旧文件已备份为 {display_path(backup)}"
            if original.exists() and not _same_file(original, path) and hashlib.sha256(original.read_bytes()).hexdigest() != parsed.sha256:
                _backup(original)

    # Checks on the report as written (locations point into the YAML file).
    loaded, load_findings = yamlio.load_text(text, display_path(target))
    if loaded is not None:
        checked, schema = report_from_data(loaded.data, display_path(target), loaded.locate)
        findings += schema
        if checked is not None:
            findings += check_report(checked)
    findings += load_findings
    outcome.findings = findings
    if not dry_run:
        if not _same_file(original, path):
            yamlio.copy_atomic(path, original)
        yamlio.write_atomic(target, text)
    return outcome


def _existing(target: Path, text: str, sha256: str, force: bool) -> tuple[str, str]:
    """What to do with a report file already there: written (replace it), unchanged or kept."""
    try:
        old_text = target.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        if force:
            return "written", ""
        return "kept", f"{display_path(target)} 已存在但不是 UTF-8 文本（可能用 GBK 保存过），未覆盖（如要重新导入请加 --force，旧文件会备份）"
    if old_text == text:
        return "unchanged", ""
    loaded, _ = yamlio.load_text(old_text, display_path(target))
    old_sha = None
    if loaded and isinstance(loaded.data, dict) and isinstance(loaded.data.get("source"), dict):
        old_sha = loaded.data["source"].get("sha256")
    if force:
        return "written", ""
    if old_sha == sha256:
        return "kept", f"{display_path(target)} 导入后已被编辑，保留编辑的内容未覆盖（如要重新导入请加 --force，旧文件会备份）"
    return "kept", f"{display_path(target)} 已由另一份原件导入，未覆盖（如要用此原件替换请加 --force，旧文件会备份）"
