"""Publication-quality findings Q1–Q7: what third-party evaluators mark agencies down for.

These look at a report as a publication rather than at its arithmetic: was it published on
time (Q1), is a year missing (Q2), was a part copied from the agency's previous report (Q3) or
from another agency's report of the same year (Q4), does a part say nothing (Q5), was the
original changed after import (Q6), does a ``gb2021`` part 6 leave out the 信息处理费 (Q7).

Text reuse (Q3, Q4) is measured on sentences. Each text part (一、五、六) is split into
sentences, and each sentence is normalised before it is hashed: punctuation, spaces and list
markers dropped, years replaced by a placeholder (a copy of last year's report with the year
changed is still a copy), and the agency's own names (``name``, ``short_name``,
``former_names`` in ``agencies.yaml`` and the name printed in the report) replaced by another,
so a renamed agency's reports are compared as one agency's. Sentences every report must carry
are boilerplate and never count as reuse: those matching :data:`BOILERPLATE` (the opening
根据《中华人民共和国政府信息公开条例》… sentence, the statistics period, 如对本报告有任何疑问…,
the list of parts, where to download it, the 信息处理费 statement, 无其他需要报告的事项) and
any sentence found in the reports of more than :func:`boilerplate_limit` agencies (a county's
shared template text). Headings and fragments shorter than :data:`MIN_SENTENCE` characters
are left out too.

Reuse is found through an index from sentence hash to the agencies (and years) that use the
sentence, so the cost grows with the number of sentences, never with pairs of reports. A
finding gives the share of reused sentences and lists them in ``data["sentences"]`` so an
editor can judge; a part with fewer than :data:`MIN_SENTENCES` substantive sentences is not
judged.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from ..content import REPORTS_DIR, Content, original_file, sha256_of
from ..findings import Finding
from ..model import spec
from ..model.portal import Agency
from ..model.report import Report
from .rules import RULES
from .rules import finding as _finding

# Parts whose text is judged for reuse and emptiness: (key, part number, printed heading).
TEXT_PARTS = spec.TEXT_PARTS
PART_NAMES = {key: f"第{'一二三四五六'[part - 1]}部分“{heading}”" for key, part, heading in TEXT_PARTS}

REUSE_SHARE = 0.5  # more than this share of a part's sentences reused is a finding
MIN_SENTENCES = 2  # parts with fewer substantive sentences are not judged
MIN_SENTENCE = 10  # characters, after normalising; shorter ones are headings or fragments
SHOWN_SENTENCES = 3  # quoted in the message; all of them are in data

BOILERPLATE_PATTERNS = (
    r"政府信息公开条例.*(?:编制|编写|制作|形成|报告如下|年度报告)",  # the opening sentence
    r"(?:根据|依据|按照|依照).{0,30}(?:国办公开办函|年度报告有关事项)",
    r"统计期限|统计期间|统计时限|统计时间|数据.{0,12}起至.{0,20}止",
    r"如对本.{0,4}报告有.{0,4}疑问|如有疑问|欢迎.{0,10}(?:批评|监督).{0,6}(?:联系|电话)",
    r"总体情况.{0,6}主动公开政府信息情况",  # the list of the six parts
    r"(?:电子版|本.{0,4}报告).{0,40}(?:下载|查阅)",
    r"信息处理费",  # the statement gb2021 requires in part 6
    r"^无?其他需要报告的?事项",
)
BOILERPLATE = re.compile("|".join(f"(?:{p})" for p in BOILERPLATE_PATTERNS))
# Every boilerplate sentence holds one of these: a cheap test before the patterns.
_BOILERPLATE_WORDS = re.compile("条例|国办|有关事项|统计|起至|疑问|欢迎|总体情况|下载|查阅|处理费|需要报告")
_LIST_MARKER = re.compile(
    r"^[ \t\u3000]*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．]|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，、]?)+",
    re.MULTILINE,
)
_YEAR = re.compile(r"(?:19|20)\d{2}")
_NOT_WORD = re.compile(r"[\W_]+")
_NOT_WORD_OR_LINE = re.compile(r"[^\w\n]+|_+")
_SENTENCE = re.compile(r"[^。！？；!?;\n]+")
_SELF = "〈本机关〉"
_GENERIC_NAME = re.compile(r"[省市县区州旗]|人民政府|政府|办公室")

# Q5: what a part may say and still say nothing.
_FILLER = re.compile(
    r"其他需要报告的?事项|需要报告的?事项|其他事项|附件|情况|本年度|本年|年度|今年|全年|〈年〉年?|"
    r"我[镇乡办局委院街]|本(?:机关|单位|部门)|暂|无|没有|不存在|均"
)
_QUIET = 2  # characters that may be left after the fillers are removed
_LONG = 200  # a text this long says something (no need to strip it)

GB2021_FEE_NOTE = "国办公开办函〔2021〕30号要求在第六部分说明收取信息处理费的情况"


# --- Q1: late publication ----------------------------------------------------------------------


def deadline(year: int, kind: str | None) -> _dt.date:
    """条例第四十九条: 31 January for an agency; 31 March for a county (or higher) government."""
    return _dt.date(year + 1, 3, 31) if kind == "county_government" else _dt.date(year + 1, 1, 31)


def q1_late(content: Content) -> Iterator[Finding]:
    for report in content.reports:
        yield from q1_late_report(content, report)


def q1_late_report(content: Content, report: Report) -> Iterator[Finding]:
    if report.published is None or report.published <= _dt.date(report.year, 12, 31):
        return  # unknown, or impossible (a SCHEMA warning already says so)
    agency = content.agencies.get(report.agency)
    due = deadline(report.year, agency.kind if agency else None)
    if report.published > due:
        whose = "县级人民政府" if agency and agency.kind == "county_government" else "机关"
        days = (report.published - due).days
        yield _finding(
            "Q1",
            report,
            f"发布日期 {report.published.isoformat()} 晚于期限 {due.isoformat()}（{whose}的年度报告应在次年"
            f"{due.month}月{due.day}日前公布，《条例》第四十九条），逾期 {days} 天",
            "published",
            field="published",
            deadline=due.isoformat(),
            days_late=days,
        )


# --- Q2: a year missing ------------------------------------------------------------------------


def q2_missing_years(content: Content) -> Iterator[Finding]:
    years_of: dict[str, set[int]] = defaultdict(set)
    for r in content.reports:
        years_of[r.agency].add(r.year)
    agencies_in = Counter(y for years in years_of.values() for y in years)  # year -> agencies with a report
    all_years = sorted(agencies_in)
    for agency in content.agencies.values():
        have = years_of.get(agency.id, set())
        for year in all_years:
            if year in have or (content.root / REPORTS_DIR / agency.id / f"{year}.yaml").exists():
                continue  # a file that failed to load has findings of its own
            others = agencies_in[year]
            yield Finding(
                RULES["Q2"].severity,
                "Q2",
                f"{agency.label}（{agency.id}）没有 {year} 年度报告，而另有 {others} 个机关有；"
                f"应为 {REPORTS_DIR}/{agency.id}/{year}.yaml",
                agency.locate("id"),
                "agency",
                {"agency": agency.id, "year": year, "others": others},
            )


# --- Sentences and boilerplate -----------------------------------------------------------------


@dataclass(slots=True)
class Sentence:
    key: int  # hash of the normalised text
    text: str  # as printed


def names_pattern(agency: Agency | None, reports: list[Report]) -> re.Pattern[str] | None:
    """The agency's own names, longest first, as they may appear in its texts."""
    names: set[str] = set()
    if agency:
        names.update(n for n in (agency.name, agency.short_name, *agency.former_names) if n)
    names.update(r.agency_name for r in reports if r.agency_name)
    for n in list(names):
        for suffix in ("人民政府", "办事处"):
            if n.endswith(suffix) and len(n) - len(suffix) >= 2:
                names.add(n.removesuffix(suffix))
    # Generic short names (县政府, 区政府) stand for the county in every agency's text: not own names.
    names = {_NOT_WORD.sub("", n) for n in names if _GENERIC_NAME.sub("", _NOT_WORD.sub("", n))}
    names = {n for n in names if len(n) >= 2}
    if not names:
        return None
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


