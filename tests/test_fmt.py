"""``xxgk fmt``: the canonical layout, with the editor's comments kept, links edited in place,
and never a value changed (issue 12, row 15, and row 1's "fmt never changes a value")."""

from __future__ import annotations

import datetime as dt
import math
import stat
from pathlib import Path

import pytest

from generator import yamlio
from generator.cli import main

from .conftest import DEMO

BAOFENG = "content/reports/baofeng/2020.yaml"
CANONICAL = (DEMO / "reports/baofeng/2020.yaml").read_text(encoding="utf-8")


def with_lines(text: str, changes: dict[str, str]) -> str:
    """``text`` with each line that starts with a key of ``changes`` replaced by its value."""
    out = []
    for line in text.split("\n"):
        hit = [new for start, new in changes.items() if line.startswith(start)]
        out.append(hit[0] if hit else line)
    return "\n".join(out)


ROW = "  received_new: [1, 0, 0, 0, 0, 0, 1]                  # 一、本年新收政府信息公开申请数量"
SECRET = "  withheld_state_secret: [0, 0, 0, 0, 0, 0, 0]         # （三）不予公开 · 1.属于国家秘密"


def test_fmt_keeps_every_kind_of_comment(content: Path, capsys: pytest.CaptureFixture[str]):
    file = content / "reports/baofeng/2020.yaml"
    edited = "# 编辑注：2023-05 已核对原件\n" + with_lines(
        CANONICAL,
        {
            "title:": "title: 靖安县宝峰镇2020年度政府信息公开工作年度报告  # 标题照录 # 含井号",
            "overview: |": "overview: |  # 第一部分",
            "  received_new:": "    # 原件此行模糊，按勾稽关系核对\n  received_new: [1,0,0,0,0,0,1]   # 已核对",
            "  withheld_state_secret:": SECRET + "  见第二页",
        },
    ) + "# 文件末尾的注释\n"
    file.write_text(edited, encoding="utf-8")
    assert main(["fmt", "content"]) == 0
    assert capsys.readouterr().out == f"{BAOFENG}: 已整理\n"
    expected = "# 编辑注：2023-05 已核对原件\n" + with_lines(
        CANONICAL,
        {
            "title:": "title: 靖安县宝峰镇2020年度政府信息公开工作年度报告  # 标题照录 # 含井号",
            "overview: |": "overview: |  # 第一部分",
            "  received_new:": "  # 原件此行模糊，按勾稽关系核对\n" + ROW + "  # 已核对",
            "  withheld_state_secret:": SECRET + "  见第二页",
        },
    ) + "# 文件末尾的注释\n"
    assert file.read_text(encoding="utf-8") == expected
    assert main(["fmt", "content", "--check"]) == 0  # laid out once and for all


def test_markdown_headings_and_hashes_in_text_are_not_comments(content: Path):
    file = content / "reports/baofeng/2020.yaml"
    text = CANONICAL.replace("other: |\n  本年度无其他需要报告的事项。", "other: |\n  # 说明\n\n  本年度无其他需要报告的事项 #1。")
    file.write_text(text.replace("  received_new: [1, 0, 0, 0, 0, 0, 1]", "  received_new: [1,0,0,0,0,0,1]"), encoding="utf-8")
    assert main(["fmt", "content"]) == 0
    assert file.read_text(encoding="utf-8") == text


def test_fmt_edits_a_linked_report_in_place(content: Path):
    (content / "drafts").mkdir()
    target = content / "drafts/baofeng-2020.yaml"
    link = content / "reports/baofeng/2020.yaml"
    link.rename(target)
    link.symlink_to("../../drafts/baofeng-2020.yaml")
    target.write_text(CANONICAL.replace("[1, 0, 0, 0, 0, 0, 1]", "[1,0,0,0,0,0,1]", 1), encoding="utf-8")
    target.chmod(0o640)
    assert main(["fmt", "content"]) == 0
    assert link.is_symlink() and link.readlink() == Path("../../drafts/baofeng-2020.yaml")
    assert target.read_text(encoding="utf-8") == CANONICAL
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in target.parent.iterdir()] == ["baofeng-2020.yaml"]  # no temporary file left


def test_fmt_never_touches_a_report_linked_from_outside(content: Path, tmp_path: Path):
    outside = tmp_path / "elsewhere.yaml"
    untidy = CANONICAL.replace("[1, 0, 0, 0, 0, 0, 1]", "[1,0,0,0,0,0,1]", 1)
    outside.write_text(untidy, encoding="utf-8")
    link = content / "reports/baofeng/2020.yaml"
    link.unlink()
    link.symlink_to(outside)
    main(["fmt", "content"])
    assert outside.read_text(encoding="utf-8") == untidy and link.is_symlink()


