"""``xxgk build``: check the content, then build the static site into a folder.

The work is done by :func:`generator.build.build` (its stages, in order: load, check, plan,
exports, pages, search index, swap); this module parses arguments and prints. A report with an
editor's error is left out and the rest published; the reports left out are named with their
errors, printed the way ``xxgk check`` prints them. Exit status: 0 everything published;
:data:`EXIT_WITHHELD` (3) the site was made but some reports were left out; 1 nothing was made
(an error in ``site.yaml`` or ``agencies.yaml`` as a whole, or with ``--strict`` any error).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..build import BuildError, BuildResult, CheckFailed, build
from ..build.check import EXIT_WITHHELD
from ..checks.run import blocking
from ..findings import ERROR, INFO, WARNING, count, display_path, printable

NAME = "build"
HELP = "生成静态网站（先检查内容；有错误的报告不发布，其余照常发布）"
DESCRIPTION = (
    "读取并检查内容文件夹，生成可以放在任何网站子路径下、也可以直接从本地文件夹打开的静态网站，"
    "含全文搜索索引、数据下载、站点地图和订阅源。先在临时文件夹中生成，全部成功后才替换输出文件夹。"
    "原件本身的数字加不拢（R1–R4 等）不妨碍发布，报告页面会向读者说明；编辑造成的错误（YAML、格式、类型、"
    "不可能的值、文件对不上）只让出错的那份报告（或机关名录中出错的那个机关）不发布，并列出文件、行号和字段。"
    "退出码：0 全部发布；3 网站已生成，但有报告因错误未发布；1 未生成网站（site.yaml 或整个 agencies.yaml 有错误，"
    "或加了 --strict 而内容中有任何错误）；2 用法错误。"
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
        "--strict",
        action="store_true",
        help="内容中有任何错误（包括原件本身加不拢的 R1–R4）就不生成网站，原来的网站不变",
    )
    parser.add_argument(
        "--with-audit",
        action="store_true",
        help="加上“年度报告质量核查”页（quality.html），列出全部核查结果，供县政府办公室内部使用；面向公众的网站可不加",
    )


def run(args: argparse.Namespace) -> int:
    strict = getattr(args, "strict", False)
    try:
        result = build(args.content, args.out, args.theme, args.base_url, search=not args.no_search,
                       audit=args.with_audit, jobs=getattr(args, "jobs", None), strict=strict)
    except CheckFailed as e:
        shown = [f for f in e.findings if f.severity == ERROR and (strict or blocking(f))]
        for finding in shown:
            print(finding.format(), file=sys.stderr)
        why = "加了 --strict，" if strict and not any(blocking(f) for f in e.findings) else ""
        print(
            f"xxgk: {why}内容中有 {len(shown)} 个错误，未生成网站，原来的网站不变；请先改正"
            f"（xxgk check {display_path(Path(args.content))} 可列出全部问题）",
            file=sys.stderr,
        )
        return 1
    except BuildError as e:
        print(f"xxgk: 错误：{e}", file=sys.stderr)
        return 1
    counts = count(result.findings)
    for note in result.notes:
        print(f"注意：{note}")
    if result.withheld:
        print(withheld_text(result), file=sys.stderr, end="")
    printed = sum(1 for f in result.findings if f.severity == ERROR and not blocking(f))
    originals = f"原件本身加不拢 {printed} 处（照常发布，报告页面已向读者说明）、" if printed else ""
    print(
        f"已生成 {display_path(result.out)}：{result.pages} 个页面，共 {result.files} 个文件，"
        f"用时 {result.seconds:.1f} 秒（内容中有 {originals}{counts[WARNING]} 个警告、{counts[INFO]} 个提示，见 xxgk check）"
    )
    return EXIT_WITHHELD if result.withheld else 0


def withheld_text(result: BuildResult) -> str:
    """Which reports were left out and why: each one's errors, compiler-style, under a heading."""
    out = [f"以下 {len(result.withheld)} 项有错误，这次没有发布（其余报告照常发布）：\n"]
    for w in result.withheld:
        name = printable(f"{w.label}（{w.agency}）" if w.label else f"{w.agency}（未登记的机关）")
        if not w.agency:
            what = f"{printable(w.file)}：不是可以读取的报告文件"
        elif w.year is None:
            what = f"机关 {name}：机关名录中这个机关的登记有错误，它的机关页面和全部报告都没有发布"
        else:
            what = f"{name}{w.year} 年度报告（{printable(w.file)}）：未发布"
        out.append(f"- {what}\n")
        out += [f"{f.format()}\n" for f in w.findings]  # compiler-style, so an editor's tools jump to them
    out.append("改正后重新生成即可发布；xxgk check 可列出全部问题。\n")
    return "".join(out)


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"--jobs 应为正整数，而不是 {text}")
    return value
