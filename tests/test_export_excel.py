"""Data made for Excel (issue 14, item 8): Chinese headers, the keys kept beside them, frozen
headers, filters, widths, 类别 and 地区, dates as date cells (ISO in CSV), a data date and a
licence from site.yaml, and the CSV injection protection kept."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from generator.content import load_content
from generator.export import bundle
from generator.export.rows import LONG_COLUMNS, wide_columns
from generator.findings import Location
from generator.model.portal import site_from_data

from .conftest import DEMO


@pytest.fixture(scope="module")
def demo():  # type: ignore[no-untyped-def]
    return load_content(DEMO)


@pytest.fixture(scope="module")
def written(demo, tmp_path_factory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("dataset")
    bundle.write_dataset(folder, bundle.Dataset(demo.site, demo.agencies, demo.reports))
    return folder


def read_csv(path: Path) -> list[list[str]]:
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads the BOM as UTF-8
    return list(csv.reader(io.StringIO(text[1:])))


def test_wide_columns_have_short_unique_chinese_headers():
    columns = wide_columns()
    labels = {c.name: c.label for c in columns}
    assert len(set(labels.values())) == len(columns) == 239
    assert labels["requests.disclosed.natural_person"] == "申请·予以公开·自然人"
    assert labels["requests.received_new.total"] == "申请·本年新收·总计"
    assert labels["requests.withheld_third_party.other_org"] == "申请·第三方权益·其他法人或组织"
    assert labels["review_litigation.review.corrected"] == "行政复议·结果纠正"
    assert labels["review_litigation.litigation_direct.total"] == "行政诉讼·直接起诉·总计"
    assert labels["proactive.gb2019.licensing.decisions"] == "主动公开·2019年版·行政许可·处理决定数量"
    assert labels["proactive.gb2021.licensing.decisions"] == "主动公开·2021年版·行政许可·本年处理决定数量"
    assert not any(ch.isascii() and ch.isalpha() for label in labels.values() for ch in label.replace("SHA-256", ""))


def test_csv_headers_are_chinese_and_the_keys_are_in_the_columns_file(written):  # type: ignore[no-untyped-def]
    wide = read_csv(written / "xxgk-wide.csv")
    assert wide[0] == [c.label for c in wide_columns()]
    long = read_csv(written / "xxgk-long.csv")
    assert long[0][:6] == ["机关代码", "机关名称", "类别", "地区", "年度", "报告格式"]
    columns = read_csv(written / "xxgk-columns.csv")
    assert columns[0] == ["表", "中文列名", "键", "含义"]
    keyed = {(form, label): key for form, label, key, _ in columns[1:]}
    assert keyed[("宽表", "申请·予以公开·自然人")] == "requests.disclosed.natural_person"
    assert keyed[("长表", "地区")] == "region"
    # the JSON files keep the keys as column names
    assert json.loads((written / "xxgk-wide.json").read_text("utf-8"))["columns"] == [c.name for c in wide_columns()]


def test_csv_has_kind_region_and_iso_dates(written, demo):  # type: ignore[no-untyped-def]
    wide = read_csv(written / "xxgk-wide.csv")
    head = wide[0]
    rows = [dict(zip(head, r, strict=True)) for r in wide[1:]]
    report = next(r for r in demo.reports if r.published)  # baofeng 2020, the one dated
    row = next(r for r in rows if r["机关代码"] == report.agency and r["年度"] == str(report.year))
    agency = demo.agencies[report.agency]
    assert row["类别"] == agency.kind_label and row["地区"] == (agency.region or "")
    assert row["发布日期"] == report.published.isoformat() == "2020-01-25"
    assert all(r["发布日期"] == "" for r in rows if r is not row)
    long = read_csv(written / "xxgk-long.csv")
    first = dict(zip(long[0], long[1], strict=True))
    assert first["类别"] and first["地区"] == (demo.agencies[first["机关代码"]].region or "")


def test_workbook_is_made_for_excel(written, demo):  # type: ignore[no-untyped-def]
    book = openpyxl.load_workbook(written / "xxgk.xlsx")
    assert book.sheetnames == ["说明", "长表", "宽表", "列说明"]
    wide = book["宽表"]
    columns = wide_columns()
    assert [c.value for c in wide[1]] == [c.label for c in columns]
    assert wide.freeze_panes == "C2"  # the header row and the agency's code and name stay in view
    assert wide.auto_filter.ref == f"A1:{get_column_letter(len(columns))}{len(demo.reports) + 1}"
    widths = {i: d.width for d in wide.column_dimensions.values() for i in range(d.min, d.max + 1)}
    assert sorted(widths) == list(range(1, len(columns) + 1))  # every column has its width
    assert widths[2] >= 30 and widths[7] >= 40  # the agency's name and the title can be read
    assert all(8 <= w <= 41 for i, w in widths.items() if i > 10)
    head = [c.value for c in wide[1]]
    published = head.index("发布日期") + 1
    report = next(r for r in demo.reports if r.published)
    cells = {(wide.cell(r, 1).value, wide.cell(r, 5).value): wide.cell(r, published) for r in range(2, wide.max_row + 1)}
    dated = cells.pop((report.agency, report.year))
    assert dated.is_date and dated.number_format == "yyyy-mm-dd"
    assert dated.value.date() == report.published == dt.date(2020, 1, 25)
    assert all(c.value is None for c in cells.values())  # no date: an empty cell
    long = book["长表"]
    assert [c.value for c in long[1]] == [c.label for c in LONG_COLUMNS]
    assert long.freeze_panes == "C2" and long.auto_filter.ref.startswith("A1:P")
    assert long.cell(2, 3).value and long.cell(2, 4).value  # 类别, 地区
    keys = book["列说明"]
    assert [c.value for c in keys[1]] == ["表", "中文列名", "键", "含义"]
    assert keys.freeze_panes == "A2" and keys.auto_filter.ref
    notes = {r[0].value: r[1] for r in book["说明"].iter_rows(min_row=2)}
    assert notes["数据日期"].is_date and notes["数据日期"].value.date() == dt.date(2026, 11, 30)
    assert notes["来源与使用"].value == demo.site.data["licence"]


def test_csv_injection_protection_is_kept(demo, tmp_path):  # type: ignore[no-untyped-def]
    agencies = {k: copy.copy(v) for k, v in demo.agencies.items()}
    agencies["shiwo"].name = "=HYPERLINK(\"http://x\")"
    agencies["shiwo"].region = "+cmd"
    bundle.write_dataset(tmp_path, bundle.Dataset(demo.site, agencies, demo.reports))
    wide = read_csv(tmp_path / "xxgk-wide.csv")
    row = next(r for r in wide[1:] if r[0] == "shiwo")
    assert row[1] == "'=HYPERLINK(\"http://x\")" and row[3] == "'+cmd"
    long = read_csv(tmp_path / "xxgk-long.csv")
    row = next(r for r in long[1:] if r[0] == "shiwo")
    assert row[1].startswith("'=") and row[3] == "'+cmd"
    book = openpyxl.load_workbook(tmp_path / "xxgk.xlsx")  # XLSX keeps text as text, never a formula
    cell = next(r[1] for r in book["宽表"].iter_rows(min_row=2) if r[0].value == "shiwo")
    assert cell.data_type == "s" and cell.value == "=HYPERLINK(\"http://x\")"


def _site(**data):  # type: ignore[no-untyped-def]
    return site_from_data({"title": "t", "sponsor": "s", **data}, lambda *k: Location("site.yaml", 1, 1))


def test_data_settings_are_validated():
    site, findings = _site(data={"licence": "可自由使用", "updated": dt.date(2026, 11, 30)})
    assert not findings and site.licence == "可自由使用" and site.data_updated == dt.date(2026, 11, 30)
    site, findings = _site(data={"updated": "2026-11-30"})
    assert not findings and site.data_updated == dt.date(2026, 11, 30)
    site, findings = _site(data={"updated": "2026-13-01", "licence": 3, "licnce": "x"})
    messages = sorted(f.message for f in findings)
    assert any("data.updated 应为日期" in m for m in messages)
    assert any("data.licence 应为文字" in m for m in messages)
    assert any("未知的键 licnce" in m for m in messages)
    assert site.data_updated is None and site.licence is None
    site, findings = _site(data_licence="旧的写法")
    assert not findings and site.licence == "旧的写法"


def test_data_date_defaults_to_the_latest_report(demo, tmp_path):  # type: ignore[no-untyped-def]
    site = copy.copy(demo.site)
    site.data = {}
    latest = max(r.published for r in demo.reports if r.published)
    assert bundle.data_date(site, demo.reports) == latest
    assert bundle.data_date(demo.site, demo.reports) == dt.date(2026, 11, 30)


def test_built_data_page_shows_date_and_licence(tmp_path):  # type: ignore[no-untyped-def]
    from generator.build import build

    content = tmp_path / "content"
    shutil.copytree(DEMO, content)
    build(content, tmp_path / "site", search=False, jobs=1)
    page = (tmp_path / "site" / "data" / "index.html").read_text("utf-8")
    assert "<strong>数据日期：</strong>2026-11-30。" in page
    assert "可自由转载和再利用" in page
    assert "申请·予以公开·自然人" in page and "requests.disclosed" not in page
