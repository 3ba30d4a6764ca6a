"""What recognition tells the editor (notes, which become findings) and the --explain trail."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Note:
    """One thing recognition wants an editor to know (becomes a finding)."""

    severity: str
    message: str
    field: str = ""


@dataclass
class Explained:
    """One printed table row: which template row it was taken for, and why."""

    table: str
    printed: str
    key: str | None
    why: str
    values: list[str]
