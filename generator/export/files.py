"""Write rows as files: CSV (UTF-8 with BOM, so Excel opens it), JSON and XLSX.

The standard library's ``csv`` and ``json`` and XlsxWriter (the well-kept, fastest pure-Python
XLSX writer) do the work. Everything is deterministic: the workbook's creation time is fixed.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import operator
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .rows import ColumnDoc, safe_text

FIXED_TIME = _dt.datetime(2000, 1, 1, 0, 0, 0)
BOM = "\ufeff"


def csv_text(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    out = io.StringIO()
    _write_rows(out, columns, rows)
    return BOM + out.getvalue()


def _write_rows(out: Any, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    # csv.writer with lists: DictWriter's per-field lookups doubled the time of a big export
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    pick = operator.itemgetter(*columns) if len(columns) > 1 else (lambda row: (row[columns[0]],))
    writer.writerows([safe_text(v) for v in pick(row)] for row in rows)


def json_text(data: Any) -> str:
    # one line: the C encoder, which the standard library uses only without indentation
    return json.dumps(data, ensure_ascii=False, default=_default) + "\n"


def _default(value: Any) -> Any:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


# one encoder for many small values, rather than one made per json.dumps call
encode_json = json.JSONEncoder(ensure_ascii=False, default=_default).encode

XLSX_MAX_ROWS = 1_048_576  # Excel's limit per sheet, header included


@dataclass
class Sheet:
    """One worksheet: its title, its column headers and its rows of values in column order.
    The header row is frozen (with the first ``freeze_columns`` columns) and, with ``filters``,
    carries Excel's autofilter over every row written; ``widths`` are the first columns' widths
    in characters, the others' made from their header (``header_lines`` lines of wrapped text)."""

    title: str
    columns: Sequence[str]
    rows: Iterable[Sequence[Any]]
    freeze_columns: int = 0
    filters: bool = True
    widths: Sequence[float] | None = None
    header_lines: int = 1


MIN_WIDTH, MAX_WIDTH = 8, 40


def text_width(text: str) -> int:
    """How many character widths ``text`` takes in a spreadsheet: a Chinese character two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def header_widths(columns: Sequence[str], lines: int = 1) -> list[float]:
    return [min(MAX_WIDTH, max(MIN_WIDTH, -(-text_width(c) // lines) + 2)) for c in columns]


def write_xlsx(path: Path, sheets: Sequence[Sheet | tuple[str, Sequence[str], Iterable[Sequence[Any]]]],
               scratch: Path | None = None) -> None:
    """A workbook with one sheet per :class:`Sheet` (or (title, columns, rows)),
    byte-identical for the same input.

    Written with XlsxWriter in its constant-memory mode (a row goes to a temporary file as
    soon as the next one starts), so memory does not grow with the rows; it writes cells
    about twice as fast as openpyxl's streaming mode did. The document's creation time is
    fixed, and XlsxWriter gives every zip entry the same fixed date. Text is written as
    text: nothing that looks like a number, formula or link is converted; a date is a date
    cell shown as 2021-01-31. A sheet with more rows than Excel allows continues on sheets
    named title-2, title-3 …, each with the same header.
    """
    import xlsxwriter

    path.parent.mkdir(parents=True, exist_ok=True)
    if scratch is not None:
        scratch.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="xxgk-xlsx-", dir=scratch) as tmp:
        book = xlsxwriter.Workbook(
            str(path),
            {
                "constant_memory": True,
                "tmpdir": tmp,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "default_date_format": "yyyy-mm-dd",
            },
        )
        book.set_properties({"author": "xxgk", "created": FIXED_TIME})
        head = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E8EEF6", "border": 1})
        for one in sheets:
            spec = one if isinstance(one, Sheet) else Sheet(*one)
            columns = list(spec.columns)
            given = list(spec.widths or ())
            widths = given + header_widths(columns, spec.header_lines)[len(given):]
            part = 1
            sheet = _start_sheet(book, spec.title, spec, columns, widths, head)
            used = 1
            for row in spec.rows:
                if used == XLSX_MAX_ROWS:
                    _close_sheet(sheet, spec, columns, used)
                    part += 1
                    sheet = _start_sheet(book, f"{spec.title}-{part}", spec, columns, widths, head)
                    used = 1
                sheet.write_row(used, 0, row)
                used += 1
            _close_sheet(sheet, spec, columns, used)
        book.close()


def _start_sheet(book: Any, title: str, spec: Sheet, columns: list[str], widths: list[float], head: Any) -> Any:
    """A new worksheet with its column widths, its frozen header row written."""
    sheet = book.add_worksheet(title)
    for i, width in enumerate(widths):
        sheet.set_column(i, i, width)
    if spec.header_lines > 1:
        sheet.set_row(0, 15 * spec.header_lines)
    sheet.freeze_panes(1, spec.freeze_columns)
    sheet.write_row(0, 0, columns, head)
    return sheet


def _close_sheet(sheet: Any, spec: Sheet, columns: list[str], used: int) -> None:
    """The autofilter over the header and the ``used`` rows written."""
    if spec.filters and columns:
        sheet.autofilter(0, 0, max(used - 1, 0), len(columns) - 1)


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    """Stream rows to a CSV file (UTF-8 with BOM, CRLF), as :func:`csv_text` would print them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(BOM)
        _write_rows(f, columns, rows)


def write_json_list(path: Path, items: Iterable[Any], head: str = "", tail: str = "") -> None:
    """Stream a JSON list, one item per line, optionally inside an object (head/tail)."""
    write_json_lines(path, (encode_json(item) for item in items), head, tail)


def write_json_lines(path: Path, encoded: Iterable[str], head: str = "", tail: str = "") -> None:
    """:func:`write_json_list` for items already encoded as JSON, one per string."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(head + "[")
        first = True
        for text in encoded:
            f.write(("\n" if first else ",\n") + text)
            first = False
        f.write("\n]" + tail + "\n")


def write_json_table(path: Path, columns: Sequence[str], rows: Iterable[str]) -> None:
    """A table as one JSON object ``{"columns": [names], "data": [[values], …]}``, a row
    per line, each row already encoded as a JSON list of values in column order.

    The shape is pandas' "split" orientation (``pandas.read_json(path, orient="split")``)
    and what datasette calls arrays: the column names are written once, not once per value,
    which makes the long form less than half the size of a list of objects.
    """
    head = '{"columns": ' + json.dumps(list(columns), ensure_ascii=False) + ', "data": '
    write_json_lines(path, rows, head=head, tail="}")


def write_lines(path: Path, lines: Iterable[str], head: str = "") -> None:
    """Write ``head`` and then the lines, each already ending in its line break."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(head)
        f.writelines(lines)


def columns_rows(columns: Sequence[ColumnDoc]) -> list[dict[str, str]]:
    return [{"column": c.name, "description": c.description} for c in columns]
