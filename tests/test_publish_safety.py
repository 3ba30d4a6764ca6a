"""Issue 12, the build's side: only what the content folder owns is published, and nothing
published can run on the portal's domain or in a spreadsheet; a bad ``--out`` is a clear error;
a killed build's leftovers are removed by the next build."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from generator.build import BuildError, build

from .conftest import ROOT, edit

HOSTILE = """<html><head><meta charset="gbk"><title>报告</title>
<script>document.cookie="x"</script><link rel="stylesheet" href="http://evil.example/x.css">
<style>body{background:url(http://evil.example/t.png)}</style><base href="http://evil.example/">
<meta http-equiv="refresh" content="0;url=http://evil.example/"></head>
<body onload="alert(1)"><h1>一、总体情况</h1><p onclick="alert(2)">本年度<b>依申请公开</b>工作。</p>
<img src="http://evil.example/p.png" onerror="alert(3)"><iframe src="http://evil.example/"></iframe>
<a href="javascript:alert(4)">链接</a><svg onload="alert(5)"></svg><form action="http://evil.example/"><input></form>
<table><tr><th colspan="2">收到申请</th></tr><tr><td>自然人</td><td>3</td></tr></table>
<object data="x.swf"></object><embed src="x.swf"><script src="http://evil.example/x.js"></script></body></html>
""".encode("gbk")


def _use_original(content: Path, name: str, data: bytes) -> None:
    """Make shiwo 2021's original the file ``name`` holding ``data`` (with its checksum)."""
    (content / "originals/shiwo" / name).write_bytes(data)
    report = content / "reports/shiwo/2021.yaml"
    edit(report, "file: originals/shiwo/2021.txt", f"file: originals/shiwo/{name}")
    text = report.read_text(encoding="utf-8")
    old = text.split("sha256: ", 1)[1].split("\n", 1)[0]
    report.write_text(text.replace(old, hashlib.sha256(data).hexdigest()), encoding="utf-8")


def test_an_html_original_is_published_cleaned_and_zipped_never_as_it_is(content: Path, tmp_path: Path):
    """Row 4: a <script> in an HTML original must not run on the portal's domain."""
    _use_original(content, "2021.html", HOSTILE)
    out = tmp_path / "site"
    build(content, out, search=False)
    published = [p for p in (out / "originals/shiwo").iterdir()]
    assert sorted(p.name for p in published) == ["2021.html", "2021.html.zip"]
    page = (out / "originals/shiwo/2021.html").read_text(encoding="utf-8")
    lower = page.lower()
    for bad in ("<script", "onload", "onclick", "onerror", "javascript:", "<iframe", "<img", "<link", "<style",
                "<object", "<embed", "<form", "<svg", "evil.example", "<base", "refresh"):
        assert bad not in lower, bad
    assert "本年度<b>依申请公开</b>工作。" in page and '<th colspan="2">收到申请</th>' in page  # GBK read right
    assert "default-src 'none'" in page  # and a browser would refuse scripts anyway
    with zipfile.ZipFile(out / "originals/shiwo/2021.html.zip") as z:
        assert z.namelist() == ["万源市石窝镇人民政府-2021-政府信息公开工作年度报告.html"]  # named for agency and year
        kept = z.read(z.namelist()[0])
    assert kept == HOSTILE and hashlib.sha256(kept).hexdigest() == hashlib.sha256(HOSTILE).hexdigest()
    report = (out / "reports/shiwo/2021.html").read_text(encoding="utf-8")
    assert 'href="../../originals/shiwo/2021.html"' in report and "已去除脚本" in report
    assert 'href="../../originals/shiwo/2021.html.zip"' in report and hashlib.sha256(HOSTILE).hexdigest() in report
    again = tmp_path / "again"
    build(content, again, search=False)
    assert (again / "originals/shiwo/2021.html.zip").read_bytes() == (out / "originals/shiwo/2021.html.zip").read_bytes()


def test_a_link_out_of_the_content_folder_in_the_overrides_is_not_published(content: Path, tmp_path: Path):
    """Row 5: a symlink in overrides/static/ to a file outside the content folder."""
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    (content / "overrides/static").mkdir(parents=True)
    (content / "overrides/static/logo.svg").write_text("<svg/>", encoding="utf-8")
    (content / "overrides/static/leak.txt").symlink_to(secret)
    out = tmp_path / "site"
    with pytest.raises(BuildError, match=r"overrides/static/leak\.txt 是指向内容文件夹以外的链接，未发布"):
        build(content, out, search=False)
    assert not out.exists()
    (content / "overrides/static/leak.txt").unlink()
    (content / "overrides/static/inside.svg").symlink_to(content / "overrides/static/logo.svg")  # inside: fine
    build(content, out, search=False)
    assert (out / "static/logo.svg").is_file() and (out / "static/inside.svg").read_text(encoding="utf-8") == "<svg/>"


def test_originals_come_only_from_the_originals_folder(content: Path, tmp_path: Path):
    """Row 5: ``source.file`` naming a file of the content folder outside originals/."""
    (content / "notes").mkdir()
    _use_original(content, "2021.txt", (content / "originals/shiwo/2021.txt").read_bytes())
    (content / "notes/internal.txt").write_text("内部意见", encoding="utf-8")
    report = content / "reports/shiwo/2021.yaml"
    edit(report, "file: originals/shiwo/2021.txt", "file: notes/internal.txt")
    text = report.read_text(encoding="utf-8")
    old = text.split("sha256: ", 1)[1].split("\n", 1)[0]
    report.write_text(text.replace(old, hashlib.sha256("内部意见".encode()).hexdigest()), encoding="utf-8")
    # the content check refuses it first (a finding at source.file): that report is left out,
    # the others published; the build's own guard stays behind it
    result = build(content, tmp_path / "site", search=False)
    [withheld] = result.withheld
    assert (withheld.agency, withheld.year) == ("shiwo", 2021)
    assert [f.field for f in withheld.findings] == ["source.file"]
    site = tmp_path / "site"
    assert not (site / "reports/shiwo/2021.html").exists() and (site / "reports/baofeng/2020.html").exists()
    assert not any("内部意见" in p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.is_file())


def test_a_report_file_linked_from_outside_is_not_published(content: Path, tmp_path: Path):
    """Row 5: a symlinked report file whose target lies outside the content folder."""
    outside = tmp_path / "elsewhere.yaml"
    (content / "reports/shiwo/2021.yaml").rename(outside)
    (content / "reports/shiwo/2021.yaml").symlink_to(outside)
    # the content check refuses it first (the link is not even read): only that report is left
    # out; the build's own guard stays behind it
    result = build(content, tmp_path / "site", search=False)
    [withheld] = result.withheld
    assert [(f.rule, f.location.path) for f in withheld.findings] == [("REF", "content/reports/shiwo/2021.yaml")]
    assert not (tmp_path / "site/reports/shiwo/2021.html").exists()
    assert (tmp_path / "site/reports/baofeng/2020.html").exists()


def test_csv_cells_that_a_spreadsheet_would_run_are_made_safe(content: Path, tmp_path: Path):
    """Row 7: text starting with = + - @ (or tab, CR) gets a leading quote; numbers stay numbers."""
    edit(content / "reports/qixingpao/2020.yaml", "title: 宝清县七星泡镇人民政府2020年政府信息公开工作年度报告",
         'title: "=HYPERLINK(\\"http://evil.example\\",\\"点击\\")"')
    edit(content / "reports/qixingpao/2020.yaml", "  licensing: [0, 0, 0]", "  licensing: [1, -1, 0]")
    edit(content / "agencies.yaml", "name: 宝清县七星泡镇人民政府", "name: \"@SUM(1+1)*cmd|' /C calc'!A0\"")
    out = tmp_path / "site"
    build(content, out, search=False)
    from generator.export.rows import LONG_COLUMNS, wide_columns

    w = {c.name: c.label for c in wide_columns()}  # the files' Chinese headers, by key
    lg = {c.name: c.label for c in LONG_COLUMNS}
    wide = list(csv.DictReader(io.StringIO((out / "data/xxgk-wide.csv").read_text(encoding="utf-8-sig"))))
    row = next(r for r in wide if r[w["agency"]] == "qixingpao")
    assert row[w["title"]] == "'=HYPERLINK(\"http://evil.example\",\"点击\")"
    assert row[w["agency_name"]] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert row[w["proactive.gb2019.licensing.change"]] == "-1"  # a number: unchanged
    for name in ("reports/qixingpao/2020.csv", "data/xxgk-long.csv"):
        rows = list(csv.DictReader(io.StringIO((out / name).read_text(encoding="utf-8-sig"))))
        mine = [r for r in rows if r[lg["agency"]] == "qixingpao"]
        assert {r[lg["agency_name"]] for r in mine} == {"'@SUM(1+1)*cmd|' /C calc'!A0"}, name
        assert any(r[lg["value"]] == "-1" and r[lg["row"]] == "licensing" for r in mine), name
    for cell in (c for c in next(iter(csv.reader(io.StringIO((out / "data/xxgk-wide.csv").read_text("utf-8-sig"))))) ):
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    book = openpyxl.load_workbook(out / "data/xxgk.xlsx", read_only=True)
    sheet = book["宽表"]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    values = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[header.index(w["agency"])] == "qixingpao")
    assert values[header.index(w["title"])] == "=HYPERLINK(\"http://evil.example\",\"点击\")"  # XLSX: text as it is
    assert values[header.index(w["proactive.gb2019.licensing.change"])] == -1


@pytest.mark.parametrize("where", ["proc", "file", "content", "content-reports"])
def test_a_bad_output_folder_is_a_clear_error_and_the_content_is_untouched(content: Path, tmp_path: Path, where: str):
    """Row 9: ``--out`` under /proc, under a file, or inside the content folder."""
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    out = {"proc": Path("/proc/xxgk-site"), "file": tmp_path / "a-file/site", "content": content,
           "content-reports": content / "reports/zz"}[where]
    before = sorted(p.relative_to(content) for p in content.rglob("*"))
    done = subprocess.run([sys.executable, "-m", "generator", "build", str(content), "--out", str(out), "--no-search"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and done.stderr.startswith("xxgk: 错误：输出"), done.stderr
    assert sorted(p.relative_to(content) for p in content.rglob("*")) == before
    assert not [p for p in tmp_path.iterdir() if ".building-" in p.name]


def test_a_build_removes_what_a_killed_build_left(tmp_path: Path):
    """Row 13: ``.site.building-*`` (and the search records and scratch files inside it)."""
    out = tmp_path / "site"
    stale = tmp_path / ".site.building-stale"
    (stale / ".search-records/reports").mkdir(parents=True)
    (tmp_path / ".site.old-stale").mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "generator", "build", str(ROOT / "content"), "--out", str(out)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while not any((p / "reports").is_dir() for p in tmp_path.glob(".site.building-*") if p != stale):
        assert time.monotonic() < deadline and proc.poll() is None, "the build never started writing"
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert [p for p in tmp_path.glob(".site.building-*") if p != stale]  # what the kill left
    tmp = set(Path(os.environ.get("TMPDIR", "/tmp")).glob("xxgk-*"))
    build(ROOT / "content", out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert set(Path(os.environ.get("TMPDIR", "/tmp")).glob("xxgk-*")) <= tmp  # nothing left elsewhere either
