"""YAML in and out: safe loading with the line of every value, and the printed-table layout.

PyYAML (the de-facto YAML library for Python, with a C-free pure-Python loader that gives
exact marks) does the parsing and the scalar quoting. Three things are ours:

* **Loading** composes the node tree with the safe loader and builds plain Python values
  itself while recording the 1-based line and column of every key path (a mapping entry at
  its key, a list item at the item). It refuses aliases
  (a node reached twice; so no alias bombs: our files never need them), explicit tags,
  nesting deeper than :data:`MAX_DEPTH`, and duplicate keys, naming both lines. Files over a
  size limit (:data:`MAX_BYTES`, or the caller's) are refused before parsing.
* **No number silently changed.** PyYAML reads YAML 1.1, where ``012`` is octal 10, ``1:30``
  is 90 (base 60), ``1_000`` is 1000, ``0x1A`` is 26 and ``yes``/``no``/``on``/``off`` are
  true and false. An editor who writes them means something else, so a plain scalar written
  in any of these forms is not given a value: it becomes a finding naming the file, line,
  column and field, and its value is None (the key path is in :attr:`Locator.refused`, so the
  model does not report the same value again). So is a scalar that cannot be made a value at
  all (``2022-02-30``, an integer of thousands of digits). Decimal integers, decimals,
  ``true``/``false``, ``null``, dates and quoted text read as they look in any YAML reader.
* **Saving** a report lays it out like the printed report: one flow list per table row, in
  printed order, with the row's Chinese label as a comment beside it; Markdown text as
  literal blocks; Chinese unescaped; keys in a fixed order. The layout is a pure function of
  the data, so load → save of a saved file is byte-identical. The editor's own comments are
  carried over by :func:`keep_comments` (``xxgk fmt``).

Only this module touches YAML.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .findings import ERROR, SCHEMA, YAML_SYNTAX, Finding, Location, Locator
from .model import spec

MAX_BYTES = 1024 * 1024  # a report is about 10 KB; anything near this is not a report
# Our files nest at most four levels (a report's table, row, cell); deeper is a mistake, and
# stops long before Python's recursion limit (libyaml itself refuses 1000 levels).
MAX_DEPTH = 20

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
# Only values that passed every test below are kept, so a hit needs no test again.
_SCALARS: dict[tuple[str, str], Any] = {}

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL = _TAG + "str", _TAG + "int", _TAG + "float", _TAG + "bool"
_SCALAR_TAGS = {_STR, _INT, _FLOAT, _BOOL, _TAG + "null", _TAG + "timestamp"}
_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_PLAIN_FLOAT = re.compile(
    r"(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z"
)


@dataclass
class _Unclear:
    """A scalar given no value: what is wrong with it, said after the field's name."""

    problem: str


# What _scalar gives for such a scalar (one object, so a row is searched for it in C).
_UNCLEAR = object()


@dataclass
class _State:
    path: str
    marks: Marks = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    seen: set[int] = field(default_factory=set)
    unclear: list[tuple[tuple[Any, ...], Node, str]] = field(default_factory=list)


def too_big(path: str, size: int, limit: int, what: str = "") -> Finding:
    """The finding for a file refused unread because of its size."""
    why = f"；{what}" if what else ""
    return Finding(
        ERROR,
        YAML_SYNTAX,
        f"文件过大（{_size_text(size)}，上限为 {_size_text(limit)}），未读取{why}",
        Location(path),
    )


def _size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"


_REPORT_TOO_BIG = "一份报告通常只有十几 KB，这不像是一份报告"


