"""Import originals into a content folder: read → extract → report YAML, never losing work.

For each file: the reader for its format gives a neutral document, recognition gives a
:class:`Report` and notes, and the report is written with ``yamlio.dumps_report`` through a
temporary file and a rename. The original is copied to ``originals/<agency>/<year>.<ext>``
and its sha256 recorded. An agency not yet in ``agencies.yaml`` is appended to it with an
ASCII id made from the pinyin of its short name (pypinyin: the standard pinyin library,
with a dictionary of phrase readings, so 长 and 重 in place names come out right).

Editors' work is never lost: the same original again changes nothing; a different original
for an existing report, or a report edited since import, is left alone unless ``force``, and
then the old files are kept beside the new ones as ``.bak`` copies.

Reading and recognition run in worker processes (``jobs``); writing happens in the parent,
one file at a time, so ``agencies.yaml`` is never written by two processes at once.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import yamlio
from .checks.run import check_report
from .content import AGENCIES_FILE, ORIGINALS_DIR, REPORTS_DIR, SITE_FILE
from .extract import extract
from .extract.tables import Explained
from .findings import ERROR, INFO, WARNING, Finding, Location, display_path
from .ingest import ReadError, read_document
from .ingest.readers import READERS, UNSUPPORTED
from .model.report import SLUG, Report, Source, report_from_data

IMPORT = "IMPORT"  # rule id of the importer's own findings

MINIMAL_SITE = """\
# 由 xxgk import 创建的最简设置；发布前请填写真实的网站名称和主办单位。
title: 政府信息公开工作年度报告
sponsor: （请填写主办单位）
"""
MINIMAL_AGENCIES = "# 机关名录：由 xxgk import 自动登记，请核对简称、类别和地区。\n"


@dataclass
class Options:
    content: Path
    agency: str | None = None
    year: int | None = None
    force: bool = False
    dry_run: bool = False
    explain: bool = False
    jobs: int = 1


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
    text: str = ""  # the report YAML as written (or as it would be, with --dry-run)

    @property
    def failed(self) -> bool:
        return self.status == "failed"


# --- Finding files ---------------------------------------------------------------------


def collect(paths: Iterable[Path]) -> list[Path]:
    """Files to import: each file given, and every readable file under each folder given."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(
                sorted(
                    f
                    for f in p.rglob("*")
                    if f.is_file()
                    and not any(part.startswith(".") for part in f.relative_to(p).parts)
                    and (f.suffix.lower() in READERS or f.suffix.lower() in UNSUPPORTED)
                )
            )
        else:
            out.append(p)
    return out


# --- Worker: read and recognise (no writing) -----------------------------------------------


@dataclass
class Parsed:
    path: Path
    report: Report | None = None
    notes: list[Any] = field(default_factory=list)
    error: str = ""
    cells: int = 0
    read: int = 0
    unread: list[str] = field(default_factory=list)
    explain: list[Explained] = field(default_factory=list)
    template_reason: str = ""
    sha256: str = ""


def path_hints(path: Path) -> tuple[str | None, int | None]:
    """originals/<agency>/<year>.<ext>: the layout of a content folder tells agency and year."""
    agency = path.parent.name if SLUG.match(path.parent.name) and path.parent.parent.name == ORIGINALS_DIR else None
    year = int(path.stem) if re.fullmatch(r"(19|20)\d\d", path.stem) else None
    return agency, year


def parse_file(path: Path, agency: str | None, year: int | None) -> Parsed:
    out = Parsed(path)
    try:
        if not path.exists():
            raise ReadError("文件不存在")
        out.sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        document = read_document(path)
        hint_agency, hint_year = path_hints(path)
        ex = extract(document, agency or hint_agency or "unknown", year, year_hint=hint_year)
    except ReadError as e:
        out.error = e.message
        return out
    except Exception as e:  # a bug must not stop the batch; say what it was
        out.error = f"导入时出现内部错误（{type(e).__name__}: {e}），请把此文件报告给开发者"
        return out
    out.report = ex.report
    out.notes = ex.notes
    out.cells, out.read, out.unread = ex.cells, ex.read, ex.unread
    out.explain = ex.explain
    out.template_reason = ex.template_reason
    return out


