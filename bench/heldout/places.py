"""Counties and agencies with real-looking names, and the ways a report's title names them.

County names are real places (so the text reads like a real report); agencies, addresses and
phone numbers are invented. The list deliberately holds what trips an importer in practice:
two townships whose names share a pinyin (七星镇 / 齐兴镇), a short name found in two counties
(城关镇), a township that became a town (高峰乡 -> 高峰镇), an agency whose title gains the city
prefix from one year to the next, and department names that differ only after the county name.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass(frozen=True)
class County:
    name: str          # 修武县
    city: str          # 焦作市
    province: str      # 河南省
    domain: str        # www.xiuwu.gov.cn
    area_code: str     # 0391
    postcode: str      # 454350
    icp: str           # 豫ICP备05010425号
    site_code: str     # 网站标识码
    street: str        # a main street for addresses

    @property
    def short(self) -> str:
        return self.name[:-1] if len(self.name) > 2 else self.name

    @property
    def level(self) -> str:  # 县 / 区 / 市
        return self.name[-1]


COUNTIES = [
    County("修武县", "焦作市", "河南省", "www.xiuwu.gov.cn", "0391", "454350", "豫ICP备05012687号", "4108210003", "云台大道"),
    County("宁远县", "永州市", "湖南省", "www.nyx.gov.cn", "0746", "425600", "湘ICP备13004517号", "4311260005", "九嶷大道"),
    County("临朐县", "潍坊市", "山东省", "www.linqu.gov.cn", "0536", "262600", "鲁ICP备05031246号", "3707240006", "民主路"),
    County("铅山县", "上饶市", "江西省", "www.jxys.gov.cn", "0793", "334500", "赣ICP备05006132号", "3611240002", "新城大道"),
    County("永登县", "兰州市", "甘肃省", "www.yongdeng.gov.cn", "0931", "730300", "陇ICP备09001845号", "6201210001", "城关东街"),
    County("武宣县", "来宾市", "广西壮族自治区", "www.wuxuan.gov.cn", "0772", "545900", "桂ICP备12003381号", "4513230004", "城南路"),
    County("大竹县", "达州市", "四川省", "www.dazhu.gov.cn", "0818", "635100", "蜀ICP备05009673号", "5117240009", "竹都大道"),
    County("江北区", "宁波市", "浙江省", "www.nbjb.gov.cn", "0574", "315020", "浙ICP备05028461号", "3302050001", "人民路"),
    County("江北区", "重庆市", "重庆市", "www.cqjb.gov.cn", "023", "400020", "渝ICP备05003124号", "5001050003", "建新东路"),
    County("沂水县", "临沂市", "山东省", "www.yishui.gov.cn", "0539", "276400", "鲁ICP备05051178号", "3713230008", "长安路"),
]

# township names per county (invented for these counties, kept apart from the sample's and seeds')
TOWNS = {
    "修武县": ["城关镇", "七星镇", "齐兴镇", "郇封镇", "周庄镇", "云台山镇", "西村乡", "岸上乡"],
    "宁远县": ["城关镇", "舜陵街道", "天堂镇", "水市镇", "湾井镇", "冷水镇", "高峰乡", "五龙山瑶族乡"],
    "临朐县": ["城关街道", "东城街道", "五井镇", "冶源镇", "寺头镇", "九山镇", "辛寨街道", "柳山镇"],
    "铅山县": ["河口镇", "永平镇", "石塘镇", "鹅湖镇", "湖坊镇", "汪二镇", "紫溪乡", "太源畲族乡"],
    "永登县": ["城关镇", "红城镇", "中堡镇", "武胜驿镇", "河桥镇", "连城镇", "柳树镇", "七山乡"],
    "武宣县": ["武宣镇", "桐岭镇", "通挽镇", "东乡镇", "三里镇", "二塘镇", "黄茆镇", "禄新镇"],
    "大竹县": ["白塔街道", "东柳街道", "竹阳街道", "庙坝镇", "石河镇", "清河镇", "观音镇", "周家镇"],
    "江北区": ["中马街道", "白沙街道", "孔浦街道", "文教街道", "甬江街道", "庄桥街道", "洪塘街道", "慈城镇"],
    "沂水县": ["沂城街道", "龙家圈街道", "许家湖镇", "黄山铺镇", "诸葛镇", "崔家峪镇", "道托镇", "院东头镇"],
}
TOWNS_CQ_JIANGBEI = ["观音桥街道", "华新街街道", "五里店街道", "石马河街道", "大石坝街道", "寸滩街道", "铁山坪街道", "鱼嘴镇"]

# county departments: (name after the county, kind of work that shapes its numbers)
DEPARTMENTS = [
    ("发展和改革局", "mid"), ("教育和体育局", "mid"), ("公安局", "high"), ("民政局", "mid"),
    ("司法局", "low"), ("财政局", "mid"), ("人力资源和社会保障局", "high"), ("自然资源局", "high"),
    ("生态环境分局", "mid"), ("住房和城乡建设局", "high"), ("交通运输局", "mid"), ("水利局", "mid"),
    ("农业农村局", "mid"), ("商务局", "low"), ("文化广电和旅游局", "low"), ("卫生健康局", "mid"),
    ("退役军人事务局", "low"), ("应急管理局", "mid"), ("审计局", "low"), ("市场监督管理局", "high"),
    ("统计局", "low"), ("医疗保障局", "mid"), ("行政审批服务局", "mid"), ("林业局", "low"),
]
OFFICES = {"town": ["党政办公室", "党政综合办公室", "党政办"], "street": ["党政办公室", "党工委办公室"],
           "department": ["办公室", "综合股", "办公室"], "government": ["办公室"]}


@dataclass
class Agency:
    key: str                 # stable identity across years (renames keep it)
    county: County
    base: str                # 七星镇 / 自然资源局 / 人民政府办公室
    kind: str                # town | street | department | government
    load: str                # low | mid | high: how many requests it gets
    office: str
    street: str
    number: int
    email: str
    renamed: dict = field(default_factory=dict)   # year from which -> new base
    prefix_from: int | None = None                # from this year its titles carry the city's name

    def base_in(self, year: int) -> str:
        base = self.base
        for since, new in sorted(self.renamed.items()):
            if year >= since:
                base = new
        return base

    def full_name(self, year: int) -> str:
        """The agency's formal name: 修武县七星镇人民政府, 修武县自然资源局, 宁波市江北人民政府办公室."""
        base = self.base_in(year)
        if self.kind == "town":
            return f"{self.county.name}{base}人民政府"
        if self.kind == "street":
            return f"{self.county.name}{base}办事处"
        return f"{self.county.name}{base}"

    def self_word(self) -> str:
        if self.kind == "town":
            return "我乡" if self.base.endswith("乡") else "我镇"
        if self.kind == "street":
            return "我街道"
        return "我局" if self.base.endswith("局") else "我办"


