"""The consistency rules R1–R8 of the report format, each a small function returning findings.

:data:`RULES` declares every rule and publication-quality finding (R1–R10, Q1–Q7) with its
severity and a Chinese summary, for ``--help`` and the handbook. R9 lives in
``text_numbers``, R10 in ``rules_history`` and Q1–Q7 in ``audit``; they build their findings
with :func:`finding` and format numbers with :func:`fmt`, as the rules here do.

A rule is checked only where every number it needs is present: a blank cell (``None``) or a
not-applicable cell (``"/"``) makes the rule skip that column or row. A blank table is one R7
finding, not one per cell. When a published table breaks a rule, that is not a mistake of the
data entry: the original itself does not add up, and the message says which numbers and what
they should add up to, so an editor can compare with the original.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..findings import ERROR, INFO, WARNING, Finding
from ..model import spec
from ..model.report import Cell, Report, number


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    summary: str  # one line, Chinese, for the handbook and --help


RULES = {
    r.id: r
    for r in (
        Rule("R1", ERROR, "第三部分每一列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度"),
        Rule("R2", ERROR, "第三部分每一行：总计 = 六类申请人之和"),
        Rule("R3", ERROR, "第三部分每一列：（七）总计 = 各项办理结果之和"),
        Rule("R4", ERROR, "第四部分每一组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结"),
        Rule("R5", WARNING, "本年的上年结转 = 上一年报告的结转下年度（同一机关，每一列）"),
        Rule("R6", WARNING, "第二部分（2021年版）：现行有效件数 = 上年现行有效件数 + 本年制发 − 本年废止"),
        Rule("R7", WARNING, "表格或整个部分空白"),
        Rule("R8", WARNING, "格式与年度不符（2021年及以后用2019年版，或2021年以前用2021年版）"),
        Rule("R9", WARNING, "正文中写明的数字（本年新收、上年结转、收到申请、行政复议、行政诉讼……件）与表格不符"),
        Rule("R10", WARNING, "第二部分（2019年版）：上一年项目数量 = 上年报告的上一年项目数量 + 上年本年增/减"),
        Rule("Q1", WARNING, "逾期发布：机关应在次年1月31日前、县级人民政府应在次年3月31日前公布（《条例》第四十九条）"),
        Rule("Q2", WARNING, "机关名录中的机关缺少某一年度的报告，而其他机关有该年度报告"),
        Rule("Q3", WARNING, "照搬上年：某部分一半以上的句子与本机关上一份报告相同（已除去各报告必有的套话）"),
        Rule("Q4", WARNING, "互相照搬：同一年度两个机关的报告某部分大半句子相同（已除去套话）"),
        Rule("Q5", WARNING, "某部分只写“无”“无其他需要报告的事项”等，没有实际内容"),
        Rule("Q6", ERROR, "原件与导入时记录的 sha256 不符（发布后被改动）"),
        Rule("Q7", INFO, "第六部分（2021年版）未说明是否收取信息处理费（与第二部分的行政事业性收费不是一回事）"),
    )
}


def fmt(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def finding(rule: str, report: Report, message: str, *keys: object, field: str, **data: object) -> Finding:
    """A finding of ``rule`` on ``report``, located at the key path ``keys``."""
    return Finding(RULES[rule].severity, rule, message, report.locate(*keys), field, dict(data))


_fmt = fmt
_finding = finding


# --- Rules on one report --------------------------------------------------------------------


def r1_balance(report: Report) -> Iterator[Finding]:
    """received_new + carried_over = total + carried_forward, for each column."""
    rows = report.requests
    if not rows:
        return
    for i, col in enumerate(spec.REQUEST_COLUMNS):
        values = [number(rows[k][i]) if k in rows else None for k in ("received_new", "carried_over", "total", "carried_forward")]
        if any(v is None for v in values):
            continue
        new, over, total, forward = values  # type: ignore[misc]
        left, right = new + over, total + forward
        if left != right:
            yield _finding(
                "R1",
                report,
                f"第三部分“{col.full_label}”列不平衡：本年新收 {_fmt(new)} + 上年结转 {_fmt(over)} = {_fmt(left)}，"
                f"而办理结果总计 {_fmt(total)} + 结转下年度 {_fmt(forward)} = {_fmt(right)}；"
                f"按表中的勾稽关系二者应相等（相差 {_fmt(abs(left - right))}）",
                "requests",
                "total",
                i,
                field=f"requests.total.{col.key}",
                received_new=new,
                carried_over=over,
                total=total,
                carried_forward=forward,
            )


def _unbalanced_rows(
    rows: dict[str, list[Cell]] | None, table: spec.Table
) -> Iterator[tuple[spec.Row, list[float], float, float]]:
    """Rows whose last column (总计) is not the sum of the others, where every number is there."""
    if not rows:
        return
    for row in table.rows:
        if row.key not in rows:
            continue
        values = [number(v) for v in rows[row.key]]
        if any(v is None for v in values):
            continue
        parts, total = values[:-1], values[-1]
        expected = sum(parts)  # type: ignore[arg-type]
        if expected != total:
            yield row, parts, total, expected  # type: ignore[misc]


def r2_row_totals(report: Report) -> Iterator[Finding]:
    """The 总计 column of part 3 is the sum of the six applicant columns, in every row."""
    for row, parts, total, expected in _unbalanced_rows(report.requests, spec.REQUESTS):
        yield _finding(
            "R2",
            report,
            f"第三部分“{row.full_label}”行：六类申请人之和为 {_fmt(expected)}"
            f"（{' + '.join(_fmt(v) for v in parts)}），而总计列为 {_fmt(total)}；二者应相等",  # type: ignore[arg-type]
            "requests",
            row.key,
            len(parts),
            field=f"requests.{row.key}.total",
            sum=expected,
            total=total,
        )


def r3_results_total(report: Report) -> Iterator[Finding]:
    """（七）总计 is the sum of every result row, for each column."""
    rows = report.requests
    if not rows or "total" not in rows:
        return
    present = [k for k in spec.RESULT_ROWS if k in rows]
    for i, col in enumerate(spec.REQUEST_COLUMNS):
        values = [number(rows[k][i]) for k in present]
        total = number(rows["total"][i])
        if total is None or any(v is None for v in values):
            continue
        expected = sum(values)  # type: ignore[arg-type]
        if expected != total:
            nonzero = "、".join(
                f"{spec.REQUESTS.row(k).short} {_fmt(v)}" for k, v in zip(present, values, strict=True) if v  # type: ignore[arg-type]
            ) or "各项均为 0"
            yield _finding(
                "R3",
                report,
                f"第三部分“{col.full_label}”列：各项办理结果之和为 {_fmt(expected)}（{nonzero}），"
                f"而（七）总计为 {_fmt(total)}；二者应相等（相差 {_fmt(abs(expected - total))}）",
                "requests",
                "total",
                i,
                field=f"requests.total.{col.key}",
                sum=expected,
                total=total,
            )


def r4_review_totals(report: Report) -> Iterator[Finding]:
    """Each group of part 4: 总计 = the sum of the four outcomes."""
    for row, parts, total, expected in _unbalanced_rows(report.review_litigation, spec.REVIEW_LITIGATION):
        yield _finding(
            "R4",
            report,
            f"第四部分“{row.full_label}”：结果维持 {_fmt(parts[0])} + 结果纠正 {_fmt(parts[1])} + "  # type: ignore[arg-type]
            f"其他结果 {_fmt(parts[2])} + 尚未审结 {_fmt(parts[3])} = {_fmt(expected)}，"  # type: ignore[arg-type]
            f"而总计为 {_fmt(total)}；二者应相等",  # type: ignore[arg-type]
            "review_litigation",
            row.key,
            len(parts),
            field=f"review_litigation.{row.key}.total",
            sum=expected,
            total=total,
        )


def r7_blank(report: Report) -> Iterator[Finding]:
    """A table, or a whole part, that is blank: one finding per part."""
    for key, part, heading in spec.TEXT_PARTS:
        text = getattr(report, key)
        if not (text and text.strip()):
            yield _finding("R7", report, f"第{'一二三四五六'[part - 1]}部分“{heading}”为空", key, field=key)
    for table in report.spec.tables:
        part = "二三四"[table.part - 2]
        rows = report.table(table.key)
        if rows is None:
            yield _finding("R7", report, f"第{part}部分“{table.title}”的表格缺失", table.key, field=table.key)
            continue
        blanks = [
            f"{table.key}.{row}.{table.row(row).columns[i].key}"
            for row, cells in rows.items()
            for i, cell in enumerate(cells)
            if cell is None
        ]
        cells = sum(len(c) for c in rows.values())
        if cells and len(blanks) == cells:
            yield _finding(
                "R7",
                report,
                f"第{part}部分表格空白：原文未填写任何数字（共 {cells} 格，均为空白）",
                table.key,
                field=table.key,
                blank=len(blanks),
            )
        elif blanks:
            shown = "、".join(blanks[:5]) + ("等" if len(blanks) > 5 else "")
            yield _finding(
                "R7",
                report,
                f"第{part}部分有 {len(blanks)} 个空白单元格：{shown}",
                *_first_blank(rows, blanks[0], table),
                field=table.key,
                blank=len(blanks),
            )


def _first_blank(rows: dict[str, list[object]], address: str, table: spec.Table) -> tuple[object, ...]:
    _, row, column = address.split(".")
    index = [c.key for c in table.row(row).columns].index(column)
    return (table.key, row, index)


def r8_template_year(report: Report) -> Iterator[Finding]:
    if report.template == "gb2019" and report.year >= spec.GB2021_FIRST_YEAR:
        yield _finding(
            "R8",
            report,
            f"{report.year} 年度报告应使用2021年版格式（gb2021，国办公开办函〔2021〕30号），本报告为 gb2019",
            "template",
            field="template",
        )
    if report.template == "gb2021" and report.year < spec.GB2021_FIRST_YEAR:
        yield _finding(
            "R8",
            report,
            f"{report.year} 年度报告应使用2019年版格式（gb2019，国办公开办函〔2019〕60号），本报告为 gb2021",
            "template",
            field="template",
        )


REPORT_RULES: tuple[Callable[[Report], Iterable[Finding]], ...] = (
    r1_balance,
    r2_row_totals,
    r3_results_total,
    r4_review_totals,
    r7_blank,
    r8_template_year,
)

# --- Rules across two years of one agency ---------------------------------------------------


def r5_carried(previous: Report, report: Report) -> Iterator[Finding]:
    """carried_over of year N = carried_forward of year N−1, each column."""
    if not (previous.requests and report.requests):
        return
    before = previous.requests.get("carried_forward")
    now = report.requests.get("carried_over")
    if not (before and now):
        return
    for i, col in enumerate(spec.REQUEST_COLUMNS):
        a, b = number(before[i]), number(now[i])
        if a is None or b is None or a == b:
            continue
        yield _finding(
            "R5",
            report,
            f"第三部分“{col.full_label}”列：本年上年结转为 {_fmt(b)}，而 {previous.year} 年报告"
            f"的结转下年度为 {_fmt(a)}；二者应相等",
            "requests",
            "carried_over",
            i,
            field=f"requests.carried_over.{col.key}",
            previous_year=previous.year,
            previous_file=previous.path,
            previous=a,
            current=b,
        )


def r6_in_force(previous: Report, report: Report) -> Iterator[Finding]:
    """gb2021 part 2: in_force(N) = in_force(N−1) + issued(N) − repealed(N)."""
    if not (previous.template == report.template == "gb2021"):
        return
    if not (previous.proactive and report.proactive):
        return
    for key in ("regulations", "normative_documents"):
        before, now = previous.proactive.get(key), report.proactive.get(key)
        if not (before and now):
            continue
        last = number(before[2])
        issued, repealed, in_force = (number(v) for v in now)
        if None in (last, issued, repealed, in_force):
            continue
        expected = last + issued - repealed  # type: ignore[operator]
        if expected != in_force:
            label = spec.PROACTIVE_GB2021.row(key).label
            yield _finding(
                "R6",
                report,
                f"第二部分“{label}”：上年现行有效 {_fmt(last)} + 本年制发 {_fmt(issued)} − 本年废止 "  # type: ignore[arg-type]
                f"{_fmt(repealed)} = {_fmt(expected)}，而本年现行有效件数为 {_fmt(in_force)}",  # type: ignore[arg-type]
                "proactive",
                key,
                2,
                field=f"proactive.{key}.in_force",
                previous_year=previous.year,
                previous_file=previous.path,
                expected=expected,
                in_force=in_force,
            )


YEAR_PAIR_RULES: tuple[Callable[[Report, Report], Iterable[Finding]], ...] = (r5_carried, r6_in_force)
