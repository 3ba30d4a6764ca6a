"""``xxgk build``: check the content, then build the static site into a folder.

The work is done by :func:`generator.build.build` (its stages, in order: load, check, plan,
exports, pages, search index, swap); this module parses arguments and prints. A build with errors in the content is refused, and the errors are printed the way
``xxgk check`` prints them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..build import BuildError, CheckFailed, build
from ..findings import ERROR, INFO, WARNING, count, display_path

NAME = "build"
HELP = "生成静态网站（先检查内容，有错误则不生成）"
DESCRIPTION = (
    "读取并检查内容文件夹，生成可以放在任何网站子路径下、也可以直接从本地文件夹打开的静态网站，"
    "含全文搜索索引、数据下载、站点地图和订阅源。先在临时文件夹中生成，全部成功后才替换输出文件夹。"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("content", nargs="?", default="content", help="内容文件夹（默认 content）")
    parser.add_argument("--out", default="site", help="输出文件夹（默认 site）")
    parser.add_argument("--theme", default="default", help="主题名称或主题文件夹（默认 default）")
    parser.add_argument(
        "--base-url",
        default=None,
        help="网站正式发布的完整地址，如 https://www.example.gov.cn/xxgk/ndbg/；"
        "只用于站点地图和订阅源（默认取 site.yaml 的 base_url）",
    )
    parser.add_argument("--no-search", action="store_true", help="不建立搜索索引（预览时更快）")
    parser.add_argument(
        "--jobs",
        type=_jobs,
        default=None,
        help="写出下载文件和页面时同时工作的进程数（默认为本机的处理器核数）；1 表示只用一个进程",
    )
    parser.add_argument(
        "--with-audit",
        action="store_true",
        help="加上“年度报告质量核查”页（quality.html），列出全部核查结果，供县政府办公室内部使用；面向公众的网站可不加",
    )


def run(args: argparse.Namespace) -> int:
    try:
        result = build(args.content, args.out, args.theme, args.base_url, search=not args.no_search,
                       audit=args.with_audit, jobs=getattr(args, "jobs", None))
    except CheckFailed as e:
        for finding in e.findings:
            if finding.severity == ERROR:
                print(finding.format(), file=sys.stderr)
        counts = count(e.findings)
        print(
            f"xxgk: 内容中有 {counts[ERROR]} 个错误，未生成网站；请先改正（xxgk check {display_path(Path(args.content))} 可列出全部问题）",
            file=sys.stderr,
        )
        return 1
    except BuildError as e:
        print(f"xxgk: 错误：{e}", file=sys.stderr)
        return 1
    counts = count(result.findings)
    for note in result.notes:
        print(f"注意：{note}")
    print(
        f"已生成 {display_path(result.out)}：{result.pages} 个页面，共 {result.files} 个文件，"
        f"用时 {result.seconds:.1f} 秒（内容中有 {counts[WARNING]} 个警告、{counts[INFO]} 个提示，见 xxgk check）"
    )
    return 0


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"--jobs 应为正整数，而不是 {text}")
    return value
