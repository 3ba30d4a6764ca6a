"""The template data is internally consistent and matches the spec's counts."""

from generator.model import spec


def test_requests_table_has_the_spec_rows_in_printed_order():
    keys = spec.REQUESTS.row_keys
    assert keys[0] == "received_new" and keys[-2:] == ("total", "carried_forward")
    assert len(keys) == 26
    assert len(set(keys)) == len(keys)
    assert all(len(r.columns) == 7 for r in spec.REQUESTS.rows)


def test_result_rows_are_everything_between_carried_over_and_total():
    keys = spec.REQUESTS.row_keys
    assert spec.RESULT_ROWS == keys[keys.index("disclosed") : keys.index("total")]
    assert set(spec.OTHER_SINGLE + spec.OTHER_SPLIT) <= set(spec.RESULT_ROWS)


def test_part_two_differs_between_templates():
    gb2019 = spec.GB2019.table("proactive")
    gb2021 = spec.GB2021.table("proactive")
    assert "procurement" in gb2019.row_keys and "procurement" not in gb2021.row_keys
    assert "other_services" in gb2019.row_keys and "other_services" not in gb2021.row_keys
    assert [c.key for c in gb2021.row("regulations").columns] == ["issued", "repealed", "in_force"]
    assert gb2021.row("fees").columns[0].kind == spec.MONEY
    assert gb2019.row("licensing").columns[1].kind == spec.CHANGE


def test_part_four_is_three_groups_of_five():
    table = spec.REVIEW_LITIGATION
    assert table.row_keys == ("review", "litigation_direct", "litigation_after_review")
    assert [c.label for c in table.columns] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def test_every_key_is_snake_case_and_every_label_is_chinese():
    for template in spec.TEMPLATES.values():
        for table in template.tables:
            for row in table.rows:
                assert row.key.isidentifier() and row.key.islower()
                assert row.label and row.short
                for column in row.columns:
                    assert column.key.isidentifier() and column.label
