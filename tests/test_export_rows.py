"""Open-data exports: long and wide rows, CSV with BOM, JSON, deterministic XLSX, per-report files."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest

from generator.content import load_content
from generator.export import bundle, files
from generator.export.rows import LONG_COLUMNS, long_rows, wide_columns, wide_row

from .conftest import DEMO


def xlsx_bytes(sheets):  # type: ignore[no-untyped-def]
    """files.write_xlsx with rows as dicts by column, returning the workbook's bytes."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory(prefix="xxgk-xlsx-") as tmp:
        path = Path(tmp) / "book.xlsx"
        files.write_xlsx(path, [(t, c, ([row.get(k, "") for k in c] for row in rows)) for t, c, rows in sheets])
        return path.read_bytes()


@pytest.fixture(scope="module")
def demo():  # type: ignore[no-untyped-def]
    return load_content(DEMO)


def test_long_rows_one_per_printed_cell(demo):  # type: ignore[no-untyped-def]
    report = demo.report("qixingpao", 2020)  # gb2019 with the single （六） row
    rows = long_rows(report, demo.agencies["qixingpao"])
    assert len(rows) == 22 + 23 * 7 + 15  # 26 part-3 rows less the three split （六） rows
    first = rows[0]
    assert first == {
        "agency": "qixingpao", "agency_name": "宝清县七星泡镇人民政府", "kind": "乡镇人民政府",
        "region": "黑龙江省双鸭山市宝清县", "year": 2020, "template": "gb2019",
        "part": 2, "table": "proactive", "row": "regulations", "row_label": "第二十条第（一）项 · 规章",
        "column": "new_made", "column_label": "本年新制作数量", "value": 0, "status": "value",
        "derived": 0, "uncertain": 0,
    }
    assert list(first) == [c.name for c in LONG_COLUMNS]


def test_blank_cells_are_empty_with_a_status(demo):  # type: ignore[no-untyped-def]
    rows = long_rows(demo.report("hongqi", 2020), demo.agencies["hongqi"])
    assert {(r["value"], r["status"]) for r in rows} == {("", "blank")}


def test_wide_columns_keep_the_two_part2_templates_apart():
    names = [c.name for c in wide_columns()]
    assert len(names) == len(set(names))
    assert "proactive.gb2019.licensing.decisions" in names and "proactive.gb2021.licensing.decisions" in names
    assert "requests.disclosed.natural_person" in names
    assert not any(n.startswith("proactive.") and n.count(".") != 3 for n in names)
    described = {c.name: c.description for c in wide_columns()}
    assert described["requests.disclosed.natural_person"] == "第3部分（两种格式共用）：三、本年度办理结果 · （一）予以公开 · 自然人"


def test_wide_row_fills_only_its_templates_columns(demo):  # type: ignore[no-untyped-def]
    cols = wide_columns()
    row = wide_row(demo.report("shiwo", 2021), demo.agencies["shiwo"], cols)
    assert row["template"] == "gb2021" and row["proactive.gb2019.regulations.new_made"] == ""
    assert row["proactive.gb2021.regulations.issued"] != ""


def test_dataset_files_csv_has_a_bom_and_reads_back(demo, tmp_path):  # type: ignore[no-untyped-def]
    bundle.write_dataset(tmp_path, bundle.Dataset(demo.site, demo.agencies, demo.reports))
    data = {p.name: p.read_bytes().decode("utf-8") for p in tmp_path.iterdir() if p.suffix != ".xlsx"}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["xxgk-long.csv", "xxgk-wide.csv", "xxgk-columns.csv", "xxgk-long.json", "xxgk-wide.json", "xxgk.json", "xxgk.xlsx"])
    text = data["xxgk-long.csv"]
    assert text.startswith("\ufeff机关代码,机关名称,类别,地区,年度,报告格式,")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    long = json.loads(data["xxgk-long.json"])
    assert list(long) == ["columns", "data"] and long["columns"] == [c.name for c in LONG_COLUMNS]
    assert [[str(v) for v in values] for values in long["data"]] == [list(row.values()) for row in rows]
    full = json.loads(data["xxgk.json"])
    assert full["licence"].startswith("本站数据摘自") and len(full["reports"]) == len(demo.reports)
    assert full["updated"] == "2026-11-30"  # data.updated of the demo's site.yaml
    assert [a["id"] for a in full["agencies"]] == list(demo.agencies)
    wide = json.loads(data["xxgk-wide.json"])
    assert list(wide) == ["columns", "data"] and len(wide["data"]) == len(demo.reports)
    assert all(len(values) == len(wide["columns"]) for values in wide["data"])


