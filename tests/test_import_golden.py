"""Golden tests: the demo's originals and the two real PDFs import to their hand-checked YAML."""

from __future__ import annotations

import argparse
import hashlib
import shutil
from pathlib import Path

import pytest

from generator import yamlio
from generator.checks.run import check_content
from generator.commands import import_
from generator.content import load_content
from generator.findings import ERROR

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "content"
REAL = Path(__file__).resolve().parent / "data" / "real"  # the two real PDFs, committed beside their truth
REAL_TRUTH = ROOT / "tests" / "data" / "real"


def run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    import_.add_arguments(parser)
    return import_.run(parser.parse_args(argv))


def test_demo_originals_reproduce_the_demo_reports_exactly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "new"
    assert run_cli([str(DEMO / "originals"), "--content", str(out)]) == 0
    wanted = sorted(p.relative_to(DEMO) for p in (DEMO / "reports").glob("*/*.yaml"))
    made = sorted(p.relative_to(out) for p in (out / "reports").glob("*/*.yaml"))
    assert made == wanted
    for rel in wanted:
        assert (out / rel).read_text(encoding="utf-8") == (DEMO / rel).read_text(encoding="utf-8"), rel
    for original in (DEMO / "originals").glob("*/*"):
        copy = out / original.relative_to(DEMO)
        assert copy.read_bytes() == original.read_bytes()
    # The new folder is a content folder: it loads, and the checks find no error in it.
    content = load_content(out)
    assert sorted(content.agencies) == ["baofeng", "beileng", "hongqi", "qixingpao", "shiwo"]
    assert not [f for f in check_content(content) if f.severity == ERROR]
    text = capsys.readouterr().out
    assert "共 5 个文件：5 个已导入，0 个未改动，0 个未覆盖，0 个失败" in text
    assert "shiwo/2021.txt → " in text


def test_shiwo_derives_the_one_cell_its_last_row_does_not_print(tmp_path: Path) -> None:
    out = tmp_path / "c"
    run_cli([str(DEMO / "originals" / "shiwo" / "2021.txt"), "--content", str(out)])
    loaded, _ = yamlio.load_file(out / "reports/shiwo/2021.yaml", "x")
    assert loaded is not None
    assert loaded.data["derived"] == ["requests.carried_forward.total"]
    assert loaded.data["requests"]["carried_forward"] == [0] * 7


@pytest.mark.parametrize("year", [2023, 2024])
def test_real_pdf_imports_to_its_truth(tmp_path: Path, year: int) -> None:
    pdf = REAL / f"hongze-{year}.pdf"
    assert pdf.exists(), "the real PDFs are in ../shared/real"
    staged = tmp_path / "in" / f"hongze-{year}.pdf"
    staged.parent.mkdir()
    shutil.copy(pdf, staged)
    out = tmp_path / "c"
    assert run_cli([str(staged), "--content", str(out)]) == 0
    made = out / "reports" / "hongze" / f"{year}.yaml"
    want = (REAL_TRUTH / f"hongze-{year}.yaml").read_text(encoding="utf-8")
    got = made.read_text(encoding="utf-8")
    got_data = yamlio.load_text(got, "got")[0].data  # type: ignore[union-attr]
    want_data = yamlio.load_text(want, "want")[0].data  # type: ignore[union-attr]
    for key in ("proactive", "requests", "review_litigation", "agency_name", "year", "template", "title", "contact"):
        assert got_data[key] == want_data[key], key
    assert got_data["source"] == {
        "file": f"originals/hongze/{year}.pdf",
        "sha256": hashlib.sha256(pdf.read_bytes()).hexdigest(),
    }
    assert got == want  # text parts too: paragraphs joined across lines and pages


def test_both_hongze_years_land_under_one_agency(tmp_path: Path) -> None:
    out = tmp_path / "c"
    assert run_cli([str(REAL / "hongze-2023.pdf"), str(REAL / "hongze-2024.pdf"), "--content", str(out)]) == 0
    assert sorted(p.name for p in (out / "reports" / "hongze").iterdir()) == ["2023.yaml", "2024.yaml"]
    agencies = yamlio.load_file(out / "agencies.yaml", "a")[0].data  # type: ignore[union-attr]
    assert agencies == [
        {"id": "hongze", "name": "洪泽区人民政府", "short_name": "洪泽区", "kind": "county_government", "region": "淮安市洪泽区", "order": 10}
    ]
