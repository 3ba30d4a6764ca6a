"""Reports as rows: the long form (one row per table cell) and the wide form (one row per report).

Plain data from the model, no templates and no files: :mod:`generator.export.files` writes
them. Every column has a Chinese description (``LONG_COLUMNS``, :func:`wide_columns`), shown on
the open-data page and written beside the data. Part 2 cells carry the template in their
column name (``proactive.gb2019.…``) because the two templates count different things and
must never share a column.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..model import spec
from ..model.portal import Agency
from ..model.report import Report, cell_address

BLANK = "blank"
NOT_APPLICABLE = "not_applicable"
VALUE = "value"


@dataclass(frozen=True)
class ColumnDoc:
    name: str  # the key: the JSON files' column name, stable for programs
    description: str
    label: str = ""  # the Chinese header of the CSV and XLSX files, for people


LONG_COLUMNS = (
    ColumnDoc("agency", "机关代码（历年不变）", "机关代码"),
    ColumnDoc("agency_name", "机关全称（机关名录中的名称）", "机关名称"),
    ColumnDoc("kind", "机关类别", "类别"),
    ColumnDoc("region", "所属地区", "地区"),
    ColumnDoc("year", "报告年度", "年度"),
    ColumnDoc("template", "报告格式：gb2019（2019年版）、gb2021（2021年版）", "报告格式"),
    ColumnDoc("part", "报告的第几部分：2 主动公开，3 依申请公开，4 行政复议和行政诉讼", "部分"),
    ColumnDoc("table", "表格代码：proactive、requests、review_litigation", "表格代码"),
    ColumnDoc("row", "行代码", "行代码"),
    ColumnDoc("row_label", "行的中文名称（含上级栏目）", "行"),
    ColumnDoc("column", "列代码", "列代码"),
    ColumnDoc("column_label", "列的中文名称（含上级栏目）", "列"),
    ColumnDoc("value", "数值；原文空白时为空，原文印“/”（不适用）时为 /；金额单位为万元", "数值"),
    ColumnDoc("status", "value 有数值，blank 原文空白或无法辨认，not_applicable 原文印“/”", "状态"),
    ColumnDoc("derived", "1 表示此数原文未印出，由表格的勾稽关系推算而来；否则为 0", "推算"),
    ColumnDoc("uncertain", "1 表示此数需与原件核对（如扫描件识别）；否则为 0", "待核对"),
)

REPORT_COLUMNS = (
    ColumnDoc("agency", "机关代码（历年不变）", "机关代码"),
    ColumnDoc("agency_name", "机关全称（机关名录中的名称）", "机关名称"),
    ColumnDoc("kind", "机关类别", "类别"),
    ColumnDoc("region", "所属地区", "地区"),
    ColumnDoc("year", "报告年度", "年度"),
    ColumnDoc("template", "报告格式：gb2019（2019年版）、gb2021（2021年版）、none（无固定格式）", "报告格式"),
    ColumnDoc("title", "报告标题", "报告标题"),
    ColumnDoc("published", "发布日期（原文所载，可能为空）；CSV 中写作 2021-01-31，Excel 中为日期", "发布日期"),
    ColumnDoc("source_file", "原件文件名", "原件文件名"),
    ColumnDoc("source_sha256", "原件的 SHA-256 校验值", "原件校验值（SHA-256）"),
)


# A spreadsheet reads a cell starting with one of these as a formula (or, for tab and CR, may
# drop the character and then read one): OWASP's advice on CSV injection is to put a single
# quote before such text. Only text gets it; numbers are written as numbers.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, with a ``'`` before it; anything else
    (numbers, other text) as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def status(cell: Any) -> str:
    if cell is None:
        return BLANK
    if cell == spec.NOT_APPLICABLE:
        return NOT_APPLICABLE
    return VALUE


def _tables(report: Report) -> Iterable[tuple[spec.Table, dict[str, list[Any]]]]:
    for table in report.spec.tables:
        rows = report.table(table.key)
        if rows:
            yield table, rows


def long_rows(report: Report, agency: Agency | None) -> list[dict[str, Any]]:
    """One row per printed cell of the report's parts 2–4, in printed order."""
    derived, uncertain = set(report.derived), set(report.uncertain)
    out = []
    for table, rows in _tables(report):
        for row in table.rows:
            if row.key not in rows:
                continue
            for column, cell in zip(row.columns, rows[row.key], strict=True):
                address = cell_address(table.key, row.key, column.key)
                out.append(
                    {
                        "agency": report.agency,
                        "agency_name": agency.name if agency else (report.agency_name or ""),
                        "kind": agency.kind_label if agency else "",
                        "region": (agency.region or "") if agency else "",
                        "year": report.year,
                        "template": report.template,
                        "part": table.part,
                        "table": table.key,
                        "row": row.key,
                        "row_label": row.full_label,
                        "column": column.key,
                        "column_label": column.full_label,
                        "value": "" if cell is None else cell,
                        "status": status(cell),
                        "derived": int(address in derived),
                        "uncertain": int(address in uncertain),
                    }
                )
    return out


