"""A report's page: its six parts (text and tables as printed), findings, downloads, other years.

:func:`parts` and :func:`meta` are also what the search index records are made of
(``build.search``), so a search result's headings are the page's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from ..model import spec
from ..model.portal import Agency
from ..model.report import Report
from . import urls
from .site import FILE_TYPES, Common, FindingView, Site, common, crumbs, doc, size_text
from .tables import DataTable, proactive_tables, requests_table, review_table


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
    downloads: list[Download] = doc("下载：url、label、kind（original、original-archive、yaml、json、csv）")


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


def downloads(site: Site, report: Report) -> list[Download]:
    out = []
    sizes = site.file_sizes
    if report.source:
        url = urls.original_url(report.agency, report.year, report.source.file)
        suffix = urls.original_suffix(report.source.file)
        kind = FILE_TYPES.get(suffix, suffix.lstrip(".").upper() or "文件")
        archive = urls.original_archive_url(report.agency, report.year, report.source.file)
        if archive is None:
            out.append(Download(url, f"报告原件（{kind}，{size_text(sizes.get(url, 0))}）", "original"))
        else:
            out.append(Download(url, f"报告原件（{kind}，已去除脚本，供阅读，{size_text(sizes.get(url, 0))}）", "original"))
            checksum = f"，SHA-256 {report.source.sha256}" if report.source.sha256 else ""
            out.append(Download(archive, f"报告原件的原始文件（ZIP 压缩包，{size_text(sizes.get(archive, 0))}{checksum}）",
                                "original-archive"))
    for suffix in urls.REPORT_DATA_SUFFIXES:
        url = urls.report_data_url(report.agency, report.year, suffix)
        what = {"yaml": "本站整理的数据", "json": "数据", "csv": "表格数据，每个数字一行"}[suffix]
        out.append(Download(url, f"{what}（{suffix.upper()}，{size_text(sizes.get(url, 0))}）", suffix))
    return out


def report_page(site: Site, page: urls.Page) -> ReportPage:
    agency_id, year = page.key
    report = site.content.report(str(agency_id), int(year))  # type: ignore[arg-type]
    assert report is not None
    agency = site.agency(report.agency)
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
        meta=meta(report, agency),
        contact=contact(report),
        parts=parts(report),
        findings=site.report_findings(report),
        other_years=[YearLink(r.year, urls.report_url(r.agency, r.year), r.year == report.year)
                     for r in site.content.reports_of(report.agency)],
        downloads=downloads(site, report),
    )
