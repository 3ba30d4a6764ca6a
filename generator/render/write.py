"""Build the site: gather and check everything, render into a temporary folder, swap it in.

The order follows mkdocs' ``build``: load and check all content first (a build with errors
never finishes), render every page into a temporary folder beside the output, copy static
files, originals and downloads, and only then replace the output folder. A failure at any step
removes the temporary folder and leaves the previous site as it was. Nothing here depends on
the clock, on dict/file-system order or on how work is shared out, so two builds of the same
content are byte-identical.

The work is spread over the machine's cores, because a county portal has thousands of
reports and the office rebuilds it often in January:

* as soon as the content is loaded, two things that need nothing else start in the
  background: the search index (:class:`search.Indexer`: a forked process writes the search
  records and runs Pagefind) and the whole-dataset files (a forked process writing
  ``data/xxgk*``, all but the long CSV);
* meanwhile the content is checked, then the pages are rendered by forked workers, each also
  writing the downloads (original, YAML, JSON, CSV) of the reports whose pages it renders,
  since a report page gives their sizes;
* the long CSV is then joined from the reports' CSV files, and the open-data page, which
  gives the dataset files' sizes, is rendered last.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from ..checks.run import check_content, failed
from ..content import Content, load_content
from ..export import bundle
from ..export.files import write as _write
from ..findings import Finding
from ..model.report import Report
from ..parallel import Forked, ForkedError, yield_to_others
from . import contexts, plan
from .search import Indexer, SearchError
from .templates import ThemeError, environment, theme_dir

MARKER = ".xxgk-build"  # marks a folder this command made, so it may replace it
OVERRIDES = "overrides"
PAGE_WEIGHT_LIMIT = 60 * 1024


class BuildError(Exception):
    """The build cannot go on; the message says why, in Chinese, for the editor."""


class CheckFailed(BuildError):
    def __init__(self, findings: list[Finding]):
        super().__init__("内容检查发现错误，未生成网站")
        self.findings = findings


@dataclass
class BuildResult:
    out: Path
    pages: int
    files: int
    seconds: float
    notes: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def build(
    content_dir: Path | str,
    out: Path | str,
    theme: str = "default",
    base_url: str | None = None,
    search: bool = True,
    workers: int | None = None,
    audit: bool = False,
) -> BuildResult:
    """Build the site. The publication-quality audit (Q1–Q7) always runs, so that report pages
    can state what citizens should know (a late report); with ``audit`` the county office's
    quality page, listing every finding, is added."""
    return build_kept(content_dir, out, theme, base_url, search, workers, audit)[0]


@dataclass
class Kept:
    """What a full build computed and a later partial render needs (``render.incremental``)."""

    content_dir: Path
    out: Path
    content: Content
    findings: list[Finding]
    env: jinja2.Environment
    base: str
    search: bool
    audit: bool
    pages: list[plan.Page]
    sizes: dict[str, int]
    wide_columns: list[Any]
    site: contexts.Site
    summaries: dict[tuple[str, int], str]  # each report's feed summary


def build_kept(
    content_dir: Path | str,
    out: Path | str,
    theme: str = "default",
    base_url: str | None = None,
    search: bool = True,
    workers: int | None = None,
    audit: bool = False,
) -> tuple[BuildResult, Kept]:
    """:func:`build`, also returning what it computed, for the preview's partial renders."""
    started = time.perf_counter()
    content_dir, out = Path(content_dir), Path(out)
    content = load_content(content_dir)
    # The content lives as long as the build: the garbage collector, here and in the forked
    # processes, need not walk it again (and in a fork, walking it would copy its memory).
    gc.collect()
    gc.freeze()
    try:
        return _build_loaded(content, content_dir, out, theme, base_url, search, workers, audit, started)
    finally:
        gc.unfreeze()


