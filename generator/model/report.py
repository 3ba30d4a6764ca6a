"""One annual report: the dataclass, its validation from plain data, and back to plain data.

``report_from_data`` takes the values a YAML file held (and a locator that tells where each
key stands in it) and returns a :class:`Report` plus every finding about its shape: unknown
keys, wrong types, rows of the wrong length, negative counts. A cell that is not valid is
kept as ``None`` (unknown), so the arithmetic rules skip it instead of adding up nonsense.
``Report.to_data`` gives the mapping back in the canonical key order.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..findings import ERROR, SCHEMA, WARNING, Finding, Location
from . import spec
from .values import (  # noqa: F401  (SLUG, ORIGINALS_DIR: named here too, with the format)
    ORIGINALS_DIR,
    SLUG,
    id_problem,
    number_text,
    original_path_problem,
    suggest,
    type_name,
)

Cell = int | float | str | None  # a number, None (blank) or "/" (not applicable)
Rows = dict[str, list[Cell]]
Locate = Callable[..., Location]

SCHEMA_VERSION = 1
SHA256 = re.compile(r"\A[0-9a-f]{64}\Z")
YEARS = range(1990, 2101)


TEXT_KEYS = (
    "preamble",
    "overview",
    "proactive_text",
    "requests_text",
    "review_litigation_text",
    "problems",
    "other",
)
# Canonical key order of a report file.
KEY_ORDER = (
    "schema",
    "agency",
    "agency_name",
    "year",
    "template",
    "title",
    "published",
    "source",
    "contact",
    "preamble",
    "overview",
    "proactive_text",
    "proactive",
    "requests_text",
    "requests",
    "review_litigation_text",
    "review_litigation",
    "problems",
    "other",
    "derived",
    "uncertain",
)
# What each key holds, in Chinese, for the handbook (every key of KEY_ORDER has one).
KEY_DOCS = {
    "schema": "格式版本，目前为 1（必填）",
    "agency": "机关代码，须已在 agencies.yaml 登记，并与所在文件夹同名（必填）",
    "agency_name": "报告标题中印的机关名称",
    "year": "报告所属年度，与文件名相同（必填）",
    "template": "表格格式：gb2019、gb2021，或 2019 年以前无固定格式的 none（必填）",
    "title": "报告标题，按原文（必填）",
    "published": "发布日期，如 2021-01-25；原文未印则不写",
    "source": "原件：file 原件路径（相对于内容文件夹）、sha256 导入时原件的校验值、url 原文网址",
    "contact": "报告开头所列联系方式：address 地址、postcode 邮编、phone 电话、email 电子邮箱、website 网站",
    "preamble": "“一、总体情况”之前的引言（Markdown）",
    "overview": "一、总体情况（Markdown）",
    "proactive_text": "第二部分中表格以外的文字（Markdown）",
    "proactive": "二、主动公开政府信息情况：各行的数字，行与列见下文",
    "requests_text": "第三部分中表格以外的文字（Markdown）",
    "requests": "三、收到和处理政府信息公开申请情况：各行七个数",
    "review_litigation_text": "第四部分中表格以外的文字（Markdown）",
    "review_litigation": "四、政府信息公开行政复议、行政诉讼情况：三组各五个数",
    "problems": "五、存在的主要问题及改进情况（Markdown）",
    "other": "六、其他需要报告的事项（Markdown）",
    "derived": "原件缺失、按勾稽关系推算补上的单元格地址列表",
    "uncertain": "需要对照原件核实的单元格地址列表（如文字识别所得）",
}
REQUIRED_KEYS = ("schema", "agency", "year", "template", "title")
SOURCE_KEYS = ("file", "sha256", "url")
CONTACT_KEYS = ("address", "postcode", "phone", "email", "website")
MARK_KEYS = ("derived", "uncertain")


@dataclass
class Source:
    file: str
    sha256: str | None = None
    url: str | None = None


@dataclass
class Contact:
    address: str | None = None
    postcode: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None


@dataclass
class Report:
    agency: str
    year: int
    template: str
    title: str
    agency_name: str | None = None
    schema: int = SCHEMA_VERSION
    published: _dt.date | None = None
    source: Source | None = None
    contact: Contact | None = None
    preamble: str | None = None
    overview: str | None = None
    proactive_text: str | None = None
    proactive: Rows | None = None
    proactive_as_printed: dict[str, str] = field(default_factory=dict)
    requests_text: str | None = None
    requests: Rows | None = None
    review_litigation_text: str | None = None
    review_litigation: Rows | None = None
    problems: str | None = None
    other: str | None = None
    derived: list[str] = field(default_factory=list)  # cells filled by arithmetic, not read
    uncertain: list[str] = field(default_factory=list)  # cells to check against the original
    path: str = ""  # the file it was loaded from, as shown in findings
    locate: Locate = field(default=Location, repr=False, compare=False)

    @property
    def spec(self) -> spec.Template:
        return spec.TEMPLATES[self.template]

    def table(self, key: str) -> Rows | None:
        rows: Rows | None = getattr(self, key)
        return rows

    def cell(self, table: str, row: str, column: str) -> Cell:
        rows = self.table(table)
        if not rows or row not in rows:
            return None
        index = [c.key for c in self.spec.table(table).row(row).columns].index(column)
        return rows[row][index]

    def to_data(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in KEY_ORDER:
            value = getattr(self, key)
            if key == "source" and value is not None:
                value = _drop_none({k: getattr(value, k) for k in SOURCE_KEYS})
            elif key == "contact" and value is not None:
                value = _drop_none({k: getattr(value, k) for k in CONTACT_KEYS}) or None
            elif key in ("proactive", "requests", "review_litigation") and value is not None:
                value = self._table_data(key, value)
            if value is None or value == []:
                continue
            out[key] = value
        return out

    def _table_data(self, key: str, rows: Rows) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for row in self.spec.table(key).rows:
            if row.key in rows:
                out[row.key] = list(rows[row.key])
            if key == "proactive" and row.key in self.proactive_as_printed:
                out[row.key + spec.AS_PRINTED_SUFFIX] = self.proactive_as_printed[row.key]
        return out


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


def number(cell: Cell) -> int | float | None:
    """The cell as a number for arithmetic, or None when blank or not applicable."""
    kind = type(cell)  # type(), not isinstance: True is an int but not a number here
    return cell if kind is int or kind is float else None  # type: ignore[return-value]


def cell_address(table: str, row: str, column: str) -> str:
    return f"{table}.{row}.{column}"


class _Validator:
    """Collects the findings about one report's data while building the Report."""

    def __init__(self, path: str, locate: Locate):
        self.path = path
        self.locate = locate
        self.refused = getattr(locate, "refused", frozenset())
        self.findings: list[Finding] = []

    def error(
        self, message: str, *keys: Any, severity: str = ERROR, field: str | None = None, again: bool = False
    ) -> None:
        """A finding at ``keys``; none about a value already refused while reading (unless ``again``)."""
        if keys in self.refused and not again:
            return
        dotted = field or ".".join(str(k) for k in keys)
        self.findings.append(Finding(severity, SCHEMA, message, self.locate(*keys), dotted))

    def text(self, data: dict[str, Any], key: str) -> str | None:
        value = data.get(key)
        if value is None or isinstance(value, str):
            return value
        self.error(f"{key} 应为文字（Markdown），实为 {type_name(value)}", key)
        return None

    def string(self, value: Any, *keys: Any) -> str | None:
        if value is None or isinstance(value, str):
            return value
        hint = "；数字形式的电话、邮编请加引号，如 \"0469-5100305\"" if isinstance(value, int) else ""
        self.error(f"{keys[-1]} 应为文字，实为 {type_name(value)}{hint}", *keys)
        return None

    def unknown_keys(self, mapping: dict[Any, Any], allowed: tuple[str, ...], *keys: Any) -> None:
        for key in mapping:
            if key not in allowed:
                self.error(
                    f"未知的键 {key}{suggest(str(key), allowed)}（可用的键：{'、'.join(allowed)}）",
                    *keys,
                    key,
                    again=True,
                )

    def mapping(self, value: Any, *keys: Any) -> dict[str, Any] | None:
        if value is None or isinstance(value, dict):
            return value
        self.error(f"{keys[-1]} 应为键值映射，实为 {type_name(value)}", *keys)
        return None


