"""The numbers of one report: the three tables as the truth holds them.

Realistic shape: most agencies receive no or few requests (most cells 0); busy departments
(自然资源局, 住建局, 人社局, 公安局 …) receive dozens to hundreds, mostly from natural persons.
Every table adds up (R1-R4) unless the report is marked ``inconsistent``, in which case one
printed number is off, as in real originals, and the truth keeps what is printed.
"""

from __future__ import annotations

import random

APPLICANTS = 6  # 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他 (+ 总计)

OUTCOMES_SPLIT = [
    "disclosed", "partially_disclosed",
    "withheld_state_secret", "withheld_prohibited_by_law", "withheld_three_safeties",
    "withheld_third_party", "withheld_internal_affairs", "withheld_process_information",
    "withheld_enforcement_files", "withheld_query_matters",
    "unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear",
    "not_processed_petition", "not_processed_repeated", "not_processed_publication",
    "not_processed_excessive", "not_processed_confirmation",
]
OTHER_SPLIT = ["other_overdue_correction", "other_unpaid_fee", "other_other"]
# how often each outcome takes a request (real reports: most disclosed, many "not held")
OUTCOME_WEIGHT = {
    "disclosed": 46, "partially_disclosed": 6, "withheld_state_secret": 0.3, "withheld_prohibited_by_law": 0.6,
    "withheld_three_safeties": 0.5, "withheld_third_party": 1.5, "withheld_internal_affairs": 1.2,
    "withheld_process_information": 1.5, "withheld_enforcement_files": 0.6, "withheld_query_matters": 0.8,
    "unavailable_not_held": 20, "unavailable_needs_creation": 3, "unavailable_unclear": 2.5,
    "not_processed_petition": 3.5, "not_processed_repeated": 2.5, "not_processed_publication": 0.6,
    "not_processed_excessive": 0.5, "not_processed_confirmation": 0.8,
    "other_overdue_correction": 2.5, "other_unpaid_fee": 0.3, "other_other": 2.5,
}
APPLICANT_WEIGHT = [80, 12, 0.4, 0.6, 3, 4]


def _spread(rng: random.Random, n: int, weights: list[float]) -> list[int]:
    out = [0] * len(weights)
    for _ in range(n):
        out[rng.choices(range(len(weights)), weights)[0]] += 1
    return out


def received(rng: random.Random, load: str, year: int) -> int:
    if load == "low":
        return rng.choices([0, 1, 2, 3, 5], [70, 14, 8, 5, 3])[0]
    if load == "mid":
        return rng.choices([0, rng.randint(1, 9), rng.randint(10, 40)], [25, 55, 20])[0]
    return rng.choices([rng.randint(5, 60), rng.randint(60, 300), rng.randint(300, 900)], [35, 45, 20])[0]


