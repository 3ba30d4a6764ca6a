"""`xxgk import` as editors use it: summaries, exit status, bad input, editors' work kept."""

from __future__ import annotations

import argparse
import shutil
import zipfile
from pathlib import Path

import pytest

from generator.commands import import_
from generator.importer import agency_id, parse_file, short_name

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "content"
BAD = ROOT / "tests" / "data" / "import" / "bad"
SEED = DEMO / "originals" / "qixingpao" / "2020.txt"


def run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    import_.add_arguments(parser)
    return import_.run(parser.parse_args(argv))


def files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    """The qixingpao seed outside any content folder (agency found from its title)."""
    copy = tmp_path / "in" / "七星泡镇2020年报.txt"
    copy.parent.mkdir()
    shutil.copy(SEED, copy)
    return copy


def test_new_agency_is_registered_with_a_pinyin_id(tmp_path: Path, seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c"
    assert run_cli([str(seed), "--content", str(out)]) == 0
    assert files_under(out) == [
        "agencies.yaml", "originals/qixingpao/2020.txt", "reports/qixingpao/2020.yaml", "site.yaml",
    ]
    agencies = (out / "agencies.yaml").read_text(encoding="utf-8")
    assert "- id: qixingpao\n  name: 宝清县七星泡镇人民政府\n  short_name: 七星泡镇\n  kind: township\n" in agencies
    text = capsys.readouterr().out
    assert "reports/qixingpao/2020.yaml: 已导入，读取 198/198 个数，0 格未能读取，0 个错误，0 个警告" in text
    assert "共 1 个文件：1 个已导入" in text


def test_pinyin_ids_and_short_names() -> None:
    assert agency_id("淮安市洪泽区人民政府") == agency_id("洪泽区人民政府") == "hongze"
    assert agency_id("宝清县七星泡镇人民政府") == "qixingpao"
    # A taken id: the region's pinyin first, else a number — never the other agency's id.
    assert agency_id("万源市石窝镇人民政府", taken=["shiwo"]) == "wanyuan-shiwo"
    assert agency_id("石窝镇人民政府", taken=["shiwo"]) == "shiwo-2"
    assert agency_id("齐兴镇人民政府", taken=["qixing"]) == "qixing-2"
    assert short_name("宝山区红旗街道办事处") == "红旗街道"
    assert agency_id("示例县财政局") == "caizhengju"


def test_same_original_again_changes_nothing(tmp_path: Path, seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c"
    run_cli([str(seed), "--content", str(out)])
    before = {f: (out / f).read_bytes() for f in files_under(out)}
    assert run_cli([str(seed), "--content", str(out)]) == 0
    assert {f: (out / f).read_bytes() for f in files_under(out)} == before
    assert "未改动，读取 198/198 个数" in capsys.readouterr().out


def test_edited_report_is_kept_unless_forced(tmp_path: Path, seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c"
    run_cli([str(seed), "--content", str(out)])
    report = out / "reports/qixingpao/2020.yaml"
    edited = report.read_text(encoding="utf-8").replace("无其他需要报告事项。", "无其他需要报告的事项（编辑改）。")
    report.write_text(edited, encoding="utf-8")
    assert run_cli([str(seed), "--content", str(out)]) == 0
    assert report.read_text(encoding="utf-8") == edited
    assert "未覆盖" in capsys.readouterr().out
    assert run_cli([str(seed), "--content", str(out), "--force"]) == 0
    assert (out / "reports/qixingpao/2020.yaml.bak").read_text(encoding="utf-8") == edited
    assert "编辑改" not in report.read_text(encoding="utf-8")


def test_edited_report_message(tmp_path: Path, seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c"
    run_cli([str(seed), "--content", str(out)])
    report = out / "reports/qixingpao/2020.yaml"
    report.write_text(report.read_text(encoding="utf-8") + "# 编辑的注释\n", encoding="utf-8")
    capsys.readouterr()
    run_cli([str(seed), "--content", str(out)])
    assert f"{out}/reports/qixingpao/2020.yaml 导入后已被编辑，保留编辑的内容未覆盖（如要重新导入请加 --force，旧文件会备份）" in capsys.readouterr().out


def test_different_original_is_not_overwritten_without_force(tmp_path: Path, seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c"
    run_cli([str(seed), "--content", str(out)])
    other = tmp_path / "in" / "改过的原件.txt"
    other.write_text(seed.read_text(encoding="utf-8").replace("无其他需要报告事项。", "另有一事。"), encoding="utf-8")
    report = out / "reports/qixingpao/2020.yaml"
    before = report.read_text(encoding="utf-8")
    capsys.readouterr()
    assert run_cli([str(other), "--content", str(out)]) == 0
    assert report.read_text(encoding="utf-8") == before
    assert "已由另一份原件导入，未覆盖（如要用此原件替换请加 --force，旧文件会备份）" in capsys.readouterr().out
    assert run_cli([str(other), "--content", str(out), "--force"]) == 0
    assert "另有一事。" in report.read_text(encoding="utf-8")
    assert (out / "reports/qixingpao/2020.yaml.bak").read_text(encoding="utf-8") == before
    assert (out / "originals/qixingpao/2020.txt.bak").read_bytes() == seed.read_bytes()
    assert (out / "originals/qixingpao/2020.txt").read_bytes() == other.read_bytes()


def test_dry_run_writes_nothing(tmp_path: Path, seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c"
    assert run_cli([str(seed), "--content", str(out), "--dry-run"]) == 0
    assert not out.exists()
    text = capsys.readouterr().out
    assert "将导入，读取 198/198 个数" in text and "（试运行，未写任何文件）" in text


def test_explain_names_label_key_and_reason(tmp_path: Path, seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_cli([str(seed), "--content", str(tmp_path / "c"), "--dry-run", "--explain"])
    text = capsys.readouterr().out
    assert "“6.属于四类过程性信息” → withheld_process_information：（三）不予公开 下第 6 项" in text
    assert "“规范性文件” → normative_documents：完全一致（1.00）  [0 0 0]" in text
    assert "“(三) 不予公 开 1.属于国家秘密” → withheld_state_secret：（三）不予公开 下第 1 项" in text
    assert "格式版本：表头为 2019 年版格式" in text


BAD_CASES = {
    "encrypted.pdf": "PDF 文件已加密（需要密码才能打开），无法读取；请取得未加密的原件后再导入",
    "broken.pdf": "PDF 文件已损坏，无法读取（可能下载不完整）",
    "fake.pdf": "文件不是 PDF 格式（文件头不是 %PDF-），可能已损坏或扩展名有误",
    "empty.txt": "文件是空的（0 字节），没有可导入的内容",
    "notes.txt": "未找到年度报告的标题、六个部分（一、总体情况 … 六、其他需要报告的事项）和统计表格，不像是政府信息公开工作年度报告",
    "report.xyz": "不支持的文件格式“.xyz”，可导入的格式：docx、htm、html、markdown、md、pdf、shtml、txt",
    "old.doc": "旧版 Word（.doc）格式无法直接导入，请用 Word 或 WPS 另存为 .docx 或 PDF 后再导入",
    "broken.docx": "文件已损坏或不是 Word（.docx）文件，无法读取",
    "zip.docx": "文件已损坏，无法按 Word (DOCX) 格式读取（KeyError）",
    "locked.docx": "这不是 .docx 文件：可能已加密（设有打开密码），或是旧版 Word（.doc）另存的；请去掉密码或另存为 .docx 后再导入",
}


def make_bad(folder: Path) -> None:
    folder.mkdir(parents=True)
    shutil.copy(BAD / "encrypted.pdf", folder / "encrypted.pdf")
    whole = (ROOT / "tests/data/import/docs/qingshan-2021.lo.pdf").read_bytes()
    (folder / "broken.pdf").write_bytes(whole[: len(whole) // 3])
    (folder / "fake.pdf").write_text("<html>404 Not Found</html>", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.txt").write_text("会议纪要\n今天讨论了三件事。\n", encoding="utf-8")
    (folder / "report.xyz").write_text("x", encoding="utf-8")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "broken.docx").write_bytes(b"not a zip")
    with zipfile.ZipFile(folder / "zip.docx", "w") as z:
        z.writestr("hello.txt", "no word document inside")
    (folder / "locked.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)


@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_bad_input_gets_one_clear_message_and_nothing_is_written(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    make_bad(tmp_path / "bad")
    out = tmp_path / "c"
    assert run_cli([str(tmp_path / "bad" / name), "--content", str(out)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{tmp_path}/bad/{name}: 失败：{BAD_CASES[name]}"
    assert lines[1].startswith("共 1 个文件：0 个已导入，0 个未改动，0 个未覆盖，1 个失败")
    assert not (out / "reports").exists() or not any((out / "reports").iterdir())
    assert not (out / "originals").exists() or not any((out / "originals").iterdir())


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_one_failing_file_does_not_stop_the_batch(tmp_path: Path, jobs: str, capsys: pytest.CaptureFixture[str]) -> None:
    make_bad(tmp_path / "bad")
    shutil.copy(SEED, tmp_path / "bad" / "qixingpao.txt")
    out = tmp_path / "c"
    assert run_cli([str(tmp_path / "bad"), "--content", str(out), "--jobs", jobs]) == 1
    assert (out / "reports/qixingpao/2020.yaml").exists()
    text = capsys.readouterr().out
    assert "共 10 个文件：1 个已导入，0 个未改动，0 个未覆盖，9 个失败" in text


def test_jobs_give_the_same_files_as_one_process(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert run_cli([str(DEMO / "originals"), "--content", str(a)]) == 0
    assert run_cli([str(DEMO / "originals"), "--content", str(b), "--jobs", "3"]) == 0
    assert files_under(a) == files_under(b)
    for f in files_under(a):
        assert (a / f).read_bytes() == (b / f).read_bytes(), f


def test_scanned_pdf_without_the_ocr_engine_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from generator.ingest import scan_ocr

    scan_ocr.recogniser.cache_clear()
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)  # as if not installed
    try:
        parsed = parse_file(BAD / "scanned.pdf", None, None)  # in this process: workers would not see the patch
    finally:
        scan_ocr.recogniser.cache_clear()
    assert parsed.report is None
    assert parsed.error == "PDF 没有文字层（扫描件），需要文字识别（OCR）组件 rapidocr-onnxruntime，但未安装；请重新安装 xxgk 后再导入"


def test_scanned_pdf_is_ocrd_and_every_number_marked_uncertain(tmp_path: Path) -> None:
    out = tmp_path / "c"
    run_cli([str(BAD / "scanned.pdf"), "--content", str(out)])
    from generator import yamlio

    data = yamlio.load_file(out / "reports/chengguan/2020.yaml", "x")[0].data  # type: ignore[union-attr]
    assert data["review_litigation"] == {
        "review": [1, 0, 0, 0, 1], "litigation_direct": [0, 0, 0, 0, 0], "litigation_after_review": [2, 0, 0, 0, 2],
    }
    numbers = [
        f"review_litigation.{row}.{col}"
        for row in ("review", "litigation_direct", "litigation_after_review")
        for col in ("upheld", "corrected", "other_result", "pending", "total")
    ]
    assert data["uncertain"] == numbers


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--agency", "Bad Id"], "xxgk import: 错误：--agency 应为小写字母、数字和连字符组成的机关代码，实为 'Bad Id'"),
        (["--year", "1800"], "xxgk import: 错误：--year 应为 1990–2100 之间的年份，实为 1800"),
    ],
)
def test_bad_options_are_refused_before_anything_is_read(
    tmp_path: Path, seed: Path, extra: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli([str(seed), "--content", str(tmp_path / "c"), *extra]) == 2
    assert capsys.readouterr().err.strip() == message
    assert not (tmp_path / "c").exists()


def test_missing_file_fails_with_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli([str(tmp_path / "nope.pdf"), "--content", str(tmp_path / "c")]) == 1
    assert f"{tmp_path}/nope.pdf: 失败：文件不存在" in capsys.readouterr().out


def test_agency_and_year_options_override_the_title(tmp_path: Path, seed: Path) -> None:
    out = tmp_path / "c"
    assert run_cli([str(seed), "--content", str(out), "--agency", "qxp", "--year", "2020"]) == 0
    assert (out / "reports/qxp/2020.yaml").exists() and (out / "originals/qxp/2020.txt").exists()
    assert "- id: qxp\n  name: 宝清县七星泡镇人民政府\n" in (out / "agencies.yaml").read_text(encoding="utf-8")
