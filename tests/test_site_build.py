"""Building the demo site: every page type, links, determinism, escaping, safety of the output."""

from __future__ import annotations

import argparse
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.build import BuildError, CheckFailed, build
from generator.build.plan import pages_of
from generator.build.swap import MARKER
from generator.commands import build as build_command
from generator.content import load_content
from generator.pages import urls

from .conftest import DEMO, edit

BASE = "https://www.example.gov.cn/xxgk/ndbg/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    build(DEMO, out, base_url=BASE)
    return out


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.outbound: list[str] = []  # <a href="https://…">: a link a reader follows, nothing fetched
        self.ids: set[str] = set()
        self.base = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])  # type: ignore[arg-type]
        if tag == "base":  # the 404 page's <base href="/xxgk/ndbg/">, from base_url
            self.base = a["href"]
            return
        if tag == "a" and (a.get("href") or "").startswith(("https://", "http://")):
            self.outbound.append(a["href"])  # type: ignore[arg-type]
            return
        for key in ("href", "src"):
            if a.get(key):
                self.links.append(a[key])  # type: ignore[arg-type]


def parse(file: Path) -> _Links:
    p = _Links()
    p.feed(file.read_text(encoding="utf-8"))
    return p


def test_every_planned_page_is_written(site: Path):
    content = load_content(DEMO)
    pages = pages_of(content)
    kinds = {p.kind for p in pages}
    assert kinds == {"home", "agencies", "agency", "report", "compare_index", "compare", "county", "indicator", "picker",
                     "data", "help", "search", "not_found"}
    for page in pages:
        assert (site / page.url).is_file(), page.url
    for extra in ("feed.xml", "sitemap.xml", "static/favicon.svg", "static/site.css", "static/print.css", "pagefind/pagefind.js"):
        assert (site / extra).is_file(), extra
    for report in content.reports:
        for suffix in ("yaml", "json", "csv"):
            assert (site / urls.report_data_url(report.agency, report.year, suffix)).is_file()
        assert (site / urls.original_url(report.agency, report.year, report.source.file)).is_file()


def test_every_relative_link_resolves_and_nothing_comes_from_another_host(site: Path):
    cfg = load_content(DEMO).site
    assert cfg is not None
    county = {cfg.portal_url, cfg.guide_url, cfg.apply_url, cfg.correction_url}  # site.yaml's links
    for page in site.rglob("*.html"):
        if "pagefind" in page.parts:
            continue
        parsed = parse(page)
        assert set(parsed.outbound) <= county, f"{page}: {set(parsed.outbound) - county} lead to another host"
        # only the 404 pages carry a <base>: the site's root, or the large-text copy's root
        expected_base = "/xxgk/ndbg/large/" if page.relative_to(site).parts[0] == "large" else "/xxgk/ndbg/"
        assert parsed.base in ("", expected_base) and (not parsed.base or page.name == "404.html")
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme in ("mailto",):
                continue
            assert not parts.scheme and not parts.netloc, f"{page}: {link} points to another host"
            assert not link.startswith("/"), f"{page}: {link} is not relative"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{page.relative_to(site)}: {link} does not resolve"
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in parse(target).ids, f"{page.relative_to(site)}: #{parts.fragment} missing"


def test_two_builds_are_byte_identical(site: Path, tmp_path: Path):
    again = tmp_path / "again"
    build(DEMO, again, base_url=BASE)
    files = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    different = [str(f) for f in files if (site / f).read_bytes() != (again / f).read_bytes()]
    assert different == []


def test_report_pages_weigh_at_most_60_kb(site: Path):
    for page in (site / "reports").rglob("*.html"):
        assert page.stat().st_size <= 60 * 1024, page


