"""Reading the part 2, 3 and 4 tables by the meaning of their printed labels.

Every row of every table piece in a part is looked at in order. A row's cells are split into
its label cells (text) and value cells (numbers, blanks, "/") at the last text cell. Group
labels (三、本年度办理结果, （三）不予公开 …) set the context; the row's own label is matched
against the template's labels (see :mod:`.labels`), helped by its numbering within the group
(8. under （三） is 属于行政查询事项 even when the words are cut by a page break). Values are
placed by count: blanks at either end are trimmed; one cell too many or too few is resolved
by the template's arithmetic (R2, R4) only when every reading that fits gives the same row,
and a cell filled that way is listed as derived. Anything else is left null with a finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..ingest.document import Table
from ..model import spec
from ..model.report import cell_address
from .arithmetic import solve_runs
from .labels import best_match, core, normalize, number_of, numbering, similarity
from .notes import Explained, Note
from .numbers import is_value
from .placing import place, trim
from .settings import Settings

_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass
class TableResult:
    rows: dict[str, list[Any]] = field(default_factory=dict)
    as_printed: dict[str, str] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    explain: list[Explained] = field(default_factory=list)
    derived: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)  # cells left null because unreadable
    uncertain: list[str] = field(default_factory=list)  # cells read from numbers run together
    found: bool = False  # a table was printed at all


@dataclass
class RowText:
    labels: list[str]
    values: list[str]
    stray: list[str]
    source: RowText | None = None  # the printed row whose numbers these are (when labels were joined)


def split_row(cells: list[Any]) -> RowText:
    texts = [c.text for c in cells if not c.copy]
    last = -1
    for i, t in enumerate(texts):
        # A label has words; a short run of letters among the numbers ("O", "l") is a misread number.
        if t.strip() and not is_value(t) and (_CJK.search(t) or len(t.strip()) > 3):
            last = i
    labels = [t for t in texts[: last + 1] if t.strip() and not is_value(t)]
    stray = [t for t in texts[: last + 1] if t.strip() and is_value(t)]
    return RowText(labels, texts[last + 1 :], stray)


def rows_of(tables: list[Table]) -> list[RowText]:
    return [split_row(r) for t in tables for r in t.rows]


# --- Part 3 ------------------------------------------------------------------------------

_GROUPS = {
    spec.RESULTS: core(spec.RESULTS),
    spec.WITHHELD: core(spec.WITHHELD),
    spec.UNAVAILABLE: core(spec.UNAVAILABLE),
    spec.NOT_PROCESSED: core(spec.NOT_PROCESSED),
    spec.OTHER: core(spec.OTHER),
}
_HEADER_WORDS = {core(c.label) for c in spec.REQUEST_COLUMNS} | {core(spec.APPLICANT_GROUP), "申请人情况"}
_SUBGROUP_NUMBER = {spec.WITHHELD: 3, spec.UNAVAILABLE: 4, spec.NOT_PROCESSED: 5, spec.OTHER: 6}


def _group_of(text: str) -> str | None:
    n = normalize(text)
    c = core(n)
    if not c:
        return None
    for group, gcore in _GROUPS.items():
        if group == spec.OTHER:
            continue  # （六）其他处理 is a row of its own unless split rows follow
        if c == gcore or (len(c) >= 3 and c in gcore) or (len(gcore) >= 3 and gcore in c and len(c) <= len(gcore) + 2):
            return group
    if c in ("本年度", "办理结果", "本年度办理结果"):
        return spec.RESULTS
    return None


def read_requests(tables: list[Table], settings: Settings, label: str = "第三部分") -> TableResult:
    table = spec.REQUESTS
    result = TableResult(found=bool(tables))
    if not tables:
        return result
    candidates = {r.key: core(r.label) for r in table.rows}
    entries: list[tuple[str | None, RowText, str]] = []
    subgroups: list[str] = []  # the group each entry was read under
    subgroup = ""
    for row in rows_of(tables):
        own: list[str] = []
        for text in row.labels:
            g = _group_of(text)
            if g is not None:
                if g != spec.RESULTS:
                    subgroup = g
                continue
            own.append(text)
        printed = "".join(normalize(t) for t in own)
        has_values = any(v.strip() for v in row.values)
        if not has_values and any(not numbering(normalize(t))[0] and core(t) in _HEADER_WORDS for t in own):
            result.explain.append(Explained(table.key, " ".join(row.labels), None, "表头", []))
            continue
        if not printed:
            if has_values and len(own) < len(row.labels):  # numbers beside a group label only
                entries.append((None, row, "分组标签行"))
                subgroups.append(subgroup)
            elif has_values:
                entries.append((None, row, "无行标签"))
                subgroups.append(subgroup)
            elif row.labels:
                result.explain.append(Explained(table.key, " ".join(row.labels), None, "分组标签", []))
            continue
        key, why = None, ""
        if len(own) > 1:  # the row's own cell first; cells before it may be group fragments
            key, why = _match_request(normalize(own[-1]), subgroup, candidates, settings)
        tail = _from_last_numbering(printed)
        if key is None and tail:  # "年度办（二）部分公开…": a vertical group label's pieces before it
            key, why = _match_request(tail, subgroup, candidates, settings)
        if key is None:
            key, why = _match_request(printed, subgroup, candidates, settings)
        if key is not None and not has_values and "下第" not in why and similarity(core(printed), candidates[key]) < 0.85:
            # A row without numbers matters only when its label is unmistakable (header pieces are not);
            # it may still be a piece of the label of a row beside it (see _assemble).
            result.explain.append(Explained(table.key, " ".join(row.labels), None, f"无数字，标签不够明确（{why}）", []))
            key = None
        if key is not None:
            r = table.row(key)
            if r.subgroup:
                subgroup = r.subgroup
            elif key == "other_processing":
                subgroup = spec.OTHER
            elif r.group != spec.RESULTS or key in ("disclosed", "partially_disclosed", "total"):
                subgroup = ""
        entries.append((key, row, why))
        subgroups.append(subgroup)
    entries = _assemble(entries, subgroups, candidates, lambda text, sg: _match_request(text, sg, candidates, settings))
    _fill(result, table, _continued(entries), "R2", label)
    return result


# Group labels a wrapped row label may be printed around ("1.申请人无正当理由" / "（六）其他处理
# 逾期不补正、行政机关" / "不再处理其政府信息公" / "开申请"), normalised.
_GROUP_TEXTS = ("三、本年度办理结果", "本年度办理结果", "(三)不予公开", "(四)无法提供", "(五)不予处理", "(六)其他处理")
ASSEMBLE_PIECES = 3  # label pieces looked at on either side of a row's numbers


def _values(row: RowText) -> bool:
    return any(v.strip() for v in row.values)


def _assemble(
    entries: list[tuple[str | None, RowText, str]],
    subgroups: list[str],
    candidates: dict[str, str],
    match: Callable[[str, str], tuple[str | None, str]],
) -> list[tuple[str | None, RowText, str]]:
    """A row label printed over several lines around its numbers (text laid out like the page:
    the numbers' line holds a middle piece of the label, and a group label beside it): the row
    with numbers takes the label pieces before it (back to the previous row with numbers) and
    after it (up to the next piece with a numbering of its own), when the label they make
    together matches a template row clearly better than its own piece does, and that row is not
    printed elsewhere."""
    used: set[int] = set()
    for i, (key, row, _) in enumerate(entries):
        if not _values(row):
            continue
        taken = {k for j, (k, r, _) in enumerate(entries) if k and _values(r) and j != i}
        own = _score(row.labels, key, candidates) if key not in taken else 0.0  # a second "2.重复申请": a piece
        if own >= 0.9:
            continue
        before: list[int] = []
        j = i - 1
        while j >= 0 and j not in used and len(before) < ASSEMBLE_PIECES and not _values(entries[j][1]):
            before.insert(0, j)
            j -= 1
        after: list[int] = []
        j = i + 1
        while j < len(entries) and len(after) < ASSEMBLE_PIECES and not _values(entries[j][1]):
            if numbering(normalize("".join(entries[j][1].labels)))[0]:
                break
            after.append(j)
            j += 1
        for pick in ((before, after), (before, []), ([], after)):
            if not pick[0] and not pick[1]:
                continue
            labels = [t for j in pick[0] for t in entries[j][1].labels] + row.labels + [t for j in pick[1] for t in entries[j][1].labels]
            text = "".join(normalize(t) for t in labels)
            for group in _GROUP_TEXTS:
                if group in text and re.search(r"\d{1,2}\.", text.replace(group, "")):
                    text = text.replace(group, "")
            k, why = match(text, subgroups[i])
            by_number = "下第" in why and numbering(text)[0] != ""  # "3.补正后申请内…" under （四）: its place
            if k and k not in taken and (by_number or similarity(core(text), candidates[k]) >= max(0.9, own + 0.05)):
                entries[i] = (k, RowText(labels, row.values, row.stray, row.source or row), f"标签分在几行，合起来：{why}")
                used.update(pick[0] + pick[1])
                break
    return [e for j, e in enumerate(entries) if j not in used]


def _score(labels: list[str], key: str | None, candidates: dict[str, str]) -> float:
    if key is None:
        return 0.0
    text = "".join(normalize(t) for t in labels)
    tail = _from_last_numbering(text)
    return max(similarity(core(text), candidates[key]), similarity(core(tail), candidates[key]) if tail else 0.0)


_INNER_NUMBERING = re.compile(r"(?<=.)(?:\([一二三四五六七八九十]\)|(?<![\d.])\d{1,2}\.(?!\d))")


def _from_last_numbering(printed: str) -> str:
    """A normalised label from its last numbering on ("年度办(二)部分公开" → "(二)部分公开"), or ""."""
    found = list(_INNER_NUMBERING.finditer(printed))
    return printed[found[-1].start():] if found else ""


def _match_request(printed: str, subgroup: str, candidates: dict[str, str], settings: Settings) -> tuple[str | None, str]:
    prefix, rest = numbering(printed)
    c = core(printed)
    num = number_of(prefix) if prefix else None
    if num and prefix[0].isdigit() and subgroup in _SUBGROUP_NUMBER:
        sub = [r for r in spec.REQUESTS.rows if r.subgroup == subgroup]
        if 1 <= num <= len(sub):
            r = sub[num - 1]
            score = similarity(c, candidates[r.key])
            # "2." or "2.重" alone, or the start of the label ("2.申请人" cut by a line break): its place says what it is
            if score >= 0.3 or len(c) <= 2 or candidates[r.key].startswith(c):
                return r.key, f"{subgroup} 下第 {num} 项（文字相似度 {score:.2f}）"
    if c in ("其他",) and subgroup == spec.OTHER:
        return "other_other", f"{spec.OTHER} 下的“其他”"
    key, score, why = best_match(c, candidates, settings.label_match, settings.label_margin)
    return key, why


def _continued(entries: list[tuple[str | None, RowText, str]]) -> list[tuple[str | None, RowText, str]]:
    """Numbers printed beside a wrapped label land on a row of their own (no label, or only the
    label's tail): they belong to the label-only row just before them."""
    out: list[tuple[str | None, RowText, str]] = []
    for key, row, why in entries:
        has = any(v.strip() for v in row.values)
        if key is None and has and out:
            pkey, prow, _ = out[-1]
            if pkey is not None and not any(v.strip() for v in prow.values):
                out[-1] = (pkey, RowText(prow.labels + row.labels, row.values, row.stray, row.source or row), "标签折行，数字在下一行：接续上一行的标签")
                continue
        out.append((key, row, why))
    return out


def _fill(result: TableResult, table: spec.Table, entries: list[tuple[str | None, RowText, str]], rule: str | None, label: str) -> None:
    order = list(table.row_keys)
    # Rows with no label of their own: placed between two matched neighbours, if one row is missing there.
    resolved: list[tuple[str | None, RowText, str]] = []
    for i, (key, row, why) in enumerate(entries):
        if key is None and why == "无行标签":
            prev = next((k for k, _, _ in reversed(entries[:i]) if k), None)
            nxt = next((k for k, _, _ in entries[i + 1 :] if k), None)
            if prev and nxt and order.index(nxt) - order.index(prev) == 2:
                guess = order[order.index(prev) + 1]
                if all(k != guess for k, _, _ in entries):
                    result.notes.append(Note("warning", f"{label}有一行没有印出行标签，位于“{table.row(prev).label}”与“{table.row(nxt).label}”之间，按位置视为“{table.row(guess).label}”，请核对", f"{table.key}.{guess}"))
                    resolved.append((guess, row, "无行标签，按上下行位置推定"))
                    continue
            if any(v.strip() for v in row.values):
                result.notes.append(Note("warning", f"{label}有一行没有行标签，无法确定是哪一行，其数字未导入：{' '.join(v for v in row.values if v.strip())}"))
            resolved.append((None, row, "无行标签，未导入"))
            continue
        if key is None and why == "分组标签行":  # numbers beside a group label no row claimed
            numbers = " ".join(v for v in row.values if v.strip())
            zeros = all(v.strip() in ("", "0") for v in row.values)
            result.notes.append(Note("info" if zeros else "warning", f"{label}的分组标签行“{' '.join(row.labels)}”印有数字（{numbers}），这些数字不属于任何一行，已略去，请对照原件"))
            resolved.append((None, row, "分组标签行，数字略去"))
            continue
        resolved.append((key, row, why))

    values_of: dict[str, list[str]] = {}
    printed_of: dict[str, str] = {}
    for key, row, why in resolved:
        printed = " ".join(row.labels)
        result.explain.append(Explained(table.key, printed, key, why, [v for v in row.values]))
        if key is None:
            if any(v.strip() for v in row.values) and why != "无行标签，未导入":
                result.notes.append(Note("warning", f"{label}的行“{printed}”无法对应到模板中的任何一行（{why}），其数字未导入"))
            continue
        has = any(v.strip() for v in row.values)
        if key in values_of:
            old_has = any(v.strip() for v in values_of[key])
            if has and old_has:
                target = core(table.row(key).label)
                better = similarity(core("".join(normalize(t) for t in row.labels)), target) > similarity(core(printed_of[key].replace(" ", "")), target)
                kept = "第二次" if better else "第一次"
                result.notes.append(Note("warning", f"{label}的“{table.row(key).label}”出现了两次（“{printed_of[key]}”与“{printed}”），取标签更相符的{kept}的数字，请核对", f"{table.key}.{key}"))
                if better:
                    values_of[key], printed_of[key] = row.values, printed
                continue
            if has:
                values_of[key] = row.values
            continue
        values_of[key] = row.values
        printed_of[key] = printed

    # Which form of （六） the report prints.
    if table.alternatives:
        single, split = table.alternatives
        split_found = [k for k in split if k in values_of]
        if split_found:
            if "other_processing" in values_of and any(v.strip() for v in values_of["other_processing"]):
                result.notes.append(Note("info", f"{label}的（六）其他处理既有合计行又分三项印出，导入分项的三行"))
            values_of.pop("other_processing", None)
            drop = set(single)
        else:
            drop = set(split)
    else:
        drop = set()
    proactive = table.key == "proactive"
    yuan_rows: set[str] = set()
    any_values = any(v.strip() for values in values_of.values() for v in values)
    for r in table.rows:
        if r.key in drop:
            continue
        if proactive and r.key not in values_of:
            continue
        if r.key not in values_of:
            result.rows[r.key] = [None] * len(r.columns)
            result.notes.append(Note("warning", f"{label}没有找到“{r.full_label}”这一行，留空（null），请对照原件", f"{table.key}.{r.key}"))
            result.unread.extend(cell_address(table.key, r.key, c.key) for c in r.columns)
            continue
        where = f"{label}“{r.full_label}”（{table.key}.{r.key}）"
        if any_values and not any(v.strip() for v in values_of[r.key]):
            # A row printed without numbers in a table that has them: blank as printed, or its
            # numbers lost in the file; either way the editor looks.
            result.notes.append(Note("warning", f"{where}印出了行标签但没有数字，留空（null），请对照原件", f"{table.key}.{r.key}"))
        placed = place(values_of[r.key], r.columns, rule if (rule and len(r.columns) == 7) else None, where, r.key in yuan_rows)
        for n in placed.notes:
            n.field = n.field or f"{table.key}.{r.key}"
        result.notes.extend(placed.notes)
        result.rows[r.key] = placed.cells
        result.derived.extend(cell_address(table.key, r.key, r.columns[k].key) for k in placed.derived)
        result.unread.extend(cell_address(table.key, r.key, r.columns[k].key) for k in placed.unread)
        result.uncertain.extend(cell_address(table.key, r.key, r.columns[k].key) for k in placed.uncertain)
        for text in placed.printed.values():
            result.as_printed[r.key] = text
    if table.key == "requests":  # rows whose numbers ran together: the whole table's arithmetic
        solved, notes = solve_runs(result.rows, values_of, label)
        if solved:
            fields = {f"requests.{k}" for k in solved}
            result.notes = [n for n in result.notes if n.field not in fields] + notes
            addresses = {cell_address("requests", k, c.key) for k in solved for c in spec.REQUEST_COLUMNS}
            result.unread = [a for a in result.unread if a not in addresses]
            result.uncertain.extend(sorted(addresses))
    # Many rows whose numbers ran together (a crawl that dropped every space): say it once.
    merged = [n for n in result.notes if "的数字连在一起（“" in n.message]
    if len(merged) > 2:
        result.notes = [n for n in result.notes if n not in merged]
        keys = "、".join(n.field.rsplit(".", 1)[-1] for n in merged)
        result.notes.append(Note("warning", f"{label}有 {len(merged)} 行的数字连在一起，各行只有一种分法，已分开并标为待核对（uncertain），请对照原件：{keys}", table.key))
    # Many rows with the same stray cell (a whole column of zeros printed twice): say it once.
    stray = [n for n in result.notes if n.severity == "info" and "多一个" in n.message]
    if len(stray) > 2:
        result.notes = [n for n in result.notes if n not in stray]
        rows = "、".join(n.field.rsplit(".", 1)[-1] for n in stray)
        result.notes.append(
            Note("info", f"{label}有 {len(stray)} 行各多印了一个数（多出的一列），按勾稽关系（{rule}）判定为多余，已略去：{rows}", table.key)
        )


# --- Part 2 ------------------------------------------------------------------------------

GB2019_HINTS = ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增减", "处理决定数量", "采购项目数量", "采购总金额", "其他对外管理服务事项", "政府集中采购")
GB2021_HINTS = ("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额")


# Words only one part's table prints: a table piece is placed by them when its part heading is
# missing or it landed under another part (a heading lost in a crawl, a scan).
_PART_WORDS = {
    2: ("第二十条", "规章", "规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费", "本年制发件数", "处理决定数量", "政府集中采购"),
    3: ("本年新收", "上年结转", "予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理", "国家秘密", "结转下年度", "申请人情况", "自然人", "商业企业"),
    4: ("行政复议", "行政诉讼", "结果维持", "结果纠正", "尚未审结", "未经复议", "复议后起诉"),
}


def part_of_table(table: Table) -> int | None:
    """The part (2, 3, 4) a table piece belongs to by its words, None when it does not say."""
    text = "".join(core(c.text) for row in table.rows for c in row if not c.copy)
    votes = {part: sum(1 for w in words if w in text) for part, words in _PART_WORDS.items()}
    best = max(votes.values())
    winners = [p for p, v in votes.items() if v == best]
    return winners[0] if best >= 2 and len(winners) == 1 else None


def template_votes(tables: list[Table]) -> tuple[int, int]:
    text = "".join(core(c.text) for t in tables for row in t.rows for c in row)
    gb19 = sum(1 for h in GB2019_HINTS if core(h) in text and core(h) not in ("处理决定数量",))
    gb21 = sum(1 for h in GB2021_HINTS if core(h) in text)
    return gb19, gb21


def read_proactive(tables: list[Table], template: spec.Template, settings: Settings) -> TableResult:
    table = template.table("proactive")
    result = TableResult(found=bool(tables))
    if not tables:
        return result
    candidates = {r.key: core(r.label) for r in table.rows}
    if template.key == "gb2021":
        candidates["normative_documents"] = core("行政规范性文件")
    entries: list[tuple[str | None, RowText, str]] = []
    in_yuan: list[bool] = []  # per entry: money printed in 元 (the header above it says so)
    yuan = False
    for row in rows_of(tables):
        printed = "".join(normalize(t) for t in row.labels)
        has_values = any(v.strip() for v in row.values)
        c = core(printed)
        if not has_values and row.labels:
            joined = "".join(core(t) for t in row.labels)
            if "元" in joined and "万元" not in joined and ("金额" in joined or len(joined) <= 4):  # "（元）" on a line of its own
                yuan = True
            elif "万元" in joined:
                yuan = False
        if not c:
            if has_values:
                entries.append((None, row, "无行标签"))
                in_yuan.append(yuan)
            continue
        if c.startswith("信息内容") or c.startswith("第二十条"):
            continue
        key, _, why = best_match(c, candidates, settings.label_match, settings.label_margin)
        if key is None and not has_values:
            result.explain.append(Explained(table.key, " ".join(row.labels), None, "表头或分项标题", []))
        entries.append((key, row, why))  # a label without numbers may be a piece of the next row's (_assemble)
        in_yuan.append(yuan)

    def match(text: str, _: str) -> tuple[str | None, str]:
        key, _, why = best_match(core(text), candidates, settings.label_match, settings.label_margin)
        return key, why

    yuan_rows = {id(row) for (_, row, _), y in zip(entries, in_yuan, strict=True) if y}
    entries = _continued(_assemble(entries, [""] * len(entries), candidates, match))
    placed: list[tuple[str | None, RowText, str]] = []
    for key, row, why in entries:
        if key and id(row.source or row) in yuan_rows and any(col.kind == spec.MONEY for col in table.row(key).columns):
            row = RowText(row.labels, [v if (not v.strip() or "元" in v or i == 0 and key == "procurement") else v.strip() + "元" for i, v in enumerate(trim(row.values))], row.stray)
        placed.append((key, row, why))
    _fill(result, table, placed, None, "第二部分")
    for r in table.rows:
        if r.key not in result.rows:
            result.rows[r.key] = [None] * len(r.columns)
            result.notes.append(Note("warning", f"第二部分没有找到“{r.full_label}”这一行，留空（null），请对照原件", f"proactive.{r.key}"))
            result.unread.extend(cell_address("proactive", r.key, c.key) for c in r.columns)
    result.rows = {r.key: result.rows[r.key] for r in table.rows}
    return result


# --- Part 4 ------------------------------------------------------------------------------


def read_review(tables: list[Table], settings: Settings) -> TableResult:
    table = spec.REVIEW_LITIGATION
    result = TableResult(found=bool(tables))
    if not tables:
        return result
    candidates = {r.key: core(r.label) for r in table.rows}
    labelled: dict[str, list[str]] = {}
    loose: list[str] = []
    for row in rows_of(tables):
        has_values = any(v.strip() for v in row.values)
        if not has_values:
            if row.labels:
                result.explain.append(Explained(table.key, " ".join(row.labels), None, "表头", []))
            continue
        c = "".join(core(t) for t in row.labels)
        key = None
        if c and len(trim(row.values)) <= 6:
            key, _, why = best_match(c, candidates, settings.label_match, settings.label_margin)
            if key:
                labelled.setdefault(key, row.values)
                result.explain.append(Explained(table.key, " ".join(row.labels), key, why, row.values))
                continue
        loose.extend(row.values if not loose else row.values)
        result.explain.append(Explained(table.key, " ".join(row.labels) or "（无行标签）", "review/litigation_direct/litigation_after_review", "一行印出三组共 15 个数，按 行政复议、未经复议直接起诉、复议后起诉 各 5 个分配", row.values))
    if len(labelled) == 3:
        for r in table.rows:
            where = f"第四部分“{r.full_label}”（review_litigation.{r.key}）"
            placed = place(labelled[r.key], r.columns, "R4", where)
            result.rows[r.key] = placed.cells
            result.notes.extend(placed.notes)
            result.derived.extend(cell_address(table.key, r.key, r.columns[k].key) for k in placed.derived)
            result.unread.extend(cell_address(table.key, r.key, r.columns[k].key) for k in placed.unread)
            result.uncertain.extend(cell_address(table.key, r.key, r.columns[k].key) for k in placed.uncertain)
        return result
    columns = tuple(c for r in table.rows for c in r.columns)
    placed = place(loose, columns, "R4", "第四部分的表格")
    result.notes.extend(placed.notes)
    for g, r in enumerate(table.rows):
        result.rows[r.key] = placed.cells[g * 5 : g * 5 + 5]
    for indexes, out in ((placed.derived, result.derived), (placed.unread, result.unread), (placed.uncertain, result.uncertain)):
        for k in indexes:
            r = table.rows[k // 5]
            out.append(cell_address(table.key, r.key, r.columns[k % 5].key))
    return result
