"""`xxgk import` and the register of agencies, ids, limits and bad files already in the folder."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from generator import yamlio
from generator.importer import Register, agency_id

from .test_import_cli import run_cli

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "originals" / "qixingpao" / "2020.txt"
REAL = ROOT / "tests" / "data" / "real" / "hongze-2023.pdf"
DOCX = ROOT / "tests" / "data" / "import" / "docs" / "qingshan-2021.docx"


def seed_as(folder: Path, name: str, agency: str) -> Path:
    """The qixingpao seed report, its title naming another agency."""
    text = SEED.read_text(encoding="utf-8").replace("宝清县七星泡镇人民政府", agency, 1)
    file = folder / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return file


def agencies(content: Path) -> list[dict]:  # type: ignore[type-arg]
    loaded, _ = yamlio.load_file(content / "agencies.yaml", "agencies.yaml")
    assert loaded is not None
    return list(loaded.data)


def test_two_agencies_whose_names_share_a_pinyin_get_two_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = seed_as(tmp_path / "in", "a.txt", "七星镇人民政府")
    b = seed_as(tmp_path / "in", "b.txt", "齐兴镇人民政府")
    out = tmp_path / "c"
    assert run_cli([str(a), str(b), "--content", str(out)]) == 0
    printed = capsys.readouterr().out
    assert [(e["id"], e["name"]) for e in agencies(out)] == [("qixing", "七星镇人民政府"), ("qixing-2", "齐兴镇人民政府")]
    assert (out / "reports/qixing/2020.yaml").exists() and (out / "reports/qixing-2/2020.yaml").exists()
    assert "机关代码 qixing 已属于“七星镇人民政府”，新机关“齐兴镇人民政府”登记为 qixing-2（id），请核对" in printed


def test_the_same_township_in_two_counties_is_two_agencies_and_a_renamed_one_is_one(tmp_path: Path) -> None:
    out = tmp_path / "c"
    files = [
        seed_as(tmp_path / "in", "a.txt", "宝清县七星镇人民政府"),
        seed_as(tmp_path / "in", "b.txt", "桦南县七星镇人民政府"),
    ]
    assert run_cli([*map(str, files), "--content", str(out)]) == 0
    assert [e["id"] for e in agencies(out)] == ["qixing", "huanan-qixing"]
    # The county's own name with and without its city: one agency (淮安市洪泽区 is 洪泽区).
    register = Register.load(out)
    register.entries.append({"id": "hongze", "name": "洪泽区人民政府"})
    assert register.find("淮安市洪泽区人民政府") == "hongze"
    assert register.find("洪泽区人民政府") == "hongze"
    assert register.find("洪泽镇人民政府") is None
    assert register.find("宝清县七星镇人民政府") == "qixing"
    assert register.find("七星镇人民政府") is None  # two registered agencies end so: not a guess


def test_register_entries_of_any_type_never_stop_an_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c"
    out.mkdir()
    (out / "agencies.yaml").write_text(
        '- id: a\n  name: 甲局\n  order: "五十"\n  former_names: 5\n'
        "- id: ../x\n  name: 乙局\n- id: b\n  name: 5\n  short_name: [1, 2]\n- just text\n",
        encoding="utf-8",
    )
    seed = seed_as(tmp_path / "in", "s.txt", "宝清县七星泡镇人民政府")
    assert run_cli([str(seed), "--content", str(out)]) == 0
    assert agencies(out)[-1] == {"id": "qixingpao", "name": "宝清县七星泡镇人民政府", "short_name": "七星泡镇", "kind": "township", "region": "宝清县", "order": 10}


def test_an_unreadable_register_is_not_written_to(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c"
    out.mkdir()
    broken = "- id: a\n  name: [甲局\n"
    (out / "agencies.yaml").write_text(broken, encoding="utf-8")
    seed = seed_as(tmp_path / "in", "s.txt", "宝清县七星泡镇人民政府")
    assert run_cli([str(seed), "--content", str(out)]) == 1
    printed = capsys.readouterr().out
    assert "agencies.yaml 有错误" in printed and "无法登记新机关“宝清县七星泡镇人民政府”，请先改正机关名录" in printed
    assert (out / "agencies.yaml").read_text(encoding="utf-8") == broken


def test_an_existing_report_that_is_not_utf8_is_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c"
    assert run_cli([str(SEED), "--content", str(out), "--agency", "qixingpao"]) == 0
    target = out / "reports/qixingpao/2020.yaml"
    gbk = target.read_text(encoding="utf-8").encode("gbk")
    target.write_bytes(gbk)
    capsys.readouterr()
    assert run_cli([str(SEED), "--content", str(out), "--agency", "qixingpao"]) == 0
    assert "已存在但不是 UTF-8 文本（可能用 GBK 保存过），未覆盖" in capsys.readouterr().out
    assert target.read_bytes() == gbk
    assert run_cli([str(SEED), "--content", str(out), "--agency", "qixingpao", "--force"]) == 0
    assert (out / "reports/qixingpao/2020.yaml.bak").read_bytes() == gbk
    target.read_text(encoding="utf-8")


@pytest.mark.parametrize("bad", ["../x", "a/b", "a\n", "A", "a\x1b[2J", ""])
def test_agency_option_must_be_a_plain_id(tmp_path: Path, bad: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli([str(SEED), "--content", str(tmp_path / "c"), "--agency", bad]) == 2
    assert "--agency 应为小写字母、数字和连字符组成的机关代码" in capsys.readouterr().err
    assert not (tmp_path / "c").exists()


def test_an_original_in_a_folder_that_is_not_an_id_is_not_taken_for_one(tmp_path: Path) -> None:
    folder = tmp_path / "originals" / "..x"
    folder.mkdir(parents=True)
    shutil.copy(SEED, folder / "2020.txt")
    out = tmp_path / "c"
    assert run_cli([str(folder / "2020.txt"), "--content", str(out)]) == 0
    assert [e["id"] for e in agencies(out)] == ["qixingpao"]


def test_limits_refuse_one_file_with_one_message_and_the_batch_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bomb = tmp_path / "in" / "bomb.docx"
    bomb.parent.mkdir()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document>" + " " * (400 * 1024 * 1024) + "</w:document>")
    assert bomb.stat().st_size < 2 * 1024 * 1024
    out = tmp_path / "c"
    assert run_cli([str(bomb), str(REAL), str(SEED), "--content", str(out), "--max-pages", "4"]) == 1
    printed = capsys.readouterr().out
    assert "bomb.docx: 失败：Word 文件解压后有 400 MB，超过 300 MB 的上限（可能是压缩炸弹或嵌入了大量图片），未读取" in printed
    assert "hongze-2023.pdf: 失败：PDF 有 5 页，超过 4 页的上限，未读取（年度报告通常不超过 30 页；确属原件可用 --max-pages 放宽）" in printed
    assert (out / "reports/qixingpao/2020.yaml").exists()
    assert run_cli([str(SEED), "--content", str(tmp_path / "d"), "--max-size", "0.001"]) == 1
    assert "超过单个文件 0 MB 的上限" in capsys.readouterr().out


def test_a_file_past_the_time_limit_is_stopped_and_the_batch_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    slow = tmp_path / "in" / "slow.html"  # 9 MB of paragraphs: many seconds to read
    slow.parent.mkdir()
    slow.write_text("<html><body>" + "<p>这是一段很长的正文，用来让读取变慢。</p>" * 150_000 + "</body></html>", encoding="utf-8")
    out = tmp_path / "c"
    assert run_cli([str(slow), str(SEED), "--content", str(out), "--timeout", "3"]) == 1
    printed = capsys.readouterr().out
    assert "slow.html: 失败：读取超过 3 秒的时间上限，已停止，未导入（可用 --timeout 放宽）" in printed
    assert "共 2 个文件：1 个已导入" in printed  # the next file, in a fresh worker


def test_pinyin_never_merges_two_agencies() -> None:
    register = Register(Path("/nonexistent"))
    register.entries = [{"id": "qixing", "name": "七星镇人民政府"}]
    assert register.find("齐兴镇人民政府") is None
    assert agency_id("齐兴镇人民政府", register.ids) == "qixing-2"


@pytest.mark.parametrize(
    ("printed", "same"),
    [
        ("宝清县七星泡镇人民政府", True), ("七星泡镇人民政府", True), ("七星泡镇政府", True), ("七星泡镇", True),
        ("宝清县七星泡镇政府", True), ("双鸭山市宝清县七星泡镇人民政府", True),
        ("桦南县七星泡镇人民政府", False), ("七星泡镇党委", False), ("七星镇人民政府", False),
    ],
)
def test_which_printed_names_name_a_registered_agency(printed: str, same: bool) -> None:
    from generator.importer.register import same_agency

    entry = {"id": "qixingpao", "name": "宝清县七星泡镇人民政府", "short_name": "七星泡镇"}
    assert same_agency(printed, entry) is same


def test_a_department_of_another_district_is_another_agency() -> None:
    from generator.importer.register import same_agency

    entry = {"id": "shichang", "name": "闵行区市场监督管理局", "short_name": "市场监督管理局"}
    assert same_agency("上海市闵行区市场监督管理局", entry)
    assert not same_agency("徐汇区市场监督管理局", entry)


def test_a_place_named_bare_is_its_government() -> None:
    from generator.importer.register import same_agency

    entry = {"id": "yongdeng-chengguan", "name": "永登县城关镇人民政府", "short_name": "城关镇"}
    assert same_agency("永登县城关镇", entry) and same_agency("城关镇人民政府", entry)
    assert not same_agency("修武县城关镇", entry)
    street = {"id": "hongqi", "name": "宝山区红旗街道办事处", "short_name": "红旗街道"}
    assert same_agency("宝山区红旗街道", street)