def _build_loaded(
    content: Content,
    content_dir: Path,
    out: Path,
    theme: str,
    base_url: str | None,
    search: bool,
    workers: int | None,
    audit: bool,
    started: float,
) -> tuple[BuildResult, Kept]:
    _check_out(out, content_dir)
    try:
        theme_path = theme_dir(theme)
    except ThemeError as e:
        raise BuildError(str(e)) from e
    env = environment(theme_path, content_dir / OVERRIDES / "templates")

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.building-"))
    notes: list[str] = []
    indexer: Indexer | None = None
    dataset: Forked | None = None
    try:
        if content.site is not None and not failed(content.findings):
            # What needs only the content starts now and runs beside everything else.
            if search:  # a Pagefind that fails to start is reported by wait()
                indexer = Indexer(content, tmp / plan.PAGEFIND).start()
            site_config, agencies, reports = content.site, content.agencies, content.reports
            # the long CSV is joined from the reports' own CSV files once they are written
            dataset = Forked(
                lambda: bundle.write_dataset(tmp / "data", site_config, agencies, reports, long_csv=False),
                background=True,
            )
        findings = check_content(content, audit=True)
        if failed(findings) or content.site is None:
            raise CheckFailed(findings)
        base = (base_url or content.site.base_url or "").strip()
        if base and not base.endswith("/"):
            base += "/"
        pages = plan.pages(content, audit=audit)
        site = gather(content, findings, base, {}, search)
        rendered, sizes = _render_pages(env, site, [p for p in pages if p.kind != "data"], tmp, workers)
        notes += rendered
        assert dataset is not None
        try:
            wide_columns = dataset.result()
        except ForkedError as e:
            raise BuildError(f"写出数据下载文件时出错：{e}") from e
        bundle.join_long_csv(
            tmp / plan.data_file_url(f"{bundle.LONG}.csv"),
            [tmp / plan.report_data_url(r.agency, r.year, "csv") for r in content.reports],
        )
        for name in plan.dataset_names():
            sizes[plan.data_file_url(name)] = (tmp / plan.data_file_url(name)).stat().st_size
        site.file_sizes = sizes
        for page in pages:
            if page.kind == "data":
                _write(tmp / page.url, render_page(env, site, page, wide_columns))
        _copy_static(theme_path / "static", tmp / plan.STATIC)
        _copy_static(content_dir / OVERRIDES / "static", tmp / plan.STATIC)
        summaries: dict[tuple[str, int], str] = {}
        _write(tmp / plan.FEED, render_feed(env, site, summaries))
        if base:
            _write(tmp / plan.SITEMAP, _render(env, "sitemap.xml", {"base": base, "pages": [p for p in pages if p.in_sitemap]}))
        else:
            notes.append("未设置 base_url（site.yaml 或 --base-url），没有生成 sitemap.xml；订阅源使用相对链接")
        (tmp / MARKER).write_text("xxgk\n", encoding="utf-8")
        if indexer is not None:
            try:
                indexer.wait()
            except SearchError as e:
                raise BuildError(str(e)) from e
        _swap(tmp, out)
    except BaseException:
        if indexer is not None:
            indexer.cancel()
        if dataset is not None:
            dataset.cancel()
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    count = sum(1 for p in out.rglob("*") if p.is_file())
    result = BuildResult(out, len(pages), count, time.perf_counter() - started, notes, findings)
    kept = Kept(content_dir, out, content, findings, env, base, search, audit, pages, sizes, wide_columns, site, summaries)
    return result, kept


def gather(
    content: Content, findings: list[Finding], base: str, sizes: dict[str, int], search: bool, xlsx_has_long: bool | None = None
) -> contexts.Site:
    """Step 2: what every page needs from the whole content (``xlsx_has_long`` when known)."""
    site = contexts.Site.gather(content, findings, base, sizes)
    site.search_enabled = search
    site.xlsx_has_long = bundle.xlsx_has_long(content.reports) if xlsx_has_long is None else xlsx_has_long
    return site


def report_downloads(content: Content, report: Any) -> dict[str, bytes]:
    """One report's own downloads (site path -> bytes): JSON, CSV and its YAML as written."""
    agency = content.agencies.get(report.agency)
    files: dict[str, bytes] = {}
    for suffix, text in bundle.report_files(report, agency).items():
        files[plan.report_data_url(report.agency, report.year, suffix)] = text.encode("utf-8") if isinstance(text, str) else text
    yaml_file = content.root / "reports" / report.agency / f"{report.year}.yaml"
    files[plan.report_data_url(report.agency, report.year, "yaml")] = yaml_file.read_bytes()
    return files


def render_page(env: jinja2.Environment, site: contexts.Site, page: plan.Page, wide_columns: list[Any] | None = None) -> bytes:
    """Step 3: one page, as the bytes of its file (the open-data page also needs the wide
    columns that the dataset files were written with)."""
    return _render(env, page.template, _context(site, page, wide_columns)).encode("utf-8")


def render_feed(env: jinja2.Environment, site: contexts.Site, summaries: dict[tuple[str, int], str] | None = None) -> bytes:
    """The Atom feed; ``summaries`` caches each report's summary between partial renders."""
    return _render(env, "feed.xml", _feed_context(site, summaries)).encode("utf-8")


