"""argparse in Chinese: its headings, its help line and its error messages.

argparse passes every text of its own through ``gettext`` (``argparse._`` and
``argparse.ngettext``), which is its documented way to be translated. Installing a gettext
catalogue would change the whole process's domain and need compiled ``.mo`` files for a few
dozen strings, so :class:`Parser` instead swaps those two names for :func:`translate` while it
builds, formats or parses (and puts them back after), so nothing else in the process is
affected. The strings are those of Python 3.10–3.13's argparse; one not listed stays as it is
(tests/test_cli_chinese.py fails on any English that reaches the screen).
"""

from __future__ import annotations

import argparse
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

TEXTS = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "optional arguments": "选项",  # Python 3.9
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s: 错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "值无效：%(value)r（应为 %(type)s）",
    "expected one argument": "后面应有一个值",
    "expected at most one argument": "后面最多有一个值",
    "expected at least one argument": "后面至少应有一个值",
    "expected %s argument": "后面应有 %s 个值",
    "expected %s arguments": "后面应有 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 中必须有一个",
    "ignored explicit argument %r": "多余的值 %r 被忽略",
    "unexpected option string: %s": "意外的选项：%s",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有命令 %(parser_name)r（可用的命令：%(choices)s）",
    "argument \"-\" with mode %r": "参数“-”不能以 %r 方式打开",
}
# The names argparse gives a type in "invalid … value" (type=int, type=float).
TYPE_NAMES = {"int": "整数", "float": "数"}

_lock = threading.RLock()


def translate(text: str) -> str:
    return TEXTS.get(text, text)


def translate_plural(singular: str, plural: str, n: int) -> str:
    return translate(singular if n == 1 else plural)


@contextmanager
def chinese() -> Iterator[None]:
    """argparse's own texts in Chinese while inside (re-entrant; restored after)."""
    with _lock:
        before = argparse._, argparse.ngettext  # type: ignore[attr-defined]
        argparse._ = translate  # type: ignore[attr-defined]
        argparse.ngettext = translate_plural  # type: ignore[attr-defined]
        try:
            yield
        finally:
            argparse._, argparse.ngettext = before  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose usage, headings, help line and errors are in Chinese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with chinese():
            super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:
        with chinese():
            return super().add_subparsers(**kwargs)

    def parse_args(self, *args: Any, **kwargs: Any) -> Any:
        with chinese():
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        with chinese():
            return super().parse_known_args(*args, **kwargs)

    def format_usage(self) -> str:
        with chinese():
            return super().format_usage()

    def format_help(self) -> str:
        with chinese():
            return super().format_help()

    def error(self, message: str) -> Any:
        with chinese():
            for name, chinese_name in TYPE_NAMES.items():
                message = message.replace(f"（应为 {name}）", f"（应为{chinese_name}）")
            return super().error(message)
