"""A report's page: its six parts (text and tables as printed), findings, downloads, other years.

The first screen answers at a glance (issue 14): the title, the agency and the year, a box of
key numbers (:func:`key_figures`: requests received, disclosed, refused, carried over, reviews
and suits, each with the previous year's beside it when the agency has that report) and the
link to the original. Downloads are saved under a name a person recognises
(:func:`save_name`: ``<机关名称>-<年度>-政府信息公开工作年度报告.<ext>``); a PDF and an HTML
original's cleaned copy open in the browser, with a second link to save them.

:func:`parts` and :func:`meta` are also what the search index records are made of
(``build.search``), so a search result's headings are the page's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from ..model import spec
from ..model.portal import Agency
from ..model.report import Report
from . import figures, urls
from .site import FILE_TYPES, Common, FindingView, Site, common, crumbs, doc, size_text
from .tables import DataTable, format_number, proactive_tables, requests_table, review_table


class Part(NamedTuple):
    id: str  # the section's id
    title: str
    text: str  # Markdown, as written in the report ("" when none); the template renders it
    tables: tuple[DataTable, ...]
    empty: str  # what to say when the part has nothing

    @property
    def heading_id(self) -> str:
        """The id of the part's heading (search results link to it)."""
        return f"{self.id}-title"


class YearLink(NamedTuple):
    year: int
    url: str
    current: bool


class Download(NamedTuple):
    url: str
    label: str
    kind: str  # original | original-archive | yaml | json | csv
    save_as: str = ""  # the name to save it under (the download attribute of a link saving it)
    opens: bool = False  # the browser shows it (a PDF, an HTML original's cleaned copy): linked to open, and to save


class KeyFigure(NamedTuple):
    key: str  # figures.FIGURES key
    label: str
    value: str  # for reading: 1,036; "未填写" when the report left a cell it needs blank
    previous: str  # the previous year's, as value; "" when the agency has no report of that year
    help: str


# The key numbers of a report's first screen, in this order, with a citizen's words.
KEY_FIGURES = (
    ("received_new", "新收申请"),
    ("disclosed", "予以公开"),
    ("withheld", "不予公开"),
    ("carried_forward", "结转下年度"),
    ("review", "行政复议"),
    ("litigation", "行政诉讼"),
)
BLANK = "未填写"
# What opens in a browser as it is: a PDF in the browser's viewer, an HTML original's cleaned copy.
OPENS_IN_BROWSER = (".pdf", ".html")
_UNSAFE_IN_FILE_NAMES = str.maketrans({c: "_" for c in '\\/:*?"<>|'})


@dataclass(kw_only=True)
class ReportPage(Common):
    report: Report = doc("报告本身（model.report.Report）：report.title、report.year、report.template 等")
    agency: Agency = doc("报告所属机关：agency.name、agency.label（简称或全称）等")
    agency_url: str = doc("机关页面的路径")
    meta: list[tuple[str, str]] = doc("报告信息：（名称，内容）的列表，如 机关、年度、格式、发布日期")
    contact: list[tuple[str, str]] = doc("联系方式：（名称，内容）的列表")
    parts: list[Part] = doc("各部分：id、heading_id、title、text（Markdown 原文，用 markdown 过滤器显示）、tables、empty")
    findings: list[FindingView] = doc("向公众说明的核查发现：rule、severity、severity_label、heading、message、arithmetic")
    other_years: list[YearLink] = doc("本机关各年度报告：year、url、current")
    downloads: list[Download] = doc(
        "下载：url、label、kind（original、original-archive、yaml、json、csv）、save_as（保存时的文件名）、"
        "opens（浏览器能直接打开，如 PDF：链接打开它，另给一个保存的链接）")
    original: Download | None = doc("报告原件（在首屏给出链接；没有原件时为空）：url、label、save_as、opens")
    key_figures: list[KeyFigure] = doc(
        "首屏的主要数字（没有固定格式表格的报告为空）：key、label、value、previous（上年的数字，本机关没有上年报告时为空）、help")
    previous_year: int | None = doc("本机关上一年报告的年度（没有时为空）")
    meta_head: list[tuple[str, str]] = doc("首屏的报告信息：机关、年度、发布日期")
    meta_more: list[tuple[str, str]] = doc("其余的报告信息：报告中的机关名称（与机关名称不同时）、格式、原发布地址")


def parts(report: Report, with_tables: bool = True) -> list[Part]:
    """The report's parts in printed order (the preamble first when there is one)."""
    out = []
    if report.preamble:
        out.append(Part("preamble", "前言", report.preamble, (), ""))
    tables_by_part: dict[int, tuple[str, list[DataTable]]] = {}
    if report.template != "none":
        tables_by_part = {
            2: ("proactive", proactive_tables(report) if report.proactive and with_tables else []),
            3: ("requests", [requests_table(report)] if report.requests and with_tables else []),
            4: ("review_litigation", [review_table(report)] if report.review_litigation and with_tables else []),
        }
    text_of = {1: report.overview, 5: report.problems, 6: report.other}
    for number, heading in spec.PART_TITLES.items():
        if number in text_of:
            text = text_of[number] or ""
            out.append(Part(f"part{number}", heading, text, (), "" if text else "原报告此部分没有内容。"))
        elif number in tables_by_part:
            key, tables = tables_by_part[number]
            text = getattr(report, key + spec.TABLE_TEXT_SUFFIX) or ""
            has_tables = bool(tables) if with_tables else bool(getattr(report, key))
            out.append(Part(f"part{number}", heading, text, tuple(tables), "" if (has_tables or text) else "原报告此部分没有表格。"))
        else:
            out.append(Part(f"part{number}", heading, "", (),
                            "这份报告没有采用固定格式（2019年以前的报告），没有这一部分的表格。"))
    return out


