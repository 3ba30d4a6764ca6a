"""Write rows as files: CSV (UTF-8 with BOM, so Excel opens it), JSON and XLSX.

The standard library's ``csv`` and ``json`` and openpyxl (the well-kept XLSX writer) do the
work. Everything is deterministic: openpyxl stamps the document properties and the zip entries
with the current time, so both are fixed here, and the zip is rewritten with fixed entry dates.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import operator
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .rows import ColumnDoc

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
    writer.writerows(pick(row) for row in rows)


def json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, default=_default) + "\n"


def _default(value: Any) -> Any:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


XLSX_MAX_ROWS = 1_048_576  # Excel's limit per sheet, header included


def xlsx_bytes(sheets: Sequence[tuple[str, Sequence[str], Iterable[dict[str, Any]]]]) -> bytes:
    """A workbook with one sheet per (title, columns, rows), byte-identical for the same input.

    Written in openpyxl's streaming mode, so memory does not grow with the rows. A sheet with
    more rows than Excel allows continues on sheets named title-2, title-3 …
    """
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    book.properties.creator = "xxgk"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    for title, columns, rows in sheets:
        part = 1
        sheet = book.create_sheet(title)
        sheet.append(list(columns))
        used = 1
        for row in rows:
            if used == XLSX_MAX_ROWS:
                part += 1
                sheet = book.create_sheet(f"{title}-{part}")
                sheet.append(list(columns))
                used = 1
            sheet.append([row.get(c, "") for c in columns])
            used += 1
    raw = io.BytesIO()
    book.save(raw)
    return _fix_zip(raw.getvalue())


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    """Stream rows to a CSV file (UTF-8 with BOM, CRLF), as :func:`csv_text` would print them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(BOM)
        _write_rows(f, columns, rows)


def write_json_list(path: Path, items: Iterable[Any], head: str = "", tail: str = "") -> None:
    """Stream a JSON list, one item per line, optionally inside an object (head/tail)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        encode = json.JSONEncoder(ensure_ascii=False, default=_default).encode  # one encoder, not one per item
        f.write(head + "[")
        for i, item in enumerate(items):
            f.write(("\n" if i == 0 else ",\n") + encode(item))
        f.write("\n]" + tail + "\n")


def _fix_zip(data: bytes) -> bytes:
    """Rewrite the zip with fixed entry dates and a fixed document modification time."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _fix_core(body)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, body)
    return out.getvalue()


def _fix_core(body: bytes) -> bytes:
    import re

    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rb"\g<1>" + stamp + rb"\2", body)


def columns_rows(columns: Sequence[ColumnDoc]) -> list[dict[str, str]]:
    return [{"column": c.name, "description": c.description} for c in columns]


def write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
