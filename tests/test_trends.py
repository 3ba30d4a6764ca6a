"""The indicators compared across years (issue 14, item 3): counts, refusal reasons, rates and
county totals from the template's cells; the trend pages' tables; the picker's data file."""

from __future__ import annotations

import copy

import pytest

from generator.content import load_content
from generator.pages import trends_indicators as ti
from generator.pages import urls
from generator.pages.site import Site
from generator.pages.trends import county_page, indicator_page, picker_data

from .conftest import DEMO


@pytest.fixture(scope="module")
def demo():  # type: ignore[no-untyped-def]
    return load_content(DEMO)


def filled(report, **totals):  # type: ignore[no-untyped-def]
    """A copy of ``report`` whose part 3 总计 column and part 4 rows are set as given."""
    out = copy.copy(report)
    out.requests = {k: list(v) for k, v in report.requests.items()}
    out.review_litigation = {k: list(v) for k, v in report.review_litigation.items()}
    for key, value in totals.items():
        if key in out.review_litigation:
            out.review_litigation[key] = list(value)
        else:
            out.requests[key][-1] = value
    return out


def test_rates_are_the_template_cells_they_are_defined_by(demo):  # type: ignore[no-untyped-def]
    r = filled(demo.report("shiwo", 2021), disclosed=6, partially_disclosed=2, withheld_state_secret=1,
               withheld_third_party=1, total=10, review=[1, 2, 0, 1, 4], litigation_direct=[0, 1, 0, 0, 1],
               litigation_after_review=[1, 0, 0, 0, 1])
    value = {i.key: ti.value(r, i) for i in ti.INDICATORS}
    assert value["disclosure_rate"] == 80.0  # (6 + 2) / 10
    assert value["withheld_rate"] == 20.0  # (1 + 1) / 10
    assert value["review_correction_rate"] == 50.0  # 2 / 4
    assert value["litigation_correction_rate"] == 50.0  # (1 + 0) / (1 + 1)
    assert value["reason_third_party"] == 1 and value["reason_state_secret"] == 1 and value["reason_query_matters"] == 0
    assert value["processed"] == 10 and value["withheld"] == 2


def test_blank_cells_and_zero_denominators_give_no_rate(demo):  # type: ignore[no-untyped-def]
    zero = demo.report("shiwo", 2021)  # every cell 0
    assert ti.value(zero, ti.BY_KEY["disclosure_rate"]) is None
    assert ti.value(zero, ti.BY_KEY["received_new"]) == 0
    blank = filled(zero, disclosed=None, total=3, partially_disclosed=1)
    assert ti.value(blank, ti.BY_KEY["disclosure_rate"]) is None
    assert ti.value(demo.report("hongqi", 2020), ti.BY_KEY["withheld"]) is None  # printed without numbers


def test_county_rate_divides_the_sums_not_the_mean_of_rates(demo):  # type: ignore[no-untyped-def]
    a = filled(demo.report("shiwo", 2021), disclosed=8, total=10)  # 80 %
    b = filled(demo.report("baofeng", 2020), disclosed=1, total=1)  # 100 %
    blank = filled(demo.report("shiwo", 2021), disclosed=None, total=5)
    rate = ti.BY_KEY["disclosure_rate"]
    assert ti.total([a, b, blank], rate) == 81.8  # 9 / 11, the blank report left out
    assert ti.total([a, b, blank], ti.BY_KEY["disclosed"]) == 9
    assert ti.total([blank], ti.BY_KEY["disclosed"]) is None
    assert ti.change(12, 10) == 2 and ti.change(None, 3) is None and ti.change(33.3, 50.0) == -16.7


def test_indicator_help_names_no_code_keys():
    for i in ti.INDICATORS:
        assert i.help and not any(ch.isascii() and ch.isalpha() for ch in i.help), i.key


def test_indicator_page_has_every_agency_and_the_county_total(demo):  # type: ignore[no-untyped-def]
    site = Site.gather(demo, [], "", False, True)
    page = indicator_page(site, urls.Page(urls.indicator_url("received_new"), "compare_indicator.html", "indicator", ("received_new",)))
    table = page.table
    assert [h.text for h in table.head_rows[0]] == ["机关", "2019年", "2020年", "2021年", "2021年比上年"]
    names = [r.head.text for r in table.rows]
    assert names == [site.agency(a).label for a in demo.agencies if demo.reports_of(a)]
    hongqi = next(r for r in table.rows if r.head.text == site.agency("hongqi").label)
    assert [c.kind for c in hongqi.cells] == ["text", "blank", "text", "blank"]  # 无报告, blank, 无报告, no change
    assert hongqi.cells[0].text == "无报告"
    foot = table.foot[0]
    assert foot.head.text == "全县合计" and foot.cells[1].text == "1"  # 2020: baofeng's 1 + qixingpao's 0
    assert any("无报告" in n for n in table.notes)


def test_county_page_totals_by_year(demo):  # type: ignore[no-untyped-def]
    site = Site.gather(demo, [], "", False, True)
    page = county_page(site, urls.Page(urls.COUNTY, "compare_county.html", "county"))
    assert [h.text for h in page.totals.head_rows[0]] == ["指标", "2019年", "2020年", "2021年"]
    rows = {r.head.text: [c.text for c in r.cells] for r in page.totals.rows}
    assert rows["报告数"] == ["1", "3", "1"]
    assert rows["本年新收"] == ["0", "1", "0"]  # 2020: baofeng's 1, qixingpao's 0, hongqi blank (left out)
    assert next(r for r in page.totals.rows if r.head.text == "本年新收").link == "compare/indicators/received_new.html"
    assert page.changes is not None
    assert [h.text for h in page.changes.head_rows[0]][1:] == ["2020年比2019年", "2021年比2020年"]
    assert [c.text for c in page.changes.rows[0].cells] == ["+1", "-1"]
    rates = {r.head.text: [c.text for c in r.cells] for r in page.rates.rows}
    assert list(rates) == ["公开率", "不予公开率", "复议纠错率", "诉讼纠错率"]
    assert rates["公开率"] == ["", "100.0%", ""]  # 0 of 0 is no rate
    assert [r.head.text for r in page.reasons.rows][-1] == "不予公开合计" and len(page.reasons.rows) == 9


def test_picker_data_holds_the_parts_of_each_rate(demo):  # type: ignore[no-untyped-def]
    site = Site.gather(demo, [], "", False, True)
    data = picker_data(site)
    assert data["years"] == [2019, 2020, 2021]
    ids = [a["id"] for a in data["agencies"]]
    assert {i["key"] for i in data["indicators"]} == set(ti.BY_KEY)
    row = ids.index("baofeng")
    assert data["reported"][row] == [False, True, False]
    assert data["values"]["disclosure_rate"][row] == [None, [1, 1], None]
    assert data["values"]["received_new"][row] == [None, 1, None]
    assert data["values"]["received_new"][ids.index("hongqi")] == [None, None, None]
    assert data["indicators"][0]["url"] == "compare/indicators/received_new.html"