def make_agencies(rng: random.Random, n: int) -> list[Agency]:
    """About n agencies over the counties, always including the hard cases named above."""
    out: list[Agency] = []
    used: set[tuple[str, str, str]] = set()

    def add(county: County, base: str, kind: str, load: str, renamed: dict | None = None) -> Agency:
        key = f"{county.city}{county.name}{base}"
        used.add((county.city, county.name, base))
        num = rng.randint(1, 399)
        mail = rng.choice(["163.com", "126.com", "qq.com", county.domain.removeprefix("www.")])
        local = rng.choice(["dzb", "zwgk", "xxgk", "bgs", "zfxxgk", "office"]) + str(rng.randint(10, 9999))
        a = Agency(key, county, base, kind, load, rng.choice(OFFICES[kind]), rng.choice([county.street, "解放路", "新华路", "建设路", "滨河路", "人民路", "中山路", "府前街"]),
                   num, f"{local}@{mail}", renamed or {})
        out.append(a)
        return a

    by = {c.name + c.city: c for c in COUNTIES}
    xiuwu, ningyuan, yongdeng = by["修武县焦作市"], by["宁远县永州市"], by["永登县兰州市"]
    add(xiuwu, "七星镇", "town", "low")            # pinyin qixing
    add(xiuwu, "齐兴镇", "town", "low")            # pinyin qixing too
    add(xiuwu, "城关镇", "town", "mid")            # 城关镇 also in 宁远县 and 永登县
    add(ningyuan, "城关镇", "town", "low")
    add(yongdeng, "城关镇", "town", "mid")
    add(ningyuan, "高峰乡", "town", "low", {2021: "高峰镇"})   # 撤乡设镇
    add(by["江北区宁波市"], "人民政府办公室", "government", "mid")  # 江北区 in two cities
    add(by["江北区重庆市"], "人民政府办公室", "government", "mid")
    add(xiuwu, "自然资源局", "department", "high").prefix_from = 2024   # 修武县… then 焦作市修武县…
    add(by["临朐县潍坊市"], "人力资源和社会保障局", "department", "high")
    while len(out) < n:
        county = rng.choice(COUNTIES)
        r = rng.random()
        if r < 0.45:
            towns = TOWNS_CQ_JIANGBEI if county.city == "重庆市" else TOWNS[county.name]
            base = rng.choice(towns)
            kind = "street" if base.endswith("街道") else "town"
            load = rng.choices(["low", "mid", "high"], [80, 17, 3])[0]
        else:
            base, load = rng.choice(DEPARTMENTS)
            kind = "department"
        if (county.city, county.name, base) in used:
            continue
        add(county, base, kind, load)
    return out