def test_report_text_with_html_is_shown_as_text(content: Path, tmp_path: Path):
    edit(content / "reports/qixingpao/2020.yaml", "无其他需要报告事项。", "<script>alert('x')</script> 与 <b>粗体</b>")
    out = tmp_path / "out"
    build(content, out, search=False)
    html = (out / "reports/qixingpao/2020.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert('x')&lt;/script&gt; 与 &lt;b&gt;粗体&lt;/b&gt;" in html
    assert "<script>alert" not in html and "<b>粗体" not in html


def test_report_page_shows_the_tables_and_marks(site: Path):
    html = (site / "reports/qixingpao/2020.html").read_text(encoding="utf-8")
    for title in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                  "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项", "前言"):
        assert f">{title}</h2>" in html
    assert '<caption id="p3-caption" class="vh">' in html
    assert '<th id="p3-cg0" scope="colgroup" colspan="5">法人或其他组织</th>' in html
    assert "报告原件（纯文本，7.2 KB）" in html
    assert re.search(r"本报告数据（表格文件 CSV，可用 Excel、WPS 打开，每个数字一行，[0-9.]+ KB）", html)
    assert 'download="宝清县七星泡镇人民政府-2020-政府信息公开工作年度报告.csv"' in html
    blank = (site / "reports/hongqi/2020.html").read_text(encoding="utf-8")
    assert '<span class="vh">空白</span>' in blank
    assert "空白的格子表示原报告此处未填写或无法辨认；空白不等于 0。" in blank
    assert "所发布的报告原文" in blank and "本报告有表格或部分是空白的" in blank
    assert "第三部分表格空白：原文未填写任何数字（共 161 格，均为空白）" in blank


def test_derived_cells_are_marked(site: Path):
    content = load_content(DEMO)
    report = next(r for r in content.reports if r.derived)
    html = (site / urls.report_url(report.agency, report.year)).read_text(encoding="utf-8")
    assert '<span class="vh">（推算）</span>' in html
    assert "带 * 的数字原报告未印出，是按表格的勾稽关系推算的。" in html


def test_gb2019_and_gb2021_part2_never_share_a_column(site: Path):
    html = (site / "compare/2021.html").read_text(encoding="utf-8") + (site / "compare/2020.html").read_text(encoding="utf-8")
    assert html.count('id="p2gb2019"') + html.count('id="p2gb2021"') >= 2
    assert "规章 · 本年新制作数量" in html and "规章 · 本年制发件数" in html


def test_footer_carries_the_site_settings(site: Path):
    html = (site / "index.html").read_text(encoding="utf-8")
    for label, value in (("主办单位", "示例县人民政府办公室"), ("网站标识码", "0000000000"),
                         ("ICP备案号", "示ICP备00000000号"), ("公安备案号", "示公网安备 00000000000000号")):
        assert f"<dt>{label}</dt><dd>{value}</dd>" in html
    assert 'lang="zh-CN"' in html


def test_sitemap_and_feed_use_the_base_url(site: Path):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{BASE}reports/shiwo/2021.html</loc>" in sitemap
    assert "404.html" not in sitemap
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert f'<link rel="alternate" href="{BASE}reports/shiwo/2021.html"/>' in feed


def test_without_base_url_no_sitemap_and_relative_feed(tmp_path: Path):
    result = build(DEMO, tmp_path / "out", search=False)
    assert not (tmp_path / "out/sitemap.xml").exists()
    assert '<link rel="alternate" href="reports/shiwo/2021.html"/>' in (tmp_path / "out/feed.xml").read_text(encoding="utf-8")
    assert any("没有生成 sitemap.xml" in n for n in result.notes)


