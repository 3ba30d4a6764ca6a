"""Publication-quality findings Q1–Q7 (and R9) on a county portal built to hold known problems.

The portal is ``tests/data/audit/portal``, written by ``tests/data/audit/make_portal.py``
(its docstring lists what is wrong in which report). Each test copies it, breaks or mends one
thing, and asserts the exact findings.
"""

from __future__ import annotations

import datetime as dt
import filecmp
from pathlib import Path

import pytest

from generator.checks import audit
from generator.checks.run import check_content
from generator.content import load_content
from generator.findings import Finding

from .conftest import DATA, edit, working_copy
from .data.audit import make_portal

PORTAL = DATA / "audit" / "portal"
QUALITY = ("Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7")


@pytest.fixture
def portal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return working_copy(PORTAL, "portal", tmp_path, monkeypatch)


def audited(root: Path) -> list[Finding]:
    return check_content(load_content(root), audit=True)


def where(findings: list[Finding], *rules: str) -> list[tuple[str, str, int, str]]:
    return [(f.rule, f.location.path, f.location.line, f.field) for f in findings if f.rule in rules]


def test_fixture_is_what_its_script_writes(tmp_path: Path):
    make_portal.write(tmp_path / "portal")
    compared = filecmp.dircmp(tmp_path / "portal", PORTAL)

    def differences(c: filecmp.dircmp[str]) -> list[str]:
        out = c.left_only + c.right_only + c.diff_files
        for sub in c.subdirs.values():
            out += differences(sub)
        return out

    assert differences(compared) == []


def test_every_finding_on_the_county_portal(portal: Path):
    findings = audited(portal)
    assert [f for f in findings if f.severity == "error"] == []
    assert where(findings, *QUALITY, "R9") == [
        ("Q2", "portal/agencies.yaml", 1, "agency"),  # xian 2020
        ("Q2", "portal/agencies.yaml", 13, "agency"),  # hexi 2020
        ("Q2", "portal/agencies.yaml", 18, "agency"),  # dongguan 2020
        ("Q2", "portal/agencies.yaml", 23, "agency"),  # xinhua 2020
        ("Q2", "portal/agencies.yaml", 23, "agency"),  # xinhua 2022
        ("Q4", "portal/reports/dongguan/2021.yaml", 54, "problems"),
        ("R9", "portal/reports/dongguan/2022.yaml", 25, "requests_text"),
        ("Q5", "portal/reports/dongguan/2022.yaml", 58, "other"),
        ("Q4", "portal/reports/hexi/2021.yaml", 56, "problems"),
        ("Q1", "portal/reports/xian/2022.yaml", 7, "published"),
        ("Q5", "portal/reports/ziran/2020.yaml", 56, "other"),
        ("Q3", "portal/reports/ziran/2021.yaml", 13, "overview"),
        ("Q7", "portal/reports/ziran/2022.yaml", 56, "other"),
    ]
    assert [f.severity for f in findings if f.rule == "Q7"] == ["info"]


def test_the_audit_runs_only_when_asked(portal: Path):
    assert where(check_content(load_content(portal)), *QUALITY) == []


# --- Q1 -------------------------------------------------------------------------------------------


def test_q1_deadline_is_31_january_or_31_march_for_a_county_government():
    assert audit.deadline(2021, "township") == dt.date(2022, 1, 31)
    assert audit.deadline(2021, "department") == dt.date(2022, 1, 31)
    assert audit.deadline(2021, "county_government") == dt.date(2022, 3, 31)


def test_q1_late_report_message(portal: Path):
    [q1] = [f for f in audited(portal) if f.rule == "Q1"]
    assert q1.message == (
        "发布日期 2023-04-10 晚于期限 2023-03-31（县级人民政府的年度报告应在次年3月31日前公布，"
        "《条例》第四十九条），逾期 10 天"
    )
    assert q1.data == {"deadline": "2023-03-31", "days_late": 10}


def test_q1_the_same_date_is_late_for_a_department(portal: Path):
    # xian 2021 was published on 2022-03-28: in time for a county government, not for a department.
    edit(portal / "agencies.yaml", "kind: county_government", "kind: department")
    late = sorted((f.location.path, f.data["days_late"]) for f in audited(portal) if f.rule == "Q1")
    assert late == [("portal/reports/xian/2021.yaml", 56), ("portal/reports/xian/2022.yaml", 69)]


def test_q1_needs_a_publication_date(portal: Path):
    edit(portal / "reports/xian/2022.yaml", "published: 2023-04-10\n", "")
    assert where(audited(portal), "Q1") == []


# --- Q2 -------------------------------------------------------------------------------------------


def test_q2_names_the_agency_and_the_year(portal: Path):
    q2 = [f for f in audited(portal) if f.rule == "Q2" and f.data["agency"] == "xinhua"]
    assert [(f.data["year"], f.message) for f in q2] == [
        (2020, "新华街道（xinhua）没有 2020 年度报告，而另有 1 个机关有；应为 reports/xinhua/2020.yaml"),
        (2022, "新华街道（xinhua）没有 2022 年度报告，而另有 4 个机关有；应为 reports/xinhua/2022.yaml"),
    ]