def clashes(agency: Agency, agencies: list[Agency]) -> int:
    """0: the short name is the corpus's only one; 1: another county has it; 2: so does the county name."""
    others = [a for a in agencies if a is not agency and {a.base, *a.renamed.values()} & {agency.base, *agency.renamed.values()}]
    if not others:
        return 0
    return 2 if any(a.county.name == agency.county.name for a in others) else 1


def title_for(rng: random.Random, agency: Agency, year: int, clash: int) -> tuple[str, str, str]:
    """(title, the agency name as the title prints it, title form id); a name found in two
    counties is always printed with its county (and city, when the county name is shared too)."""
    full = agency.full_name(year)
    c = agency.county
    base = agency.base_in(year)
    forms = [
        ("name_year", f"{full}{year}年政府信息公开工作年度报告", full, 30),
        ("year_name", f"{year}年{full}政府信息公开工作年度报告", full, 18),
        ("name_year_du", f"{full}{year}年度政府信息公开工作年度报告", full, 16),
        ("city_prefix", f"{c.city}{full}{year}年政府信息公开工作年度报告", f"{c.city}{full}", 6),
    ]
    if agency.kind != "government":
        forms.append(("county_short", f"{c.name}{base}{year}年政府信息公开工作年度报告", f"{c.name}{base}", 12))
        if not clash:
            forms.append(("short_year_du", f"{base}{year}年度政府信息公开工作年度报告", base, 10))
    if clash == 2 or (agency.prefix_from and year >= agency.prefix_from):
        forms = [f for f in forms if f[0] == "city_prefix"]
    elif agency.prefix_from:
        forms = [f for f in forms if f[0] in ("name_year", "year_name", "name_year_du")]
    form, title, name, _ = rng.choices(forms, [f[3] for f in forms])[0]
    return title, name, form


def match_for(agency: Agency, year: int, clash: int) -> str:
    """The truth's ``agency_match``: the shortest part of the printed name that tells the agency
    apart from every other of the corpus."""
    base = agency.base_in(year)
    if clash == 2:
        return f"{agency.county.city}{agency.county.name}{base}"
    if clash == 1:
        return f"{agency.county.name}{base}"
    return base
