"""``xxgk check``: load and check a content folder, print every finding at once."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..checks.rules import RULES
from ..checks.run import check_content, failed
from ..content import load_content
from ..findings import ERROR, INFO, WARNING, count, display_path

NAME = "check"
HELP = "检查内容文件夹中的全部报告（格式与勾稽关系）"
DESCRIPTION = (
    "读取 site.yaml、agencies.yaml 和 reports/ 下的全部报告，一次列出所有问题，不修改任何文件。"
    "发现错误时退出码为 1。规则：" + "；".join(f"{r.id} {r.summary}" for r in RULES.values())
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("content", nargs="?", default="content", help="内容文件夹（默认 content）")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="输出格式：text（默认）或 json")
    parser.add_argument("--strict", action="store_true", help="有警告也视为不通过（退出码 1）")


def run(args: argparse.Namespace) -> int:
    root = Path(args.content)
    content = load_content(root)
    findings = check_content(content)
    counts = count(findings)
    if args.format == "json":
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
    return 1 if failed(findings, args.strict) else 0