def test_q2_is_silent_when_the_file_exists_but_does_not_load(portal: Path):
    (portal / "reports/xinhua/2022.yaml").write_text("schema: 1\nagency: [xinhua\n", encoding="utf-8")
    findings = audited(portal)
    assert [f.data["year"] for f in findings if f.rule == "Q2" and f.data["agency"] == "xinhua"] == [2020]
    assert any(f.rule == "YAML" and f.location.path == "portal/reports/xinhua/2022.yaml" for f in findings)


# --- Q3 and Q4: text reuse --------------------------------------------------------------------------


def test_q3_renamed_agency_keeps_its_history_through_its_id(portal: Path):
    # 2020 was printed as 安平县国土资源局, 2021 as 安平县自然资源局 (former_names in agencies.yaml).
    [q3] = [f for f in audited(portal) if f.rule == "Q3"]
    assert q3.data["previous_year"] == 2020 and q3.data["previous"] == "portal/reports/ziran/2020.yaml"
    assert (q3.data["reused"], q3.data["total"], q3.data["share"]) == (4, 5, 0.8)
    assert q3.data["sentences"][0] == "安平县自然资源局2021年在门户网站公开土地征收信息37条，建设用地审批结果21条"
    assert q3.message.startswith("第一部分“一、总体情况”的 5 句中有 4 句（80%）与本机关 2020 年报告")
    assert q3.message.endswith("等 4 句")


def test_q3_a_part_rewritten_is_not_reuse(portal: Path):
    file = portal / "reports/ziran/2021.yaml"
    edit(file, "及时公开国有建设用地使用权出让公告和结果公示，全年发布出让信息18宗。", "全年完成土地整治项目6个，新增耕地1200亩。")
    edit(file, "不动产登记中心将办事指南、收费标准和办理时限在服务大厅和网站同步公开。", "开展地质灾害隐患排查，排查结果在各乡镇公告栏张贴。")
    # 2 of 5 reused: 40 %, not more than half.
    assert where(audited(portal), "Q3") == []


def test_boilerplate_is_not_reuse(portal: Path):
    # hexi 2022 part 5: the opening, statistics-period, download and 疑问 sentences of its 2021
    # preamble (which every report carries), the county's template sentence (in all five
    # agencies' reports), and two sentences of its own: nothing reused.
    file = portal / "reports/hexi/2022.yaml"
    preamble = load_content(portal).report("hexi", 2021).preamble.strip()
    text = file.read_text(encoding="utf-8")
    start, end = text.index("problems: |"), text.index("\nother: |")
    body = (preamble + "\n\n" + make_portal.COUNTY_TEMPLATE + "\n\n" + make_portal.PROBLEMS[("hexi", 2022)]).replace("\n", "\n  ")
    file.write_text(text[:start] + "problems: |\n  " + body + text[end:], encoding="utf-8")
    findings = audited(portal)
    assert where(findings, "Q3", "Q4") == [
        ("Q4", "portal/reports/dongguan/2021.yaml", 54, "problems"),
        ("Q4", "portal/reports/hexi/2021.yaml", 56, "problems"),
        ("Q3", "portal/reports/ziran/2021.yaml", 13, "overview"),
    ]


def test_required_sentences_are_boilerplate_by_pattern():
    text = make_portal.preamble("安平县河西镇人民政府", 2021, "河西镇党政办") + "本年度未收取信息处理费。无其他需要报告的事项。"
    assert audit.split_sentences(text, None) == []


def test_a_sentence_in_many_agencies_reports_is_boilerplate(portal: Path):
    index = audit.SentenceIndex(load_content(portal))
    names = audit.names_pattern(None, [])
    county = audit.split_sentences(make_portal.COUNTY_TEMPLATE, names)
    assert len(county) == 1 and county[0].key in index.common  # in 5 agencies' reports, limit 4
    assert audit.boilerplate_limit(5) == 4 and audit.boilerplate_limit(3000) == 60


def test_a_sentence_shared_by_few_agencies_is_not_boilerplate(portal: Path):
    # Two agencies drop the county sentence: the three left share it, and it counts as theirs.
    for agency in ("hexi", "dongguan"):
        for year in (2021, 2022):
            edit(portal / f"reports/{agency}/{year}.yaml", make_portal.COUNTY_TEMPLATE, "")
    index = audit.SentenceIndex(load_content(portal))
    [county] = audit.split_sentences(make_portal.COUNTY_TEMPLATE, None)
    assert county.key not in index.common


