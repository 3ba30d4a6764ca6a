"""Benchmark: ``xxgk build`` (search index included) against Hugo and mkdocs-material.

    python -m bench.build_bench [--sizes 50x7,300x7,3000x7] [--runs 3] [--large-runs 1]
                                [--tools xxgk,xxgk-before,xxgk-jobs1,hugo,hugo+pagefind,mkdocs]
                                [--before REV] [--mkdocs-venv DIR]

Each size is generated once with ``bench.synth.write_portal``. The same reports are written
as Markdown pages (the six parts, parts 2–4 as pipe tables) for Hugo (the Debian package
``hugo``, a minimal layout written here) and for mkdocs-material (installed with pip into a
separate virtualenv, never the project's; default /tmp/xxgk-bench-mkdocs-venv). Every tool
builds in a fresh process ``--runs`` times (sizes above 5,000 reports ``--large-runs`` times);
reported are the median wall time, HTML pages per second, and the median peak resident memory
of the process tree (``wait4``: the largest of the process and the children it waited for,
e.g. xxgk's Pagefind). Against each peer two ratios are printed: of the median times, and the
median of the run-by-run ratios (run i of both tools came one after the other, so a drift in
the machine's speed between runs touches both). Hugo has no search index of its own: ``hugo`` is Hugo alone, and
``hugo+pagefind`` is Hugo followed by the same Pagefind (``pagefind[extended]``, Chinese) over
its output (the layout marks ``<main>`` as the part to index), which is how a Hugo site gets
offline search: the peer for "a full build, search index included". mkdocs-material builds its
lunr index. ``xxgk-before`` is xxgk as it was at git revision ``--before`` (exported with
``git archive`` into a temporary folder and run from there), so a change is measured against
the code before it in the same run; its time, peak-memory and CPU-time ratios are printed too.
``xxgk-jobs1`` is xxgk with one process (``--jobs 1``): what the worker pool gains. CPU seconds
(user + system of the process and the children it waited for) are printed beside the wall
time: on a machine shared with other work they change far less than the wall time does.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from generator.content import load_content
from generator.model import spec
from generator.model.report import Report
from generator.pages.tables import format_number

from .synth import write_portal

ROOT = Path(__file__).resolve().parent.parent
LARGE = 5000


def run_once(argv: list[str], cwd: Path | None = None, timeout: float | None = None) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MB) and CPU seconds (user + system) of one command and the
    children it waited for (CPU time hardly changes with what else the machine is doing)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        err = proc.stderr.read().decode("utf-8", "replace")[-2000:] if proc.stderr else ""
        raise SystemExit(f"failed: {' '.join(argv)}\n{err}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def html_pages(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*.html") if "pagefind" not in p.parts)


# --- the same reports as Markdown ------------------------------------------------------------


def markdown(report: Report) -> str:
    out = [f"# {report.title}", ""]
    if report.preamble:
        out += [report.preamble, ""]
    for key, _number, heading in spec.TEXT_PARTS[:1]:
        out += [f"## {heading}", "", getattr(report, key) or "", ""]
    for table in report.spec.tables:
        out += [f"## {table.title}", ""]
        rows = report.table(table.key) or {}
        groups: list[list[spec.Row]] = []
        for row in table.rows:
            if row.key not in rows:
                continue
            if groups and groups[-1][0].columns == row.columns:
                groups[-1].append(row)
            else:
                groups.append([row])
        for group in groups:
            out.append("| 项目 | " + " | ".join(c.full_label for c in group[0].columns) + " |")
            out.append("|---|" + "---:|" * len(group[0].columns))
            for row in group:
                out.append(f"| {row.full_label} | " + " | ".join(format_number(v) for v in rows[row.key]) + " |")
            out.append("")
    for key, _number, heading in spec.TEXT_PARTS[1:]:
        out += [f"## {heading}", "", getattr(report, key) or "", ""]
    return "\n".join(out)


HUGO_CONFIG = """baseURL = "/"
languageCode = "zh-CN"
title = "合成测试门户"
hasCJKLanguage = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
[markup.goldmark.renderer]
unsafe = false
"""
HUGO_BASEOF = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><header><a href="{{ "" | relURL }}">{{ site.Title }}</a></header><main data-pagefind-body>{{ block "main" . }}{{ end }}</main></body></html>
"""
HUGO_SINGLE = '{{ define "main" }}{{ .Content }}{{ end }}\n'
HUGO_LIST = '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n'


