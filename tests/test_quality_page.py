"""The county office's quality page (--with-audit), and what public report pages say."""

from __future__ import annotations

import re
from pathlib import Path

from generator.build import build

from .conftest import edit


def built(content: Path, audit: bool) -> Path:
    out = content.parent / ("site-audit" if audit else "site")
    build(content, out, search=False, audit=audit)
    return out


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_quality_page_only_with_audit(content: Path):
    assert not (built(content, audit=False) / "quality.html").exists()
    assert (built(content, audit=True) / "quality.html").exists()


def test_quality_page_lists_every_report_and_every_finding(content: Path):
    html = (built(content, audit=True) / "quality.html").read_text(encoding="utf-8")
    plain = text(html)
    for agency, year in (("qixingpao", 2020), ("baofeng", 2020), ("hongqi", 2020), ("beileng", 2019), ("shiwo", 2021)):
        assert f'href="reports/{agency}/{year}.html"' in html
    # office-only findings are here …
    assert "各部分有实际内容" in plain and "没有实际内容" in plain  # Q5, by its Chinese name
    assert "各年度报告齐全" in plain and "没有 2019 年度报告" in plain  # Q2
    # … with the file (in the content folder) and line an editor opens
    assert "文件 reports/hongqi/2020.yaml，第 55 行" in plain
    assert 'class="data sortable"' in html


def test_public_report_page_states_the_tables_not_the_office_findings(content: Path):
    site = built(content, audit=True)
    hongqi = text((site / "reports/hongqi/2020.html").read_text(encoding="utf-8"))
    assert "第三部分表格空白：原文未填写任何数字（共 161 格，均为空白）" in hongqi  # R7: citizens should know
    assert "没有实际内容" not in hongqi  # Q5 is for the office
    agency = text((site / "agencies/shiwo.html").read_text(encoding="utf-8"))
    assert "没有 2019 年度报告" not in agency  # Q2 is for the office


def test_late_report_is_stated_on_its_page(content: Path):
    edit(content / "reports/baofeng/2020.yaml", "published: 2020-01-25", "published: 2021-03-15")
    page = text((built(content, audit=False) / "reports/baofeng/2020.html").read_text(encoding="utf-8"))
    assert "本报告发布晚于规定期限" in page
    assert "2021-03-15" in page


def test_quality_links_resolve(content: Path):
    page = built(content, audit=True) / "quality.html"
    hrefs = re.findall(r'href="([^"#]+)"', page.read_text(encoding="utf-8"))
    assert len(hrefs) > 10
    for href in re.findall(r'href="([^"#]+)"', page.read_text(encoding="utf-8")):
        if not href.startswith(("http", "mailto")):
            assert (page.parent / href).resolve().exists(), href