def report_from_data(
    data: Any, path: str, locate: Locate | None = None
) -> tuple[Report | None, list[Finding]]:
    """Validate one report's data. Returns None for the report when it cannot be placed."""
    v = _Validator(path, locate or (lambda *k: Location(path)))
    if not isinstance(data, dict):
        v.error(f"报告文件应为键值映射（schema: 1、agency: … 等），实为 {type_name(data)}")
        return None, v.findings
    v.unknown_keys(data, KEY_ORDER)
    for key in REQUIRED_KEYS:
        if data.get(key) is None:
            v.error(f"缺少必填的键 {key}", key)

    schema = data.get("schema")
    if schema is not None and not (type(schema) is int and schema == SCHEMA_VERSION):
        v.error(f"schema 应为 {SCHEMA_VERSION}，实为 {type_name(schema)}", "schema")
    agency = data.get("agency")
    if agency is not None and (problem := id_problem(agency)):
        v.error(f"agency {problem}", "agency")
        agency = None
    year = data.get("year")
    if year is not None and not (type(year) is int and year in YEARS):
        v.error(f"year 应为 {YEARS.start}–{YEARS.stop - 1} 之间的年份，实为 {type_name(year)}", "year")
        year = None
    template = data.get("template")
    if template is not None and not (isinstance(template, str) and template in spec.TEMPLATES):
        shown = repr(template) if isinstance(template, str) else type_name(template)
        v.error(f"template 应为 {'、'.join(spec.TEMPLATES)} 之一，实为 {shown}", "template")
        template = None
    title = v.string(data.get("title"), "title")
    if title is not None and not title.strip():
        v.error("title 不能为空，应照录报告标题", "title")
        title = None
    if not (agency and year and template and title):
        return None, v.findings

    report = Report(
        agency=agency,
        year=year,
        template=template,
        title=title,
        agency_name=v.string(data.get("agency_name"), "agency_name"),
        path=path,
        locate=v.locate,
    )
    report.published = _published(v, data.get("published"), year)
    report.source = _source(v, data.get("source"))
    report.contact = _contact(v, data.get("contact"))
    for key in TEXT_KEYS:
        setattr(report, key, v.text(data, key))

    template_spec = spec.TEMPLATES[template]
    for table_key in ("proactive", "requests", "review_litigation"):
        value = data.get(table_key)
        if not template_spec.tables:
            if value is not None:
                v.error(
                    f"template: none（无固定格式）的报告没有表格，{table_key} 应删去或改用 gb2019/gb2021",
                    table_key,
                )
            continue
        rows = _table(v, template_spec.table(table_key), value, report)
        setattr(report, table_key, rows)
    for key in MARK_KEYS:
        setattr(report, key, _cell_list(v, data.get(key), key, report))
    return report, v.findings


