"""Keep a built site up to date after an edit: the build's own stages, on what the edit affects.

Used by ``xxgk serve`` (the :class:`server.Builder` it is given). A full build is ``xxgk build``
run as a child process (so it may use every core, while ``serve``'s own threaded process never
forks); meanwhile this process runs the build's first stages itself (``build.load``,
``build.check``, ``build.plan``): what the partial updates start from. The downloads' sizes are
then read from the files the child wrote. After that:

* When only existing report files changed, the same stages run on what they affect:
  ``build.load.reload`` (those files), ``build.check.recheck`` (those agencies' findings),
  ``build.plan.plan`` (the new plan, reusing the theme), ``build.exports.report_files`` (their
  downloads) and ``build.pages.files`` for ``build.plan.affected`` (their agency's report and
  agency pages, the year's comparison and the index, the home and data pages, the feed; each
  HTML page with its large-text twin under ``large/``). Files
  are made in memory (``build.output.Memory``) and only those whose bytes changed are written,
  each by temp file + rename, so a failed update never leaves the served folder half-written.
* A report with an editor's error is left out of the build (``build.check``), as ``xxgk build``
  leaves it out; the preview shows the others and lists its errors (the findings published
  with a good build are the reasons). Fixing it is a report added: a full build.
* Anything else (``site.yaml``, ``agencies.yaml``, a report added, removed or moved, a report
  folder moved in or out of ``reports/``, an original, the theme, the portal's overrides) runs
  the full build again, which swaps the folder in whole.

The whole-dataset downloads and the search index are refreshed in the background once edits
pause (``build.exports.dataset``, ``build.search.index``); ``NOTE`` says so on screen. While
the content has errors the last good build stays in place and in memory; every edit since is
reloaded again against it until the content is good, so fixing a file recovers.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from ..build import BuildError, CheckFailed, check, exports, load, pages, plan, search
from ..build.check import EXIT_WITHHELD
from ..build.output import Memory, write_if_changed
from ..content import AGENCIES_FILE, ORIGINALS_DIR, REPORTS_DIR, SITE_FILE, ContentError
from ..export import bundle
from ..findings import ERROR, Finding, Location, display_path
from ..pages import urls
from .server import UpdateResult

# `xxgk build` from this very package (not whatever `generator` the working folder holds)
PACKAGE_ROOT = Path(__file__).resolve().parent.parent.parent
_BUILD = "import sys; sys.path.insert(0, sys.argv.pop(1)); from generator.cli import main; sys.exit(main(sys.argv[1:]))"
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
        self.plan: plan.Plan | None = None  # the last good build's plan
        self.sizes: dict[str, int] = {}  # and its downloads' sizes
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

    def build(self) -> UpdateResult:
        """The full build (at start, and when an edit is not to an existing report)."""
        with self.lock:
            self.generation += 1
            return self._build()

    def _build(self) -> UpdateResult:
        start = time.perf_counter()
        self.need_full = True  # until a full build succeeds, every change gets one
        argv = [sys.executable, "-c", _BUILD, str(PACKAGE_ROOT), "build", str(self.content_dir), "--out", str(self.out),
                "--theme", self.theme] + ([] if self.search else ["--no-search"])
        child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            loaded = load.load(self.content_dir)
            checked = check.publishable(loaded)
            findings = checked.findings
            planned = plan.plan(checked.content, findings, plan.Settings(self.theme, search=self.search),
                                withheld=checked.withheld)
        except (CheckFailed, ContentError, BuildError) as e:
            child.kill()
            child.communicate()
            return self._failed(e, start)
        except BaseException:
            child.kill()
            child.communicate()
            raise
        _, said = child.communicate()
        if child.returncode not in (0, EXIT_WITHHELD):  # 3: built, some reports left out (as planned here)
            message = said.decode("utf-8", "replace").strip().removeprefix("xxgk: 错误：") or f"xxgk build 退出码 {child.returncode}"
            return UpdateResult(False, [_build_error(BuildError(message), self.content_dir)], time.perf_counter() - start)
        self.need_full = False
        self.plan, self.pending, self.notes = planned, set(), planned.notes
        self.sizes = exports.sizes(planned, self.out)
        self.known = {self._file_of(r).resolve() for r in planned.content.reports}
        return UpdateResult(True, findings, time.perf_counter() - start, len(planned.html_pages))

    def _failed(self, error: Exception, start: float) -> UpdateResult:
        if isinstance(error, CheckFailed):
            findings = error.findings
        elif isinstance(error, ContentError):
            findings = [Finding(ERROR, NOT_CONTENT, str(error), Location(display_path(self.content_dir)))]
        else:
            findings = [_build_error(error, self.content_dir)]  # type: ignore[arg-type]
        return UpdateResult(False, findings, time.perf_counter() - start)

    def update(self, changed: set[Path]) -> UpdateResult:
        with self.lock:
            reports = self._report_edits(changed)
            if reports is not None and not reports and not self.pending:  # e.g. an editor's backup file
                return UpdateResult(True, self.plan.findings if self.plan else [], 0.0, 0)
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

    # -- which edits a partial update can take ------------------------------------------------

    def _report_edits(self, changed: set[Path]) -> set[Path] | None:
        """The report files edited, or None when the change needs a full build."""
        if self.plan is None or self.need_full:
            return None
        root = self.content_dir.resolve()
        edits = set()
        for path in changed:
            path = path.resolve() if path.exists() else path.absolute()
            if not path.is_relative_to(root):
                return None  # the theme
            rel = path.relative_to(root)
            if rel.parts[:1] == (REPORTS_DIR,):
                if path.name.startswith("."):
                    continue  # an editor's temporary file
                if path.suffix in (".yaml", ".yml"):
                    if path in self.known and path.exists():
                        edits.add(path)
                        continue
                    return None  # a report added, removed or misplaced: the pages change
                if len(rel.parts) <= 2 and (path.is_dir() or "." not in path.name):
                    return None  # a report folder moved in or out of reports/ (or made, or removed)
                continue  # an editor's backup file (2020.yaml~, 2020.yaml.bak …)
            if rel.parts[:1] in ((ORIGINALS_DIR,), ("overrides",)) or rel.name in (SITE_FILE, AGENCIES_FILE):
                return None
            if path.name.startswith("."):
                continue
            return None
        return edits

    def _file_of(self, report: object) -> Path:
        return self.content_dir / REPORTS_DIR / report.agency / f"{report.year}.yaml"  # type: ignore[attr-defined]

    # -- partial update: the stages on what the edit affects ----------------------------------

    def _partial(self, edits: set[Path]) -> UpdateResult:
        start = time.perf_counter()
        last = self.plan
        assert last is not None
        self.pending |= edits
        content, loaded = load.reload(last.content, sorted(self.pending))
        errors = [f for f in loaded if f.severity == ERROR]
        if content is None or errors:
            return UpdateResult(False, errors, time.perf_counter() - start)
        agencies = {file.parent.name for file in self.pending}
        edited = [r for r in (content.report(f.parent.name, int(f.stem)) for f in sorted(self.pending)) if r is not None]
        try:
            findings = check.recheck(content, last.findings, agencies)
        except CheckFailed as e:
            return UpdateResult(False, [f for f in e.findings if f.severity == ERROR], time.perf_counter() - start)
        new = plan.plan(content, findings, last.settings, previous=last, changed={(r.agency, r.year) for r in edited})
        out = Memory()
        sizes = dict(self.sizes)
        for report in edited:
            sizes.update(exports.report_files(new, report, out))
        sizes.update(exports.compare_data(new, out))
        try:
            for page in plan.affected(new, agencies, {r.year for r in edited}):
                for url, data in pages.files(new, sizes, page):  # the page and its large-text twin
                    out.write(url, data)
        except BuildError as e:  # a template error: nothing written
            return UpdateResult(False, [_build_error(e, self.content_dir)], time.perf_counter() - start)
        written = out.flush(self.out)
        self.plan, self.sizes, self.pending = new, sizes, set()
        return UpdateResult(True, findings, time.perf_counter() - start, written)

    # -- background refresh of the whole-site files -------------------------------------------

    def _refresh(self, generation: int) -> None:
        """The whole-dataset downloads (and the data page giving their sizes) and the search
        index, made aside from the served folder and put in place only if no edit came since."""
        with self.lock:
            current = self.plan
            if current is None or generation != self.generation:
                return
        work = Path(tempfile.mkdtemp(dir=self.out.parent, prefix=".refresh-"))
        try:
            made = exports.dataset(current, work)
            if current.settings.search:
                search.index(current, work / urls.PAGEFIND)
            with self.lock:
                if generation != self.generation:
                    return
                sizes = {**self.sizes, **made}
                for name in bundle.DATASET_FILES:
                    write_if_changed(self.out / urls.data_file_url(name), (work / urls.data_file_url(name)).read_bytes())
                for page in current.pages:
                    if page.kind == "data":
                        for url, data in pages.files(current, sizes, page):  # and its large-text twin
                            write_if_changed(self.out / url, data)
                if current.settings.search:
                    os.rename(self.out / urls.PAGEFIND, work / "old-pagefind")
                    os.rename(work / urls.PAGEFIND, self.out / urls.PAGEFIND)
                self.sizes = sizes
        except Exception:  # the served folder is only ever touched under the lock above
            pass  # e.g. the preview stopped and removed its folder meanwhile: nothing to refresh
        finally:
            shutil.rmtree(work, ignore_errors=True)


def _build_error(error: BuildError, content_dir: Path) -> Finding:
    return Finding(ERROR, "BUILD", str(error), Location(display_path(content_dir)))
