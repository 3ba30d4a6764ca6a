"""The search index's records: what is searchable, and that results land on real pages."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.build import BuildError, build, search
from generator.build.check import publishable
from generator.build.plan import Plan, Settings, plan
from generator.content import load_content
from generator.pages import urls

from .conftest import DEMO


class _Record(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"] or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(file: Path) -> _Record:
    p = _Record()
    p.feed(file.read_text(encoding="utf-8"))
    return p


def planned(content=None) -> Plan:  # type: ignore[no-untyped-def]
    content = content or load_content(DEMO)
    checked = publishable(content)
    return plan(checked.content, checked.findings, Settings(search=True))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("search")
    search.write_records(planned(), root / "records")
    build(DEMO, root / "site")
    return root / "records", root / "site"


def test_every_report_and_agency_has_a_record_at_its_pages_path(built):  # type: ignore[no-untyped-def]
    records, site = built
    content = load_content(DEMO)
    wanted = {urls.report_url(r.agency, r.year) for r in content.reports}
    wanted |= {urls.agency_url(a) for a in content.agencies}
    made = {p.relative_to(records).as_posix() for p in records.rglob("*.html")}
    assert made == wanted
    assert all((site / url).is_file() for url in made)  # a result opens a page that exists


def test_record_headings_are_anchors_on_the_page(built):  # type: ignore[no-untyped-def]
    """Pagefind links sub-results to the record's heading ids: each must exist on the page."""
    records, site = built
    for record in records.rglob("*.html"):
        page = (site / record.relative_to(records)).read_text(encoding="utf-8")
        for hid in _parse(record).ids:
            assert f'id="{hid}"' in page, (record, hid)


def test_a_report_record_holds_its_words_and_its_tables_as_lines(built):  # type: ignore[no-untyped-def]
    records, _ = built
    report = load_content(DEMO).report("qixingpao", 2020)
    assert report is not None and report.overview
    text = "".join(_parse(records / urls.report_url("qixingpao", 2020)).text)
    assert report.title in text and "宝清县七星泡镇人民政府" in text and "2020年" in text
    first = report.overview.strip().splitlines()[0].strip()
    assert first in text
    # tables: the key figures and every row, with the numbers as printed
    assert "不予公开：0 件。" in text and "行政复议：0 件。" in text
    assert "（三）不予公开 · 1.属于国家秘密：总计 0。" in text
    assert "行政复议：结果维持 0，结果纠正 0，其他结果 0，尚未审结 0，总计 0。" in text
    shiwo = "".join(_parse(records / urls.report_url("baofeng", 2020)).text)
    assert "本年新收：1 件。" in shiwo


def test_part_headings_weigh_little_and_lines_with_numbers_more(built):  # type: ignore[no-untyped-def]
    records, _ = built
    html = (records / urls.report_url("baofeng", 2020)).read_text(encoding="utf-8")
    assert '<h2 id="part4-title" data-pagefind-weight="0.1">四、政府信息公开行政复议、行政诉讼情况</h2>' in html
    assert '<p data-pagefind-weight="2">本年新收：1 件。</p>' in html
    assert '<p data-pagefind-weight="0.5">不予公开：0 件。</p>' in html


def test_records_carry_filters_and_metadata(built):  # type: ignore[no-untyped-def]
    records, _ = built
    report = (records / urls.report_url("hongqi", 2020)).read_text(encoding="utf-8")
    for key, value in (("agency", "宝山区红旗街道办事处"), ("kind", "街道办事处"), ("year", "2020年")):
        assert f'data-pagefind-filter="{key}:{value}" data-pagefind-meta="{key}:{value}"' in report
    agency = (records / urls.agency_url("hongqi")).read_text(encoding="utf-8")
    assert 'data-pagefind-filter="kind:街道办事处"' in agency and 'data-pagefind-filter="year:' not in agency


def test_record_text_is_escaped(tmp_path: Path):  # type: ignore[no-untyped-def]
    content = load_content(DEMO)
    report = content.report("shiwo", 2021)
    assert report is not None
    report.overview = "<script>alert(1)</script> 依申请公开"
    search.write_records(planned(content), tmp_path)
    html = (tmp_path / urls.report_url("shiwo", 2021)).read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_built_index_holds_every_record(built):  # type: ignore[no-untyped-def]
    _, site = built
    entry = json.loads((site / urls.PAGEFIND / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["zh-cn"]["page_count"] == len(list(load_content(DEMO).reports)) + 5


def test_an_empty_portal_still_gets_an_index(tmp_path: Path):  # type: ignore[no-untyped-def]
    from generator.scaffold import create_portal

    create_portal(tmp_path / "content", "空门户", "某县人民政府办公室")
    build(tmp_path / "content", tmp_path / "site")
    assert (tmp_path / "site" / urls.PAGEFIND / "pagefind.js").is_file()


def test_a_failing_indexer_fails_the_build_and_keeps_the_old_site(tmp_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    build(DEMO, out, search=False)
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    monkeypatch.setattr(search.sys, "executable", str(tmp_path / "no-python"))
    with pytest.raises(BuildError, match="pagefind"):
        build(DEMO, out)
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.building-")]


def test_cancelling_the_indexer_stops_pagefind_and_removes_the_records(tmp_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    """Pagefind runs in the background: a failed build stops it."""
    import time

    pid_file = tmp_path / "pid"
    slow = tmp_path / "slow-python"
    slow.write_text(f"#!/bin/sh\necho $$ > {pid_file}\nexec sleep 60\n", encoding="utf-8")
    slow.chmod(0o755)
    monkeypatch.setattr(search.sys, "executable", str(slow))
    (tmp_path / "out").mkdir()
    indexing = search.start(planned(), tmp_path / "out")
    records = indexing.records
    assert records.is_dir()
    deadline = time.monotonic() + 30
    while not pid_file.exists() or not pid_file.read_text().strip():
        assert time.monotonic() < deadline, "the stand-in for Pagefind never started"
        time.sleep(0.05)
    pid = int(pid_file.read_text())
    search.cancel(indexing)
    deadline = time.monotonic() + 10
    while _running(pid):
        assert time.monotonic() < deadline, "Pagefind still runs after cancel"
        time.sleep(0.05)
    assert not records.exists()


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def test_the_index_is_the_same_on_every_build(tmp_path: Path):
    """Pagefind writes its filters in a different order each run; they are sorted after it."""
    made = []
    for n in range(3):
        out = tmp_path / f"out{n}"
        out.mkdir()
        search.finish(search.start(planned(), out))
        made.append({p.relative_to(out / urls.PAGEFIND).as_posix(): p.read_bytes() for p in (out / urls.PAGEFIND).rglob("*") if p.is_file()})
    assert made[0] == made[1] == made[2]
    assert sum(1 for name in made[0] if name.startswith("filter/")) == 3  # year, kind, agency


def test_sorting_the_filters_keeps_pagefinds_own_encoding(tmp_path: Path, monkeypatch):  # type: ignore[no-untyped-def]
    import gzip

    from generator.build import search_stable

    monkeypatch.setattr(search_stable, "stabilise", lambda index: None)
    search.finish(search.start(planned(), tmp_path))
    files = [*(tmp_path / urls.PAGEFIND / "filter").iterdir(), *(tmp_path / urls.PAGEFIND).glob("*.pf_meta")]
    assert len(files) == 4
    for file in files:  # cbor2 writes back exactly the bytes Pagefind wrote for the same data
        assert gzip.decompress(search_stable._write(search_stable._read(file))) == gzip.decompress(file.read_bytes())
