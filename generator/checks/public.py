"""What citizens are told about each rule: plain headings, and which findings public pages show.

Beside the rules (``rules.RULES`` has each rule's one-line summary for editors); the site's
report and agency pages print :data:`PLAIN` headings above a finding's own message.
"""

from __future__ import annotations

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
