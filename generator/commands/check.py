"""``xxgk check``: load and check a content folder, print every finding at once.

Text output groups the findings by agency (in the order of ``agencies.yaml``; portal-wide
findings first), errors before warnings before notes, each still one compiler-style line
``path:line:col: severity RULE field: message`` so editors' tools can jump to it. ``--format
csv`` writes one row per finding for the office's follow-up (UTF-8 with a byte-order mark, so
Excel opens the Chinese text correctly); ``--format json`` is for programs. ``--since YEAR``
keeps the reports of that year and later (the earlier ones are still read, so rules comparing
with the year before work on the first year kept).

Content reaches the output (a key, a value, an agency's name), so nothing of it is printed
raw: control characters are shown as escapes in text and CSV, and escaped in JSON
(:func:`generator.findings.printable`); a CSV cell that a spreadsheet would take for a
formula (starting with ``= + - @``, a tab or a carriage return) is prefixed with ``'``, as
OWASP recommends against CSV injection.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from ..build.check import withhold
from ..build.errors import CheckFailed
from ..checks.rules import RULES
from ..checks.run import blocking, check_content, failed, owners
from ..content import Content, load_content
from ..findings import (
    ERROR,
    INFO,
    SEVERITIES,
    SEVERITY_LABELS,
    WARNING,
    Finding,
    count,
    display_path,
    json_text,
    printable,
)

NAME = "check"
HELP = "检查内容文件夹中的全部报告（格式、勾稽关系与发布质量）"
DESCRIPTION = (
    "读取 site.yaml、agencies.yaml 和 reports/ 下的全部报告，一次列出所有问题（按机关分组，错误在前），"
    "不修改任何文件。退出码：0 没有需要编辑改正的错误（原件本身加不拢的 R1–R4 照常发布，不算在内）；"
    "1 有需要改正的错误（这些报告不会发布），加 --strict 时有任何错误或警告；2 不是内容文件夹。规则：" + "；".join(f"{r.id} {r.summary}" for r in RULES.values())
)
CSV_COLUMNS = ("机关代码", "机关名称", "年度", "级别", "规则", "字段", "说明", "文件", "行")
PORTAL = "门户设置与机关名录"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("content", nargs="?", default="content", help="内容文件夹（默认 content）")
    parser.add_argument(
        "--format",
        choices=("text", "json", "csv"),
        default="text",
        help="输出格式：text（默认，按机关分组）、json，或 csv（供整改跟踪，Excel 可直接打开）",
    )
    parser.add_argument("--strict", action="store_true", help="有任何错误（包括原件本身加不拢）或警告都视为不通过（退出码 1）")
    parser.add_argument("--since", type=int, metavar="YEAR", help="只列出该年度及以后的报告的问题，如 --since 2023")
    parser.add_argument(
        "--no-audit", action="store_true", help="只检查格式与勾稽关系（R1–R10），不做发布质量审查（Q1–Q7）"
    )


def run(args: argparse.Namespace) -> int:
    root = Path(args.content)
    content = load_content(root)
    findings = check_content(content, audit=not args.no_audit)
    owner = owners(content)
    reports = content.reports
    if args.since is not None:
        findings = [f for f in findings if (owner(f)[1] or args.since) >= args.since]
        reports = [r for r in reports if r.year >= args.since]
    counts = count(findings)
    printed = sum(1 for f in findings if f.severity == ERROR and not blocking(f))
    of_original = f"（其中 {printed} 个是原件本身加不拢，照常发布）" if printed else ""
    summary = (
        f"检查了 {len(reports)} 份报告、{len(content.agencies)} 个机关："
        f"{counts[ERROR]} 个错误{of_original}，{counts[WARNING]} 个警告，{counts[INFO]} 个提示"
    )
    if args.format == "json":
        print(
            json_text(
                {
                    "content": display_path(root),
                    "reports": len(reports),
                    "counts": counts,
                    "findings": [_with_owner(f, owner(f)) for f in findings],
                }
            )
        )
    elif args.format == "csv":
        sys.stdout.flush()
        sys.stdout.buffer.write(to_csv(findings, content, owner).encode("utf-8-sig"))
        sys.stdout.buffer.flush()
        print(summary, file=sys.stderr)
    else:
        print(grouped_text(findings, content, owner), end="")
        print(summary)
        if failed(findings):
            print(publishing_text(content, findings))
    return 1 if failed(findings, args.strict) else 0


def publishing_text(content: Content, findings: list[Finding]) -> str:
    """What ``xxgk build`` would do with these errors: which reports it leaves out, or that it
    makes no site at all."""
    try:
        withheld = withhold(content, findings).withheld
    except CheckFailed:
        return "生成网站时：门户设置（site.yaml）或整个机关名录（agencies.yaml）有错误，网站不会生成，请先改正"
    names = []
    for w in withheld:
        who = printable(w.label or w.agency)
        names.append(printable(w.file) if not w.agency else f"{who}（全部报告）" if w.year is None else f"{who} {w.year} 年度报告")
    return f"生成网站时：{'、'.join(names)}有需要改正的错误，不会发布；其余照常发布"


def _with_owner(f: Finding, who: tuple[str | None, int | None]) -> dict[str, object]:
    return {**f.as_dict(), "agency": who[0], "year": who[1]}


Owner = Callable[[Finding], tuple[str | None, int | None]]


def _agency_name(content: Content, agency_id: str | None) -> str:
    if agency_id is None:
        return ""
    agency = content.agencies.get(agency_id)
    return agency.name if agency else ""


def grouped_text(findings: list[Finding], content: Content, owner: Owner) -> str:
    """Findings under one heading per agency, errors first; portal-wide ones come first."""
    groups: dict[str | None, list[Finding]] = defaultdict(list)
    for f in findings:
        groups[owner(f)[0]].append(f)
    order = {a: i for i, a in enumerate(content.agencies)}
    keys = sorted(groups, key=lambda a: (a is not None, order.get(a, len(order)), a or ""))
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    out = []
    for agency_id in keys:
        items = sorted(groups[agency_id], key=lambda f: (rank[f.severity], owner(f)[1] or 0, f.sort_key()))
        c = count(items)
        tally = "，".join(f"{c[s]} 个{SEVERITY_LABELS[s]}" for s in SEVERITIES if c[s])
        if agency_id is None:
            title = PORTAL
        else:
            agency = content.agencies.get(agency_id)
            title = f"{agency.label}（{agency_id}）" if agency else f"{agency_id}（未登记的机关）"
        out.append(f"== {printable(title)}：{tally} ==\n")
        out += [f.format() + "\n" for f in items]
        out.append("\n")
    return "".join(out)


def to_csv(findings: list[Finding], content: Content, owner: Owner) -> str:
    """One row per finding, in the order of the text output, with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    order = {a: i for i, a in enumerate(content.agencies)}
    rank = {s: i for i, s in enumerate(SEVERITIES)}

    def key(f: Finding) -> tuple[object, ...]:
        agency, year = owner(f)
        return (agency is not None, order.get(agency, len(order)), agency or "", rank[f.severity], year or 0, f.sort_key())

    for f in sorted(findings, key=key):
        agency, year = owner(f)
        writer.writerow(
            (
                _cell(agency or ""),
                _cell(_agency_name(content, agency)),
                year or "",
                SEVERITY_LABELS[f.severity],
                f.rule,
                _cell(f.field),
                _cell(f.message),
                _cell(f.location.path),
                f.location.line or "",
            )
        )
    return buffer.getvalue()


def _cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: never run as a formula, no control characters."""
    text = printable(text)
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text
