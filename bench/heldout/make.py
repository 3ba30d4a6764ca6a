"""Make the held-out corpus: reports, their truth and every rendering, plus ``index.tsv``.

    python -m bench.heldout.make [--out DIR] [--seed N] [--count N] [--kinds portal_html,...] [--fixture]

``--out`` defaults to ``$XXGK_HELDOUT`` or ``/tmp/xxgk-heldout`` (outside the repository; the
folder is emptied first). The same seed and count give the same files (PDF dates included).
``--fixture`` makes the small committed subset (``tests/data/wild``): every kind, but few PDFs.

Each report gets a folder ``NNN_YEAR_TEMPLATE_AGENCYKIND/`` with ``truth.yaml`` and its
renderings, named as they are found (a CMS page's own file name, a browser PDF named after the
page title, a crawled file named after the URL, TRS-style attachment names for office files).
``index.tsv`` has one line per document: its kind, rendering style and variants.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import re
import shutil
import sys
from pathlib import Path

from . import browser, crawl, layout, office, portal
from .places import make_agencies
from .truth import Report, build, truth_yaml

KINDS = ("portal_html", "browser_pdf", "crawl_md", "crawl_txt", "docx", "office_pdf")
MD_STYLES = [s for s in crawl.STYLES if s in crawl.MARKDOWN]
TXT_STYLES = [s for s in crawl.STYLES if s not in crawl.MARKDOWN]
COLUMNS = ["name", "file", "kind", "style", "agency", "agency_key", "county", "year", "template", "agency_kind",
           "received_new", "variants", "inconsistent"]


FIXTURE_README = """# Held-out documents "as found in the wild" (a small fixture)

Made by `{cmd}` (bench/heldout/): synthetic reports (invented numbers and
text, real county names) with their expected import in `truth.yaml` (the format of
shared/corpus/wild, scored by shared/tools/score_import.py), each rendered as a county portal
page, a crawled Markdown and a text rendition, and for a few a browser "save as PDF", a Word
file and an office PDF. `index.tsv` lists every document's kind, rendering style and variants.
Do not edit by hand: rerun the command. The full corpus is made outside the repository by
`python -m bench.heldout.make` and measured by `python -m bench.heldout.score`.
"""


def default_out() -> Path:
    return Path(os.environ.get("XXGK_HELDOUT") or "/tmp/xxgk-heldout")


def plan_reports(seed: int, count: int) -> list[Report]:
    """count reports over about count/2 agencies, 1-3 years each; the hard cases always present."""
    rng = random.Random(seed)
    agencies = make_agencies(rng, max(12, count * 2 // 3))
    years_of: dict[int, list[int]] = {}
    # 七星镇/齐兴镇 the same year; 高峰乡 -> 高峰镇; 修武县自然资源局 -> 焦作市修武县自然资源局
    forced = {0: [2022], 1: [2022], 5: [2020, 2022], 8: [2023, 2024]}
    pairs: list[tuple[int, int]] = []
    for i, _ in enumerate(agencies):
        years = forced.get(i) or sorted(rng.sample(range(2019, 2026), rng.choice([1, 1, 2, 2, 3])))
        years_of[i] = years
        pairs += [(i, y) for y in years]
    hard = [p for p in pairs if p[0] < 10]
    rest = [p for p in pairs if p[0] >= 10]
    rng.shuffle(rest)
    chosen = (hard[:max(count // 2, count - len(rest))] + rest)[:count]
    rng.shuffle(chosen)
    return [build(random.Random(f"{seed}/{n}"), n + 1, agencies[a], y, agencies) for n, (a, y) in enumerate(chosen)]


def _safe(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|]', "_", name).strip()[:120]


def _url_file(url: str, ext: str) -> str:
    tail = url.split("://", 1)[1]
    tail = re.sub(r"\.(s?html?|asp|jsp)(?=$|\?)", "", tail)
    return _safe(re.sub(r"[/?=&.]+", "_", tail))[:110] + ext


def _page_file(page: portal.Page) -> str:
    """What a save-as / wget gives for the page: the URL's last part, ``?`` as ``@`` (wget -E)."""
    last = page.url.rsplit("/", 1)[1].replace("?", "@")
    return re.sub(r"\.(s?html|asp@.*|jsp@.*)$", lambda m: m.group(0) if m.group(0) == ".html" else m.group(0).replace(".shtml", "") + ".html", last) \
        if not last.endswith(".html") else last


def _others(r: Report, reports: list[Report]) -> list[Report]:
    same = [o for o in reports if o is not r and o.agency.county == r.agency.county]
    rest = [o for o in reports if o is not r and o.agency.county != r.agency.county]
    return (sorted(same, key=lambda o: (o.year, o.n)) + rest)[:4]


