"""The ``xxgk`` command: parses arguments, calls one function per command, sets exit codes.

argparse (standard library) is enough for a handful of subcommands and gives the ``--help``
texts the editors' handbook is generated from. Only this module prints or knows exit codes:
0 success, 1 the content has errors (or warnings with ``--strict``), 2 a usage error or a
folder that is not content at all.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Sequence

from . import __version__, yamlio
from .checks.rules import RULES
from .checks.run import check_content, failed
from .content import ContentError, load_content
from .findings import ERROR, INFO, WARNING, count, display_path

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xxgk",
        description="政府信息公开工作年度报告：导入、检查、生成静态网站。",
    )
    parser.add_argument("--version", action="version", version=f"xxgk {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = commands.add_parser(
        "check",
        help="检查内容文件夹中的全部报告（格式与勾稽关系）",
        description="读取 site.yaml、agencies.yaml 和 reports/ 下的全部报告，一次列出所有问题。"
        "不修改任何文件。发现错误时退出码为 1。规则："
        + "；".join(f"{r.id} {r.summary}" for r in RULES.values()),
    )
    check.add_argument("content", nargs="?", default="content", help="内容文件夹（默认 content）")
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help="输出格式：text（默认）或 json"
    )
    check.add_argument("--strict", action="store_true", help="有警告也视为不通过（退出码 1）")

    fmt = commands.add_parser(
        "fmt",
        help="把报告 YAML 文件整理为标准排版（每行表格一行、标签注释对齐）",
        description="按标准排版重写 reports/ 下的报告文件；只改排版，不改任何数据。"
        "有错误的文件不改动。",
    )
    fmt.add_argument("content", nargs="?", default="content", help="内容文件夹（默认 content）")
    fmt.add_argument(
        "--check", action="store_true", help="只检查是否已是标准排版，不写文件；有需整理的文件时退出码为 1"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return cmd_check(Path(args.content), args.format, args.strict)
        if args.command == "fmt":
            return cmd_fmt(Path(args.content), args.check)
    except ContentError as e:
        print(f"xxgk: 错误：{e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    raise AssertionError(args.command)


def cmd_check(root: Path, output: str, strict: bool) -> int:
    content = load_content(root)
    findings = check_content(content)
    counts = count(findings)
    if output == "json":
        print(
            json.dumps(
                {
                    "content": display_path(root),
                    "reports": len(content.reports),
                    "counts": counts,
                    "findings": [f.as_dict() for f in findings],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for finding in findings:
            print(finding.format())
        print(
            f"检查了 {len(content.reports)} 份报告、{len(content.agencies)} 个机关："
            f"{counts[ERROR]} 个错误，{counts[WARNING]} 个警告，{counts[INFO]} 个提示"
        )
    return EXIT_FINDINGS if failed(findings, strict) else EXIT_OK


def cmd_fmt(root: Path, check_only: bool) -> int:
    content = load_content(root)
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
        if check_only:
            print(f"{report.path}: 需要整理排版")
        else:
            yamlio.write_atomic(file, text)
            print(f"{report.path}: 已整理")
    if check_only:
        return EXIT_FINDINGS if changed else EXIT_OK
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
