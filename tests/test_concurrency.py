"""Concurrency in one place: the build's worker pool. Loading, checking, fmt and the preview's
own process never fork; the build with --jobs 1 neither; with several jobs the site is the same."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.build import build
from generator.checks.run import check_content
from generator.commands import fmt
from generator.content import load_content

from .conftest import DEMO


@pytest.fixture
def no_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> int:
        raise AssertionError("forked")

    monkeypatch.setattr(os, "fork", refuse)


def test_loading_checking_and_fmt_never_fork(no_fork: None, content: Path):
    assert check_content(load_content(content), audit=True)
    import argparse

    assert fmt.run(argparse.Namespace(content=str(content), check=True)) in (0, 1)


def test_a_build_with_one_job_never_forks(no_fork: None, tmp_path: Path):
    build(DEMO, tmp_path / "site", search=True, jobs=1)  # Pagefind is started as a program, not forked Python
    assert (tmp_path / "site/pagefind/pagefind.js").is_file()


def test_a_partial_preview_update_never_forks(content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from generator.preview.update import IncrementalBuilder

    builder = IncrementalBuilder(content, tmp_path / "preview" / "site", search=False)
    assert builder.build().ok  # `xxgk build` as a child program
    monkeypatch.setattr(os, "fork", lambda: (_ for _ in ()).throw(AssertionError("forked")))
    report = content / "reports/baofeng/2020.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("（一）主动公开\n", "（一）主动公开\n\n  新的一句。\n", 1),
                      encoding="utf-8")
    result = builder.update({report})
    builder.close()
    assert result.ok and result.pages >= 1
