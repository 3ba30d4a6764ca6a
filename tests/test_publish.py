"""Issue 14, items 2 and 7, without a browser: an original whose own arithmetic does not add up
is published and explained; an editor's error keeps only its own report (or agency) off the
site, and nothing on the site names what was left out; no page shows English or code names;
``xxgk serve`` with no good build shows the findings, not a bare 404.

The browser side (what a reader meets at 375 and 1280 px, with and without JavaScript, in
大字模式) is tests/browser/test_publish.py.
"""

from __future__ import annotations

import gzip
import json
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator.build import CheckFailed, build
from generator.cli import main
from generator.preview.server import PreviewServer
from generator.preview.update import IncrementalBuilder

from .conftest import edit, line_of
from .publishing import REAL, break_shiwo, content_words, latin_words, visible_text, with_hongze

HONGZE = "content/reports/hongze/2023.yaml"


def texts(site: Path) -> dict[str, str]:
    """Every file of the site as text (the search index's fragments unzipped)."""
    out = {}
    for p in sorted(site.rglob("*")):
        if not p.is_file():
            continue
        data = p.read_bytes()
        if p.suffix == ".pf_fragment":
            data = gzip.decompress(data)
        elif p.suffix in (".pdf", ".xlsx", ".png", ".pf_index", ".pf_meta", ".pf_filter", ".wasm") or ".pagefind" in p.name:
            continue
        out[p.relative_to(site).as_posix()] = data.decode("utf-8", "replace")
    return out


def test_an_original_that_does_not_add_up_is_published_and_explained(content: Path, capsys: pytest.CaptureFixture[str]):
    with_hongze(content)
    assert main(["check", "content"]) == 0  # the original's own R4: listed, not the editor's to fix
    out = capsys.readouterr().out
    line = line_of(content / "reports/hongze/2023.yaml", "  review: [10, 1, 0, 0, 0]")
    assert f"{HONGZE}:{line}:25: 错误 R4（review_litigation.review.total）：第四部分“行政复议”：结果维持 10 + 结果纠正 1 + 其他结果 0 + 尚未审结 0 = 11，而总计为 0；二者应相等" in out
    assert "2 个错误（其中 2 个是原件本身加不拢，照常发布）" in out.splitlines()[-1]

    assert main(["build", "content", "--out", "site", "--with-audit"]) == 0
    captured = capsys.readouterr()
    assert "原件本身加不拢 2 处（照常发布，报告页面已向读者说明）" in captured.out and captured.err == ""
    page = visible_text((content.parent / "site/reports/hongze/2023.html").read_text(encoding="utf-8"))
    assert "本报告第四部分的总计，不等于各项结果之和" in page
    assert "结果维持 10 + 结果纠正 1 + 其他结果 0 + 尚未审结 0 = 11，而总计为 0" in page
    quality = visible_text((content.parent / "site/quality.html").read_text(encoding="utf-8"))
    assert "洪泽区 2023年" in quality and "第四部分各组总计" in quality
    # and it is in the data, the comparison, the feed like any report
    assert "hongze" in (content.parent / "site/data/xxgk-long.csv").read_text(encoding="utf-8-sig")
    assert "reports/hongze/2023.html" in (content.parent / "site/feed.xml").read_text(encoding="utf-8")
    assert "洪泽区" in (content.parent / "site/compare/2023.html").read_text(encoding="utf-8")


def test_strict_refuses_the_originals_arithmetic_too(content: Path, capsys: pytest.CaptureFixture[str]):
    with_hongze(content)
    assert main(["build", "content", "--out", "site", "--strict"]) == 1
    err = capsys.readouterr().err
    assert "错误 R4（review_litigation.review.total）" in err
    assert "xxgk: 加了 --strict，内容中有 2 个错误，未生成网站，原来的网站不变" in err
    assert not (content.parent / "site").exists()


