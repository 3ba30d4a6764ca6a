"""The portal's own settings (``site.yaml``) and its register of agencies (``agencies.yaml``).

Both are declared as data (:data:`SITE_SETTINGS`, :data:`AGENCY_FIELDS`) with a Chinese
description of each key; validation, ``xxgk init``'s commented ``site.yaml`` and the
editors' handbook read the same declarations.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from ..findings import ERROR, SCHEMA, Finding, Location
from . import spec
from .values import id_problem, suggest, type_name, url_problem

MAX_ORDER = 10**9  # ``order``: any whole number in ±this

Locate = Callable[..., Location]


@dataclass(frozen=True)
class Setting:
    key: str
    description: str
    required: bool = False
    kind: type = str  # str, int, or dict for a nested mapping of strings
    keys: tuple[str, ...] = ()  # for a nested mapping: its allowed keys
    example: str = ""
    url: bool = False  # a web address (checked by :func:`url_problem`)
    dates: tuple[str, ...] = ()  # for a nested mapping: its keys holding a date (2026-11-30)


SITE_SETTINGS = (
    Setting("title", "网站名称，显示在每页顶部和浏览器标题栏", True, example="某某县政府信息公开年度报告"),
    Setting("description", "网站简介，一句话，显示在首页并供搜索引擎使用", example="某某县各机关政府信息公开工作年度报告汇编"),
    Setting(
        "base_url",
        "网站正式发布的完整地址（可含子路径），只用于站点地图和订阅源；页面内链接都是相对链接，放在任何子路径下都能用",
        example="https://www.example.gov.cn/xxgk/ndbg/",
        url=True,
    ),
    Setting("sponsor", "主办单位，显示在页脚", True, example="某某县人民政府办公室"),
    Setting("organizer", "承办单位，显示在页脚（可不填）", example="某某县政务服务数据管理局"),
    Setting("site_code", "网站标识码，显示在页脚", example="0000000000"),
    Setting("icp", "ICP备案号，显示在页脚", example="某ICP备00000000号"),
    Setting("police_record", "公安机关备案号，显示在页脚", example="某公网安备 00000000000000号"),
    Setting(
        "contact",
        "网站联系方式，显示在页脚：address 地址、phone 电话、email 电子邮箱",
        kind=dict,
        keys=("address", "phone", "email"),
    ),
    Setting(
        "portal_url",
        "本县（区、市）政府门户网站首页的地址，显示为每页最上方和页脚的“门户网站首页”链接（手机上只在页脚）",
        example="https://www.example.gov.cn/",
        url=True,
    ),
    Setting(
        "guide_url",
        "政府信息公开指南的地址，显示在每页页脚",
        example="https://www.example.gov.cn/zwgk/xxgkzn/",
        url=True,
    ),
    Setting(
        "apply_url",
        "依申请公开（在线申请或申请须知）的地址，显示在每页页脚",
        example="https://www.example.gov.cn/zwgk/ysqgk/",
        url=True,
    ),
    Setting(
        "correction_url",
        "找错、纠错（报告或网站有错时向谁反映）的地址，显示在每页页脚",
        example="https://www.example.gov.cn/hdjl/jc/",
        url=True,
    ),
    Setting(
        "data",
        "开放数据的说明，显示在数据下载页并写入 Excel 工作簿的“说明”表和 xxgk.json："
        "licence 来源与使用许可（一句话）、updated 数据日期（如 2026-11-30；不填时取最近一份报告的发布日期）",
        kind=dict,
        keys=("licence", "updated"),
        dates=("updated",),
    ),
    Setting(
        "data_licence",
        "（旧名，与 data.licence 相同；两者都填时用 data.licence）开放数据的来源与使用说明",
        example="数据摘自各机关公开发布的年度报告，可自由使用，请注明来源。",
    ),
)

AGENCY_FIELDS = (
    Setting("id", "机关代码：小写字母、数字和连字符，历年不变（机关更名也不变）", True, example="qixingpao"),
    Setting("name", "机关全称", True, example="宝清县七星泡镇人民政府"),
    Setting("short_name", "简称，用于表格和导航", example="七星泡镇"),
    Setting("kind", "机关类别：" + "、".join(f"{k}（{v}）" for k, v in spec.AGENCY_KINDS.items()), True),
    Setting("region", "所属地区，如 黑龙江省双鸭山市宝清县；不详时写 null", example="黑龙江省双鸭山市宝清县"),
    Setting("website", "机关网站地址（http:// 或 https:// 开头）", example="http://www.hlbaoqing.gov.cn", url=True),
    Setting("order", "排列顺序，数字小的在前", kind=int, example="10"),
    Setting("former_names", "曾用名列表（机关更名后，历年报告仍归在同一代码下）", kind=list),
)


@dataclass
class SiteConfig:
    title: str
    sponsor: str
    description: str | None = None
    base_url: str | None = None
    organizer: str | None = None
    site_code: str | None = None
    icp: str | None = None
    police_record: str | None = None
    contact: dict[str, str] = field(default_factory=dict)
    portal_url: str | None = None
    guide_url: str | None = None
    apply_url: str | None = None
    correction_url: str | None = None
    data: dict[str, Any] = field(default_factory=dict)  # licence (text), updated (a date)
    data_licence: str | None = None

    @property
    def licence(self) -> str | None:
        """The open data's licence line: ``data.licence``, else the older ``data_licence``."""
        return self.data.get("licence") or self.data_licence

    @property
    def data_updated(self) -> _dt.date | None:
        return self.data.get("updated")


