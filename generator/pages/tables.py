"""Data tables as plain data, for the one table writer of the theme (``_macros.html``).

A :class:`DataTable` holds header rows, body rows (each with the row groups it opens), footer
rows and notes; the theme's ``data_table`` macro prints every table of the site from it: a
report's parts 2–4, an agency's years, a year's comparison, the quality page. Every data cell
lists the ids of all of its headers (``headers``), so a screen reader announces a part-3 cell
as 自然人 · 予以公开 or 法人或其他组织 · 商业企业 · （三）不予公开 · 1.属于国家秘密. Cells left blank
in the original stay blank (with hidden text 空白 and a note), ``"/"`` stays ``/``, derived
cells (filled from arithmetic) and uncertain ones are marked.

Every report of a template has the same table layout, so a report table's layout (header
rows, row heads, each cell's ``headers`` list) is made once per template and table
(:func:`_layout`), and only the cells are made per report.
"""

from __future__ import annotations

import functools
from typing import Any, NamedTuple

from ..model import spec
from ..model.report import Cell, Report, cell_address

NOTE_BLANK = "空白的格子表示原报告此处未填写或无法辨认；空白不等于 0。"
NOTE_NA = "“/”表示原报告此处印作“/”“—”或“不适用”。"
NOTE_DERIVED = "带 * 的数字原报告未印出，是按表格的勾稽关系推算的。"
NOTE_UNCERTAIN = "带 ? 的数字需要与原件核对（例如从扫描件识别）。"


class Head(NamedTuple):
    """A header cell: ``scope`` col, colgroup or row; a group row's head has none."""

    text: str
    id: str = ""
    colspan: int = 1
    rowspan: int = 1
    scope: str = ""
    numeric: bool = False


class DataCell(NamedTuple):
    text: str  # as printed: 1,036; "" when blank; "/" when not applicable
    headers: str  # the ids of every header of the cell
    kind: str = "value"  # value | blank | na | text
    sort: str = ""  # the value to sort by (numbers only)
    mark: str = ""  # "derived" | "uncertain" | ""


class BodyRow(NamedTuple):
    head: Head
    cells: tuple[DataCell, ...]
    groups: tuple[Head, ...] = ()  # group header rows printed before this row
    link: str = ""  # a site path the row header links to
    total: bool = False


class DataTable(NamedTuple):
    id: str
    caption: str
    head_rows: tuple[tuple[Head, ...], ...]
    rows: tuple[BodyRow, ...]
    notes: tuple[str, ...] = ()
    sortable: bool = False
    foot: tuple[BodyRow, ...] = ()
    width: int = 0  # number of columns, row header included

    @property
    def columns(self) -> int:
        """How many columns the table has, row headers included."""
        return sum(h.colspan for h in self.head_rows[0]) if self.head_rows else self.width

    @property
    def wide(self) -> bool:
        """Wider than a phone shows at once: the theme says so beside it (左右滑动查看更多列)."""
        return self.columns >= 5

    @property
    def tall(self) -> bool:
        """Taller than a phone's screen: on a phone its header rows stay in view while it scrolls."""
        return len(self.rows) + sum(len(r.groups) for r in self.rows) + len(self.foot) >= 12


def format_number(value: Any) -> str:
    """A cell for reading: thousands grouped, money without trailing zeros, blank as ''."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.4f}".rstrip("0").rstrip(".")
    return str(value)


def cell(value: Cell, headers: str, mark: str = "") -> DataCell:
    """A cell of a number (or blank, or ``"/"``)."""
    if value is None:
        return DataCell("", headers, "blank")
    if value == spec.NOT_APPLICABLE:
        return DataCell("/", headers, "na")
    return DataCell(format_number(value), headers, "value", str(value), mark)


def notes(rows: tuple[BodyRow, ...] | list[BodyRow]) -> tuple[str, ...]:
    """The notes a table's cells call for: blank, not applicable, derived, uncertain."""
    kinds = {c.kind for r in rows for c in r.cells} | {c.mark for r in rows for c in r.cells}
    wanted = (("blank", NOTE_BLANK), ("na", NOTE_NA), ("derived", NOTE_DERIVED), ("uncertain", NOTE_UNCERTAIN))
    return tuple(note for kind, note in wanted if kind in kinds)


def column_heads(prefix: str, corner: str, columns: tuple[spec.Column, ...]) -> tuple[tuple[tuple[Head, ...], ...], dict[str, str]]:
    """One or two header rows for the columns; returns them and each column's header ids."""
    grouped = any(c.group for c in columns)
    ids: dict[str, str] = {}
    top: list[Head] = [Head(corner, f"{prefix}-corner", rowspan=2 if grouped else 1, scope="col")]
    second: list[Head] = []
    seen_groups: dict[str, str] = {}
    for i, column in enumerate(columns):
        cid = f"{prefix}-c{i}"
        if column.group:
            gid = seen_groups.get(column.group)
            if gid is None:
                gid = f"{prefix}-cg{len(seen_groups)}"
                seen_groups[column.group] = gid
                span = sum(1 for c in columns if c.group == column.group)
                top.append(Head(column.group, gid, colspan=span, scope="colgroup"))
            second.append(Head(column.label, cid, scope="col", numeric=True))
            ids[column.key] = f"{cid} {gid}"
        else:
            top.append(Head(column.label, cid, rowspan=2 if grouped else 1, scope="col", numeric=True))
            ids[column.key] = cid
    return ((tuple(top), tuple(second)) if grouped else (tuple(top),)), ids


