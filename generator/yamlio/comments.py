"""The editor's own comments, carried over when a report is laid out again (``xxgk fmt``).

Why our own way rather than a round-trip library such as ruamel.yaml: the layout is ours
(:func:`.save.dumps_report`: one row per line, labels aligned beside the rows), and a
round-trip emitter would lay the file out its own way; ruamel's comments hang on internal
attributes (``.ca``) that change between its versions. What is needed is small and exact:

* **Finding the comments.** PyYAML's scanner gives every token of the file with its span; a
  ``#`` between two tokens is a comment (a ``#`` inside quoted text or a Markdown heading in
  a literal block is inside a token, so it is never taken for one).
* **Tying each to a key path.** A comment on a line of its own belongs to the key or list
  item that follows it; a comment at the end of a line to the key or item the line starts
  with. In the new layout it is put back at the same key path: on its own line before it
  (indented like it, so it can never fall into a literal block above), or at the end of its
  line, after the label the layout writes there.
* **Not doubling the layout's own.** The row labels and column heads the layout writes are
  recognised (in either template) and left to the layout; an editor's words added after a
  label stay after it.

The caller checks that the result reads as the same values as the layout without comments.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode
from yaml.tokens import ScalarToken

from .save import layout_comments

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_COMMENT = re.compile(r"#[^\n]*")
_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*[ \t]*(#[^\n]*)?")


@dataclass(frozen=True)
class _Comment:
    line: int  # 0-based
    text: str  # from the # to the end of the line, without trailing spaces
    own_line: bool  # nothing but spaces before it on its line


def keep_comments(old: str, new: str) -> str:
    """``new`` (a layout of what ``old`` holds) with the comments of ``old`` put back."""
    known = layout_comments()
    if old.count("#") == sum(1 for line in old.split("\n") if _layout_comment(line, known)):
        return new  # every # is one of the layout's own comments: nothing of the editor's to keep
    comments = _comments(old)
    if not comments:
        return new
    old_anchors = _anchors(old)
    new_anchors = _anchors(new)
    new_line = {}
    for line, _, path in new_anchors:
        new_line.setdefault(path, line)
    written = {}  # the layout's own comment on each line of new, which has no other comments
    for i, text in enumerate(new.split("\n")):
        if mine := _layout_comment(text, known):
            written[i] = mine
    starts = [line for line, _, _ in old_anchors]
    before: dict[int, list[str]] = {}
    after: dict[int, str] = {}
    at_end: list[str] = []

    def next_line(index: int) -> int | None:
        """The line in ``new`` of the first key path from ``old_anchors[index]`` on that it has."""
        for _, _, path in old_anchors[index:]:
            if path in new_line:
                return new_line[path]
        return None

    for c in comments:
        if not c.own_line:
            i = bisect.bisect_right(starts, c.line) - 1  # the line's first key, or the last before it
            path = old_anchors[i][2] if i >= 0 else None
            if path in new_line:
                line = new_line[path]
                mine = written.get(line, "")
                if mine and c.text.startswith(mine):
                    after[line] = after.get(line, "") + c.text[len(mine) :]
                elif mine and c.text.endswith(mine):  # words put before the label
                    after[line] = after.get(line, "") + "  " + c.text[: -len(mine)].rstrip()
                elif c.text not in known:
                    after[line] = after.get(line, "") + "  " + c.text
                continue
            if c.text in known:
                continue
        line = next_line(bisect.bisect_right(starts, c.line))  # the first key after the comment
        if line is None:
            at_end.append(c.text)
        else:
            before.setdefault(line, []).append(c.text)

    lines = new.split("\n")
    out = []
    for i, text in enumerate(lines[:-1]):
        indent = text[: len(text) - len(text.lstrip(" "))]
        out += [indent + t for t in before.get(i, [])]
        out.append(text + after.get(i, ""))
    return "\n".join(out + at_end + lines[-1:])


def _layout_comment(line: str, known: frozenset[str]) -> str | None:
    """The layout's comment ending ``line`` (a row label, column heads), if it ends with one
    and holds no other #."""
    at = line.find("# ")
    return line[at:] if at >= 0 and line[at:] in known else None


def _comments(text: str) -> list[_Comment]:
    """Every comment of a YAML text: what lies between its tokens after a #."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    out = []
    loader = _Base(text)
    try:
        end = 0
        while loader.check_token():
            token = loader.get_token()
            start = token.start_mark.index
            for m in _COMMENT.finditer(text, end, start):
                line = bisect.bisect_right(starts, m.start()) - 1
                own = not text[starts[line] : m.start()].strip()
                out.append(_Comment(line, m.group().rstrip(), own))
            if isinstance(token, ScalarToken) and token.style in ("|", ">"):
                # a literal or folded block's header line is part of its token, comment and all
                header = _BLOCK_HEADER.match(text, start)
                if header and header.group(1):
                    out.append(_Comment(token.start_mark.line, header.group(1).rstrip(), False))
            end = max(end, token.end_mark.index)
    finally:
        loader.dispose()
    return out


def _anchors(text: str) -> list[tuple[int, int, tuple[Any, ...]]]:
    """(line, column, key path) of every mapping key and list item, in the order of the text."""
    loader = _Base(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    out: list[tuple[int, int, tuple[Any, ...]]] = []
    if node is not None:
        _walk(node, (), out)
    out.sort(key=lambda a: (a[0], a[1]))
    return out


def _walk(node: Node, path: tuple[Any, ...], out: list[tuple[int, int, tuple[Any, ...]]]) -> None:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            here = path + (key.value,)
            out.append((key.start_mark.line, key.start_mark.column, here))
            _walk(value, here, out)
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            out.append((item.start_mark.line, item.start_mark.column, path + (i,)))
            _walk(item, path + (i,), out)
