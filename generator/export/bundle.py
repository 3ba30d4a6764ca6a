"""What the open-data downloads hold: each report's own files and the whole dataset's.

Plain data from the model, encoded here and written by :mod:`files`; where the files go in the
site is decided by ``pages.urls``. The dataset is written in four independent parts
(:data:`DATASET_PARTS`), so the build's workers can write them side by side. CSV text that a
spreadsheet would run as a formula is made safe (``rows.safe_text``); JSON and XLSX keep text as
it is (XlsxWriter writes text as text).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..model.portal import Agency, SiteConfig
from ..model.report import Report
from . import files, long_form
from .rows import LONG_COLUMNS, ColumnDoc, long_rows, safe_text, wide_columns, wide_row

LONG = "xxgk-long"
WIDE = "xxgk-wide"
COLUMNS = "xxgk-columns"
FULL = "xxgk"
# the dataset's files, in the order the open-data page lists them
DATASET_FILES = (f"{LONG}.csv", f"{WIDE}.csv", f"{COLUMNS}.csv", f"{FULL}.xlsx", f"{LONG}.json", f"{WIDE}.json", f"{FULL}.json")

# CSV files carry one header row of Chinese column names, for people and spreadsheets (a second
# header row of keys would be read as data by Excel's filters and pivot tables); the keys are the
# JSON files' column names and stand beside the Chinese names in xxgk-columns.csv and the
# workbook's 列说明 sheet.
LONG_CSV_HEAD = files.BOM + long_form.csv_fields([c.label for c in LONG_COLUMNS]) + "\r\n"
COLUMNS_HEAD = ["表", "中文列名", "键", "含义"]
FORMS = {"long": "长表", "wide": "宽表"}
DEFAULT_LICENCE = "数据摘自各机关公开发布的政府信息公开工作年度报告。"
# Column widths in characters (a Chinese character is two) for the workbook's first columns:
# code, name, kind, region, year, template, then the long form's cell position or the wide
# form's title, date, file, checksum; the wide form's cell columns take their header's width.
REPORT_WIDTHS = (12, 30, 14, 26, 6, 9, 40, 11, 14, 20)
LONG_WIDTHS = (12, 30, 14, 26, 6, 9, 5, 16, 24, 36, 14, 28, 10, 12, 6, 7)


def report_files(report: Report, agency: Agency | None) -> dict[str, bytes]:
    """The report's data as JSON and CSV (long form), by suffix. The YAML download is the
    report's own content file, copied as it is (``build.exports``)."""
    return {
        "json": files.json_text(report.to_data()).encode("utf-8"),
        "csv": (LONG_CSV_HEAD + "".join(long_form.lines(report, agency, long_form.CSV))).encode("utf-8"),
    }


# Above this many long rows the XLSX workbook holds only the notes, the wide sheet and the column
# descriptions; the long form is in xxgk-long.csv (and says so in the notes sheet). XlsxWriter
# writes about 85,000 cells a second (measured at 50 × 7: the long sheet's 69,000 rows of 16
# columns took 12–15 CPU-s, two thirds of the whole build, and 9.4–10 s with shared strings at
# 120 MB more memory; typed writes instead of write_row gained 12 %). 25,000 rows keep the
# workbook under about 5 s, as the limit of 100,000 was meant to when 250,000 cells a second
# was assumed; Excel itself stops at 1,048,576 rows.
XLSX_LONG_LIMIT = 25_000


def xlsx_has_long(reports: list[Report]) -> bool:
    return sum(_cells(r) for r in reports) <= XLSX_LONG_LIMIT


def _cells(report: Report) -> int:
    return sum(len(v) for t in report.spec.tables for v in (report.table(t.key) or {}).values())


class Dataset:
    """The whole content, as the dataset's writers need it."""

    def __init__(self, site: SiteConfig | None, agencies: dict[str, Agency], reports: list[Report], scratch: Path | None = None):
        self.site, self.agencies, self.reports = site, agencies, reports
        self.scratch = scratch  # where XlsxWriter may keep its temporary files

    def wide(self) -> tuple[list[ColumnDoc], list[list[Any]]]:
        """The wide columns and the wide rows as lists of values (a few KB a report)."""
        columns = wide_columns()
        names = [c.name for c in columns]
        rows = [[row[n] for n in names] for row in (wide_row(r, self.agencies.get(r.agency), columns) for r in self.reports)]
        return columns, rows

    def docs(self, wide: list[ColumnDoc]) -> list[list[str]]:
        """The column descriptions: (form, Chinese header, key, description) for each column."""
        return [[FORMS[form], c.label, c.name, c.description]
                for form, columns in (("long", LONG_COLUMNS), ("wide", wide)) for c in columns]

    @property
    def licence(self) -> str:
        return (self.site.licence if self.site else None) or DEFAULT_LICENCE

    @property
    def updated(self) -> _dt.date | None:
        """The data date: ``data.updated`` of site.yaml, else the latest report's publication."""
        return data_date(self.site, self.reports)


def data_date(site: SiteConfig | None, reports: list[Report]) -> _dt.date | None:
    if site is not None and site.data_updated:
        return site.data_updated
    return max((r.published for r in reports if r.published), default=None)


