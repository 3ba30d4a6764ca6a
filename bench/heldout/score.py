"""Measure ``xxgk import`` on the held-out corpus, kind by kind, as a black box.

    python -m bench.heldout.score [--out DIR] [--kinds portal_html,...] [--work DIR] [-v]

For each kind of document in ``DIR/index.tsv`` (``DIR`` defaults to ``$XXGK_HELDOUT`` or
/tmp/xxgk-heldout): ``xxgk init WORK/h-KIND``, ``xxgk import FILES --content WORK/h-KIND``, then
``shared/tools/score_import.py WORK/h-KIND TRUTHS --label KIND --json …`` (the project's own
scorer). Printed, one line per kind and one overall:

- cells and non-zero cells right, documents perfect, template right (from score_import.py);
- agency and year right: a report of the truth's year whose ``agency_name`` contains the
  truth's ``agency_match`` was written, and its ``agency`` id is not shared with a report found
  for a different agency (two agencies filed under one id count as wrong for both);
- ids of one agency across years (renames, city prefix) kept the same: shown for information.

The per-document findings of score_import.py and the import's own output go to
``WORK/score-KIND.log`` and ``WORK/import-KIND.log`` (``-v`` prints them too). ``XXGK_CMD`` names
another importer to measure (e.g. ``env PYTHONPATH=/tmp/old python -m generator``).
"""

from __future__ import annotations

import argparse
import csv
import glob
import json
import os
import shlex
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

from .make import KINDS, default_out

ROOT = Path(__file__).resolve().parents[2]


def shared_dir() -> Path:
    return Path(os.environ.get("XXGK_SHARED") or ROOT.parent / "shared")


def xxgk() -> list[str]:
    """The importer under test: $XXGK_CMD (e.g. another checkout's ``python -m generator``), else the
    ``xxgk`` beside this Python, else the one on PATH."""
    if os.environ.get("XXGK_CMD"):
        return shlex.split(os.environ["XXGK_CMD"])
    exe = Path(sys.executable).parent / "xxgk"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("xxgk")
    return [found] if found else [sys.executable, "-m", "generator"]


