"""Rows of part 3 whose numbers ran together with nothing between them ("34345131119422"),
placed by the whole table's arithmetic when no row's own arithmetic can.

One row alone is split only where exactly one split adds up (R2, :mod:`.placing`). When several
rows each have more than one such split, the template's column rules decide together: for every
column, 一 + 二 = 总计 + 结转 (R1) and 总计 = the sum of the results (R3). Every combination of
the rows' splits is tried against them; only when exactly one combination holds is it taken,
its cells listed as uncertain with a finding. Otherwise the rows stay null, as before.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

from ..model import spec
from .notes import Note
from .placing import MAX_RUN_DIGITS, splits

MAX_COMBINATIONS = 200_000  # the readings tried at the most (a few hundred per row at worst)


def _runs(values: list[str]) -> list[str] | None:
    tokens = ["".join(v.split()) for v in values if v.strip()]
    if tokens and all(t.isdigit() for t in tokens) and sum(map(len, tokens)) <= MAX_RUN_DIGITS:
        return tokens
    return None


def _holds(rows: dict[str, list[Any]], results: list[str]) -> bool:
    """R1 and R3 in every column whose numbers are all there."""
    def get(key: str, c: int) -> Any:
        row = rows.get(key)
        return row[c] if row is not None else None

    for c in range(7):
        r1 = [get(k, c) for k in ("received_new", "carried_over", "total", "carried_forward")]
        if all(isinstance(v, int) for v in r1) and r1[0] + r1[1] != r1[2] + r1[3]:
            return False
        r3 = [get(k, c) for k in results]
        total = get("total", c)
        if isinstance(total, int) and all(isinstance(v, int) for v in r3) and sum(r3) != total:
            return False
    return True


def solve_runs(rows: dict[str, list[Any]], values_of: dict[str, list[str]], label: str) -> tuple[list[str], list[Note]]:
    """Fill, in ``rows``, the part 3 rows left null whose printed numbers ran together, if the
    table's arithmetic allows exactly one reading. Returns the rows filled and a note."""
    open_rows = {
        key: tokens
        for key, cells in rows.items()
        if key in values_of and all(v is None for v in cells) and (tokens := _runs(values_of[key])) is not None
    }
    if not open_rows:
        return [], []
    readings: dict[str, list[tuple[int, ...]]] = {}
    for key, tokens in open_rows.items():
        found = [r for r in splits(tokens, 7) if sum(r[:6]) == r[6]]
        if not found:
            return [], []
        readings[key] = found
    if math.prod(len(r) for r in readings.values()) > MAX_COMBINATIONS:
        return [], []
    results = [r.key for r in spec.REQUESTS.rows if r.group == spec.RESULTS and r.key != "total" and r.key in rows]
    keys = list(readings)
    solutions = []
    for combo in itertools.product(*(readings[k] for k in keys)):
        trial = {**rows, **{k: list(v) for k, v in zip(keys, combo, strict=True)}}
        if _holds(trial, results):
            solutions.append(combo)
            if len(solutions) > 1:
                return [], []
    if len(solutions) != 1:
        return [], []
    for key, cells in zip(keys, solutions[0], strict=True):
        rows[key] = list(cells)
    names = "、".join(spec.REQUESTS.row(k).label for k in keys)
    note = Note(
        "warning",
        f"{label}有 {len(keys)} 行的数字连在一起（{names}），各行单独无法确定如何分开；按表格的勾稽关系（R1、R2、R3）只有一种分法，已分开并标为待核对（uncertain），请对照原件",
        "requests",
    )
    return keys, [note]
