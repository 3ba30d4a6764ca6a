"""Write the audit test portal: one county's agencies over 2020–2022, with known quality problems.

    python -m tests.data.audit.make_portal          # rewrites tests/data/audit/portal/

The texts are modelled on real reports (the seeds in shared/seeds): the opening sentence and
the statistics period every report carries, a county-wide sentence all agencies copy from the
county's template, and parts of their own. What the tests expect to find:

* ``ziran`` (安平县自然资源局, renamed from 安平县国土资源局 in 2021, same id) copies its 2020
  overview into 2021 with the name and the year changed (Q3), not in 2022; its 2020 report is
  ``gb2019`` with the single （六） row and its 2021 one ``gb2021`` with the three rows, the
  carried requests chaining across the change (R5 silent); its 2022 part 6 speaks only of
  行政事业性收费 (Q7).
* ``hexi`` and ``dongguan`` share most of part 5 in 2021 (Q4, both ways).
* ``dongguan`` 2022 states 3 requests in words while the table has 2 (R9), and its part 6 is
  only 无其他需要报告的事项 (Q5).
* ``xian`` (the county government) publishes its 2021 report on 28 March 2022, in time for a
  county government, and its 2022 report on 10 April 2023, late (Q1).
* ``xinhua`` has only a 2021 report (Q2 for 2020 and 2022).

Everything else is clean, so each test can assert the exact list of findings.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

from generator import yamlio
from generator.model import spec
from generator.model.report import Report, Source

HERE = Path(__file__).resolve().parent
COUNTY = "安平县"

AGENCIES = [
    {"id": "xian", "name": "安平县人民政府", "short_name": "县政府", "kind": "county_government", "order": 1},
    {
        "id": "ziran",
        "name": "安平县自然资源局",
        "short_name": "自然资源局",
        "kind": "department",
        "order": 10,
        "former_names": ["安平县国土资源局"],
    },
    {"id": "hexi", "name": "安平县河西镇人民政府", "short_name": "河西镇", "kind": "township", "order": 20},
    {"id": "dongguan", "name": "安平县东关镇人民政府", "short_name": "东关镇", "kind": "township", "order": 30},
    {"id": "xinhua", "name": "安平县新华街道办事处", "short_name": "新华街道", "kind": "subdistrict", "order": 40},
]


def preamble(name: str, year: int, office: str) -> str:
    template = "国办公开办函〔2019〕60号" if year < 2021 else "国办公开办函〔2021〕30号"
    return (
        f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室"
        f"关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（{template}）要求，由{name}编制。"
        f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
        f"本年度报告的电子版可以从{COUNTY}人民政府网站下载。"
        f"如对本报告有任何疑问，请与{office}联系（电话：0318-7822001）。\n"
    )


# The county's template sentence every agency copies into part 1: boilerplate by frequency.
COUNTY_TEMPLATE = (
    "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党中央、国务院和省委、省政府关于全面推进政务公开工作的决策部署，"
    "紧紧围绕县委、县政府中心工作，持续深化政务公开。"
)

OWN = {
    ("xian", 2021): (
        "全县统筹推进基层政务公开标准化规范化建设，编制完成26个领域基层政务公开标准目录。"
        "县政府门户网站全年发布各类政府信息4260条，政策解读材料86篇，其中图解类解读31篇。"
        "县政府常务会议审议的涉及群众切身利益的事项，会前均通过门户网站公开征求意见。"
    ),
    ("xian", 2022): (
        "全县政府网站集约化平台完成迁移，各乡镇和部门网站统一纳入县级平台管理。"
        "围绕优化营商环境，集中公开惠企政策清单127项，并在政务服务大厅设立政策兑现窗口。"
        "县政府召开新闻发布会12场，主要负责同志出席发布会解读重大政策3次。"
    ),
    ("ziran", 2020): (
        "安平县国土资源局2020年在门户网站公开土地征收信息37条，建设用地审批结果21条。"
        "及时公开国有建设用地使用权出让公告和结果公示，全年发布出让信息18宗。"
        "不动产登记中心将办事指南、收费标准和办理时限在服务大厅和网站同步公开。"
        "安平县国土资源局将政府信息公开工作纳入年度目标考核，落实专人负责信息发布。"
    ),
    ("ziran", 2022): (
        "国土空间总体规划草案公示期间收到群众意见42条，逐条在网站反馈采纳情况。"
        "全面推行不动产登记“一窗受理、并行办理”，办事流程和材料清单全部上网公开。"
        "耕地保护和违法用地查处结果按季度公开，全年公开查处信息24条。"
    ),
    ("hexi", 2021): (
        "河西镇依托镇便民服务中心设立政务公开专区，公开办事指南56项。"
        "镇村两级利用公示栏公开低保、特困供养等民生资金发放信息，每季度更新一次。"
    ),
    ("hexi", 2022): (
        "河西镇全年在县政府网站乡镇专栏发布工作动态83条，公开财政预决算和“三公”经费。"
        "各村利用村务公开栏和微信群公开村级事务，全年公开事项310余条。"
    ),
    ("dongguan", 2021): (
        "东关镇全年通过县政府网站乡镇专栏发布信息71条，公开镇级财政预决算。"
        "在镇政府门前设置电子显示屏，滚动播放惠农政策和疫情防控信息。"
    ),
    ("dongguan", 2022): (
        "东关镇全年通过县政府网站乡镇专栏发布信息65条，公开镇级财政预决算。"
        "组织镇村干部参加政务公开业务培训2次，提升信息发布质量。"
    ),
    ("xinhua", 2021): (
        "新华街道办事处在社区服务站公开居民办事指南32项。"
        "街道各社区利用居民微信群及时发布疫情防控、就业帮扶等信息。"
    ),
}
# ziran 2021: its 2020 overview with the new name and the year changed, and one new sentence.
OWN[("ziran", 2021)] = (
    OWN[("ziran", 2020)].replace("安平县国土资源局", "安平县自然资源局").replace("2020", "2021")
    + "机构改革后，原国土资源、规划等职责整合划入本局，相关信息统一在本局栏目发布。"
)

PROBLEMS_HEXI_2021 = (
    "本年度政务公开工作还存在一些不足：一是主动公开的内容还不够全面，政策解读形式较为单一；"
    "二是村级政务公开栏更新不及时，部分信息发布滞后；三是工作人员业务水平有待提高。"
    "下一步，河西镇将加强业务培训，完善信息发布审核机制，推动政务公开向村级延伸。"
)
PROBLEMS = {
    ("hexi", 2021): PROBLEMS_HEXI_2021,
    ("dongguan", 2021): PROBLEMS_HEXI_2021.replace("河西镇", "东关镇").replace("三是工作人员业务水平有待提高。", "三是宣传力度不够。"),
    ("xian", 2021): "部分部门政策解读质量不高，回应关切不够及时。2022年将建立政策解读质量评估机制，加强对乡镇和部门的督导检查。",
    ("xian", 2022): "基层政务公开标准目录落实不平衡，个别乡镇目录更新滞后。2023年将开展目录动态调整，纳入年度绩效考核。",
    ("ziran", 2020): "部分信息公开不及时，征地信息公开的要素不够齐全。下一步将按照标准目录逐项核对，确保要素完整。",
    ("ziran", 2021): "规划类信息专业性强，群众理解有难度。下一步将增加图解和问答形式的解读，提升可读性。",
    ("ziran", 2022): "依申请公开答复文书格式不够统一。下一步将制定答复文书范本，规范办理流程。",
    ("hexi", 2022): "镇级网站专栏信息分类不够清晰。下一步将按照标准目录调整栏目设置，方便群众查找。",
    ("dongguan", 2022): "信息审核把关不够严格，出现过错别字。下一步将落实三审三校制度，提高信息质量。",
    ("xinhua", 2021): "社区信息公开渠道较少，居民知晓率不高。下一步将拓展社区公众号等渠道，提高居民知晓率。",
}
OTHER = {
    ("xian", 2021): "本年度未收取信息处理费。县政府共承办人大代表建议56件、政协提案78件，已全部办结并公开答复。\n",
    ("xian", 2022): "本年度未收取信息处理费。县政府办理人大代表建议61件、政协提案70件，办理结果全部公开。\n",
    ("ziran", 2020): "无其他需要报告的事项。\n",  # gb2019: no Q7; Q5 (says nothing)
    ("ziran", 2021): "本年度依申请公开未收取信息处理费。\n",
    ("ziran", 2022): "本局2022年度行政事业性收费项目3项，收费标准已在办事大厅公示。\n",
    ("hexi", 2021): "本年度未收取信息处理费。\n",
    ("hexi", 2022): "本年度未收取信息处理费。河西镇完成政务公开标准化规范化试点验收。\n",
    ("dongguan", 2021): "2021年度未收取信息处理费。\n",
    ("dongguan", 2022): "本年度无其他需要报告的事项。\n",
    ("xinhua", 2021): "本年度未收取信息处理费。\n",
}
REQUESTS_TEXT = {
    ("hexi", 2021): "2021年，河西镇收到政府信息公开申请两件，均已按期答复。\n",
    ("dongguan", 2022): "本年度共收到政府信息公开申请3件，均已办结。\n",
    ("xinhua", 2021): "本年度未收到政府信息公开申请。\n",
    ("ziran", 2021): "本年度新收政府信息公开申请4件，上年结转1件，结转下年度继续办理0件。\n",
}
PUBLISHED = {
    ("xian", 2021): dt.date(2022, 3, 28),
    ("xian", 2022): dt.date(2023, 4, 10),
    ("ziran", 2020): dt.date(2021, 1, 29),
    ("ziran", 2021): dt.date(2022, 1, 27),
    ("ziran", 2022): dt.date(2023, 1, 30),
    ("hexi", 2021): dt.date(2022, 1, 20),
    ("dongguan", 2021): dt.date(2022, 1, 21),
    ("dongguan", 2022): dt.date(2023, 1, 18),
}
# (received by natural persons, carried over, carried forward) per report.
REQUESTS = {
    ("ziran", 2020): (3, 0, 1),
    ("ziran", 2021): (4, 1, 0),
    ("ziran", 2022): (5, 0, 0),
    ("hexi", 2021): (2, 0, 0),
    ("dongguan", 2022): (2, 0, 0),
}
REPORTS = sorted(OWN, key=lambda k: (k[1], k[0]))


def requests(template: str, year: int, received: int, over: int, forward: int) -> dict[str, list[int]]:
    zero = [0] * 7
    split = template == "gb2021"  # the three （六） rows; gb2019 prints the single one
    rows = {}
    for key in spec.REQUESTS.row_keys:
        if key in spec.OTHER_SPLIT and not split or key == "other_processing" and split:
            continue
        rows[key] = list(zero)
    handled = received + over - forward
    for key, n in (("received_new", received), ("carried_over", over), ("disclosed", handled), ("total", handled), ("carried_forward", forward)):
        rows[key] = [n, 0, 0, 0, 0, 0, n]
    return rows


def proactive(template: str) -> dict[str, list[object]]:
    table = spec.TEMPLATES[template].table("proactive")
    return {r.key: [0] * len(r.columns) for r in table.rows}


def make(agency: dict[str, object], year: int) -> tuple[Report, str]:
    key = (str(agency["id"]), year)
    name = str(agency["name"])
    if key[0] == "ziran" and year < 2021:
        name = "安平县国土资源局"
    template = "gb2019" if year < 2021 else "gb2021"
    received, over, forward = REQUESTS.get(key, (0, 0, 0))
    report = Report(
        agency=key[0],
        year=year,
        template=template,
        title=f"{name}{year}年政府信息公开工作年度报告",
        agency_name=name,
        published=PUBLISHED.get(key),
        preamble=preamble(name, year, f"{name}办公室"),
        overview=COUNTY_TEMPLATE + "\n\n" + OWN[key] + "\n",
        proactive=proactive(template),
        requests_text=REQUESTS_TEXT.get(key),
        requests=requests(template, year, received, over, forward),
        review_litigation={k: [0] * 5 for k in spec.REVIEW_LITIGATION.row_keys},
        problems=PROBLEMS[key] + "\n",
        other=OTHER[key],
    )
    original = "\n\n".join(
        t for t in (report.title, report.preamble, report.overview, report.requests_text, report.problems, report.other) if t
    )
    return report, original


def write(out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    (out / "reports").mkdir(parents=True)
    yamlio.write_atomic(out / "site.yaml", yamlio.dumps({"title": "安平县政府信息公开工作年度报告", "sponsor": "安平县人民政府办公室"}))
    yamlio.write_atomic(out / "agencies.yaml", yamlio.dumps(AGENCIES))
    by_id = {a["id"]: a for a in AGENCIES}
    for agency_id, year in REPORTS:
        report, original = make(by_id[agency_id], year)
        file = out / "originals" / agency_id / f"{year}.txt"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(original, encoding="utf-8")
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
        report.source = Source(file=f"originals/{agency_id}/{year}.txt", sha256=digest)
        target = out / "reports" / agency_id / f"{year}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        yamlio.write_atomic(target, yamlio.dumps_report(report.to_data()))


if __name__ == "__main__":
    write(HERE / "portal")
    print(f"wrote {HERE / 'portal'}")
