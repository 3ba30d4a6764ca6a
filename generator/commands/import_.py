"""``xxgk import``: originals (PDF, DOCX, HTML, text) into checked report YAML."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from ..checks.run import blocking
from ..extract.explain import explain_text
from ..findings import ERROR, WARNING, display_path
from ..importer import DEFAULT_TIMEOUT, Options, Outcome, collect, run_import, valid_id
from ..ingest import DEFAULT_LIMITS, Limits
from ..model.report import YEARS

NAME = "import"
HELP = "导入年度报告原件（PDF、Word、网页、文本），生成报告 YAML"
DESCRIPTION = (
    "读取原件，识别标题、机关、年度、格式版本、发布日期、联系方式、六个部分和各表格的全部数字，"
    "写入 <内容文件夹>/reports/<机关>/<年度>.yaml，并把原件复制到 originals/<机关>/<年度>.<扩展名>。"
    "读不清的格留空（null）并列出；已导入且内容相同的不改动；已被编辑或换了原件的报告不覆盖，除非加 --force（旧文件备份为 .bak）。"
    "有文件导入失败时退出码为 1。"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE_OR_DIR", help="原件文件或文件夹（文件夹内的文件全部导入）")
    parser.add_argument("--content", default="content", help="内容文件夹（默认 content；不存在时创建）")
    parser.add_argument("--agency", help="机关代码（默认按报告标题识别，未登记的机关自动登记）")
    parser.add_argument("--year", type=int, help="报告年度（默认按标题识别）")
    parser.add_argument("--jobs", type=int, default=1, help="并行处理的进程数（默认 1）")
    parser.add_argument("--force", action="store_true", help="覆盖已编辑或来自另一份原件的报告（旧文件备份为 .bak）")
    parser.add_argument("--dry-run", action="store_true", help="只识别并报告结果，不写任何文件")
    parser.add_argument("--explain", action="store_true", help="列出表格每一行印的标签对应到哪个键、为什么")
    parser.add_argument(
        "--max-size", type=float, default=DEFAULT_LIMITS.max_bytes / 1048576, metavar="MB",
        help=f"单个文件的大小上限（MB，默认 {DEFAULT_LIMITS.max_bytes // 1048576}）；Word 文件解压后的上限为其 3 倍",
    )
    parser.add_argument(
        "--max-pages", type=int, default=DEFAULT_LIMITS.max_pages, metavar="N",
        help=f"PDF 的页数上限（默认 {DEFAULT_LIMITS.max_pages}）",
    )
    parser.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
        help=f"读取单个文件的时间上限（秒，默认 {DEFAULT_TIMEOUT:.0f}），超时的文件停止读取并报告",
    )


STATUS = {"written": "已导入", "unchanged": "未改动", "kept": "未覆盖", "failed": "失败"}


def summary(o: Outcome, dry_run: bool = False) -> str:
    name = display_path(o.path)
    if o.failed:
        return f"{name}: 失败：{o.message}"
    errors = sum(1 for f in o.findings if f.severity == ERROR)
    warnings = sum(1 for f in o.findings if f.severity == WARNING)
    adding = sum(1 for f in o.findings if f.severity == ERROR and not blocking(f))
    # the tables not adding up: read wrongly (correct the file), or printed so (published as is)
    of_tables = f"（其中 {adding} 个是表格加不拢：请对照原件，读错的改正，原件如此的照常发布）" if adding else ""
    status = "将导入" if dry_run and o.status == "written" else STATUS[o.status]
    target = display_path(o.target) if o.target else ""
    line = (
        f"{name} → {target}: {status}，读取 {o.read}/{o.cells} 个数，"
        f"{o.unread} 格未能读取，{errors} 个错误{of_tables}，{warnings} 个警告"
    )
    if o.ocr:
        line += f"；此文件是扫描件，文字和数字由文字识别（OCR）读取（{o.ocr}），读出的每个数都已标为待核对（uncertain），请逐一对照原件"
    return line + (f"；{o.message}" if o.message and o.status != "failed" else "")


def _progress(results: Iterator, total: int) -> Iterator:  # type: ignore[type-arg]
    if not sys.stderr.isatty() or total < 2:
        return results
    from tqdm import tqdm

    return iter(tqdm(results, total=total, unit="份", desc="导入", file=sys.stderr, leave=False))


def run(args: argparse.Namespace) -> int:
    if args.agency is not None and not valid_id(args.agency):
        print(f"xxgk import: 错误：--agency 应为小写字母、数字和连字符组成的机关代码，实为 {args.agency!r}", file=sys.stderr)
        return 2
    if args.year is not None and args.year not in YEARS:
        print(f"xxgk import: 错误：--year 应为 {YEARS.start}–{YEARS.stop - 1} 之间的年份，实为 {args.year}", file=sys.stderr)
        return 2
    content = Path(args.content)
    if content.exists() and not content.is_dir():
        print(f"xxgk import: 错误：--content {display_path(content)} 是文件，不是文件夹", file=sys.stderr)
        return 2
    if args.max_size <= 0 or args.max_pages <= 0 or args.timeout <= 0:
        print("xxgk import: 错误：--max-size、--max-pages 和 --timeout 应为正数", file=sys.stderr)
        return 2
    files = collect(Path(f) for f in args.files)
    if not files:
        print("xxgk import: 错误：没有找到可导入的文件", file=sys.stderr)
        return 1
    options = Options(
        content=Path(args.content), agency=args.agency, year=args.year, force=args.force,
        dry_run=args.dry_run, explain=args.explain, jobs=max(1, args.jobs), timeout=args.timeout,
        limits=Limits(int(args.max_size * 1048576), args.max_pages, int(args.max_size * 3 * 1048576)),
    )
    outcomes = run_import(files, options, _progress)
    for o in outcomes:
        for f in o.findings:
            print(f.format())
        if args.explain and not o.failed:
            print(explain_text(o))
        print(summary(o, args.dry_run))
    failed = sum(1 for o in outcomes if o.failed)
    counts = {s: sum(1 for o in outcomes if o.status == s) for s in STATUS}
    cells = sum(o.cells for o in outcomes)
    read = sum(o.read for o in outcomes)
    unread = sum(o.unread for o in outcomes)
    print(
        f"共 {len(outcomes)} 个文件：{counts['written']} 个{'将' if args.dry_run else '已'}导入，{counts['unchanged']} 个未改动，"
        f"{counts['kept']} 个未覆盖，{failed} 个失败；读取 {read}/{cells} 个数，{unread} 格未能读取"
        + ("（试运行，未写任何文件）" if args.dry_run else "")
    )
    return 1 if failed else 0
