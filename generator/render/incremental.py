"""Keep a built site up to date after an edit, re-rendering only what the edit affects.

Used by ``xxgk serve`` (see :mod:`generator.preview`, whose ``Builder`` this implements). The
first build is the full build of :func:`write.build_kept`, which also keeps in memory what it
computed. After that:

* When only existing report files changed, just those files are reloaded (with the same
  reference checks as loading the whole folder: :func:`content.load_report_file`), and only
  their agencies' findings are recomputed (each report's rules, and the year-to-year rules
  within the agency: :func:`checks.run.check_report`, :func:`checks.run.check_years`). With no
  errors, only the affected files are rendered: the agency's report pages and agency page,
  the comparison page of the year and the comparison index, the home page, the data page,
  the feed, and the changed reports' own downloads. Everything is rendered in memory first,
  then only files whose bytes changed are written (each by temp file + rename), so a failed
  update never leaves the served folder half-written.
* Anything else (``site.yaml``, ``agencies.yaml``, an added or removed report, an original,
  the theme or the portal's overrides) runs the full build again, which swaps the folder in
  whole.

The whole-dataset downloads (``data/xxgk*``) and the Pagefind search index are not refreshed
by a partial update; the full build at start (and ``xxgk build``) makes them. ``NOTE`` says so
on screen.

While the content has errors the last good build stays in place and in memory; every edit
since is reloaded again against it until the content is good, so fixing a file recovers.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

from ..checks.audit import report_audit
from ..checks.run import check_report, check_years, failed
from ..content import AGENCIES_FILE, REPORTS_DIR, SITE_FILE, Content, ContentError, load_report_file
from ..export import bundle
from ..findings import ERROR, Finding, Location, display_path, sort_findings
from ..preview import BuildResult
from . import plan, search
from .write import (
    BuildError,
    CheckFailed,
    Kept,
    build_kept,
    gather,
    render_feed,
    render_page,
    report_downloads,
    write_if_changed,
)

NOT_CONTENT = "CONTENT"  # the rule of the finding "this folder is not a content folder"
QUIET_SECONDS = 2.0  # the whole-site files are refreshed once edits pause this long
NOTE = (
    f"修改单份报告后，页面立即更新；整体数据下载（data/ 下的 xxgk 文件）和全文搜索索引在停止修改 {QUIET_SECONDS:.0f} 秒后于后台更新"
)


class IncrementalBuilder:
    """Builds ``content_dir`` into ``out`` once, then keeps ``out`` up to date (``update``)."""

    def __init__(self, content_dir: Path | str, out: Path | str, theme: str = "default", search: bool = True):
        self.content_dir = Path(content_dir)
        self.out = Path(out)
        self.theme = theme
        self.search = search
        self.kept: Kept | None = None
        self.pending: set[Path] = set()  # report files edited since the last good build
        self.notes: list[str] = []
        self.need_full = True
        self.known: set[Path] = set()  # the report files of the last good full build
        self.lock = threading.RLock()  # updates and the background refresh take turns writing
        self.generation = 0  # every build or update; a refresh made for an older one is dropped
        self._timer: threading.Timer | None = None
        self.closed = False
        self.quiet = QUIET_SECONDS

    def close(self) -> None:
        """Cancel a pending background refresh (the preview is stopping)."""
        with self.lock:
            self.closed = True
            self.generation += 1
            if self._timer is not None:
                self._timer.cancel()

    # -- Builder protocol ------------------------------------------------------------------

    def build(self) -> BuildResult:
        """The full build (at start, and when an edit is not to an existing report)."""
        with self.lock:
            self.generation += 1
            return self._build()

    def _build(self) -> BuildResult:
        start = time.perf_counter()
        self.need_full = True  # until a full build succeeds, every change gets one
        try:
            result, kept = build_kept(self.content_dir, self.out, self.theme, search=self.search)
        except CheckFailed as e:
            return BuildResult(False, e.findings, time.perf_counter() - start)
        except ContentError as e:
            return BuildResult(
                False,
                [Finding(ERROR, NOT_CONTENT, str(e), Location(display_path(self.content_dir)))],
                time.perf_counter() - start,
            )
        except BuildError as e:
            return BuildResult(False, [_build_error(e, self.content_dir)], time.perf_counter() - start)
        self.need_full = False
        self.kept, self.pending, self.notes = kept, set(), result.notes
        self.known = {self._file_of(r).resolve() for r in kept.content.reports}
        return BuildResult(True, result.findings, time.perf_counter() - start, result.pages)

    def update(self, changed: set[Path]) -> BuildResult:
        with self.lock:
            reports = self._report_edits(changed)
            if reports is not None and not reports and not self.pending:  # e.g. an editor's backup file
                return BuildResult(True, self.kept.findings if self.kept else [], 0.0, 0)
            self.generation += 1
            if reports is None:
                return self._build()
            result = self._partial(reports)
            if result.ok and not self.closed:
                if self._timer is not None:
                    self._timer.cancel()
                self._timer = threading.Timer(self.quiet, self._refresh, (self.generation,))
                self._timer.daemon = True
                self._timer.start()
            return result

    # -- background refresh of the whole-site files -------------------------------------------

    def _refresh(self, generation: int) -> None:
        """The whole-dataset downloads (and the data page giving their sizes) and the search
        index, made aside from the served folder and put in place only if no edit came since."""
        with self.lock:
            kept = self.kept
            if kept is None or generation != self.generation:
                return
        work = Path(tempfile.mkdtemp(dir=self.out.parent, prefix=".refresh-"))
        try:
            assert kept.content.site is not None
            bundle.write_dataset(work / "data", kept.content.site, kept.content.agencies, kept.content.reports)
            if kept.search:
                search.index(kept.content, work / plan.PAGEFIND)
            with self.lock:
                if generation != self.generation:
                    return
                sizes = dict(kept.sizes)
                for name in plan.dataset_names():
                    data = (work / plan.data_file_url(name)).read_bytes()
                    write_if_changed(self.out / plan.data_file_url(name), data)
                    sizes[plan.data_file_url(name)] = len(data)
                site = gather(kept.content, kept.findings, kept.base, sizes, kept.search, kept.site.xlsx_has_long)
                site._values = kept.site._values
                for page in kept.pages:
                    if page.kind == "data":
                        write_if_changed(self.out / page.url, render_page(kept.env, site, page, kept.wide_columns))
                if kept.search:
                    old = work / "old-pagefind"
                    os.rename(self.out / plan.PAGEFIND, old)
                    os.rename(work / plan.PAGEFIND, self.out / plan.PAGEFIND)
                self.kept = replace(kept, sizes=sizes, site=site)
        except Exception:  # the served folder is only ever touched under the lock above
            pass  # e.g. the preview stopped and removed its folder meanwhile: nothing to refresh
        finally:
            shutil.rmtree(work, ignore_errors=True)

    # -- partial update ---------------------------------------------------------------------

    def _report_edits(self, changed: set[Path]) -> set[Path] | None:
        """The report files edited, or None when the change needs a full build."""
        if self.kept is None or self.need_full:
            return None
        root = self.content_dir.resolve()
        known = self.known
        edits = set()
        for path in changed:
            path = path.resolve() if path.exists() else path.absolute()
            if not path.is_relative_to(root):
                return None  # the theme
            rel = path.relative_to(root)
            if rel.parts[:1] == (REPORTS_DIR,):
                if path.name.startswith(".") or path.suffix not in (".yaml", ".yml"):
                    continue  # an editor's temporary file
                if path in known and path.exists():
                    edits.add(path)
                    continue
                return None  # a report added, removed or misplaced: the pages change
            if (
                rel.parts[:1] == ("originals",)
                or rel.name in (SITE_FILE, AGENCIES_FILE)
                or rel.parts[:1] == ("overrides",)
            ):
                return None
            if path.name.startswith("."):
                continue
            return None
        return edits

    def _file_of(self, report: object) -> Path:
        return self.content_dir / REPORTS_DIR / report.agency / f"{report.year}.yaml"  # type: ignore[attr-defined]

    def _partial(self, edits: set[Path]) -> BuildResult:
        start = time.perf_counter()
        kept = self.kept
        assert kept is not None
        self.pending |= edits
        content = kept.content
        root = self.content_dir

        # Reload the edited files against the last good content.
        reloaded: dict[tuple[str, int], object] = {}
        load_findings: dict[str, list[Finding]] = {}
        agencies_touched: set[str] = set()
        for file in sorted(self.pending):
            agency, year = file.parent.name, int(file.stem)
            report, problems = load_report_file(
                root, root / REPORTS_DIR / agency / file.name, content.agencies
            )
            load_findings[display_path(root / REPORTS_DIR / agency / file.name)] = problems
            reloaded[(agency, year)] = report
            agencies_touched.add(agency)
        errors = [f for fs in load_findings.values() for f in fs if f.severity == ERROR]
        if any(r is None for r in reloaded.values()) or errors:
            return BuildResult(False, sort_findings(errors), time.perf_counter() - start)

        reports = [reloaded.get((r.agency, r.year), r) for r in content.reports]
        kept_load = [f for f in content.findings if f.location.path not in load_findings]
        new_content = Content(
            content.root,
            content.site,
            content.agencies,
            reports,  # type: ignore[arg-type]
            kept_load + [f for fs in load_findings.values() for f in fs],
        )

        # Findings: the untouched agencies' as they were; the touched agencies' afresh.
        touched_paths = {r.path for r in content.reports if r.agency in agencies_touched}
        touched_paths |= {r.path for r in reports if r.agency in agencies_touched}  # type: ignore[attr-defined]
        touched_paths |= set(load_findings)
        # The touched agencies' findings afresh: the rules and the audit rules that look at one
        # report (Q1, Q5–Q7). The cross-report audit (Q2–Q4: office-only, never on public pages)
        # stays as the last full build found it; `xxgk build` and `xxgk check` run it whole.
        findings = [f for f in kept.findings if f.location.path not in touched_paths]
        findings += [f for f in new_content.findings if f.location.path in touched_paths]
        for agency in sorted(agencies_touched):
            own = new_content.reports_of(agency)
            for report in own:
                findings += check_report(report)
                findings += report_audit(new_content, report)
            findings += check_years(own)
        findings = sort_findings(findings)
        if failed(findings):
            return BuildResult(
                False, [f for f in findings if f.severity == ERROR], time.perf_counter() - start
            )

        # Render in memory: the changed reports' downloads first (pages give their sizes).
        files: dict[str, bytes] = {}
        sizes = dict(kept.sizes)
        for report in reloaded.values():
            for url, data in report_downloads(new_content, report).items():
                files[url] = data
                sizes[url] = len(data)
        site = gather(
            new_content, findings, kept.base, sizes, kept.search, kept.site.xlsx_has_long
        )  # as many cells
        site._values = {k: v for k, v in kept.site._values.items() if k not in reloaded}
        years = {year for _, year in reloaded}
        summaries = {k: v for k, v in kept.summaries.items() if k not in reloaded}
        try:
            for page in kept.pages:
                if _affected(page, agencies_touched, years):
                    files[page.url] = render_page(kept.env, site, page, kept.wide_columns)
            files[plan.FEED] = render_feed(kept.env, site, summaries)
        except BuildError as e:  # a template error: nothing written
            return BuildResult(False, [_build_error(e, self.content_dir)], time.perf_counter() - start)

        # Then write only what changed.
        written = sum(write_if_changed(self.out / url, data) for url, data in files.items())
        self.kept = replace(
            kept, content=new_content, findings=findings, sizes=sizes, site=site, summaries=summaries
        )
        self.pending = set()
        return BuildResult(True, findings, time.perf_counter() - start, written)


def _build_error(error: BuildError, content_dir: Path) -> Finding:
    return Finding(ERROR, "BUILD", str(error), Location(display_path(content_dir)))


def _affected(page: plan.Page, agencies: set[str], years: set[int]) -> bool:
    if page.kind in ("report", "agency"):
        return page.key[0] in agencies
    if page.kind == "compare":
        return page.key[0] in years
    return page.kind in ("home", "compare_index", "data")
