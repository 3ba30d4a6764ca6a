"""Label normalisation and matching, numbers, sections and the preamble."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.extract.labels import best_match, core, normalize
from generator.extract.numbers import parse
from generator.extract.preamble import contact_of, parse_date, read_head, take_signature
from generator.extract.sections import join_broken
from generator.extract.settings import DEFAULT
from generator.model import spec


@pytest.mark.parametrize(
    "printed, template",
    [
        ("2.其他法律行政止公开", "2.其他法律行政法规禁止公开"),
        ("2.其他法律法规禁止公开", "2.其他法律行政法规禁止公开"),
        ("4.无正当理由由大量反复申请", "4.无正当理由大量反复申请"),
        ("（ 二 ）部分公开（区分处理的，只计这一情 形，不计其他情形）", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
        ("(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
        ("结果维护", "结果维持"),
        ("合 计", "总计"),
    ],
)
def test_variants_normalise_to_the_template_wording(printed: str, template: str) -> None:
    assert core(printed) == core(template)


def test_fullwidth_digits_and_brackets() -> None:
    assert normalize("（１）　１２３") == "(1)123"


def test_best_match_is_by_meaning_and_refuses_ties() -> None:
    rows = {r.key: core(r.label) for r in spec.REQUESTS.rows}
    assert best_match(core("5.要求行政机关确认或重新出具"), rows, 0.62, 0.08)[0] == "not_processed_confirmation"
    assert best_match(core("行政机关不再处理其政府信息公开申请"), rows, 0.62, 0.08)[0] is None


@pytest.mark.parametrize(
    "text, kind, value, printed",
    [
        ("1,036", spec.COUNT, 1036, None),
        ("１２", spec.COUNT, 12, None),
        ("+12", spec.CHANGE, 12, None),
        ("-3", spec.CHANGE, -3, None),
        ("—", spec.COUNT, "/", None),
        ("不适用", spec.COUNT, "/", None),
        ("", spec.COUNT, None, None),
        ("63365元", spec.MONEY, 6.3365, "63365元"),
        ("7730.28", spec.MONEY, 7730.28, None),
        ("7545", spec.MONEY, 7545, None),
    ],
)
def test_numbers(text: str, kind: str, value: object, printed: str | None) -> None:
    p = parse(text, kind)
    assert p.ok and p.value == value and type(p.value) is type(value) and p.as_printed == printed


@pytest.mark.parametrize("text", ["1O", "三", "2.5"])
def test_unreadable_counts_are_not_guessed(text: str) -> None:
    assert not parse(text, spec.COUNT).ok


def test_broken_paragraphs_are_joined_but_subheadings_are_not() -> None:
    paras = [
        "（一）政府信息主动公开",
        "一是成立政务信息公开领导小组，领导小组办公室设在镇党政办，落实专人负责处理日常事务，在村公示栏发布公",
        "开信息，公开了办事指南。",
    ]
    assert join_broken(paras, DEFAULT) == [paras[0], paras[1] + paras[2]]


def test_head_title_agency_year_contact_and_url() -> None:
    head = read_head(
        [
            "靖安县宝峰镇2020年度政府信息公开",
            "工作年度报告",
            "本年度报告的电子版可以从靖安县人民政府网站（http://www.jxjaxzf.gov.cn/xxgk-show-488796.html）下载。"
            "请与党政办公室联系（地址：宝峰镇北河路1号，电话：4728182，邮编：330600）。",
        ],
        DEFAULT,
    )
    assert (head.title, head.agency_name, head.year) == ("靖安县宝峰镇2020年度政府信息公开工作年度报告", "靖安县宝峰镇", 2020)
    assert head.contact == {"address": "宝峰镇北河路1号", "postcode": "330600", "phone": "4728182"}
    assert head.url == "http://www.jxjaxzf.gov.cn/xxgk-show-488796.html"
    assert contact_of("网站（http://www.hlbaoqing.gov.cn）电子邮箱：qxp777@163.com")["email"] == "qxp777@163.com"


def test_closing_date_and_signing_office_are_taken_out_of_part_six() -> None:
    paras, date, office = take_signature(["本年度无其他需要报告的事项。", "宝峰镇党政办公室", "2020年1月25日"])
    assert paras == ["本年度无其他需要报告的事项。"] and date == dt.date(2020, 1, 25) and office == "宝峰镇党政办公室"
    assert parse_date("二〇二一年一月二十日") == dt.date(2021, 1, 20)
    assert take_signature(["七、附件", "无"]) == (["七、附件", "无"], None, "")
