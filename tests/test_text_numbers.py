"""Rule R9: numbers stated in the text against the table, on the demo content and on sentences
taken from real reports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import yamlio
from generator.checks.run import check_content
from generator.checks.text_numbers import _in_sentence, _other_time, parse_number, r9_text_numbers
from generator.content import load_content
from generator.findings import Finding
from generator.model.report import Report, report_from_data

from .conftest import DATA, check, edit, line_of

QIXINGPAO = "content/reports/qixingpao/2020.yaml"


def r9(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.rule == "R9"]


@pytest.mark.parametrize(
    ("text", "value"),
    [("0", 0), ("12", 12), ("1,036", 1036), ("１２", 12), ("零", 0), ("一", 1), ("两", 2), ("十", 10),
     ("十二", 12), ("二十", 20), ("二十三", 23), ("一百零五", 105), ("一千零一十", 1010), ("三百", 300)],
)
def test_numbers_arabic_full_width_and_chinese(text: str, value: int):
    assert parse_number(text) == value


def stated(sentence: str, year: int = 2020) -> list[tuple[str, int]]:
    if _other_time(sentence, year):
        return []
    return [(s.quantity.key, s.stated) for s in _in_sentence("overview", 0, sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # From the seeds and the real reports.
        ("2020年，没有收到政府信息公开申请，无因政府信息公开申请行政复议、提起行政诉讼的情况。",
         [("received", 0), ("review", 0), ("litigation", 0)]),
        ("2020 年度，我办未收到依申请公开政府信息的受理件。", [("received", 0)]),
        ("2020年，我办没有因信息公开而被提起行政复议或行政诉讼。", [("review", 0), ("litigation", 0)]),
        ("本年度共收到政府信息公开申请5件，上年结转2件，结转下年度继续办理1件。",
         [("received", 5), ("carried_over", 2), ("carried_forward", 1)]),
        ("本年新收政府信息公开申请十二件。", [("received", 12)]),
        ("本年度共收到公民、法人和其他组织提出的政府信息公开申请两件。", [("received", 2)]),
        ("收到5件政府信息公开申请。", [("received", 5)]),
        ("因政府信息公开被申请行政复议1件，被提起行政诉讼一起。", [("review", 1), ("litigation", 1)]),
        ("未发生因政府信息公开引起的行政复议、行政诉讼案件。", [("review", 0), ("litigation", 0)]),
        # Not the same quantity: people, not requests; rights, not cases; outcomes, not cases.
        ("2020年我镇收到1名群众申请基本农田相关信息公开，已按要求回复。", []),
        ("公民、法人或者其他组织认为侵犯其合法权益的，可以依法申请行政复议或者提起行政诉讼。", []),
        ("本年度无被行政复议纠错的案件。", []),
        ("2019年，未收到公众申请要求公开的其它方面政府信息。", []),
        ("收到群众信访投诉申请3件。", []),
        # Another year.
        ("2019年收到政府信息公开申请3件。", []),
        ("与去年相比，收到政府信息公开申请5件，增长25%。", []),
        ("本年度上年结转政府信息公开申请1件。", [("carried_over", 1)]),
    ],
)
def test_statements(sentence: str, expected: list[tuple[str, int]]):
    assert stated(sentence) == expected


def test_demo_content_text_agrees_with_its_tables(content: Path):
    assert r9(check(content)) == []


def test_stated_absence_against_a_table_with_requests(content: Path):
    file = content / "reports/qixingpao/2020.yaml"
    edit(file, "  received_new: [0, 0, 0, 0, 0, 0, 0]", "  received_new: [1, 0, 0, 0, 0, 0, 1]")
    line = line_of(file, "2020年，没有收到政府信息公开申请")
    [finding] = r9(check(content))
    assert (finding.location.path, finding.location.line, finding.location.column) == (QIXINGPAO, line, 3)
    assert finding.field == "overview" and finding.severity == "warning"
    assert finding.message == (
        "第一部分（overview）的“2020年，没有收到政府信息公开申请，无因政府信息公开申请行政复议、提起行政诉讼的情况。”"
        "写本年新收申请 0 件，而第三部分表格 requests.received_new.total（一、本年新收政府信息公开申请数量 · 总计）"
        "为 1；二者应相等，请核对原件"
    )
    assert finding.data["stated"] == 0 and finding.data["table"] == 1
    assert finding.data["cells"] == ["requests.received_new.total"]


def test_litigation_is_both_groups_added_up(content: Path):
    file = content / "reports/qixingpao/2020.yaml"
    edit(file, "  litigation_after_review: [0, 0, 0, 0, 0]", "  litigation_after_review: [1, 0, 0, 0, 1]")
    [finding] = r9(check(content))
    assert "写行政诉讼 0 件，而第四部分表格 review_litigation.litigation_direct.total" in finding.message
    assert finding.message.endswith("为 0 + 1 = 1；二者应相等，请核对原件")


def test_blank_tables_are_not_compared(content: Path):
    # hongqi's text says it received no requests; its tables are blank (null): nothing to compare.
    assert "未收到依申请公开政府信息" in (content / "reports/hongqi/2020.yaml").read_text(encoding="utf-8")
    assert [f for f in r9(check(content)) if "hongqi" in f.location.path] == []


def test_chinese_numeral_in_the_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    portal = tmp_path / "portal"
    shutil.copytree(DATA / "audit" / "portal", portal)
    monkeypatch.chdir(tmp_path)
    file = portal / "reports/hexi/2021.yaml"  # “收到政府信息公开申请两件”, and 2 in the table
    assert [f for f in r9(check_content(load_content(portal))) if "hexi" in f.location.path] == []
    edit(file, "  received_new: [2, 0, 0, 0, 0, 0, 2]", "  received_new: [3, 0, 0, 0, 0, 0, 3]")
    [finding] = [f for f in r9(check_content(load_content(portal))) if "hexi" in f.location.path]
    assert finding.data["stated"] == 2 and finding.data["table"] == 3


def test_accepted_requests_may_include_those_carried_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # ziran 2021: 新收 4, 上年结转 1. “受理……5件” counts both and is not a finding; “收到……5件” is.
    portal = tmp_path / "portal"
    shutil.copytree(DATA / "audit" / "portal", portal)
    monkeypatch.chdir(tmp_path)
    file = portal / "reports/ziran/2021.yaml"
    edit(file, "本年度新收政府信息公开申请4件，", "本年度共受理政府信息公开申请5件，")
    assert [f for f in r9(check_content(load_content(portal))) if "ziran" in f.location.path] == []
    edit(file, "本年度共受理政府信息公开申请5件，", "本年度共收到政府信息公开申请5件，")
    [finding] = [f for f in r9(check_content(load_content(portal))) if "ziran" in f.location.path]
    assert finding.data["stated"] == 5 and finding.data["table"] == 4


def load_real(name: str) -> Report:
    path = f"tests/data/real/{name}.yaml"
    loaded, _ = yamlio.load_file(DATA / "real" / f"{name}.yaml", path)
    assert loaded is not None
    report, _ = report_from_data(loaded.data, path, loaded.locate)
    assert report is not None
    return report


def test_real_reports_hongze(monkeypatch: pytest.MonkeyPatch):
    # tests/data/real/NOTES.md: 2023 says 受理…21件 and prints 21; 2024 says 17 and prints 95.
    monkeypatch.chdir(DATA.parent.parent)
    assert list(r9_text_numbers(load_real("hongze-2023"))) == []
    [finding] = r9_text_numbers(load_real("hongze-2024"))
    assert (finding.location.line, finding.location.column) == (21, 96)
    assert finding.data == {
        "sentence": "2024年，区政府办代表区政府受理政府信息公开申请17件，均已在法定期限内予以答复。",
        "stated": 17,
        "cells": ["requests.received_new.total"],
        "table": 95,
    }