def normalise(sentence: str, names: re.Pattern[str] | None) -> str:
    """One sentence as it is compared: no list marker, punctuation or spaces; years and own names replaced."""
    return _normalise_lines(sentence.replace("\n", ""), names)


def _normalise_lines(text: str, names: re.Pattern[str] | None) -> str:
    text = _NOT_WORD_OR_LINE.sub("", _LIST_MARKER.sub("", text))
    text = _YEAR.sub("〈年〉", text)
    return names.sub(_SELF, text) if names else text


def is_boilerplate(sentence: str) -> bool:
    return _BOILERPLATE_WORDS.search(sentence) is not None and BOILERPLATE.search(sentence) is not None


def split_sentences(text: str | None, names: re.Pattern[str] | None) -> list[Sentence]:
    """The substantive sentences of a text: not boilerplate by pattern, not too short."""
    raw = [s for s in (m.group().strip() for m in _SENTENCE.finditer(text or "")) if s and not is_boilerplate(s)]
    if not raw:
        return []
    # Normalise all of them in one pass over the text, a sentence a line.
    normalised = _normalise_lines("\n".join(raw), names).split("\n")
    return [Sentence(hash(n), r) for n, r in zip(normalised, raw, strict=True) if len(n) >= MIN_SENTENCE]


def boilerplate_limit(agencies: int) -> int:
    """A sentence in the reports of more than this many agencies is shared template text."""
    return max(4, round(agencies / 50))


