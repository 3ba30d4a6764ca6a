"""``xxgk fmt``: rewrite report files in the canonical layout, changing no value.

Files with errors are left alone (``xxgk check`` says why). The editor's own comments are
kept (:func:`generator.yamlio.keep_comments`). Before a file is written, the new text is read
back and compared with the old, value by value: a file whose layout would change any value
(say a ``published`` date with a time of day, which the layout writes as the date alone) is
left as it is, with the field named. A report that is a symbolic link inside the content
folder is rewritten where it points, and stays a link (links out of the folder are never
read: :mod:`generator.content`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .. import yamlio
from ..content import load_content
from ..findings import ERROR, printable

NAME = "fmt"
HELP = "把报告 YAML 文件整理为标准排版（每行表格一行、标签注释对齐）"
DESCRIPTION = (
    "按标准排版重写 reports/ 下的报告文件；只改排版，不改任何数据，保留编辑加的注释。"
    "有错误的文件不改动；整理会改变某个值的文件也不改动（并指出是哪个值）。"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("content", nargs="?", default="content", help="内容文件夹（默认 content）")
    parser.add_argument(
        "--check", action="store_true", help="只检查是否已是标准排版，不写文件；有需整理的文件时退出码为 1"
    )


def run(args: argparse.Namespace) -> int:
    root = Path(args.content)
    content = load_content(root)
    errors = {f.location.path for f in content.findings if f.severity == ERROR}
    changed = 0
    for report in content.reports:
        shown = printable(report.path)
        if report.path in errors:
            print(f"{shown}: 有错误，未整理（先运行 xxgk check）", file=sys.stderr)
            continue
        file = Path(report.path)
        old, _ = yamlio.read_text(file, report.path)
        if old is None:
            print(f"{shown}: 无法读取，未整理", file=sys.stderr)
            continue
        layout = yamlio.dumps_report(report.to_data())
        if layout == old:
            continue  # canonical, and no comment of the editor's (the common case: no more work)
        text = yamlio.keep_comments(old, layout)
        if text == old:
            continue
        difference = _changed_value(old, text, report.path)
        if difference is not None:
            print(f"{shown}: 未整理：整理会改变 {printable(difference)} 的值，请手工改正", file=sys.stderr)
            continue
        changed += 1
        if args.check:
            print(f"{shown}: 需要整理排版")
        else:
            yamlio.write_atomic(file, text, inside=root)
            print(f"{shown}: 已整理")
    return 1 if args.check and changed else 0


def _changed_value(old: str, new: str, path: str) -> str | None:
    """The first key path whose value ``new`` does not hold as ``old`` did, or None. A value
    that is null or empty (or a mapping of such) may be left out: it says nothing."""
    before, _ = yamlio.load_text(old, path)
    after, _ = yamlio.load_text(new, path)
    if before is None or after is None:
        return "（整个文件）"
    return _difference(before.data, after.data, ())


def _difference(a: Any, b: Any, at: tuple[Any, ...]) -> str | None:
    where = ".".join(str(k) for k in at) or "（整个文件）"
    if isinstance(a, dict) and isinstance(b, dict):
        for key in a.keys() | b.keys():
            if key not in b:
                if not _empty(a[key]):
                    return ".".join(str(k) for k in at + (key,))
            elif key not in a:
                if not _empty(b[key]):
                    return ".".join(str(k) for k in at + (key,))
            elif found := _difference(a[key], b[key], at + (key,)):
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if found := _difference(x, y, at + (i,)):
                return found
        return None
    return None if type(a) is type(b) and a == b else where


def _empty(value: Any) -> bool:
    if isinstance(value, dict):
        return all(_empty(v) for v in value.values())
    return value is None or value == []
