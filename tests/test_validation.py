"""Bad input: each way of breaking a report or the portal files gives one exact finding."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.content import ContentError, load_content

from .conftest import check, edit, line_of

BAOFENG = "content/reports/baofeng/2020.yaml"


def findings_for(content: Path, path: str) -> list[tuple[str, str, int, int, str]]:
    return [
        (f.severity, f.rule, f.location.line, f.location.column, f.field)
        for f in check(content)
        if f.location.path == path and f.rule in ("YAML", "SCHEMA", "REF") and f.severity == "error"
    ]


def message(content: Path, rule: str, path: str = BAOFENG) -> str:
    [f] = [f for f in check(content) if f.rule == rule and f.location.path == path and f.severity == "error"]
    return f.message


# (case id, old text, new text, expected (severity, rule, column offset within the edit, field), message part)
CELL_CASES = [
    (
        "string-for-number",
        "received_new: [1, 0,",
        'received_new: ["1", 0,',
        ("error", "SCHEMA", 15, "requests.received_new.natural_person"),
        "一、本年新收政府信息公开申请数量 · 自然人（requests.received_new.natural_person）应为数字，实为 文字“1”；请去掉引号",
    ),
    (
        "word-for-number",
        "received_new: [1, 0,",
        'received_new: [一, 0,',
        ("error", "SCHEMA", 15, "requests.received_new.natural_person"),
        "应为数字，实为 文字“一”；原文空白写 null，不适用写 \"/\"",
    ),
    (
        "thousands-separator",
        "received_new: [1, 0,",
        'received_new: ["1,036", 0,',
        ("error", "SCHEMA", 15, "requests.received_new.natural_person"),
        "请写成不带千分位逗号、半角的数字，如 1036",
    ),
    (
        "negative-count",
        "disclosed: [1, 0,",
        "disclosed: [-1, 0,",
        ("error", "SCHEMA", 12, "requests.disclosed.natural_person"),
        "（一）予以公开 · 自然人（requests.disclosed.natural_person）不能为负数，实为 -1",
    ),
    (
        "fraction-for-count",
        "disclosed: [1, 0,",
        "disclosed: [1.5, 0,",
        ("error", "SCHEMA", 12, "requests.disclosed.natural_person"),
        "是件数，应为整数，实为 1.5",
    ),
    (
        "boolean",
        "disclosed: [1, 0,",
        "disclosed: [true, 0,",
        ("error", "SCHEMA", 12, "requests.disclosed.natural_person"),
        "应为数字，实为 真假值 true",
    ),
    (
        "yes-read-as-boolean",
        "disclosed: [1, 0,",
        "disclosed: [yes, 0,",
        ("error", "SCHEMA", 12, "requests.disclosed.natural_person"),
        "（一）予以公开 · 自然人（requests.disclosed.natural_person）写作 yes：YAML 把它读作真假值 true，"
        "而本格式中没有真假值；文字请加引号（\"yes\"），数请写数字",
    ),
]


@pytest.mark.parametrize("case", CELL_CASES, ids=[c[0] for c in CELL_CASES])
def test_bad_cell(content: Path, case):
    _, old, new, (severity, rule, offset, field), text = case
    file = content / "reports/baofeng/2020.yaml"
    line, column = edit(file, old, new)
    assert findings_for(content, BAOFENG) == [(severity, rule, line, column + offset, field)]
    assert text in message(content, rule)


def test_negative_change_is_allowed_where_the_template_allows_it(content: Path):
    file = content / "reports/baofeng/2020.yaml"
    edit(file, "licensing: [0, 0, 0]", "licensing: [5, -2, 0]")
    assert findings_for(content, BAOFENG) == []


def test_row_with_six_numbers_instead_of_seven(content: Path):
    file = content / "reports/baofeng/2020.yaml"
    line, column = edit(file, "carried_over: [0, 0, 0, 0, 0, 0, 0]", "carried_over: [0, 0, 0, 0, 0, 0]")
    assert findings_for(content, BAOFENG) == [("error", "SCHEMA", line, column, "requests.carried_over")]
    assert message(content, "SCHEMA") == (
        "二、上年结转政府信息公开申请数量（carried_over）应有 7 个数"
        "（自然人，商业企业，科研机构，社会公益组织，法律服务机构，其他，总计），实有 6 个"
    )
    # the short row is unknown, not zero: R1 is not checked on numbers that are not there
    assert not [f for f in check(content) if f.rule == "R1"]


def test_unknown_row_key_suggests_the_right_one(content: Path):
    file = content / "reports/baofeng/2020.yaml"
    line, column = edit(file, "  disclosed: [", "  disclosd: [")
    assert findings_for(content, BAOFENG) == [
        ("error", "SCHEMA", line_of(file, "requests:"), 1, "requests"),
        ("error", "SCHEMA", line, column + 2, "requests.disclosd"),
    ]
    texts = [f.message for f in check(content) if f.rule == "SCHEMA"]
    assert "第三部分没有 disclosd 这一行，是否应为 disclosed？" in texts
    assert "第三部分缺少 1 行：disclosed（（一）予以公开）；原文空白的单元格写 null" in texts


def test_row_of_the_other_template_is_named_as_such(content: Path):
    file = content / "reports/shiwo/2021.yaml"
    edit(file, "  licensing: [0]", "  licensing: [0]\n  other_services: [0, 0, 0]")
    [f] = [f for f in check(content) if f.rule == "SCHEMA" and f.severity == "error"]
    assert f.message == "第二部分没有 other_services 这一行，它属于 gb2019 格式，本报告 template 为 gb2021"


def test_both_forms_of_other_processing(content: Path):
    file = content / "reports/shiwo/2021.yaml"
    edit(file, "  total: [", "  other_other: [0, 0, 0, 0, 0, 0, 0]\n  total: [")
    [f] = [f for f in check(content) if f.rule == "SCHEMA" and f.severity == "error"]
    assert f.message.startswith("other_processing 与 other_overdue_correction、other_unpaid_fee、other_other 只能二选一")


def test_unknown_top_level_key(content: Path):
    file = content / "reports/baofeng/2020.yaml"
    line, _ = edit(file, "template: gb2019\n", "template: gb2019\ntitel: 重复\n")
    assert findings_for(content, BAOFENG) == [("error", "SCHEMA", line + 1, 1, "titel")]
    assert message(content, "SCHEMA").startswith("未知的键 titel，是否应为 title？")


def test_missing_required_key_drops_the_report_but_reports_everything_else(content: Path):
    file = content / "reports/baofeng/2020.yaml"
    edit(file, "template: gb2019\n", "")
    edit(content / "reports/shiwo/2021.yaml", "  review: [0, 0, 0, 0, 0]", "  review: [1, 0, 0, 0, 0]")
    findings = check(content)
    assert [(f.rule, f.field, f.location.path) for f in findings if f.severity == "error"] == [
        ("SCHEMA", "template", BAOFENG),
        ("R4", "review_litigation.review.total", "content/reports/shiwo/2021.yaml"),
    ]


def test_malformed_yaml(content: Path):
    file = content / "reports/baofeng/2020.yaml"
    line, _ = edit(file, "received_new: [1, 0, 0, 0, 0, 0, 1]", "received_new: [1, 0, 0, 0, 0, 0, 1")
    [f] = [f for f in check(content) if f.location.path == BAOFENG]
    assert (f.severity, f.rule, f.location.line) == ("error", "YAML", line + 1)
    assert f.message.startswith("YAML 格式错误：")


def test_wrong_template_name(content: Path):
    line, column = edit(content / "reports/baofeng/2020.yaml", "template: gb2019", "template: gb2020")
    assert findings_for(content, BAOFENG) == [("error", "SCHEMA", line, column, "template")]
    assert message(content, "SCHEMA") == "template 应为 gb2019、gb2021、none 之一，实为 'gb2020'"


def test_phone_number_without_quotes(content: Path):
    line, column = edit(content / "reports/baofeng/2020.yaml", "phone: '4728182'", "phone: 4728182")
    assert findings_for(content, BAOFENG) == [("error", "SCHEMA", line, column, "contact.phone")]
    assert "数字形式的电话、邮编请加引号" in message(content, "SCHEMA")


def test_report_of_an_unregistered_agency(content: Path):
    folder = content / "reports/nobody"
    folder.mkdir()
    (folder / "2020.yaml").write_text(
        (content / "reports/baofeng/2020.yaml").read_text(encoding="utf-8").replace("agency: baofeng", "agency: nobody"),
        encoding="utf-8",
    )
    path = "content/reports/nobody/2020.yaml"
    assert findings_for(content, path) == [("error", "REF", 2, 1, "agency")]
    assert message(content, "REF", path) == "机关 nobody 未在 agencies.yaml 中登记"


def test_report_whose_path_disagrees_with_agency_and_year(content: Path):
    file = content / "reports/baofeng/2020.yaml"
    file.rename(content / "reports/baofeng/2019.yaml")
    edit(content / "reports/baofeng/2019.yaml", "agency: baofeng", "agency: shiwo")
    path = "content/reports/baofeng/2019.yaml"
    assert findings_for(content, path) == [("error", "REF", 2, 1, "agency"), ("error", "REF", 4, 1, "year")]
    texts = [f.message for f in check(content) if f.location.path == path]
    assert "agency 为 shiwo，但文件在 reports/baofeng/ 下；二者应一致" in texts
    assert "year 为 2020，但文件名为 2019.yaml；应为 2020.yaml" in texts


def test_missing_original_file(content: Path):
    (content / "originals/baofeng/2020.txt").unlink()
    line = line_of(content / "reports/baofeng/2020.yaml", "  file: originals/baofeng/2020.txt")
    assert findings_for(content, BAOFENG) == [("error", "REF", line, 3, "source.file")]
    assert message(content, "REF") == "原件 originals/baofeng/2020.txt 不存在（路径相对于内容文件夹 content）"


def test_original_outside_the_content_folder_is_refused(content: Path):
    edit(content / "reports/baofeng/2020.yaml", "file: originals/baofeng/2020.txt", "file: ../../etc/passwd")
    [f] = [f for f in check(content) if f.location.path == BAOFENG and f.severity == "error"]
    assert (f.rule, f.field) == ("SCHEMA", "source.file")
    assert f.message.startswith("source.file 应为 originals/ 下的原件路径，用 / 分隔、不含 ..")


def test_duplicate_agency_ids(content: Path):
    agencies = content / "agencies.yaml"
    text = agencies.read_text(encoding="utf-8")
    agencies.write_text(text + "- id: baofeng\n  name: 另一个宝峰镇\n  kind: township\n", encoding="utf-8")
    [f] = [f for f in check(content) if f.location.path == "content/agencies.yaml"]
    assert (f.severity, f.rule, f.field) == ("error", "SCHEMA", "5.id")
    assert f.location.line == len(text.splitlines()) + 1
    first = text.splitlines().index("- id: baofeng") + 1
    assert f.message == f"机关代码 baofeng 重复（第 {first} 行已有），每个机关只能登记一次"


def test_agency_unknown_kind_and_key(content: Path):
    agencies = content / "agencies.yaml"
    edit(agencies, "  kind: subdistrict", "  kind: subdistrct\n  webiste: http://x")
    found = [(f.field, f.message) for f in check(content) if f.location.path == "content/agencies.yaml"]
    assert ("2.webiste", "未知的键 webiste，是否应为 website？（可用的键：id、name、short_name、kind、region、website、order、former_names）") in found
    assert any(field == "2.kind" and "是否应为 subdistrict？" in msg for field, msg in found)


def test_site_yaml_missing_required_and_wrong_type(content: Path):
    site = content / "site.yaml"
    text = site.read_text(encoding="utf-8")
    site.write_text(text.replace("sponsor:", "# sponsor:").replace('site_code: "0000000000"', "site_code: 1234"), encoding="utf-8")
    found = [(f.field, f.message) for f in check(content) if f.location.path == "content/site.yaml"]
    assert ("", "缺少必填的键 sponsor（主办单位，显示在页脚）") in found
    assert ("site_code", "site_code 应为文字，实为 数字 1234；数字形式的代码、备案号请加引号") in found


def test_yaml_file_in_the_wrong_place_is_named(content: Path):
    (content / "reports/2020.yaml").write_text("x: 1\n", encoding="utf-8")
    [f] = [f for f in check(content) if f.location.path == "content/reports/2020.yaml"]
    assert f.severity == "warning" and "reports/<机关代码>/<年份>.yaml" in f.message


def test_not_a_content_folder(tmp_path: Path):
    with pytest.raises(ContentError, match="不是内容文件夹"):
        load_content(tmp_path)
    with pytest.raises(ContentError, match="不存在"):
        load_content(tmp_path / "missing")


def tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for file in sorted(root.rglob("*")):
        digest.update(str(file.relative_to(root)).encode())
        if file.is_file():
            digest.update(file.read_bytes())
    return digest.hexdigest()


def test_check_changes_nothing_on_disk(content: Path):
    edit(content / "reports/baofeng/2020.yaml", "received_new: [1, 0,", 'received_new: ["x", 0,')
    before = tree_digest(content.parent)
    check(content)
    assert tree_digest(content.parent) == before
