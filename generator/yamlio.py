"""YAML in and out: safe loading with the line of every value, and the printed-table layout.

PyYAML (the de-facto YAML library for Python, with a C-free pure-Python loader that gives
exact marks) does the parsing and the scalar quoting. Two things are ours:

* **Loading** composes the node tree with the safe loader and builds plain Python values
  itself while recording the 1-based line and column of every key path (a mapping entry at
  its key, a list item at the item). It refuses aliases
  (a node reached twice; so no alias bombs: our files never need them) and duplicate keys,
  naming both lines. Files over :data:`MAX_BYTES` are refused before parsing.
* **Saving** a report lays it out like the printed report: one flow list per table row, in
  printed order, with the row's Chinese label as a comment beside it; Markdown text as
  literal blocks; Chinese unescaped; keys in a fixed order. The layout is a pure function of
  the data, so load → save of a saved file is byte-identical.

Only this module touches YAML.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .findings import ERROR, SCHEMA, YAML_SYNTAX, Finding, Location, Locator
from .model import spec

MAX_BYTES = 1024 * 1024  # a report is about 10 KB; anything near this is not a report

Marks = dict[tuple[Any, ...], tuple[int, int]]


@dataclass
class Loaded:
    """A loaded YAML document: plain values, and where each key path stands in the file."""

    data: Any
    locate: Locator


class _Refused(Exception):
    def __init__(self, message: str, line: int, column: int):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


# libyaml's parser (shipped in PyYAML's wheels) is ten times faster than the pure-Python one
# and gives the same marks; fall back to the latter where PyYAML was built without it.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader, with the type of a plain scalar remembered by its text.

    A report holds about 200 plain scalars, mostly the same few numbers; the safe resolver
    tries its regular expressions on each. Without path resolvers (the safe loader has none)
    a plain scalar's tag depends on its text alone, so the answer is kept (short texts only).
    """

    _tags: dict[str, str] = {}

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0] and len(value) <= _MEMO_LENGTH:
            tag = self._tags.get(value)
            if tag is None:
                tag = self._tags[value] = super().resolve(kind, value, implicit)
            return tag
        return super().resolve(kind, value, implicit)

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass  # no path resolvers: nothing to track while composing

    def ascend_resolver(self) -> None:
        pass


_MEMO_LENGTH = 40
# Scalars are immutable, so the value built for a (tag, text) pair is kept and shared.
_SCALARS: dict[tuple[str, str], Any] = {}


def load_text(text: str, path: str) -> tuple[Loaded | None, list[Finding]]:
    """Parse YAML text; on failure return ``None`` and one finding naming the line."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        return None, [
            Finding(
                ERROR,
                YAML_SYNTAX,
                f"文件过大（超过 {MAX_BYTES // 1024} KB），不像是一份报告，未读取",
                Location(path),
            )
        ]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Loaded(None, Locator(path)), []
        marks: Marks = {}
        findings: list[Finding] = []
        data = _build(loader, node, (), marks, findings, path, set())
        return Loaded(data, Locator(path, marks)), findings
    except _Refused as e:
        return None, [Finding(ERROR, YAML_SYNTAX, e.message, Location(path, e.line, e.column))]
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        problem = " ".join(p for p in (e.context, e.problem) if p)
        return None, [Finding(ERROR, YAML_SYNTAX, f"YAML 格式错误：{problem}", where)]
    except yaml.YAMLError as e:
        return None, [Finding(ERROR, YAML_SYNTAX, f"YAML 格式错误：{e}", Location(path))]
    finally:
        loader.dispose()


def load_file(file: Path, path: str) -> tuple[Loaded | None, list[Finding]]:
    """Read and parse a YAML file. ``path`` is how the file is named in findings."""
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            return load_text("x" * (MAX_BYTES + 1), path)
        raw = file.read_bytes()
    except OSError as e:
        return None, [Finding(ERROR, YAML_SYNTAX, f"无法读取文件：{e.strerror}", Location(path))]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, [
            Finding(ERROR, YAML_SYNTAX, "文件不是 UTF-8 编码，请另存为 UTF-8", Location(path, line, 1))
        ]
    return load_text(text.removeprefix("\ufeff"), path)


def _build(
    loader: Any,
    node: Node,
    key_path: tuple[Any, ...],
    marks: Marks,
    findings: list[Finding],
    path: str,
    seen: set[int],
) -> Any:
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    marks[key_path] = (line, column)
    if not isinstance(node, ScalarNode):
        if id(node) in seen:
            raise _Refused(
                f"不接受 YAML 锚点和别名（& 与 *）：第 {line} 行的内容被别名重复引用；"
                "报告文件中每个值都应直接写出",
                line,
                column,
            )
        seen.add(id(node))
        expected = "tag:yaml.org,2002:map" if isinstance(node, MappingNode) else "tag:yaml.org,2002:seq"
        if node.tag != expected:
            raise _Refused(f"不接受 YAML 标签 {node.tag}", line, column)
    if isinstance(node, MappingNode):
        out: dict[Any, Any] = {}
        lines: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _Refused(
                    "键必须是简单的文字", key_node.start_mark.line + 1, key_node.start_mark.column + 1
                )
            key = _scalar(loader, key_node)
            line = key_node.start_mark.line + 1
            if key in out:
                findings.append(
                    Finding(
                        ERROR,
                        SCHEMA,
                        f"键 {key} 重复出现（第 {lines[key]} 行和第 {line} 行），只能写一次",
                        Location(path, line, key_node.start_mark.column + 1),
                        _dotted(key_path + (key,)),
                    )
                )
                continue
            lines[key] = line
            out[key] = _build(loader, value_node, key_path + (key,), marks, findings, path, seen)
            # an entry of a mapping is located where its key is written
            marks[key_path + (key,)] = (line, key_node.start_mark.column + 1)
        return out
    if isinstance(node, SequenceNode):
        items = node.value
        if all(type(item) is ScalarNode for item in items):
            # a table row: the common case, without a call per value
            for i, item in enumerate(items):
                mark = item.start_mark
                marks[key_path + (i,)] = (mark.line + 1, mark.column + 1)
            return [_scalar(loader, item) for item in items]
        return [_build(loader, item, key_path + (i,), marks, findings, path, seen) for i, item in enumerate(items)]
    return _scalar(loader, node)


def _scalar(loader: Any, node: ScalarNode) -> Any:
    key = (node.tag, node.value)
    value = _SCALARS.get(key, _MISSING)
    if value is _MISSING:
        value = loader.construct_object(node)
        if len(node.value) <= _MEMO_LENGTH and len(_SCALARS) < 100_000:
            _SCALARS[key] = value
    return value


_MISSING = object()


def _dotted(key_path: tuple[Any, ...]) -> str:
    return ".".join(str(k) for k in key_path)


# --- Saving -------------------------------------------------------------------------------


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

TABLE_KEYS = tuple(t.key for t in spec.GB2019.tables)  # the same three in gb2021
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
            lines[head] += "  # 列：" + "，".join(c.label for c in table.columns)
        for i, row in rows:
            label = row.full_label.removeprefix(spec.RESULTS + " · ")
            if not table.columns:
                label += "：" + "，".join(c.label for c in row.columns)
            lines[i] = lines[i].ljust(width) + "# " + label
    return "\n".join(lines)


def write_atomic(file: Path, text: str) -> None:
    """Write a file so that readers see the old or the new content, never a part."""
    file.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=file.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(tmp, file)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
