"""``xxgk check`` with the audit: findings grouped by agency, CSV for the office, --since, --no-audit."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import DATA


def xxgk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    copy = tmp_path / "portal"
    shutil.copytree(DATA / "audit" / "portal", copy)
    return copy


def test_text_output_is_grouped_by_agency_then_severity(portal: Path):
    result = xxgk("check", "portal", cwd=portal.parent)
    assert result.returncode == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    headings = [line for line in lines if line.startswith("== ")]
    assert headings == [
        "== 县政府（xian）：2 个警告 ==",
        "== 自然资源局（ziran）：2 个警告，1 个提示 ==",
        "== 河西镇（hexi）：2 个警告 ==",
        "== 东关镇（dongguan）：4 个警告 ==",
        "== 新华街道（xinhua）：2 个警告 ==",
    ]
    at = lines.index("== 自然资源局（ziran）：2 个警告，1 个提示 ==")
    assert [line.split(": ", 1)[1].split("：")[0].split()[:2] for line in lines[at + 1 : at + 4]] == [
        ["警告", "Q5（other）"],
        ["警告", "Q3（overview）"],
        ["提示", "Q7（other）"],
    ]
    assert lines[at + 1].startswith("portal/reports/ziran/2020.yaml:56:1: 警告 Q5（other）：")
    assert lines[-1] == "检查了 10 份报告、5 个机关：0 个错误，12 个警告，1 个提示"


def test_portal_wide_findings_come_first(portal: Path):
    (portal / "site.yaml").write_text("title: 安平县\n", encoding="utf-8")
    lines = xxgk("check", "portal", cwd=portal.parent).stdout.splitlines()
    assert lines[0] == "== 门户设置与机关名录：1 个错误 =="
    assert lines[1].startswith("portal/site.yaml:1:1: 错误 SCHEMA")


def test_csv_for_the_office(portal: Path):
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "portal", "--format", "csv"], cwd=portal.parent, capture_output=True
    )
    assert result.returncode == 0
    assert result.stdout.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark, for Excel
    rows = list(csv.reader(io.StringIO(result.stdout.decode("utf-8-sig"))))
    assert rows[0] == ["机关代码", "机关名称", "年度", "级别", "规则", "字段", "说明", "文件", "行"]
    assert len(rows) == 1 + 13
    assert rows[1][:6] == ["xian", "安平县人民政府", "2020", "警告", "Q2", "agency"]
    r9 = next(r for r in rows if r[4] == "R9")
    assert r9[:6] == ["dongguan", "安平县东关镇人民政府", "2022", "警告", "R9", "requests_text"]
    assert r9[7:] == ["portal/reports/dongguan/2022.yaml", "25"]
    assert "本年度共收到政府信息公开申请3件" in r9[6]
    assert result.stderr.decode("utf-8").strip() == "检查了 10 份报告、5 个机关：0 个错误，12 个警告，1 个提示"


def test_since_keeps_recent_reports(portal: Path):
    result = xxgk("check", "portal", "--since", "2022", "--format", "json", cwd=portal.parent)
    data = json.loads(result.stdout)
    assert data["reports"] == 4
    assert sorted({(f["agency"], f["year"], f["rule"]) for f in data["findings"]}) == [
        ("dongguan", 2022, "Q5"),
        ("dongguan", 2022, "R9"),
        ("xian", 2022, "Q1"),
        ("xinhua", 2022, "Q2"),
        ("ziran", 2022, "Q7"),
    ]
    text = xxgk("check", "portal", "--since", "2022", cwd=portal.parent).stdout.splitlines()
    assert text[-1] == "检查了 4 份报告、5 个机关：0 个错误，4 个警告，1 个提示"


def test_since_still_compares_with_the_year_before(portal: Path):
    file = portal / "reports/ziran/2021.yaml"
    file.write_text(
        file.read_text(encoding="utf-8").replace("  carried_over: [1, 0, 0, 0, 0, 0, 1]", "  carried_over: [0, 0, 0, 0, 0, 0, 0]")
        .replace("  received_new: [4, 0, 0, 0, 0, 0, 4]", "  received_new: [5, 0, 0, 0, 0, 0, 5]"),
        encoding="utf-8",
    )
    data = json.loads(xxgk("check", "portal", "--since", "2021", "--format", "json", cwd=portal.parent).stdout)
    assert [f["field"] for f in data["findings"] if f["rule"] == "R5"] == [
        "requests.carried_over.natural_person",
        "requests.carried_over.total",
    ]


def test_no_audit_leaves_out_q1_to_q7(portal: Path):
    data = json.loads(xxgk("check", "portal", "--no-audit", "--format", "json", cwd=portal.parent).stdout)
    assert [f["rule"] for f in data["findings"]] == ["R9"]


def test_changed_original_fails_the_check(portal: Path):
    (portal / "originals/xian/2021.txt").write_text("替换后的文件\n", encoding="utf-8")
    result = xxgk("check", "portal", cwd=portal.parent)
    assert result.returncode == 1
    assert "== 县政府（xian）：1 个错误，2 个警告 ==" in result.stdout.splitlines()


def test_help_lists_the_new_rules():
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--help"], capture_output=True, text=True)
    for rule in ("R9", "R10", "Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "--since", "--no-audit", "csv"):
        assert rule in result.stdout
