"""The open-data page, the reading help, the search page and the 404 page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urlsplit

from ..checks.public import NAMES, PLAIN, plain_message
from ..checks.rules import RULES
from ..export import bundle
from ..export.rows import LONG_COLUMNS, ColumnDoc, wide_columns
from ..model import spec
from . import urls
from .glossary import TERMS, columns_for_help, rows_for_help
from .site import Common, Site, common, crumbs, doc, size_text
from .trends_indicators import RATES


class FileLink(NamedTuple):
    url: str
    label: str
    name: str


DESCRIBE = {
    "xxgk-long.csv": "长表（CSV）：每个数字一行，可直接用 Excel 打开",
    "xxgk-wide.csv": "宽表（CSV）：每份报告一行，每个格子一列",
    "xxgk-columns.csv": "列说明（CSV）：长表和宽表每一列的中文列名、键和含义",
    "xxgk-long.json": "长表（JSON）",
    "xxgk-wide.json": "宽表（JSON）",
    "xxgk.json": "全部报告的完整数据（JSON），含机关名录",
}


@dataclass(kw_only=True)
class DataPage(Common):
    files: list[FileLink] = doc("数据文件：url、label（含大小）、name")
    licence: str = doc("数据的来源与使用说明（site.yaml 的 data.licence，旧名 data_licence）")
    updated: str = doc("数据日期，如 2026-11-30（site.yaml 的 data.updated，不填时为最近一份报告的发布日期；都没有时为空）")
    updated_is_set: bool = doc("数据日期是否由 site.yaml 设定（否则取自最近一份报告的发布日期）")
    compare_data: FileLink | None = doc("自选比较所用的数据文件（JSON）")
    long_columns: tuple[ColumnDoc, ...] = doc("长表的列：name、description")
    wide_columns: list[ColumnDoc] = doc("宽表的前 10 列：name、description")
    wide_cell_count: int = doc("宽表其余的列数")
    report_count: int = doc("报告总数")


def data_page(site: Site, page: urls.Page) -> DataPage:
    describe = dict(DESCRIBE)
    describe["xxgk.xlsx"] = (
        "全部数据（Excel 工作簿）：说明、长表、宽表和列说明四个工作表"
        if site.xlsx_has_long
        else "全部数据（Excel 工作簿）：说明、宽表和列说明三个工作表（长表行数太多，请用 CSV）"
    )
    files = []
    for name in bundle.DATASET_FILES:
        url = urls.data_file_url(name)
        files.append(FileLink(url, f"{describe[name]}，{size_text(site.file_sizes.get(url, 0))}", name))
    cfg = site.content.site
    wide = wide_columns()
    return DataPage(
        **common(site, page, "数据下载", crumbs((page.url, "数据下载")), "全部报告的表格数据，CSV、JSON 和 Excel 格式。"),
        files=files,
        licence=(cfg.licence if cfg and cfg.licence else bundle.DEFAULT_LICENCE),
        updated=(updated.isoformat() if (updated := bundle.data_date(cfg, site.content.reports)) else ""),
        updated_is_set=bool(cfg and cfg.data_updated),
        compare_data=FileLink(urls.COMPARE_DATA, f"各机关历年指标（JSON，自选比较页面使用），"
                              f"{size_text(site.file_sizes.get(urls.COMPARE_DATA, 0))}", "compare.json"),
        long_columns=LONG_COLUMNS,
        wide_columns=wide[:10],
        wide_cell_count=len(wide) - 10,
        report_count=len(site.content.reports),
    )


@dataclass(kw_only=True)
class HelpPage(Common):
    terms: tuple[tuple[str, str], ...] = doc("常用词语：（词语，解释）")
    rows: list[tuple[str, str, str]] = doc("表格中的行：（第几部分，行的名称，解释）")
    columns: list[tuple[str, str]] = doc("表格中的列：（列的名称，解释）")
    rules: list[tuple[str, str]] = doc("核对的规则：（名称，内容），均为中文")
    plain: dict[str, str] = doc("各规则对读者的说法，按规则")
    rates: list[tuple[str, str]] = doc("比较页面所用的比率：（名称，定义）")


def help_page(site: Site, page: urls.Page) -> HelpPage:
    return HelpPage(
        **common(site, page, "阅读帮助", crumbs((page.url, "阅读帮助")), "年度报告中每一行、每一列是什么意思。"),
        terms=TERMS, rows=rows_for_help(), columns=columns_for_help(), rules=[(NAMES[r.id], plain_message(r.summary)) for r in RULES.values()],
        plain=PLAIN, rates=[(i.label, i.help) for i in RATES],
    )


class SearchFilters(NamedTuple):
    years: list[str]
    kinds: list[str]
    agencies: list[str]


@dataclass(kw_only=True)
class SearchPage(Common):
    filters: SearchFilters = doc("搜索的筛选项：years（如 2021年，新的在前）、kinds（类别名称）、agencies（机关全称）")


def search_filters(site: Site) -> SearchFilters:
    """The choices of the search page's filters, worded as the index's filters are
    (``build.search``: year "2021年", the kind's name, the agency's full name)."""
    content = site.content
    agencies = list(content.agencies.values())
    kinds = [label for key, label in spec.AGENCY_KINDS.items() if any(a.kind == key for a in agencies)]
    return SearchFilters([f"{y}年" for y in reversed(content.years)], kinds, [a.name for a in agencies])


def search_page(site: Site, page: urls.Page) -> SearchPage:
    return SearchPage(**common(site, page, "搜索", crumbs((page.url, "搜索")), "在全部报告和机关中搜索。"),
                      filters=search_filters(site))


@dataclass(kw_only=True)
class NotFoundPage(Common):
    base_path: str = doc("网站正式地址的路径部分（设置了 base_url 时），供 <base> 使用")


def not_found_page(site: Site, page: urls.Page) -> NotFoundPage:
    return NotFoundPage(**common(site, page, "找不到这个页面", [], ""),
                        base_path=urlsplit(site.base_url).path if site.base_url else "")
