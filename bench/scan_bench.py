"""Scanned reports: cells right and seconds per page, per OCR engine (``make bench-scan``).

Documents: 001's own scan (``shared/corpus/wild/001_*/report-scanned.pdf``) and the eight wild
office PDFs scanned by ``tests/data/scan/make_scans.py`` (grey at 150, 200 and 300 dpi, and
black-and-white at 200 dpi; written once into ``.cache/scans``, the same bytes every time). Every document is read by the scan reader
with each engine — the same page images, grids and line crops, only the recogniser differs —
then recognised by the extract stage as ``xxgk import`` does, and every table cell is compared
with the report's ``truth.yaml`` the way ``shared/tools/score_import.py`` compares it.

Printed per engine: cells right, non-zero cells right, documents perfect, the body text's
similarity to the truth (difflib ratio of parts 1, 5, 6), and seconds per page (reading only:
render, grids, OCR), the median of ``--runs`` runs of each document, summed over documents and
divided by their pages, in wall-clock time and in CPU time (which other work on a shared
machine touches less); the engines run one after the other on each document, and the median
of the run-by-run ratio of their times is printed too.

    .venv/bin/python -m bench.scan_bench [--runs 3] [--engines rapidocr,tesseract] [--quick]
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from generator.extract.run import extract  # noqa: E402
from generator.ingest.document import ReadError  # noqa: E402
from generator.ingest.read_scan import read_scan  # noqa: E402

SHARED = Path(os.environ.get("XXGK_SHARED", ROOT.parent / "shared"))
WILD = SHARED / "corpus" / "wild"
CACHE = ROOT / ".cache" / "scans"
TABLES = ("proactive", "requests", "review_litigation")


def _make_scans():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_scans", ROOT / "tests" / "data" / "scan" / "make_scans.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["make_scans"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def documents(quick: bool) -> list[tuple[str, Path, Path]]:
    """(label, scanned PDF, truth.yaml); scans made into the cache when missing."""
    out = [("001 own scan", p, p.parent / "truth.yaml") for p in sorted(WILD.glob("*/report-scanned.pdf"))]
    make = _make_scans()
    scanners = ["office150"] if quick else list(make.BENCH_SCANNERS)
    for pdf in make.reports():
        for key in scanners:
            target = CACHE / f"{pdf.parent.name}.{key}.pdf"
            if not target.exists():
                make.scan(pdf, target, make.SCANNERS[key])
            out.append((f"{pdf.parent.name[:3]} {key}", target, pdf.parent / "truth.yaml"))
    return out


def cpu_time() -> float:
    """CPU seconds of this process and of its finished children (tesseract runs as one)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def page_count(pdf: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) or isinstance(b, str):
        return str(a).strip() == str(b).strip()
    try:
        return abs(float(a) - float(b)) < 1e-6
    except (TypeError, ValueError):
        return False


def score(report: dict[str, Any], truth: dict[str, Any]) -> tuple[int, int, int, int, list[str]]:
    """Cells right, cells, non-zero right, non-zero cells, and what was wrong."""
    right = total = nz_right = nz = 0
    wrong = []
    for t in TABLES:
        for key, cells in (truth.get(t) or {}).items():
            if not isinstance(cells, list):
                continue
            got = (report.get(t) or {}).get(key)
            got = got if isinstance(got, list) else [None] * len(cells)
            for i, want in enumerate(cells):
                g = got[i] if i < len(got) else None
                ok = _same(g, want)
                total += 1
                right += ok
                if isinstance(want, (int, float)) and want != 0:
                    nz += 1
                    nz_right += ok
                if not ok:
                    wrong.append(f"{t}.{key}[{i}] want {want} got {g}")
    return right, total, nz_right, nz, wrong


def text_similarity(report: dict[str, Any], truth: dict[str, Any]) -> float:
    def text(d: dict[str, Any]) -> str:
        return "".join("".join(str(d.get(k) or "").split()) for k in ("overview", "problems", "other"))

    return difflib.SequenceMatcher(None, text(report), text(truth), autojunk=False).ratio()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--engines", default="rapidocr,tesseract")
    ap.add_argument("--quick", action="store_true", help="001's scan and the 150 dpi scans only")
    ap.add_argument("--only", help="only documents whose label contains this (e.g. bilevel200)")
    ap.add_argument("--verbose", action="store_true", help="print every wrong cell")
    args = ap.parse_args(argv)
    engines = args.engines.split(",")
    docs = [d for d in documents(args.quick) if not args.only or args.only in d[0]]
    print(f"{len(docs)} scanned documents, engines {', '.join(engines)}, {args.runs} runs each")
    cells: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])  # right, total, nz right, nz, perfect
    sims: dict[str, list[float]] = defaultdict(list)
    seconds: dict[str, float] = defaultdict(float)
    cpu_seconds: dict[str, float] = defaultdict(float)  # CPU time: less touched by other work on the machine
    ratios: list[float] = []
    pages = 0
    for label, pdf, truth_file in docs:
        truth = yaml.safe_load(truth_file.read_text(encoding="utf-8"))
        times: dict[str, list[float]] = defaultdict(list)
        cpus: dict[str, list[float]] = defaultdict(list)
        line = [f"{label:<22}"]
        n_pages = page_count(pdf)
        for run in range(args.runs):
            for engine in engines:
                t, cpu = time.perf_counter(), cpu_time()
                doc = read_scan(pdf, n_pages, engine=engine)
                times[engine].append(time.perf_counter() - t)
                cpus[engine].append(cpu_time() - cpu)
                if run:
                    continue
                try:
                    report = extract(doc, "x").report.to_data()
                except ReadError as e:
                    report = {}
                    print(f"    {engine}: not imported: {e.message}")
                r, n, nzr, nz, wrong = score(report, truth)
                c = cells[engine]
                c[0] += r
                c[1] += n
                c[2] += nzr
                c[3] += nz
                c[4] += r == n
                sim = text_similarity(report, truth)
                sims[engine].append(sim)
                line.append(f"{engine} {r}/{n} non-zero {nzr}/{nz} text {sim:.3f}")
                if args.verbose:
                    for w in wrong:
                        print(f"    {engine}: {w}")
            if len(engines) == 2:
                ratios.append(times[engines[1]][-1] / times[engines[0]][-1])
        pages += n_pages
        for engine in engines:
            med = statistics.median(times[engine])
            seconds[engine] += med
            cpu_seconds[engine] += statistics.median(cpus[engine])
            line.append(f"{engine} {med / n_pages:.2f} s/page")
        print("  ".join(line), flush=True)
    print()
    print(f"{'engine':<10} {'cells right':>20} {'non-zero right':>18} {'docs perfect':>13} {'text':>6} {'s/page':>7} {'cpu s/page':>10}")
    for engine in engines:
        r, n, nzr, nz, perfect = cells[engine]
        print(
            f"{engine:<10} {r:>6}/{n:<5} {100 * r / max(n, 1):6.2f}% {nzr:>5}/{nz:<4} {100 * nzr / max(nz, 1):6.2f}% "
            f"{perfect:>6}/{len(docs):<6} {statistics.mean(sims[engine]):6.3f} {seconds[engine] / pages:7.2f} "
            f"{cpu_seconds[engine] / pages:10.2f}"
        )
    if ratios:
        print(f"{engines[1]} / {engines[0]} time, median of run-by-run ratios: {statistics.median(ratios):.2f}")
    print(f"{pages} pages; s/page = median of {args.runs} runs per document, summed, over pages (reading only);")
    print("cpu s/page: CPU time of the reading (tesseract's processes included) likewise")
    return 0


if __name__ == "__main__":
    sys.exit(main())