def test_q4_is_reported_on_both_reports_with_the_shared_sentences(portal: Path):
    q4 = {f.location.path: f for f in audited(portal) if f.rule == "Q4"}
    hexi, dongguan = q4["portal/reports/hexi/2021.yaml"], q4["portal/reports/dongguan/2021.yaml"]
    assert (hexi.data["other_agency"], hexi.data["reused"], hexi.data["total"]) == ("dongguan", 3, 4)
    assert (dongguan.data["other_agency"], dongguan.data["reused"], dongguan.data["total"]) == ("hexi", 3, 3)
    # The agency's own name differs in the copy and is not counted as a difference.
    assert dongguan.data["sentences"][-1] == "下一步，东关镇将加强业务培训，完善信息发布审核机制，推动政务公开向村级延伸"
    assert "与河西镇（hexi）2021 年报告（portal/reports/hexi/2021.yaml）相同" in dongguan.message


def test_q4_compares_only_the_same_year(portal: Path):
    # dongguan's 2022 part 5 takes hexi's 2021 text: a different year, so not Q4.
    file = portal / "reports/dongguan/2022.yaml"
    edit(file, make_portal.PROBLEMS[("dongguan", 2022)], make_portal.PROBLEMS_HEXI_2021)
    findings = audited(portal)
    assert [f.location.path for f in findings if f.rule == "Q4"] == [
        "portal/reports/dongguan/2021.yaml",
        "portal/reports/hexi/2021.yaml",
    ]
    # Against dongguan's own 2021 part 5, 2 of the 4 sentences are the same (河西镇 is not its
    # name, and 2021's third item is too short to count): half is not more than half.
    assert where(findings, "Q3") == [("Q3", "portal/reports/ziran/2021.yaml", 13, "overview")]


# --- Q5 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["无", "无。", "暂无。", "本年度无其他需要报告的事项。", "无其他需要报告事项。", "其他需要报告的事项。\n\n七、附件\n\n无",
     "2022年，我镇无其他需要报告的事项。", "（一）无"],
)
def test_q5_says_nothing(text: str):
    assert audit.says_nothing(text)


@pytest.mark.parametrize(
    "text",
    ["2021年，未收取依申请公开信息处理费。", "无其他需要报告的事项。县政府办理人大代表建议61件。", "网站栏目分类不清。"],
)
def test_q5_says_something(text: str):
    assert not audit.says_nothing(text)


def test_a_blank_part_is_one_finding(portal: Path):
    file = portal / "reports/dongguan/2022.yaml"
    edit(file, "other: |\n  本年度无其他需要报告的事项。\n", 'other: ""\n')
    mine = [f for f in audited(portal) if f.location.path == "portal/reports/dongguan/2022.yaml" and f.field == "other"]
    assert [(f.rule, f.message) for f in mine] == [("R7", "第六部分“六、其他需要报告的事项”为空")]


def test_q5_on_gb2021_part_6_says_what_is_missing(portal: Path):
    [q5] = [f for f in audited(portal) if f.rule == "Q5" and "dongguan" in f.location.path]
    assert q5.message == (
        "第六部分“六、其他需要报告的事项”只写了“本年度无其他需要报告的事项。”，没有实际内容；"
        "国办公开办函〔2021〕30号要求在第六部分说明收取信息处理费的情况"
    )


# --- Q6 -------------------------------------------------------------------------------------------


def test_q6_changed_original_is_an_error(portal: Path):
    original = portal / "originals/hexi/2022.txt"
    original.write_text(original.read_text(encoding="utf-8").replace("83条", "93条"), encoding="utf-8")
    [q6] = [f for f in audited(portal) if f.rule == "Q6"]
    assert (q6.severity, q6.location.path, q6.field) == ("error", "portal/reports/hexi/2022.yaml", "source.sha256")
    assert q6.data["recorded"] != q6.data["actual"] and len(q6.data["actual"]) == 64
    assert q6.message.startswith("原件 originals/hexi/2022.txt 的 sha256 为 ")


def test_q6_missing_original_is_left_to_the_reference_check(portal: Path):
    (portal / "originals/hexi/2022.txt").unlink()
    findings = audited(portal)
    assert where(findings, "Q6") == []
    assert [f.rule for f in findings if f.field == "source.file"] == ["REF"]


# --- Q7 -------------------------------------------------------------------------------------------


def test_q7_fee_statement(portal: Path):
    [q7] = [f for f in audited(portal) if f.rule == "Q7"]
    assert q7.message == (
        "第六部分未说明是否收取信息处理费（国办公开办函〔2021〕30号要求在第六部分说明收取信息处理费的情况；"
        "第二部分的“行政事业性收费”是另一回事）"
    )
    edit(portal / "reports/ziran/2022.yaml", "本局2022年度", "本年度未收取信息处理费。本局2022年度")
    assert where(audited(portal), "Q7") == []


def test_q7_is_not_asked_of_gb2019(portal: Path):
    edit(portal / "reports/ziran/2020.yaml", "无其他需要报告的事项。", "本局完成第三次国土调查。")
    assert where(audited(portal), "Q5", "Q7") == [
        ("Q5", "portal/reports/dongguan/2022.yaml", 58, "other"),
        ("Q7", "portal/reports/ziran/2022.yaml", 56, "other"),
    ]
