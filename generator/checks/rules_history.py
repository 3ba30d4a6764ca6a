"""Rules across two years of one agency that the first set (R5, R6) does not cover: R10.

R10, part 2 of ``gb2019``: the 上一年项目数量 of year N is the 上一年项目数量 of year N−1 plus
its 本年增/减, for every row that counts items (行政许可, 其他对外管理服务事项, 行政处罚,
行政强制, 行政事业性收费). Only ``gb2019`` counts items this way, so the rule runs on 2019→2020
and on any later pair that (wrongly) kept the old template; the ``gb2021`` part 2 counts
decisions, a different quantity, and is never chained with ``gb2019`` figures.

Across the change of template, part 3 needs nothing extra: R5 compares 上年结转 with 结转下年度,
rows both templates share. Where a comparison of a whole year's results across templates is
wanted (the pages), :func:`other_processing_total` adds up the three （六） rows of ``gb2021``
so they stand beside the single （六）其他处理 row of ``gb2019``.

Agencies are compared through their stable id (``agencies.yaml``), so a renamed agency keeps
its chain; the name printed in the report plays no part.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Finding
from ..model import spec
from ..model.report import Report, number
from .rules import finding, fmt

# gb2019 part 2 rows whose first two columns are 上一年项目数量 and 本年增/减.
ITEM_ROWS = ("licensing", "other_services", "penalties", "compulsion", "fees")


def r10_items_chain(previous: Report, report: Report) -> Iterator[Finding]:
    """gb2019 part 2: previous_items(N) = previous_items(N−1) + change(N−1)."""
    if not (previous.template == report.template == "gb2019"):
        return
    if not (previous.proactive and report.proactive) or report.year != previous.year + 1:
        return
    for key in ITEM_ROWS:
        before, now = previous.proactive.get(key), report.proactive.get(key)
        if not (before and now):
            continue
        last, change, current = number(before[0]), number(before[1]), number(now[0])
        if last is None or change is None or current is None:
            continue
        expected = last + change
        if expected != current:
            label = spec.PROACTIVE_GB2019.row(key).label
            yield finding(
                "R10",
                report,
                f"第二部分“{label}”：{previous.year} 年报告的上一年项目数量 {fmt(last)} + 本年增/减 "
                f"{fmt(change)} = {fmt(expected)}，而本年上一年项目数量为 {fmt(current)}；二者应相等",
                "proactive",
                key,
                0,
                field=f"proactive.{key}.previous_items",
                previous_year=previous.year,
                previous_file=previous.path,
                expected=expected,
                previous_items=current,
            )


def other_processing_total(report: Report) -> list[int | float | None] | None:
    """Part 3 （六）其他处理 per column, as one row in either template (None where blank)."""
    rows = report.requests
    if not rows:
        return None
    if "other_processing" in rows:
        return [number(v) for v in rows["other_processing"]]
    split = [rows.get(k) for k in spec.OTHER_SPLIT]
    if any(r is None for r in split):
        return None
    out: list[int | float | None] = []
    for cells in zip(*split, strict=True):  # type: ignore[misc]
        values = [number(v) for v in cells]
        out.append(None if any(v is None for v in values) else sum(values))  # type: ignore[misc]
    return out
