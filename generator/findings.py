"""Findings: what loading and checking say about the content, with file, line and field.

Every stage reports problems as :class:`Finding` values and never prints; the command line
(and later the preview server) decides how to show them. One formatter makes every message
look alike, compiler style, in Chinese with the English field key in parentheses::

    content/reports/baofeng/2020.yaml:52:5: 错误 R1（requests.total.natural_person）：…
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)
SEVERITY_LABELS = {ERROR: "错误", WARNING: "警告", INFO: "提示"}

# Rule ids besides R1–R10 and Q1–Q7 of the spec.
YAML_SYNTAX = "YAML"  # the file cannot be read as YAML, or is refused (size, aliases)
SCHEMA = "SCHEMA"  # a key, type or value does not fit the report format
REFERENCE = "REF"  # files disagree with each other (unknown agency, path, missing original)


# Characters that must never reach a terminal raw: C0 and C1 controls and DEL (escape
# sequences can retitle, clear or rewrite a terminal) and the bidirectional overrides
# (they reorder what is shown). Content can hold them (a key, a value, a file name).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNPRINTABLE_IN_JSON = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")  # json escapes C0


def printable(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``), for terminals."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(_escape, text)


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def json_text(value: Any) -> str:
    """JSON with Chinese as is; control characters escaped (json escapes only C0 itself)."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    return _UNPRINTABLE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def display_path(path: Path | str) -> str:
    """A path as an editor would type it: relative to the working folder when inside it."""
    p = Path(path)
    try:
        rel = os.path.relpath(p)
    except ValueError:  # another drive on Windows
        return str(p)
    return str(p) if rel.startswith("..") else rel


@dataclass(frozen=True, order=True)
class Location:
    path: str
    line: int = 0  # 1-based; 0 when unknown
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column or 1}"
        return self.path


@dataclass(frozen=True)
class Finding:
    severity: str
    rule: str
    message: str
    location: Location
    field: str = ""  # dotted key path, e.g. requests.total.natural_person
    data: dict[str, Any] = dataclasses.field(default_factory=dict, compare=False, hash=False)

    def format(self) -> str:
        """The compiler-style line, safe to print: control characters in content are escaped."""
        where = f"（{self.field}）" if self.field else ""
        label = SEVERITY_LABELS.get(self.severity, self.severity)
        return printable(f"{self.location}: {label} {self.rule}{where}：{self.message}")

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.location.path,
            "line": self.location.line or None,
            "column": self.location.column or None,
            "severity": self.severity,
            "rule": self.rule,
            "field": self.field or None,
            "message": self.message,
            **({"data": self.data} if self.data else {}),
        }

    def sort_key(self) -> tuple[Any, ...]:
        return (self.location.path, self.location.line, self.location.column, self.rule)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)


def count(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {s: 0 for s in SEVERITIES}
    for f in findings:
        counts[f.severity] += 1
    return counts


def to_json(findings: Iterable[Finding]) -> str:
    return json_text([f.as_dict() for f in findings])


class Locator:
    """Gives the location of a key path within one loaded file.

    ``marks`` maps key paths (tuples of keys and list indexes) to 1-based (line, column).
    A path that has no mark of its own falls back to its nearest parent that has one, so a
    missing key is reported at the mapping that should hold it. ``refused`` holds the key
    paths whose values were refused while reading (and reported then): they read as None,
    and the model does not report them again.
    """

    def __init__(
        self,
        path: str,
        marks: dict[tuple[Any, ...], tuple[int, int]] | None = None,
        refused: set[tuple[Any, ...]] | frozenset[tuple[Any, ...]] = frozenset(),
    ):
        self.path = path
        self.marks = marks or {}
        self.refused = refused

    def __call__(self, *keys: Any) -> Location:
        while True:
            mark = self.marks.get(tuple(keys))
            if mark:
                return Location(self.path, mark[0], mark[1])
            if not keys:
                return Location(self.path)
            keys = keys[:-1]
