"""The printed article of a report, independent of any file format: a list of blocks (title
lines, headings, paragraphs, tables, signature); tables are grids of cells with the rowspan and
colspan of the official template (国办公开办函〔2019〕60号 / 〔2021〕30号).

The printed labels carry the report's label variants (typos, shortened, spaced, half-width
parentheses) and the numbers its printing variants (full-width digits, money in 元, blank
tables); the truth is never changed by them."""

from __future__ import annotations

from dataclasses import dataclass, field

from .truth import MONEY_KEYS, Report

FULLWIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    head: bool = False
    number: bool = False


@dataclass
class Table:
    part: int
    rows: list[list[Cell]]
    head_rows: int = 0   # how many leading rows are column headings
    caption: str = ""


@dataclass
class Block:
    kind: str            # title | h1 | h2 | p | table | sign
    text: str = ""
    lines: list[str] = field(default_factory=list)
    table: Table | None = None


R3_ROWS = [
    ("received_new", None, "一、本年新收政府信息公开申请数量"),
    ("carried_over", None, "二、上年结转政府信息公开申请数量"),
    ("disclosed", ("三、本年度办理结果", None), "（一）予以公开"),
    ("partially_disclosed", ("三、本年度办理结果", None), "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("withheld_state_secret", ("三、本年度办理结果", "（三）不予公开"), "1.属于国家秘密"),
    ("withheld_prohibited_by_law", ("三、本年度办理结果", "（三）不予公开"), "2.其他法律行政法规禁止公开"),
    ("withheld_three_safeties", ("三、本年度办理结果", "（三）不予公开"), "3.危及“三安全一稳定”"),
    ("withheld_third_party", ("三、本年度办理结果", "（三）不予公开"), "4.保护第三方合法权益"),
    ("withheld_internal_affairs", ("三、本年度办理结果", "（三）不予公开"), "5.属于三类内部事务信息"),
    ("withheld_process_information", ("三、本年度办理结果", "（三）不予公开"), "6.属于四类过程性信息"),
    ("withheld_enforcement_files", ("三、本年度办理结果", "（三）不予公开"), "7.属于行政执法案卷"),
    ("withheld_query_matters", ("三、本年度办理结果", "（三）不予公开"), "8.属于行政查询事项"),
    ("unavailable_not_held", ("三、本年度办理结果", "（四）无法提供"), "1.本机关不掌握相关政府信息"),
    ("unavailable_needs_creation", ("三、本年度办理结果", "（四）无法提供"), "2.没有现成信息需要另行制作"),
    ("unavailable_unclear", ("三、本年度办理结果", "（四）无法提供"), "3.补正后申请内容仍不明确"),
    ("not_processed_petition", ("三、本年度办理结果", "（五）不予处理"), "1.信访举报投诉类申请"),
    ("not_processed_repeated", ("三、本年度办理结果", "（五）不予处理"), "2.重复申请"),
    ("not_processed_publication", ("三、本年度办理结果", "（五）不予处理"), "3.要求提供公开出版物"),
    ("not_processed_excessive", ("三、本年度办理结果", "（五）不予处理"), "4.无正当理由大量反复申请"),
    ("not_processed_confirmation", ("三、本年度办理结果", "（五）不予处理"), "5.要求行政机关确认或重新出具已获取信息"),
    ("other_processing", ("三、本年度办理结果", None), "（六）其他处理"),
    ("other_overdue_correction", ("三、本年度办理结果", "（六）其他处理"), "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_unpaid_fee", ("三、本年度办理结果", "（六）其他处理"), "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_other", ("三、本年度办理结果", "（六）其他处理"), "3.其他"),
    ("total", ("三、本年度办理结果", None), "（七）总计"),
    ("carried_forward", None, "四、结转下年度继续办理"),
]
TYPOS = {"2.其他法律行政法规禁止公开": "2.其他法律行政止公开", "4.无正当理由大量反复申请": "4.无正当理由由大量反复申请",
         "5.要求行政机关确认或重新出具已获取信息": "5.要求行政机关确认或重新出具已获取的信息", "结果维持": "结果维护"}
SHORT = {"（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "（二）部分公开", "行政规范性文件": "规范性文件",
         "3.危及“三安全一稳定”": "3.危及\"三安全一稳定\"", "一、本年新收政府信息公开申请数量": "一、本年新收政府信息公开申请数",
         "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请的"}
SPACED = {"（一）予以公开": "（一）予 以 公 开", "信息内容": "信 息 内 容", "2.重复申请": "2.重 复 申 请",
          "总计": "总 计", "1.属于国家秘密": "1.属于国 家秘密", "其他结果": "其 他 结 果"}


def label(r: Report, text: str) -> str:
    if r.has("short_labels"):
        text = SHORT.get(text, text)
    if r.has("label_typos"):
        text = TYPOS.get(text, text)
    if r.has("spaced_labels"):
        text = SPACED.get(text, text)
    if r.has("halfwidth_parens"):
        text = text.replace("（", "(").replace("）", ")")
    return text


def number(r: Report, value, money: bool = False) -> str:
    if value is None:
        return ""
    if money and r.has("money_yuan"):
        s = str(round(value * 10_000))
    elif isinstance(value, float):
        s = f"{value:.4f}".rstrip("0").rstrip(".")
    else:
        s = str(value)
    return s.translate(FULLWIDTH) if r.has("fullwidth_digits") else s


def _h(text: str, **kw) -> Cell:
    return Cell(text, head=True, **kw)


def proactive_tables(r: Report) -> list[Table]:
    p = r.tables["proactive"]
    L = lambda t: label(r, t)  # noqa: E731
    key, col = MONEY_KEYS[r.template]
    unit = "（元）" if r.has("money_yuan") else "（单位：万元）"

    def nums(k: str) -> list[Cell]:
        return [Cell(number(r, v, money=(k == key and i == col)), number=True) for i, v in enumerate(p[k])]

    if r.template == "gb2021":
        spec = [("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"], [("regulations", "规章"), ("normative_documents", "行政规范性文件")]),
                ("第二十条第（五）项", ["本年处理决定数量"], [("licensing", "行政许可")]),
                ("第二十条第（六）项", ["本年处理决定数量"], [("penalties", "行政处罚"), ("compulsion", "行政强制")]),
                ("第二十条第（八）项", ["本年收费金额" + unit], [("fees", "行政事业性收费")])]
    else:
        three = ["上一年项目数量", "本年增/减", "处理决定数量"]
        spec = [("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"], [("regulations", "规章"), ("normative_documents", "规范性文件")]),
                ("第二十条第（五）项", three, [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")]),
                ("第二十条第（六）项", three, [("penalties", "行政处罚"), ("compulsion", "行政强制")]),
                ("第二十条第（八）项", three[:2], [("fees", "行政事业性收费")]),
                ("第二十条第（九）项", ["采购项目数量", "采购总金额" + unit], [("procurement", "政府集中采购")])]
    tables = []
    for caption, cols, rows in spec:
        width = 1 + len(cols)
        grid = [[_h(caption, colspan=width)], [_h(L("信息内容"))] + [_h(c) for c in cols]]
        for k, lab in rows:
            grid.append([Cell(L(lab))] + nums(k))
        tables.append(Table(2, grid, head_rows=2, caption=caption))
    if r.has("proactive_one_table"):
        width = max(len(t.rows[1]) for t in tables)
        grid = []
        for t in tables:
            for row in t.rows:
                row = list(row)
                spare = width - sum(c.colspan for c in row)
                if spare:
                    last = row[-1]
                    row[-1] = Cell(last.text, last.rowspan, last.colspan + spare, last.head, last.number)
                grid.append(row)
        return [Table(2, grid, head_rows=2)]
    return tables


def requests_table(r: Report) -> Table:
    req = r.tables["requests"]
    L = lambda t: label(r, t)  # noqa: E731
    grid = [
        [_h("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3), _h("申请人情况", colspan=7)],
        [_h("自然人", rowspan=2), _h("法人或其他组织", colspan=5), _h(L("总计"), rowspan=2)],
        [_h(t) for t in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]],
    ]
    rows = [x for x in R3_ROWS if x[0] in req]
    for i, (key, group, lab) in enumerate(rows):
        cells: list[Cell] = []
        if group is None:
            cells.append(Cell(L(lab), colspan=3))
        else:
            g1, g2 = group
            if i == 0 or rows[i - 1][1] is None or rows[i - 1][1][0] != g1:
                cells.append(Cell(L(g1), rowspan=sum(1 for x in rows if x[1] and x[1][0] == g1)))
            if g2 is None:
                cells.append(Cell(L(lab), colspan=2))
            else:
                if rows[i - 1][1] != group:
                    cells.append(Cell(L(g2), rowspan=sum(1 for x in rows if x[1] == group)))
                cells.append(Cell(L(lab)))
        cells += [Cell(number(r, v), number=True) for v in req[key]]
        grid.append(cells)
    return Table(3, grid, head_rows=3)


def review_table(r: Report) -> Table:
    rl = r.tables["review_litigation"]
    L = lambda t: label(r, t)  # noqa: E731
    outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    grid = [
        [_h("行政复议", colspan=5), _h("行政诉讼", colspan=10)],
        [_h(L(o), rowspan=2) for o in outcomes] + [_h("未经复议直接起诉", colspan=5), _h("复议后起诉", colspan=5)],
        [_h(L(o)) for o in outcomes * 2],
        [Cell(number(r, v), number=True) for g in ("review", "litigation_direct", "litigation_after_review") for v in rl[g]],
    ]
    return Table(4, grid, head_rows=3)


def _paras(text: str) -> list[Block]:
    out = []
    for para in text.split("\n\n"):
        short_head = para.startswith("（") and len(para) < 24 and "。" not in para
        out.append(Block("h2" if short_head else "p", para))
    return out


def article(r: Report) -> list[Block]:
    """The report as printed, from the title to the signature."""
    if r.has("title_two_lines"):
        cut = r.title.index("政府信息公开") + len("政府信息公开")
        cut = cut if cut < len(r.title) - 2 else r.title.index("年") + 1
        title = Block("title", lines=[r.title[:cut], r.title[cut:]])
    else:
        title = Block("title", lines=[r.title])
    blocks = [title]
    if r.preamble:
        blocks.append(Block("p", r.preamble))
    blocks += [Block("h1", "一、总体情况"), Block("p", r.opening)]
    for head, text in r.sections:
        if head.startswith("（"):
            blocks += [Block("h2", head), Block("p", text)]
        else:
            blocks.append(Block("p", head + text))
    blocks.append(Block("h1", "二、主动公开政府信息情况"))
    if r.intros.get("part2_intro"):
        blocks.append(Block("p", r.intros["part2_intro"]))
    blocks += [Block("table", table=t) for t in proactive_tables(r)]
    blocks.append(Block("h1", "三、收到和处理政府信息公开申请情况"))
    if r.intros.get("part3_intro"):
        blocks.append(Block("p", r.intros["part3_intro"]))
    blocks.append(Block("table", table=requests_table(r)))
    blocks.append(Block("h1", "四、政府信息公开行政复议、行政诉讼情况"))
    if r.intros.get("part4_intro"):
        blocks.append(Block("p", r.intros["part4_intro"]))
    blocks.append(Block("table", table=review_table(r)))
    blocks.append(Block("h1", "五、存在的主要问题及改进情况"))
    blocks += _paras(r.problems)
    blocks.append(Block("h1", "六、其他需要报告的事项"))
    blocks += _paras(r.other)
    blocks.append(Block("sign", lines=list(r.signature)))
    return blocks


def grid_positions(table: Table) -> list[list[tuple[int, Cell]]]:
    """Each row's cells with the column each starts at, rowspans and colspans resolved."""
    taken: dict[tuple[int, int], bool] = {}
    out = []
    for ri, row in enumerate(table.rows):
        col = 0
        placed = []
        for cell in row:
            while taken.get((ri, col)):
                col += 1
            placed.append((col, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken[(ri + dr, col + dc)] = True
            col += cell.colspan
        out.append(placed)
    return out
