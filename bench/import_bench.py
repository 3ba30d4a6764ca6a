"""Accuracy and speed of ``xxgk import`` (``make bench-import``).

Accuracy: every document of the corpus (tests/data/import/docs, made by make_corpus.py from
the truth files beside them), the five seeds (content/originals → content/reports) and the
two real PDFs (tests/data/real, copies of shared/real) is read and recognised
without writing anything; every table cell is compared with the truth. Printed: cell
accuracy per format and per part, agency/year/template accuracy, and wrong numbers written
without a finding (must be zero).

The wild sample (shared/corpus/wild, or $XXGK_SHARED/corpus/wild, when it is there): every
form of every report (portal page, Word file, office PDF, browser PDF, scan) through
``xxgk import`` into a content folder per form, scored by the project's own
``shared/tools/score_import.py``, with agency and year checked per document (the held-out
scorer's ``score_kind``) and the seconds the import took. The held-out corpus and scans have
benchmarks of their own (``bench.heldout``, ``bench.scan_bench``); ``make bench-import`` runs
all three.

Speed: pages per second of read + recognise on the corpus and real PDFs, against pdfplumber's
own ``extract_text`` + ``extract_tables`` on the same pages (median of several runs), and the
peak memory (max RSS of a child process) importing a 50-page PDF made on the fly.

    .venv/bin/python -m bench.import_bench [--runs 5] [--no-speed] [--no-wild]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import yamlio  # noqa: E402
from generator.importer import parse_file  # noqa: E402
from generator.model import spec  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "import"
REAL = ROOT / "tests" / "data" / "real"  # the two real PDFs, committed beside their truth
PARTS = {"proactive": "第二部分", "requests": "第三部分", "review_litigation": "第四部分"}


def cases() -> list[tuple[str, Path, Path]]:
    """(format label, document, truth yaml)."""
    out = []
    for doc in sorted((CORPUS / "docs").glob("*")):
        name, layout = doc.name.split(".", 1)
        out.append((f"corpus {layout}", doc, CORPUS / "truth" / f"{name}.yaml"))
    for orig in sorted((ROOT / "content" / "originals").glob("*/*")):
        out.append(("seed txt", orig, ROOT / "content" / "reports" / orig.parent.name / f"{orig.stem}.yaml"))
    for pdf in sorted(REAL.glob("hongze-*.pdf")):
        out.append(("real pdf", pdf, ROOT / "tests" / "data" / "real" / f"{pdf.stem}.yaml"))
    return out


def compare(parsed: Any, truth: dict[str, Any]) -> dict[str, Any]:
    report = parsed.report
    res: dict[str, Any] = {"cells": defaultdict(lambda: [0, 0]), "silent": [], "wrong": []}
    flagged = {n.field for n in parsed.notes if n.field} | set(parsed.unread)
    for table in PARTS:
        want = truth.get(table) or {}
        got = (getattr(report, table) or {}) if report else {}
        for row, cells in want.items():
            if row.endswith(spec.AS_PRINTED_SUFFIX):
                continue
            for i, value in enumerate(cells):
                have = got.get(row, [None] * len(cells))
                have_value = have[i] if i < len(have) else None
                ok = have_value == value and type(have_value) is type(value) or (
                    isinstance(value, (int, float)) and isinstance(have_value, (int, float)) and have_value == value
                )
                res["cells"][table][0] += ok
                res["cells"][table][1] += 1
                if not ok:
                    res["wrong"].append(f"{table}.{row}[{i}]: {have_value!r} ≠ {value!r}")
                    if have_value is not None and f"{table}.{row}" not in flagged and not any(
                        f.startswith(f"{table}.{row}.") for f in flagged
                    ):
                        res["silent"].append(f"{table}.{row}[{i}]")
    res["agency"] = bool(report) and report.agency_name == truth.get("agency_name")
    res["year"] = bool(report) and report.year == truth.get("year")
    res["template"] = bool(report) and report.template == truth.get("template")
    return res


def accuracy(verbose: bool) -> bool:
    by_format: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_part: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    meta = defaultdict(lambda: [0, 0])
    silent_total = 0
    for label, doc, truth_file in cases():
        loaded, _ = yamlio.load_file(truth_file, str(truth_file))
        truth = loaded.data if loaded else {}
        parsed = parse_file(doc, None, None)
        if parsed.report is None:
            print(f"  失败 {doc.name}: {parsed.error}")
        res = compare(parsed, truth)
        for table, (ok, n) in res["cells"].items():
            by_format[label][0] += ok
            by_format[label][1] += n
            by_part[PARTS[table]][0] += ok
            by_part[PARTS[table]][1] += n
        for key in ("agency", "year", "template"):
            meta[key][0] += res[key]
            meta[key][1] += 1
        silent_total += len(res["silent"])
        if verbose and (res["wrong"] or not all(res[k] for k in ("agency", "year", "template"))):
            print(f"  {doc.name}: {len(res['wrong'])} 格不符 {res['wrong'][:6]} agency={res['agency']} year={res['year']} template={res['template']}")
    print("\n单元格准确率（按格式）")
    for label, (ok, n) in sorted(by_format.items()):
        print(f"  {label:<22} {ok:>5}/{n:<5} {100 * ok / n:7.2f} %")
    print("单元格准确率（按部分）")
    for label, (ok, n) in by_part.items():
        print(f"  {label:<22} {ok:>5}/{n:<5} {100 * ok / n:7.2f} %")
    print("机关、年度、格式版本")
    for key, (ok, n) in meta.items():
        print(f"  {key:<22} {ok:>5}/{n:<5} {100 * ok / n:7.2f} %")
    print(f"没有任何提示的错误数字：{silent_total}")
    return silent_total == 0


def _pdfs() -> list[Path]:
    return sorted((CORPUS / "docs").glob("*.pdf")) + sorted(REAL.glob("hongze-*.pdf"))


def _raw(pdf: Path) -> int:
    import pdfplumber

    with pdfplumber.open(pdf) as p:
        for page in p.pages:
            page.extract_text()
            page.extract_tables()
        return len(p.pages)


def _ours(pdf: Path) -> int:
    parsed = parse_file(pdf, None, None)
    import pdfplumber

    with pdfplumber.open(pdf) as p:
        return len(p.pages) if parsed.report else 0


def speed(runs: int) -> None:
    pdfs = _pdfs()
    pages = 0
    import pdfplumber

    for pdf in pdfs:
        with pdfplumber.open(pdf) as p:
            pages += len(p.pages)
    raw, ours = [], []
    for _ in range(runs):
        t = time.perf_counter()
        for pdf in pdfs:
            _raw(pdf)
        raw.append(time.perf_counter() - t)
        t = time.perf_counter()
        for pdf in pdfs:
            parse_file(pdf, None, None)
        ours.append(time.perf_counter() - t)
    r, o = statistics.median(raw), statistics.median(ours)
    print(f"\n速度（{len(pdfs)} 个 PDF 共 {pages} 页，{runs} 次的中位数）")
    print(f"  pdfplumber extract_text+extract_tables  {pages / r:7.1f} 页/秒")
    print(f"  xxgk 导入（读取+识别）                  {pages / o:7.1f} 页/秒   = {100 * r / o:.0f} % of pdfplumber")


def memory() -> None:
    """Peak RSS importing a 50-page PDF (several reports printed one after another)."""
    sys.path.insert(0, str(CORPUS))
    from make_corpus import CASES, chromium_pdf, render_html, truth  # type: ignore[import-not-found]

    r = truth(CASES[1])
    page = render_html(r, chrome=False)
    body = page.split("<body>", 1)[1].rsplit("</body>", 1)[0]
    # The report once, then printed again and again after it (as part 6): 50 pages in one file.
    long_html = page.replace("</body>", (body * 18) + "</body>")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "long.html"
        src.write_text(long_html, encoding="utf-8")
        pdf = Path(tmp) / "long.pdf"
        chromium_pdf(src, pdf, header_footer=False)
        code = (
            f"import resource,sys;sys.path.insert(0,{str(ROOT)!r});from generator.importer import parse_file;"
            f"from pathlib import Path;import pdfplumber;n=len(pdfplumber.open({str(pdf)!r}).pages);"
            f"p=parse_file(Path({str(pdf)!r}),None,None);"
            "print(n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss//1024, p.report is not None)"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        print(f"\n内存：导入 {out[0]} 页的 PDF，峰值 {out[1]} MB（读出报告：{out[2]}）")


FRESH_AGENCIES = (
    "示例市东城区人民政府", "示例县交通运输局", "示例县河口镇人民政府", "示例县北关街道办事处",
    "示例县教育局", "示例县卫生健康委员会", "示例县白石乡人民政府", "示例县自然资源局",
)


def fresh(n: int, seed: int, verbose: bool) -> None:
    """Documents never seen while the importer was written: new numbers, agencies, years and
    template variants, printed in every layout into a temporary folder and imported."""
    import random

    sys.path.insert(0, str(CORPUS))
    from make_corpus import LAYOUTS, truth, write_documents  # type: ignore[import-not-found]

    rng = random.Random(seed)
    by_format: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    meta = defaultdict(lambda: [0, 0])
    silent = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(n):
            year = rng.randint(2019, 2024)
            template = "gb2019" if year <= 2020 else "gb2021"
            case = (f"fresh{seed}-{i}", rng.choice(FRESH_AGENCIES), year, template, rng.random() < 0.5, rng.random() < 0.15)
            r = truth(case)
            truth_data = yamlio.load_text(yamlio.dumps_report(r.to_data()), "t")[0].data  # type: ignore[union-attr]
            write_documents(r, case[0], folder, LAYOUTS, brk=rng.choice(["newline", "space", "none"]))
            for doc in sorted(folder.glob(f"{case[0]}.*")):
                layout = doc.name.split(".", 1)[1]
                parsed = parse_file(doc, None, None)
                res = compare(parsed, truth_data)
                for ok, total in res["cells"].values():
                    by_format[layout][0] += ok
                    by_format[layout][1] += total
                for key in ("agency", "year", "template"):
                    meta[key][0] += res[key]
                    meta[key][1] += 1
                silent += len(res["silent"])
                if verbose and res["wrong"]:
                    print(f"  {doc.name}: {res['wrong'][:5]}")
    print(f"\n从未见过的文档（{n} 份新报告 × {len(LAYOUTS)} 种版式，种子 {seed}）")
    for label, (ok, total) in sorted(by_format.items()):
        print(f"  {label:<22} {ok:>5}/{total:<5} {100 * ok / total:7.2f} %")
    for key, (ok, total) in meta.items():
        print(f"  {key:<22} {ok:>5}/{total:<5} {100 * ok / total:7.2f} %")
    print(f"  没有任何提示的错误数字：{silent}")


WILD_FORMS = {  # file in a wild sample folder → the kind of document it is
    "report.html": "portal_html", "report.docx": "docx", "report.pdf": "office_pdf",
    "report-chromium.pdf": "browser_pdf", "report-scanned.pdf": "scanned_pdf",
}


def wild(verbose: bool) -> None:
    """The wild sample, form by form, through ``xxgk import`` and the project's scorer."""
    from .heldout.score import line, score_kind, shared_dir

    folder = shared_dir() / "corpus" / "wild"
    if not (folder / "index.tsv").exists():
        print(f"\n野外样本：{folder} 不存在，略过")
        return
    import csv

    with open(folder / "index.tsv", encoding="utf-8", newline="") as f:
        sample = list(csv.DictReader(f, delimiter="\t"))
    print(f"\n野外样本（{folder}，按文档形式，score_import.py 计分）")
    with tempfile.TemporaryDirectory() as tmp:
        for file, kind in WILD_FORMS.items():
            rows = [
                {"name": r["name"], "file": file, "kind": kind, "agency_key": r["agency"], "county": "", "year": r["year"], "style": kind}
                for r in sample if file in r["files"].split()
            ]
            if rows:
                res = score_kind(kind, rows, folder, Path(tmp), verbose)
                print(line(kind, res) + f"（{res['seconds']:.1f} 秒，每份 {res['seconds'] / len(rows):.1f} 秒）", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--no-wild", action="store_true", help="skip the wild sample")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--fresh", type=int, default=6, help="new reports to print and import (0: none)")
    ap.add_argument("--seed", type=int, default=int(time.strftime("%Y%m%d")))
    args = ap.parse_args()
    ok = accuracy(args.verbose)
    if not args.no_wild:
        wild(args.verbose)
    if args.fresh:
        fresh(args.fresh, args.seed, args.verbose)
    if not args.no_speed:
        speed(args.runs)
        memory()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
