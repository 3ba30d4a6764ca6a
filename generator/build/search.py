"""Stage 6, search index: Pagefind over one small record page per report and agency.

Pagefind (``pagefind[extended]`` from PyPI, the build that segments Chinese words) makes a
static index that the search page queries in the browser, with no server and no outside host.
It is run as ``python -m pagefind`` (which becomes the Pagefind program itself), a plain
subprocess in the background, in the build's process group (Ctrl-C stops it with the build), so
the build needs no Node and no network.

It is given not the rendered pages (about 30 KB each, mostly tables, navigation and downloads
that Pagefind would parse and then ignore) but one small *record* per searchable page, made
from the same page data as the page (``pages.report.parts``, ``meta``, ``contact``; the agency
page's reports): the same words in well under half the time. A record's path is its page's, so
each result opens the page; its headings carry the ids of the page's headings, so Pagefind's
sub-results open the right part. The records need only the plan, so the index is started right
after it (:func:`start`) and made while the exports and pages are written; :func:`finish` waits
for it: Pagefind alone takes 3.6–5.0 s on the 2,400 records of a 300 × 7 portal (2 cores,
measured in the round that introduced the records), time the build would otherwise add at
its end.

What is searchable: a report's title, agency, year, template, publication date and the text of
its parts (not the tables' numbers); an agency's names (former ones too), kind, region and the
titles of its reports; the home page only when there is nothing else (Pagefind refuses to make
an empty index).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from ..pages import report as report_page
from ..pages import urls
from .errors import BuildError
from .plan import Plan
from .workers import Workers, chunks

Section = tuple[str, str, list[str]]  # (heading id, heading, paragraphs); "" id: no heading
RECORDS = ".search-records"


def records(plan: Plan, agencies: list[str] | None = None, reports: list[tuple[str, int]] | None = None) -> dict[str, str]:
    """Every record page's HTML by its page's site path (or those of some ``agencies`` and
    ``reports``)."""
    site, content = plan.site, plan.content
    out = {}
    if agencies is None and not content.agencies and not content.reports:
        out[urls.HOME] = _record(content.site.title if content.site else "", [])
    for agency in (content.agencies.values() if agencies is None else (content.agencies[a] for a in agencies)):
        meta = [f"类别：{agency.kind_label}", f"所属地区：{agency.region or '不详'}"]
        if agency.website:
            meta.append(f"网站：{agency.website}")
        if agency.former_names:
            meta.append(f"曾用名：{'、'.join(agency.former_names)}")
        titles = [f"{r.year}年：{r.title}" for r in reversed(content.reports_of(agency.id))]
        out[urls.agency_url(agency.id)] = _record(agency.name, [("", "", meta), ("reports-title", "历年报告", titles)])
    for report in content.reports if reports is None else (content.report(a, y) for a, y in reports):
        assert report is not None
        agency = site.agency(report.agency)
        sections: list[Section] = [("", "", [f"{label}：{value}" for label, value in report_page.meta(report, agency)])]
        for part in report_page.parts(report, with_tables=False):
            sections.append((part.heading_id, part.title, _paragraphs(part.text)))
        contact = report_page.contact(report)
        if contact:
            sections.append(("contact-title", "联系方式", [value for _, value in contact]))
        out[urls.report_url(report.agency, report.year)] = _record(report.title, sections)
    return out


_BLANK_LINE = re.compile(r"\n\s*\n")


def _paragraphs(text: str) -> list[str]:
    """The paragraphs of a part's Markdown text, as text (Pagefind drops the punctuation)."""
    return [p.strip() for p in _BLANK_LINE.split(text) if p.strip()]


def _record(title: str, sections: list[Section]) -> str:
    out = [
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title></head>\n<body><main data-pagefind-body>\n<h1>{escape(title)}</h1>\n",
    ]
    for hid, heading, paragraphs in sections:
        if heading:
            out.append(f'<h2 id="{escape(hid)}">{escape(heading)}</h2>\n')
        out.extend(f"<p>{escape(p)}</p>\n" for p in paragraphs)
    out.append("</main></body></html>\n")
    return "".join(out)


def write_records(plan: Plan, folder: Path, workers: Workers | None = None) -> int:
    """Write every record page into ``folder``; with ``workers``, shared out among them
    (creating files is most of the time: at 300 × 7, 2,400 records take 2 s here alone)."""
    content = plan.content
    if workers is None:
        return _write_some(plan, (folder, None, None))
    jobs = max(1, workers.jobs * 2)
    agencies = list(chunks(list(content.agencies), jobs))
    reports = list(chunks([(r.agency, r.year) for r in content.reports], jobs))
    tasks = [(folder, a, []) for a in agencies] + [(folder, [], r) for r in reports]
    if not content.agencies and not content.reports:
        tasks = [(folder, None, None)]
    return sum(workers.map(_write_some, tasks))


def _write_some(plan: Plan, job: tuple[Path, list[str] | None, list[tuple[str, int]] | None]) -> int:
    folder, agencies, reports = job
    made = records(plan, agencies, reports)
    for url, text in made.items():
        path = folder / url
        try:
            path.write_text(text, encoding="utf-8")
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return len(made)


@dataclass
class Indexing:
    """Pagefind at work: its process, the records it reads, where the index goes."""

    process: subprocess.Popen[bytes] | None
    records: Path
    output: Path
    error: str = ""


def start(plan: Plan, folder: Path, workers: Workers | None = None) -> Indexing:
    """Write the records into ``folder`` (with ``workers``, shared out) and start Pagefind on
    them in the background; the index goes to ``folder/pagefind``."""
    records_dir = folder / RECORDS
    write_records(plan, records_dir, workers)
    argv = [sys.executable, "-m", "pagefind", "--site", str(records_dir), "--output-path", str(folder / urls.PAGEFIND),
            "--keep-index-url", "--silent"]
    try:
        process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    except OSError as e:
        return Indexing(None, records_dir, folder / urls.PAGEFIND, f"无法启动 pagefind：{e}")
    return Indexing(process, records_dir, folder / urls.PAGEFIND)


def finish(indexing: Indexing) -> None:
    """Wait for the index; raises :class:`BuildError` when Pagefind failed. The records go."""
    message, code = indexing.error, -1
    if indexing.process is not None:
        said, _ = indexing.process.communicate()
        code, message = indexing.process.returncode, said.decode("utf-8", "replace").strip()
    shutil.rmtree(indexing.records, ignore_errors=True)
    if code != 0 or not (indexing.output / "pagefind.js").is_file():
        raise BuildError("建立搜索索引失败（pagefind）。请确认已安装 pagefind[extended]。\n" + message)


def cancel(indexing: Indexing) -> None:
    """Stop Pagefind; the records go."""
    if indexing.process is not None:
        indexing.process.kill()
        indexing.process.communicate()
    shutil.rmtree(indexing.records, ignore_errors=True)


def index(plan: Plan, output: Path) -> None:
    """Make the index into ``output`` and wait for it (the preview's background refresh)."""
    work = Path(tempfile.mkdtemp(dir=output.parent, prefix=".index-"))
    indexing = start(plan, work)
    try:
        finish(indexing)
        os.rename(work / urls.PAGEFIND, output)
    except BaseException:
        cancel(indexing)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
