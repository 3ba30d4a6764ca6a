"""The editors' handbook builds offline and documents every command, rule, setting and key."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.checks.rules import RULES
from generator.cli import COMMANDS
from generator.handbook import write_reference
from generator.model import spec
from generator.model.portal import AGENCY_FIELDS, SITE_SETTINGS
from generator.model.report import KEY_ORDER

from .conftest import ROOT


@pytest.fixture(scope="module")
def handbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("handbook")
    shutil.copytree(ROOT / "docs", work / "docs", ignore=shutil.ignore_patterns("reference"))
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    write_reference(work / "docs" / "reference")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict"],
        cwd=work,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
    )
    return work / "docs-site"


def text_of(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html")))


def test_every_command_rule_setting_and_key_is_documented(handbook: Path):
    text = text_of(handbook)
    for command in COMMANDS:
        assert f"xxgk {command.NAME}" in text, command.NAME
        for action in ("--help",):
            assert action in text
    for rule in RULES:
        assert f"<td>{rule}</td>" in text, rule
    for setting in SITE_SETTINGS + AGENCY_FIELDS:
        assert f"<code>{setting.key}</code>" in text, setting.key
    for key in KEY_ORDER:
        assert f"<code>{key}</code>" in text, key
    for template in spec.TEMPLATES.values():
        for table in template.tables:
            for row in table.rows:
                assert f"<code>{row.key}</code>" in text, row.key


def test_every_option_of_every_command_is_documented(handbook: Path):
    text = (handbook / "reference" / "cli.html").read_text(encoding="utf-8")
    from generator.cli import parser

    top = parser()
    for sub in top._subparsers._group_actions[0].choices.values():  # type: ignore[union-attr]
        for action in sub._actions:
            for option in action.option_strings:
                assert option in text, option


def test_handbook_requests_nothing_from_other_hosts(handbook: Path):
    for page in handbook.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        outside = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?://[^"]+)"', html)
        assert outside == [], f"{page.name}: {outside}"
    css = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in handbook.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_search_index_segments_chinese(handbook: Path):
    index = (handbook / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "\u200b" in index or "\\u200b" in index  # jieba's segment marks
