"""The text of a report: preamble, the free-text parts 1, 5 and 6, the intros printed inside parts
2-4, the signature. Modelled on the phrasing real county reports use (see shared/seeds/), with
the numbers stated in the text agreeing with the tables (rule R9)."""

from __future__ import annotations

import random

from .places import Agency

FOCUS = {
    2019: ["脱贫攻坚", "扫黑除恶专项斗争", "优化营商环境"],
    2020: ["疫情防控", "复工复产", "脱贫攻坚"],
    2021: ["疫情防控", "乡村振兴", "党史学习教育"],
    2022: ["疫情防控", "稳住经济大盘", "安全生产"],
    2023: ["乡村振兴", "优化营商环境", "民生实事"],
    2024: ["乡村全面振兴", "民生实事", "安全生产治本攻坚"],
    2025: ["“十四五”规划收官", "民生实事", "基层治理"],
}
LEADER = {"town": "党委、政府", "street": "党工委、办事处", "department": "局党组", "government": "区委、区政府"}

OPENINGS = [
    "{year}年，{who}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》（以下简称《条例》）和{prov}、{city}、{county}关于政务公开工作的各项部署，坚持“以公开为常态、不公开为例外”原则，紧紧围绕中心工作和群众关切，不断提升政务公开质量和实效。",
    "本年度，{short}政府信息公开工作在{leader}的正确领导下，以《条例》以及国家、省、市和{county}政务公开工作要点等相关文件精神为依据，不断完善工作机制，规范公开形式，妥善处理公开与保密的关系，全面做好政府信息公开工作。",
    "{year}年，{who}高度重视政府信息公开工作，将其列入重要议事日程，明确分管领导和专兼职工作人员，按照“谁制作、谁公开，谁保存、谁公开”的原则，推动政府信息公开工作规范化、标准化，较好地保障了人民群众的知情权、参与权和监督权。",
]
SECTIONS = [
    ("主动公开情况", "聚焦重点工作，做好主动公开", "主动公开"),
    ("依申请公开情况", "规范依申请公开办理", "依申请公开"),
    ("政府信息管理情况", "加强政府信息管理", "政府信息管理"),
    ("平台建设情况", "强化公开平台建设", "平台建设"),
    ("监督保障情况", "强化监督保障", "监督保障"),
]
MANAGE = [
    "严格落实政府信息公开保密审查制度，坚持“先审查、后公开”和“一事一审”原则，做到“涉密不上网、上网不涉密”。",
    "建立健全政府信息公开属性源头认定机制，在公文办理环节明确公开属性，对不予公开的说明理由。",
    "严格执行“三审三校”制度，明确信息发布流程，确保发布信息内容准确、表述规范、时效及时。",
    "加强政策解读，坚持政策文件与解读材料同步起草、同步审签、同步发布。",
]
PLATFORM = [
    "充分发挥政务微信公众号等新媒体作用，全年发布信息{n}条，及时传递政策声音。",
    "利用村（社区）公开栏、电子显示屏、“村村响”广播等载体，扩大政务信息覆盖面。",
    "按照基层政务公开标准化规范化要求，编制发布本级政务公开事项标准目录，并实行动态调整。",
    "在便民服务大厅设置政府信息公开查阅点，配备电脑和查阅设备，方便群众就近查询。",
]
SUPERVISE = [
    "成立由主要负责同志任组长的政务公开工作领导小组，办公室设在{office}，配备专兼职工作人员{n}名。",
    "将政务公开工作纳入年度目标考核体系，定期开展自查自纠，及时整改发现的问题。",
    "组织开展政务公开业务培训{n}次，工作人员业务水平进一步提升。",
    "主动接受社会监督，畅通意见反馈渠道，全年未收到涉及政府信息公开工作的举报和投诉。",
]
PROBLEMS = [
    "工作人员业务能力有待提升，对《条例》的理解和把握还不够深入",
    "公开内容还不够全面，政策解读形式较为单一，图解、视频等多元化解读运用不多",
    "政务新媒体运营力量不足，与群众的互动交流不够",
    "群众对政府信息公开工作的知晓率不高，公开效果有待提升",
    "依申请公开答复的规范性有待进一步加强",
    "信息发布和更新频率有待提高，部分栏目更新不及时",
]
FIXES = [
    "加强业务培训，提升工作人员业务能力",
    "进一步拓展公开内容，重点做好{focus}等领域的信息公开",
    "加强政务新媒体建设和管理，及时回应社会关切",
    "规范依申请公开办理流程，严格依法依规答复",
    "强化监督考核，将政务公开工作纳入年度考核，确保各项工作落到实处",
]
NUMS = "一二三四五六"


def _ord(i: int) -> str:
    return NUMS[i]


def contact(rng: random.Random, a: Agency) -> dict:
    c = a.county
    phone = rng.choice([f"{c.area_code}-{rng.randint(2000000, 8999999)}", f"（{c.area_code}）{rng.randint(2000000, 8999999)}",
                        f"{c.area_code}—{rng.randint(2000000, 8999999)}", str(rng.randint(2000000, 8999999))])
    out = {"address": f"{c.name}{a.base if a.kind in ('town', 'street') else ''}{a.street}{a.number}号",
           "postcode": c.postcode[:-2] + f"{rng.randint(0, 39):02d}" if a.kind in ("town", "street") else c.postcode,
           "phone": phone}
    if rng.random() < 0.7:
        out["email"] = a.email
    if rng.random() < 0.3:
        out["website"] = "http://" + c.domain
    return out


