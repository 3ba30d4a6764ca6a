"""The register of agencies (``agencies.yaml``) as the importer uses it: which agency a report
belongs to, and a new agency's entry.

A report belongs to a registered agency when it names it: its full name, short name or a former
name, or the same full name with or without the region before it (淮安市洪泽区人民政府 is
洪泽区人民政府). Never by pinyin: 七星镇 and 齐兴镇 are both ``qixing`` and are two agencies.
A new agency's id is the pinyin of its short name (pypinyin: the standard pinyin library, with
a dictionary of phrase readings, so 长 and 重 in place names come out right); when that id is
taken by another agency, the new one gets a distinct id (its region's pinyin before it, or a
number after it) and the editor a finding — two agencies never share an id.

Entries are read as they are: one with a wrong type somewhere (``order: "五十"``,
``former_names: 5``) or an id that is not a valid id still takes part as far as it can, and
never stops an import; ``xxgk check`` reports it. A file that cannot be read at all is not
written to: new agencies cannot be registered until it is mended.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import yamlio
from ..content import AGENCIES_FILE
from ..findings import display_path
from ..model.report import SLUG

MINIMAL_AGENCIES = "# 机关名录：由 xxgk import 自动登记，请核对简称、类别和地区。\n"

_SUFFIXES = ("人民政府办公室", "人民政府", "街道办事处", "办事处", "街道", "政府")
_TOWN = ("镇", "乡")
_REGION = re.compile(r"^.{1,7}?(?:自治州|自治县|自治旗|特别行政区|地区|[省市县区])")
# What a short name may not start with: then the region belongs to it (上海市人民政府办公厅).
_NOT_ALONE = ("人民政府", "政府", "人大", "政协", "委", "党", "中共")


def valid_id(value: object) -> bool:
    """A lower-case ASCII slug, nothing else: no path separator, no "..", no control character."""
    return isinstance(value, str) and SLUG.fullmatch(value) is not None


def short_name(name: str) -> str:
    """七星泡镇 from 宝清县七星泡镇人民政府; 洪泽区 from 淮安市洪泽区人民政府; 市场监督管理局 from
    闵行区市场监督管理局; 上海市人民政府办公厅 stays whole (the region is its name)."""
    s = name
    for suffix in _SUFFIXES:
        if s.endswith(suffix) and len(s) > len(suffix) + 1:
            s = s[: -len(suffix)]
            if suffix in ("街道办事处", "办事处", "街道"):
                s += "街道"
            break
    while True:
        m = _REGION.match(s)
        if not m or len(s) - m.end() < 2 or s[m.end():].startswith(_NOT_ALONE):
            break
        s = s[m.end():]
    return s


def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return re.sub(r"[^a-z0-9]+", "", "".join(lazy_pinyin(text, errors="ignore")).lower())


def agency_id(name: str, taken: Iterable[str] = ()) -> str:
    """The id a new agency gets: pinyin of its short name, without 镇/乡/街道/区/县 …; distinct
    from every id in ``taken`` (region first: 宝清县七星镇 → baoqing-qixing, else a number)."""
    core = short_name(name)
    for suffix in ("街道", "镇", "乡", "区", "县", "市", "旗"):
        if core.endswith(suffix) and len(core) > len(suffix) + 1:
            core = core[: -len(suffix)]
            break
    slug = _pinyin(core) or "agency"
    taken = set(taken)
    if slug not in taken:
        return slug
    at = name.find(short_name(name))
    region = name[:at] if at > 0 else ""
    if region:
        m = _REGION.match(region)
        place = _pinyin(re.sub(r"(?:自治州|自治县|自治旗|地区|[省市县区])$", "", m.group(0) if m else region))
        if place and f"{place}-{slug}" not in taken:
            return f"{place}-{slug}"
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"


_DEPARTMENT = re.compile(r"(局|厅|委员会|委|办公室|办公厅|办|中心|所|队|院|站)$")


def agency_kind(name: str) -> str:
    """The kind of a new agency by the words its name ends with: …街道办事处/…街道 →
    subdistrict; …镇/乡人民政府 (or the bare place) → township; …局, …委员会, …办公室 (the
    county government's office too) → department; …县/区/市/旗人民政府 → county_government."""
    if name.endswith(("街道办事处", "街道")):
        return "subdistrict"
    short = short_name(name)
    if short.endswith(_TOWN) and not _DEPARTMENT.search(name):
        return "township"
    if _DEPARTMENT.search(name) and not name.endswith("街道办事处"):
        return "department"
    if re.search(r"[县区市旗]人民政府$", name) or short.endswith(("县", "区", "旗")):
        return "county_government"
    return "other"


# The words around an agency's name in a title that are not its name (name_in_title leaves
# the year out already): 关于, 年度/度, 的, brackets and spaces.
_NOT_NAME = re.compile(r"^(?:关于|[（(【\[].*?[）)】\]])+|(?:(?:19|20)\d{2}年?|年度|度|的|关于)+$")
_BARE_PLACE = re.compile(r"[镇乡县区旗]$")


def official_name(printed: str) -> str:
    """The name a new agency is registered under (the rule stated in docs/import.md): the full
    name as printed in the report's title, without the year and the report's words (年度, 关于,
    的), spaces and full-width letters made plain; a place named bare is its government
    (宁远县城关镇 → 宁远县城关镇人民政府, 宝山区红旗街道 → 宝山区红旗街道办事处)."""
    name = unicodedata.normalize("NFKC", printed)
    name = re.sub(r"\s+", "", name)
    previous = None
    while previous != name:
        previous, name = name, _NOT_NAME.sub("", name)
    if name.endswith("街道"):
        name += "办事处"
    elif _BARE_PLACE.search(name) and len(name) >= 3:
        name += "人民政府"
    return name or printed


_PLACE = re.compile(r"[\u4e00-\u9fff]{1,7}?(?:特别行政区|自治区|自治州|自治县|自治旗|地区|盟|省|市|县|区|旗)")


def places_at_start(text: str) -> str:
    """The place names a text starts with (四川省达州市万源市 of 四川省达州市万源市石窝镇…),
    or "": provinces, cities, counties, districts one after another, nothing else."""
    at = 0
    while m := _PLACE.match(text, at):
        rest = text[m.end():]
        if m.group(0).endswith("市") and rest.startswith(("场", "政", "民")):
            break  # 市场监督管理局, 市政…, 市民…: not a city
        at = m.end()
    return text[:at]


def agency_region(name: str, *texts: str) -> str:
    """A new agency's region (地区) from the report: the places before its own name (宝清县 of
    宝清县七星泡镇人民政府); a county's government is in its own county (淮安市洪泽区人民政府 →
    淮安市洪泽区), made longer by an address that names more (洪泽区 → 淮安市洪泽区 by 淮安市洪泽区
    洪泽湖大道90号); else the places its name starts with (示例县人民政府办公室 → 示例县), else those
    a text of the report starts with (its contact address: 宝清县七星泡镇… → 宝清县); "" when
    nothing says."""
    kind = agency_kind(name)
    short = short_name(name)
    region = region_of(name)
    if kind == "county_government" and short.endswith(("县", "区", "市", "旗")):
        region += short
    said = [places_at_start(re.sub(r"\s+", "", text or "")) for text in texts]
    if region:  # an address may name more of it: 淮安市洪泽区 of 洪泽区人民政府
        return max((p for p in said if p.endswith(region)), key=len, default=region)
    for found in (places_at_start(name), *said):
        if found and found != name:
            return found
    return ""


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def region_of(name: str) -> str:
    """The region a full name starts with (宝清县 of 宝清县七星泡镇人民政府), or ""."""
    at = name.find(short_name(name))
    return name[:at] if at > 0 else ""


def same_agency(printed: str, entry: dict[str, Any]) -> bool:
    """Whether a name printed in a report names a registered agency: one of its names, or the
    same name with or without the region before it or 人民 in it (七星泡镇政府 is
    宝清县七星泡镇人民政府); never a name of the same words in another region."""
    names = _strings(entry.get("name")) + _strings(entry.get("former_names"))
    if printed in names or printed in _strings(entry.get("short_name")):
        return True
    for known in names:  # full names only: a short name is shared across regions
        longer, shorter = (printed, known) if len(printed) > len(known) else (known, printed)
        if len(shorter) >= 4 and longer.endswith(shorter) and _REGION.fullmatch(longer[: len(longer) - len(shorter)]):
            return True
        if len(known) >= 4 and len(printed) >= 4 and short_name(printed) == short_name(known) and _kind_word(printed) == _kind_word(known):
            a, b = region_of(printed), region_of(known)
            if not a or not b or a == b:
                return True
    return False


def _kind_word(name: str) -> str:
    """What kind of body a name ends with, as far as 人民政府, 政府 and the bare place name
    (永登县城关镇: the town's government) are the same."""
    for suffix in ("街道办事处", "办事处", "人民政府办公室", "人民政府", "政府"):
        if name.endswith(suffix):
            return {"人民政府": "政府", "办事处": "街道办事处"}.get(suffix, suffix)
    if name.endswith(("镇", "乡", "县", "区", "旗")):
        return "政府"
    if name.endswith("街道"):
        return "街道办事处"
    return ""


@dataclass
class Added:
    id: str
    note: str = ""  # what the editor should know (an id that had to differ)


@dataclass
class Register:
    """agencies.yaml: read once; new agencies appended as text (comments stay as they are)."""

    root: Path
    entries: list[dict[str, Any]] = field(default_factory=list)
    broken: str = ""  # why the file cannot be read: then nothing is registered

    @classmethod
    def load(cls, root: Path) -> Register:
        register = cls(root)
        file = root / AGENCIES_FILE
        if not file.exists():
            return register
        try:
            loaded, findings = yamlio.load_file(file, display_path(file))
        except Exception as e:  # a file the YAML layer cannot even open: say so, import on
            register.broken = f"{display_path(file)} 无法读取（{type(e).__name__}）"
            return register
        if loaded is None or not isinstance(loaded.data, (list, type(None))):
            first = findings[0].message if findings else "不是机关列表"
            register.broken = f"{display_path(file)} 有错误：{first}"
            return register
        register.entries = [e for e in (loaded.data or []) if isinstance(e, dict)]
        return register

    @property
    def ids(self) -> list[str]:
        return [str(e.get("id")) for e in self.entries]

    def knows(self, agency: str) -> bool:
        return agency in self.ids

    def find(self, name: str | None) -> str | None:
        """The id of the registered agency a printed name names, if exactly one does."""
        if not name:
            return None
        for printed in dict.fromkeys((name, official_name(name))):  # as printed, then as it is registered
            found = [str(e["id"]) for e in self.entries if valid_id(e.get("id")) and same_agency(printed, e)]
            exact = [str(e["id"]) for e in self.entries if valid_id(e.get("id")) and printed in _strings(e.get("name"))]
            if exact:
                return exact[0]
            if found:
                return found[0] if len(set(found)) == 1 else None
        return None

    def add(self, printed: str, wanted: str | None, dry_run: bool, texts: tuple[str, ...] = ()) -> Added:
        """Register a new agency named ``printed`` (its name as the report prints it, made
        :func:`official_name`); its kind from the name, its region from the name or ``texts``
        (the report's contact address)."""
        name = official_name(printed)
        if self.broken:
            raise RegisterError(f"{self.broken}；无法登记新机关“{name}”，请先改正机关名录")
        ids = self.ids
        if wanted and wanted not in ids:
            new_id, note = wanted, ""
        else:
            new_id = agency_id(name, ids)
            plain = agency_id(name)
            holder = next((e for e in self.entries if e.get("id") == plain), None)
            note = (
                f"机关代码 {plain} 已属于“{holder.get('name')}”，新机关“{name}”登记为 {new_id}（id），请核对"
                if holder is not None and new_id != plain else ""
            )
        orders = [e["order"] for e in self.entries if isinstance(e.get("order"), int) and not isinstance(e.get("order"), bool)]
        entry = {
            "id": new_id,
            "name": name,
            "short_name": short_name(name),
            "kind": agency_kind(name),
            "region": agency_region(name, *texts) or None,
            "order": (max(orders or [0]) // 10 + 1) * 10,
        }
        self.entries.append(entry)
        if not dry_run:
            file = self.root / AGENCIES_FILE
            old = file.read_text(encoding="utf-8") if file.exists() else MINIMAL_AGENCIES
            if old and not old.endswith("\n"):
                old += "\n"
            if re.search(r"^\s*\[\s*\]\s*$", old, re.M):
                old = re.sub(r"^\s*\[\s*\]\s*$\n?", "", old, flags=re.M)
            yamlio.write_atomic(file, old + yamlio.dumps([entry]))
        return Added(new_id, note)


class RegisterError(Exception):
    """A new agency cannot be registered; the message is for editors."""
