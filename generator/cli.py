"""The ``xxgk`` command: parses arguments, runs one command module, sets the exit status.

argparse (standard library) is enough for a handful of subcommands and gives the ``--help``
texts the editors' handbook is generated from. Commands live in ``generator/commands/``, one
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
from .commands import build, check, fmt, import_, init, serve
from .content import ContentError

COMMANDS: tuple[ModuleType, ...] = (init, import_, check, fmt, build, serve)
EXIT_USAGE = 2


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="xxgk", description="政府信息公开工作年度报告：导入、检查、生成静态网站。")
    top.add_argument("--version", action="version", version=f"xxgk {__version__}")
    subparsers = top.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        sub = subparsers.add_parser(command.NAME, help=command.HELP, description=command.DESCRIPTION)
        command.add_arguments(sub)
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