def _published(v: _Validator, value: Any, year: int) -> _dt.date | None:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        value = value.date()
    if not isinstance(value, _dt.date):
        v.error(f"published 应为日期，写作 2021-01-25，实为 {type_name(value)}", "published")
        return None
    if value <= _dt.date(year, 12, 31):
        v.error(
            f"发布日期 {value.isoformat()} 不晚于报告年度 {year} 年末，报告不可能在年度结束前发布，"
            "可能是原文笔误，请核对原件",
            "published",
            severity=WARNING,
        )
    return value


def _source(v: _Validator, value: Any) -> Source | None:
    mapping = v.mapping(value, "source")
    if mapping is None:
        return None
    v.unknown_keys(mapping, SOURCE_KEYS, "source")
    if mapping.get("file") is None:
        if ("source", "file") not in v.refused:
            v.error("source 缺少 file（原件路径，如 originals/qixingpao/2020.pdf）", "source")
        return None
    file = v.string(mapping.get("file"), "source", "file")
    if file is None:
        return None
    if problem := original_path_problem(file):
        v.error(f"source.file {problem}", "source", "file")
        return None
    sha = v.string(mapping.get("sha256"), "source", "sha256")
    if sha is not None and not SHA256.match(sha):
        v.error("source.sha256 应为 64 位小写十六进制数", "source", "sha256")
        sha = None
    return Source(file, sha, v.string(mapping.get("url"), "source", "url"))


def _contact(v: _Validator, value: Any) -> Contact | None:
    mapping = v.mapping(value, "contact")
    if mapping is None:
        return None
    v.unknown_keys(mapping, CONTACT_KEYS, "contact")
    return Contact(**{k: v.string(mapping.get(k), "contact", k) for k in CONTACT_KEYS})


def _table(v: _Validator, table: spec.Table, value: Any, report: Report) -> Rows | None:
    mapping = v.mapping(value, table.key)
    if mapping is None:
        return None
    rows: Rows = {}
    money_rows = [r.key for r in table.rows if any(c.kind == spec.MONEY for c in r.columns)]
    for key, raw in mapping.items():
        if isinstance(key, str) and key.endswith(spec.AS_PRINTED_SUFFIX):
            base = key.removesuffix(spec.AS_PRINTED_SUFFIX)
            if base in money_rows:
                printed = v.string(raw, table.key, key)
                if printed is not None:
                    report.proactive_as_printed[base] = printed
                continue
        if key not in table.row_keys:
            other = [
                t.key for t in spec.TEMPLATES.values() if t.tables and key in t.table(table.key).row_keys
            ]
            why = f"，它属于 {other[0]} 格式，本报告 template 为 {report.template}" if other else ""
            v.error(
                f"第{_part(table)}部分没有 {key} 这一行{why}{suggest(str(key), table.row_keys)}",
                table.key,
                key,
            )
            continue
        rows[key] = _row(v, table, table.row(key), raw)
    _check_rows_present(v, table, rows)
    return rows


