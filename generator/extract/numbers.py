"""Reading one table cell as a number, following the spec's cell rules.

Blank → None; "/", "-", "—", 不适用 → "/"; counts with thousands separators, full-width
digits or a sign; money in 万元, or in 元 (converted, the printed figure kept). Anything
else is unreadable: the cell is None and the caller makes a finding — never a guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..model import spec

NOT_APPLICABLE = {"/", "-", "—", "–", "－", "——", "不适用", "\\"}
_NUMBER = re.compile(r"^([+\-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")


@dataclass(frozen=True)
class Parsed:
    value: int | float | str | None
    ok: bool = True  # False: the cell holds something that is not a number
    as_printed: str | None = None  # money printed in 元, kept beside the converted figure


def is_value(text: str) -> bool:
    """Whether a cell's text reads as a value (number, blank or not-applicable)."""
    return parse(text, spec.MONEY).ok and not _numbering_only(text)


def _numbering_only(text: str) -> bool:
    return re.match(r"^\s*\d{1,2}\s*[.、．]\s*$", text or "") is not None


@lru_cache(maxsize=4096)
def parse(text: str, kind: str = spec.COUNT) -> Parsed:
    raw = (text or "").strip()
    t = unicodedata.normalize("NFKC", raw)
    t = re.sub(r"\s+", "", t).replace("，", ",")
    if not t:
        return Parsed(None)
    if t in NOT_APPLICABLE or raw in NOT_APPLICABLE:
        return Parsed(spec.NOT_APPLICABLE)
    unit = ""
    if kind == spec.MONEY:
        for suffix in ("万元", "元"):
            if t.endswith(suffix):
                unit, t = suffix, t[: -len(suffix)]
                break
    else:
        for suffix in ("件", "项", "个", "条"):
            if t.endswith(suffix) and len(t) > 1:
                t = t[: -len(suffix)]
                break
    m = _NUMBER.match(t)
    if not m:
        return Parsed(None, ok=False)
    sign, whole, frac = m.groups()
    whole = whole.replace(",", "")
    if frac is not None:
        value: int | float = float(f"{whole}.{frac}")
        if kind != spec.MONEY:
            return Parsed(None, ok=False)
    else:
        value = int(whole)
    if sign == "-":
        value = -value
    if unit == "元":
        return Parsed(round(value / 10000, 6), as_printed=raw.replace(" ", ""))
    if kind == spec.MONEY and isinstance(value, float) and value.is_integer():
        value = int(value)
    return Parsed(value)
