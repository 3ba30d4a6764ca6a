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

What is searchable: a report's title, agency, year, template, publication date, the text of its
parts, and its tables as lines of words and numbers ("（三）不予公开 · 1.属于国家秘密：总计 2。"
under the heading of the part the table is in; the key figures, "不予公开：5 件。", before the
first heading, with the report's facts); an agency's
names (former ones too), kind, region and the titles of its reports; the home page only when
there is nothing else (Pagefind refuses to make an empty index).

Ranking (Pagefind weighs words by the element they are in; headings count 6-7 times a
paragraph by default): the six part headings are the template's own words, the same in every
report, so they are weighed down to 0.1 (else "行政复议" ranks every report alike by its part-4
heading); a table line with a number other than 0 weighs 2, a line of zeros or blanks 0.5, so
"不予公开" lists every report that has the row, those that withheld something first.

Filters (``data-pagefind-filter``): year (reports only), kind and agency; metadata
(``data-pagefind-meta``) gives the results page the agency, year and kind of each result.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from ..model.portal import Agency
from ..model.report import Report, number
from ..pages import figures, urls
from ..pages import report as report_page
from ..pages.tables import format_number
from . import search_stable
from .errors import BuildError
from .plan import Plan
from .workers import Workers, chunks

Line = tuple[str, str]  # (text, Pagefind weight; "" for the default)
Section = tuple[str, str, list[Line]]  # (heading id, heading, lines); "" id: no heading
RECORDS = ".search-records"
HEADING_WEIGHT = "0.1"  # a part's heading: the template's words, in every report
NUMBER_WEIGHT = "2"  # a table line with a number other than 0
ZERO_WEIGHT = "0.5"  # a table line of zeros or blanks


def records(plan: Plan, agencies: list[str] | None = None, reports: list[tuple[str, int]] | None = None) -> dict[str, str]:
    """Every record page's HTML by its page's site path (or those of some ``agencies`` and
    ``reports``)."""
    site, content = plan.site, plan.content
    out = {}
    if agencies is None and not content.agencies and not content.reports:
        out[urls.HOME] = _record(content.site.title if content.site else "", [], {})
    for agency in (content.agencies.values() if agencies is None else (content.agencies[a] for a in agencies)):
        meta = [f"类别：{agency.kind_label}", f"所属地区：{agency.region or '不详'}"]
        if agency.website:
            meta.append(f"网站：{agency.website}")
        if agency.former_names:
            meta.append(f"曾用名：{'、'.join(agency.former_names)}")
        titles = [f"{r.year}年：{r.title}" for r in reversed(content.reports_of(agency.id))]
        sections: list[Section] = [("", "", _plain(meta)), ("reports-title", "历年报告", _plain(titles))]
        out[urls.agency_url(agency.id)] = _record(agency.name, sections, _labels(agency))
    for report in content.reports if reports is None else (content.report(a, y) for a, y in reports):
        assert report is not None
        agency = site.agency(report.agency)
        tables = table_lines(report)
        facts = _plain(f"{label}：{value}" for label, value in report_page.meta(report, agency))
        sections = [("", "", facts + tables.pop("", []))]
        for part in report_page.parts(report, with_tables=False):
            lines = _plain(_paragraphs(part.text)) + tables.get(part.id, [])
            sections.append((part.heading_id, part.title, lines))
        contact = report_page.contact(report)
        if contact:
            sections.append(("contact-title", "联系方式", _plain(value for _, value in contact)))
        out[urls.report_url(report.agency, report.year)] = _record(report.title, sections, _labels(agency, report.year))
    return out


def _labels(agency: Agency, year: int | None = None) -> dict[str, str]:
    """A page's filters and metadata: its agency (full name), kind and year."""
    out = {"agency": agency.name, "kind": agency.kind_label}
    if year is not None:
        out["year"] = f"{year}年"
    return out


def table_lines(report: Report) -> dict[str, list[Line]]:
    """A report's tables as lines of words and numbers, by the id of the part they are in
    ("" for the key figures, sums of row groups as on the home page, which go before the first
    heading, with the report's facts); a line weighs more when it has a number other than 0."""
    out: dict[str, list[Line]] = {}
    if report.template == "none":
        return out
    values = figures.values(report)
    for f in figures.FIGURES:
        v = values[f.key]
        if v is not None:
            out.setdefault("", []).append(_line(f"{f.label}：{format_number(v)} 件。", [v]))
    for table in report.spec.tables:
        rows = report.table(table.key)
        if not rows:
            continue
        lines = out.setdefault(f"part{table.part}", [])
        for row in table.rows:
            if row.key not in rows:
                continue
            label = " · ".join(p for p in (row.group, row.subgroup, row.label) if p)
            if table.key == "requests":  # the group (三、本年度办理结果) says nothing a reader types
                label = " · ".join(p for p in (row.subgroup, row.label) if p) or label
                cells = [(c.label, v) for c, v in zip(row.columns, rows[row.key], strict=True) if c.key == "total"]
            else:
                cells = [(c.full_label, v) for c, v in zip(row.columns, rows[row.key], strict=True)]
            said = "，".join(f"{name} {_shown(v)}" for name, v in cells)
            lines.append(_line(f"{label}：{said}。", [v for _, v in cells]))
    return out


def _shown(value: object) -> str:
    text = format_number(value)
    return text if text else "空白"


def _line(text: str, numbers: list[object]) -> Line:
    nonzero = any(number(v) for v in numbers)  # type: ignore[arg-type]
    return text, NUMBER_WEIGHT if nonzero else ZERO_WEIGHT


def _plain(texts: Iterable[str]) -> list[Line]:
    return [(t, "") for t in texts]


_BLANK_LINE = re.compile(r"\n\s*\n")


def _paragraphs(text: str) -> list[str]:
    """The paragraphs of a part's Markdown text, as text."""
    return [p.strip() for p in _BLANK_LINE.split(text) if p.strip()]


def _record(title: str, sections: list[Section], labels: dict[str, str]) -> str:
    out = [
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title></head>\n<body><main data-pagefind-body>\n<h1>{escape(title)}</h1>\n",
    ]
    for key, value in labels.items():
        out.append(f'<p hidden data-pagefind-ignore data-pagefind-filter="{key}:{escape(_bare(value))}" '
                   f'data-pagefind-meta="{key}:{escape(_bare(value))}"></p>\n')
    for hid, heading, lines in sections:
        if heading:
            weight = f' data-pagefind-weight="{HEADING_WEIGHT}"' if hid.startswith("part") else ""
            out.append(f'<h2 id="{escape(hid)}"{weight}>{escape(heading)}</h2>\n')
        for text, weight in lines:
            attr = f' data-pagefind-weight="{weight}"' if weight else ""
            out.append(f"<p{attr}>{escape(text)}</p>\n")
    out.append("</main></body></html>\n")
    return "".join(out)


def _bare(value: str) -> str:
    """A filter or metadata value: Pagefind's attribute syntax splits at commas and colons."""
    return value.replace(",", "，").replace(":", "：")


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
    try:
        search_stable.stabilise(indexing.output)
    except (OSError, ValueError, KeyError, IndexError, TypeError) as e:  # a Pagefind whose files differ
        raise BuildError(f"整理搜索索引失败（pagefind 的文件格式与预期不同：{e}）") from e


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
