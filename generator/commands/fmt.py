"""``xxgk fmt``: rewrite report files in the canonical layout, changing no value."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import yamlio
from ..content import load_content
from ..findings import ERROR

NAME = "fmt"
HELP = "把报告 YAML 文件整理为标准排版（每行表格一行、标签注释对齐）"
DESCRIPTION = "按标准排版重写 reports/ 下的报告文件；只改排版，不改任何数据。有错误的文件不改动。"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("content", nargs="?", default="content", help="内容文件夹（默认 content）")
    parser.add_argument(
        "--check", action="store_true", help="只检查是否已是标准排版，不写文件；有需整理的文件时退出码为 1"
    )


def run(args: argparse.Namespace) -> int:
    content = load_content(Path(args.content))
    errors = {f.location.path for f in content.findings if f.severity == ERROR}
    changed = 0
    for report in content.reports:
        if report.path in errors:
            print(f"{report.path}: 有错误，未整理（先运行 xxgk check）", file=sys.stderr)
            continue
        file = Path(report.path)
        text = yamlio.dumps_report(report.to_data())
        if file.read_text(encoding="utf-8") == text:
            continue
        changed += 1
        if args.check:
            print(f"{report.path}: 需要整理排版")
        else:
            yamlio.write_atomic(file, text)
            print(f"{report.path}: 已整理")
    return 1 if args.check and changed else 0
