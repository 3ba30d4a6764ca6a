"""Rule R9: numbers stated in the report's text, compared with its tables.

Reports often repeat a table's key figure in words: “本年度共收到政府信息公开申请 5 件”,
“上年结转 2 件”, “被申请行政复议一件”, “没有收到政府信息公开申请”. When the words and the
table disagree, one of them is wrong, and an evaluator notices. This module finds such
statements with a few regular expressions, reads the number (Arabic, full-width or Chinese
numerals such as 十二、两、一百零五; a stated absence “未收到……申请” counts as 0) and compares
it with the table cell it names.

Only sentences that clearly speak of the same quantity are compared: the clause must name
the quantity (新收, 上年结转, 收到/受理……政府信息公开申请, 行政复议, 行政诉讼) directly before
the number and its unit 件/起; a sentence that speaks of another year (“2019 年”, 去年, 同比,
累计) is skipped, and so are clauses about outcomes (纠错, 败诉) or rights (可以……申请行政复议).
A cell that is blank or “/” is not compared. The finding names the sentence, the number read
from it and the table cell, and points at the sentence's own line in the YAML file where it
can (a literal block ``key: |`` keeps one text line per file line).

The standard library's ``re`` is enough here; no Chinese NLP library is needed for phrases
this fixed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..findings import Finding, Location
from ..model import spec
from ..model.report import Report, number
from .rules import RULES, fmt

# --- Numbers ----------------------------------------------------------------------------------

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
NUMBER = r"[0-9０-９][0-9０-９,]*|[零〇一二两三四五六七八九十百千万]+"
_LONGEST = 20  # characters of a numeral read as a number: cells stop at spec.MAX_WHOLE (10 digits)


def parse_number(text: str) -> int | None:
    """An Arabic, full-width or Chinese numeral as an int (十二 → 12, 一百零五 → 105, 1,036 → 1036)."""
    text = text.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789")).replace(",", "")
    if not text or len(text) > _LONGEST:
        return None  # no count a report states is that long (and int() refuses 4,300 digits)
    if text.isdigit():
        return int(text)
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and ch not in "零〇":  # 二〇二一-style digit strings
                digit = digit * 10 + _DIGITS[ch]
            else:
                digit = _DIGITS[ch] if ch not in "零〇" or digit is None else digit * 10
        elif ch in _UNITS:
            unit = _UNITS[ch]
            if unit == 10000:
                section = (section + (digit or 0)) * unit
                total, section = total + section, 0
            else:
                section += (1 if digit is None else digit) * unit
            digit = None
        else:
            return None
    return total + section + (digit or 0)


# --- What a statement can refer to ------------------------------------------------------------


@dataclass(frozen=True)
class Quantity:
    key: str
    label: str  # in messages: what the sentence states
    cells: tuple[tuple[str, str, str], ...]  # (table, row, column) added up
    alternative: tuple[tuple[str, str, str], ...] = ()  # also accepted (受理 may include 上年结转)


_TOTAL = "total"
RECEIVED = Quantity(
    "received",
    "本年新收申请",
    (("requests", "received_new", _TOTAL),),
    (("requests", "received_new", _TOTAL), ("requests", "carried_over", _TOTAL)),
)
CARRIED_OVER = Quantity("carried_over", "上年结转申请", (("requests", "carried_over", _TOTAL),))
CARRIED_FORWARD = Quantity("carried_forward", "结转下年度申请", (("requests", "carried_forward", _TOTAL),))
REVIEW = Quantity("review", "行政复议", (("review_litigation", "review", _TOTAL),))
LITIGATION = Quantity(
    "litigation",
    "行政诉讼",
    (
        ("review_litigation", "litigation_direct", _TOTAL),
        ("review_litigation", "litigation_after_review", _TOTAL),
    ),
)

_N = rf"\s*(?P<n>{NUMBER})\s*"
_AMOUNT = r"(?:数量|总数)?(?:为|是|共|共计|合计|总计|达)?"
_GAP = r"[^，。；：:,;！？!?\d]"  # a stretch within one clause, without numbers
# (pattern, quantity, accepts the alternative). Each needs the unit right after the number.
POSITIVE = (
    (re.compile(rf"新收(?:到)?{_GAP}{{0,16}}?申请{_AMOUNT}{_N}件"), RECEIVED, False),
    (re.compile(rf"(?P<verb>收到|接到|接收|受理|办理){_GAP}{{0,24}}?(?:公开申请|依申请公开{_GAP}{{0,6}}?|申请){_AMOUNT}{_N}件"), RECEIVED, True),
    (re.compile(rf"(?P<verb>收到|接到|接收|受理|办理)(?:了)?(?:共|共计)?{_N}件{_GAP}{{0,12}}?(?:公开申请|依申请公开)"), RECEIVED, True),
    (re.compile(rf"上年(?:度)?结转{_GAP}{{0,16}}?{_AMOUNT}{_N}件"), CARRIED_OVER, False),
    (re.compile(rf"结转(?:至|到)?下(?:一)?年(?:度)?(?:继续办理)?{_GAP}{{0,8}}?{_AMOUNT}{_N}件"), CARRIED_FORWARD, False),
    (re.compile(rf"行政复议(?:案件|申请)?{_AMOUNT}{_N}(?:件|起|宗)"), REVIEW, False),
    (re.compile(rf"行政诉讼(?:案件)?{_AMOUNT}{_N}(?:件|起|宗)"), LITIGATION, False),
)
# Stated absences, read as 0; matched within one clause.
ZERO = (
    (re.compile(rf"(?:未|没有|无)(?:收到|接到|接收|受理){_GAP}{{0,20}}?(?:申请|依申请公开)"), RECEIVED),
    (re.compile(r"(?:无|没有)(?:依申请公开|政府信息公开申请)"), RECEIVED),
    (re.compile(rf"(?:未|没有|无)(?:发生|出现|被|因|涉及|收到)?{_GAP}{{0,30}}?行政复议"), REVIEW),
    (re.compile(rf"(?:未|没有|无)(?:发生|出现|被|因|涉及|收到)?{_GAP}{{0,40}}?行政诉讼"), LITIGATION),
)
_RECEIVED_EXCLUDE = re.compile(r"其[他它]方面|其[他它]类|复议|诉讼|信访|投诉|举报|来信|咨询|依申请公开目录|答复")
_CLAUSE_EXCLUDE = re.compile(r"纠错|纠正|败诉|撤销|确认违法|维持|可以|可依法|有权|无论|不服|渠道|未经复议")
_OTHER_TIME = re.compile(r"去年|上一年|上年度|前年|同比|较上年|比上年|与上年|累计|以来|历年|近[两三五]年")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_CARRIED_OVER_WORDS = re.compile(r"上年(?:度)?结转")
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
# A sentence states nothing here unless it names a quantity, and has a unit or a negation.
_KEYWORDS = re.compile(r"申请|结转|复议|诉讼")
_HINTS = re.compile(r"[件起宗未无]|没有")
_CLAUSE = re.compile(r"[^，,；;。！？!?\n]+")

TEXT_PART_NAMES = {
    "preamble": "引言",
    "overview": "第一部分",
    "proactive_text": "第二部分文字",
    "requests_text": "第三部分文字",
    "review_litigation_text": "第四部分文字",
    "problems": "第五部分",
    "other": "第六部分",
}


@dataclass(frozen=True)
class Statement:
    key: str  # the text key it was found in
    start: int  # offset of the sentence in that text
    sentence: str
    quantity: Quantity
    stated: int
    alternative: bool


def statements(report: Report) -> Iterator[Statement]:
    """Every number the text states about a table quantity, one per sentence and quantity."""
    for key in TEXT_PART_NAMES:
        text = getattr(report, key)
        if not text:
            continue
        for m in _SENTENCE.finditer(text):
            sentence = m.group().strip()
            if not (_KEYWORDS.search(sentence) and _HINTS.search(sentence)) or _other_time(sentence, report.year):
                continue
            yield from _in_sentence(key, m.start() + (len(m.group()) - len(m.group().lstrip())), sentence)


def _other_time(sentence: str, year: int) -> bool:
    rest = _CARRIED_OVER_WORDS.sub("", sentence)
    if _OTHER_TIME.search(rest):
        return True
    return any(int(y) != year for y in _YEAR.findall(sentence))


def _in_sentence(key: str, start: int, sentence: str) -> Iterator[Statement]:
    seen: set[str] = set()
    for pattern, quantity, alternative in POSITIVE:
        for m in pattern.finditer(sentence):
            clause = _clause_at(sentence, m.start())
            if quantity is RECEIVED and _RECEIVED_EXCLUDE.search(m.group()):
                continue
            if quantity is RECEIVED and "公开" not in m.group():
                continue
            if _CLAUSE_EXCLUDE.search(clause) or quantity.key in seen:
                continue
            value = parse_number(m.group("n"))
            if value is None:
                continue
            seen.add(quantity.key)
            uses_alt = alternative and m.groupdict().get("verb") in ("受理", "办理")
            yield Statement(key, start, sentence, quantity, value, uses_alt)
    for c in _CLAUSE.finditer(sentence):
        clause = c.group()
        if _CLAUSE_EXCLUDE.search(clause):
            continue
        for pattern, quantity in ZERO:
            m = pattern.search(clause)
            if not m or quantity.key in seen:
                continue
            if quantity is RECEIVED and ("公开" not in clause or _RECEIVED_EXCLUDE.search(clause)):
                continue
            seen.add(quantity.key)
            yield Statement(key, start, sentence, quantity, 0, False)


def _clause_at(sentence: str, at: int) -> str:
    for c in _CLAUSE.finditer(sentence):
        if c.start() <= at < c.end():
            return c.group()
    return sentence


# --- The rule ---------------------------------------------------------------------------------


def _sum(report: Report, cells: tuple[tuple[str, str, str], ...]) -> tuple[list[float], float] | None:
    values = []
    for table, row, column in cells:
        value = number(report.cell(table, row, column))
        if value is None:
            return None
        values.append(value)
    return values, sum(values)


def _cell_label(table: str, row: str, column: str) -> str:
    t = spec.REQUESTS if table == "requests" else spec.REVIEW_LITIGATION
    r = t.row(row)
    return f"{table}.{row}.{column}（{r.full_label} · {r.column(column).label}）"


def r9_text_numbers(report: Report) -> Iterator[Finding]:
    """A number stated in the text that differs from the table cell it names."""
    if not (report.requests or report.review_litigation):
        return
    for s in statements(report):
        found = _sum(report, s.quantity.cells)
        if found is None:
            continue
        values, total = found
        if s.stated == total:
            continue
        if s.alternative and (alt := _sum(report, s.quantity.alternative)) and alt[1] == s.stated:
            continue
        cells = " + ".join(_cell_label(*c) for c in s.quantity.cells)
        shown = " + ".join(fmt(v) for v in values) + (f" = {fmt(total)}" if len(values) > 1 else "")
        quote = s.sentence if len(s.sentence) <= 80 else s.sentence[:78] + "……"
        table_part = "第三部分" if s.quantity.cells[0][0] == "requests" else "第四部分"
        yield Finding(
            RULES["R9"].severity,
            "R9",
            f"{TEXT_PART_NAMES[s.key]}（{s.key}）的“{quote}”写{s.quantity.label} {s.stated} 件，"
            f"而{table_part}表格 {cells}为 {shown}；二者应相等，请核对原件",
            _text_location(report, s.key, s.start),
            s.key,
            {
                "sentence": s.sentence,
                "stated": s.stated,
                "cells": [".".join(c) for c in s.quantity.cells],
                "table": total,
            },
        )


def _text_location(report: Report, key: str, offset: int) -> Location:
    """The file line of a sentence inside a literal block ``key: |``; else the key's own line."""
    at = report.locate(key)
    text = getattr(report, key) or ""
    line_in_text = text.count("\n", 0, offset)
    column_in_line = offset - (text.rfind("\n", 0, offset) + 1)
    wanted = text.splitlines()[line_in_text] if text.splitlines() else ""
    try:
        lines = Path(at.path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return at
    index = at.line + line_in_text  # 0-based index of the text line's file line
    if at.line and index < len(lines) and lines[index].strip() == wanted.strip() and wanted.strip():
        indent = len(lines[index]) - len(lines[index].lstrip())
        lead = len(wanted) - len(wanted.lstrip())
        return Location(at.path, index + 1, indent + column_in_line - lead + 1)
    return at
