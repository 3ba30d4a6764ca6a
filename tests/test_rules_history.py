"""R10 (the gb2019 项目数量 chain) and the part 3 comparison across the 2021 change of template."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.checks.rules_history import other_processing_total
from generator.content import load_content

from .conftest import DATA, check, edit, line_of
from .test_checks import cell_column, where

BAOFENG = "content/reports/baofeng/2020.yaml"


@pytest.fixture
def with_2019(content: Path) -> Path:
    """baofeng gets a 2019 report (a copy of its 2020 one), so 2019→2020 can be chained."""
    new = content / "reports/baofeng/2019.yaml"
    shutil.copy(content / "reports/baofeng/2020.yaml", new)
    edit(new, "year: 2020", "year: 2019")
    return new


def test_r10_items_chain(content: Path, with_2019: Path):
    edit(with_2019, "licensing: [0, 0, 0]", "licensing: [5, -2, 40]")
    edit(with_2019, "fees: [0, 0]", "fees: [3, 1]")
    file = content / "reports/baofeng/2020.yaml"
    edit(file, "licensing: [0, 0, 0]", "licensing: [3, 0, 12]")  # 5 − 2 = 3: chained
    line = line_of(file, "  fees: [")
    findings = check(content)
    assert where(findings, "R10") == [("R10", BAOFENG, line, cell_column(file, line, 0), "proactive.fees.previous_items")]
    [r10] = [f for f in findings if f.rule == "R10"]
    assert r10.severity == "warning"
    assert r10.message == (
        "第二部分“行政事业性收费”：2019 年报告的上一年项目数量 3 + 本年增/减 1 = 4，而本年上一年项目数量为 0；"
        "二者应相等"
    )
    assert r10.data == {
        "previous_year": 2019,
        "previous_file": "content/reports/baofeng/2019.yaml",
        "expected": 4,
        "previous_items": 0,
    }


def test_r10_every_item_row(content: Path, with_2019: Path):
    for key in ("licensing", "other_services", "penalties", "compulsion"):
        edit(with_2019, f"{key}: [0, 0, 0]", f"{key}: [1, 1, 0]")
    fields = [f.field for f in check(content) if f.rule == "R10"]
    assert fields == [
        "proactive.licensing.previous_items",
        "proactive.other_services.previous_items",
        "proactive.penalties.previous_items",
        "proactive.compulsion.previous_items",
    ]


def test_r10_skips_blank_cells_and_gaps(content: Path, with_2019: Path):
    edit(with_2019, "licensing: [0, 0, 0]", "licensing: [5, null, 40]")
    assert where(check(content), "R10") == []
    # With 2019 renamed to 2018 there is no year before 2020: nothing to chain.
    edit(with_2019, "licensing: [5, null, 40]", "licensing: [5, 1, 40]")
    edit(with_2019, "year: 2019", "year: 2018")
    with_2019.rename(with_2019.with_name("2018.yaml"))
    assert where(check(content), "R10") == []


def test_r10_not_across_the_change_of_template(content: Path):
    # gb2021 part 2 counts decisions, not items: 2020 (gb2019) → 2021 (gb2021) is never chained.
    new = content / "reports/baofeng/2021.yaml"
    shutil.copy(content / "reports/shiwo/2021.yaml", new)
    edit(new, "agency: shiwo", "agency: baofeng")
    edit(content / "reports/baofeng/2020.yaml", "licensing: [0, 0, 0]", "licensing: [5, 3, 0]")
    assert where(check(content), "R10", "R6") == []


def audit_portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    portal = tmp_path / "portal"
    shutil.copytree(DATA / "audit" / "portal", portal)
    monkeypatch.chdir(tmp_path)
    return portal


def test_r5_across_the_change_of_template_and_a_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # ziran 2020: gb2019, printed as 安平县国土资源局, one （六） row, 1 request carried forward.
    # ziran 2021: gb2021, printed as 安平县自然资源局, three （六） rows, 1 carried over. Same id.
    portal = audit_portal(tmp_path, monkeypatch)
    assert where(check(portal), "R5") == []
    file = portal / "reports/ziran/2021.yaml"
    edit(file, "  carried_over: [1, 0, 0, 0, 0, 0, 1]", "  carried_over: [2, 0, 0, 0, 0, 0, 2]")
    edit(file, "  received_new: [4, 0, 0, 0, 0, 0, 4]", "  received_new: [3, 0, 0, 0, 0, 0, 3]")
    line = line_of(file, "carried_over:")
    assert where(check(portal), "R1", "R5") == [
        ("R5", "portal/reports/ziran/2021.yaml", line, cell_column(file, line, 0), "requests.carried_over.natural_person"),
        ("R5", "portal/reports/ziran/2021.yaml", line, cell_column(file, line, 6), "requests.carried_over.total"),
    ]


def test_other_processing_in_either_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    portal = audit_portal(tmp_path, monkeypatch)
    edit(portal / "reports/ziran/2020.yaml", "  other_processing: [0, 0, 0, 0, 0, 0, 0]", "  other_processing: [2, 0, 0, 0, 0, 1, 3]")
    file = portal / "reports/ziran/2021.yaml"
    edit(file, "  other_overdue_correction: [0, 0, 0, 0, 0, 0, 0]", "  other_overdue_correction: [1, 0, 0, 0, 0, 0, 1]")
    edit(file, "  other_other: [0, 0, 0, 0, 0, 0, 0]", "  other_other: [2, 0, 0, 0, 0, 1, 3]")
    loaded = load_content(portal)
    assert other_processing_total(loaded.report("ziran", 2020)) == [2, 0, 0, 0, 0, 1, 3]
    assert other_processing_total(loaded.report("ziran", 2021)) == [3, 0, 0, 0, 0, 1, 4]
    edit(file, "  other_unpaid_fee: [0, 0, 0, 0, 0, 0, 0]", "  other_unpaid_fee: [null, 0, 0, 0, 0, 0, 0]")
    assert other_processing_total(load_content(portal).report("ziran", 2021)) == [None, 0, 0, 0, 0, 1, 4]