def render_all(reports: list[Report], out: Path, seed: int, kinds: set[str], fixture: bool) -> list[dict]:
    rows: list[dict] = []
    jobs: list[browser.PrintJob] = []
    docx_jobs: list[tuple[Path, Path]] = []
    files_of: dict[int, list[str]] = {}
    all_names = {}
    for r in reports:
        all_names.setdefault(r.agency.county.name + r.agency.county.city, set()).add(r.agency.full_name(r.year))
    for idx, r in enumerate(reports):
        rng = random.Random(f"{seed}/render/{r.n}")
        folder = out / r.name
        folder.mkdir(parents=True)
        files: list[str] = []
        blocks = layout.article(r)
        neighbours = sorted(all_names[r.agency.county.name + r.agency.county.city])
        page = portal.render(r, blocks, _others(r, reports), neighbours, rng, template=portal.TEMPLATES[idx % len(portal.TEMPLATES)])

        def add(file: str, kind: str, style: str, variants: list[str], r: Report = r, files: list[str] = files) -> None:
            files.append(file)
            rows.append({"report": r, "file": file, "kind": kind, "style": style, "variants": sorted(set(r.variants + variants))})

        style = f"{page.template}/{page.flavour}"
        if "portal_html" in kinds:
            name = _page_file(page)
            (folder / name).write_bytes(page.html.encode(page.encoding, errors="xmlcharrefreplace"))
            add(name, "portal_html", style, page.variants)
        if "browser_pdf" in kinds and (not fixture or idx == 0):
            name = _safe(page.page_title) + ".pdf" if rng.random() < 0.7 else f"{page.url.rsplit('/', 1)[1].split('.')[0]}.pdf"
            when = dt.datetime(r.published.year + rng.choice([0, 1, 2]), rng.randint(2, 12), rng.randint(1, 28), rng.randint(8, 22), rng.randint(0, 59))
            jobs.append(browser.PrintJob(page.html, page.encoding, page.url, folder / name, when, rng.choice(["zh", "zh", "en"])))
            add(name, "browser_pdf", style, page.variants + ["browser_header_footer", "type3_fonts"])
        if "crawl_md" in kinds:
            # shifted every len(TEMPLATES) reports, so that every crawler meets every page template
            md = crawl.render(page, MD_STYLES[(idx + idx // len(portal.TEMPLATES)) % len(MD_STYLES)])
            name = _url_file(page.url, md.ext)
            (folder / name).write_text(md.text, encoding="utf-8")
            add(name, "crawl_md", md.style, md.variants)
        if "crawl_txt" in kinds:
            txt = crawl.render(page, TXT_STYLES[idx % len(TXT_STYLES)])
            name = _url_file(page.url, txt.ext)
            (folder / name).write_text(txt.text, encoding="utf-8")
            add(name, "crawl_txt", txt.style, txt.variants)
        if "docx" in kinds and idx % 3 == 1 and (not fixture or idx < 6):
            name = f"P0{r.published:%Y%m%d}{rng.randint(100000000, 999999999)}.docx"
            made = dt.datetime(r.published.year, r.published.month, r.published.day, rng.randint(8, 17), rng.randint(0, 59))
            office.write_docx(blocks, folder / name, made, landscape_part4=rng.random() < 0.3)
            add(name, "docx", "python-docx", [])
            if "office_pdf" in kinds and office.soffice() and (not fixture or idx == 1):
                pdf = f"W0{r.published:%Y%m%d}{rng.randint(100000000, 999999999)}.pdf"
                docx_jobs.append((folder / name, folder / pdf))
                add(pdf, "office_pdf", "libreoffice", [])
        files_of[r.n] = files
    print(f"printing {len(jobs)} pages with Chromium…", file=sys.stderr)
    browser.print_pages(jobs)
    if docx_jobs:
        print(f"converting {len(docx_jobs)} Word files with LibreOffice…", file=sys.stderr)
        office.convert_pdfs(docx_jobs, dt.datetime(2025, 3, 1, 9, 0))
    for r in reports:
        (out / r.name / "truth.yaml").write_text(truth_yaml(r, files_of[r.n]), encoding="utf-8")
    return [row for row in rows if (out / row["report"].name / row["file"]).exists()]


def write_index(rows: list[dict], out: Path) -> None:
    lines = ["\t".join(COLUMNS)]
    for row in rows:
        r: Report = row["report"]
        lines.append("\t".join([
            r.name, row["file"], row["kind"], row["style"], r.agency.full_name(r.year), r.agency.key,
            r.agency.county.city + r.agency.county.name, str(r.year),
            r.template, r.agency.kind, "" if r.blank else str(r.tables["requests"]["received_new"][6]),
            ",".join(row["variants"]), " ".join(map(str, r.inconsistent or [])),
        ]))
    (out / "index.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--count", type=int, default=80)
    ap.add_argument("--kinds", default=",".join(KINDS), help="comma-separated: " + ",".join(KINDS))
    ap.add_argument("--fixture", action="store_true", help="the committed subset: every kind, one browser and one office PDF")
    a = ap.parse_args(argv)
    out = a.out or default_out()
    kinds = {k for k in a.kinds.split(",") if k}
    bad = kinds - set(KINDS)
    if bad:
        ap.error(f"unknown kind(s): {', '.join(sorted(bad))}")
    if out.exists():
        if not (out / "index.tsv").exists() and any(out.iterdir()):
            ap.error(f"{out} exists and is not a held-out corpus (no index.tsv): not emptying it")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    reports = plan_reports(a.seed, a.count)
    rows = render_all(reports, out, a.seed, kinds, a.fixture)
    write_index(rows, out)
    if a.fixture:
        cmd = f"python -m bench.heldout.make --out {a.out} --seed {a.seed} --count {a.count} --fixture"
        (out / "README.md").write_text(FIXTURE_README.format(cmd=cmd), encoding="utf-8")
    per = {k: sum(1 for r in rows if r["kind"] == k) for k in KINDS}
    print(f"{len(reports)} reports, {len(rows)} documents in {out}: " + ", ".join(f"{k} {n}" for k, n in per.items()))
    if "office_pdf" in kinds and not office.soffice():
        print("office_pdf skipped: LibreOffice (soffice) is not installed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
