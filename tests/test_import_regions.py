"""A newly registered agency's name, kind (类别) and region (地区), from the report's own text."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importer.register import Register, agency_kind, agency_region, official_name

from .test_import_agencies import SEED, agencies, seed_as
from .test_import_cli import run_cli


@pytest.mark.parametrize(
    ("printed", "name", "kind", "region"),
    [
        ("宝清县七星泡镇人民政府", "宝清县七星泡镇人民政府", "township", "宝清县"),
        ("宁远县城关镇", "宁远县城关镇人民政府", "township", "宁远县"),  # a place named bare: its government
        ("北冷乡", "北冷乡人民政府", "township", ""),
        ("宝山区红旗街道", "宝山区红旗街道办事处", "subdistrict", "宝山区"),
        ("宝山区红旗街道办事处", "宝山区红旗街道办事处", "subdistrict", "宝山区"),
        ("江北区发展和改革局", "江北区发展和改革局", "department", "江北区"),
        ("示例县卫生健康委员会", "示例县卫生健康委员会", "department", "示例县"),
        ("示例县市场监督管理局", "示例县市场监督管理局", "department", "示例县"),  # 市场 is not a city
        ("示例县人民政府办公室", "示例县人民政府办公室", "department", "示例县"),
        ("淮安市洪泽区人民政府", "淮安市洪泽区人民政府", "county_government", "淮安市洪泽区"),
        ("四川省达州市万源市石窝镇人民政府", "四川省达州市万源市石窝镇人民政府", "township", "四川省达州市万源市"),
        # the year and the report's words are not the name; spaces and full-width letters made plain
        ("关于 宝清县七星泡镇人民政府 2020年度的", "宝清县七星泡镇人民政府", "township", "宝清县"),
        ("ＸＸ县财政局", "XX县财政局", "department", "XX县"),
    ],
)
def test_name_kind_and_region_of_a_new_agency(printed: str, name: str, kind: str, region: str) -> None:
    assert official_name(printed) == name
    assert agency_kind(name) == kind
    assert agency_region(name) == region


def test_region_from_the_contact_address_when_the_name_has_none() -> None:
    assert agency_region("七星镇人民政府", "宝清县七星泡镇人民政府") == "宝清县"
    assert agency_region("七星镇人民政府", "黑龙江省双鸭山市宝清县七星泡镇") == "黑龙江省双鸭山市宝清县"
    assert agency_region("七星镇人民政府", "七星镇人民政府院内") == ""  # nothing says: left blank, not guessed


def test_import_registers_name_kind_and_region_from_the_title(tmp_path: Path) -> None:
    out = tmp_path / "c"
    files = [
        seed_as(tmp_path / "in", "a.txt", "宁远县城关镇"),
        seed_as(tmp_path / "in", "b.txt", "示例县财政局"),
        seed_as(tmp_path / "in", "c.txt", "宝山区红旗街道"),
        seed_as(tmp_path / "in", "d.txt", "淮安市洪泽区人民政府"),
    ]
    assert run_cli([*map(str, files), "--content", str(out)]) == 0
    got = {e["name"]: (e["kind"], e["region"]) for e in agencies(out)}
    assert got == {
        "宁远县城关镇人民政府": ("township", "宁远县"),
        "示例县财政局": ("department", "示例县"),
        "宝山区红旗街道办事处": ("subdistrict", "宝山区"),
        "淮安市洪泽区人民政府": ("county_government", "淮安市洪泽区"),
    }


def test_a_bare_name_takes_its_region_from_the_address_and_is_found_again(tmp_path: Path) -> None:
    out = tmp_path / "c"
    first = seed_as(tmp_path / "in", "a.txt", "七星镇")  # the seed's address: 宝清县七星泡镇人民政府
    assert run_cli([str(first), "--content", str(out)]) == 0
    (entry,) = agencies(out)
    assert (entry["name"], entry["kind"], entry["region"]) == ("七星镇人民政府", "township", "宝清县")
    # the same agency printed another way later is the same agency, not a second one
    register = Register.load(out)
    assert register.find("七星镇") == register.find("七星镇人民政府") == register.find("关于七星镇人民政府") == entry["id"]


def test_nothing_says_where_the_region_stays_null(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8").replace("宝清县七星泡镇人民政府", "北冷乡人民政府")
    text = text.replace("宝清县", "")
    file = tmp_path / "in" / "a.txt"
    file.parent.mkdir(parents=True)
    file.write_text(text, encoding="utf-8")
    out = tmp_path / "c"
    assert run_cli([str(file), "--content", str(out)]) == 0
    (entry,) = agencies(out)
    assert entry["region"] is None
    assert "region: null" in (out / "agencies.yaml").read_text(encoding="utf-8")


def test_an_address_that_names_more_of_the_region_completes_it():
    assert agency_region("洪泽区人民政府", "淮安市洪泽区洪泽湖大道90号") == "淮安市洪泽区"
    assert agency_region("宝清县七星泡镇人民政府", "宝清县七星泡镇人民政府") == "宝清县"
    assert agency_region("宝清县七星泡镇人民政府", "万源市石窝镇") == "宝清县"  # another place: not taken
