"""YAML in and out: round trips, marks, and refusals."""

from pathlib import Path

import pytest

from generator import yamlio
from generator.findings import Location
from generator.model.report import report_from_data

from .conftest import DATA, DEMO

DEMO_REPORTS = sorted((DEMO / "reports").glob("*/*.yaml"))
REAL_TRUTH = sorted((DATA / "real").glob("*.yaml"))


def test_there_are_five_demo_reports():
    assert len(DEMO_REPORTS) == 5


@pytest.mark.parametrize("file", DEMO_REPORTS + REAL_TRUTH, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_report_load_save_is_byte_identical(file: Path):
    text = file.read_text(encoding="utf-8")
    loaded, findings = yamlio.load_text(text, str(file))
    assert findings == []
    report, findings = report_from_data(loaded.data, str(file), loaded.locate)
    assert findings == [] or all(f.severity != "error" for f in findings)
    assert yamlio.dumps_report(report.to_data()) == text


@pytest.mark.parametrize("name", ["site.yaml", "agencies.yaml"])
def test_portal_files_load_save_identically(name: str):
    text = (DEMO / name).read_text(encoding="utf-8")
    loaded, findings = yamlio.load_text(text, name)
    assert findings == []
    # comments are the editors' own in these files: compare data, not bytes
    again, _ = yamlio.load_text(yamlio.dumps(loaded.data), name)
    assert again.data == loaded.data


def test_marks_point_at_keys_and_cells():
    text = "a: 1\nb:\n  c: [1, 2, 3]\n"
    loaded, _ = yamlio.load_text(text, "x.yaml")
    assert loaded.locate("b", "c") == Location("x.yaml", 3, 3)
    assert loaded.locate("b", "c", 2) == Location("x.yaml", 3, 13)
    assert loaded.locate("b", "missing") == Location("x.yaml", 2, 1)  # falls back to the parent


def test_layout_puts_one_row_per_line_with_its_label():
    text = (DEMO / "reports" / "baofeng" / "2020.yaml").read_text(encoding="utf-8")
    assert "\n  received_new: [1, 0, 0, 0, 0, 0, 1]" in text
    line = next(x for x in text.splitlines() if x.startswith("  withheld_state_secret:"))
    assert line.endswith("# （三）不予公开 · 1.属于国家秘密")
    assert "requests:  # 列：自然人，商业企业，科研机构，社会公益组织，法律服务机构，其他，总计" in text
    assert "overview: |\n" in text  # Markdown as a literal block
    assert "\\u" not in text  # Chinese is not escaped


def test_not_applicable_cells_are_quoted():
    text = yamlio.dumps_report({"template": "gb2019", "review_litigation": {"review": [0, "/", None, 0, 0]}})
    assert 'review: [0, "/", null, 0, 0]' in text


def test_syntax_error_names_line_and_column():
    loaded, findings = yamlio.load_text("a: [1, 2\nb: 3\n", "bad.yaml")
    assert loaded is None
    [f] = findings
    assert (f.rule, f.location.line, f.location.column) == ("YAML", 2, 2)
    assert f.message.startswith("YAML 格式错误：")


def test_aliases_are_refused():
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n"
    loaded, [f] = yamlio.load_text(bomb, "bomb.yaml")
    assert loaded is None and f.rule == "YAML" and "别名" in f.message


def test_duplicate_keys_name_both_lines():
    _, [f] = yamlio.load_text("year: 2020\ntitle: x\nyear: 2021\n", "dup.yaml")
    assert (f.rule, f.location.line, f.field) == ("SCHEMA", 3, "year")
    assert "第 1 行和第 3 行" in f.message


def test_oversized_file_is_refused_unread(tmp_path: Path):
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * (yamlio.MAX_BYTES + 10), encoding="utf-8")
    loaded, [f] = yamlio.load_file(big, "big.yaml")
    assert loaded is None and "文件过大" in f.message


def test_non_utf8_file_names_the_line(tmp_path: Path):
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes("a: 1\ntitle: 年度报告\n".encode("gbk"))
    loaded, [f] = yamlio.load_file(gbk, "gbk.yaml")
    assert loaded is None and f.location.line == 2 and "UTF-8" in f.message


def test_python_tags_are_not_constructed():
    loaded, [f] = yamlio.load_text("a: !!python/object/apply:os.system ['true']\n", "evil.yaml")
    assert loaded is None and f.rule == "YAML"


def test_atomic_write_leaves_no_temporary_file(tmp_path: Path):
    target = tmp_path / "sub" / "x.yaml"
    yamlio.write_atomic(target, "a: 1\n")
    assert target.read_text() == "a: 1\n"
    assert [p.name for p in target.parent.iterdir()] == ["x.yaml"]


def test_copy_atomic_keeps_the_mode_of_the_file_it_replaces_and_leaves_no_temporary(tmp_path: Path):
    import stat

    src = tmp_path / "in.pdf"
    src.write_bytes(b"%PDF-1.7 new")
    folder = tmp_path / "originals"
    folder.mkdir()
    old = folder / "2020.pdf"
    old.write_bytes(b"%PDF-1.7 old")
    old.chmod(0o640)
    yamlio.copy_atomic(src, old)
    assert old.read_bytes() == b"%PDF-1.7 new"
    assert stat.S_IMODE(old.stat().st_mode) == 0o640
    new = folder / "2021.pdf"
    yamlio.copy_atomic(src, new)  # a new file takes its neighbour's permissions
    assert stat.S_IMODE(new.stat().st_mode) == 0o640
    assert sorted(p.name for p in folder.iterdir()) == ["2020.pdf", "2021.pdf"]