def _parse_star(args: tuple[Path, str | None, int | None]) -> Parsed:
    return parse_file(*args)


# --- Agencies ------------------------------------------------------------------------------

_SUFFIXES = ("人民政府办公室", "人民政府", "街道办事处", "办事处", "街道")
_TOWN = ("镇", "乡")


def short_name(name: str) -> str:
    """七星泡镇 from 宝清县七星泡镇人民政府; 洪泽区 from 淮安市洪泽区人民政府."""
    s = name
    for suffix in _SUFFIXES:
        if s.endswith(suffix) and len(s) > len(suffix) + 1:
            s = s[: -len(suffix)]
            if suffix in ("街道办事处", "办事处"):
                s += "街道"
            break
    while True:
        m = re.match(r"^.{1,7}?[省市县区]", s)
        if not m or len(s) - m.end() < 2:
            break
        s = s[m.end():]
    return s


def agency_id(name: str, taken: Iterable[str] = ()) -> str:
    from pypinyin import lazy_pinyin

    core = short_name(name)
    for suffix in ("街道", "镇", "乡", "区", "县", "市", "旗"):
        if core.endswith(suffix) and len(core) > len(suffix) + 1:
            core = core[: -len(suffix)]
            break
    slug = "".join(lazy_pinyin(core, errors="ignore")).lower()
    slug = re.sub(r"[^a-z0-9]+", "", slug) or "agency"
    taken = set(taken)
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def agency_kind(name: str) -> str:
    if name.endswith(("街道办事处", "街道")):
        return "subdistrict"
    short = short_name(name)
    if short.endswith(_TOWN):
        return "township"
    if re.search(r"[县区市旗]人民政府$", name) or short.endswith(("县", "区", "旗")):
        return "county_government"
    if re.search(r"(局|委员会|委|办公室|办|中心|所|队)$", name):
        return "department"
    return "other"


