"""Benchmark: ``xxgk serve`` on a synthetic portal: edit-to-served latency, first build, memory.

    python -m bench.serve_bench [--agencies 300] [--years 7] [--edits 100] [--builds 3]

A portal of ``--agencies`` × ``--years`` reports is written by ``bench.synth.write_portal``.

* **First build**: ``xxgk build`` (search index included) in a fresh process, ``--builds``
  times, median wall time; and ``xxgk serve`` from its start to printing its address (its
  first build is the same full build, search index included), as many times, interleaved
  with the builds.
* **Edit latency**: in one running ``serve``, ``--edits`` edits, each to another report
  (cycling through agencies and years): a new sentence is added to the report's overview and
  the file saved (written and closed); then the report's page is requested over HTTP every
  5 ms until it holds the new sentence. Latency is from the save to the first response
  holding it, i.e. what the browser would get when it reloads. Median and 90th percentile.
* **Memory**: resident memory (``VmRSS`` of /proc) of the ``serve`` process after its first
  build, after the first 10 edits, and after all edits; the target is that it does not grow.

The serve process is started as ``python -c`` on the command module, so the benchmark works
whether or not ``serve`` is listed in the CLI yet.
"""

from __future__ import annotations

import argparse
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from .build_bench import run_once
from .synth import write_portal

ROOT = Path(__file__).resolve().parent.parent
SERVE = (
    "import sys, argparse; from generator.commands import serve; p = argparse.ArgumentParser(); "
    "serve.add_arguments(p); sys.exit(serve.run(p.parse_args(sys.argv[1:])))"
)


def start_serve(content: Path) -> tuple[subprocess.Popen[str], str, float]:
    """A running ``serve`` on a free port, its address, and seconds until it printed it."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(content), "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        found = re.search(r"预览地址：(http://\S+/)", line)
        if found:
            return proc, found.group(1), time.perf_counter() - start
    raise SystemExit("serve stopped before printing its address")


def stop(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=60)
    if proc.returncode != 0:
        raise SystemExit(f"serve exited with {proc.returncode}")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def served(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as r:
        return r.read()


def edit_latency(content: Path, url: str, agency: str, year: int, n: int) -> float:
    file = content / "reports" / agency / f"{year}.yaml"
    text = file.read_text(encoding="utf-8")
    mark = f"基准测试第{n}次修改。"
    new = re.sub(
        r"(overview: \|\n)(  基准测试第\d+次修改。\n)?", lambda m: m.group(1) + f"  {mark}\n", text, count=1
    )
    assert new != text
    page = url + f"reports/{agency}/{year}.html"
    with file.open("w", encoding="utf-8") as f:
        f.write(new)
    saved = time.perf_counter()
    deadline = saved + 30
    while mark.encode() not in served(page):
        if time.perf_counter() > deadline:
            raise SystemExit(f"edit {n} of {file} not served after 30 s")
        time.sleep(0.005)
    return time.perf_counter() - saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--agencies", type=int, default=300)
    parser.add_argument("--years", type=int, default=7)
    parser.add_argument("--edits", type=int, default=100)
    parser.add_argument("--builds", type=int, default=3)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="xxgk-serve-bench-") as tmp:
        content = Path(tmp) / "content"
        years = range(2024 - args.years + 1, 2025)
        write_portal(content, args.agencies, years)
        print(
            f"门户：{args.agencies} 个机关 × {args.years} 年 = {args.agencies * args.years} 份报告",
            flush=True,
        )

        build_times, serve_times = [], []
        for i in range(args.builds):  # interleaved, so a drift of the machine's speed hits both
            argv = [sys.executable, "-m", "generator", "build", str(content), "--out", f"{tmp}/site{i}"]
            build_times.append(run_once(argv, cwd=ROOT)[0])
            if i < args.builds - 1:
                proc, _, seconds = start_serve(content)
                serve_times.append(seconds)
                stop(proc)

        proc, url, seconds = start_serve(content)  # the long-running one, measured last
        serve_times.append(seconds)
        latencies = []
        rss = {"首次生成后": rss_mb(proc.pid)}
        agencies = sorted(p.name for p in (content / "reports").iterdir())
        try:
            for n in range(args.edits):
                agency = agencies[(n * 7) % len(agencies)]
                year = years[n % len(years)]
                latencies.append(edit_latency(content, url, agency, year, n))
                if n + 1 == 10:
                    rss["10 次修改后"] = rss_mb(proc.pid)
            time.sleep(1)
            rss[f"{args.edits} 次修改后"] = rss_mb(proc.pid)
        finally:
            stop(proc)

    latencies.sort()
    p90 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.9))]
    print()
    print("| 项目 | 结果 | 目标 |")
    print("|---|---|---|")
    print(
        f"| 保存到新版本可访问（{len(latencies)} 次修改，中位数） | {statistics.median(latencies):.3f} 秒 | < 0.5 秒 |"
    )
    print(f"| 同上，第 90 百分位 / 最长 | {p90:.3f} 秒 / {latencies[-1]:.3f} 秒 | |")
    print(
        f"| xxgk build 首次生成（{len(build_times)} 次中位数） | {statistics.median(build_times):.1f} 秒 | |"
    )
    print(
        f"| xxgk serve 首次生成到可访问（{len(serve_times)} 次中位数） | {statistics.median(serve_times):.1f} 秒 | 不慢于 build |"
    )
    for when, mb in rss.items():
        print(f"| serve 进程常驻内存，{when} | {mb:.0f} MB | 不增长 |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
