"""Stage 5, pages: every page's data made and printed with the theme's template, and the
theme's static files copied.

A page is its kind's context (``pages.KINDS``: typed data from the plan's ``Site`` and the
exports' sizes) rendered by its template; each is rendered and written on its own, so the output
does not depend on how the pages were shared out among the workers. Returns notes about report
pages over the weight target.

大字模式 (large text): every HTML page ``P`` is printed a second time from the same context as
``large/P`` (``pages.site.as_large``): ``<html class="large">``, its links to pages kept inside
``large/`` and its link to the twin pointing back to ``P``; static files, downloads and
originals are shared, not copied. So the reader's choice holds from page to page without
JavaScript or cookies, and any server can host it. The feed and the sitemap have no twin, and
the search index (``build.search``) is made from its own records, so nothing is indexed twice.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..pages import kinds as page_data
from ..pages.site import as_large
from ..pages.urls import Page, has_large_twin, large_url
from ..render import twins
from ..render.templates import TemplateError, render
from .errors import BuildError
from .output import Folder, Memory
from .plan import Plan
from .workers import Workers, chunks

PAGE_WEIGHT_LIMIT = 60 * 1024


def files(plan: Plan, sizes: dict[str, int], one: Page) -> list[tuple[str, bytes]]:
    """The files of one page, (site path, bytes): the page, then its large-text twin (an HTML
    page has one; the feed and the sitemap do not)."""
    plan.site.file_sizes = sizes
    context = page_data.context(plan.site, one).as_context()
    try:
        if not has_large_twin(one.url):
            return [(one.url, render(plan.env, one.template, context).encode("utf-8"))]
        standard, large = twins.render_both(lambda c: render(plan.env, one.template, c), context, as_large(context),
                                            plan.env.xxgk_one_rendering)  # type: ignore[attr-defined]
        return [(one.url, standard.encode("utf-8")), (large_url(one.url), large.encode("utf-8"))]
    except TemplateError as e:
        raise BuildError(str(e)) from e


def write_some(plan: Plan, sizes: dict[str, int], some: list[Page], out: Folder | Memory) -> list[tuple[str, str]]:
    """Render and write ``some`` pages; returns (url, note) for each page over the weight target."""
    notes = []
    for one in some:
        made = files(plan, sizes, one)
        data = made[0][1]
        if one.kind == "report" and len(data) > PAGE_WEIGHT_LIMIT:
            notes.append((one.url, f"{one.url} 有 {len(data) // 1024} KB，超过每页 60 KB 的目标"))
        for url, bytes_ in made:
            out.write(url, bytes_)
    return notes


def write(plan: Plan, sizes: dict[str, int], folder: Path, workers: Workers) -> list[str]:
    """Every page and static file into the build's ``folder``; returns the notes, in page order."""
    tasks = [(folder, sizes, chunk) for chunk in chunks(plan.pages, max(1, workers.jobs * 4))]
    found = dict(note for notes in workers.map(_task, tasks) for note in notes)
    copy_static(plan, folder)
    return [found[p.url] for p in plan.pages if p.url in found]


def copy_static(plan: Plan, folder: Path) -> None:
    for file, url in plan.statics:
        (folder / url).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file, folder / url)


def _task(plan: Plan, job: tuple[Path, dict[str, int], list[Page]]) -> list[tuple[str, str]]:
    folder, sizes, some = job
    return write_some(plan, sizes, some, Folder(folder))
