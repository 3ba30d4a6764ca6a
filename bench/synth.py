"""A synthetic portal: N agencies × a run of years of consistent reports, for benchmarks.

Every report passes R1–R10: its columns balance, its carried-over requests are last year's
carried-forward ones, its gb2019 part 2 keeps the 项目数量 chain and its gb2021 part 2 the
现行有效 chain. The numbers and the
text are drawn from a seeded random generator, so the same arguments give the same files.

    python -m bench.synth OUT_DIR --agencies 300 --years 2019-2025
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from generator import yamlio
from generator.model import spec
from generator.model.report import Report, Source

PHRASES = (
    "坚持以公开为常态、不公开为例外",
    "进一步完善政府信息公开工作机制",
    "及时回应社会关切",
    "严格落实保密审查制度",
    "加强政府网站和政务新媒体管理",
    "规范依申请公开办理流程",
    "围绕群众关注的重点领域加大公开力度",
    "持续推进基层政务公开标准化规范化建设",
    "做好政策文件的解读和宣传",
    "依法按时答复政府信息公开申请",
)
KINDS = ("department", "township", "subdistrict")


def _paragraphs(rng: random.Random, n: int) -> str:
    paras = []
    for _ in range(n):
        sentence = "，".join(rng.sample(PHRASES, 4))
        paras.append(f"{sentence}。本年度{rng.choice(PHRASES)}，{rng.choice(PHRASES)}。")
    return "\n\n".join(paras) + "\n"


def _requests(rng: random.Random, carried_over: list[int]) -> dict[str, list[int]]:
    columns = len(spec.REQUEST_COLUMNS) - 1
    results = [k for k in spec.RESULT_ROWS if k not in spec.OTHER_SPLIT]
    rows: dict[str, list[int]] = {k: [0] * columns for k in spec.REQUESTS.row_keys if k not in spec.OTHER_SPLIT}
    for c in range(columns):
        new = rng.choice((0, 0, 1, 2, 5, 12, 40)) if c in (0, 1) else rng.choice((0, 0, 0, 1))
        over = carried_over[c]
        handled_total = new + over
        forward = rng.randint(0, handled_total // 4) if handled_total else 0
        remaining = handled_total - forward
        rows["received_new"][c], rows["carried_over"][c] = new, over
        rows["carried_forward"][c], rows["total"][c] = forward, remaining
        for _ in range(remaining):
            rows[rng.choice(results[:6])][c] += 1
    for cells in rows.values():
        cells.append(sum(cells))
    return rows


def make_report(agency: str, name: str, year: int, rng: random.Random, state: dict) -> Report:
    template = "gb2019" if year < spec.GB2021_FIRST_YEAR else "gb2021"
    requests = _requests(rng, state.get("carried_forward", [0] * 6))
    state["carried_forward"] = requests["carried_forward"][:-1]
    if template == "gb2019":
        proactive = {r.key: [rng.randint(0, 9) for _ in r.columns] for r in spec.PROACTIVE_GB2019.rows}
        proactive["procurement"][1] = round(rng.uniform(0, 500), 4)
        for key in ("licensing", "other_services", "penalties", "compulsion", "fees"):
            # R10: this year's 上一年项目数量 = last year's plus last year's 本年增/减
            previous = state.get(f"items_{key}", rng.randint(5, 40))
            change = rng.randint(-min(3, previous), 3)
            proactive[key][0], proactive[key][1] = previous, change
            state[f"items_{key}"] = previous + change
    else:
        proactive = {}
        for key in ("regulations", "normative_documents"):
            issued, last = rng.randint(0, 6), state.get(key, rng.randint(5, 30))
            repealed = rng.randint(0, min(2, last))
            state[key] = last + issued - repealed
            proactive[key] = [issued, repealed, state[key]]
        for key in ("licensing", "penalties", "compulsion"):
            proactive[key] = [rng.randint(0, 900)]
        proactive["fees"] = [round(rng.uniform(0, 80), 2)]
    outcomes = [rng.choice((0, 0, 0, 1)) for _ in range(4)]
    return Report(
        agency=agency,
        year=year,
        template=template,
        title=f"{name}{year}年政府信息公开工作年度报告",
        agency_name=name,
        source=Source(file=f"originals/{agency}/{year}.txt"),
        preamble=_paragraphs(rng, 1),
        overview=_paragraphs(rng, 6),
        proactive=proactive,
        requests=requests,
        review_litigation={
            "review": outcomes + [sum(outcomes)],
            "litigation_direct": [0, 0, 0, 0, 0],
            "litigation_after_review": [0, 0, 0, 0, 0],
        },
        problems=_paragraphs(rng, 3),
        other="本年度未收取信息处理费。\n",
    )


def write_portal(out: Path, agencies: int, years: range, seed: int = 2019) -> int:
    """Write a content folder; return the number of reports."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    yamlio.write_atomic(
        out / "site.yaml", yamlio.dumps({"title": "合成测试门户", "sponsor": "基准测试"})
    )
    register = []
    count = 0
    for i in range(agencies):
        agency = f"agency-{i:04d}"
        name = f"第{i + 1}号机关"
        register.append(
            {"id": agency, "name": name, "kind": KINDS[i % 3], "region": f"合成地区{i % 12 + 1}", "order": i}
        )
        state: dict = {}
        for year in years:
            report = make_report(agency, name, year, rng, state)
            original = out / "originals" / agency / f"{year}.txt"
            original.parent.mkdir(parents=True, exist_ok=True)
            original.write_text(report.title + "\n", encoding="utf-8")
            yamlio.write_atomic(
                out / "reports" / agency / f"{year}.yaml", yamlio.dumps_report(report.to_data())
            )
            count += 1
    yamlio.write_atomic(out / "agencies.yaml", yamlio.dumps(register))
    return count


def _years(text: str) -> range:
    first, _, last = text.partition("-")
    return range(int(first), int(last or first) + 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--agencies", type=int, default=300)
    parser.add_argument("--years", type=_years, default=_years("2019-2025"))
    parser.add_argument("--seed", type=int, default=2019)
    args = parser.parse_args()
    n = write_portal(args.out, args.agencies, args.years, args.seed)
    print(f"{n} reports in {args.out}")


if __name__ == "__main__":
    main()
