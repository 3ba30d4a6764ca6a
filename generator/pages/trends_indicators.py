"""The indicators compared across agencies and years: counts, refusal reasons and rates.

Every indicator is made from cells of the template (``../shared/spec/report-format.md``), named
by their row and column keys, so the help page can state each one exactly:

* counts: the key figures (``figures.FIGURES``: 总计 column, groups of rows added) and each of
  the eight 不予公开 rows on its own (``requests.withheld_*.total``), so refusal reasons compare;
* rates, in per cent, a numerator over a denominator, both sums of such figures:
  公开率 = (``requests.disclosed.total`` + ``requests.partially_disclosed.total``) /
  ``requests.total.total`` （七）总计, the requests whose handling ended in the year;
  不予公开率 = sum of ``requests.withheld_*.total`` / ``requests.total.total``;
  复议纠错率 = ``review_litigation.review.corrected`` / ``review_litigation.review.total``;
  诉讼纠错率 = ``corrected`` / ``total`` of ``litigation_direct`` + ``litigation_after_review``
  (:data:`RATES`; the help page states them in the template's Chinese labels).

A value is blank (None) when any cell it needs is blank in the report, when the report has no
fixed tables, or, for a rate, when its denominator is 0. A county total adds the reports that
have the figure; a county rate divides the sums over the reports that have both parts.
Plain data for the trend pages (``pages.trends``) and the picker's JSON file; no templates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model import spec
from ..model.report import Report
from . import figures
from .figures import Figure

COUNT, RATE = "count", "rate"


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    group: str  # the heading it is listed under
    help: str  # its definition, in plain words, naming the template's rows and columns
    kind: str = COUNT
    numerator: tuple[Figure, ...] = ()  # counts: the one figure; rates: added up
    denominator: tuple[Figure, ...] = ()  # rates only

    @property
    def unit(self) -> str:
        return "%" if self.kind == RATE else "件"


REQUESTS = "申请与办理结果"
REASONS = "不予公开的理由"
REVIEW = "行政复议和行政诉讼"
RATES_GROUP = "比率"

PROCESSED = Figure("processed", "办结总计", "（七）总计：当年办理结束的申请", "requests", ("total",))
REVIEW_CORRECTED = Figure("review_corrected", "复议纠正", "行政复议 · 结果纠正", "review_litigation", ("review",), "corrected")
LITIGATION_CORRECTED = Figure("litigation_corrected", "诉讼纠正", "行政诉讼 · 结果纠正（两行之和）", "review_litigation",
                              ("litigation_direct", "litigation_after_review"), "corrected")
REASON_FIGURES = tuple(
    Figure(r.key, r.short, f"{spec.WITHHELD} · {r.label}", "requests", (r.key,)) for r in spec.REQUESTS.rows
    if r.key.startswith("withheld_")
)


def _count(f: Figure, group: str, where: str) -> Indicator:
    return Indicator(f.key, f.label, group, f"{f.help}。取自{where}。", COUNT, (f,))


_BY = figures.BY_KEY
COUNTS = tuple(
    _count(f, REVIEW if f.table == "review_litigation" else REQUESTS,
           "第四部分“总计”列" if f.table == "review_litigation" else "第三部分“总计”列")
    for f in figures.FIGURES
) + (_count(PROCESSED, REQUESTS, "第三部分（七）总计行的“总计”列"),)
REASON_INDICATORS = tuple(
    Indicator(f"reason_{f.key.removeprefix('withheld_')}", f"不予公开：{f.label}", REASONS,
              f"{f.help}的申请。取自第三部分该行的“总计”列。", COUNT, (f,))
    for f in REASON_FIGURES
)
RATES = (
    Indicator("disclosure_rate", "公开率", RATES_GROUP,
              "（予以公开 + 部分公开）÷ 办结总计 × 100%：第三部分表格“总计”列中（一）予以公开、（二）部分公开两行之和，"
              "除以同一列（七）总计行（当年办理结束的申请）。",
              RATE, (_BY["disclosed"], _BY["partially_disclosed"]), (PROCESSED,)),
    Indicator("withheld_rate", "不予公开率", RATES_GROUP,
              "不予公开 ÷ 办结总计 × 100%：第三部分表格“总计”列中（三）不予公开八行之和，除以同一列（七）总计行。",
              RATE, (_BY["withheld"],), (PROCESSED,)),
    Indicator("review_correction_rate", "复议纠错率", RATES_GROUP,
              "结果纠正 ÷ 行政复议总计 × 100%：第四部分表格行政复议的“结果纠正”除以行政复议的“总计”"
              "（总计包括结果维持、结果纠正、其他结果和尚未审结）。",
              RATE, (REVIEW_CORRECTED,), (_BY["review"],)),
    Indicator("litigation_correction_rate", "诉讼纠错率", RATES_GROUP,
              "结果纠正 ÷ 行政诉讼总计 × 100%：第四部分表格行政诉讼两栏（未经复议直接起诉、复议后起诉）的“结果纠正”之和，"
              "除以两栏“总计”之和（总计包括尚未审结的案件）。",
              RATE, (LITIGATION_CORRECTED,), (_BY["litigation"],)),
)
INDICATORS = COUNTS + REASON_INDICATORS + RATES
BY_KEY = {i.key: i for i in INDICATORS}
GROUPS = (REQUESTS, REASONS, REVIEW, RATES_GROUP)


def parts(report: Report, indicator: Indicator) -> tuple[int | float | None, int | float | None]:
    """The numerator (a count's value) and the denominator (rates) of a report; None when blank."""
    if report.template == "none":
        return None, None
    num = _sum(report, indicator.numerator)
    den = _sum(report, indicator.denominator) if indicator.kind == RATE else None
    return num, den


def _sum(report: Report, figs: tuple[Figure, ...]) -> int | float | None:
    total: int | float = 0
    for f in figs:
        v = figures.value(report, f)
        if v is None:
            return None
        total += v
    return total


Parts = Callable[[Report, Indicator], tuple[int | float | None, int | float | None]]


def value(report: Report | None, indicator: Indicator, parts: Parts = parts) -> int | float | None:
    """The indicator for one report: a count, or a rate in per cent to one decimal (``parts``:
    how a report's numerator and denominator are had, e.g. ``pages.site.Site.indicator_parts``)."""
    if report is None:
        return None
    num, den = parts(report, indicator)
    if indicator.kind == COUNT:
        return num
    return rate(num, den)


def rate(num: int | float | None, den: int | float | None) -> float | None:
    if num is None or not den:
        return None
    return round(100 * num / den, 1)


def total(reports: list[Report], indicator: Indicator, parts: Parts = parts) -> int | float | None:
    """The county's figure over ``reports``: the sum of the counts; the rate of the sums of
    the parts over the reports having both. None when no report has it."""
    nums, dens = [], []
    for r in reports:
        num, den = parts(r, indicator)
        if num is None or (indicator.kind == RATE and den is None):
            continue
        nums.append(num)
        dens.append(den or 0)
    if not nums:
        return None
    if indicator.kind == COUNT:
        return sum(nums)
    return rate(sum(nums), sum(dens))


def change(now: int | float | None, before: int | float | None) -> int | float | None:
    """This year's value less last year's; None when either is missing."""
    if now is None or before is None:
        return None
    diff = now - before
    return round(diff, 1) if isinstance(diff, float) else diff