def test_xlsx_splits_sheets_at_excels_row_limit(monkeypatch):  # type: ignore[no-untyped-def]
    import openpyxl

    monkeypatch.setattr(files, "XLSX_MAX_ROWS", 3)
    data = xlsx_bytes([("long", ["a"], [{"a": i} for i in range(5)])])
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["long", "long-2", "long-3"]
    assert [c.value for c in book["long-3"]["A"]] == ["a", 4]


def test_xlsx_is_deterministic_and_opens(demo):  # type: ignore[no-untyped-def]
    import openpyxl

    one = xlsx_bytes([("long", ["a", "b"], [{"a": 1, "b": "二"}])])
    two = xlsx_bytes([("long", ["a", "b"], [{"a": 1, "b": "二"}])])
    assert one == two
    with zipfile.ZipFile(io.BytesIO(one)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 31, 0, 0, 0)}  # XlsxWriter's fixed date, not the clock
        core = z.read("docProps/core.xml")
        assert core.count(b"2000-01-01T00:00:00Z") == 2  # created and modified
    book = openpyxl.load_workbook(io.BytesIO(one))
    assert [[c.value for c in r] for r in book["long"].iter_rows()] == [["a", "b"], [1, "二"]]


def test_xlsx_writes_text_as_text():  # type: ignore[no-untyped-def]
    import openpyxl

    text = ["=1+1", "0012", "http://example.org", "1,036", ""]
    data = xlsx_bytes([("t", ["a", "b", "c", "d", "e"], [dict(zip("abcde", text, strict=True))])])
    row = [c.value for c in next(openpyxl.load_workbook(io.BytesIO(data))["t"].iter_rows(min_row=2))]
    assert row == ["=1+1", "0012", "http://example.org", "1,036", None]


def test_report_files_round_trip(demo):  # type: ignore[no-untyped-def]
    report = demo.report("shiwo", 2021)
    out = bundle.report_files(report, demo.agencies["shiwo"])
    assert sorted(out) == ["csv", "json"]  # the YAML download is the content file itself
    assert json.loads(out["json"])["title"] == report.title
    text = out["csv"].decode("utf-8")
    assert text.startswith("\ufeff") and text.count("\r\n") == 1 + len(long_rows(report, None))


def test_xlsx_leaves_out_the_long_sheet_for_big_portals(demo, monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    import openpyxl

    assert bundle.xlsx_has_long(demo.reports)
    monkeypatch.setattr(bundle, "XLSX_LONG_LIMIT", 100)
    bundle.write_dataset(tmp_path, bundle.Dataset(demo.site, demo.agencies, demo.reports))
    assert openpyxl.load_workbook(tmp_path / "xxgk.xlsx").sheetnames == ["说明", "宽表", "列说明"]


def test_long_form_lines_are_what_csv_and_json_write(demo):  # type: ignore[no-untyped-def]
    """long_form encodes a line position by position; it must give exactly the bytes of
    writing long_rows through csv.writer and json, also for names that need quoting."""
    import copy

    from generator.export import long_form

    report = copy.copy(demo.report("shiwo", 2021))  # derived cells
    report.derived = list(report.derived) + ["requests.received_new.natural_person"]
    report.uncertain = ["requests.total.other"]
    report.requests = {k: list(v) for k, v in report.requests.items()}
    report.requests["received_new"][1] = None
    report.requests["received_new"][2] = "/"
    agency = copy.copy(demo.agencies["shiwo"])
    cases = [(r, demo.agencies.get(r.agency)) for r in demo.reports] + [(report, agency)]
    for name in ['逗号,引号"与\n换行', " 前导空格", "", "{\"a\": 1}, {"]:
        odd = copy.copy(agency)
        odd.name = name
        cases.append((report, odd))
        cases.append((report, None))
    for r, a in cases:
        rows = long_rows(r, a)
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows([row[c.name] for c in LONG_COLUMNS] for row in rows)
        assert "".join(long_form.lines(r, a, long_form.CSV)) == out.getvalue()
        encode = json.JSONEncoder(ensure_ascii=False).encode
        assert long_form.lines(r, a, long_form.JSON) == [encode([row[c.name] for c in LONG_COLUMNS]) for row in rows]
    made = bundle.report_files(report, agency)["csv"].decode("utf-8")
    written = files.csv_text([c.name for c in LONG_COLUMNS], long_rows(report, agency))
    assert made.split("\r\n", 1)[1] == written.split("\r\n", 1)[1]  # the same rows under the Chinese header
    assert made.split("\r\n", 1)[0] == "\ufeff" + ",".join(c.label for c in LONG_COLUMNS)
