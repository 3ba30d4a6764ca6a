"""Shared fixtures: the demo content, a private copy of it to break, and a way to check one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.checks.run import check_content
from generator.content import load_content
from generator.findings import Finding

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "content"
DATA = Path(__file__).resolve().parent / "data"


def working_copy(source: Path, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of a content folder, with the working folder set so findings name ``name/…``."""
    copy = tmp_path / name
    shutil.copytree(source, copy)
    monkeypatch.chdir(tmp_path)
    return copy


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the demo content, with the working folder set so findings name ``content/…``."""
    return working_copy(DEMO, "content", tmp_path, monkeypatch)


def check(root: Path) -> list[Finding]:
    return check_content(load_content(root))


def edit(file: Path, old: str, new: str) -> tuple[int, int]:
    """Replace the one occurrence of ``old`` in a file; return the 1-based line and column of it."""
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
    at = text.index(old)
    file.write_text(text.replace(old, new), encoding="utf-8")
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return line, column


def line_of(file: Path, needle: str) -> int:
    lines = file.read_text(encoding="utf-8").splitlines()
    hits = [i + 1 for i, line in enumerate(lines) if needle in line]
    assert len(hits) == 1, f"{needle!r} is on lines {hits} of {file}"
    return hits[0]
