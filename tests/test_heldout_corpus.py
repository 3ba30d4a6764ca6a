"""The held-out corpus generator (bench/heldout) and its committed fixture (tests/data/wild).

The fixture must be exactly what the committed script makes; the truth must be arithmetic the
importer can be held to; each rendering must really have the failure mode it claims (a corpus
whose "table split per row" files are not split would measure nothing); the scorer's agency
check must count a shared id as wrong."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from bench.heldout import make, score

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "wild"
SAMPLE = ROOT.parent / "shared" / "corpus" / "wild"
FIXTURE_ARGS = ["--seed", "16", "--count", "7", "--fixture"]


def index() -> list[dict]:
    with open(FIXTURE / "index.tsv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def docs(kind: str, style: str | None = None) -> list[Path]:
    return [FIXTURE / r["name"] / r["file"] for r in index() if r["kind"] == kind and (style is None or r["style"] == style)]


def test_fixture_is_what_the_script_makes(tmp_path: Path) -> None:
    out = tmp_path / "wild"
    make.main(["--out", str(out), *FIXTURE_ARGS, "--kinds", "portal_html,crawl_md,crawl_txt,docx"])
    made = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file() and p.suffix != ".pdf")
    assert made, "the script made nothing"
    for rel in made:
        if rel.name in ("index.tsv", "README.md", "truth.yaml"):
            continue   # these name the PDFs too: compared below
        assert (FIXTURE / rel).read_bytes() == (out / rel).read_bytes(), f"{rel} differs from what the script makes"
    for truth in out.glob("*/truth.yaml"):
        mine = yaml.safe_load(truth.read_text(encoding="utf-8"))
        committed = yaml.safe_load((FIXTURE / truth.relative_to(out)).read_text(encoding="utf-8"))
        committed["files"] = [f for f in committed["files"] if not f.endswith(".pdf")]
        assert mine == committed, f"{truth.relative_to(out)} differs"
    assert sum(p.stat().st_size for p in FIXTURE.rglob("*") if p.is_file()) <= 1.5e6


def test_fixture_has_every_kind_and_style() -> None:
    rows = index()
    assert {r["kind"] for r in rows} == set(make.KINDS)
    assert {r["style"] for r in rows if r["kind"] in ("crawl_md", "crawl_txt")} == set(make.crawl.STYLES)
    assert {r["style"].split("/")[0] for r in rows if r["kind"] == "portal_html"} == set(make.portal.TEMPLATES)
    for r in rows:
        assert (FIXTURE / r["name"] / r["file"]).is_file()


def _check_sums(t: dict) -> list[str]:
    """Rules R1-R4 of the spec on one truth; returns the rules that fail."""
    req, rl = t["requests"], t["review_litigation"]
    fails = []
    if any(v is None for row in req.values() for v in row):
        return fails
    results = [k for k in req if k not in ("received_new", "carried_over", "total", "carried_forward")]
    for c in range(7):
        if req["received_new"][c] + req["carried_over"][c] != req["total"][c] + req["carried_forward"][c]:
            fails.append("R1")
        if req["total"][c] != sum(req[k][c] for k in results):
            fails.append("R3")
    fails += ["R2" for row in req.values() if row[6] != sum(row[:6])]
    fails += ["R4" for g in rl.values() if g[4] != sum(g[:4])]
    return sorted(set(fails))


@pytest.mark.parametrize("seed", [1, 2024])
def test_truth_adds_up_unless_marked_inconsistent(seed: int) -> None:
    reports = make.plan_reports(seed, 80)
    assert len(reports) == 80
    sample = yaml.safe_load(next(SAMPLE.glob("*gb2021*/truth.yaml")).read_text(encoding="utf-8")) if SAMPLE.exists() else None
    kinds = {"inconsistent": 0, "blank_tables": 0, "single_other_row": 0, "money_yuan": 0}
    for r in reports:
        t = yaml.safe_load(make.truth_yaml(r, []))
        fails = _check_sums(t)
        if r.inconsistent:
            assert fails and r.inconsistent[0] in fails, (r.name, r.inconsistent, fails)
        else:
            assert fails == [], (r.name, fails)
        if r.blank:
            assert all(v is None for tab in ("proactive", "requests", "review_litigation") for row in t[tab].values() for v in row)
        for key, printed in r.as_printed.items():
            col = 0 if key == "fees" else 1
            assert t["proactive"][f"{key}_as_printed"] == printed
            assert abs(t["proactive"][key][col] * 10_000 - int(printed[:-1])) < 1e-6
        for v in kinds:
            kinds[v] += v in r.variants
        if sample and r.template == "gb2021":
            assert set(t["review_litigation"]) == set(sample["review_litigation"])
            assert set(t["proactive"]) - {"fees_as_printed"} == set(sample["proactive"]) - {"fees_as_printed"}
    assert all(kinds.values()), kinds
    assert {r.template for r in reports} == {"gb2019", "gb2021"}
    assert max(r.tables["requests"]["received_new"][6] or 0 for r in reports) >= 100   # some busy agencies


def test_hard_agency_names_are_in_every_corpus() -> None:
    reports = make.plan_reports(5, 30)
    names = {(r.agency.full_name(r.year), r.year) for r in reports}
    assert ("修武县七星镇人民政府", 2022) in names and ("修武县齐兴镇人民政府", 2022) in names   # pinyin qixing twice
    assert ("宁远县高峰乡人民政府", 2020) in names and ("宁远县高峰镇人民政府", 2022) in names   # 撤乡设镇
    assert len({r.agency.county.name for r in reports if r.agency.base == "城关镇"}) >= 2
    titles = {r.year: r.title for r in reports if r.agency.key == "焦作市修武县自然资源局"}
    assert titles[2024].startswith("焦作市修武县自然资源局") and not titles[2023].startswith("焦作市")   # city prefix added
    matches = [(r.match, r.year) for r in reports]
    for r in reports:   # agency_match tells every agency of the corpus apart
        others = [o for o in reports if o.year == r.year and o.agency is not r.agency]
        assert not any(r.match in o.printed_name or r.match in o.agency.full_name(o.year) for o in others), r.match
        assert r.match in r.printed_name
    assert len(matches) == len(set(matches))


def _table_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("|")]


def test_reader_rendition_has_one_table_per_row() -> None:
    for f in docs("crawl_md", "reader"):
        lines = f.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("Title: ") and lines[2].startswith("URL Source: http://")
        row = next(i for i, x in enumerate(lines) if "一、本年新收" in x and x.startswith("|"))
        assert re.fullmatch(r"\|( --- \|)+", lines[row + 1])
        assert lines[row + 2] == "" and lines[row + 3].startswith("| 二、上年结转")


def test_rows_blank_rendition_has_blank_lines_between_rows() -> None:
    for f in docs("crawl_md", "rows_blank"):
        text = f.read_text(encoding="utf-8")
        assert "---" not in "".join(_table_lines(text))
        assert re.search(r"\n\| 一、本年新收[^\n]*\|\n\n\| 二、上年结转", text)


def test_rowspan_lost_in_converter_output() -> None:
    for f in docs("crawl_md", "markdownify") + docs("crawl_md", "html2text"):
        rows = [x for x in f.read_text(encoding="utf-8").splitlines() if "1.属于国" in x or "2.其他法律行政" in x]
        assert len(rows) >= 2, f
        cells = [len([c for c in re.split(r"\s*\|\s*", x.strip("| ")) if c != ""]) for x in rows[:2]]
        assert cells[0] > cells[1], (f, rows[:2])   # the group labels sit in the first row only


def test_text_renditions() -> None:
    for f in docs("crawl_txt", "text_cells"):
        lines = f.read_text(encoding="utf-8").splitlines()
        i = next(i for i, x in enumerate(lines) if x.startswith("一、本年新收"))
        if not re.fullmatch(r"[0-9０-９]+", lines[i + 1]):
            i += 1   # the label printed on two lines (a <br/> in the cell)
        assert all(re.fullmatch(r"[0-9０-９]+", x) for x in lines[i + 1:i + 8]), lines[i:i + 8]
    blank = {r["name"] for r in index() if "blank_tables" in r["variants"]}
    for f in docs("crawl_txt", "text_merged"):
        assert re.search(r"^一、本年新收.*数量? [0-9０-９]+( [0-9０-９]+){6}$", f.read_text(encoding="utf-8"), re.M)
    for f in docs("crawl_txt", "text_merged_nosep"):
        pattern = r"^一、本年新收.*数量?$" if f.parent.name in blank else r"^一、本年新收.*数量? [0-9０-９]{7,}$"
        assert re.search(pattern, f.read_text(encoding="utf-8"), re.M)


def test_gbk_pages_are_gbk() -> None:
    rows = [r for r in index() if r["kind"] == "portal_html" and "html_gbk" in r["variants"]]
    assert rows
    for r in rows:
        raw = (FIXTURE / r["name"] / r["file"]).read_bytes()
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")
        assert "政府信息公开工作年度报告" in raw.decode("gbk")


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_browser_pdf_has_header_footer_on_every_page_and_type3_fonts() -> None:
    (pdf,) = docs("browser_pdf")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Type 3" in fonts
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 3
    for n, page in enumerate(pages, 1):
        lines = [x for x in page.splitlines() if x.strip()]
        assert re.match(r"\s*(\d{4}/\d{1,2}/\d{1,2} \d\d:\d\d|\d{1,2}/\d{1,2}/\d\d, \d{1,2}:\d\d [AP]M)", lines[0]), lines[0]
        assert re.search(r"http://\S+\s+" + f"{n}/{len(pages)}$", lines[-1]), lines[-1]


def test_agency_check_counts_a_shared_id_as_wrong(tmp_path: Path) -> None:
    out = tmp_path / "corpus"
    rows = []
    for name, match, year, key in [("001", "七星镇", 2022, "a"), ("002", "齐兴镇", 2022, "b"),
                                   ("003", "高峰乡", 2020, "c"), ("004", "高峰镇", 2022, "c")]:
        (out / name).mkdir(parents=True)
        (out / name / "truth.yaml").write_text(yaml.safe_dump({"agency": match, "agency_match": match, "year": year}), encoding="utf-8")
        rows.append({"name": name, "file": "x.html", "agency_key": key, "county": "焦作市修武县", "year": str(year)})
    reports = [{"__id": "qixing", "year": 2022, "agency_name": "修武县七星镇人民政府"},
               {"__id": "qixing", "year": 2022, "agency_name": "修武县齐兴镇人民政府"},
               {"__id": "gaofeng", "year": 2020, "agency_name": "宁远县高峰乡人民政府"},
               {"__id": "gaofeng", "year": 2022, "agency_name": "宁远县高峰镇人民政府"}]
    res = score.agency_check(rows, out, reports)
    assert res["right"] == 2 and res["collided_ids"] == res["collided_in_county"] == 1 and (res["stable"], res["multi_year"]) == (1, 1)
    res = score.agency_check(rows, out, reports[1:])
    assert res["right"] == 3 and res["collided_ids"] == 0
    assert "no report of 2022" in res["wrong"][0]


@pytest.mark.parametrize("template", make.portal.TEMPLATES)
def test_merged_rows_on_every_page_template(template: str) -> None:
    """Each data row on its own line, whatever the page's layout (an old site's layout table too)."""
    import random

    r = next(x for x in make.plan_reports(3, 20) if not x.blank)
    page = make.portal.render(r, make.layout.article(r), [], [], random.Random(1), template=template, flavour="ueditor")
    text = make.crawl.render(page, "text_merged").text
    new = r.tables["requests"]["received_new"]
    assert re.search(r"^一、本年新收\S* " + " ".join(map(str, new)) + "$", text, re.M), text[:500]
    assert re.search(r"^[（(]七[）)]总 ?计 " + " ".join(map(str, r.tables["requests"]["total"])) + "$", text, re.M)
    assert max(len(line) for line in text.splitlines()) < 1000
