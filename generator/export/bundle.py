"""What the open-data downloads hold: each report's own files and the whole dataset's.

Plain data from the model, encoded here and written by :mod:`files`; where the files go in the
site is decided by ``pages.urls``. The dataset is written in four independent parts
(:data:`DATASET_PARTS`), so the build's workers can write them side by side. CSV text that a
spreadsheet would run as a formula is made safe (``rows.safe_text``); JSON and XLSX keep text as
it is (XlsxWriter writes text as text).
"""

from __future__ import annotations

import csv
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

LONG_CSV_HEAD = files.BOM + long_form.csv_fields(long_form.NAMES) + "\r\n"


def report_files(report: Report, agency: Agency | None) -> dict[str, bytes]:
    """The report's data as JSON and CSV (long form), by suffix. The YAML download is the
    report's own content file, copied as it is (``build.exports``)."""
    return {
        "json": files.json_text(report.to_data()).encode("utf-8"),
        "csv": (LONG_CSV_HEAD + "".join(long_form.lines(report, agency, long_form.CSV))).encode("utf-8"),
    }


# Above this many long rows the XLSX workbook holds only the wide sheet and the column
# descriptions: XlsxWriter writes about 250,000 cells a second, and Excel stops at 1,048,576 rows.
XLSX_LONG_LIMIT = 100_000


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

    def docs(self, wide: list[ColumnDoc]) -> list[dict[str, str]]:
        return [{"form": "long", **r} for r in files.columns_rows(LONG_COLUMNS)] + [
            {"form": "wide", **r} for r in files.columns_rows(wide)
        ]


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
    files.write_lines(folder / f"{WIDE}.csv", _csv_lines(names, wide), head=files.BOM)
    files.write_csv(folder / f"{COLUMNS}.csv", ["form", "column", "description"], data.docs(columns))
    files.write_json_table(folder / f"{WIDE}.json", names, (files.encode_json(values) for values in wide))


def write_full(folder: Path, data: Dataset) -> None:
    """Every report's whole data in one JSON file, with the register of agencies."""
    site = data.site
    head = files.json_text(
        {
            "title": site.title if site else "",
            "licence": (site.data_licence or "") if site else "",
            "agencies": [_agency(a) for a in data.agencies.values()],
        }
    ).rstrip().removesuffix("}").rstrip() + ',\n "reports": '
    files.write_json_list(folder / f"{FULL}.json", (r.to_data() for r in data.reports), head=head, tail="\n}")


def write_xlsx(folder: Path, data: Dataset) -> None:
    """The workbook: the long sheet (when small enough), the wide sheet, the descriptions."""
    columns, wide = data.wide()
    long_names = [c.name for c in LONG_COLUMNS]
    docs = data.docs(columns)
    sheets: list[tuple[str, list[str], Any]] = [("wide", [c.name for c in columns], wide)]
    if xlsx_has_long(data.reports):
        long = (row for r in data.reports for row in long_rows(r, data.agencies.get(r.agency)))
        sheets.insert(0, ("long", long_names, ([row[n] for n in long_names] for row in long)))
    sheets.append(("columns", ["form", "column", "description"], ([d["form"], d["column"], d["description"]] for d in docs)))
    files.write_xlsx(folder / f"{FULL}.xlsx", sheets, data.scratch)


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
