"""Golden files: a few built pages and exports of the demo site, compared byte for byte.

Regenerate after an intended change, then review the diff before committing:

    XXGK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_site_golden.py

Normalising: the pages are deterministic, so the only normalisation is splitting tags onto
their own lines (``normalise``) so a diff shows which element changed.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from generator.build import build

from .conftest import DEMO

GOLDEN = Path(__file__).resolve().parent / "golden" / "site"
FILES = (
    "index.html",
    "agencies/index.html",
    "agencies/qixingpao.html",
    "reports/qixingpao/2020.html",
    "reports/shiwo/2021.html",
    "reports/hongqi/2020.html",
    "large/reports/shiwo/2021.html",
    "compare/2021.html",
    "data/index.html",
    "feed.xml",
    "sitemap.xml",
    "reports/shiwo/2021.csv",
    "reports/shiwo/2021.json",
    "data/xxgk-wide.csv",
)
UPDATE = os.environ.get("XXGK_UPDATE_GOLDEN") == "1"


def normalise(text: str) -> str:
    if text.lstrip().startswith(("<!DOCTYPE", "<?xml")):
        text = re.sub(r">\s*<", ">\n<", text)
    return text


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("golden") / "site"
    build(DEMO, out, base_url="https://www.example.gov.cn/xxgk/ndbg/", search=False)
    return out


@pytest.mark.parametrize("name", FILES)
def test_golden(site: Path, name: str):
    got = normalise((site / name).read_bytes().decode("utf-8"))
    golden = GOLDEN / (name + ".golden")
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(got, encoding="utf-8", newline="")
    assert golden.is_file(), f"no golden file {golden}; run with XXGK_UPDATE_GOLDEN=1"
    assert got == golden.read_bytes().decode("utf-8"), f"{name} differs from {golden}"
