"""Findings: what loading and checking say about the content, with file, line and field.

Every stage reports problems as :class:`Finding` values and never prints; the command line
(and later the preview server) decides how to show them. One formatter makes every message
look alike, compiler style::

    content/reports/baofeng/2020.yaml:52:5: error R1 requests.total.natural_person: …
"""

from __future__ import annotations

import dataclasses
import json
import os
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
        where = f" {self.field}" if self.field else ""
        return f"{self.location}: {self.severity} {self.rule}{where}: {self.message}"

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
    return json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2)


class Locator:
    """Gives the location of a key path within one loaded file.

    ``marks`` maps key paths (tuples of keys and list indexes) to 1-based (line, column).
    A path that has no mark of its own falls back to its nearest parent that has one, so a
    missing key is reported at the mapping that should hold it.
    """

    def __init__(self, path: str, marks: dict[tuple[Any, ...], tuple[int, int]] | None = None):
        self.path = path
        self.marks = marks or {}

    def __call__(self, *keys: Any) -> Location:
        while True:
            mark = self.marks.get(tuple(keys))
            if mark:
                return Location(self.path, mark[0], mark[1])
            if not keys:
                return Location(self.path)
            keys = keys[:-1]
