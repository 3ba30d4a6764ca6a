"""Plain scalars as an editor means them: the YAML 1.1 forms that read as something else.

PyYAML reads YAML 1.1, where ``012`` is octal 10, ``1:30`` is 90 (base 60), ``1_000`` is
1000, ``0x1A`` is 26 and ``yes``/``no``/``on``/``off`` are true and false. An editor who writes
them means something else, so :func:`construct` gives such a scalar no value but an
:class:`Unclear` saying why (in Chinese, to follow the field's name). So is a scalar that
cannot be made a value at all (``2022-02-30``, an integer of thousands of digits). Decimal
integers, decimals, ``true``/``false``, ``null``, dates and quoted text read as they look, in
any YAML reader. Explicit tags other than ``!!str`` are refused (:class:`Refused`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import ScalarNode

TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, TIMESTAMP = (TAG + k for k in ("str", "int", "float", "bool", "timestamp"))
SCALAR_TAGS = {STR, INT, FLOAT, BOOL, TIMESTAMP, TAG + "null"}
_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_PLAIN_FLOAT = re.compile(
    r"(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z"
)


class Refused(Exception):
    """The whole file is refused, at this line and column (1-based)."""

    def __init__(self, message: str, line: int, column: int):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


@dataclass
class Unclear:
    """A scalar given no value: what is wrong with it, said after the field's name."""

    problem: str


def construct(loader: Any, node: ScalarNode) -> Any:
    """The value of a scalar node, an :class:`Unclear`, or :class:`Refused` for a tag."""
    tag, text = node.tag, node.value
    if not node.style:  # plain (libyaml says '', the pure-Python parser None)
        problem = surprise(tag, text)
        if problem:
            return Unclear(problem)
    elif tag != STR:  # quoted text with a tag, e.g. !!int "012"
        raise Refused(f"不接受 YAML 标签 {tag}", node.start_mark.line + 1, node.start_mark.column + 1)
    if tag not in SCALAR_TAGS:
        raise Refused(f"不接受 YAML 标签 {tag}", node.start_mark.line + 1, node.start_mark.column + 1)
    try:
        return loader.construct_object(node)
    except (ValueError, OverflowError) as e:  # 2022-02-30; an int past Python's 4300 digits
        return Unclear(_unbuildable(tag, text, e))


def surprise(tag: str, text: str) -> str | None:
    """Why a plain scalar does not mean in YAML 1.1 what it says, or None when it does."""
    written = shown(text)
    if tag == INT or tag == FLOAT:
        if (_PLAIN_INT if tag == INT else _PLAIN_FLOAT).match(text):
            return None
        reading = _reading(text)
        if ":" in text:
            return (
                f"写作 {written}：YAML 把带冒号的数读作六十进制数，即 {reading}；"
                f"时间、比分等文字请加引号（\"{written}\"），数请直接写出"
            )
        if "_" in text:
            return f"写作 {written}：YAML 忽略数中的下划线，读作 {reading}；请写成不带下划线的数"
        digits = text.lstrip("+-")
        if digits[:2] in ("0x", "0b"):
            base = "十六" if digits[1] == "x" else "二"
            return f"写作 {written}：YAML 把它读作{base}进制数，即 {reading}；请写成十进制数，文字请加引号（\"{written}\"）"
        meant = text[: len(text) - len(digits)] + (digits.lstrip("0") or "0")
        if reading == meant:
            return f"写作 {written}：YAML 把以 0 开头的数读作八进制数（这里恰好也是 {reading}）；请去掉开头的 0，写作 {reading}"
        return (
            f"写作 {written}：YAML 把以 0 开头的数读作八进制数，即 {reading}，而不是 {shown(meant)}；"
            f"数请去掉开头的 0，编号、代码等文字请加引号（\"{written}\"）"
        )
    if tag == BOOL:
        if text.lower() in ("true", "false"):
            return None
        reading = "true" if text.lower() in ("yes", "on") else "false"
        return (
            f"写作 {written}：YAML 把它读作真假值 {reading}，而本格式中没有真假值；"
            f"文字请加引号（\"{written}\"），数请写数字"
        )
    if tag in (TAG + "value", TAG + "merge"):  # `=` and `<<`
        return f"写作 {written}：在 YAML 中有特殊含义；文字请加引号（\"{written}\"）"
    return None


def _reading(text: str) -> str:
    """What YAML 1.1 makes of a number written in one of its unusual forms."""
    try:
        value = yaml.SafeLoader(text).get_single_data()
    except (yaml.YAMLError, ValueError, OverflowError):
        return "（无法读取的数）"
    return shown(str(value)) if isinstance(value, (int, float)) and not isinstance(value, bool) else "（不是数）"


def _unbuildable(tag: str, text: str, error: Exception) -> str:
    if tag == TIMESTAMP:
        reason = str(error)
        why = (
            "该月没有这一天"
            if "day is out of range" in reason
            else "月份应为 1–12"
            if "month must be" in reason
            else "年份超出范围"
            if "year" in reason
            else "日期无效"
        )
        return f"写作 {shown(text)}，不是有效的日期（{why}）；日期写作 2021-01-25"
    if tag == INT:
        return f"写作 {len(text)} 位的数，太大，无法读取；请核对原件"
    return f"写作 {shown(text)}，无法读取（{error}）"


def shown(text: str) -> str:
    """A scalar's text for a message: a long one cut short."""
    return text if len(text) <= 40 else f"{text[:20]}…（共 {len(text)} 个字符）"