def test_one_reports_error_leaves_only_it_out_and_nothing_names_it(content: Path, capsys: pytest.CaptureFixture[str]):
    with_hongze(content)
    line = break_shiwo(content)
    assert main(["build", "content", "--out", "site", "--base-url", "https://www.example.gov.cn/xxgk/", "--with-audit"]) == 3
    captured = capsys.readouterr()
    err = captured.err.splitlines()
    assert err[0] == "以下 1 项有错误，这次没有发布（其余报告照常发布）："
    assert err[1] == "- 石窝镇（shiwo）2021 年度报告（content/reports/shiwo/2021.yaml）：未发布"
    assert err[2].startswith(f"content/reports/shiwo/2021.yaml:{line}:18: 错误 SCHEMA（requests.received_new.natural_person）：")
    assert "已生成 site：" in captured.out
    site = content.parent / "site"
    files = texts(site)
    for name, text in files.items():
        if name.endswith("quality.html"):  # the office's page lists it, as not published
            assert "石窝镇 2021年（未发布）" in visible_text(text)
            assert 'href="reports/shiwo/2021.html"' not in text
            continue
        assert "shiwo/2021" not in text, name  # no page, link, download, search record, feed entry
    assert not (site / "reports/shiwo/2021.html").exists() and not (site / "originals/shiwo").exists()
    assert not (site / "compare/2021.html").exists()  # 2021 had only that report
    assert "石窝镇" in files["agencies/shiwo.html"] and "本站暂未收录这个机关的报告" in visible_text(files["agencies/shiwo.html"])
    assert (site / "reports/hongze/2023.html").exists() and (site / "reports/baofeng/2020.html").exists()
    long = json.loads(files["data/xxgk-long.json"])
    assert not [row for row in long["data"] if row[0] == "shiwo"]


def test_an_error_in_an_agencys_entry_leaves_out_that_agency_only(content: Path, capsys: pytest.CaptureFixture[str]):
    line, _ = edit(content / "agencies.yaml", "  order: 50", "  order: 第五")
    assert main(["build", "content", "--out", "site", "--no-search"]) == 3
    err = capsys.readouterr().err.splitlines()
    assert "- 机关 石窝镇（shiwo）：机关名录中这个机关的登记有错误，它的机关页面和全部报告都没有发布" in err
    assert any(e.startswith(f"content/agencies.yaml:{line}:3: 错误 SCHEMA（4.order）：order 应为整数") for e in err)
    site = content.parent / "site"
    assert not (site / "agencies/shiwo.html").exists() and not (site / "reports/shiwo").exists()
    assert not any("shiwo" in text for name, text in texts(site).items() if not name.startswith("pagefind"))
    assert (site / "agencies/baofeng.html").exists()


def test_an_error_in_site_yaml_stops_the_build(content: Path, capsys: pytest.CaptureFixture[str]):
    (content / "site.yaml").write_text("title: 示例\n", encoding="utf-8")
    with pytest.raises(CheckFailed):
        build(content, content.parent / "site", search=False)
    assert main(["build", "content", "--out", "site", "--no-search"]) == 1
    assert "content/site.yaml:1:1: 错误 SCHEMA：缺少必填的键 sponsor" in capsys.readouterr().err


# --- Item 7: no English or code names on the site's pages ----------------------------------------


def test_no_page_shows_english_or_code_names(content: Path, tmp_path: Path):
    """Every HTML page (and its 大字模式 copy), with an original that does not add up, a report
    left out, and the office's quality page: the text a reader meets has no Latin word but
    file formats, addresses, and what the content itself prints. The data page is left out:
    its column dictionary names the values the files hold (gb2019, blank, UTF-8 with BOM)."""
    with_hongze(content)
    break_shiwo(content)
    result = build(content, tmp_path / "site", audit=True, search=False)
    assert result.withheld
    allowed = content_words(content)
    pages = sorted(p for p in (tmp_path / "site").rglob("*.html") if p.parent.name != "data")
    assert len(pages) > 30
    found = {}
    for page in pages:
        rel = page.relative_to(tmp_path / "site").as_posix()
        words = latin_words(visible_text(page.read_text(encoding="utf-8")), allowed, files=rel.endswith("quality.html"))
        if words:
            found[rel] = words
    assert found == {}


def test_public_messages_have_no_field_keys():
    from generator.checks.public import plain_field, plain_message

    message = ("第一部分（overview）的“本年新收政府信息公开申请17件”写本年新收 17 件，而第三部分表格 "
               "requests.received_new.total（一、本年新收政府信息公开申请数量 · 总计）为 95；二者应相等，请核对原件")
    assert plain_message(message) == ("第一部分的“本年新收政府信息公开申请17件”写本年新收 17 件，而第三部分表格 "
                                      "“一、本年新收政府信息公开申请数量 · 总计”为 95；二者应相等，请核对原件")
    assert plain_message("published 写作 2022-02-30") == "发布日期 写作 2022-02-30"
    assert plain_field("review_litigation.review.total") == "行政复议 · 总计"


# --- xxgk serve before any good build -------------------------------------------------------------


