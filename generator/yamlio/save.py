"""Saving: plain YAML for the portal files, and a report laid out like the printed report.

A report is written with one flow list per table row, in printed order, with the row's
Chinese label as a comment beside it and the column heads beside each table; Markdown text
as literal blocks; Chinese unescaped; keys in a fixed order (``Report.to_data``). The
layout is a pure function of the data, so load → save of a saved file is byte-identical.
PyYAML's safe dumper quotes every text that a YAML reader would take for something else
(``"012"``, ``"yes"``, ``"1:30"``), so what is saved reads back as the same values.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import yaml

from ..model import spec
from .load import TABLE_KEYS


class _Flow(list):  # type: ignore[type-arg]
    """A table row: written on one line, like the printed row."""


class _Literal(str):
    """Markdown text: written as a literal block."""


class _Quoted(str):
    """A string written in double quotes, such as the not-applicable cell "/"."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
)
_Dumper.add_representer(
    _Literal, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style="|")
)
_Dumper.add_representer(
    _Quoted, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style='"')
)

_ROW_LINE = re.compile(r"^  ([a-z_]+): \[.*\]$")


def dumps(data: Any) -> str:
    """Plain YAML for a mapping or list (site.yaml, agencies.yaml): block style, Chinese as is."""
    return yaml.dump(
        _prepare(data, ()), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9
    )


def dumps_report(data: dict[str, Any]) -> str:
    """A report mapping (as made by ``Report.to_data``) in the printed-table layout."""
    text = dumps(data)
    template = spec.TEMPLATES.get(str(data.get("template")))
    return _annotate(text, template) if template else text


def _prepare(value: Any, key_path: tuple[Any, ...]) -> Any:
    if isinstance(value, dict):
        return {k: _prepare(v, key_path + (k,)) for k, v in value.items()}
    if isinstance(value, list):
        items = [_prepare(v, key_path + (i,)) for i, v in enumerate(value)]
        in_table = len(key_path) == 2 and key_path[0] in TABLE_KEYS
        return _Flow(items) if in_table else items
    if isinstance(value, str):
        if value == spec.NOT_APPLICABLE:
            return _Quoted(value)
        if "\n" in value:
            return _Literal(value)
    return value


def _annotate(text: str, template: spec.Template) -> str:
    """Add each row's printed label as a comment, aligned, and the column heads per table."""
    lines = text.split("\n")
    table: spec.Table | None = None
    rows: list[tuple[int, spec.Row]] = []
    blocks: list[tuple[spec.Table, int, list[tuple[int, spec.Row]]]] = []
    for i, line in enumerate(lines):
        if line and not line.startswith(" "):  # a top-level key starts a new block
            key = line[:-1]
            tables = template.tables if line.endswith(":") else ()
            table = next((t for t in tables if t.key == key), None)
            if table is not None:
                rows = []
                blocks.append((table, i, rows))
            continue
        match = _ROW_LINE.match(line)
        if table is not None and match and match.group(1) in table.row_keys:
            rows.append((i, table.row(match.group(1))))
    for table, head, rows in blocks:
        if not rows:
            continue
        width = max(len(lines[i]) for i, _ in rows) + 2
        if table.columns:
            lines[head] += "  " + head_comment(table)
        for i, row in rows:
            lines[i] = lines[i].ljust(width) + row_comment(table, row)
    return "\n".join(lines)


def head_comment(table: spec.Table) -> str:
    """The comment beside a table's key: its column heads, where every row has the same."""
    return "# 列：" + "，".join(c.label for c in table.columns)


def row_comment(table: spec.Table, row: spec.Row) -> str:
    """The comment beside a table row: its printed label (and its columns, where rows differ)."""
    label = row.full_label.removeprefix(spec.RESULTS + " · ")
    if not table.columns:
        label += "：" + "，".join(c.label for c in row.columns)
    return "# " + label


@functools.cache
def layout_comments() -> frozenset[str]:
    """Every comment the layout writes, in either template."""
    out: set[str] = set()
    for template in spec.TEMPLATES.values():
        for table in template.tables:
            if table.columns:
                out.add(head_comment(table))
            out |= {row_comment(table, row) for row in table.rows}
    return frozenset(out)


