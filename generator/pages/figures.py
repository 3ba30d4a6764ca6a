"""Key figures of a report, for the home page, the comparisons and the agency pages.

Part 3 figures take the 总计 column and add up the rows of a group (all 不予公开 rows, the
three （六） rows or the single one), so reports of both templates compare. A figure is blank
when any cell it needs is blank in the report: a sum of what happens to be printed would look
complete when it is not. Part 2 figures belong to one template each and are never mixed.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import spec
from ..model.report import Report, number


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    help: str
    table: str
    rows: tuple[str, ...]
    column: str = "total"


def _rows(prefix: str) -> tuple[str, ...]:
    return tuple(r.key for r in spec.REQUESTS.rows if r.key.startswith(prefix))


FIGURES = (
    Figure("received_new", "本年新收", "当年新收到的政府信息公开申请", "requests", ("received_new",)),
    Figure("carried_over", "上年结转", "上一年没办完、转到当年继续办理的申请", "requests", ("carried_over",)),
    Figure("disclosed", "予以公开", "全部公开的申请", "requests", ("disclosed",)),
    Figure("partially_disclosed", "部分公开", "部分公开的申请", "requests", ("partially_disclosed",)),
    Figure("withheld", "不予公开", "不予公开的申请（八种情形之和）", "requests", _rows("withheld_")),
    Figure("unavailable", "无法提供", "无法提供的申请（三种情形之和）", "requests", _rows("unavailable_")),
    Figure("not_processed", "不予处理", "不予处理的申请（五种情形之和）", "requests", _rows("not_processed_")),
    Figure("other", "其他处理", "其他处理的申请（（六）的各行之和）", "requests", spec.OTHER_SINGLE + spec.OTHER_SPLIT),
    Figure("carried_forward", "结转下年度", "当年没办完、转到下一年继续办理的申请", "requests", ("carried_forward",)),
    Figure("review", "行政复议", "因政府信息公开被申请行政复议的件数（总计）", "review_litigation", ("review",)),
    Figure(
        "litigation",
        "行政诉讼",
        "因政府信息公开被提起行政诉讼的件数（直接起诉与复议后起诉之和）",
        "review_litigation",
        ("litigation_direct", "litigation_after_review"),
    ),
)
OUTCOMES = ("disclosed", "partially_disclosed", "withheld", "unavailable", "not_processed", "other")
BY_KEY = {f.key: f for f in FIGURES}


def value(report: Report, figure: Figure) -> int | float | None:
    rows = report.table(figure.table)
    if not rows:
        return None
    present = [k for k in figure.rows if k in rows]
    if not present:
        return None
    total: int | float = 0
    for key in present:
        v = number(report.cell(figure.table, key, figure.column))
        if v is None:
            return None
        total += v
    return total


def values(report: Report) -> dict[str, int | float | None]:
    return {f.key: value(report, f) for f in FIGURES}


@dataclass(frozen=True)
class Part2Figure:
    key: str  # row.column
    label: str
    row: str
    column: str


def part2_figures(template: str) -> list[Part2Figure]:
    """Every part 2 cell of a template, labelled for a comparison column."""
    t = spec.TEMPLATES[template]
    if not t.tables:
        return []
    out = []
    for row in t.table("proactive").rows:
        for column in row.columns:
            out.append(Part2Figure(f"{row.key}.{column.key}", f"{row.short} · {column.label}", row.key, column.key))
    return out


def part2_value(report: Report, figure: Part2Figure) -> int | float | str | None:
    cell = report.cell("proactive", figure.row, figure.column)
    return cell


def add(values_: list[object]) -> tuple[int | float | None, int]:
    """The total of a column's numbers and how many values were blank or not applicable."""
    numbers = [number(v) for v in values_]  # type: ignore[arg-type]
    present = [v for v in numbers if v is not None]
    missing = len(numbers) - len(present)
    return (sum(present) if present else None), missing
