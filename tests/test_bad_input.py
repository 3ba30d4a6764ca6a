"""A hostile or careless editor (issue 12, the input side): every attempt is a finding naming
file, line, column and field, never a silently different value and never a traceback.

One test (or a few) per row of the issue's table; the handbook's chapter on findings
(docs/check.md) lists the same suite. ``xxgk fmt`` (row 15) is in test_fmt.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.content import load_content
from generator.findings import Finding
from generator.model.values import id_problem, original_path_problem, url_problem
from generator.yamlio.load import TOO_DEEP

from .conftest import ROOT, check, edit, line_of

BAOFENG = "content/reports/baofeng/2020.yaml"


def errors_in(content: Path, path: str) -> list[tuple[str, int, int, str, str]]:
    return [
        (f.rule, f.location.line, f.location.column, f.field, f.message)
        for f in check(content)
        if f.location.path == path and f.severity == "error"
    ]


def one_error(content: Path, path: str) -> Finding:
    [f] = [f for f in check(content) if f.location.path == path and f.severity == "error"]
    return f


# --- Row 1: YAML 1.1 numbers ----------------------------------------------------------------------


def test_octal_and_base_60_cells_are_findings_not_10_and_90(content: Path, capsys: pytest.CaptureFixture[str]):
    file = content / "reports/baofeng/2020.yaml"
    line, column = edit(file, "received_new: [1, 0, 0, 0, 0, 0, 1]", "received_new: [1, 012, 1:30, 0, 0, 0, 1]")
    assert errors_in(content, BAOFENG) == [
        (
            "SCHEMA",
            line,
            column + 18,
            "requests.received_new.commercial",
            "一、本年新收政府信息公开申请数量 · 法人或其他组织 · 商业企业（requests.received_new.commercial）"
            "写作 012：YAML 把以 0 开头的数读作八进制数，即 10，而不是 12；数请去掉开头的 0，编号、代码等文字请加引号（\"012\"）",
        ),
        (
            "SCHEMA",
            line,
            column + 23,
            "requests.received_new.research",
            "一、本年新收政府信息公开申请数量 · 法人或其他组织 · 科研机构（requests.received_new.research）"
            "写作 1:30：YAML 把带冒号的数读作六十进制数，即 90；时间、比分等文字请加引号（\"1:30\"），数请直接写出",
        ),
    ]
    # neither 10 nor 90 reaches anything: the cells are unknown, the build is refused
    report = load_content(content).report("baofeng", 2020)
    assert report is not None and report.requests["received_new"] == [1, None, None, 0, 0, 0, 1]
    # and fmt leaves the file as the editor wrote it
    before = file.read_bytes()
    assert main(["fmt", "content"]) == 0
    assert file.read_bytes() == before
    assert f"{BAOFENG}: 有错误，未整理" in capsys.readouterr().err


def test_yes_no_on_off_anywhere_are_findings_with_the_word_written(content: Path):
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "organizer: on\n", encoding="utf-8")
    line = line_of(site, "organizer: on")
    [f] = [f for f in check(content) if f.location.path == "content/site.yaml"]
    assert (f.severity, f.rule, f.location.line, f.location.column, f.field) == ("error", "SCHEMA", line, 12, "organizer")
    assert f.message == (
        "organizer 写作 on：YAML 把它读作真假值 true，而本格式中没有真假值；文字请加引号（\"on\"），数请写数字"
    )


# --- Row 2: impossible dates ------------------------------------------------------------------


BAD_DATE = (
    "错误 SCHEMA（published）：published 写作 2022-02-30，不是有效的日期（该月没有这一天）；日期写作 2021-01-25"
)


def test_impossible_date_is_a_finding_in_check_and_build(content: Path, capsys: pytest.CaptureFixture[str]):
    line, column = edit(content / "reports/baofeng/2020.yaml", "published: 2020-01-25", "published: 2022-02-30")
    expected = f"{BAOFENG}:{line}:{column + 11}: {BAD_DATE}"
    assert main(["check", "content"]) == 1
    assert expected in capsys.readouterr().out.splitlines()
    # the build leaves that report out, says why, and publishes the others (exit status 3)
    assert main(["build", "content", "--out", "site", "--no-search"]) == 3
    err = capsys.readouterr().err.splitlines()
    assert expected in err and "- 宝峰镇（baofeng）2020 年度报告（content/reports/baofeng/2020.yaml）：未发布" in err
    assert not (content.parent / "site/reports/baofeng/2020.html").exists()
    assert (content.parent / "site/reports/shiwo/2021.html").exists()


def test_impossible_date_is_shown_by_serve_as_check_shows_it(content: Path):
    line, column = edit(content / "reports/baofeng/2020.yaml", "published: 2020-01-25", "published: 2022-02-30")
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "content", "--port", "0"],
        cwd=content.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    lines = []
    try:
        for raw in proc.stderr:  # type: ignore[union-attr]
            lines.append(raw.rstrip("\n"))
            if "内容中有" in raw:
                break
        proc.send_signal(signal.SIGINT)
        _, rest = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert f"{BAOFENG}:{line}:{column + 11}: {BAD_DATE}" in lines
    assert lines[-1].startswith("生成预览：内容中有 1 个错误")
    assert "Traceback" not in "\n".join(lines) + rest


# --- Row 3: deep nesting ----------------------------------------------------------------------


DEEP = "[" * 600 + "]" * 600


@pytest.mark.parametrize(
    ("name", "added", "column"),
    [
        ("reports/baofeng/2020.yaml", f"other_notes: {DEEP}\n", 33),
        ("site.yaml", f"organizer: {DEEP}\n", 31),
        ("agencies.yaml", f"- id: deep\n  name: {DEEP}\n", 27),
    ],
)
def test_deep_nesting_is_a_finding_not_a_recursion_error(content: Path, name: str, added: str, column: int):
    file = content / name
    text = file.read_text(encoding="utf-8")
    file.write_text(text + added, encoding="utf-8")
    line = len(text.splitlines()) + added.count("\n")
    assert errors_in(content, f"content/{name}") == [("YAML", line, column, "", TOO_DEEP)]


def test_nesting_past_libyamls_own_limit_is_the_same_finding(content: Path):
    file = content / "reports/baofeng/2020.yaml"
    file.write_text("a: " + "[" * 1100 + "]" * 1100 + "\n", encoding="utf-8")
    [(rule, _, _, _, message)] = errors_in(content, BAOFENG)
    assert (rule, message) == ("YAML", TOO_DEEP)


# --- Row 5: links out of the content folder; originals only from originals/ ------------------------


def test_report_linked_from_outside_is_a_finding_and_not_read(content: Path, tmp_path: Path):
    outside = tmp_path / "elsewhere" / "2022.yaml"
    outside.parent.mkdir()
    outside.write_text(
        (content / "reports/shiwo/2021.yaml").read_text(encoding="utf-8").replace("year: 2021", "year: 2022"),
        encoding="utf-8",
    )
    (content / "reports/shiwo/2022.yaml").symlink_to(outside)
    f = one_error(content, "content/reports/shiwo/2022.yaml")
    assert (f.rule, f.location.line) == ("REF", 0)
    assert f.message == (
        f"content/reports/shiwo/2022.yaml 是指向内容文件夹之外（{outside}）的链接：内容文件夹之外的文件不读取、不发布，"
        "此项未读取；请把文件本身放进内容文件夹"
    )
    assert load_content(content).report("shiwo", 2022) is None


def test_report_folder_linked_from_outside_is_a_finding_and_not_read(content: Path, tmp_path: Path):
    outside = tmp_path / "other-portal"
    shutil.copytree(content / "reports/shiwo", outside)
    (content / "reports/shiwo").rename(content / "shiwo-moved")
    (content / "reports/shiwo").symlink_to(outside, target_is_directory=True)
    f = one_error(content, "content/reports/shiwo")
    assert f.rule == "REF" and f.message.startswith("content/reports/shiwo 是指向内容文件夹之外（")
    assert load_content(content).reports_of("shiwo") == []


def test_report_linked_inside_the_content_folder_is_read(content: Path):
    (content / "drafts").mkdir()
    (content / "reports/baofeng/2020.yaml").rename(content / "drafts/baofeng-2020.yaml")
    (content / "reports/baofeng/2020.yaml").symlink_to("../../drafts/baofeng-2020.yaml")
    assert [f for f in check(content) if f.severity == "error"] == []
    assert load_content(content).report("baofeng", 2020) is not None


def test_settings_linked_from_outside_are_a_finding_and_not_read(content: Path, tmp_path: Path):
    outside = tmp_path / "site.yaml"
    (content / "site.yaml").rename(outside)
    (content / "site.yaml").symlink_to(outside)
    f = one_error(content, "content/site.yaml")
    assert f.message.startswith(f"content/site.yaml 是指向内容文件夹之外（{outside}）的链接")
    assert load_content(content).site is None


def test_original_linked_from_outside_says_so_and_is_neither_read_nor_published(content: Path, tmp_path: Path):
    original = content / "originals/baofeng/2020.txt"
    outside = tmp_path / "secret.txt"
    original.rename(outside)
    original.symlink_to(outside)
    line = line_of(content / "reports/baofeng/2020.yaml", "  file: originals/baofeng/2020.txt")
    assert errors_in(content, BAOFENG) == [
        (
            "REF",
            line,
            3,
            "source.file",
            f"原件 originals/baofeng/2020.txt 经由链接指向内容文件夹之外（{outside}）："
            "只有 originals/ 中的文件才作为原件读取和发布；请把原件本身放进 originals/",
        )
    ]
    assert not [f for f in check(content) if f.rule == "Q6"]  # its checksum is not even computed


def test_what_an_original_path_may_be():
    bad = [".git/config", "originals/../site.yaml", "/etc/passwd", "originals\\baofeng\\2020.txt", "originals/", "originals//x", "originals/a\nb"]
    assert [p for p in bad if original_path_problem(p) is None] == []
    assert original_path_problem("originals/baofeng/2020.txt") is None


@pytest.mark.parametrize("named", [".git/config", "originals/../site.yaml"])
def test_source_file_must_lie_under_originals(content: Path, named: str):
    (content / ".git").mkdir()
    (content / ".git/config").write_text("[core]\n", encoding="utf-8")
    line, column = edit(content / "reports/baofeng/2020.yaml", "file: originals/baofeng/2020.txt", f"file: '{named}'")
    assert errors_in(content, BAOFENG) == [
        (
            "SCHEMA",
            line,
            column,
            "source.file",
            "source.file 应为 originals/ 下的原件路径，用 / 分隔、不含 ..（如 originals/qixingpao/2020.pdf），"
            f"实为 {named!r}；网站只发布 originals/ 中的原件",
        )
    ]


# --- Row 6: URLs in the settings ------------------------------------------------------------------


BAD_URLS = [
    ("https://www.example.gov.cn//cdn.evil.example/ndbg/", "路径中不能有连续的 //（浏览器会把其后的部分当作另一个网站）"),
    ("javascript:alert(document.domain)", "应以 http:// 或 https:// 开头"),
    ("JavaScript://cdn.evil.example/%0aalert(1)", "应以 http:// 或 https:// 开头"),
    ("//cdn.evil.example/ndbg/", "应以 http:// 或 https:// 开头"),
    ("https:/www.example.gov.cn/ndbg/", "应以 http:// 或 https:// 开头"),
    ("https://www.example.gov.cn@cdn.evil.example/", "网址的主机名前不能有用户名（@）"),
    ("https://www.example.gov.cn\\@cdn.evil.example/", "网址中不能有反斜杠 \\"),
    ("https://www.example.gov.cn/a/../ndbg/", "路径中不能有 . 或 .. 段"),
    ("https://www.example.gov.cn/ndbg/?x=1", "网站地址不能带 ? 或 # 之后的部分"),
    ("https://www.example.gov.cn/ndbg/\u202e", "网址中不能有空格或控制字符"),
    ("https://www.exa mple.gov.cn/", "网址中不能有空格或控制字符"),
    ("https://-evil.example/", "主机名 -evil.example 无效"),
    ("https://www.example.gov.cn:99999/", "不是有效的网址"),
]


def test_what_a_url_may_be():
    assert [(url, url_problem(url, base=True)) for url, _ in BAD_URLS] == BAD_URLS
    good = ["https://www.example.gov.cn/xxgk/ndbg/", "http://www.hlbaoqing.gov.cn", "https://政府.中国/ndbg/", "http://127.0.0.1:8000/"]
    assert [url for url in good if url_problem(url, base=True)] == []


@pytest.mark.parametrize(("url", "problem"), BAD_URLS[:2])
def test_base_url_is_validated(content: Path, url: str, problem: str):
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + f"base_url: {json.dumps(url)}\n", encoding="utf-8")
    line = len(site.read_text(encoding="utf-8").splitlines())
    assert errors_in(content, "content/site.yaml") == [
        ("SCHEMA", line, 1, "base_url", f"base_url 不是可用的网址：{problem}；实为 文字“{url}”")
    ]


def test_a_proper_base_url_and_agency_website_pass_and_a_bad_website_does_not(content: Path):
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "base_url: https://www.example.gov.cn/xxgk/ndbg/\n", encoding="utf-8")
    assert errors_in(content, "content/site.yaml") == []
    line, _ = edit(content / "agencies.yaml", "website: http://www.hlbaoqing.gov.cn", "website: javascript:alert(1)")
    assert errors_in(content, "content/agencies.yaml") == [
        ("SCHEMA", line, 3, "0.website", "website 不是可用的网址：应以 http:// 或 https:// 开头；实为 文字“javascript:alert(1)”")
    ]


# --- Row 8 and issue 11: agency ids wherever they come from ------------------------------------------


BAD_IDS = ["shiwo\n", "../shiwo", "shi/wo", "shi\\wo", "shi\x1b[2Jwo", "Shiwo", "shi wo", "", "-shiwo", "shi--wo", "x" * 101]


def test_what_an_agency_id_may_be():
    assert [bad for bad in BAD_IDS if id_problem(bad) is None] == []
    assert [good for good in ("shiwo", "shi-wo", "a1", "x" * 100) if id_problem(good) is not None] == []


@pytest.mark.parametrize("bad", ["shiwo\n", "../shiwo", "shi\x1b[2Jwo", "x" * 101])
def test_agency_ids_are_slugs_in_agencies_yaml_and_in_reports(content: Path, bad: str):
    agencies = content / "agencies.yaml"
    line, column = edit(agencies, "- id: shiwo\n", f"- id: {json.dumps(bad)}\n")
    report_line, report_column = edit(content / "reports/shiwo/2021.yaml", "agency: shiwo\n", f"agency: {json.dumps(bad)}\n")
    [(rule, at_line, at_column, field, message)] = errors_in(content, "content/agencies.yaml")
    assert (rule, at_line, at_column, field) == ("SCHEMA", line, column + 2, "4.id")
    why = (
        f"机关代码最长 100 个字符，实有 {len(bad)} 个"
        if len(bad) > 100
        else f"应为小写字母、数字和连字符组成的机关代码（如 qixingpao、shi-wo），实为 {bad!r}"
    )
    assert message == f"id {why}"
    assert errors_in(content, "content/reports/shiwo/2021.yaml") == [
        ("SCHEMA", report_line, report_column, "agency", f"agency {why}")
    ]


def test_a_folder_name_that_is_not_an_id_is_a_finding_printed_safely(content: Path, capsys: pytest.CaptureFixture[str]):
    folder = content / "reports" / "shiwo\n"
    folder.mkdir()
    shutil.copy(content / "reports/shiwo/2021.yaml", folder / "2022.yaml")
    edit(folder / "2022.yaml", "year: 2021", "year: 2022")
    found = [f for f in check(content) if f.location.path == "content/reports/shiwo\n/2022.yaml" and f.severity == "error"]
    assert [(f.rule, f.field) for f in found] == [("REF", "agency")]
    assert found[0].message == "agency 为 shiwo，但文件在 reports/shiwo\n/ 下；二者应一致"
    assert found[0].format().startswith("content/reports/shiwo\\x0a/2022.yaml:2:1: 错误 REF（agency）：")
    assert load_content(content).report("shiwo", 2022) is None  # never placed, so never built
    assert main(["check", "content"]) == 1
    assert "content/reports/shiwo\\x0a/2022.yaml:2:1: 错误 REF（agency）：agency 为 shiwo，但文件在 reports/shiwo\\x0a/ 下" in capsys.readouterr().out


# --- Row 10: huge numbers -------------------------------------------------------------------------


def test_a_number_of_4400_digits_is_a_finding(content: Path):
    line, column = edit(content / "reports/baofeng/2020.yaml", "  review: [0, 0, 0, 0, 0]", "  review: [" + "7" * 4400 + ", 0, 0, 0, 0]")
    assert errors_in(content, BAOFENG) == [
        (
            "SCHEMA",
            line,
            column + 11,
            "review_litigation.review.upheld",
            "行政复议 · 结果维持（review_litigation.review.upheld）写作 4400 位的数，太大，无法读取；请核对原件",
        )
    ]


def test_ten_to_the_309_in_a_consistent_table_is_out_of_range_and_the_report_left_out(
    content: Path, capsys: pytest.CaptureFixture[str]
):
    huge = str(10**309)
    file = content / "reports/baofeng/2020.yaml"
    for row in ("received_new", "disclosed", "total"):
        edit(file, f"  {row}: [1, 0, 0, 0, 0, 0, 1]", f"  {row}: [{huge}, 0, 0, 0, 0, 0, {huge}]")
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("本年", "本年新收政府信息公开申请" + "9" * 5000 + "件，", 1), encoding="utf-8")
    found = errors_in(content, BAOFENG)
    assert [(rule, field) for rule, _, _, field, _ in found] == [
        ("SCHEMA", f"requests.{row}.{column}")
        for row in ("received_new", "disclosed", "total")
        for column in ("natural_person", "total")
    ]
    assert found[0][4] == (
        "一、本年新收政府信息公开申请数量 · 自然人（requests.received_new.natural_person）超出合理范围："
        "件数应在 0 到 1000000000 之间，实为 100000…（约 310 位数）；请核对原件"
    )
    assert main(["build", "content", "--out", "site", "--no-search"]) == 3  # that report left out
    err = capsys.readouterr().err
    assert "以下 1 项有错误，这次没有发布（其余报告照常发布）" in err and err.count("超出合理范围") == 6
    assert not (content.parent / "site/reports/baofeng/2020.html").exists()


# --- Row 14: control characters never reach the terminal ------------------------------------------------


def test_escape_sequences_in_content_are_escaped_in_every_output_format(content: Path, capsys: pytest.CaptureFixture[str]):
    edit(content / "reports/baofeng/2020.yaml", "template: gb2019\n", 'template: gb2019\n"\\e]0;pwned\\a\\e[2J\\u009b31m": 1\n')
    edit(content / "agencies.yaml", "  short_name: 宝峰镇", '  short_name: "宝峰镇\\e[8m\\u202e"')
    edit(content / "agencies.yaml", "  name: 靖安县宝峰镇人民政府", "  name: \"=HYPERLINK(\\\"http://evil.example\\\")\"")
    unsafe = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

    assert main(["check", "content"]) == 1
    out = capsys.readouterr().out
    assert not unsafe.search(out)
    assert "未知的键 \\x1b]0;pwned\\x07\\x1b[2J\\x9b31m" in out
    assert "== 宝峰镇\\x1b[8m\\u202e（baofeng）：" in out

    main(["check", "content", "--format", "json"])
    out = capsys.readouterr().out
    assert not unsafe.search(out)
    data = json.loads(out)
    assert any(f["field"] == "\x1b]0;pwned\x07\x1b[2J\x9b31m" for f in data["findings"])  # the JSON still holds the key

    main(["check", "content", "--format", "csv"])
    out = capsys.readouterr().out
    assert not unsafe.search(out.replace("\r\n", "\n"))
    assert ',"\'=HYPERLINK(""http://evil.example"")",' in out  # OWASP: a formula is made text


# --- Row 16 and issue 11: wrong types anywhere; big and linked files --------------------------------------


def test_schema_true_is_a_finding(content: Path):
    line, column = edit(content / "reports/baofeng/2020.yaml", "schema: 1\n", "schema: true\n")
    assert errors_in(content, BAOFENG) == [("SCHEMA", line, column, "schema", "schema 应为 1，实为 真假值 true")]


def test_wrong_types_in_agencies_yaml_are_findings_and_import_goes_on(content: Path, capsys: pytest.CaptureFixture[str]):
    order, _ = edit(content / "agencies.yaml", "  order: 20", '  order: "五十"')
    names, _ = edit(content / "agencies.yaml", "  order: 30", "  order: 30\n  former_names: 5")
    assert errors_in(content, "content/agencies.yaml") == [
        ("SCHEMA", order, 3, "1.order", "order 应为整数，实为 文字“五十”"),
        ("SCHEMA", names + 1, 3, "2.former_names", "former_names 应为文字的列表，实为 数字 5"),
    ]
    original = content.parent / "宝峰镇2020年报告.txt"  # not under originals/<id>/: found by its name
    shutil.copy(content / "originals/baofeng/2020.txt", original)
    assert main(["import", str(original), "--content", "content", "--dry-run"]) == 0
    assert "共 1 个文件：" in capsys.readouterr().out  # and "0 个失败": the register's entries did not stop it


def test_a_gbk_report_is_a_finding_and_import_goes_on(content: Path, capsys: pytest.CaptureFixture[str]):
    file = content / "reports/baofeng/2020.yaml"
    file.write_bytes(file.read_text(encoding="utf-8").encode("gbk"))
    assert errors_in(content, BAOFENG) == [
        ("YAML", 3, 14, "", "文件看来是 GBK（GB18030）编码，不是 UTF-8，请另存为 UTF-8")
    ]
    assert main(["import", str(content / "originals/baofeng/2020.txt"), "--content", "content", "--dry-run"]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_agencies_yaml_over_one_mb_is_read_and_over_the_limit_refused_with_its_size(content: Path):
    agencies = content / "agencies.yaml"
    entry = "- id: a{i}\n  name: 某某县某某镇人民政府第{i}号\n  kind: township\n  region: " + "某" * 900 + "\n"
    agencies.write_text(agencies.read_text(encoding="utf-8") + "".join(entry.format(i=i) for i in range(400)), encoding="utf-8")
    assert agencies.stat().st_size > 1024 * 1024  # fewer, longer entries: quicker to read
    loaded = load_content(content)
    assert len(loaded.agencies) == 405 and not [f for f in loaded.findings if f.severity == "error"]
    with agencies.open("r+b") as f:
        f.truncate(17 * 1024 * 1024)  # sparse: refused before it is read
    assert errors_in(content, "content/agencies.yaml") == [
        (
            "YAML",
            0,
            0,
            "",
            "文件过大（17.0 MB，上限为 16.0 MB），未读取；机关名录最大 16 MB（约 8 万个机关）；请检查文件是否误贴入了其他内容",
        )
    ]