def meta(report: Report, agency: Agency) -> list[tuple[str, str]]:
    out = [
        ("机关", agency.name),
        ("报告中的机关名称", report.agency_name or agency.name),
        ("年度", f"{report.year}年"),
        ("格式", f"{report.spec.name}（{report.spec.issued_by}）" if report.spec.issued_by else report.spec.name),
        ("发布日期", report.published.isoformat() if report.published else "原报告未注明"),
    ]
    if report.source and report.source.url:
        out.append(("原发布地址", report.source.url))
    return out


CONTACT_LABELS = {"address": "地址", "postcode": "邮编", "phone": "电话", "email": "电子邮箱", "website": "网站"}


def contact(report: Report) -> list[tuple[str, str]]:
    if not report.contact:
        return []
    return [(label, getattr(report.contact, k)) for k, label in CONTACT_LABELS.items() if getattr(report.contact, k)]


def save_name(agency: Agency, year: int, suffix: str) -> str:
    """The name a download is saved under: ``<机关名称>-<年度>-政府信息公开工作年度报告<suffix>``
    (characters no file system takes replaced by ``_``), so files of different agencies and
    years never clash."""
    return f"{agency.name.translate(_UNSAFE_IN_FILE_NAMES)}-{year}-政府信息公开工作年度报告{suffix}"


DATA_LABELS = {  # what each of a report's data files is, in a citizen's words
    "csv": "表格文件 CSV，可用 Excel、WPS 打开，每个数字一行",
    "json": "JSON 格式，供程序读取",
    "yaml": "YAML 格式，本站整理时所用的文本文件",
}


def downloads(site: Site, report: Report) -> list[Download]:
    out = []
    sizes = site.file_sizes
    agency = site.agency(report.agency)
    if report.source:
        url = urls.original_url(report.agency, report.year, report.source.file)
        suffix = urls.original_suffix(report.source.file)
        kind = FILE_TYPES.get(suffix, suffix.lstrip(".").upper() or "文件")
        archive = urls.original_archive_url(report.agency, report.year, report.source.file)
        if archive is None:
            opens = suffix in OPENS_IN_BROWSER
            how = "，在浏览器中打开" if opens else ""
            out.append(Download(url, f"报告原件（{kind}{how}，{size_text(sizes.get(url, 0))}）", "original",
                                save_name(agency, report.year, suffix), opens))
        else:
            out.append(Download(url, f"报告原件（{kind}，已去除脚本，在浏览器中阅读，{size_text(sizes.get(url, 0))}）", "original",
                                save_name(agency, report.year, ".html"), True))
            checksum = f"，SHA-256 {report.source.sha256}" if report.source.sha256 else ""
            out.append(Download(archive, f"报告原件的原始网页文件（ZIP 压缩包，{size_text(sizes.get(archive, 0))}{checksum}）",
                                "original-archive", save_name(agency, report.year, suffix + ".zip")))
    for suffix in ("csv", "json", "yaml"):
        url = urls.report_data_url(report.agency, report.year, suffix)
        out.append(Download(url, f"本报告数据（{DATA_LABELS[suffix]}，{size_text(sizes.get(url, 0))}）", suffix,
                            save_name(agency, report.year, "." + suffix)))
    return out


def key_figures(site: Site, report: Report) -> list[KeyFigure]:
    """The key numbers of the first screen, the previous year's beside each when the agency
    has that report; none for a report without the template's tables."""
    if report.template == "none" or not (report.requests or report.review_litigation):
        return []
    now = site.values(report)
    before = site.content.report(report.agency, report.year - 1)
    then = site.values(before) if before is not None and before.template != "none" else None
    out = []
    for key, label in KEY_FIGURES:
        figure = figures.BY_KEY[key]
        previous = "" if then is None else _figure_text(then[key])
        out.append(KeyFigure(key, label, _figure_text(now[key]), previous, figure.help))
    return out


def _figure_text(value: int | float | None) -> str:
    return BLANK if value is None else format_number(value)


def report_page(site: Site, page: urls.Page) -> ReportPage:
    agency_id, year = page.key
    report = site.content.report(str(agency_id), int(year))  # type: ignore[arg-type]
    assert report is not None
    agency = site.agency(report.agency)
    listed = downloads(site, report)
    info = meta(report, agency)
    return ReportPage(
        **common(
            site,
            page,
            report.title,
            crumbs((urls.AGENCIES, "机关"), (urls.agency_url(report.agency), agency.label), (page.url, f"{report.year}年报告")),
            f"{agency.name}{report.year}年政府信息公开工作年度报告全文与数据。",
        ),
        report=report,
        agency=agency,
        agency_url=urls.agency_url(report.agency),
        meta=info,
        contact=contact(report),
        parts=parts(report),
        findings=site.report_findings(report),
        other_years=[YearLink(r.year, urls.report_url(r.agency, r.year), r.year == report.year)
                     for r in site.content.reports_of(report.agency)],
        downloads=listed,
        original=next((d for d in listed if d.kind == "original"), None),
        key_figures=key_figures(site, report),
        previous_year=report.year - 1 if site.content.report(report.agency, report.year - 1) else None,
        meta_head=[(label, value) for label, value in info if label in ("机关", "年度", "发布日期")],
        meta_more=[(label, value) for label, value in info if label not in ("机关", "年度", "发布日期")
                   and not (label == "报告中的机关名称" and value == agency.name)],
    )