def write_if_changed(path: Path, data: bytes) -> bool:
    """Step 4 of a partial update: write a file only when its bytes changed, via temp + rename,
    so a reader never sees half a file. Returns whether it was written."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def _render_pages(
    env: jinja2.Environment,
    site: contexts.Site,
    pages: list[plan.Page],
    tmp: Path,
    workers: int | None,
) -> tuple[list[str], dict[str, int]]:
    """Render every page into ``tmp``, with each report page its report's downloads; on big
    sites in several forked processes (one per core).

    Each page is rendered and written on its own, so the output does not depend on how the
    pages were shared out. Returns notes about pages over the weight target, in page order,
    and the size of every download written."""
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(pages) >= PARALLEL_FROM else 1
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        global _JOB
        _JOB = (env, site, pages, tmp)
        try:
            with multiprocessing.get_context("fork").Pool(workers, initializer=yield_to_others) as pool:
                chunks = pool.map(_render_chunk, [(i, workers) for i in range(workers)])
        finally:
            _JOB = None
    else:
        chunks = [_render_range(env, site, pages, tmp, 0, 1)]
    by_url = {url: note for notes, _ in chunks for url, note in notes}
    sizes = {url: size for _, chunk_sizes in chunks for url, size in sorted(chunk_sizes.items())}
    return [by_url[p.url] for p in pages if p.url in by_url], dict(sorted(sizes.items()))


PARALLEL_FROM = 400  # pages; below this a second process costs more than it saves
_JOB: tuple[Any, ...] | None = None


def _render_chunk(args: tuple[int, int]) -> tuple[list[tuple[str, str]], dict[str, int]]:
    assert _JOB is not None
    env, site, pages, tmp = _JOB
    return _render_range(env, site, pages, tmp, *args)


def _render_range(
    env: jinja2.Environment,
    site: contexts.Site,
    pages: list[plan.Page],
    tmp: Path,
    start: int,
    step: int,
) -> tuple[list[tuple[str, str]], dict[str, int]]:
    notes = []
    sizes: dict[str, int] = {}
    for page in pages[start::step]:
        if page.kind == "report":
            report = site.content.report(str(page.key[0]), int(page.key[1]))  # type: ignore[arg-type]
            assert report is not None
            written = write_report_files(site.content, report, tmp)
            sizes.update(written)
            site.file_sizes.update(written)
        html = render_page(env, site, page)
        if page.kind == "report" and len(html) > PAGE_WEIGHT_LIMIT:
            notes.append((page.url, f"{page.url} 有 {len(html) // 1024} KB，超过每页 60 KB 的目标"))
        _write(tmp / page.url, html)
    return notes, sizes


def write_report_files(content: Content, report: Report, folder: Path) -> dict[str, int]:
    """Write a report's downloads and copy its original into the site ``folder``; returns
    their sizes by site path."""
    sizes = {}
    for url, data in report_downloads(content, report).items():
        _write(folder / url, data)
        sizes[url] = len(data)
    if report.source:
        src = content.root / report.source.file
        if src.is_file():
            url = plan.original_url(report.agency, report.year, report.source.file)
            (folder / url).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, folder / url)
            sizes[url] = src.stat().st_size
    return sizes


def _context(site: contexts.Site, page: plan.Page, wide_columns: list[Any] | None) -> dict[str, Any]:
    if page.kind == "data":
        if wide_columns is None:
            raise BuildError("数据下载页需要宽表的列（wide_columns）")
        return contexts.data_page(site, page, wide_columns)
    make = {
        "home": contexts.home_page,
        "agencies": contexts.agencies_page,
        "agency": contexts.agency_page,
        "report": contexts.report_page,
        "compare_index": contexts.compare_index_page,
        "compare": contexts.compare_page,
        "help": contexts.help_page,
        "search": contexts.search_page,
        "not_found": contexts.not_found_page,
        "quality": contexts.quality_page,
    }[page.kind]
    return make(site, page)


def _render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateError as e:
        where = f"{e.filename}:{e.lineno}" if isinstance(e, jinja2.TemplateSyntaxError) else name
        raise BuildError(f"模板 {where} 出错：{e}") from e


def _feed_context(site: contexts.Site, summaries: dict[tuple[str, int], str] | None = None) -> dict[str, Any]:
    if summaries is None:
        summaries = {}
    entries = []
    for report in site.content.reports:
        key = (report.agency, report.year)
        summary = summaries.get(key)
        if summary is None:
            summary = summaries[key] = contexts.markdown.plain(report.overview, 200)
        when = report.published.isoformat() if report.published else f"{report.year + 1}-01-01"
        entries.append(
            {
                "title": report.title,
                "url": plan.report_url(report.agency, report.year),
                "id": f"urn:xxgk:report:{report.agency}:{report.year}",
                "updated": f"{when}T00:00:00Z",
                "summary": summary,
            }
        )
    entries.sort(key=lambda e: (e["updated"], e["id"]), reverse=True)
    updated = entries[0]["updated"] if entries else "2000-01-01T00:00:00Z"
    return {"site": site.content.site, "base": site.base_url, "entries": entries, "updated": updated, "page_url": plan.FEED}


def _copy_static(src: Path, dst: Path) -> None:
    if src.is_dir():
        shutil.copytree(src, dst, dirs_exist_ok=True)


def _check_out(out: Path, content_dir: Path) -> None:
    """Refuse to replace a folder this command did not make, or the content itself."""
    if out.resolve() == content_dir.resolve() or content_dir.resolve().is_relative_to(out.resolve()):
        raise BuildError(f"输出文件夹 {out} 不能是内容文件夹或包含内容文件夹")
    if out.exists():
        if not out.is_dir():
            raise BuildError(f"输出位置 {out} 已有同名文件，不是文件夹")
        if any(out.iterdir()) and not (out / MARKER).exists():
            raise BuildError(
                f"输出文件夹 {out} 已存在且不是 xxgk 生成的网站（没有 {MARKER}），为免误删，未覆盖；请换一个文件夹或先清空它"
            )


def _swap(tmp: Path, out: Path) -> None:
    """Put the new site in place: two renames, so the output is never half-written."""
    os.chmod(tmp, 0o755)
    if out.exists():
        old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.old-"))
        os.rmdir(old)
        os.rename(out, old)
        os.rename(tmp, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(tmp, out)
