"""The long form (one line per table cell) as CSV and JSON lines, encoded a position at a time.

Most of a long-form line says where the cell stands: template, part, table, row, column and
their Chinese labels. That part is the same for a cell position in every report, so it is
encoded once per position, the agency part once per report, and per cell only the value and
its flags are added. The encoding itself is always done by the ``csv`` and ``json`` modules;
this module only joins what they wrote. The result is byte for byte what writing
:func:`rows.long_rows` through ``csv.writer`` and ``json`` gives (the tests compare the two),
in about a fifth of the time: on a 2,100-report portal the long form has 400,000 lines, and
writing them one dict at a time was the slowest part of the open-data files.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from typing import Any

from ..model import spec
from ..model.portal import Agency
from ..model.report import Report, cell_address
from .rows import BLANK, LONG_COLUMNS, NOT_APPLICABLE, VALUE

NAMES = [c.name for c in LONG_COLUMNS]
# the columns that depend on the cell's position only
_POSITION = ("part", "table", "row", "row_label", "column", "column_label")
assert NAMES[4:10] == list(_POSITION), "LONG_COLUMNS changed: update long_form"


def _csv_fields(fields: list[Any]) -> str:
    """Fields as csv.writer writes them inside a line (a lone empty field stays empty)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow([*fields, "x"])
    return out.getvalue()[: -len(",x\r\n")]


def _json_items(values: list[Any]) -> str:
    """Values as json.dumps writes them inside a list, without the brackets."""
    return json.dumps(values, ensure_ascii=False)[1:-1]


Position = tuple[str, str, str]  # (cell address, CSV text, JSON members) of the position columns


@functools.cache
def _layout(template: str) -> tuple[tuple[str, tuple[tuple[str, tuple[Position, ...]], ...]], ...]:
    """For each table of the template, for each row, the encoded position of every cell."""
    tables = []
    for table in spec.TEMPLATES[template].tables:
        rows = []
        for row in table.rows:
            positions = []
            for column in row.columns:
                fields = [table.part, table.key, row.key, row.full_label, column.key, column.full_label]
                positions.append(
                    (
                        cell_address(table.key, row.key, column.key),
                        _csv_fields(fields),
                        _json_items(fields),
                    )
                )
            rows.append((row.key, tuple(positions)))
        tables.append((table.key, tuple(rows)))
    return tuple(tables)


def _cells(report: Report) -> list[tuple[Position, Any]]:
    out: list[tuple[Position, Any]] = []
    for table_key, rows in _layout(report.template):
        values = report.table(table_key)
        if not values:
            continue
        for row_key, positions in rows:
            cells = values.get(row_key)
            if cells is not None:
                out.extend(zip(positions, cells, strict=True))
    return out


def _head(report: Report, agency: Agency | None) -> list[Any]:
    return [report.agency, agency.name if agency else (report.agency_name or ""), report.year, report.template]


def _flagged(report: Report) -> list[tuple[Position, Any, int, int]]:
    """Every cell with its position and its derived and uncertain flags (0 or 1)."""
    derived, uncertain = set(report.derived), set(report.uncertain)
    return [(p, cell, int(p[0] in derived), int(p[0] in uncertain)) for p, cell in _cells(report)]


def csv_lines(report: Report, agency: Agency | None) -> list[str]:
    """The report's long-form CSV lines (each ending in CRLF), as ``csv.writer`` writes them."""
    head = _csv_fields(_head(report, agency))
    out = []
    for (_, position, _), cell, derived, uncertain in _flagged(report):
        if cell is None:
            value = f",{BLANK}"
        elif cell == spec.NOT_APPLICABLE:
            value = f"{spec.NOT_APPLICABLE},{NOT_APPLICABLE}"
        else:
            value = f"{cell!r},{VALUE}"
        out.append(f"{head},{position},{value},{derived},{uncertain}\r\n")
    return out


def json_lines(report: Report, agency: Agency | None) -> list[str]:
    """The report's long-form rows as JSON lists of values in column order, one per string,
    as ``json.dumps`` writes them."""
    head = _json_items(_head(report, agency))
    out = []
    for (_, _, position), cell, derived, uncertain in _flagged(report):
        if cell is None:
            value = f'"", "{BLANK}"'
        elif cell == spec.NOT_APPLICABLE:
            value = f'"{spec.NOT_APPLICABLE}", "{NOT_APPLICABLE}"'
        else:
            value = f'{cell!r}, "{VALUE}"'
        out.append(f"[{head}, {position}, {value}, {derived}, {uncertain}]")
    return out