def write_hugo(folder: Path, reports: list[Report]) -> None:
    (folder / "layouts/_default").mkdir(parents=True)
    (folder / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    (folder / "layouts/_default/baseof.html").write_text(HUGO_BASEOF, encoding="utf-8")
    (folder / "layouts/_default/single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (folder / "layouts/_default/list.html").write_text(HUGO_LIST, encoding="utf-8")
    (folder / "layouts/index.html").write_text(HUGO_LIST.replace("define \"main\"", "define \"main\""), encoding="utf-8")
    for r in reports:
        page = folder / "content/reports" / r.agency / f"{r.year}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        if not (page.parent / "_index.md").exists():
            (page.parent / "_index.md").write_text(f'---\ntitle: "{r.agency_name or r.agency}"\n---\n', encoding="utf-8")
        page.write_text(f'---\ntitle: "{r.title}"\n---\n\n' + markdown(r), encoding="utf-8")


def write_mkdocs(folder: Path, reports: list[Report]) -> None:
    docs = folder / "docs"
    (docs / "reports").mkdir(parents=True)
    (docs / "index.md").write_text("# 合成测试门户\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(
        "site_name: 合成测试门户\ntheme:\n  name: material\n  language: zh\nplugins:\n  - search\n", encoding="utf-8"
    )
    for r in reports:
        page = docs / "reports" / r.agency / f"{r.year}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(markdown(r), encoding="utf-8")


def mkdocs_venv(folder: Path) -> Path:
    exe = folder / "bin" / "mkdocs"
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
        subprocess.run([str(folder / "bin/pip"), "install", "-q", "mkdocs-material"], check=True)
    return exe


# --- measuring -------------------------------------------------------------------------------

XXGK = "import sys; from generator.build import build; build(sys.argv[1], sys.argv[2], jobs=int(sys.argv[3]) or None)"
# an earlier revision: its source folder first on the path; its build function where it was then
XXGK_BEFORE = (
    "import sys; sys.path.insert(0, sys.argv[3])\n"
    "try:\n    from generator.build import build\n"
    "except ImportError:\n    from generator.render.write import build\n"
    "build(sys.argv[1], sys.argv[2])"
)


def export_revision(rev: str, folder: Path) -> Path:
    """The repository's files at ``rev`` in ``folder`` (``git archive``)."""
    folder.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def measure(jobs: list[tuple[str, list[str], Path, Path | None]], runs: int) -> list[dict[str, Any]]:
    """Run every job ``runs`` times, taking turns (job 1, job 2, …, job 1, …) so that a change
    in the machine's load touches every tool alike. Before each run the previous output is
    removed and the disk cache flushed (``sync``), outside the timing."""
    times: dict[str, list[float]] = {name: [] for name, *_ in jobs}
    peaks: dict[str, list[float]] = {name: [] for name, *_ in jobs}
    cpus: dict[str, list[float]] = {name: [] for name, *_ in jobs}
    for _ in range(runs):
        for name, argv, out, cwd in jobs:
            shutil.rmtree(out, ignore_errors=True)
            os.sync()
            seconds, peak, cpu = run_once(argv, cwd)
            times[name].append(seconds)
            peaks[name].append(peak)
            cpus[name].append(cpu)
    results = []
    for name, _argv, out, _cwd in jobs:
        pages = html_pages(out)
        t = statistics.median(times[name])
        results.append({"tool": name, "pages": pages, "seconds": t, "pages_per_s": pages / t,
                        "peak_mb": statistics.median(peaks[name]), "cpu": statistics.median(cpus[name]),
                        "runs": runs, "all": times[name]})
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300x7", help="agencies x years, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--large-runs", type=int, default=1)
    parser.add_argument("--tools", default="xxgk,hugo,hugo+pagefind,mkdocs")
    parser.add_argument("--before", default=None, help="git revision (or source folder) measured as xxgk-before")
    parser.add_argument("--mkdocs-venv", type=Path, default=Path(tempfile.gettempdir()) / "xxgk-bench-mkdocs-venv")
    args = parser.parse_args()
    tools = args.tools.split(",")
    mkdocs = mkdocs_venv(args.mkdocs_venv) if "mkdocs" in tools else None
    hugo = shutil.which("hugo")
    if ("hugo" in tools or "hugo+pagefind" in tools) and not hugo:
        raise SystemExit("hugo 未安装（Debian 软件包 hugo）")
    before_src = None
    if "xxgk-before" in tools:
        if not args.before:
            raise SystemExit("xxgk-before needs --before REV")
        given = Path(args.before)
        before_src = given if (given / "generator").is_dir() else export_revision(
            args.before, Path(tempfile.mkdtemp(prefix="xxgk-bench-before-")))
    print(f"{'portal':>8} {'reports':>8} {'tool':>13} {'pages':>7} {'median s':>9} {'pages/s':>8} {'peak MB':>8} "
          f"{'CPU s':>7} runs")
    for size in args.sizes.split(","):
        agencies, years = (int(x) for x in size.split("x"))
        with tempfile.TemporaryDirectory(prefix="xxgk-bench-") as tmp:
            work = Path(tmp)
            n = write_portal(work / "content", agencies, range(2019, 2019 + years))
            runs = args.runs if n <= LARGE else args.large_runs
            reports = load_content(work / "content").reports
            jobs = []
            if "xxgk" in tools:
                jobs.append(("xxgk", [sys.executable, "-c", XXGK, str(work / "content"), str(work / "site"), "0"],
                             work / "site", ROOT))
            if "xxgk-jobs1" in tools:  # the same with one process: what the worker pool gains
                jobs.append(("xxgk-jobs1", [sys.executable, "-c", XXGK, str(work / "content"), str(work / "site1"), "1"],
                             work / "site1", ROOT))
            if before_src is not None:
                jobs.append(("xxgk-before", [sys.executable, "-c", XXGK_BEFORE, str(work / "content"),
                                             str(work / "site-before"), str(before_src)], work / "site-before", before_src))
            if "hugo" in tools or "hugo+pagefind" in tools:
                write_hugo(work / "hugo", reports)
                hugo_argv = [hugo, "--source", str(work / "hugo"), "--destination", str(work / "hugo-out"), "--quiet"]
            if "hugo" in tools:
                jobs.append(("hugo", hugo_argv, work / "hugo-out", None))
            if "hugo+pagefind" in tools:
                pagefind = [sys.executable, "-m", "pagefind", "--site", str(work / "hugo-out"), "--silent"]
                script = f"{shlex.join(hugo_argv)} && {shlex.join(pagefind)}"
                jobs.append(("hugo+pagefind", ["sh", "-c", script], work / "hugo-out", None))
            if "mkdocs" in tools and mkdocs:
                write_mkdocs(work / "mk", reports)
                jobs.append(("mkdocs", [str(mkdocs), "build", "-q", "-f", str(work / "mk/mkdocs.yml"),
                                        "-d", str(work / "mk-out")], work / "mk-out", None))
            results = measure(jobs, runs)
            base = {r["tool"]: r["seconds"] for r in results}
            peak = {r["tool"]: r["peak_mb"] for r in results}
            cpu = {r["tool"]: r["cpu"] for r in results}
            for r in results:
                print(f"{size:>8} {n:>8} {r['tool']:>13} {r['pages']:>7} {r['seconds']:>9.1f} {r['pages_per_s']:>8.0f} "
                      f"{r['peak_mb']:>8.0f} {r['cpu']:>7.1f} {r['runs']} ({', '.join(f'{t:.1f}' for t in r['all'])})",
                      flush=True)
            runs_of = {r["tool"]: r["all"] for r in results}
            if "xxgk" in base:
                if "xxgk-before" in base:
                    print(f"{size:>8} xxgk / xxgk-before: peak memory {peak['xxgk'] / peak['xxgk-before']:.2f}, "
                          f"CPU seconds {cpu['xxgk'] / cpu['xxgk-before']:.2f}", flush=True)
                for peer in ("xxgk-before", "xxgk-jobs1", "hugo+pagefind", "hugo", "mkdocs"):
                    if peer in base:
                        # Run i of each tool came one after the other: their ratio is the least
                        # touched by the machine's speed drifting between runs.
                        paired = sorted(x / y for x, y in zip(runs_of["xxgk"], runs_of[peer], strict=True))
                        print(f"{size:>8} xxgk / {peer}: {base['xxgk'] / base[peer]:.2f} (median time ratio); "
                              f"run by run {statistics.median(paired):.2f} median "
                              f"({', '.join(f'{q:.2f}' for q in paired)})", flush=True)


if __name__ == "__main__":
    main()