def simple_heads(prefix: str, corner: str, labels: list[str]) -> tuple[tuple[Head, ...], ...]:
    """One header row: the corner, then a numeric column per label."""
    return ((Head(corner, f"{prefix}-corner", scope="col"),
             *(Head(label, f"{prefix}-c{i}", scope="col", numeric=True) for i, label in enumerate(labels))),)


# --- a report's own tables (parts 2–4) -------------------------------------------------------


def report_table(
    report: Report,
    table: spec.Table,
    rows: list[spec.Row],
    prefix: str,
    caption: str,
    corner: str = "项目",
    group_rows: bool = True,
) -> DataTable:
    """A table of one report in the template's layout: grouped columns, grouped rows."""
    data = report.table(table.key) or {}
    present = tuple(row.key for row in rows if row.key in data)
    head_rows, layout = _layout(report.template, table.key, prefix, corner, group_rows, present)
    derived, uncertain = report.derived, report.uncertain
    body = []
    if len(_CELLS) > 500_000:
        _CELLS.clear()
    for row_key, head, groups, total, positions in layout:
        cells = []
        for (headers, address), value in zip(positions, data[row_key], strict=True):
            mark = "derived" if address in derived else "uncertain" if address in uncertain else ""
            key = (headers, value, type(value), mark)
            made = _CELLS.get(key)
            if made is None:
                made = _CELLS[key] = cell(value, headers, mark)
            cells.append(made)
        body.append(BodyRow(head, tuple(cells), groups, total=total))
    width = len(_columns_of(table, prefix)) + 1
    return DataTable(prefix, caption, head_rows, tuple(body), notes(body), width=width)


# The cells made so far, by position, value and mark: a portal's reports hold the same few
# small numbers in the same places over and over. Measured at 300 × 7 (CPU seconds, medians of
# 3): the 2,100 reports' tables take 0.78 s to make with it, 1.10 s without.
_CELLS: dict[tuple[str, object, type, str], DataCell] = {}

Layout = tuple[str, Head, tuple[Head, ...], bool, tuple[tuple[str, str], ...]]


@functools.cache
def _layout(
    template: str, table_key: str, prefix: str, corner: str, group_rows: bool, present: tuple[str, ...]
) -> tuple[tuple[tuple[Head, ...], ...], tuple[Layout, ...]]:
    """The layout of a report table with the rows ``present``: its header rows, and for each
    body row its key, head, the group rows it opens, whether it is the total, and for each
    cell its ``headers`` and its address."""
    table = spec.TEMPLATES[template].table(table_key)
    rows = [table.row(key) for key in present]
    columns = _columns_of(table, prefix)
    head_rows, col_ids = column_heads(prefix, corner, columns)
    body = []
    open_ids: dict[int, tuple[str, str]] = {}  # level -> (label, id) of the open row groups
    n = 0
    for index, row in enumerate(rows):
        opened: list[Head] = []
        for level, label in enumerate((row.group, row.subgroup) if group_rows else ()):
            if not label:
                open_ids = {k: v for k, v in open_ids.items() if k < level}
                break
            if open_ids.get(level, ("", ""))[0] != label:
                open_ids = {k: v for k, v in open_ids.items() if k < level}
                open_ids[level] = (label, f"{prefix}-g{n}")
                n += 1
                opened.append(Head(label, open_ids[level][1], colspan=len(columns) + 1))
        rid = f"{prefix}-r{index}"
        group_ids = " ".join(gid for _, gid in open_ids.values())
        positions = tuple(
            (f"{col_ids[col.key]} {rid} {group_ids}".strip(), cell_address(table.key, row.key, col.key))
            for col in row.columns
        )
        body.append((row.key, Head(row.label, rid, scope="row"), tuple(opened), row.key == "total", positions))
    return head_rows, tuple(body)


@functools.cache
def _columns_of(table: spec.Table, prefix: str) -> tuple[spec.Column, ...]:
    """The columns of the table printed under ``prefix`` (part 2 prints one table per
    第二十条 item, ``p2t<i>``, each with its own columns)."""
    if prefix.startswith("p2t"):
        return _proactive_groups(table)[int(prefix[3:])][0].columns
    return table.rows[0].columns


def proactive_tables(report: Report) -> list[DataTable]:
    """Part 2 as the printed template has it: one small table per 第二十条 item."""
    table = report.spec.table("proactive")
    out = []
    for i, rows in enumerate(_proactive_groups(table)):
        caption = f"{rows[0].group}：{'、'.join(r.label for r in rows)}"
        t = report_table(report, table, rows, f"p2t{i}", caption, corner="信息内容", group_rows=False)
        if t.rows:
            out.append(t)
    return out


@functools.cache
def _proactive_groups(table: spec.Table) -> list[list[spec.Row]]:
    groups: list[list[spec.Row]] = []
    for row in table.rows:
        if groups and groups[-1][0].group == row.group and groups[-1][0].columns == row.columns:
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


def requests_table(report: Report) -> DataTable:
    table = report.spec.table("requests")
    return report_table(report, table, list(table.rows), "p3", "收到和处理政府信息公开申请情况（按申请人类型，单位：件）",
                        corner="申请情况")


def review_table(report: Report) -> DataTable:
    table = report.spec.table("review_litigation")
    return report_table(report, table, list(table.rows), "p4", "政府信息公开行政复议、行政诉讼情况（单位：件）", corner="类别")