def test_fmt_leaves_a_file_whose_layout_would_change_a_value(content: Path, capsys: pytest.CaptureFixture[str]):
    file = content / "reports/baofeng/2020.yaml"
    text = CANONICAL.replace("published: 2020-01-25", "published: 2020-01-25 10:30:00")
    file.write_text(text, encoding="utf-8")
    assert main(["fmt", "content"]) == 0
    assert file.read_text(encoding="utf-8") == text
    assert f"{BAOFENG}: 未整理：整理会改变 published 的值，请手工改正" in capsys.readouterr().err


# Texts that YAML 1.1 reads as something other than they say: written plain, each is a finding.
SURPRISING = [
    "012", "-012", "+012", "00", "0_1", "1_000", "1__0", "1_000.5", "0x1A", "-0x1f", "0b101",
    "1:30", "-1:30", "12:30:45", "1:30.5", "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON",
    "off", "Off", "OFF", "=", "<<",
]
# Texts that read as they say, in any YAML reader: (plain text, value).
AS_WRITTEN = [
    ("0", 0), ("12", 12), ("+5", 5), ("-0", 0), ("-7", -7), ("1036", 1036), ("1.5", 1.5), (".5", 0.5),
    ("5.", 5.0), ("09.5", 9.5), ("1.0e+3", 1000.0), ("true", True), ("False", False), ("TRUE", True),
    ("null", None), ("~", None), ("Null", None), ("NULL", None), ("2021-01-25", dt.date(2021, 1, 25)),
    (".inf", math.inf), ("-.Inf", -math.inf), ("0o12", "0o12"), ("1e3", "1e3"), ("08", "08"), ("y", "y"),
    ("n", "n"), ("0x", "0x"), ("1:60", "1:60"), ("1,036", None),
]


@pytest.mark.parametrize("text", SURPRISING)
def test_every_tricky_plain_scalar_is_a_finding_in_a_row_and_in_a_mapping(text: str):
    loaded, findings = yamlio.load_text(f"row: [1, {text}]\nkey: {text}\n", "t.yaml")
    assert loaded is not None and loaded.data == {"row": [1, None], "key": None}
    assert [(f.severity, f.rule, f.location.line, f.location.column, f.field) for f in findings] == [
        ("error", "SCHEMA", 1, 10, "row.1"),
        ("error", "SCHEMA", 2, 6, "key"),
    ]
    assert all(f"写作 {text}" in f.message for f in findings)
    assert loaded.locate.refused == {("row", 1), ("key",)}


@pytest.mark.parametrize(("text", "value"), AS_WRITTEN, ids=[t for t, _ in AS_WRITTEN])
def test_every_other_plain_scalar_reads_as_it_says(text: str, value: object):
    loaded, findings = yamlio.load_text(f"key: {text}\n", "t.yaml")
    if text == "1,036":  # a plain comma is text, and the model says so (tests/test_validation.py)
        assert loaded is not None and loaded.data == {"key": "1,036"}
        return
    assert findings == []
    got = loaded.data["key"]  # type: ignore[union-attr]
    assert type(got) is type(value) and got == value


@pytest.mark.parametrize("text", SURPRISING + [t for t, _ in AS_WRITTEN] + ["2022-02-30", "-", "/", "@", " x", "x "])
def test_saving_never_changes_a_value(text: str):
    """Every tricky text, as a value, is written so that it reads back as the same value (so
    ``fmt`` can never turn a quoted "012" into 10); the same for every value of AS_WRITTEN."""
    values = [text] + [v for t, v in AS_WRITTEN if t == text and v is not None]
    for value in values:
        saved = yamlio.dumps({"title": value, "row": [value]})
        loaded, findings = yamlio.load_text(saved, "t.yaml")
        assert findings == [], saved
        for got in (loaded.data["title"], loaded.data["row"][0]):  # type: ignore[union-attr]
            assert type(got) is type(value) and got == value, saved


def test_fmt_keeps_quoted_tricky_texts_as_written(content: Path):
    file = content / "reports/baofeng/2020.yaml"
    tricky = {"address": "012", "postcode": "0330600", "phone": "1:30", "email": "yes", "website": "0x1A"}
    old = "  address: 宝峰镇北河路1号\n  postcode: '330600'\n  phone: '4728182'\n"
    text = CANONICAL.replace(old, "".join(f"  {k}: '{v}'\n" for k, v in tricky.items()))
    assert text != CANONICAL
    file.write_text(text.replace("[1, 0, 0, 0, 0, 0, 1]", "[1,0,0,0,0,0,1]", 1), encoding="utf-8")
    assert main(["fmt", "content"]) == 0
    contact = yamlio.load_file(file, "x")[0].data["contact"]  # type: ignore[union-attr]
    assert {k: contact[k] for k in tricky} == tricky