@dataclass
class Agency:
    id: str
    name: str
    kind: str
    short_name: str | None = None
    region: str | None = None
    website: str | None = None
    order: int = 0
    former_names: list[str] = field(default_factory=list)
    path: str = ""
    locate: Locate = field(default=Location, repr=False, compare=False)

    @property
    def label(self) -> str:
        return self.short_name or self.name

    @property
    def kind_label(self) -> str:
        return spec.AGENCY_KINDS[self.kind]


class _Fields:
    def __init__(self, locate: Locate):
        self.locate = locate
        self.refused = getattr(locate, "refused", frozenset())  # values refused (and reported) while reading
        self.findings: list[Finding] = []

    def error(self, message: str, *keys: Any, again: bool = False) -> None:
        """A finding at ``keys``; none about a value already refused while reading (unless ``again``)."""
        if keys in self.refused and not again:
            return
        dotted = ".".join(str(k) for k in keys)
        self.findings.append(Finding(ERROR, SCHEMA, message, self.locate(*keys), dotted))

    def read(self, data: dict[str, Any], settings: tuple[Setting, ...], *at: Any) -> dict[str, Any]:
        """Check keys and types against the declared settings; return the good values."""
        allowed = tuple(s.key for s in settings)
        for key in data:
            if key not in allowed:
                self.error(
                    f"未知的键 {key}{suggest(str(key), allowed)}（可用的键：{'、'.join(allowed)}）",
                    *at,
                    key,
                    again=True,
                )
        out: dict[str, Any] = {}
        for s in settings:
            value = data.get(s.key)
            if value is None:
                if s.required and (*at, s.key) not in self.refused:
                    self.error(f"缺少必填的键 {s.key}（{s.description}）", *at)
                continue
            if s.kind is dict:
                value = self._nested(value, s, *at)
            elif s.kind is list:
                if not isinstance(value, list):
                    self.error(f"{s.key} 应为文字的列表，实为 {type_name(value)}", *at, s.key)
                    continue
                bad = [
                    (j, x) for j, x in enumerate(value) if not isinstance(x, str) and (*at, s.key, j) not in self.refused
                ]
                for j, x in bad:
                    self.error(f"{s.key} 应为文字的列表，第 {j + 1} 项实为 {type_name(x)}", *at, s.key, j)
                if bad or len(value) != sum(isinstance(x, str) for x in value):
                    continue
            elif not isinstance(value, s.kind) or isinstance(value, bool):
                hint = "；数字形式的代码、备案号请加引号" if s.kind is str and isinstance(value, int) else ""
                want = "整数" if s.kind is int else "文字"
                self.error(f"{s.key} 应为{want}，实为 {type_name(value)}{hint}", *at, s.key)
                continue
            elif s.kind is int and not -MAX_ORDER <= value <= MAX_ORDER:
                self.error(f"{s.key} 应在 {-MAX_ORDER} 到 {MAX_ORDER} 之间，实为 {type_name(value)}", *at, s.key)
                continue
            elif s.url and (problem := url_problem(value, base=s.key == "base_url")):
                self.error(f"{s.key} 不是可用的网址：{problem}；实为 {type_name(value)}", *at, s.key)
                continue
            out[s.key] = value
        return out

    def _nested(self, value: Any, s: Setting, *at: Any) -> dict[str, str]:
        if not isinstance(value, dict):
            self.error(f"{s.key} 应为键值映射，实为 {type_name(value)}", *at, s.key)
            return {}
        out = {}
        for key, item in value.items():
            if key not in s.keys:
                self.error(
                    f"未知的键 {key}{suggest(str(key), s.keys)}（可用的键：{'、'.join(s.keys)}）",
                    *at,
                    s.key,
                    key,
                )
            elif key in s.dates:
                day = _date(item)
                if day is None:
                    self.error(f"{s.key}.{key} 应为日期，如 2026-11-30，实为 {type_name(item)}", *at, s.key, key)
                else:
                    out[key] = day
            elif not isinstance(item, str):
                self.error(f"{s.key}.{key} 应为文字，实为 {type_name(item)}；请加引号", *at, s.key, key)
            else:
                out[key] = item
        return out


