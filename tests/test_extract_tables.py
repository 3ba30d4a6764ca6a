"""Table recognition on hand-made rows: the quirks the issue lists, one by one."""

from __future__ import annotations

from generator.extract.settings import DEFAULT
from generator.extract.tables import read_requests, read_review
from generator.ingest.document import grid
from generator.model import spec

ROWS = [r for r in spec.REQUESTS.rows if r.key not in spec.OTHER_SPLIT]


def table(values: dict[str, list[str]] | None = None, skip: tuple[str, ...] = ()) -> list[list[str]]:
    out = [["（本列数据的勾稽关系为：…）", "申请人情况"], ["", "自然人", "法人或其他组织", "总计"]]
    for r in ROWS:
        if r.key in skip:
            continue
        cells = (values or {}).get(r.key, ["0"] * 7)
        out.append([r.subgroup or "", r.label, *cells] if r.subgroup else [r.label, *cells])
    return out


def test_all_rows_by_label() -> None:
    res = read_requests([grid(table({"received_new": ["1", "0", "0", "0", "0", "0", "1"]}))], DEFAULT)
    assert res.rows["received_new"] == [1, 0, 0, 0, 0, 0, 1]
    assert list(res.rows) == [r.key for r in ROWS]
    assert not [n for n in res.notes if n.severity != "info"]


def test_rows_in_shuffled_order_still_match_by_label() -> None:
    rows = table({"total": ["2", "0", "0", "0", "0", "0", "2"]})
    rows = rows[:2] + list(reversed(rows[2:]))
    res = read_requests([grid(rows)], DEFAULT)
    assert res.rows["total"] == [2, 0, 0, 0, 0, 0, 2]


def test_stray_cell_is_dropped_only_when_the_arithmetic_decides() -> None:
    res = read_requests([grid(table({"disclosed": ["3", "0", "0", "0", "0", "0", "3", "0"]}))], DEFAULT)
    assert res.rows["disclosed"] == [3, 0, 0, 0, 0, 0, 3]
    res = read_requests([grid(table({"disclosed": ["3", "1", "0", "0", "0", "0", "4", "9"]}))], DEFAULT)
    assert res.rows["disclosed"] == [3, 1, 0, 0, 0, 0, 4]  # only dropping the 9 adds up
    res = read_requests([grid(table({"disclosed": ["1", "1", "0", "0", "0", "0", "1", "1"]}))], DEFAULT)
    assert res.rows["disclosed"] == [None] * 7
    assert any(n.severity == "error" and "无法确定各数对应的列" in n.message for n in res.notes)
    assert len([a for a in res.unread if a.startswith("requests.disclosed.")]) == 7


def test_missing_cell_is_derived_from_the_row_sum() -> None:
    res = read_requests([grid(table({"carried_forward": ["1", "0", "2", "0", "0", "0"]}))], DEFAULT)
    assert res.rows["carried_forward"] == [1, 0, 2, 0, 0, 0, 3]
    assert res.derived == ["requests.carried_forward.total"]


def test_missing_cell_that_arithmetic_cannot_place_is_null_with_a_finding() -> None:
    res = read_requests([grid(table({"carried_forward": ["1", "1", "2", "0", "0", "4"]}))], DEFAULT)
    assert res.rows["carried_forward"] == [None] * 7
    assert any("无法确定" in n.message for n in res.notes)


def test_unreadable_cell_is_null_with_a_finding() -> None:
    res = read_requests([grid(table({"disclosed": ["3", "0", "O", "0", "0", "0", "3"]}))], DEFAULT)
    assert res.rows["disclosed"] == [3, 0, None, 0, 0, 0, 3]
    assert "requests.disclosed.research" in res.unread
    assert any("“O”不是数字" in n.message for n in res.notes)


def test_a_row_missing_from_the_print_is_null_with_a_finding() -> None:
    res = read_requests([grid(table(skip=("withheld_third_party",)))], DEFAULT)
    assert res.rows["withheld_third_party"] == [None] * 7
    assert any("没有找到" in n.message and n.field == "requests.withheld_third_party" for n in res.notes)


def test_table_in_pieces_and_label_broken_over_rows() -> None:
    rows = table(skip=("withheld_query_matters",))
    at = next(i for i, r in enumerate(rows) if "行政执法案卷" in r[1])
    first, second = rows[: at + 1] + [["", "8. 属于行", "", "", "", "", "", "", ""]], [["", "政查询 事项", "5", "0", "0", "0", "0", "0", "5"]] + rows[at + 1 :]
    res = read_requests([grid(first), grid(second)], DEFAULT)
    assert res.rows["withheld_query_matters"] == [5, 0, 0, 0, 0, 0, 5]


def test_group_label_row_with_zeros_is_ignored() -> None:
    rows = table()
    at = next(i for i, r in enumerate(rows) if r[0] == "（一）予以公开")
    rows.insert(at, ["三、本年度", "0", "0", "0", "0", "0", "0", "0"])
    res = read_requests([grid(rows)], DEFAULT)
    assert any("分组标签行" in n.message for n in res.notes)
    assert res.rows["disclosed"] == [0] * 7


def test_row_without_label_between_two_known_rows_is_placed_with_a_warning() -> None:
    rows = table({"partially_disclosed": ["4", "0", "0", "0", "0", "0", "4"]})
    at = next(i for i, r in enumerate(rows) if r[0].startswith("（二）"))
    rows[at] = ["", *rows[at][1:]]
    res = read_requests([grid(rows)], DEFAULT)
    assert res.rows["partially_disclosed"] == [4, 0, 0, 0, 0, 0, 4]
    assert any(n.severity == "warning" and "没有印出行标签" in n.message for n in res.notes)


def test_review_one_row_of_fifteen_and_a_stray_sixteenth() -> None:
    header = [["行政复议", "行政诉讼"], ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]]
    res = read_review([grid(header + [["1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "2", "1", "0", "0", "3"]])], DEFAULT)
    assert res.rows == {"review": [1, 0, 0, 0, 1], "litigation_direct": [0] * 5, "litigation_after_review": [2, 1, 0, 0, 3]}
    res = read_review([grid(header + [["0"] * 16])], DEFAULT)
    assert res.rows["review"] == [0] * 5 and any("多一个" in n.message for n in res.notes)


def test_review_printed_as_labelled_rows() -> None:
    rows = [["", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"], ["行政复议", "2", "0", "0", "0", "2"],
            ["未经复议直接起诉", "0", "1", "0", "0", "1"], ["复议后起诉", "0", "0", "0", "0", "0"]]
    res = read_review([grid(rows)], DEFAULT)
    assert res.rows == {"review": [2, 0, 0, 0, 2], "litigation_direct": [0, 1, 0, 0, 1], "litigation_after_review": [0] * 5}


def test_empty_label_cell_read_as_a_number_is_not_taken_for_a_value() -> None:
    rows = table({"withheld_state_secret": ["2", "0", "0", "0", "0", "0", "2"]})
    at = next(i for i, r in enumerate(rows) if "国家秘密" in r[1])
    rows[at] = ["0", *rows[at][1:]]  # the blank group-label cell came out as "0"
    res = read_requests([grid(rows)], DEFAULT)
    assert res.rows["withheld_state_secret"] == [2, 0, 0, 0, 0, 0, 2]
