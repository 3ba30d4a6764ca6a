"""Benchmark: ``xxgk check`` on synthetic portals; medians of several runs, peak memory.

    python -m bench.check_bench [--sizes 300x7,3000x7] [--runs 5]

Each size is generated once (``bench.synth``) into a temporary folder, then checked ``--runs``
times in a fresh process. Reported: median wall time, reports per second, and the median
peak resident memory of the checking process (from ``wait4``'s rusage).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .synth import write_portal


def run_once(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS in MB of one command, run in its own process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"failed: {' '.join(argv)}")
    return elapsed, usage.ru_maxrss / 1024


def measure(argv: list[str], runs: int) -> tuple[float, float]:
    results = [run_once(argv) for _ in range(runs)]
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300x7", help="agencies x years, comma-separated")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"{'portal':>10} {'reports':>8} {'median s':>9} {'reports/s':>10} {'peak MB':>8}")
    for size in args.sizes.split(","):
        agencies, years = (int(x) for x in size.split("x"))
        with tempfile.TemporaryDirectory(prefix="xxgk-bench-") as tmp:
            content = Path(tmp) / "content"
            n = write_portal(content, agencies, range(2019, 2019 + years))
            seconds, peak = measure([sys.executable, "-m", "generator", "check", str(content)], args.runs)
            print(f"{size:>10} {n:>8} {seconds:>9.2f} {n / seconds:>10.0f} {peak:>8.0f}")


if __name__ == "__main__":
    main()