def read_index(out: Path) -> list[dict]:
    with open(out / "index.tsv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def load_reports(content: Path) -> list[dict]:
    reports = []
    for p in glob.glob(str(content / "reports" / "*" / "*.yaml")):
        try:
            d = yaml.safe_load(open(p, encoding="utf-8"))
        except yaml.YAMLError:
            continue
        if isinstance(d, dict):
            d["__id"] = str(d.get("agency") or Path(p).parent.name)
            reports.append(d)
    return reports


def agency_check(rows: list[dict], out: Path, reports: list[dict]) -> dict:
    """Agency and year right per document, and whether distinct agencies got distinct ids."""
    found: list[tuple[dict, dict | None]] = []
    for row in rows:
        truth = yaml.safe_load(open(out / row["name"] / "truth.yaml", encoding="utf-8"))
        match = truth.get("agency_match") or truth["agency"]
        rep = next((r for r in reports if str(r.get("year")) == str(truth["year"])
                    and match in str(r.get("agency_name") or r.get("title") or "")), None)
        found.append((row, rep))
    keys_of_id: dict[str, set[str]] = defaultdict(set)
    ids_of_key: dict[str, set[str]] = defaultdict(set)
    for row, rep in found:
        if rep is not None:
            keys_of_id[rep["__id"]].add(row["agency_key"])
            ids_of_key[row["agency_key"]].add(rep["__id"])
    right, wrong = 0, []
    for row, rep in found:
        if rep is None:
            wrong.append(f"{row['name']}/{row['file']}: no report of {row['year']} named like the truth's agency_match")
        elif len(keys_of_id[rep["__id"]]) > 1:
            wrong.append(f"{row['name']}/{row['file']}: id {rep['__id']} shared by {len(keys_of_id[rep['__id']])} agencies")
        else:
            right += 1
    multi_year = [k for k in ids_of_key if sum(1 for r, rep in found if r["agency_key"] == k and rep) > 1]
    stable = sum(1 for k in multi_year if len(ids_of_key[k]) == 1)
    collided = sum(1 for ks in keys_of_id.values() if len(ks) > 1)
    county = {row["agency_key"]: row.get("county", "") for row in rows}
    in_county = sum(1 for ks in keys_of_id.values() if len(ks) > 1 and len({county[k] for k in ks}) < len(ks))
    return {"right": right, "docs": len(rows), "wrong": wrong, "collided_ids": collided, "collided_in_county": in_county,
            "stable": stable, "multi_year": len(multi_year)}


def score_kind(kind: str, rows: list[dict], out: Path, work: Path, verbose: bool) -> dict:
    content = work / f"h-{kind}"
    if content.exists():
        shutil.rmtree(content)
    # run from the work folder: ``python -m`` would otherwise put the current folder's code first
    subprocess.run(xxgk() + ["init", str(content)], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
    files = [str(out / r["name"] / r["file"]) for r in rows]
    t0 = time.monotonic()
    imp = subprocess.run(xxgk() + ["import", *files, "--content", str(content)], capture_output=True, text=True, timeout=3600, cwd=work)
    seconds = time.monotonic() - t0
    (work / f"import-{kind}.log").write_text(imp.stdout + imp.stderr, encoding="utf-8")
    truths = [str(out / r["name"] / "truth.yaml") for r in rows]
    js = work / f"score-{kind}.json"
    sc = subprocess.run([sys.executable, str(shared_dir() / "tools" / "score_import.py"), str(content), *truths,
                         "--label", kind, "--json", str(js)], capture_output=True, text=True, timeout=600)
    (work / f"score-{kind}.log").write_text(sc.stdout + sc.stderr, encoding="utf-8")
    if verbose:
        print(imp.stdout + imp.stderr + sc.stdout + sc.stderr)
    res = json.loads(js.read_text(encoding="utf-8"))
    res["agency"] = agency_check(rows, out, load_reports(content))
    res["seconds"] = seconds
    res["import_exit"] = imp.returncode
    return res


def _pct(a: int, b: int) -> str:
    return f"{100.0 * a / b:.2f}%" if b else "n/a"


def line(label: str, r: dict) -> str:
    a = r["agency"]
    return (f"{label:12s} docs {r['docs']:3d}: cells {r['right']}/{r['cells']} ({_pct(r['right'], r['cells'])}), "
            f"non-zero {r['nonzero_right']}/{r['nonzero']} ({_pct(r['nonzero_right'], r['nonzero'])}), "
            f"perfect {r['perfect']}/{r['docs']}, template {r['meta_ok']}/{r['docs']} | "
            f"agency+year {a['right']}/{a['docs']}, ids shared by two agencies {a['collided_ids']} "
            f"({a['collided_in_county']} within one county), "
            f"one id across years {a['stable']}/{a['multi_year']}")


def by_style(res: dict, rows: list[dict], out: Path) -> list[str]:
    """Cells right and documents perfect per rendering style (CMS template/article flavour, crawler)."""
    style_of = {str(out / r["name"] / "truth.yaml"): r["style"].split("/")[0] if r["kind"] != "crawl_md" and r["kind"] != "crawl_txt" else r["style"]
                for r in rows}
    agg: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for row in res["rows"]:
        a = agg[style_of[row["truth"]]]
        a[0] += row["right"]
        a[1] += row["cells"]
        a[2] += row["right"] == row["cells"] and row["template_ok"]
        a[3] += 1
    return [f"    {s:18s} cells {_pct(a[0], a[1]):>7s}, perfect {a[2]}/{a[3]}" for s, a in sorted(agg.items())]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="measure xxgk import on the held-out corpus, per kind")
    ap.add_argument("--out", type=Path, default=None, help="the corpus (made by bench.heldout.make)")
    ap.add_argument("--kinds", default="", help="comma-separated kinds (default: every kind in index.tsv)")
    ap.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")), help="where h-KIND content folders go")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args(argv)
    out = (a.out or default_out()).resolve()
    a.work = a.work.resolve()
    if not (out / "index.tsv").exists():
        print(f"{out}: no index.tsv; make the corpus first: python -m bench.heldout.make --out {out}", file=sys.stderr)
        return 2
    index = read_index(out)
    kinds = [k for k in (a.kinds.split(",") if a.kinds else KINDS) if any(r["kind"] == k for r in index)]
    a.work.mkdir(parents=True, exist_ok=True)
    total = {"right": 0, "cells": 0, "nonzero_right": 0, "nonzero": 0, "perfect": 0, "meta_ok": 0, "docs": 0,
             "agency": {"right": 0, "docs": 0, "collided_ids": 0, "collided_in_county": 0, "stable": 0, "multi_year": 0}}
    for kind in kinds:
        res = score_kind(kind, [r for r in index if r["kind"] == kind], out, a.work, a.verbose)
        print(line(kind, res) + f" ({res['seconds']:.0f} s)", flush=True)
        if kind not in ("docx", "office_pdf"):
            print("\n".join(by_style(res, [r for r in index if r["kind"] == kind], out)))
        for w in res["agency"]["wrong"][:5 if not a.verbose else None]:
            print(f"    {w}")
        for k in ("right", "cells", "nonzero_right", "nonzero", "perfect", "meta_ok", "docs"):
            total[k] += res[k]
        for k in ("right", "docs", "collided_ids", "collided_in_county", "stable", "multi_year"):
            total["agency"][k] += res["agency"][k]
    print(line("overall", total))
    return 0


if __name__ == "__main__":
    sys.exit(main())
