"""Benchmark: what the publication-quality audit (Q1–Q7) adds to ``xxgk check``.

    python -m bench.audit_bench [--sizes 300x7,1000x7,3000x7] [--runs 5] [--keep DIR]

Each size is generated once (``bench.synth.write_portal``), then ``xxgk check --no-audit`` and
``xxgk check`` are run alternately ``--runs`` times each, every run in a fresh process. Reported:
the median wall time of each, the audit's share on top of the check without it (the budget is
25 %), and the median peak memory. ``--keep DIR`` keeps the generated portals in DIR (and reuses
them on the next run), since the 21,000-report portal takes minutes to write.

Besides, one in-process run splits the time into loading, R1–R10 and the audit, so a change
that slows one part shows where.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from generator.checks.audit import audit
from generator.checks.run import check_content
from generator.content import load_content

from .check_bench import run_once
from .synth import write_portal

BUDGET = 0.25


def portal(base: Path, agencies: int, years: int) -> tuple[Path, int]:
    content = base / f"portal-{agencies}x{years}"
    marker = content / ".complete"
    if not marker.exists():
        n = write_portal(content, agencies, range(2019, 2019 + years))
        marker.write_text(str(n), encoding="utf-8")
    return content, int(marker.read_text(encoding="utf-8"))


def in_process(content: Path) -> tuple[float, float, float]:
    start = time.perf_counter()
    loaded = load_content(content)
    loading = time.perf_counter() - start
    start = time.perf_counter()
    check_content(loaded)
    rules = time.perf_counter() - start
    start = time.perf_counter()
    audit(loaded)
    return loading, rules, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300x7", help="agencies x years, comma-separated")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the generated portals here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="xxgk-audit-bench-") as tmp:
        base = args.keep or Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        print(
            f"{'portal':>8} {'reports':>8} {'no audit s':>11} {'audit s':>8} {'added':>7} {'budget':>7} "
            f"{'peak MB':>8} | {'load s':>7} {'R1-R10 s':>9} {'Q1-Q7 s':>8}"
        )
        failed = False
        for size in args.sizes.split(","):
            agencies, years = (int(x) for x in size.split("x"))
            content, n = portal(base, agencies, years)
            command = [sys.executable, "-m", "generator", "check", str(content)]
            without, with_audit = [], []
            for _ in range(args.runs):  # alternate, so drift in the machine's load hits both alike
                without.append(run_once([*command, "--no-audit"]))
                with_audit.append(run_once(command))
            base_s = statistics.median(r[0] for r in without)
            audit_s = statistics.median(r[0] for r in with_audit)
            peak = statistics.median(r[1] for r in with_audit)
            added = audit_s / base_s - 1
            ok = added <= BUDGET
            failed |= not ok
            loading, rules, audit_only = in_process(content)
            print(
                f"{size:>8} {n:>8} {base_s:>11.2f} {audit_s:>8.2f} {added:>7.1%} {'ok' if ok else 'OVER':>7} "
                f"{peak:>8.0f} | {loading:>7.2f} {rules:>9.2f} {audit_only:>8.2f}",
                flush=True,
            )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
