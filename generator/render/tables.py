"""Data tables for the page templates: the template's multi-level headers as plain data.

A :class:`DataTable` holds header rows, body rows and notes; ``_table.html`` prints it. Every
data cell lists the ids of all of its headers (``headers=``), so a screen reader announces a
part-3 cell as 自然人 · 予以公开 or 法人或其他组织 · 商业企业 · （三）不予公开 · 1.属于国家秘密.
Cells left blank in the original stay blank (with hidden text 空白 and a note), ``"/"`` stays
``/``, derived cells (filled from arithmetic) and uncertain ones are marked.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from markupsafe import escape

from ..model import spec
from ..model.report import Cell, Report, cell_address
from .templates import format_number

NOTE_BLANK = "空白的格子表示原报告此处未填写或无法辨认；空白不等于 0。"
NOTE_NA = "“/”表示原报告此处印作“/”“—”或“不适用”。"
NOTE_DERIVED = "带 * 的数字原报告未印出，是按表格的勾稽关系推算的。"
NOTE_UNCERTAIN = "带 ? 的数字需要与原件核对（例如从扫描件识别）。"


@dataclass
class Head:
    text: str
    id: str = ""
    colspan: int = 1
    rowspan: int = 1
    scope: str = ""
    numeric: bool = False


@dataclass
class DataCell:
    text: str
    headers: str
    kind: str = "value"  # value | blank | na | text
    sort: str = ""  # the value to sort by (numbers only)
    mark: str = ""  # "derived" | "uncertain" | ""


@dataclass
class BodyRow:
    head: Head
    cells: list[DataCell]
    groups: list[Head] = field(default_factory=list)  # group header rows printed before this row
    link: str = ""  # a site path the row header links to
    total: bool = False


@dataclass
class DataTable:
    id: str
    caption: str
    head_rows: list[list[Head]]
    rows: list[BodyRow]
    notes: list[str] = field(default_factory=list)
    sortable: bool = False
    foot: list[BodyRow] = field(default_factory=list)
    width: int = 0  # number of columns, row header included
    # The body rows already written as HTML, instead of ``rows`` (a report's own tables: see
    # report_table); ``table_html.table_rows`` prints it as it is.
    body_html: str = ""


def cell_view(value: Cell, headers: str, address: str = "", report: Report | None = None) -> DataCell:
    mark = ""
    if report is not None and address:
        if address in report.derived:
            mark = "derived"
        elif address in report.uncertain:
            mark = "uncertain"
    if value is None:
        return DataCell("", headers, "blank")
    if value == spec.NOT_APPLICABLE:
        return DataCell("/", headers, "na")
    return DataCell(format_number(value), headers, "value", str(value), mark)


def column_heads(prefix: str, corner: str, columns: tuple[spec.Column, ...]) -> tuple[list[list[Head]], dict[str, str]]:
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
    return ([top, second] if grouped else [top]), ids


def report_table(
    report: Report,
    table: spec.Table,
    rows: list[spec.Row],
    prefix: str,
    caption: str,
    corner: str = "项目",
    group_rows: bool = True,
) -> DataTable:
    """A table of one report in the template's layout: grouped columns, grouped rows.

    Every report of a template has the same table layout, so the layout (headers, row heads,
    each cell's ``headers`` list) is made once (:func:`_layout`) and only the numbers are
    written per report, straight to HTML (``body_html``): with 200 cells a report, building a
    cell object and then printing it was a third of the time spent rendering a portal."""
    data = report.table(table.key) or {}
    present = tuple(row.key for row in rows if row.key in data)
    head_rows, body = _layout(report.template, table.key, prefix, corner, group_rows, present)
    derived, uncertain = report.derived, report.uncertain
    kinds: set[str] = set()
    out = []
    for row_key, row_open, cell_opens in body:
        out.append(row_open)
        for (cell_open, address), value in zip(cell_opens, data[row_key], strict=True):
            if value is None:
                kinds.add("blank")
                out.append(cell_open + _BLANK_CELL)
            elif value == spec.NOT_APPLICABLE:
                kinds.add("na")
                out.append(cell_open + _NA_CELL)
            else:
                mark = "derived" if address in derived else "uncertain" if address in uncertain else ""
                if mark:
                    kinds.add(mark)
                    out.append(f'{cell_open}value {mark}" data-sort="{value}">{format_number(value)}{_MARKS[mark]}</td>')
                elif type(value) is int and 0 <= value < 10_000:
                    tail = _INT_CELLS.get(value)
                    if tail is None:
                        tail = _INT_CELLS[value] = f'value" data-sort="{value}">{format_number(value)}</td>'
                    out.append(cell_open + tail)
                else:
                    out.append(f'{cell_open}value" data-sort="{value}">{format_number(value)}</td>')
        out.append("</tr>\n")
    width = len(_columns_of(table, prefix)) + 1
    return DataTable(prefix, caption, head_rows, [], _notes(kinds), width=width, body_html="".join(out))


# the end of a cell holding a whole number, by number: most cells hold one of a few small ones
_INT_CELLS: dict[int, str] = {}
_BLANK_CELL = 'blank"><span class="vh">空白</span></td>'
_NA_CELL = 'na">/<span class="vh">（不适用）</span></td>'
_MARKS = {
    "derived": '<span aria-hidden="true">*</span><span class="vh">（推算）</span>',
    "uncertain": '<span aria-hidden="true">?</span><span class="vh">（待核对）</span>',
}


@functools.cache
def _layout(
    template: str, table_key: str, prefix: str, corner: str, group_rows: bool, present: tuple[str, ...]
) -> tuple[list[list[Head]], list[tuple[str, str, list[tuple[str, str]]]]]:
    """The layout of a report table with the rows ``present``: its header rows, and for each
    body row its key, its opening HTML (group rows it opens, the row head) and for each cell
    the opening of its ``<td>`` up to the class, with the cell's address. The markup is
    what ``table_html`` prints for a DataTable's rows; texts and ids are escaped alike."""
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
        row_open = "".join(
            f'<tr class="group"><th id="{escape(g.id)}" colspan="{g.colspan}"><span>{escape(g.text)}</span></th></tr>\n'
            for g in opened
        )
        total = ' class="total"' if row.key == "total" else ""
        row_open += f'<tr{total}><th id="{escape(rid)}" scope="row">{escape(row.label)}</th>'
        cells = [
            (f'<td headers="{escape(f"{col_ids[col.key]} {rid} {group_ids}".strip())}" class="',
             cell_address(table.key, row.key, col.key))
            for col in row.columns
        ]
        body.append((row.key, row_open, cells))
    return head_rows, body


@functools.cache
def _columns_of(table: spec.Table, prefix: str) -> tuple[spec.Column, ...]:
    """The columns of the table printed under ``prefix`` (part 2 prints one table per
    第二十条 item, ``p2t<i>``, each with its own columns)."""
    if prefix.startswith("p2t"):
        return _proactive_groups(table)[int(prefix[3:])][0].columns
    return table.rows[0].columns


def _notes(kinds: set[str]) -> list[str]:
    wanted = (("blank", NOTE_BLANK), ("na", NOTE_NA), ("derived", NOTE_DERIVED), ("uncertain", NOTE_UNCERTAIN))
    return [note for kind, note in wanted if kind in kinds]


def notes(body: list[BodyRow]) -> list[str]:
    kinds = {c.kind for r in body for c in r.cells} | {c.mark for r in body for c in r.cells}
    out = []
    if "blank" in kinds:
        out.append(NOTE_BLANK)
    if "na" in kinds:
        out.append(NOTE_NA)
    if "derived" in kinds:
        out.append(NOTE_DERIVED)
    if "uncertain" in kinds:
        out.append(NOTE_UNCERTAIN)
    return out


def proactive_tables(report: Report) -> list[DataTable]:
    """Part 2 as the printed template has it: one small table per 第二十条 item."""
    table = report.spec.table("proactive")
    out = []
    for i, rows in enumerate(_proactive_groups(table)):
        caption = f"{rows[0].group}：{'、'.join(r.label for r in rows)}"
        t = report_table(report, table, rows, f"p2t{i}", caption, corner="信息内容", group_rows=False)
        if t.body_html:
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
    return report_table(
        report,
        table,
        list(table.rows),
        "p3",
        "收到和处理政府信息公开申请情况（按申请人类型，单位：件）",
        corner="申请情况",
    )


def review_table(report: Report) -> DataTable:
    table = report.spec.table("review_litigation")
    return report_table(
        report, table, list(table.rows), "p4", "政府信息公开行政复议、行政诉讼情况（单位：件）", corner="类别"
    )