def _part(table: spec.Table) -> str:
    return "二三四"[table.part - 2]


def _check_rows_present(v: _Validator, table: spec.Table, rows: Rows) -> None:
    required = list(table.row_keys)
    if table.alternatives:
        single, split = table.alternatives
        has_single = any(k in rows for k in single)
        has_split = any(k in rows for k in split)
        if has_single and has_split:
            v.error(
                f"{'、'.join(single)} 与 {'、'.join(split)} 只能二选一（按原文印的那种写）",
                table.key,
                split[0],
            )
        drop = split if has_single or not has_split else single
        required = [k for k in required if k not in drop]
    missing = [k for k in required if k not in rows]
    if missing:
        labels = "、".join(f"{k}（{table.row(k).label}）" for k in missing)
        v.error(
            f"第{_part(table)}部分缺少 {len(missing)} 行：{labels}；原文空白的单元格写 null",
            table.key,
        )


def _row(v: _Validator, table: spec.Table, row: spec.Row, raw: Any) -> list[Cell]:
    width = len(row.columns)
    if type(raw) is list and len(raw) == width:
        return [_cell(v, table, row, column, value, i) for i, (column, value) in enumerate(zip(row.columns, raw, strict=True))]
    heads = "，".join(c.label for c in row.columns)
    if not isinstance(raw, list):
        v.error(
            f"{row.label}（{row.key}）应为 {width} 个数的列表 [{heads}]，实为 {type_name(raw)}",
            table.key,
            row.key,
        )
        return [None] * width
    v.error(
        f"{row.label}（{row.key}）应有 {width} 个数（{heads}），实有 {len(raw)} 个",
        table.key,
        row.key,
    )
    return [None] * width


_MAX_WHOLE = spec.MAX_WHOLE  # a module global: read for every cell
_LEADING_ZERO = re.compile(r"\A[-+]?0[0-9]+\Z")
_NUMBERISH = re.compile(r"^[\s+\-－＋0-9０-９,，.．]+$")


def _cell(
    v: _Validator, table: spec.Table, row: spec.Row, column: spec.Column, value: Any, index: int
) -> Cell:
    if value is None or value == spec.NOT_APPLICABLE:
        return value  # type: ignore[no-any-return]
    if type(value) is int and 0 <= value <= _MAX_WHOLE:
        return value  # the common case (in range for every kind), before any message is put together
    address = cell_address(table.key, row.key, column.key)
    where = f"{row.label} · {column.full_label}（{address}）"
    keys = (table.key, row.key, index)
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        v.error(f"{where}应为数字，实为 {type_name(value)}", *keys, field=address)
        return None
    if isinstance(value, str):
        if _LEADING_ZERO.match(value):
            hint = "；请去掉开头的 0（以 0 开头的数在 YAML 中可能被读作八进制数）"
        elif value.strip().isascii() and value.strip().isdigit():
            hint = "；请去掉引号"
        elif _NUMBERISH.match(value):
            hint = "；请写成不带千分位逗号、半角的数字，如 1036"
        else:
            hint = "；原文空白写 null，不适用写 \"/\""

        v.error(f"{where}应为数字，实为 {type_name(value)}{hint}", *keys, field=address)
        return None
    if isinstance(value, float) and not math.isfinite(value):
        v.error(f"{where}应为有限的数字，实为 {value}", *keys, field=address)
        return None
    if column.kind != spec.MONEY and isinstance(value, float):
        v.error(f"{where}是件数，应为整数，实为 {value}", *keys, field=address)
        return None
    if column.kind != spec.CHANGE and value < 0:
        v.error(f"{where}不能为负数，实为 {number_text(value)}", *keys, field=address)
        return None
    low, high = spec.RANGES[column.kind]
    if not low <= value <= high:
        what = "金额（万元）" if column.kind == spec.MONEY else "件数"
        v.error(
            f"{where}超出合理范围：{what}应在 {low} 到 {high} 之间，实为 {number_text(value)}；请核对原件",
            *keys,
            field=address,
        )
        return None
    return value


def _cell_list(v: _Validator, value: Any, key: str, report: Report) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        v.error(f"{key} 应为单元格地址的列表，如 [requests.total.natural_person]", key)
        return []
    good = []
    for i, address in enumerate(value):
        parts = address.split(".")
        ok = False
        if len(parts) == 3 and report.table(parts[0]) is not None:
            table = report.spec.table(parts[0])
            if parts[1] in table.row_keys:
                ok = parts[2] in [c.key for c in table.row(parts[1]).columns]
        if ok:
            good.append(address)
        else:
            v.error(f"{key} 中的 {address} 不是本报告中的单元格（应为 表.行.列，如 requests.total.natural_person）", key, i)
    return good
