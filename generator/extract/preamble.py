"""The report's head: title, agency name, year, publication date, contact and source URL.

The title is the first line(s) up to 报告; the agency is what the title prints before the
year. Contact details are read from the preamble's own wording (地址：…，邮编：…). A
publication date is the date line at the very end (with the signing office before it),
which is taken out of part 6.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .locate import clean_title, is_title
from .sections import END_PUNCT, join_broken
from .settings import Settings

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")}
_CN_DIGITS.update({"零": "0", "○": "0", "О": "0", "0": "0"})
_DATE = re.compile(r"^\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_CN_DATE = re.compile(r"^\s*([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日\s*$")


@dataclass
class Head:
    title: str = ""
    agency_name: str = ""
    year: int | None = None
    preamble: list[str] = field(default_factory=list)
    contact: dict[str, str] = field(default_factory=dict)
    url: str | None = None


def _cn_number(text: str) -> int:
    if text == "十":
        return 10
    if "十" in text:
        a, _, b = text.partition("十")
        return (int(_CN_DIGITS[a]) if a else 1) * 10 + (int(_CN_DIGITS[b]) if b else 0)
    return int("".join(_CN_DIGITS[c] for c in text))


def parse_date(text: str) -> dt.date | None:
    text = text.strip()
    m = _DATE.match(text)
    try:
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _CN_DATE.match(text)
        if m:
            year = int("".join(_CN_DIGITS[c] for c in m.group(1)))
            return dt.date(year, _cn_number(m.group(2)), _cn_number(m.group(3)))
    except (ValueError, KeyError):
        return None
    return None


_TITLE_NAME = re.compile(r"^(?P<name>.+?)(?:关于)?(?:政府信息公开|政务公开|信息公开)")
# The preamble names the report it opens: 特向社会公布2022年度某局政府信息公开工作年度报告.
_PREAMBLE_NAME = re.compile(r"(?:公布|发布|公开)((?:19|20)\d{2})\s*年度?(?:的)?(.{2,40}?)(?:政府信息公开|政务公开)(?:工作)?年度报告")
_PREAMBLE_YEAR = re.compile(r"统计期限自\s*((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")


_CN_YEAR = re.compile(r"([〇○零一二三四五六七八九]{4})(?=年)")


def arabic_years(text: str) -> str:
    """二〇二二年 → 2022年, ２０２２年 → 2022年 (titles print years both ways)."""
    text = "".join(chr(ord(c) - 0xFEE0) if "０" <= c <= "９" else c for c in text)
    return _CN_YEAR.sub(lambda m: "".join(_CN_DIGITS[c] for c in m.group(1)), text)


def name_in_title(title: str) -> tuple[str, int | None]:
    """The agency and year a title names: 某县某局2023年(度)… or 2023年(度)某县某局…"""
    title = arabic_years(title)
    m = _YEAR.search(title)
    if not m:
        return "", None
    year = int(m.group(1))
    name = title[: m.start()].strip()
    name = re.sub(r"^关于", "", name)
    name = re.sub(r"关于$", "", name)
    if not name:  # "2023年某某局政府信息公开工作年度报告"
        after = re.sub(r"^度", "", title[m.end():])
        n = _TITLE_NAME.match(after)
        name = n.group("name") if n else ""
        if name.endswith("人民"):  # 某县人民政府信息公开…: 政府 belongs to the name
            name += "政府"
    return (name if looks_like_agency(name) else ""), year


def looks_like_agency(name: str) -> bool:
    """A name an agency could have: Chinese words, not a sentence or a piece of the title."""
    if not (2 <= len(name) <= 40) or re.search(r"[。，；：:、“”《》]", name):
        return False
    if not re.search(r"[\u3400-\u9fff]{2}", name):
        return False
    if re.fullmatch(r"本站|本网|本网站|网站|本单位|本机关|原创|转载|管理员|编辑部|信息中心", name) or name.endswith(("网", "网站", "门户")):
        return False  # a portal's "来源：本站" or its own name, not an agency
    return not re.fullmatch(r"(?:本|我|全|各)?(?:年度|年|度|政府|信息|公开|工作|报告|关于)+", name)


def read_head(
    paragraphs: list[str],
    settings: Settings,
    title_lines: list[str] | None = None,
    meta: dict[str, str] | None = None,
) -> Head:
    """Title, agency, year, preamble and contact of a report's head.

    ``title_lines`` are the title as located in the document (None: the first paragraphs up to
    报告 are the title); ``meta`` is what the page around the report says (its metadata table,
    <meta> tags, a crawler's header). The agency and year come from the best evidence: the title,
    then the page's metadata, then the preamble's own words.
    """
    head = Head()
    meta = meta or {}
    rest = list(paragraphs)
    if title_lines is not None:
        title_parts = list(title_lines)
    else:
        title_parts = []
        while rest and len(title_parts) < settings.title_lines:
            title_parts.append(rest.pop(0))
            joined = re.sub(r"\s+", "", "".join(title_parts))
            if joined.endswith("报告") or ("报告" in joined and len(joined) < 60):
                break
        else:
            if title_parts and "报告" not in "".join(title_parts):
                rest = title_parts[1:] + rest
                title_parts = title_parts[:1]
    head.title = re.sub(r"\s+", "", "".join(title_parts))
    from_page = False
    if not _YEAR.search(arabic_years(head.title)) or "报告" not in head.title:
        for key in ("title", "page_title", "running_header"):
            candidate = clean_title(meta.get(key, ""))
            if is_title(candidate):
                head.title, from_page = candidate, True
                break
    head.agency_name, head.year = name_in_title(head.title)
    publisher = meta.get("publisher", "")
    if from_page and looks_like_agency(publisher) and publisher in head.title and head.agency_name != publisher:
        # The page's title with the site's name glued before it ("大竹县人民政府大竹县庙坝镇…",
        # "沂水县人民政府2019年沂水县司法局…"): the page's own metadata names the agency.
        at, year_at = head.title.index(publisher), _YEAR.search(arabic_years(head.title))
        start = min(at, year_at.start()) if year_at and year_at.start() < at else at
        head.title = head.title[start:]
        head.agency_name = publisher
    head.preamble = join_broken(rest, settings)
    text = "".join(head.preamble)
    said = _PREAMBLE_NAME.search(re.sub(r"\s+", "", text))
    if head.year is None:
        m = said or _PREAMBLE_YEAR.search(text)
        head.year = int(m.group(1)) if m else None
    if not head.agency_name:
        if looks_like_agency(publisher):
            head.agency_name = publisher
        elif said and looks_like_agency(said.group(2)):
            head.agency_name = said.group(2)
    head.contact = contact_of(text)
    for url in re.findall(r"https?://[^\s）)，,<>；;、“”\"]+", text):
        url = url.rstrip(".。")
        if re.match(r"^https?://[^/]+/?$", url):
            head.contact.setdefault("website", url.rstrip("/") if url.count("/") > 2 and url.endswith("/") else url)
        elif head.url is None:
            head.url = url
    if head.url is None and re.match(r"^https?://\S+$", meta.get("url", "")):
        head.url = meta["url"]
    return head


def contact_of(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    stop = r"[^，,；;）)。\s]+"
    patterns = {
        "address": rf"(?:通讯地址|联系地址|地址)\s*[:：]\s*({stop})",
        "postcode": r"(?:邮编|邮政编码)\s*[:：]?\s*(\d{6})",
        "phone": r"(?:联系电话|电话|电\s*话)\s*[:：]\s*([0-9０-９][0-9０-９\-－—()（）]{5,}[0-9０-９])",
        "email": r"([A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,})",
    }
    for key, pattern in patterns.items():
        m = re.search(pattern, text)
        if m:
            found[key] = m.group(1)
    return found


def take_signature(paragraphs: list[str]) -> tuple[list[str], dt.date | None, str]:
    """Remove a closing date line and the signing office beside it; return the date and office."""
    out = list(paragraphs)
    for back in range(1, min(3, len(out)) + 1):
        date = parse_date(out[-back])
        if date is None:
            continue
        del out[-back]
        # The signing office: a short line without punctuation just before (or after) the date.
        for j in (len(out) - back, len(out) - back + 1):
            if 0 <= j < len(out) and len(out[j].strip()) <= 25 and not out[j].strip().endswith(END_PUNCT) and "、" not in out[j] and j >= len(out) - 2:
                office = out[j].strip() if len(out) > 1 else ""
                if len(out) > 1:
                    del out[j]
                return out, date, office
        return out, date, ""
    return out, None, ""


_META_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def meta_date(text: str) -> dt.date | None:
    """A date as portals print it in their metadata: 2023-01-31 13:25, 2023年01月31日, 2023/1/31."""
    m = _META_DATE.search(text or "")
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
