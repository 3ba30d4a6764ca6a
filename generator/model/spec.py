"""The report templates as data: every table, row and column key with its Chinese label.

This module is the one table of truth for the report format described in
``shared/spec/report-format.md``. Validation, the YAML layout, the checks, the pages,
the exports and the editors' documentation all read it, so a label changed here
changes everywhere. It imports nothing from the rest of the package.

Templates:

* ``gb2019``: 国办公开办函〔2019〕60号, used for the 2019 and 2020 reports;
* ``gb2021``: 国办公开办函〔2021〕30号, used for the 2021 reports and later;
* ``none``: free-form reports from before 2019, with text parts only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

# Kinds of cell. A cell may also be ``None`` (blank or unreadable) or ``"/"`` (not applicable).
COUNT = "count"  # a non-negative whole number
CHANGE = "change"  # a whole number that may be negative (本年增/减)
MONEY = "money"  # a non-negative decimal, in 万元

NOT_APPLICABLE = "/"

# The range a cell of each kind may hold. Far beyond any real report (a province's yearly
# requests are in the tens of thousands, its fees in the millions of 万元), and small enough
# that every figure stays exact as a float in charts and exports: a number outside is a typo
# or a hostile file, and a finding, never a crash.
MAX_WHOLE = 10**9
MAX_MONEY = 10**10  # 万元
RANGES = {COUNT: (0, MAX_WHOLE), CHANGE: (-MAX_WHOLE, MAX_WHOLE), MONEY: (0, MAX_MONEY)}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = COUNT
    group: str = ""  # a spanning header printed above the column, if any

    @cached_property
    def full_label(self) -> str:
        return f"{self.group} · {self.label}" if self.group else self.label


@dataclass(frozen=True)
class Row:
    key: str
    label: str  # as printed in the row's own cell
    short: str  # a few characters, for messages and comparison headers
    columns: tuple[Column, ...]
    group: str = ""  # the printed label of the spanning row header (or 第二十条 item), if any
    subgroup: str = ""

    @cached_property
    def full_label(self) -> str:
        return " · ".join(p for p in (self.group, self.subgroup, self.label) if p)

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)


@dataclass(frozen=True)
class Table:
    key: str  # the report's YAML key: proactive, requests, review_litigation
    part: int  # 2, 3 or 4
    title: str  # the part's printed heading
    rows: tuple[Row, ...]
    # Rows that stand for each other: a report prints either the first tuple or the second.
    alternatives: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    columns: tuple[Column, ...] = ()  # shared columns, where every row has the same ones

    def row(self, key: str) -> Row:
        return self._rows_by_key[key]

    def __hash__(self) -> int:  # the generated one walks every row and column, at every call
        return self._hash

    @cached_property
    def _hash(self) -> int:
        return hash((self.key, self.part, self.title, self.rows, self.alternatives, self.columns))

    @cached_property  # frozen: computed once per table (cached_property writes __dict__ itself)
    def _rows_by_key(self) -> dict[str, Row]:
        return {r.key: r for r in self.rows}

    @cached_property
    def row_keys(self) -> tuple[str, ...]:
        return tuple(r.key for r in self.rows)


@dataclass(frozen=True)
class Template:
    key: str
    name: str
    issued_by: str
    used_for: str
    tables: tuple[Table, ...] = field(default=())

    def table(self, key: str) -> Table:
        return self._tables_by_key[key]

    @cached_property
    def _tables_by_key(self) -> dict[str, Table]:
        return {t.key: t for t in self.tables}


# --- Part 2: 主动公开政府信息情况 ------------------------------------------------------------

ITEM_1 = "第二十条第（一）项"
ITEM_5 = "第二十条第（五）项"
ITEM_6 = "第二十条第（六）项"
ITEM_8 = "第二十条第（八）项"
ITEM_9 = "第二十条第（九）项"

_GB2019_DOCS = (
    Column("new_made", "本年新制作数量"),
    Column("new_published", "本年新公开数量"),
    Column("total_published", "对外公开总数量"),
)
_GB2019_ITEMS = (
    Column("previous_items", "上一年项目数量"),
    Column("change", "本年增/减", CHANGE),
    Column("decisions", "处理决定数量"),
)

PROACTIVE_GB2019 = Table(
    key="proactive",
    part=2,
    title="二、主动公开政府信息情况",
    rows=(
        Row("regulations", "规章", "规章", _GB2019_DOCS, ITEM_1),
        Row("normative_documents", "规范性文件", "规范性文件", _GB2019_DOCS, ITEM_1),
        Row("licensing", "行政许可", "行政许可", _GB2019_ITEMS, ITEM_5),
        Row("other_services", "其他对外管理服务事项", "其他管理服务", _GB2019_ITEMS, ITEM_5),
        Row("penalties", "行政处罚", "行政处罚", _GB2019_ITEMS, ITEM_6),
        Row("compulsion", "行政强制", "行政强制", _GB2019_ITEMS, ITEM_6),
        Row("fees", "行政事业性收费", "行政事业性收费", _GB2019_ITEMS[:2], ITEM_8),
        Row(
            "procurement",
            "政府集中采购",
            "政府集中采购",
            (Column("items", "采购项目数量"), Column("amount", "采购总金额（万元）", MONEY)),
            ITEM_9,
        ),
    ),
)

_GB2021_DOCS = (
    Column("issued", "本年制发件数"),
    Column("repealed", "本年废止件数"),
    Column("in_force", "现行有效件数"),
)
_GB2021_DECISIONS = (Column("decisions", "本年处理决定数量"),)

PROACTIVE_GB2021 = Table(
    key="proactive",
    part=2,
    title="二、主动公开政府信息情况",
    rows=(
        Row("regulations", "规章", "规章", _GB2021_DOCS, ITEM_1),
        Row("normative_documents", "行政规范性文件", "行政规范性文件", _GB2021_DOCS, ITEM_1),
        Row("licensing", "行政许可", "行政许可", _GB2021_DECISIONS, ITEM_5),
        Row("penalties", "行政处罚", "行政处罚", _GB2021_DECISIONS, ITEM_6),
        Row("compulsion", "行政强制", "行政强制", _GB2021_DECISIONS, ITEM_6),
        Row(
            "fees",
            "行政事业性收费",
            "行政事业性收费",
            (Column("amount", "本年收费金额（万元）", MONEY),),
            ITEM_8,
        ),
    ),
)

# Money cells may keep the figure as printed beside them when it was converted (63365元 → 6.3365).
AS_PRINTED_SUFFIX = "_as_printed"

# --- Part 3: 收到和处理政府信息公开申请情况 ---------------------------------------------------

APPLICANT_GROUP = "法人或其他组织"
REQUEST_COLUMNS = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业", group=APPLICANT_GROUP),
    Column("research", "科研机构", group=APPLICANT_GROUP),
    Column("public_welfare", "社会公益组织", group=APPLICANT_GROUP),
    Column("legal_services", "法律服务机构", group=APPLICANT_GROUP),
    Column("other_org", "其他", group=APPLICANT_GROUP),
    Column("total", "总计"),
)
REQUEST_TOTAL_COLUMN = "total"

RESULTS = "三、本年度办理结果"
WITHHELD = "（三）不予公开"
UNAVAILABLE = "（四）无法提供"
NOT_PROCESSED = "（五）不予处理"
OTHER = "（六）其他处理"


def _req(key: str, label: str, short: str, group: str = "", subgroup: str = "") -> Row:
    return Row(key, label, short, REQUEST_COLUMNS, group, subgroup)


_REQUEST_ROWS = (
    _req("received_new", "一、本年新收政府信息公开申请数量", "本年新收"),
    _req("carried_over", "二、上年结转政府信息公开申请数量", "上年结转"),
    _req("disclosed", "（一）予以公开", "予以公开", RESULTS),
    _req(
        "partially_disclosed",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "部分公开",
        RESULTS,
    ),
    _req("withheld_state_secret", "1.属于国家秘密", "国家秘密", RESULTS, WITHHELD),
    _req(
        "withheld_prohibited_by_law",
        "2.其他法律行政法规禁止公开",
        "法律法规禁止",
        RESULTS,
        WITHHELD,
    ),
    _req("withheld_three_safeties", "3.危及“三安全一稳定”", "三安全一稳定", RESULTS, WITHHELD),
    _req("withheld_third_party", "4.保护第三方合法权益", "第三方权益", RESULTS, WITHHELD),
    _req("withheld_internal_affairs", "5.属于三类内部事务信息", "内部事务", RESULTS, WITHHELD),
    _req("withheld_process_information", "6.属于四类过程性信息", "过程性信息", RESULTS, WITHHELD),
    _req("withheld_enforcement_files", "7.属于行政执法案卷", "执法案卷", RESULTS, WITHHELD),
    _req("withheld_query_matters", "8.属于行政查询事项", "行政查询", RESULTS, WITHHELD),
    _req("unavailable_not_held", "1.本机关不掌握相关政府信息", "不掌握", RESULTS, UNAVAILABLE),
    _req(
        "unavailable_needs_creation",
        "2.没有现成信息需要另行制作",
        "需另行制作",
        RESULTS,
        UNAVAILABLE,
    ),
    _req("unavailable_unclear", "3.补正后申请内容仍不明确", "内容不明确", RESULTS, UNAVAILABLE),
    _req("not_processed_petition", "1.信访举报投诉类申请", "信访举报投诉", RESULTS, NOT_PROCESSED),
    _req("not_processed_repeated", "2.重复申请", "重复申请", RESULTS, NOT_PROCESSED),
    _req(
        "not_processed_publication", "3.要求提供公开出版物", "公开出版物", RESULTS, NOT_PROCESSED
    ),
    _req(
        "not_processed_excessive",
        "4.无正当理由大量反复申请",
        "大量反复申请",
        RESULTS,
        NOT_PROCESSED,
    ),
    _req(
        "not_processed_confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        "确认或重新出具",
        RESULTS,
        NOT_PROCESSED,
    ),
    _req("other_processing", "（六）其他处理", "其他处理", RESULTS),
    _req(
        "other_overdue_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "逾期不补正",
        RESULTS,
        OTHER,
    ),
    _req(
        "other_unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "逾期未缴费",
        RESULTS,
        OTHER,
    ),
    _req("other_other", "3.其他", "其他", RESULTS, OTHER),
    _req("total", "（七）总计", "办理总计", RESULTS),
    _req("carried_forward", "四、结转下年度继续办理", "结转下年度"),
)

OTHER_SINGLE = ("other_processing",)
OTHER_SPLIT = ("other_overdue_correction", "other_unpaid_fee", "other_other")

# The rows whose sum is （七）总计 (rule R3): every result row, with either form of （六）.
RESULT_ROWS = tuple(
    r.key for r in _REQUEST_ROWS if r.group == RESULTS and r.key != "total"
)

REQUESTS = Table(
    key="requests",
    part=3,
    title="三、收到和处理政府信息公开申请情况",
    rows=_REQUEST_ROWS,
    alternatives=(OTHER_SINGLE, OTHER_SPLIT),
    columns=REQUEST_COLUMNS,
)

# --- Part 4: 政府信息公开行政复议、行政诉讼情况 ------------------------------------------------

REVIEW_COLUMNS = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other_result", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)
REVIEW_TOTAL_COLUMN = "total"
LITIGATION = "行政诉讼"

REVIEW_LITIGATION = Table(
    key="review_litigation",
    part=4,
    title="四、政府信息公开行政复议、行政诉讼情况",
    rows=(
        Row("review", "行政复议", "行政复议", REVIEW_COLUMNS),
        Row("litigation_direct", "未经复议直接起诉", "直接起诉", REVIEW_COLUMNS, LITIGATION),
        Row("litigation_after_review", "复议后起诉", "复议后起诉", REVIEW_COLUMNS, LITIGATION),
    ),
    columns=REVIEW_COLUMNS,
)

# --- Templates ----------------------------------------------------------------------------

GB2019 = Template(
    key="gb2019",
    name="2019年版格式",
    issued_by="国办公开办函〔2019〕60号",
    used_for="2019年度和2020年度报告",
    tables=(PROACTIVE_GB2019, REQUESTS, REVIEW_LITIGATION),
)
GB2021 = Template(
    key="gb2021",
    name="2021年版格式",
    issued_by="国办公开办函〔2021〕30号",
    used_for="2021年度及以后的报告",
    tables=(PROACTIVE_GB2021, REQUESTS, REVIEW_LITIGATION),
)
NONE = Template(
    key="none",
    name="无固定格式",
    issued_by="",
    used_for="2019年以前的报告",
    tables=(),
)

TEMPLATES: dict[str, Template] = {t.key: t for t in (GB2019, GB2021, NONE)}

# The first year each template was meant for (rule R8).
GB2021_FIRST_YEAR = 2021
GB2019_FIRST_YEAR = 2019

# --- The six parts --------------------------------------------------------------------------

# (YAML key, part number, printed heading). Text parts are Markdown; table parts are above.
TEXT_PARTS = (
    ("overview", 1, "一、总体情况"),
    ("problems", 5, "五、存在的主要问题及改进情况"),
    ("other", 6, "六、其他需要报告的事项"),
)
PART_TITLES = {
    1: "一、总体情况",
    2: "二、主动公开政府信息情况",
    3: "三、收到和处理政府信息公开申请情况",
    4: "四、政府信息公开行政复议、行政诉讼情况",
    5: "五、存在的主要问题及改进情况",
    6: "六、其他需要报告的事项",
}

# Free text printed inside a table part, before its table (e.g. 本年度未收到政府信息公开申请).
TABLE_TEXT_SUFFIX = "_text"

# --- Agencies -------------------------------------------------------------------------------

AGENCY_KINDS = {
    "county_government": "县级人民政府",
    "department": "政府部门",
    "township": "乡镇人民政府",
    "subdistrict": "街道办事处",
    "other": "其他机关单位",
}
