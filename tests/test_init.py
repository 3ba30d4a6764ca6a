"""xxgk init: a new portal that checks clean, documents every setting, and never overwrites."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.model.portal import AGENCY_FIELDS, SITE_SETTINGS
from generator.scaffold import ScaffoldError, create_portal

from .conftest import check


def test_new_portal_checks_clean(tmp_path: Path):
    root = tmp_path / "portal"
    create_portal(root, "测试县政府信息公开年度报告", "测试县人民政府办公室")
    assert sorted(p.name for p in root.iterdir()) == ["agencies.yaml", "originals", "reports", "site.yaml"]
    assert check(root) == []


def test_every_setting_is_described_and_its_example_is_valid(tmp_path: Path):
    root = tmp_path / "portal"
    create_portal(root, "测试", "测试办")
    site = (root / "site.yaml").read_text(encoding="utf-8")
    for setting in SITE_SETTINGS:
        assert f"# {setting.description}" in site
        assert re.search(rf"^(# )?{setting.key}:", site, re.M), setting.key
    agencies = (root / "agencies.yaml").read_text(encoding="utf-8")
    for field in AGENCY_FIELDS:
        assert f"#   {field.key}" in agencies
    # an editor who uncomments every example line gets a valid file
    uncommented = re.sub(r"^# (\w+: .+)$", r"\1", site, flags=re.M)
    uncommented = re.sub(r"^# contact:\n(#   \w+: \n)+", "contact:\n  address: 示例路1号\n", uncommented, flags=re.M)
    (root / "site.yaml").write_text(uncommented, encoding="utf-8")
    assert check(root) == []


def test_init_refuses_a_folder_with_files(tmp_path: Path):
    (tmp_path / "keep.txt").write_text("editor's work", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="已存在且不是空文件夹"):
        create_portal(tmp_path, "x", "y")
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]
