"""The ``xxgk`` command: parses arguments, runs one command module, sets the exit status.

argparse (standard library) is enough for a handful of subcommands and gives the ``--help``
texts the editors' handbook is generated from; ``cli_text.Parser`` puts argparse's own words
(用法、参数、选项, its error messages) in Chinese, and :data:`METAVARS` names every value in
Chinese. Commands live in ``generator/commands/``, one
module each. Only the command modules print; exit statuses: 0 success, 1 the content has
errors (or warnings with ``--strict``) or a file failed, 2 a usage error or a folder that is
not content at all.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType

from . import __version__
from .cli_text import Parser
from .commands import build, check, fmt, import_, init, serve
from .content import ContentError

COMMANDS: tuple[ModuleType, ...] = (init, import_, check, fmt, build, serve)
EXIT_USAGE = 2
# What each argument's value is called in usage lines and help (argparse would use the key).
METAVARS = {
    "content": "内容文件夹",
    "dir": "文件夹",
    "files": "文件或文件夹",
    "out": "输出文件夹",
    "theme": "主题",
    "base_url": "网址",
    "jobs": "进程数",
    "since": "年度",
    "year": "年度",
    "agency": "机关代码",
    "port": "端口",
    "host": "地址",
    "title": "网站名称",
    "sponsor": "主办单位",
    "max_size": "兆字节数",
    "max_pages": "页数",
    "timeout": "秒数",
}


def parser() -> argparse.ArgumentParser:
    top = Parser(prog="xxgk", description="政府信息公开工作年度报告：导入、检查、生成静态网站。")
    top.add_argument("--version", action="version", version=f"xxgk {__version__}", help="显示版本号并退出")
    subparsers = top.add_subparsers(dest="command", metavar="命令", required=True, title="命令",
                                    description="每个命令的用法：xxgk 命令 -h")
    for command in COMMANDS:
        sub = subparsers.add_parser(command.NAME, help=command.HELP, description=command.DESCRIPTION)
        command.add_arguments(sub)
        for action in sub._actions:
            if action.dest in METAVARS and action.choices is None and action.nargs != 0:
                action.metavar = METAVARS[action.dest]
        sub.set_defaults(run=command.run)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        status: int = args.run(args)
        return status
    except ContentError as e:
        print(f"xxgk: 错误：{e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