def requests_table(rng: random.Random, load: str, year: int, single_other: bool) -> dict[str, list[int]]:
    """Part 3: every row seven numbers, columns adding up (R1, R2, R3)."""
    n = received(rng, load, year)
    new = _spread(rng, n, APPLICANT_WEIGHT)
    carried = [0] * APPLICANTS
    if n and rng.random() < 0.35:
        carried = _spread(rng, rng.randint(1, max(1, n // 10)), APPLICANT_WEIGHT)
    forward = [0] * APPLICANTS
    if n and rng.random() < 0.3:
        for col in range(APPLICANTS):
            forward[col] = rng.randint(0, (new[col] + carried[col]) // 8)
    outcome_keys = OUTCOMES_SPLIT + OTHER_SPLIT
    rows = {k: [0] * APPLICANTS for k in outcome_keys}
    weights = [OUTCOME_WEIGHT[k] for k in outcome_keys]
    for col in range(APPLICANTS):
        done = new[col] + carried[col] - forward[col]
        for i, c in enumerate(_spread(rng, done, weights)):
            rows[outcome_keys[i]][col] = c
    total = [new[c] + carried[c] - forward[c] for c in range(APPLICANTS)]

    def row(v: list[int]) -> list[int]:
        return list(v) + [sum(v)]

    out = {"received_new": row(new), "carried_over": row(carried)}
    for k in OUTCOMES_SPLIT:
        out[k] = row(rows[k])
    if single_other:
        out["other_processing"] = row([sum(rows[k][c] for k in OTHER_SPLIT) for c in range(APPLICANTS)])
    else:
        for k in OTHER_SPLIT:
            out[k] = row(rows[k])
    out["total"] = row(total)
    out["carried_forward"] = row(forward)
    return out


def review_table(rng: random.Random, requests_total: int) -> dict[str, list[int]]:
    """Part 4: three groups of 结果维持, 结果纠正, 其他结果, 尚未审结, 总计 (R4)."""
    def group(p: float) -> list[int]:
        if rng.random() > p:
            return [0, 0, 0, 0, 0]
        v = _spread(rng, rng.choices([1, 2, 3, rng.randint(4, 12)], [55, 25, 12, 8])[0], [55, 12, 18, 15])
        return v + [sum(v)]
    busy = min(0.9, 0.04 + requests_total / 300)
    return {"review": group(busy), "litigation_direct": group(busy * 0.6), "litigation_after_review": group(busy * 0.3)}


def money(rng: random.Random, zero_p: float) -> float:
    """An amount in 万元 with at most four decimals (what 元 printing can express)."""
    if rng.random() < zero_p:
        return 0
    yuan = rng.choice([rng.randint(200, 9_999), rng.randint(10_000, 999_999), rng.randint(1_000_000, 30_000_000)])
    return round(yuan / 10_000, 4)


def proactive_table(rng: random.Random, template: str, kind: str, load: str) -> dict[str, list]:
    """Part 2 as the template's columns; counties make no 规章."""
    big = {"low": 1, "mid": 4, "high": 15}[load] * (0.3 if kind in ("town", "street") else 1)

    def count(scale: float, zero_p: float) -> int:
        return 0 if rng.random() < zero_p else max(0, int(rng.expovariate(1 / max(1.0, scale * big))))

    in_force = count(4, 0.4)
    issued = min(in_force, count(1, 0.6))
    if template == "gb2021":
        return {
            "regulations": [0, 0, 0],
            "normative_documents": [issued, count(0.5, 0.8), in_force],
            "licensing": [count(60, 0.35)],
            "penalties": [count(25, 0.4)],
            "compulsion": [count(3, 0.75)],
            "fees": [money(rng, 0.6)],
        }
    prev_lic = count(20, 0.4)
    return {
        "regulations": [0, 0, 0],
        "normative_documents": [issued, issued, in_force],
        "licensing": [prev_lic, rng.choice([0, 0, 0, 1, 2, -1]) if prev_lic else 0, count(60, 0.35)],
        "other_services": [count(8, 0.6), 0, count(20, 0.6)],
        "penalties": [count(10, 0.5), 0, count(25, 0.4)],
        "compulsion": [count(4, 0.7), 0, count(3, 0.75)],
        "fees": [count(3, 0.6), rng.choice([0, 0, 0, -1])],
        "procurement": [count(2, 0.5), 0],
    }


def make_inconsistent(rng: random.Random, tables: dict[str, dict]) -> list:
    """Make the printed table not add up: one total off by a little; returns [rule, row, column]."""
    req = tables["requests"]
    choice = rng.choice(["R2", "R3", "R4"])
    if choice == "R4":
        g = rng.choice(list(tables["review_litigation"]))
        tables["review_litigation"][g][4] += 1
        return ["R4", g, 5]
    if choice == "R2":
        key = rng.choice(["disclosed", "unavailable_not_held", "received_new"])
        req[key][6] += rng.choice([1, 2, -1]) if req[key][6] else 1
        return ["R2", key, 7]
    col = rng.randrange(6)
    req["total"][col] += 1
    return ["R3", "total", col + 1]
