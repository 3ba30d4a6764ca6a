"""Stage 4, exports: every download, computed from the model, written before any page.

Each report's own files (its YAML as written, its JSON and long-form CSV, its original) and
the whole dataset (``export.bundle``: long and wide CSV and JSON, the column descriptions, the
workbook, everything in one JSON). Returns every file's size by site path, which the pages then
state. With several workers the dataset's four parts and the reports (in chunks) are shared out.

An original a browser would run (an HTML page) is never published as it is: the page holds a
copy cleaned of everything that runs or loads (``export.original``), and the untouched file is
offered inside a ZIP, which no browser opens as a page; its SHA-256 is unchanged.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..content import REPORTS_DIR
from ..export import bundle, original
from ..model.report import Report
from ..pages import urls
from ..pages.report import save_name
from .output import Folder, Memory
from .plan import Plan
from .workers import Workers, chunks

Output = Folder | Memory
SCRATCH = ".scratch"  # XlsxWriter's temporary files, inside the build's folder


def report_files(plan: Plan, report: Report, out: Output) -> dict[str, int]:
    """Write one report's downloads and its original; returns their sizes by site path."""
    content = plan.content
    sizes = {}
    for suffix, data in bundle.report_files(report, content.agencies.get(report.agency)).items():
        url = urls.report_data_url(report.agency, report.year, suffix)
        sizes[url] = out.write(url, data)
    yaml_file = content.root / REPORTS_DIR / report.agency / f"{report.year}.yaml"
    url = urls.report_data_url(report.agency, report.year, "yaml")
    sizes[url] = out.write(url, yaml_file.read_bytes())
    if report.source:
        data = (content.root / report.source.file).read_bytes()
        url = urls.original_url(report.agency, report.year, report.source.file)
        archive = urls.original_archive_url(report.agency, report.year, report.source.file)
        if archive is None:
            sizes[url] = out.write(url, data)
        else:
            # inside the ZIP, the untouched file under the name a person recognises
            name = save_name(plan.site.agency(report.agency), report.year, urls.original_suffix(report.source.file))
            sizes[url] = out.write(url, original.cleaned(data, report.title))
            sizes[archive] = out.write(archive, original.archive(name, data))
    return sizes


def dataset(plan: Plan, folder: Path, part: int | None = None) -> dict[str, int]:
    """Write the whole dataset (or one of its parts) into ``folder``/data; returns the sizes."""
    content = plan.content
    data = bundle.Dataset(content.site, content.agencies, content.reports, scratch=folder / SCRATCH)
    if part is None:
        bundle.write_dataset(folder / "data", data)
        names = bundle.DATASET_FILES
    else:
        write_part, names = bundle.DATASET_PARTS[part]
        write_part(folder / "data", data)
    return {urls.data_file_url(n): (folder / urls.data_file_url(n)).stat().st_size for n in names}


def write(plan: Plan, folder: Path, workers: Workers) -> dict[str, int]:
    """Every download into the build's ``folder``; returns every size by site path."""
    reports = [(r.agency, r.year) for r in plan.content.reports]
    tasks: list[tuple[str, object]] = [("dataset", i) for i in range(len(bundle.DATASET_PARTS))]
    tasks += [("reports", chunk) for chunk in chunks(reports, max(1, workers.jobs * 4))]
    sizes: dict[str, int] = {}
    for written in workers.map(_task, [(folder, task) for task in tasks]):
        sizes.update(written)
    shutil.rmtree(folder / SCRATCH, ignore_errors=True)
    return dict(sorted(sizes.items()))


def _task(plan: Plan, job: tuple[Path, tuple[str, object]]) -> dict[str, int]:
    folder, (kind, what) = job
    if kind == "dataset":
        return dataset(plan, folder, what)  # type: ignore[arg-type]
    out = Folder(folder)
    sizes: dict[str, int] = {}
    for agency, year in what:  # type: ignore[attr-defined]
        report = plan.content.report(agency, year)
        assert report is not None
        sizes.update(report_files(plan, report, out))
    return sizes


def sizes(plan: Plan, folder: Path) -> dict[str, int]:
    """The sizes of the downloads a build of ``plan`` wrote into ``folder`` (the preview's,
    after ``xxgk build`` made them in another process)."""
    found = {}
    for report in plan.content.reports:
        for suffix in urls.REPORT_DATA_SUFFIXES:
            found[urls.report_data_url(report.agency, report.year, suffix)] = 0
        if report.source:
            found[urls.original_url(report.agency, report.year, report.source.file)] = 0
            archive = urls.original_archive_url(report.agency, report.year, report.source.file)
            if archive:
                found[archive] = 0
    found.update({urls.data_file_url(name): 0 for name in bundle.DATASET_FILES})
    for url in found:
        try:
            found[url] = (folder / url).stat().st_size
        except OSError:
            pass
    return dict(sorted(found.items()))
