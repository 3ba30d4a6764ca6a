"""The build: a content folder in, a static site out, in seven stages run in order.

=========  ====================  ==========================================================
stage      module                in → out
=========  ====================  ==========================================================
1 load     ``build.load``        content folder → ``Content`` (the model, load findings)
2 check    ``build.check``       ``Content`` → findings, the content to publish (a report
                                 with an editor's error left out); stops the build only on
                                 an error of the portal itself (or any error, ``strict``)
3 plan     ``build.plan``        ``Content``, findings → ``Plan``: pages, site data, theme
4 exports  ``build.exports``     ``Plan`` → downloads written; their sizes
5 pages    ``build.pages``       ``Plan``, sizes → pages written (with the static files)
6 search   ``build.search``      ``Plan`` → Pagefind index (started after the plan, in the
                                 background; waited for here)
7 swap     ``build.swap``        temporary folder → the output, by renames
=========  ====================  ==========================================================

:func:`build` calls them one after the other; the preview (``generator.preview``) calls the
same stages on what an edit affects. The only concurrency is ``build.workers`` (``--jobs``),
used by stages 4 and 5 and for the search records, and Pagefind's own process. Nothing depends on the clock, on dict or
file-system order, or on how work is shared out: two builds of the same content are
byte-identical.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ..findings import Finding
from . import check, exports, load, pages, plan, swap
from . import search as search_index
from .check import Withheld
from .errors import BuildError, CheckFailed
from .plan import Settings
from .workers import Workers, default_jobs

__all__ = ["BuildError", "BuildResult", "CheckFailed", "Settings", "Withheld", "build"]


@dataclass
class BuildResult:
    out: Path
    pages: int
    files: int
    seconds: float
    notes: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    plan: plan.Plan | None = None  # what was built (the preview updates from it)
    sizes: dict[str, int] = field(default_factory=dict)  # every download's size, by site path
    withheld: list[Withheld] = field(default_factory=list)  # the reports left out, and why


def build(
    content_dir: Path | str,
    out: Path | str,
    theme: str = "default",
    base_url: str | None = None,
    search: bool = True,
    audit: bool = False,
    jobs: int | None = None,
    strict: bool = False,
) -> BuildResult:
    """Build the site in ``content_dir`` into ``out`` with ``jobs`` worker processes (default:
    the machine's cores). With ``audit`` the county office's quality page is added. A report
    with an editor's error is left out (``BuildResult.withheld``), the rest published; with
    ``strict`` any error stops the build (:class:`CheckFailed`)."""
    started = time.perf_counter()
    content_dir, out = Path(content_dir), Path(out)
    target = swap.prepare(out, content_dir)
    indexing = None
    try:
        content = load.load(content_dir)
        checked = check.publishable(content, strict)
        planned = plan.plan(checked.content, checked.findings, Settings(theme, base_url, search, audit), withheld=checked.withheld)
        with Workers(jobs or default_jobs(), planned) as workers:
            if search:
                indexing = search_index.start(planned, target.tmp, workers)
            sizes = exports.write(planned, target.tmp, workers)
            notes = pages.write(planned, sizes, target.tmp, workers)
        if indexing is not None:
            search_index.finish(indexing)
            indexing = None
        swap.swap(target)
    except BaseException:
        if indexing is not None:
            search_index.cancel(indexing)
        swap.abandon(target)
        raise
    files = sum(1 for p in out.rglob("*") if p.is_file())
    return BuildResult(out, len(planned.html_pages), files, time.perf_counter() - started, planned.notes + notes,
                       checked.findings, planned, sizes, checked.withheld)
