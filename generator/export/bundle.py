"""What the open-data downloads hold: the whole dataset and each report's own files.

Returns file names and contents; where they go in the site is decided by ``render.plan``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..model.portal import Agency, SiteConfig
from ..model.report import Report
from . import files, long_form
from .rows import LONG_COLUMNS, ColumnDoc, long_rows, wide_columns, wide_row

LONG = "xxgk-long"
WIDE = "xxgk-wide"
COLUMNS = "xxgk-columns"
FULL = "xxgk"


def report_files(report: Report, agency: Agency | None) -> dict[str, str]:
    """The report's data as JSON and CSV (long form), by suffix. The YAML download is the
    report's own content file, copied as it is (see ``render.write``)."""
    return {
        "json": files.json_text(report.to_data()),
        "csv": _LONG_CSV_HEAD + "".join(long_form.csv_lines(report, agency)),
    }


LONG_CSV_HEADER = long_form._csv_fields(long_form.NAMES) + "\r\n"
_LONG_CSV_HEAD = files.BOM + LONG_CSV_HEADER


def join_long_csv(path: Path, report_csvs: list[Path]) -> None:
    """The whole dataset's long CSV, made of the reports' own CSV files (as
    :func:`report_files` wrote them, in the order of the reports) under one header: the same
    bytes as :func:`write_dataset` writes, without encoding every cell a second time."""
    head = _LONG_CSV_HEAD.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        out.write(head)
        for file in report_csvs:
            data = file.read_bytes()
            if not data.startswith(head):
                raise ValueError(f"{file} is not a report's long-form CSV")
            out.write(memoryview(data)[len(head):])


# Above this many long rows the XLSX workbook holds only the wide sheet and the column
# descriptions: XlsxWriter writes about 250,000 cells a second, and Excel stops at 1,048,576 rows.
XLSX_LONG_LIMIT = 100_000


def xlsx_has_long(reports: list[Report]) -> bool:
    return sum(_cells(r) for r in reports) <= XLSX_LONG_LIMIT


def _cells(report: Report) -> int:
    return sum(len(v) for t in report.spec.tables for v in (report.table(t.key) or {}).values())


def write_dataset(
    folder: Path, site: SiteConfig | None, agencies: dict[str, Agency], reports: list[Report], long_csv: bool = True
) -> list[ColumnDoc]:
    """Write every dataset file into ``folder``, streaming rows so memory does not grow with
    the number of reports; returns the wide columns (for the open-data page).

    ``long_csv=False`` leaves out the long CSV, for a caller that writes every report's own
    CSV anyway and then joins them with :func:`join_long_csv`."""
    wide_cols = wide_columns()
    long_names = [c.name for c in LONG_COLUMNS]
    wide_names = [c.name for c in wide_cols]

    def long() -> Iterator[dict[str, Any]]:
        for report in reports:
            yield from long_rows(report, agencies.get(report.agency))

    # the wide rows once, as lists of values (a few KB a report), for CSV, JSON and XLSX
    wide = [[row[n] for n in wide_names] for row in (wide_row(r, agencies.get(r.agency), wide_cols) for r in reports)]

    docs = [{"form": "long", **r} for r in files.columns_rows(LONG_COLUMNS)] + [
        {"form": "wide", **r} for r in files.columns_rows(wide_cols)
    ]
    if long_csv:
        files.write_lines(
            folder / f"{LONG}.csv",
            (line for r in reports for line in long_form.csv_lines(r, agencies.get(r.agency))),
            head=_LONG_CSV_HEAD,
        )
    files.write_lines(folder / f"{WIDE}.csv", _csv_lines(wide_names, wide), head=files.BOM)
    files.write_csv(folder / f"{COLUMNS}.csv", ["form", "column", "description"], docs)
    files.write_json_table(
        folder / f"{LONG}.json",
        long_names,
        (line for r in reports for line in long_form.json_lines(r, agencies.get(r.agency))),
    )
    files.write_json_table(folder / f"{WIDE}.json", wide_names, (files.encode_json(values) for values in wide))
    head = files.json_text(
        {
            "title": site.title if site else "",
            "licence": (site.data_licence or "") if site else "",
            "agencies": [_agency(a) for a in agencies.values()],
        }
    ).rstrip().removesuffix("}").rstrip() + ',\n "reports": '
    files.write_json_list(folder / f"{FULL}.json", (r.to_data() for r in reports), head=head, tail="\n}")
    sheets: list[tuple[str, list[str], Any]] = [("wide", wide_names, wide)]
    if xlsx_has_long(reports):
        sheets.insert(0, ("long", long_names, ([row[n] for n in long_names] for row in long())))
    sheets.append(("columns", ["form", "column", "description"], ([d["form"], d["column"], d["description"]] for d in docs)))
    files.write_xlsx(folder / f"{FULL}.xlsx", sheets)
    return wide_cols


def _csv_lines(columns: list[str], rows: list[list[Any]]) -> Iterator[str]:
    """The header and rows as CSV lines, as files.write_csv writes them."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
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