@dataclass
class _Indexed:
    report: Report
    parts: dict[str, list[Sentence]]


class SentenceIndex:
    """Every report's substantive sentences, and which agencies use each sentence in which year."""

    def __init__(self, content: Content):
        by_agency: dict[str, list[Report]] = defaultdict(list)
        for r in content.reports:
            by_agency[r.agency].append(r)
        self.reports: dict[str, list[_Indexed]] = {}
        agencies_using: Counter[int] = Counter()
        for agency_id, reports in by_agency.items():
            names = names_pattern(content.agencies.get(agency_id), reports)
            indexed = [
                _Indexed(r, {key: split_sentences(getattr(r, key), names) for key, _, _ in TEXT_PARTS})
                for r in sorted(reports, key=lambda r: r.year)
            ]
            self.reports[agency_id] = indexed
            agencies_using.update({s.key for i in indexed for part in i.parts.values() for s in part})
        limit = boilerplate_limit(max(len(content.agencies), len(by_agency)))
        self.common = {h for h, n in agencies_using.items() if n > limit}
        # (year, hash) -> the agencies whose report of that year has the sentence
        self.users: dict[tuple[int, int], list[str]] = defaultdict(list)
        for agency_id, indexed in self.reports.items():
            for i in indexed:
                for h in {s.key for part in i.parts.values() for s in part if s.key not in self.common}:
                    self.users[(i.report.year, h)].append(agency_id)

    def substantive(self, sentences: list[Sentence]) -> list[Sentence]:
        return [s for s in sentences if s.key not in self.common]


def _quote(sentences: list[Sentence]) -> str:
    shown = "；".join(f"“{s.text}”" for s in sentences[:SHOWN_SENTENCES])
    return shown + (f"等 {len(sentences)} 句" if len(sentences) > SHOWN_SENTENCES else "")


# --- Q3: copied from the agency's previous report ---------------------------------------------


def q3_copied_from_last_year(index: SentenceIndex) -> Iterator[Finding]:
    for indexed in index.reports.values():
        for previous, current in zip(indexed, indexed[1:], strict=False):
            before = {s.key for part in previous.parts.values() for s in part}
            for key, sentences in current.parts.items():
                own = index.substantive(sentences)
                if len(own) < MIN_SENTENCES:
                    continue
                reused = [s for s in own if s.key in before]
                share = len(reused) / len(own)
                if share <= REUSE_SHARE:
                    continue
                r = current.report
                yield _finding(
                    "Q3",
                    r,
                    f"{PART_NAMES[key]}的 {len(own)} 句中有 {len(reused)} 句（{share:.0%}）与本机关 "
                    f"{previous.report.year} 年报告（{previous.report.path}）相同（已除去套话，年份和机关名称不计）："
                    f"{_quote(reused)}",
                    key,
                    field=key,
                    share=round(share, 3),
                    reused=len(reused),
                    total=len(own),
                    previous_year=previous.report.year,
                    previous=previous.report.path,
                    sentences=[s.text for s in reused],
                )


# --- Q4: copied across agencies in one year ----------------------------------------------------


