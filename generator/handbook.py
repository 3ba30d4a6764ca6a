"""Reference pages of the editors' handbook, generated from the code so they cannot drift.

    python -m generator.handbook docs/reference

writes ``cli.md`` (every command's own ``--help``), ``format.md`` (every key, row and column
with its Chinese label, from ``model/spec.py``), ``rules.md`` (the rules of ``checks``),
``settings.md`` (``site.yaml`` and ``agencies.yaml``) and ``templates.md`` (every template's
variables, from the typed page contexts of ``generator/pages``). ``make docs`` runs it before
mkdocs.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from .checks.rules import RULES
from .cli import COMMANDS, parser
from .findings import SEVERITY_LABELS
from .model import spec
from .model.portal import AGENCY_FIELDS, SITE_SETTINGS, Setting
from .model.report import KEY_DOCS


def _table(head: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def cli_page() -> str:
    top = parser()
    subparsers = next(a for a in top._actions if isinstance(a, argparse._SubParsersAction))
    out = [
        "# 命令参考\n\n",
        "本页由程序根据各命令自带的帮助（`xxgk 命令 --help`）自动生成，与所装版本一致。\n\n",
        "退出码：0 表示成功；1 表示内容有错误（用 `--strict` 时警告也算）或有文件处理失败；"
        "2 表示命令用法有误或所给文件夹不是内容文件夹。\n",
    ]
    for command in COMMANDS:
        sub = subparsers.choices[command.NAME]
        out.append(f"\n## xxgk {command.NAME}\n\n{command.HELP}\n\n```text\n{sub.format_help()}```\n")
    return "".join(out)


def _columns(row: spec.Row) -> str:
    return "，".join(f"{c.key}（{c.label}）" for c in row.columns)


def format_page() -> str:
    out = [
        "# 数据格式参考\n\n",
        "本页由程序根据格式定义（`generator/model/spec.py`）自动生成。每份报告是 "
        "`reports/<机关代码>/<年份>.yaml` 一个文件；表格每一行写在一行里，数字按原表的列序排列。\n\n",
        "## 报告文件的键\n\n",
        _table(("键", "说明"), [(f"`{k}`", KEY_DOCS[k]) for k in KEY_DOCS]),
        "\n## 单元格\n\n",
        _table(
            ("写法", "含义"),
            [
                ("`0`、`12`", "件数，非负整数"),
                ("`-3`", "只用于“本年增/减”列"),
                ("`6.3365`", "金额，单位万元；原文以元为单位时换算，并在 `<行>_as_printed` 中保留原文，如 `procurement_as_printed: 63365元`"),
                ("`null`", "原文此格空白或无法辨认（不是 0）"),
                ('`"/"`', "原文印作 /、-、— 或“不适用”"),
            ],
        ),
        "\n单元格地址写作 `表.行.列`，如 `requests.total.natural_person`，用于 `derived` 和 `uncertain` 两个列表，"
        "也出现在检查结果中。\n",
    ]
    for template in spec.TEMPLATES.values():
        out.append(f"\n## 格式 `{template.key}`：{template.name}\n\n")
        if template.issued_by:
            out.append(f"依据 {template.issued_by}，用于{template.used_for}。\n\n")
        else:
            out.append(f"用于{template.used_for}：只有文字部分，没有表格。\n")
        for table in template.tables:
            out.append(f"\n### `{table.key}`：{table.title}\n\n")
            if table.columns:
                out.append(
                    "每行的列依次为："
                    + "，".join(f"`{c.key}`（{c.full_label}）" for c in table.columns)
                    + "。\n\n"
                )
                rows = [(f"`{r.key}`", r.full_label) for r in table.rows]
                out.append(_table(("行", "原表标签"), rows))
            else:
                rows = [(f"`{r.key}`", r.full_label, _columns(r)) for r in table.rows]
                out.append(_table(("行", "原表标签", "列"), rows))
            if table.alternatives:
                single, split = table.alternatives
                out.append(
                    f"\n（六）其他处理：原表印一行时写 `{single[0]}`，印三行时写 "
                    + "、".join(f"`{k}`" for k in split)
                    + "，按原表写其中一种。\n"
                )
    out.append("\n## 机关类别\n\n")
    out.append(_table(("kind", "含义"), [(f"`{k}`", v) for k, v in spec.AGENCY_KINDS.items()]))
    return "".join(out)


def rules_page() -> str:
    rows = [(r.id, SEVERITY_LABELS[r.severity] + f"（{r.severity}）", r.summary) for r in RULES.values()]
    return (
        "# 检查规则参考\n\n本页由程序根据检查规则自动生成。`xxgk check` 逐条检查，"
        "每条结果写明文件、行号、单元格和应有的数。\n\n"
        + _table(("规则", "级别", "内容"), rows)
        + "\n此外，`YAML` 表示文件无法按 YAML 读取，`SCHEMA` 表示键、类型或取值不符合数据格式，"
        "`REF` 表示文件之间对不上（机关未登记、路径与内容不符、原件缺失）。\n"
    )


def _settings(settings: tuple[Setting, ...]) -> str:
    return _table(
        ("键", "必填", "说明", "示例"),
        [(f"`{s.key}`", "是" if s.required else "", s.description, s.example) for s in settings],
    )


def settings_page() -> str:
    return (
        "# 网站设置与机关名录参考\n\n本页由程序根据设置定义自动生成。\n\n"
        "## site.yaml\n\n" + _settings(SITE_SETTINGS) + "\n## agencies.yaml\n\n"
        "一个列表，每个机关一项：\n\n" + _settings(AGENCY_FIELDS)
    )


def _fields(cls: type) -> list[tuple[str, str, str]]:
    """(name, type, description) of a context class's fields, in order."""
    return [(f.name, str(f.type), f.metadata.get("doc", "")) for f in dataclasses.fields(cls)]