def test_serve_with_no_good_build_shows_the_findings_page(content: Path, tmp_path: Path):
    (content / "site.yaml").write_text("title: 示例\nsponsor: [\n", encoding="utf-8")
    builder = IncrementalBuilder(content, tmp_path / "preview" / "site", search=False)
    server = PreviewServer(builder, [content], port=0)
    try:
        assert not server.first_build().ok
        server.start()
        for path in ("", "reports/shiwo/2021.html", "no/such/page.html"):
            with pytest.raises(urllib.error.HTTPError) as got:
                urllib.request.urlopen(server.url + path, timeout=20)
            assert got.value.code == 503
            html = got.value.read().decode("utf-8")
            text = visible_text(html)
            assert "还没有可以预览的版本：内容中有错误" in text
            assert "content/site.yaml，第 3 行第 1 列" in text and "错误 YAML：YAML 格式错误" in text
            assert "上一次成功生成" not in html and "404" not in text
            assert 'lang="zh-CN"' in html and "/__xxgk__/preview.js" in html  # reloads when fixed
    finally:
        server.close()


def test_no_page_compares_with_a_report_left_out(content: Path, tmp_path: Path):
    """石窝镇's 2022 report carries over 3 requests its 2021 report did not carry forward (R5):
    said on its page while 2021 is published, not once 2021 is left out for an editor's error."""
    report = content / "reports/shiwo/2022.yaml"
    text = (content / "reports/shiwo/2021.yaml").read_text(encoding="utf-8").replace("year: 2021", "year: 2022")
    report.write_text(text.replace("  carried_over: [0, 0, 0, 0, 0, 0, 0]", "  carried_over: [3, 0, 0, 0, 0, 0, 3]")
                      .replace("  total: [0, 0, 0, 0, 0, 0, 0]", "  total: [3, 0, 0, 0, 0, 0, 3]", 1)
                      .replace("  disclosed: [0, 0, 0, 0, 0, 0, 0]", "  disclosed: [3, 0, 0, 0, 0, 0, 3]", 1),
                      encoding="utf-8")
    said = "本报告的“上年结转”与本机关上一年报告的“结转下年度”不一致"
    build(content, tmp_path / "site", search=False)
    assert said in (tmp_path / "site/reports/shiwo/2022.html").read_text(encoding="utf-8")
    break_shiwo(content)
    result = build(content, tmp_path / "site", search=False)
    assert [(w.agency, w.year) for w in result.withheld] == [("shiwo", 2021)]
    page = (tmp_path / "site/reports/shiwo/2022.html").read_text(encoding="utf-8")
    assert said not in page
    assert "shiwo/2021" not in page


def test_a_value_refused_in_an_agencys_entry_leaves_out_that_agency_only(content: Path, capsys: pytest.CaptureFixture[str]):
    """A value YAML itself would misread (012 read as octal) is refused while reading: still
    that agency's error, not the portal's."""
    line, _ = edit(content / "agencies.yaml", "  order: 50", "  order: 012")
    assert main(["build", "content", "--out", "site", "--no-search"]) == 3
    err = capsys.readouterr().err
    assert "- 机关 石窝镇（shiwo）：机关名录中这个机关的登记有错误" in err and f"content/agencies.yaml:{line}:10: 错误 SCHEMA（4.order）" in err
    assert not (content.parent / "site/agencies/shiwo.html").exists() and (content.parent / "site/agencies/baofeng.html").exists()


def test_importing_an_original_that_does_not_add_up_says_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                       monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(REAL / "hongze-2023.pdf", tmp_path / "hongze-2023.pdf")
    assert main(["import", "hongze-2023.pdf", "--content", "content", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "content/reports/hongze/2023.yaml:63:25: 错误 R4（review_litigation.review.total）" in out
    assert ("hongze-2023.pdf → content/reports/hongze/2023.yaml: 将导入，读取 186/186 个数，0 格未能读取，"
            "2 个错误（其中 2 个是表格加不拢：请对照原件，读错的改正，原件如此的照常发布），0 个警告") in out


def test_check_says_what_the_build_will_leave_out(content: Path, capsys: pytest.CaptureFixture[str]):
    with_hongze(content)
    break_shiwo(content)
    assert main(["check", "content"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[-2].startswith("检查了 6 份报告、6 个机关：3 个错误（其中 2 个是原件本身加不拢，照常发布），")
    assert lines[-1] == "生成网站时：石窝镇 2021 年度报告有需要改正的错误，不会发布；其余照常发布"
    (content / "site.yaml").write_text("title: 示例\n", encoding="utf-8")
    assert main(["check", "content"]) == 1
    assert capsys.readouterr().out.splitlines()[-1].startswith("生成网站时：门户设置（site.yaml）或整个机关名录（agencies.yaml）有错误，网站不会生成")


def test_the_help_page_names_the_rules_in_chinese(content: Path, tmp_path: Path):
    build(content, tmp_path / "site", search=False)
    text = visible_text((tmp_path / "site/help.html").read_text(encoding="utf-8")).replace("\n", "")
    assert "第四部分各组总计：第四部分每一组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结" in text
    assert "原件未被改动：原件与导入时记录的校验值不符（发布后被改动）" in text
