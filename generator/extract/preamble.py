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


def read_head(paragraphs: list[str], settings: Settings) -> Head:
    head = Head()
    title_parts: list[str] = []
    rest = list(paragraphs)
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
    m = _YEAR.search(head.title)
    if m:
        head.year = int(m.group(1))
        name = head.title[: m.start()].strip()
        if not name:  # "2023年某某局政府信息公开工作年度报告"
            after = re.sub(r"^度", "", head.title[m.end():])
            name = after.split("政府信息公开")[0]
        head.agency_name = name
    head.preamble = join_broken(rest, settings)
    text = "".join(head.preamble)
    head.contact = contact_of(text)
    for url in re.findall(r"https?://[^\s）)，,<>；;、“”\"]+", text):
        url = url.rstrip(".。")
        if re.match(r"^https?://[^/]+/?$", url):
            head.contact.setdefault("website", url.rstrip("/") if url.count("/") > 2 and url.endswith("/") else url)
        elif head.url is None:
            head.url = url
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


def take_signature(paragraphs: list[str]) -> tuple[list[str], dt.date | None]:
    """Remove a closing date line (and the signing office beside it); return the date."""
    out = list(paragraphs)
    for back in range(1, min(3, len(out)) + 1):
        date = parse_date(out[-back])
        if date is None:
            continue
        del out[-back]
        # The signing office: a short line without punctuation just before (or after) the date.
        for j in (len(out) - back, len(out) - back + 1):
            if 0 <= j < len(out) and len(out[j].strip()) <= 25 and not out[j].strip().endswith(END_PUNCT) and "、" not in out[j] and j >= len(out) - 2:
                if len(out) > 1:
                    del out[j]
                break
        return out, date
    return out, None