def _date(value: Any) -> _dt.date | None:
    """A date as YAML reads it (2026-11-30) or as quoted text in the same form; else None."""
    if isinstance(value, _dt.datetime):
        return None
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip()) if len(value.strip()) == 10 else None
        except ValueError:
            return None
    return None


def site_from_data(data: Any, locate: Locate) -> tuple[SiteConfig | None, list[Finding]]:
    f = _Fields(locate)
    if not isinstance(data, dict):
        f.error(f"site.yaml 应为键值映射（title: …、sponsor: … 等），实为 {type_name(data)}")
        return None, f.findings
    values = f.read(data, SITE_SETTINGS)
    if "title" not in values or "sponsor" not in values:
        return None, f.findings
    return SiteConfig(**values), f.findings


def agencies_from_data(
    data: Any, path: str, locate: Locate
) -> tuple[list[Agency], list[Finding]]:
    f = _Fields(locate)
    if data is None:
        return [], []
    if not isinstance(data, list):
        f.error(f"agencies.yaml 应为列表，每项一个机关（- id: …），实为 {type_name(data)}")
        return [], f.findings
    agencies: list[Agency] = []
    seen: dict[str, int] = {}
    entries: list[tuple[int, dict[Any, Any]]] = []  # where each entry's findings start, and the entry
    for i, item in enumerate(data):
        if not isinstance(item, dict):
            entries.append((len(f.findings), {}))
            f.error(f"第 {i + 1} 项应为键值映射（id、name、kind …），实为 {type_name(item)}", i)
            continue
        entries.append((len(f.findings), item))
        values = f.read(item, AGENCY_FIELDS, i)
        agency_id = values.get("id")
        if agency_id is not None and (problem := id_problem(agency_id)):
            f.error(f"id {problem}", i, "id")
            continue
        kind = values.get("kind")
        if kind is not None and kind not in spec.AGENCY_KINDS:
            f.error(
                f"kind 应为 {'、'.join(spec.AGENCY_KINDS)} 之一，实为 {kind!r}"
                f"{suggest(str(kind), tuple(spec.AGENCY_KINDS))}",
                i,
                "kind",
            )
            continue
        if not ("id" in values and "name" in values and "kind" in values):
            continue
        if agency_id in seen:
            f.error(
                f"机关代码 {agency_id} 重复（第 {seen[agency_id]} 行已有），每个机关只能登记一次",
                i,
                "id",
            )
            continue
        seen[agency_id] = locate(i, "id").line
        agencies.append(Agency(**values, path=path, locate=lambda *k, i=i: locate(i, *k)))
    agencies.sort(key=lambda a: (a.order, a.id))
    for n, (since, item) in enumerate(entries):  # an error in an entry: the build leaves that agency out
        _own(f.findings, since, entries[n + 1][0] if n + 1 < len(entries) else len(f.findings), item)
    return agencies, f.findings


def _own(findings: list[Finding], since: int, until: int, item: dict[Any, Any]) -> None:
    """The findings from ``since`` to ``until`` are about the agency of ``item``: say so in their data
    (``agency``), so that the build leaves that agency out and publishes the others."""
    agency_id = item.get("id")
    if isinstance(agency_id, str) and not id_problem(agency_id):
        for n in range(since, until):
            findings[n] = replace(findings[n], data={**findings[n].data, "agency": agency_id})