def test_strict_refuses_any_error_and_keeps_the_old_site(content: Path, tmp_path: Path, capsys):
    out = tmp_path / "out"
    build(content, out, search=False)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    edit(content / "reports/qixingpao/2020.yaml", "received_new: [0, 0, 0, 0, 0, 0, 0]", "received_new: [5, 0, 0, 0, 0, 0, 5]")
    with pytest.raises(CheckFailed) as failed:
        build(content, out, search=False, strict=True)
    assert any(f.rule == "R1" for f in failed.value.findings)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    args = argparse.Namespace(content=str(content), out=str(out), theme="default", base_url=None, no_search=True,
                              with_audit=False, jobs=1, strict=True)
    assert build_command.run(args) == 1
    err = capsys.readouterr().err
    assert "错误 R1（requests.total.natural_person）" in err and "加了 --strict，内容中有 2 个错误，未生成网站，原来的网站不变" in err
    # without --strict the original's arithmetic is published, the report page saying so
    args.strict = False
    assert build_command.run(args) == 0
    assert "本报告第三部分各列数字不平衡" in (out / "reports/qixingpao/2020.html").read_text(encoding="utf-8")


def test_an_error_in_site_yaml_refuses_the_build_and_keeps_the_old_site(content: Path, tmp_path: Path, capsys):
    out = tmp_path / "out"
    build(content, out, search=False)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (content / "site.yaml").write_text((content / "site.yaml").read_text(encoding="utf-8") + "organizer: [\n", encoding="utf-8")
    args = argparse.Namespace(content=str(content), out=str(out), theme="default", base_url=None, no_search=True,
                              with_audit=False, jobs=1, strict=False)
    assert build_command.run(args) == 1
    err = capsys.readouterr().err
    assert "content/site.yaml:" in err and "错误 YAML：YAML 格式错误" in err and "未生成网站，原来的网站不变" in err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_template_error_midway_leaves_no_half_written_site(content: Path, tmp_path: Path):
    out = tmp_path / "out"
    build(content, out, search=False)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    overrides = content / "overrides/templates"
    overrides.mkdir(parents=True)
    (overrides / "help.html").write_text('{% extends "default:help.html" %}{% block content %}{{ no_such_name }}{% endblock %}', encoding="utf-8")
    with pytest.raises(BuildError, match="no_such_name"):
        build(content, out, search=False)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["content", "out"]  # no temporary folder left


def test_an_override_can_extend_the_default_template(content: Path, tmp_path: Path):
    overrides = content / "overrides/templates"
    overrides.mkdir(parents=True)
    (overrides / "report.html").write_text(
        '{% extends "default:report.html" %}{% block content %}<p class="local">本县说明</p>{{ super() }}{% endblock %}',
        encoding="utf-8",
    )
    build(content, tmp_path / "out", search=False)
    html = (tmp_path / "out/reports/shiwo/2021.html").read_text(encoding="utf-8")
    assert '<p class="local">本县说明</p>' in html and "三、收到和处理政府信息公开申请情况" in html


def test_refuses_to_replace_a_folder_it_did_not_make(tmp_path: Path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep", encoding="utf-8")
    with pytest.raises(BuildError, match="不是 xxgk 生成的网站"):
        build(DEMO, out, search=False)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "keep"
    build(DEMO, tmp_path / "ours", search=False)
    assert (tmp_path / "ours" / MARKER).is_file()
    build(DEMO, tmp_path / "ours", search=False)  # its own output it replaces


def test_unknown_theme_is_a_clear_error(tmp_path: Path):
    with pytest.raises(BuildError, match="主题 nosuch 不存在"):
        build(DEMO, tmp_path / "out", theme="nosuch", search=False)


def test_build_command_prints_pages_and_time(tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(DEMO, tmp_path / "content")
    args = argparse.Namespace(content="content", out="site", theme="default", base_url=None, no_search=True, with_audit=False, jobs=None)
    assert build_command.run(args) == 0
    out = capsys.readouterr().out
    assert re.search(r"已生成 site：46 个页面，共 \d+ 个文件，用时 [0-9.]+ 秒", out)


def test_rendering_in_several_processes_gives_the_same_site(site: Path, tmp_path: Path):
    parallel = tmp_path / "parallel"
    build(DEMO, parallel, base_url=BASE, jobs=2)
    files = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert [str(f) for f in files if (site / f).read_bytes() != (parallel / f).read_bytes()] == []
