"""Normalising printed labels and matching them to the template's rows by meaning.

Printed labels differ from the template in full-width/half-width forms, spaces and line
breaks inside words, numbering styles (（一） (一) 一、 1. 1、), and known variants and typos.
:func:`normalize` removes all of that; :func:`core` also drops numbering and punctuation,
leaving the words that carry the meaning. Similarity is difflib's ratio (standard library),
with containment counted as a strong match so that shortened labels (规范性文件) and labels
cut at a page break still find their row.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

# Known variants and typos, already normalised (NFKC, no spaces) → the template's wording.
VARIANTS = (
    ("结果维护", "结果维持"),
    ("其他法律行政止公开", "其他法律行政法规禁止公开"),
    ("其他法律法规禁止公开", "其他法律行政法规禁止公开"),
    ("无正当理由由大量反复申请", "无正当理由大量反复申请"),
    ("对外公开总量", "对外公开总数量"),
    ("合计", "总计"),
    ("总数", "总计"),
)
# Quotes, dashes and the like vary between fonts; the meaning never depends on them.
_PUNCT = re.compile(r"[\s\"'“”‘’「」『』《》<>\[\]【】()（）,，。、:：;；.．·!！?？\-—_/／]+")
_NUMBERING = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分[、.:]?|第?[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d{1,2}(?:[.、](?!\d)|\)))"
)
CHINESE_NUMERALS = "一二三四五六七八九十"


def normalize(text: str) -> str:
    """NFKC (full-width digits and brackets to half-width), no whitespace, known variants fixed."""
    text = unicodedata.normalize("NFKC", text or "")
    text = re.sub(r"\s+", "", text)
    for wrong, right in VARIANTS:
        text = text.replace(wrong, right)
    return text


def numbering(text: str) -> tuple[str, str]:
    """Split a normalised label into its numbering ("(三)", "2.", "一、") and the rest."""
    m = _NUMBERING.match(text)
    if not m:
        return "", text
    return m.group(0), text[m.end():]


def number_of(prefix: str) -> int | None:
    """The number a numbering prefix stands for: "(三)" → 3, "2." → 2, "四、" → 4."""
    digits = re.sub(r"[^0-9一二三四五六七八九十]", "", prefix)
    if not digits:
        return None
    if digits.isdigit():
        return int(digits)
    if digits == "十":
        return 10
    return CHINESE_NUMERALS.index(digits[-1]) + 1 if len(digits) == 1 else None


def core(text: str) -> str:
    """The words of a label: normalised, without numbering and punctuation."""
    text = normalize(text)
    _, rest = numbering(text)
    return _PUNCT.sub("", rest)


def similarity(printed: str, template: str) -> float:
    """How well a printed label's core matches a template label's core (0–1)."""
    a, b = printed, template
    if len(a) < 2 or not b:  # one character says nothing about meaning
        return 0.0
    if a == b:
        return 1.0
    if len(a) >= 2 and (a in b or b in a):
        shorter, longer = sorted((len(a), len(b)))
        if shorter >= 4 or 2 * shorter >= longer:  # "其他" inside a long label says little
            return 0.75 + 0.25 * shorter / longer
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def best_match(
    printed: str, candidates: dict[str, str], threshold: float, margin: float
) -> tuple[str | None, float, str]:
    """The candidate key whose label best matches, its score, and why (for --explain)."""
    scored = sorted(((similarity(printed, lab), key) for key, lab in candidates.items()), reverse=True)
    if not scored:
        return None, 0.0, "无候选"
    score, key = scored[0]
    second = scored[1][0] if len(scored) > 1 else 0.0
    if score < threshold:
        return None, score, f"最相近的是 {key}（相似度 {score:.2f}），低于阈值 {threshold}"
    if score < 1.0 and score - second < margin:
        return None, score, f"{key} 与 {scored[1][1]} 难以区分（{score:.2f} 对 {second:.2f}）"
    why = "完全一致" if score == 1.0 else ("包含关系" if score >= 0.75 and (printed in candidates[key] or candidates[key] in printed) else "相似")
    return key, score, f"{why}（{score:.2f}）"