def q4_copied_across_agencies(index: SentenceIndex, content: Content) -> Iterator[Finding]:
    for agency_id, indexed in index.reports.items():
        for i in indexed:
            year = i.report.year
            for key, sentences in i.parts.items():
                own = index.substantive(sentences)
                if len(own) < MIN_SENTENCES:
                    continue
                shared: dict[str, list[Sentence]] = defaultdict(list)
                for s in own:
                    for other in index.users.get((year, s.key), ()):
                        if other != agency_id:
                            shared[other].append(s)
                for other, reused in sorted(shared.items()):
                    share = len(reused) / len(own)
                    if share <= REUSE_SHARE:
                        continue
                    other_report = next(x.report for x in index.reports[other] if x.report.year == year)
                    label = content.agencies[other].label if other in content.agencies else other
                    yield _finding(
                        "Q4",
                        i.report,
                        f"{PART_NAMES[key]}的 {len(own)} 句中有 {len(reused)} 句（{share:.0%}）与{label}（{other}）"
                        f"{year} 年报告（{other_report.path}）相同（已除去套话，机关名称不计）：{_quote(reused)}",
                        key,
                        field=key,
                        share=round(share, 3),
                        reused=len(reused),
                        total=len(own),
                        other_agency=other,
                        other=other_report.path,
                        sentences=[s.text for s in reused],
                    )


# --- Q5: a part that says nothing --------------------------------------------------------------


def says_nothing(text: str) -> bool:
    """Whether a text holds nothing beyond 无 / 无其他需要报告的事项 and the like."""
    if len(text) > _LONG:
        return False
    kept = [_LIST_MARKER.sub("", line.strip()) for line in text.splitlines()]
    flat = _YEAR.sub("〈年〉", _NOT_WORD.sub("", "".join(kept)))
    return len(_FILLER.sub("", flat)) <= _QUIET


def q5_says_nothing(report: Report) -> Iterator[Finding]:
    for key, _, _ in TEXT_PARTS:
        text = getattr(report, key)
        if not (text and text.strip()):
            continue  # a blank part is R7's finding, not a second one here
        if says_nothing(text):
            shown = " ".join(text.split())
            note = f"；{GB2021_FEE_NOTE}" if key == "other" and report.template == "gb2021" else ""
            yield _finding(
                "Q5",
                report,
                f"{PART_NAMES[key]}只写了“{shown[:40]}”，没有实际内容{note}",
                key,
                field=key,
            )


# --- Q6: the original changed ------------------------------------------------------------------


def q6_original_changed(content: Content, report: Report) -> Iterator[Finding]:
    if not (report.source and report.source.sha256):
        return
    original, _ = original_file(content.root, report.source.file)
    if original is None:
        return  # a missing original, or a link out of originals/, is already a REF error
    actual = sha256_of(original)
    if actual != report.source.sha256:
        yield _finding(
            "Q6",
            report,
            f"原件 {report.source.file} 的 sha256 为 {actual[:12]}…，与导入时记录的 "
            f"{report.source.sha256[:12]}… 不符：原件在导入后被改动或替换，请核对发布的版本",
            "source",
            "sha256",
            field="source.sha256",
            recorded=report.source.sha256,
            actual=actual,
        )


# --- Q7: gb2021 part 6 and the 信息处理费 --------------------------------------------------------


def q7_fee_statement(report: Report) -> Iterator[Finding]:
    if report.template != "gb2021" or not (report.other and report.other.strip()):
        return  # blank: R7
    if "处理费" in report.other or says_nothing(report.other):
        return  # stated; or Q5 already says so, with the same note
    yield _finding(
        "Q7",
        report,
        f"第六部分未说明是否收取信息处理费（{GB2021_FEE_NOTE}；第二部分的“行政事业性收费”是另一回事）",
        "other",
        field="other",
    )


# --- All of them -------------------------------------------------------------------------------


def report_audit(content: Content, report: Report) -> list[Finding]:
    """The audit rules that look at one report alone (Q1, Q5, Q6, Q7): the preview re-runs
    these for an edited report; the cross-report ones (Q2–Q4) wait for a full run."""
    return [
        *q1_late_report(content, report),
        *q5_says_nothing(report),
        *q6_original_changed(content, report),
        *q7_fee_statement(report),
    ]


def audit(content: Content) -> list[Finding]:
    """Q1–Q7 on every report of the content."""
    findings = list(q2_missing_years(content))
    for report in content.reports:
        findings += report_audit(content, report)
    index = SentenceIndex(content)
    findings += [*q3_copied_from_last_year(index), *q4_copied_across_agencies(index, content)]
    return findings
