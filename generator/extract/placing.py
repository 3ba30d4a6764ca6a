"""Placing a row's printed values into the template's columns — by count, never by guessing.

Blanks at either end are trimmed. When a row prints one value too many or too few, the
template's own arithmetic decides (R2: the six applicant columns add up to 总计; R4: the four
outcomes add up to 总计) — only when every reading that fits gives the same row, and a cell
filled that way is listed as derived. When a crawl ran a row's numbers together ("52260 4 2"
for 522 60 4 2), the runs are split back only where exactly one split fits the arithmetic (or
only one split exists at all), and every cell read that way is listed as uncertain. Anything
else leaves the whole row null with a finding naming the row.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from ..model import spec
from .notes import Note
from .numbers import parse

MAX_RUN_DIGITS = 24  # longer runs of digits are not split (the readings grow combinatorially)


@dataclass
class Placed:
    cells: list[Any]
    derived: list[int] = field(default_factory=list)  # filled by the arithmetic
    notes: list[Note] = field(default_factory=list)
    printed: dict[int, str] = field(default_factory=dict)  # money as printed, by index
    unread: list[int] = field(default_factory=list)  # left null: could not be read
    uncertain: list[int] = field(default_factory=list)  # read from numbers run together


def trim(values: list[str]) -> list[str]:
    v = list(values)
    while v and not v[-1].strip():
        v.pop()
    while v and not v[0].strip():
        v.pop(0)
    return v


def _numbers_ok(values: list[Any]) -> bool:
    return all(isinstance(x, (int, float)) for x in values)


def place(
    values: list[str],
    columns: tuple[spec.Column, ...],
    rule: str | None,
    where: str,
    yuan: bool = False,
) -> Placed:
    """Place printed value cells into the row's columns."""
    width = len(columns)
    if not any(v.strip() for v in values):
        return Placed([None] * width)
    cand = values if len(values) == width else trim(values)
    if len(cand) != width:
        nonblank = [v for v in values if v.strip()]
        if len(nonblank) == width:
            cand = nonblank
    if len(cand) == width:
        return _as_printed(cand, columns, where, yuan)

    out = Placed([None] * width)
    numbers = [parse(v, c.kind if i < width else spec.COUNT) for i, (v, c) in enumerate(zip(cand, itertools.cycle(columns)))]
    got = [p.value for p in numbers]
    readings: list[tuple[tuple[Any, ...], str, list[int]]] = []
    if rule and all(p.ok for p in numbers) and _numbers_ok(got) and abs(len(got) - width) == 1:
        readings += [(tuple(r), "arithmetic", filled) for r, filled in _readings(got, width, rule)]
    tokens = [re.sub(r"\s+", "", v) for v in cand if v.strip()]
    if len(tokens) < width and all(t.isdigit() for t in tokens) and sum(map(len, tokens)) <= MAX_RUN_DIGITS:
        splits_found = [r for r in splits(tokens, width) if not rule or _sums_hold(list(r), rule)]
        if rule or len(splits_found) == 1:
            readings += [(r, "split", []) for r in splits_found]
    distinct = {r for r, _, _ in readings}
    if len(distinct) == 1:
        row, how, filled = readings[-1]
        out.cells = list(row)
        if how == "split":
            out.uncertain = list(range(width))
            check = f"，且符合勾稽关系（{rule}）" if rule else ""
            out.notes.append(Note("warning", f"{where}的数字连在一起（“{' '.join(tokens)}”），按 {width} 个数只有一种分法{check}，已分开并标为待核对（uncertain），请对照原件"))
        elif len(got) > width:
            out.notes.append(Note("info", f"{where}印有 {len(got)} 个数，比应有的 {width} 个多一个；多出的格按勾稽关系（{rule}）判定为多余，已略去"))
        else:
            out.derived = filled
            out.notes.append(Note("info", f"{where}只印了 {len(got)} 个数（应有 {width} 个）；缺的一格按勾稽关系（{rule}）推算，已标为 derived"))
        return out
    out.notes.append(
        Note(
            "error",
            f"{where}印有 {len([v for v in values if v.strip()])} 个值，应有 {width} 个，无法确定各数对应的列，整行留空（null），请对照原件填写",
        )
    )
    out.unread = list(range(width))
    return out


def _as_printed(cand: list[str], columns: tuple[spec.Column, ...], where: str, yuan: bool) -> Placed:
    out = Placed([])
    for i, (text, col) in enumerate(zip(cand, columns, strict=True)):
        kind = col.kind
        if yuan and kind == spec.MONEY and text.strip() and "元" not in text:
            text = text.strip() + "元"
        p = parse(text, kind)
        if not p.ok:
            out.notes.append(Note("error", f"{where}第 {i + 1} 格“{text.strip()}”不是数字，已留空（null），请对照原件填写"))
            out.unread.append(i)
            out.cells.append(None)
            continue
        if isinstance(p.value, (int, float)) and p.value < 0 and kind != spec.CHANGE:
            out.notes.append(Note("error", f"{where}第 {i + 1} 格为负数 {p.value}，已留空（null），请对照原件"))
            out.unread.append(i)
            out.cells.append(None)
            continue
        if p.as_printed:
            out.printed[i] = p.as_printed
        out.cells.append(p.value)
    return out


def splits(tokens: list[str], width: int) -> list[tuple[int, ...]]:
    """Every way to cut runs of digits into ``width`` numbers (no number with a leading zero)."""
    if not tokens:
        return [()] if width == 0 else []
    first, rest = tokens[0], tokens[1:]
    out: list[tuple[int, ...]] = []
    for parts in range(1, min(len(first), width - len(rest)) + 1):
        for cut in itertools.combinations(range(1, len(first)), parts - 1):
            pieces = [first[a:b] for a, b in zip((0, *cut), (*cut, len(first)), strict=True)]
            if any(len(p) > 1 and p[0] == "0" for p in pieces):
                continue
            for tail in splits(rest, width - parts):
                out.append(tuple(int(p) for p in pieces) + tail)
    return out


def _sums_hold(row: list[Any], rule: str) -> bool:
    if rule == "R2":
        return sum(row[:6]) == row[6]
    if rule == "R4":
        return all(sum(row[g * 5 : g * 5 + 4]) == row[g * 5 + 4] for g in range(len(row) // 5))
    return True


def _readings(got: list[Any], width: int, rule: str) -> list[tuple[list[Any], list[int]]]:
    out: list[tuple[list[Any], list[int]]] = []
    if len(got) == width + 1:
        for k in range(len(got)):
            row = got[:k] + got[k + 1 :]
            if _sums_hold(row, rule):
                out.append((row, []))
        return out
    for k in range(width):  # one cell lost: fill it from the sum it belongs to
        row = got[:k] + [0] + got[k:]
        if rule == "R2":
            value = sum(row[:6]) if k == 6 else row[6] - (sum(row[:6]))
        else:
            g = k // 5
            grp = row[g * 5 : g * 5 + 5]
            value = sum(grp[:4]) if k % 5 == 4 else grp[4] - sum(grp[:4])
        if value < 0:
            continue
        row[k] = value
        if _sums_hold(row, rule):
            out.append((row, [k]))
    return out