def wide_name(template: str, table: str, row: str, column: str) -> str:
    """The wide column of a cell: part 2 names its template, parts 3 and 4 are shared."""
    if table == "proactive":
        return f"{table}.{template}.{row}.{column}"
    return cell_address(table, row, column)


def wide_columns() -> list[ColumnDoc]:
    docs = list(REPORT_COLUMNS)
    seen: set[str] = set()
    for template in spec.TEMPLATES.values():
        for table in template.tables:
            for row in table.rows:
                for column in row.columns:
                    name = wide_name(template.key, table.key, row.key, column.key)
                    if name in seen:
                        continue
                    seen.add(name)
                    where = f"{template.name}" if table.key == "proactive" else "两种格式共用"
                    docs.append(
                        ColumnDoc(
                            name,
                            f"第{table.part}部分（{where}）：{row.full_label} · {column.full_label}",
                            wide_label(template, table, row, column),
                        )
                    )
    labels = [c.label for c in docs]
    assert len(labels) == len(set(labels)), "two wide columns with the same Chinese header"
    return docs


def wide_label(template: spec.Template, table: spec.Table, row: spec.Row, column: spec.Column) -> str:
    """A wide column's Chinese header: short, unique, made from the template's own labels
    (主动公开·2019年版·规章·本年新制作数量, 申请·予以公开·自然人, 行政诉讼·直接起诉·结果纠正)."""
    if table.key == "proactive":
        return f"主动公开·{template.name.removesuffix('格式')}·{row.short}·{column.label}"
    if table.key == "requests":
        who = "其他法人或组织" if column.key == "other_org" else column.label
        return f"申请·{row.short}·{who}"
    return "·".join(p for p in (row.group, row.short, column.label) if p)


def report_fields(report: Report, agency: Agency | None) -> dict[str, Any]:
    return {
        "agency": report.agency,
        "agency_name": agency.name if agency else (report.agency_name or ""),
        "kind": agency.kind_label if agency else "",
        "region": (agency.region or "") if agency else "",
        "year": report.year,
        "template": report.template,
        "title": report.title,
        "published": report.published or "",  # a date: ISO in CSV and JSON, a date cell in XLSX
        "source_file": report.source.file.rsplit("/", 1)[-1] if report.source else "",
        "source_sha256": (report.source.sha256 or "") if report.source else "",
    }


def wide_row(report: Report, agency: Agency | None, columns: list[ColumnDoc]) -> dict[str, Any]:
    out: dict[str, Any] = {c.name: "" for c in columns}
    out.update(report_fields(report, agency))
    for table, rows in _tables(report):
        for row in table.rows:
            for column, cell in zip(row.columns, rows.get(row.key, ()), strict=False):
                out[wide_name(report.template, table.key, row.key, column.key)] = "" if cell is None else cell
    return out