def templates_page() -> str:
    from .pages.kinds import KINDS
    from .pages.site import Common
    from .pages.tables import BodyRow, DataCell, DataTable, Head

    def table(rows: list[tuple[str, str, str]]) -> str:
        return _table(("变量", "类型", "说明"), [(f"`{n}`", f"`{t}`", d) for n, t, d in rows])

    common = {f.name for f in dataclasses.fields(Common)}
    out = [
        "# 模板参考\n\n",
        "本页由程序根据页面数据的定义（`generator/pages/`）自动生成，与所装版本一致。"
        "每个页面模板得到的变量都列在这里；改写模板（`content/overrides/templates/` 或自己的主题）时只能用这些变量，"
        "写错的变量名会让生成失败并指出模板和行号。\n\n",
        "## 主题\n\n",
        "主题是一个文件夹，含 `templates/`（Jinja2 模板）和 `static/`（样式、脚本、图片）。"
        "`xxgk build --theme 名称或文件夹`。主题文件夹中的 `theme.yaml` 可写 `extends: default`，"
        "表示继承默认主题：自己没有的模板用默认主题的，静态文件先复制默认主题的、再用自己的覆盖。"
        "任何模板都可以 `{% extends \"default:report.html\" %}`，只改其中的块（block）。"
        "内容文件夹的 `overrides/templates/` 和 `overrides/static/` 优先于主题。\n\n",
        "每个页面模板的内容都分成命名的块，例如 `report.html` 有 `report_head`、`toc`、`findings`、`parts`（其中每部分是 `part`）、"
        "`contact`、`downloads`、`other_years`；`base.html` 有 `base`、`title`、`head`、`nav`、`crumbs`、`content`、`footer`、`scripts`。\n\n",
        "过滤器：`url`（网站内的路径变为相对于本页的链接）、`num`（数字加千分位）、`markdown`（报告文字显示为网页）、"
        "`summary`（报告文字的简短纯文本）、`svg`（图表）。\n\n",
        "## 所有页面共有的变量\n\n",
        table(_fields(Common)),
    ]
    for kind, (template, context, _make) in KINDS.items():
        own = [f for f in _fields(context) if f[0] not in common]
        out.append(f"\n## `{template}`（{kind}）\n\n")
        if kind in ("feed", "sitemap"):
            out.append(table(_fields(context)))
        elif own:
            out.append("除共有的变量外：\n\n" + table(own))
        else:
            out.append("只有共有的变量。\n")
    out.append("\n## 表格\n\n所有数据表格都由 `_macros.html` 的 `data_table(t)` 写出，主题可以改写它。`t` 的各项：\n\n")
    for cls in (DataTable, BodyRow, DataCell, Head):
        out.append(f"- `{cls.__name__}`：" + "、".join(f"`{n}`" for n in cls._fields) + "\n")
    return "".join(out)


PAGES = {
    "cli.md": cli_page,
    "format.md": format_page,
    "rules.md": rules_page,
    "settings.md": settings_page,
    "templates.md": templates_page,
}


def write_reference(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, page in PAGES.items():
        (out / name).write_text(page(), encoding="utf-8")
        written.append(out / name)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/reference")
    for file in write_reference(target):
        print(file)
