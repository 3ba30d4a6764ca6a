"""Loading: the node tree of the safe loader, made into plain values with the line and column
of every key path (a mapping entry at its key, a list item at the item).

Refused, with one finding naming the line: YAML syntax errors, aliases (a node reached twice;
so no alias bombs: our files never need them), explicit tags, nesting deeper than
:data:`MAX_DEPTH`, files over a size limit. Duplicate keys are a finding naming both lines.
A scalar given no value (:mod:`.scalars`) is a finding naming its line, column and field, and
reads as None; its key path is in :attr:`Locator.refused`, so the model does not report the
same value again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..findings import ERROR, SCHEMA, YAML_SYNTAX, Finding, Location, Locator
from ..model import spec
from . import messages
from .files import MAX_BYTES, REPORT_TOO_BIG, read_text, too_big
from .scalars import Refused, Unclear, construct

# Our files nest at most four levels (a report's table, row, cell); deeper is a mistake, and
# is refused long before Python's recursion limit (libyaml itself stops at 1000 levels).
MAX_DEPTH = 20
TABLE_KEYS = tuple(t.key for t in spec.GB2019.tables)  # the same three in gb2021

Marks = dict[tuple[Any, ...], tuple[int, int]]


@dataclass
class Loaded:
    """A loaded YAML document: plain values, and where each key path stands in the file."""

    data: Any
    locate: Locator


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
# Only values given by construct() are kept (never an Unclear), so a hit needs no test again.
_SCALARS: dict[tuple[str, str], Any] = {}
_MISSING = object()
# What _scalar gives for a scalar given no value (one object, so a row is searched for it in C).
_UNCLEAR = object()


@dataclass
class _State:
    path: str
    marks: Marks = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)
    unclear: list[tuple[tuple[Any, ...], Node, str]] = field(default_factory=list)


TOO_DEEP = (
    f"嵌套层数过深（超过 {MAX_DEPTH} 层），未读取：本格式的文件最多嵌套 4 层（如 requests → 行 → 单元格），"
    "请检查括号 [ ] { } 是否多写，或缩进是否错位"
)


def load_text(
    text: str, path: str, max_bytes: int = MAX_BYTES, too_big_why: str = REPORT_TOO_BIG
) -> tuple[Loaded | None, list[Finding]]:
    """Parse YAML text; on failure return ``None`` and one finding naming the line."""
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        return None, [too_big(path, size, max_bytes, too_big_why)]
    loader = _Loader(text)
    loader.problems = {}  # id of a scalar node given no value → why
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:  # the pure-Python composer, on deep nesting
            raise Refused(TOO_DEEP, 0, 0) from None
        if node is None:
            return Loaded(None, Locator(path)), []
        state = _State(path)
        data = _build(loader, node, (), state, 1)
        findings = state.findings + [_unclear_finding(state.path, data, *u) for u in state.unclear]
        refused = {key_path for key_path, _, _ in state.unclear}
        return Loaded(data, Locator(path, state.marks, refused)), findings
    except Refused as e:
        return None, [Finding(ERROR, YAML_SYNTAX, e.message, Location(path, e.line, e.column))]
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        problem = " ".join(p for p in (e.context, e.problem) if p)
        if "maximum nesting depth" in problem:
            return None, [Finding(ERROR, YAML_SYNTAX, TOO_DEEP, where)]
        return None, [Finding(ERROR, YAML_SYNTAX, f"YAML 格式错误：{messages.chinese(e.context, e.problem)}", where)]
    except yaml.YAMLError as e:
        return None, [Finding(ERROR, YAML_SYNTAX, f"YAML 格式错误：{messages.chinese(None, str(e))}", Location(path))]
    finally:
        loader.dispose()


def load_file(
    file: Path, path: str, max_bytes: int = MAX_BYTES, too_big_why: str = REPORT_TOO_BIG
) -> tuple[Loaded | None, list[Finding]]:
    """Read and parse a YAML file. ``path`` is how the file is named in findings."""
    text, findings = read_text(file, path, max_bytes, too_big_why)
    if text is None:
        return None, findings
    return load_text(text, path, max_bytes, too_big_why)


def _build(loader: Any, node: Node, key_path: tuple[Any, ...], state: _State, depth: int) -> Any:
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    marks = state.marks
    marks[key_path] = (line, column)
    if not isinstance(node, ScalarNode):
        if id(node) in state.seen:
            raise Refused(
                f"不接受 YAML 锚点和别名（& 与 *）：第 {line} 行的内容被别名重复引用；"
                "报告文件中每个值都应直接写出",
                line,
                column,
            )
        if depth > MAX_DEPTH:
            raise Refused(TOO_DEEP, line, column)
        state.seen.add(id(node))
        expected = "tag:yaml.org,2002:map" if isinstance(node, MappingNode) else "tag:yaml.org,2002:seq"
        if node.tag != expected:
            raise Refused(f"不接受 YAML 标签 {node.tag}", line, column)
    if isinstance(node, MappingNode):
        out: dict[Any, Any] = {}
        lines: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise Refused(
                    "键必须是简单的文字", key_node.start_mark.line + 1, key_node.start_mark.column + 1
                )
            key = _scalar(loader, key_node)
            if key is _UNCLEAR:
                key = key_node.value  # a key is a name: `yes:`, `012:` are the names written
            line = key_node.start_mark.line + 1
            if key in out:
                state.findings.append(
                    Finding(
                        ERROR,
                        SCHEMA,
                        f"键 {key} 重复出现（第 {lines[key]} 行和第 {line} 行），只能写一次",
                        Location(state.path, line, key_node.start_mark.column + 1),
                        _dotted(key_path + (key,)),
                    )
                )
                continue
            lines[key] = line
            out[key] = _build(loader, value_node, key_path + (key,), state, depth + 1)
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
            values = [_scalar(loader, item) for item in items]
            if _UNCLEAR in values:
                for i, value in enumerate(values):
                    if value is _UNCLEAR:
                        state.unclear.append((key_path + (i,), items[i], loader.problems[id(items[i])]))
                        values[i] = None
            return values
        return [_build(loader, item, key_path + (i,), state, depth + 1) for i, item in enumerate(items)]
    value = _scalar(loader, node)
    if value is _UNCLEAR:
        state.unclear.append((key_path, node, loader.problems[id(node)]))
        return None
    return value


def _scalar(loader: Any, node: ScalarNode) -> Any:
    key = (node.tag, node.value)
    value = _SCALARS.get(key, _MISSING)
    if value is _MISSING:
        value = construct(loader, node)
        if type(value) is Unclear:
            loader.problems[id(node)] = value.problem
            return _UNCLEAR
        if len(node.value) <= _MEMO_LENGTH and len(_SCALARS) < 100_000:
            _SCALARS[key] = value
    return value


def _unclear_finding(path: str, data: Any, key_path: tuple[Any, ...], node: Node, problem: str) -> Finding:
    """The finding for a scalar given no value, at the scalar; a table cell named as the model
    names it (its printed row and column, and its address)."""
    where = Location(path, node.start_mark.line + 1, node.start_mark.column + 1)
    field, name = _dotted(key_path), _dotted(key_path)
    if isinstance(data, dict) and len(key_path) == 3 and key_path[0] in TABLE_KEYS and isinstance(key_path[2], int):
        template = data.get("template")
        tables = spec.TEMPLATES[template].tables if isinstance(template, str) and template in spec.TEMPLATES else ()
        table = next((t for t in tables if t.key == key_path[0]), None)
        if table is not None and key_path[1] in table.row_keys:
            row = table.row(key_path[1])
            if key_path[2] < len(row.columns):
                column = row.columns[key_path[2]]
                field = f"{table.key}.{row.key}.{column.key}"
                name = f"{row.label} · {column.full_label}（{field}）"
    return Finding(ERROR, SCHEMA, f"{name}{'' if name.endswith('）') else ' '}{problem}", where, field)


def _dotted(key_path: tuple[Any, ...]) -> str:
    return ".".join(str(k) for k in key_path)
