"""What citizens are told about each rule: plain headings, and which findings public pages show.

Beside the rules (``rules.RULES`` has each rule's one-line summary for editors); the site's
report and agency pages print :data:`PLAIN` headings above a finding's own message.
"""

from __future__ import annotations

import re

from ..model import spec

# Plain-words headings for findings; the message says the details.
PLAIN = {
    "R1": "本报告第三部分各列数字不平衡：本年新收加上年结转，不等于办理结果总计加结转下年度",
    "R2": "本报告第三部分有的行，总计不等于各类申请人之和",
    "R3": "本报告第三部分各项办理结果相加，不等于（七）总计",
    "R4": "本报告第四部分的总计，不等于各项结果之和",
    "R5": "本报告的“上年结转”与本机关上一年报告的“结转下年度”不一致",
    "R6": "本报告第二部分的现行有效件数与上一年报告接不上",
    "R7": "本报告有表格或部分是空白的",
    "R8": "本报告使用的表格格式与年度不符",
    "R9": "本报告正文中所说的数字与表格中的不一致",
    "R10": "本报告第二部分的项目数量与上一年报告接不上",
    "Q1": "本报告发布晚于规定期限",
    "Q2": "本机关缺少某一年的报告",
    "Q3": "本报告的文字与本机关上一年报告大量相同",
    "Q4": "本报告的文字与其他机关同年报告大量相同",
    "Q5": "本报告缺少某一部分，或某部分只写了“无”",
    "Q6": "原件在导入后被改动过",
    "Q7": "本报告第六部分没有说明是否收取信息处理费",
}
# The rules about numbers adding up (a finding of one is marked as arithmetic).
ARITHMETIC = frozenset({"R1", "R2", "R3", "R4", "R5", "R6", "R9", "R10"})
# What citizens are told on public pages: the published tables and text that do not add up, a
# blank or mismatched template, a late report, and notes on the data (SCHEMA warnings such as an
# impossible date). Copying (Q3, Q4), thin parts (Q5), missing years (Q2) and the fee statement
# (Q7) are for the county office: they appear on the quality page only (--with-audit).
PUBLIC_RULES = frozenset({"R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9", "R10", "Q1", "SCHEMA"})

# A short Chinese name for each rule: what citizens and the office read instead of its id
# (R1, Q6, SCHEMA are code names, kept for editors in the command line and the handbook).
NAMES = {
    "R1": "第三部分各列收支平衡",
    "R2": "第三部分各行总计",
    "R3": "第三部分办理结果总计",
    "R4": "第四部分各组总计",
    "R5": "与上年的结转衔接",
    "R6": "现行有效件数与上年衔接",
    "R7": "表格空白",
    "R8": "表格格式与年度相符",
    "R9": "正文数字与表格一致",
    "R10": "项目数量与上年衔接",
    "Q1": "按期发布",
    "Q2": "各年度报告齐全",
    "Q3": "不照搬上年",
    "Q4": "不照搬其他机关",
    "Q5": "各部分有实际内容",
    "Q6": "原件未被改动",
    "Q7": "说明是否收取信息处理费",
    "SCHEMA": "数据格式",
    "YAML": "文件读取",
    "REF": "文件对应",
}

# Words of the editors' messages that have a plain Chinese name.
WORDS = {"原文空白写 null": "原文空白的格留空", " sha256 ": "校验值", "sha256": "校验值", " SHA-256 ": "校验值", "SHA-256": "校验值",
         "YAML": "数据文件"}
# A report's field keys as their Chinese names.
FIELD_NAMES = {
    "published": "发布日期", "year": "年度", "agency": "机关代码", "agency_name": "机关名称", "title": "标题",
    "template": "格式", "schema": "格式版本", "source": "原件", "file": "原件文件", "contact": "联系方式",
    "overview": "第一部分", "proactive": "第二部分", "requests": "第三部分", "review_litigation": "第四部分",
    "problems": "第五部分", "other": "第六部分", "preamble": "前言",
}
_FIELD = re.compile(r"\b(" + "|".join(sorted(FIELD_NAMES, key=len, reverse=True)) + r")\b")
_KEY_IN_BRACKETS = re.compile(r"（[A-Za-z0-9_.\-]+）")  # （requests.received_new.total）, （overview）
_KEY_THEN_LABEL = re.compile(r"\b[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+（([^）]*)）")  # a key, its labels beside it
_DOTTED_KEY = re.compile(r"\b[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+\b")


def _label(key: str) -> str:
    """A dotted cell address (``requests.received_new.total``) as its printed labels."""
    parts = key.split(".")
    for template in spec.TEMPLATES.values():
        table = next((t for t in template.tables if t.key == parts[0]), None)
        if table is None or len(parts) != 3 or parts[1] not in table.row_keys:
            continue
        row = table.row(parts[1])
        column = next((c for c in row.columns if c.key == parts[2]), None)
        if column is not None:
            return f"“{row.label} · {column.full_label}”"
    return "该项"


def plain_message(message: str) -> str:
    """An editor's message as citizens read it: the English keys in brackets dropped (the
    Chinese name is beside them), a cell address given as its printed labels, a field key
    as its Chinese name."""
    text = _KEY_THEN_LABEL.sub(lambda m: f"“{m.group(1)}”", message)
    text = _KEY_IN_BRACKETS.sub("", text)
    text = _DOTTED_KEY.sub(lambda m: _label(m.group()), text)
    text = _FIELD.sub(lambda m: FIELD_NAMES[m.group()], text)
    for word, chinese in WORDS.items():
        text = text.replace(word, chinese)
    return text


def plain_field(field: str) -> str:
    """A field key (``review_litigation.review.total``, ``published``) as citizens read it."""
    if not field:
        return ""
    if "." in field and not field.split(".")[0].isdigit():
        label = _label(field)
        if label != "该项":
            return label.strip("“”")
    return FIELD_NAMES.get(field.split(".")[0], "")