def load_text(
    text: str, path: str, max_bytes: int = MAX_BYTES, too_big_why: str = _REPORT_TOO_BIG
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
            raise _Refused(_TOO_DEEP, 0, 0) from None
        if node is None:
            return Loaded(None, Locator(path)), []
        state = _State(path)
        data = _build(loader, node, (), state, 1)
        findings = state.findings + [_unclear_finding(state, data, *u) for u in state.unclear]
        refused = {key_path for key_path, _, _ in state.unclear}
        return Loaded(data, Locator(path, state.marks, refused)), findings
    except _Refused as e:
        return None, [Finding(ERROR, YAML_SYNTAX, e.message, Location(path, e.line, e.column))]
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        problem = " ".join(p for p in (e.context, e.problem) if p)
        if "maximum nesting depth" in problem:
            return None, [Finding(ERROR, YAML_SYNTAX, _TOO_DEEP, where)]
        return None, [Finding(ERROR, YAML_SYNTAX, f"YAML 格式错误：{problem}", where)]
    except yaml.YAMLError as e:
        return None, [Finding(ERROR, YAML_SYNTAX, f"YAML 格式错误：{e}", Location(path))]
    finally:
        loader.dispose()


_TOO_DEEP = (
    f"嵌套层数过深（超过 {MAX_DEPTH} 层），未读取：本格式的文件最多嵌套 4 层（如 requests → 行 → 单元格），"
    "请检查括号 [ ] { } 是否多写，或缩进是否错位"
)


def load_file(
    file: Path, path: str, max_bytes: int = MAX_BYTES, too_big_why: str = _REPORT_TOO_BIG
) -> tuple[Loaded | None, list[Finding]]:
    """Read and parse a YAML file. ``path`` is how the file is named in findings."""
    text, findings = read_text(file, path, max_bytes, too_big_why)
    if text is None:
        return None, findings
    return load_text(text, path, max_bytes, too_big_why)


def read_text(
    file: Path, path: str, max_bytes: int = MAX_BYTES, too_big_why: str = _REPORT_TOO_BIG
) -> tuple[str | None, list[Finding]]:
    """A UTF-8 text file's text (a byte-order mark dropped), or None and the finding why not:
    it cannot be read, is over ``max_bytes``, or is not UTF-8 (a GBK file is named as such)."""
    try:
        size = file.stat().st_size
        if size > max_bytes:
            return None, [too_big(path, size, max_bytes, too_big_why)]
        raw = file.read_bytes()
    except OSError as e:
        return None, [Finding(ERROR, YAML_SYNTAX, f"无法读取文件：{e.strerror}", Location(path))]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        column = len(raw[raw.rfind(b"\n", 0, e.start) + 1 : e.start].decode("utf-8")) + 1  # valid up to there
        try:
            raw.decode("gb18030")
            which = "文件看来是 GBK（GB18030）编码，不是 UTF-8"
        except UnicodeDecodeError:
            which = "文件不是 UTF-8 编码"
        return None, [Finding(ERROR, YAML_SYNTAX, f"{which}，请另存为 UTF-8", Location(path, line, column))]
    return text.removeprefix("\ufeff"), []


def _build(loader: Any, node: Node, key_path: tuple[Any, ...], state: _State, depth: int) -> Any:
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    marks = state.marks
    marks[key_path] = (line, column)
    if not isinstance(node, ScalarNode):
        if id(node) in state.seen:
            raise _Refused(
                f"不接受 YAML 锚点和别名（& 与 *）：第 {line} 行的内容被别名重复引用；"
                "报告文件中每个值都应直接写出",
                line,
                column,
            )
        if depth > MAX_DEPTH:
            raise _Refused(_TOO_DEEP, line, column)
        state.seen.add(id(node))
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
        value = _construct(loader, node)
        if type(value) is _Unclear:
            loader.problems[id(node)] = value.problem
            return _UNCLEAR
        if len(node.value) <= _MEMO_LENGTH and len(_SCALARS) < 100_000:
            _SCALARS[key] = value
    return value


_MISSING = object()


def _construct(loader: Any, node: ScalarNode) -> Any:
    tag, text = node.tag, node.value
    if not node.style:  # plain (libyaml says '', the pure-Python parser None): YAML 1.1 may not read it as it looks
        problem = _surprise(tag, text)
        if problem:
            return _Unclear(problem)
    elif tag != _STR:  # quoted text with a tag, e.g. !!int "012"
        raise _Refused(f"不接受 YAML 标签 {tag}", node.start_mark.line + 1, node.start_mark.column + 1)
    if tag not in _SCALAR_TAGS:
        raise _Refused(f"不接受 YAML 标签 {tag}", node.start_mark.line + 1, node.start_mark.column + 1)
    try:
        return loader.construct_object(node)
    except (ValueError, OverflowError) as e:
        return _Unclear(_unbuildable(tag, text, e))


def _surprise(tag: str, text: str) -> str | None:
    """Why a plain scalar does not mean in YAML 1.1 what it says, or None when it does."""
    shown = _shown(text)
    if tag == _INT or tag == _FLOAT:
        if (_PLAIN_INT if tag == _INT else _PLAIN_FLOAT).match(text):
            return None
        reading = _reading(text, tag)
        if ":" in text:
            return (
                f"写作 {shown}：YAML 把带冒号的数读作六十进制数，即 {reading}；"
                f"时间、比分等文字请加引号（\"{shown}\"），数请直接写出"
            )
        if "_" in text:
            return f"写作 {shown}：YAML 忽略数中的下划线，读作 {reading}；请写成不带下划线的数"
        digits = text.lstrip("+-")
        if digits[:2] in ("0x", "0b"):
            base = "十六" if digits[1] == "x" else "二"
            return f"写作 {shown}：YAML 把它读作{base}进制数，即 {reading}；请写成十进制数，文字请加引号（\"{shown}\"）"
        meant = text[: len(text) - len(digits)] + (digits.lstrip("0") or "0")
        if reading == meant:
            return f"写作 {shown}：YAML 把以 0 开头的数读作八进制数（这里恰好也是 {reading}）；请去掉开头的 0，写作 {reading}"
        return (
            f"写作 {shown}：YAML 把以 0 开头的数读作八进制数，即 {reading}，而不是 {_shown(meant)}；"
            f"数请去掉开头的 0，编号、代码等文字请加引号（\"{shown}\"）"
        )
    if tag == _BOOL:
        if text.lower() in ("true", "false"):
            return None
        reading = "true" if text.lower() in ("yes", "on") else "false"
        return (
            f"写作 {shown}：YAML 把它读作真假值 {reading}，而本格式中没有真假值；"
            f"文字请加引号（\"{shown}\"），数请写数字"
        )
    if tag in (_TAG + "value", _TAG + "merge"):
        return f"写作 {shown}：在 YAML 中有特殊含义；文字请加引号（\"{shown}\"）"
    return None


def _reading(text: str, tag: str) -> str:
    """What YAML 1.1 makes of a number written in one of its unusual forms."""
    try:
        value = yaml.SafeLoader(text).get_single_data()
    except (yaml.YAMLError, ValueError, OverflowError):
        return "（无法读取的数）"
    return _shown(str(value)) if isinstance(value, (int, float)) and not isinstance(value, bool) else "（不是数）"


def _unbuildable(tag: str, text: str, error: Exception) -> str:
    shown = _shown(text)
    if tag == _TAG + "timestamp":
        reason = str(error)
        why = (
            "该月没有这一天"
            if "day is out of range" in reason
            else "月份应为 1–12"
            if "month must be" in reason
            else "年份超出范围"
            if "year" in reason
            else "日期无效"
        )
        return f"写作 {shown}，不是有效的日期（{why}）；日期写作 2021-01-25"
    if tag == _INT:
        return f"写作 {len(text)} 位的数，太大，无法读取；请核对原件"
    return f"写作 {shown}，无法读取（{error}）"


def _shown(text: str) -> str:
    return text if len(text) <= 40 else f"{text[:20]}…（共 {len(text)} 个字符）"


def _unclear_finding(state: _State, data: Any, key_path: tuple[Any, ...], node: Node, problem: str) -> Finding:
    where = Location(state.path, node.start_mark.line + 1, node.start_mark.column + 1)
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


def write_atomic(file: Path, text: str, inside: Path | None = None) -> None:
    """Write a file so that readers see the old or the new content, never a part.

    The text goes to a temporary file beside the target, which then replaces it. A file that
    is a symbolic link is written where the link points, and stays a link; with ``inside``,
    only when that is inside the folder ``inside`` (else :class:`PermissionError`). A file
    keeps its permissions; a new one gets those of the other files in its folder, or what
    the umask gives any new file where the folder has none (never mkstemp's 0600).
    """
    target = file
    if file.is_symlink():
        target = file.resolve()
        if inside is not None and not target.is_relative_to(inside.resolve()):
            raise PermissionError(f"{file} 是指向 {inside} 之外（{target}）的链接，未写入")
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(target)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies, as to any new file
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            if mode is not None:
                os.fchmod(out.fileno(), mode)
            out.write(text)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _mode_for(file: Path) -> int | None:
    """The permission bits a file written at ``file`` should have: its own when it exists, else
    those of a file beside it (without execute bits); None to leave them to the umask."""
    try:
        return stat.S_IMODE(file.stat().st_mode)
    except FileNotFoundError:
        pass
    try:
        with os.scandir(file.parent) as listing:
            for entry in listing:
                if not entry.name.startswith(".") and entry.is_file(follow_symlinks=False):
                    return stat.S_IMODE(entry.stat(follow_symlinks=False).st_mode) & 0o666
    except OSError:
        pass
    return None