def write_long(folder: Path, data: Dataset) -> None:
    """The long form as CSV and as JSON."""
    files.write_lines(
        folder / f"{LONG}.csv",
        (line for r in data.reports for line in long_form.lines(r, data.agencies.get(r.agency), long_form.CSV)),
        head=LONG_CSV_HEAD,
    )
    files.write_json_table(
        folder / f"{LONG}.json",
        long_form.NAMES,
        (line for r in data.reports for line in long_form.lines(r, data.agencies.get(r.agency), long_form.JSON)),
    )


def write_wide(folder: Path, data: Dataset) -> None:
    """The wide form as CSV and as JSON, and the column descriptions."""
    columns, wide = data.wide()
    names = [c.name for c in columns]
    files.write_lines(folder / f"{WIDE}.csv", _csv_lines([c.label for c in columns], wide), head=files.BOM)
    files.write_lines(folder / f"{COLUMNS}.csv", _csv_lines(COLUMNS_HEAD, data.docs(columns)), head=files.BOM)
    files.write_json_table(folder / f"{WIDE}.json", names, (files.encode_json(values) for values in wide))


def write_full(folder: Path, data: Dataset) -> None:
    """Every report's whole data in one JSON file, with the register of agencies."""
    site = data.site
    head = files.json_text(
        {
            "title": site.title if site else "",
            "licence": data.licence,
            "updated": data.updated,
            "agencies": [_agency(a) for a in data.agencies.values()],
        }
    ).rstrip().removesuffix("}").rstrip() + ',\n "reports": '
    files.write_json_list(folder / f"{FULL}.json", (r.to_data() for r in data.reports), head=head, tail="\n}")


def write_xlsx(folder: Path, data: Dataset) -> None:
    """The workbook: 说明 (title, data date, licence, how to read), 长表 (when small enough),
    宽表, 列说明. Data sheets have one row of Chinese headers, frozen, with filters."""
    columns, wide = data.wide()
    sheets = [files.Sheet("说明", ["项目", "内容"], _notes(data, columns), filters=False, widths=[14, 90])]
    if xlsx_has_long(data.reports):
        long = (row for r in data.reports for row in long_rows(r, data.agencies.get(r.agency)))
        sheets.append(files.Sheet("长表", [c.label for c in LONG_COLUMNS],
                                  ([row[c.name] for c in LONG_COLUMNS] for row in long), freeze_columns=2,
                                  widths=LONG_WIDTHS))
    sheets.append(files.Sheet("宽表", [c.label for c in columns], wide, freeze_columns=2, header_lines=3,
                              widths=REPORT_WIDTHS))
    sheets.append(files.Sheet("列说明", COLUMNS_HEAD, data.docs(columns), widths=[8, 36, 44, 80]))
    files.write_xlsx(folder / f"{FULL}.xlsx", sheets, data.scratch)


def _notes(data: Dataset, columns: list[ColumnDoc]) -> list[list[Any]]:
    long = "“长表”每个数字一行（含类别、地区），适合筛选和透视表；" if xlsx_has_long(data.reports) else "长表行数太多，未放入本工作簿，请下载 xxgk-long.csv；"
    return [
        ["网站", data.site.title if data.site else ""],
        ["数据日期", data.updated or "未注明"],
        ["来源与使用", data.licence],
        ["报告数", len(data.reports)],
        ["机关数", len({r.agency for r in data.reports})],
        ["工作表", long + "“宽表”每份报告一行、每个格子一列；“列说明”列出每一列的中文列名、键和含义。"],
        ["列名", f"各表第一行是中文列名；“列说明”表的“键”一栏是同一列在 JSON 文件中的名称（宽表共 {len(columns)} 列）。"],
        ["空白与“/”", "数值为空表示原报告此处空白；“/”表示原报告印的是“/”（不适用）。金额单位为万元。"],
    ]


# The dataset in parts that need nothing from each other, the slowest first, with their files.
DATASET_PARTS: tuple[tuple[Callable[[Path, Dataset], None], tuple[str, ...]], ...] = (
    (write_long, (f"{LONG}.csv", f"{LONG}.json")),
    (write_xlsx, (f"{FULL}.xlsx",)),
    (write_wide, (f"{WIDE}.csv", f"{COLUMNS}.csv", f"{WIDE}.json")),
    (write_full, (f"{FULL}.json",)),
)


def write_dataset(folder: Path, data: Dataset) -> None:
    """Every dataset file into ``folder``, one part after the other."""
    for part, _names in DATASET_PARTS:
        part(folder, data)


def _csv_lines(columns: list[str], rows: list[list[Any]]) -> Iterator[str]:
    """The header and rows as CSV lines, text made safe, as files.write_csv writes them."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([safe_text(v) for v in row] for row in rows)
    yield out.getvalue()


def _agency(a: Agency) -> dict[str, Any]:
    return {
        "id": a.id,
        "name": a.name,
        "short_name": a.short_name,
        "kind": a.kind,
        "region": a.region,
        "website": a.website,
        "former_names": a.former_names,
    }