def preamble(rng: random.Random, a: Agency, year: int, name: str, contact_: dict, template: str) -> str:
    c = contact_
    bits = [f"地址：{c['address']}", f"邮编：{c['postcode']}", f"联系电话：{c['phone']}"]
    if "email" in c:
        bits.append(f"电子邮箱：{c['email']}")
    sep = rng.choice(["；", "，"])
    reach = f"如对报告有疑问，请与{name}{a.office}联系（{sep.join(bits)}）。"
    notice = "（国办公开办函〔2019〕60号）" if template == "gb2019" else "（国办公开办函〔2021〕30号）"
    forms = [
        f"根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，特向社会公布{year}年度{name}政府信息公开工作年度报告。报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六部分组成。报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。{reach}",
        f"本报告依据《中华人民共和国政府信息公开条例》（国务院令第711号）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》{notice}要求，由{name}结合有关统计数据编制。本年度报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。本年度报告的电子版可以从{a.county.name}人民政府网站（http://{a.county.domain}）下载。{reach}",
    ]
    return rng.choice(forms)


def overview(rng: random.Random, a: Agency, year: int, tables: dict, numbered: bool) -> tuple[str, list[tuple[str, str]]]:
    """Part 1: an opening paragraph and five sub-sections (heading, text)."""
    focus = FOCUS.get(year, FOCUS[2023])
    me = a.self_word()
    opening = rng.choice(OPENINGS).format(year=year, who=me[1:] if a.kind == "department" else a.base_in(year), short=a.base_in(year),
                                          leader=LEADER[a.kind], prov=a.county.province[:2] + "省" if a.county.province.endswith("省") else a.county.province,
                                          city=a.county.city, county=a.county.name)
    req = tables["requests"]
    new = req["received_new"][6]
    p = tables["proactive"]
    lic = p["licensing"][-1]
    pen = p["penalties"][-1]
    texts = [
        f"围绕{'、'.join(focus[:2])}等重点工作，及时发布工作动态、通知公告和政策解读，全年发布政策解读{rng.randint(1, 40)}篇。"
        f"全年通过{a.county.name}人民政府门户网站、政务新媒体、政务公开栏等渠道主动公开各类政府信息{rng.randint(40, 900)}条。"
        + (f"按照“双公示”要求，全年公开行政许可决定{lic}件、行政处罚决定{pen}件，做到应公开尽公开。" if isinstance(lic, int) else ""),
        (f"{year}年，{me}共收到政府信息公开申请{new}件，上年结转{req['carried_over'][6]}件。所有申请均在法定期限内予以答复，未发生超期答复情况。"
         if isinstance(new, int) and new else f"{year}年，{me}未收到政府信息公开申请。畅通依申请公开渠道，安排专人负责受理、登记、办理和答复，严格按照法定程序和时限办理。"),
        "".join(rng.sample(MANAGE, 2)),
        "".join(rng.sample(PLATFORM, 2)).format(n=rng.randint(20, 600)),
        "".join(rng.sample(SUPERVISE, 2)).format(office=a.office, n=rng.randint(1, 4)),
    ]
    style = rng.randrange(3)
    sections = []
    for i, (h1, h2, h3) in enumerate(SECTIONS):
        head = [h1, h2, h3][style]
        sections.append((f"（{_ord(i)}）{head}" if numbered else f"{_ord(i)}是{head}。", texts[i]))
    return opening, sections


def problems(rng: random.Random, year: int) -> str:
    focus = FOCUS.get(year, FOCUS[2023])[0]
    ps = rng.sample(PROBLEMS, rng.randint(2, 4))
    fs = [f.format(focus=focus) for f in rng.sample(FIXES, rng.randint(2, 4))]
    p = "".join(f"{_ord(i)}是{t}。" for i, t in enumerate(ps))
    f = "".join(f"{_ord(i)}是{t}。" for i, t in enumerate(fs))
    return f"工作存在的问题：{p}\n\n改进措施：{f}"


def other(rng: random.Random, a: Agency, year: int, template: str) -> str:
    me = a.self_word()
    if template == "gb2019" or rng.random() < 0.3:
        return rng.choice([f"{year}年，{me}未收取政府信息公开相关费用，无其他需要报告的事项。", "无其他需要报告的事项。"])
    return (f"（一）收取信息处理费情况\n\n依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），{year}年{me}未收取信息处理费。\n\n"
            f"（二）人大代表建议和政协提案办理情况\n\n{year}年，{me}共承办人大代表建议{rng.randint(0, 12)}件、政协委员提案{rng.randint(0, 12)}件，均已按期办结，办复率100%。")


def part_intros(rng: random.Random, a: Agency, year: int, tables: dict) -> dict:
    me = a.self_word()
    new = tables["requests"]["received_new"][6]
    rl = tables["review_litigation"]
    rev = rl["review"][4]
    lit = (rl["litigation_direct"][4] or 0) + (rl["litigation_after_review"][4] or 0) if isinstance(rev, int) else None
    out = {"part2_intro": None, "part3_intro": None, "part4_intro": None}
    if rng.random() < 0.4:
        out["part2_intro"] = "在《条例》第二十条规定的主动公开信息中，第（一）、（五）、（六）、（八）项内容的公开情况详见下表。"
    if rng.random() < 0.35 and isinstance(new, int):
        out["part3_intro"] = f"{year}年，{me}共收到政府信息公开申请{new}件。" if new else f"{year}年度，{me}未收到依申请公开政府信息的受理件。"
    if rng.random() < 0.35 and isinstance(rev, int):
        out["part4_intro"] = (f"{year}年，{me}因政府信息公开被申请行政复议{rev}件，被提起行政诉讼{lit}件。" if rev or lit
                              else f"{year}年，{me}没有因政府信息公开而被申请行政复议或提起行政诉讼。")
    return out