class Register:
    """agencies.yaml: read once, new agencies appended as text (comments stay as they are)."""

    def __init__(self, root: Path):
        self.file = root / AGENCIES_FILE
        self.entries: list[dict[str, Any]] = []
        if self.file.exists():
            loaded, _ = yamlio.load_file(self.file, display_path(self.file))
            if loaded and isinstance(loaded.data, list):
                self.entries = [e for e in loaded.data if isinstance(e, dict)]

    def find(self, name: str | None, hint: str | None) -> str | None:
        ids = [str(e.get("id")) for e in self.entries]
        if hint and hint in ids:
            return hint
        if not name:
            return None
        for e in self.entries:
            names = [e.get("name"), e.get("short_name"), *(e.get("former_names") or [])]
            if name in names:
                return str(e["id"])
        slug = agency_id(name)
        for e in self.entries:
            if e.get("name") and agency_id(str(e["name"])) == slug and e["id"] == slug:
                return slug
        return None

    def add(self, name: str, wanted: str | None, dry_run: bool) -> str:
        ids = [str(e.get("id")) for e in self.entries]
        new_id = wanted if wanted and wanted not in ids else agency_id(name, ids)
        entry = {
            "id": new_id,
            "name": name,
            "short_name": short_name(name),
            "kind": agency_kind(name),
            "order": (max([int(e.get("order") or 0) for e in self.entries] or [0]) // 10 + 1) * 10,
        }
        self.entries.append(entry)
        if not dry_run:
            old = self.file.read_text(encoding="utf-8") if self.file.exists() else MINIMAL_AGENCIES
            if old and not old.endswith("\n"):
                old += "\n"
            if re.search(r"^\s*\[\s*\]\s*$", old, re.M):
                old = re.sub(r"^\s*\[\s*\]\s*$\n?", "", old, flags=re.M)
            yamlio.write_atomic(self.file, old + yamlio.dumps([entry]))
        return new_id


# --- Writing -------------------------------------------------------------------------------


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


def _copy_atomic(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(f".{dst.name}.tmp")
    shutil.copyfile(src, tmp)
    os.replace(tmp, dst)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def place(parsed: Parsed, options: Options, register: Register) -> Outcome:
    """Decide the agency, write the report and the original, run the checks."""
    path = parsed.path
    where = Location(display_path(path))
    if parsed.report is None:
        return Outcome(path, "failed", parsed.error)
    report = parsed.report
    hint_agency, _ = path_hints(path)
    wanted = options.agency or hint_agency
    agency = register.find(report.agency_name, wanted) if not options.agency else options.agency
    if agency is None:
        if not report.agency_name and not wanted:
            return Outcome(path, "failed", "标题中找不到机关名称，请用 --agency 指定机关代码")
        agency = register.add(report.agency_name or wanted or "", wanted, options.dry_run)
    elif options.agency and options.agency not in [e.get("id") for e in register.entries]:
        register.add(report.agency_name or options.agency, options.agency, options.dry_run)
    report.agency = agency
    root = options.content
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
    ]
    outcome = Outcome(
        path, "written", target=target, cells=parsed.cells, read=parsed.read, unread=len(parsed.unread),
        explain=parsed.explain, template_reason=parsed.template_reason, text=text,
    )

    if target.exists():
        old_text = target.read_text(encoding="utf-8")
        loaded, _ = yamlio.load_text(old_text, display_path(target))
        old_sha = None
        if loaded and isinstance(loaded.data, dict) and isinstance(loaded.data.get("source"), dict):
            old_sha = loaded.data["source"].get("sha256")
        if old_text == text:
            outcome.status = "unchanged"
        elif old_sha == parsed.sha256 and not options.force:
            outcome.status = "kept"
            outcome.message = f"{display_path(target)} 导入后已被编辑，保留编辑的内容未覆盖（如要重新导入请加 --force，旧文件会备份）"
        elif old_sha != parsed.sha256 and not options.force:
            outcome.status = "kept"
            outcome.message = f"{display_path(target)} 已由另一份原件导入，未覆盖（如要用此原件替换请加 --force，旧文件会备份）"
        if outcome.status != "written":
            outcome.findings = findings
            return outcome
        if not options.dry_run:
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
    if not options.dry_run:
        if not _same_file(original, path):
            _copy_atomic(path, original)
        yamlio.write_atomic(target, text)
    return outcome


# --- The batch -----------------------------------------------------------------------------


def run_import(
    files: list[Path], options: Options, progress: Callable[[Iterator[Parsed], int], Iterator[Parsed]] | None = None
) -> list[Outcome]:
    ensure_content(options.content, options.dry_run)
    register = Register(options.content)
    args = [(f, options.agency, options.year) for f in files]
    outcomes: list[Outcome] = []
    if options.jobs > 1 and len(files) > 1:
        with ProcessPoolExecutor(max_workers=options.jobs) as pool:
            results: Iterator[Parsed] = pool.map(_parse_star, args, chunksize=1)
            if progress:
                results = progress(results, len(files))
            try:
                for parsed in results:
                    outcomes.append(_safe_place(parsed, options, register))
            except BrokenProcessPool:  # a worker died (out of memory, a crash in a C library)
                for f in files[len(outcomes):]:
                    outcomes.append(Outcome(f, "failed", "处理此文件的进程意外退出（内存不足或程序库崩溃），请单独重新导入"))
    else:
        results = (parse_file(*a) for a in args)
        if progress:
            results = progress(results, len(files))
        for parsed in results:
            outcomes.append(_safe_place(parsed, options, register))
    return outcomes


def _safe_place(parsed: Parsed, options: Options, register: Register) -> Outcome:
    try:
        return place(parsed, options, register)
    except OSError as e:
        return Outcome(parsed.path, "failed", f"写入失败：{e.strerror or e}")
