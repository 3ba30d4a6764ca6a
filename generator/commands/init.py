"""``xxgk init 文件夹``: a new portal's content folder, ready to import into and build."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..findings import display_path
from ..scaffold import ScaffoldError, create_portal

NAME = "init"
HELP = "新建一个门户的内容文件夹（site.yaml、agencies.yaml、reports/、originals/）"
DESCRIPTION = (
    "在给出的文件夹中新建内容文件夹：site.yaml 中每项设置都附中文说明，agencies.yaml 为空名录，"
    "reports/ 与 originals/ 为空文件夹。之后即可 xxgk import 导入报告、xxgk build 生成网站。"
    "该文件夹中已有文件时不做任何改动。"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", help="新内容文件夹的路径")
    parser.add_argument("--title", default="某某县政府信息公开年度报告", help="网站名称（以后可在 site.yaml 中修改）")
    parser.add_argument("--sponsor", default="某某县人民政府办公室", help="主办单位（以后可在 site.yaml 中修改）")


def run(args: argparse.Namespace) -> int:
    root = Path(args.dir)
    try:
        create_portal(root, args.title, args.sponsor)
    except ScaffoldError as e:
        print(f"xxgk: 错误：{e}", file=sys.stderr)
        return 2
    where = display_path(root)
    print(f"已新建内容文件夹 {where}。下一步：编辑 {where}/site.yaml，然后 xxgk import 原件 --content {where}")
    return 0
