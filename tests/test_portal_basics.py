"""Portal basics: the links to the county's own site (site.yaml), validated like every web
address; shown on every page; the home page's overview of a complete year beside a partial one."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.build import build
from generator.model.portal import SITE_SETTINGS
from generator.pages.compare import complete_needed

from .conftest import DEMO, edit
from .test_bad_input import BAD_URLS, errors_in

LINKS = {
    "portal_url": "门户网站首页",
    "guide_url": "政府信息公开指南",
    "apply_url": "依申请公开",
    "correction_url": "找错纠错",
}


def test_every_link_setting_is_a_declared_web_address():
    declared = {s.key: s for s in SITE_SETTINGS}
    assert all(declared[key].url and not declared[key].required for key in LINKS)


@pytest.mark.parametrize("key", list(LINKS))
@pytest.mark.parametrize(("url", "problem"), [BAD_URLS[0], BAD_URLS[1], BAD_URLS[5]])
def test_a_bad_link_is_an_error_naming_file_line_and_key(content: Path, key: str, url: str, problem: str):
    site = content / "site.yaml"
    line, _ = edit(site, f"{key}: ", f"{key}: {json.dumps(url)} #")
    assert errors_in(content, "content/site.yaml") == [
        ("SCHEMA", line, 1, key, f"{key} 不是可用的网址：{problem}；实为 文字“{url}”")
    ]


def _site(tmp_path: Path, content: Path) -> Path:
    out = tmp_path / "site"
    build(content, out, search=False)
    return out


def test_the_links_are_in_the_footer_of_every_page_and_the_portal_home_above_the_header(tmp_path: Path):
    out = _site(tmp_path, DEMO)
    pages = [p for p in out.rglob("*.html") if p.relative_to(out).parts[0] not in ("originals", "pagefind")]
    assert len(pages) >= 15
    for page in pages:
        html = page.read_text(encoding="utf-8")
        footer = html[html.index('<footer class="site-footer">'):]
        found = re.findall(r'<li><a href="(https://[^"]+)">([^<]+)</a></li>', footer)
        assert [label for _, label in found] == list(LINKS.values()), page
        top = html[html.index("<body"):html.index("</header>")]
        assert '<a href="https://www.example.gov.cn/">门户网站首页</a>' in top, page


def test_without_the_settings_no_link_and_the_site_still_builds(tmp_path: Path, content: Path):
    site = content / "site.yaml"
    site.write_text("".join(line for line in site.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not line.startswith(tuple(LINKS))), encoding="utf-8")
    out = _site(tmp_path, content)
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "门户网站首页" not in html and "portal-links" not in html


def test_complete_means_at_least_eight_in_ten_agencies():
    assert [complete_needed(n) for n in (0, 1, 4, 5, 10, 40)] == [1, 1, 4, 4, 8, 32]


@pytest.fixture(scope="module")
def partial_portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """10 agencies × 2021–2023, of which only 3 have published for 2023 and 8 for 2022."""
    from bench.synth import write_portal

    root = tmp_path_factory.mktemp("partial")
    write_portal(root / "content", 10, range(2021, 2024))
    reports = root / "content" / "reports"
    for n, folder in enumerate(sorted(reports.iterdir())):
        if n >= 3:
            (folder / "2023.yaml").unlink()
        if n >= 8:
            (folder / "2022.yaml").unlink()
    build(root / "content", root / "site", search=False)
    return root / "site"


def _glance(site: Path) -> str:
    html = (site / "index.html").read_text(encoding="utf-8")
    return html[html.index('<section aria-labelledby="glance-title"'):html.index("</section>")]


def test_the_home_page_shows_the_complete_year_beside_the_partial_one(partial_portal: Path):
    glance = _glance(partial_portal)
    assert "10 个机关中 3 个已发布 2023 年度报告。" in glance
    heads = re.findall(r'<th scope="col" class="(\w+)">([^<]+)<small>([^<]+)</small></th>', glance)
    assert heads == [("complete", "2022年 全县", "8 个机关已发布"),
                     ("partial", "2023年 尚不完整", "仅 3 个机关已发布，为其报告之和")]
    assert "至少 8 个（八成）已发布报告的最近年度，即 2022 年" in glance
    assert "不是全县的数字" in glance


def test_the_demo_has_no_complete_year_and_says_so(tmp_path: Path):
    glance = _glance(_site(tmp_path, DEMO))
    assert "5 个机关中 1 个已发布 2021 年度报告。" in glance
    assert "目前还没有完整年度" in glance and "全县（" not in glance
    assert re.findall(r'<th scope="col" class="(\w+)">', glance) == ["partial"]


def test_a_complete_latest_year_is_the_county_alone(tmp_path: Path):
    from bench.synth import write_portal

    write_portal(tmp_path / "content", 5, range(2022, 2024))
    shutil.rmtree(tmp_path / "content" / "reports" / "agency-0004")  # 4 of 5 is eight in ten
    glance = _glance(_site(tmp_path, tmp_path / "content"))
    assert re.findall(r'<th scope="col" class="(\w+)">([^<]+)<small>([^<]+)</small></th>', glance) == [
        ("complete", "2023年 全县", "4 个机关已发布")]
    assert "不是全县的数字" not in glance
