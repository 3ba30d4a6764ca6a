"""Rules R1–R8: break a copy of the demo content in one way each and assert the exact findings."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.findings import Finding

from .conftest import check, edit, line_of


def cell_column(file: Path, line: int, index: int) -> int:
    """The 1-based column of the index-th cell of a flow list on a line."""
    text = file.read_text(encoding="utf-8").splitlines()[line - 1]
    at = text.index("[") + 1
    for _ in range(index):
        at = text.index(",", at) + 2
    return at + 1


def where(findings: list[Finding], *rules: str) -> list[tuple[str, str, int, int, str]]:
    return [
        (f.rule, f.location.path, f.location.line, f.location.column, f.field)
        for f in findings
        if f.rule in rules
    ]


BAOFENG = "content/reports/baofeng/2020.yaml"
SHIWO = "content/reports/shiwo/2021.yaml"


def test_demo_content_has_no_errors(content: Path):
    findings = check(content)
    assert [f.format() for f in findings if f.severity == "error"] == []


def test_r1_unbalanced_column(content: Path):
    file = content / "reports/baofeng/2020.yaml"
    edit(file, "carried_forward: [0, 0, 0, 0, 0, 0, 0]", "carried_forward: [1, 0, 0, 0, 0, 0, 1]")
    total = line_of(file, "  total: [")
    findings = check(content)
    assert where(findings, "R1", "R2", "R3") == [
        ("R1", BAOFENG, total, cell_column(file, total, 0), "requests.total.natural_person"),
        ("R1", BAOFENG, total, cell_column(file, total, 6), "requests.total.total"),
    ]
    first = next(f for f in findings if f.rule == "R1")
    assert first.format() == (
        f"{BAOFENG}:{total}:{cell_column(file, total, 0)}: 错误 R1（requests.total.natural_person）："
        "第三部分“自然人”列不平衡：本年新收 1 + 上年结转 0 = 1，而办理结果总计 1 + 结转下年度 1 = 2；"
        "按表中的勾稽关系二者应相等（相差 1）"
    )
    assert first.data == {"received_new": 1, "carried_over": 0, "total": 1, "carried_forward": 1}


def test_r2_row_total_is_not_the_sum_of_applicants(content: Path):
    file = content / "reports/baofeng/2020.yaml"
    edit(file, "partially_disclosed: [0, 0, 0, 0, 0, 0, 0]", "partially_disclosed: [0, 2, 0, 0, 0, 0, 0]")
    row = line_of(file, "partially_disclosed:")
    total = line_of(file, "  total: [")
    findings = check(content)
    assert where(findings, "R1", "R2", "R3") == [
        ("R2", BAOFENG, row, cell_column(file, row, 6), "requests.partially_disclosed.total"),
        ("R3", BAOFENG, total, cell_column(file, total, 1), "requests.total.commercial"),
    ]
    r2 = next(f for f in findings if f.rule == "R2")
    assert "六类申请人之和为 2（0 + 2 + 0 + 0 + 0 + 0），而总计列为 0" in r2.message
    assert r2.severity == "error"


def test_r3_results_do_not_add_up_to_total(content: Path):
    file = content / "reports/baofeng/2020.yaml"
    edit(file, "disclosed: [1, 0, 0, 0, 0, 0, 1]", "disclosed: [0, 0, 0, 0, 0, 0, 0]")
    total = line_of(file, "  total: [")
    findings = check(content)
    assert where(findings, "R1", "R2", "R3") == [
        ("R3", BAOFENG, total, cell_column(file, total, 0), "requests.total.natural_person"),
        ("R3", BAOFENG, total, cell_column(file, total, 6), "requests.total.total"),
    ]
    r3 = next(f for f in findings if f.rule == "R3")
    assert r3.message == (
        "第三部分“自然人”列：各项办理结果之和为 0（各项均为 0），而（七）总计为 1；二者应相等（相差 1）"
    )


def test_r4_review_total(content: Path):
    file = content / "reports/shiwo/2021.yaml"
    edit(file, "  review: [0, 0, 0, 0, 0]", "  review: [2, 1, 0, 0, 0]")
    line = line_of(file, "  review: [")
    findings = check(content)
    assert where(findings, "R4") == [("R4", SHIWO, line, cell_column(file, line, 4), "review_litigation.review.total")]
    [r4] = [f for f in findings if f.rule == "R4"]
    assert r4.message == (
        "第四部分“行政复议”：结果维持 2 + 结果纠正 1 + 其他结果 0 + 尚未审结 0 = 3，而总计为 0；二者应相等"
    )


def test_r5_carried_over_differs_from_last_years_carried_forward(content: Path):
    new = content / "reports/baofeng/2021.yaml"
    shutil.copy(content / "reports/shiwo/2021.yaml", new)
    edit(new, "agency: shiwo", "agency: baofeng")
    edit(new, "carried_over: [0, 0, 0, 0, 0, 0, 0]", "carried_over: [3, 0, 0, 0, 0, 0, 3]")
    edit(new, "carried_forward: [0, 0, 0, 0, 0, 0, 0]", "carried_forward: [3, 0, 0, 0, 0, 0, 3]")
    line = line_of(new, "carried_over:")
    findings = check(content)
    path = "content/reports/baofeng/2021.yaml"
    assert where(findings, "R1", "R5") == [
        ("R5", path, line, cell_column(new, line, 0), "requests.carried_over.natural_person"),
        ("R5", path, line, cell_column(new, line, 6), "requests.carried_over.total"),
    ]
    r5 = next(f for f in findings if f.rule == "R5")
    assert r5.severity == "warning"
    assert r5.message == (
        "第三部分“自然人”列：本年上年结转为 3，而 2020 年报告的结转下年度为 0；二者应相等"
    )


def test_r6_in_force_chain(content: Path):
    new = content / "reports/shiwo/2022.yaml"
    shutil.copy(content / "reports/shiwo/2021.yaml", new)
    edit(new, "year: 2021", "year: 2022")
    edit(new, "normative_documents: [0, 0, 0]", "normative_documents: [2, 0, 5]")
    line = line_of(new, "normative_documents:")
    findings = check(content)
    path = "content/reports/shiwo/2022.yaml"
    assert where(findings, "R6") == [
        ("R6", path, line, cell_column(new, line, 2), "proactive.normative_documents.in_force")
    ]
    [r6] = [f for f in findings if f.rule == "R6"]
    assert "上年现行有效 0 + 本年制发 2 − 本年废止 0 = 2，而本年现行有效件数为 5" in r6.message


def test_r6_is_not_applied_across_the_change_of_template(content: Path):
    # 2020 was gb2019, whose 对外公开总数量 is not 现行有效件数: no R6 between 2020 and 2021.
    new = content / "reports/shiwo/2020.yaml"
    shutil.copy(content / "reports/baofeng/2020.yaml", new)
    edit(new, "agency: baofeng", "agency: shiwo")
    edit(new, "regulations: [0, 0, 0]", "regulations: [0, 0, 7]")
    assert where(check(content), "R6") == []


def test_r7_one_finding_per_blank_table(content: Path):
    findings = [f for f in check(content) if f.rule == "R7" and "hongqi" in f.location.path]
    assert [(f.field, f.message) for f in findings] == [
        ("proactive", "第二部分表格空白：原文未填写任何数字（共 22 格，均为空白）"),
        ("requests", "第三部分表格空白：原文未填写任何数字（共 161 格，均为空白）"),
        ("review_litigation", "第四部分表格空白：原文未填写任何数字（共 15 格，均为空白）"),
    ]


def test_r7_partly_blank_table_and_empty_part(content: Path):
    file = content / "reports/baofeng/2020.yaml"
    edit(file, "unavailable_unclear: [0, 0, 0, 0, 0, 0, 0]", "unavailable_unclear: [0, 0, null, 0, 0, 0, null]")
    line = line_of(file, "unavailable_unclear:")
    text = file.read_text(encoding="utf-8")
    start = text.index("problems: |")
    end = text.index("\nother: |")
    file.write_text(text[:start] + 'problems: ""' + text[end:], encoding="utf-8")
    findings = [f for f in check(content) if f.location.path == BAOFENG]
    assert where(findings, "R1", "R2", "R3", "R7") == [
        ("R7", BAOFENG, line, cell_column(file, line, 2), "requests"),
        ("R7", BAOFENG, line_of(file, "problems:"), 1, "problems"),
    ]
    r7 = next(f for f in findings if f.rule == "R7")
    assert r7.message == (
        "第三部分有 2 个空白单元格：requests.unavailable_unclear.research、requests.unavailable_unclear.total"
    )


def test_r8_template_does_not_match_year(content: Path):
    new = content / "reports/baofeng/2021.yaml"
    shutil.copy(content / "reports/baofeng/2020.yaml", new)
    edit(new, "year: 2020", "year: 2021")
    findings = check(content)
    assert where(findings, "R8") == [("R8", "content/reports/baofeng/2021.yaml", 5, 1, "template")]
    [r8] = [f for f in findings if f.rule == "R8"]
    assert r8.severity == "warning" and "应使用2021年版格式（gb2021" in r8.message
