"""The full-text search index: Pagefind over small record pages made from the content.

Pagefind (``pagefind[extended]`` from PyPI, the build that segments Chinese words) makes a
static index that the search page queries in the browser, with no server and no outside host.
It is run as ``python -m pagefind`` so the build needs no Node and no network.

It indexes HTML files. Rather than the rendered site (about 30 KB a report page, most of it
tables, navigation and downloads that Pagefind would parse and then ignore), it is given one
small *record* per searchable page, written here from the content: the same words in well
under half the time. And since records need only the loaded content, the index is made in the
background while the pages are rendered (:class:`Indexer`). A record's path mirrors its page's,
so each result gets its page's address; its headings carry the ids of the page's headings, so
Pagefind's sub-results link to the right part of the page.

What is searchable:

* a report: its title, agency, year, template, publication date and the text of its six
  parts (the tables' numbers are not words anyone searches for);
* an agency: its names (former ones too), kind, region and the titles of its reports;
* the home page only when there is nothing else, so that even an empty portal has an index.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from markupsafe import escape

from ..content import Content
from ..model import spec
from ..model.portal import Agency
from ..model.report import Report
from ..parallel import Forked, ForkedError
from . import plan


class SearchError(Exception):
    """Pagefind failed; the message says why, in Chinese, for the editor."""


def write_records(content: Content, folder: Path) -> int:
    """One record page per report and agency under ``folder`` (the home page's when there
    are neither, since Pagefind refuses to make an empty index)."""
    count = 0
    if not content.agencies and not content.reports:
        _write(folder / plan.HOME, content.site.title if content.site else "", [])
        count += 1
    for agency in content.agencies.values():
        _write(folder / plan.agency_url(agency.id), agency.name, _agency_sections(agency, content.reports_of(agency.id)))
        count += 1
    for report in content.reports:
        agency = content.agencies.get(report.agency)
        _write(folder / plan.report_url(report.agency, report.year), report.title, _report_sections(report, agency))
        count += 1
    return count


Section = tuple[str, str, list[str]]  # (heading id, heading, paragraphs); "" id: no heading


def _report_sections(report: Report, agency: Agency | None) -> list[Section]:
    meta = [
        f"机关：{agency.name if agency else report.agency}",
        f"报告中的机关名称：{report.agency_name or (agency.name if agency else report.agency)}",
        f"年度：{report.year}年",
        f"格式：{report.spec.name}",
        f"发布日期：{report.published.isoformat() if report.published else '原报告未注明'}",
    ]
    sections: list[Section] = [("", "", meta)]
    if report.preamble:
        sections.append(("preamble-title", "前言", _paragraphs(report.preamble)))
    texts = {1: report.overview, 5: report.problems, 6: report.other}
    if report.template != "none":
        texts.update({2: report.proactive_text, 3: report.requests_text, 4: report.review_litigation_text})
    for number, heading in spec.PART_TITLES.items():
        sections.append((f"part{number}-title", heading, _paragraphs(texts.get(number))))
    if report.contact:
        values = [getattr(report.contact, k) for k in ("address", "postcode", "phone", "email", "website")]
        sections.append(("contact-title", "联系方式", [v for v in values if v]))
    return sections


def _agency_sections(agency: Agency, reports: list[Report]) -> list[Section]:
    meta = [f"类别：{agency.kind_label}", f"所属地区：{agency.region or '不详'}"]
    if agency.website:
        meta.append(f"网站：{agency.website}")
    if agency.former_names:
        meta.append(f"曾用名：{'、'.join(agency.former_names)}")
    titles = [f"{r.year}年：{r.title}" for r in reversed(reports)]
    return [("", "", meta), ("reports-title", "历年报告", titles)]


_BLANK_LINE = re.compile(r"\n\s*\n")


def _paragraphs(text: str | None) -> list[str]:
    """The paragraphs of a part's Markdown text, as text (Pagefind drops the punctuation)."""
    if not text:
        return []
    return [p.strip() for p in _BLANK_LINE.split(text) if p.strip()]


def _write(file: Path, title: str, sections: list[Section]) -> None:
    out = [
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title></head>\n<body><main data-pagefind-body>\n<h1>{escape(title)}</h1>\n",
    ]
    for hid, heading, paragraphs in sections:
        if heading:
            out.append(f'<h2 id="{escape(hid)}">{escape(heading)}</h2>\n')
        out.extend(f"<p>{escape(p)}</p>\n" for p in paragraphs)
    out.append("</main></body></html>\n")
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text("".join(out), encoding="utf-8")


class Indexer:
    """Makes the index into ``output`` in the background: records first, then Pagefind.

    ``start`` forks a process that writes the records (in a temporary folder of their own)
    and runs Pagefind, so that neither holds up the build; ``wait`` returns when the index
    is complete, or raises :class:`SearchError`; ``cancel`` stops the process and Pagefind
    with it. Either way the records are removed.
    """

    def __init__(self, content: Content, output: Path):
        self.content = content
        self.output = output
        self.records: Path | None = None
        self.forked: Forked | None = None

    def start(self) -> Indexer:
        self.records = Path(tempfile.mkdtemp(prefix="xxgk-search-"))
        records, content, output = self.records, self.content, self.output
        self.forked = Forked(lambda: _make_index(content, records, output), group=True)
        return self

    def wait(self) -> None:
        assert self.forked is not None
        try:
            code, message = self.forked.result()
        except ForkedError as e:
            code, message = -1, str(e)
        finally:
            self._clean()
        if code != 0 or not (self.output / "pagefind.js").is_file():
            raise SearchError("建立搜索索引失败（pagefind）。请确认已安装 pagefind[extended]。\n" + message)

    def cancel(self) -> None:
        if self.forked is not None:
            self.forked.cancel()
        self._clean()

    def _clean(self) -> None:
        if self.records is not None:
            shutil.rmtree(self.records, ignore_errors=True)
            self.records = None


def _make_index(content: Content, records: Path, output: Path) -> tuple[int, str]:
    """Write the records and run Pagefind on them; returns its exit code and what it said."""
    write_records(content, records)
    argv = [sys.executable, "-m", "pagefind", "--site", str(records), "--output-path", str(output),
            "--keep-index-url", "--silent"]
    try:
        done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    except OSError as e:
        return -1, f"无法启动 pagefind：{e}"
    return done.returncode, done.stdout.decode("utf-8", "replace").strip()


def index(content: Content, output: Path) -> None:
    """Make the index into ``output`` and wait for it (the preview's background refresh)."""
    indexer = Indexer(content, output).start()
    try:
        indexer.wait()
    except BaseException:
        indexer.cancel()
        raise
