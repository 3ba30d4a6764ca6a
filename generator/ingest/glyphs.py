"""Characters that look right on the page but are not the characters the report printed.

PDF printers that embed CJK glyphs as Type 3 fonts (Chromium's "save as PDF", some WPS
exports) map a glyph back to the first code point the font lists for it, which for many
common characters is a radical: ⼈ (U+2F08) for 人, ⺠ (U+2EA0) for 民, ⼾ (U+2F3E) for 户.
The text reads right but matches nothing. Kangxi radicals fold by NFKC, but NFKC gives the
traditional form for some of them (⼾ → 戶, ⾨ → 門) while the simplified fonts these reports
use draw the simplified glyph there; the CJK Radicals Supplement has no NFKC mapping at all.
Both need a table (standard library only: a few dozen characters do not justify a
conversion library).

:func:`fold` is applied by readers to text from such files, and by recognition to every label
before it is matched, so a look-alike never decides whether a row is found.
"""

from __future__ import annotations

import unicodedata

# CJK Radicals Supplement (U+2E80–U+2EFF): no NFKC mapping; the character each stands for.
_SUPPLEMENT = {
    "⺠": "民", "⻓": "长", "⻔": "门", "⻋": "车", "⻅": "见", "⻚": "页", "⻛": "风", "⻜": "飞",
    "⻢": "马", "⻥": "鱼", "⻦": "鸟", "⻩": "黄", "⻬": "齐", "⻮": "齿", "⻰": "龙", "⻳": "龟",
    "⺁": "厂", "⺇": "几", "⺊": "卜", "⺌": "小", "⺍": "小", "⺕": "彐", "⺜": "日",
    "⺝": "月", "⺟": "母", "⺢": "水", "⺣": "火", "⺤": "爪", "⺥": "爪", "⺦": "丬", "⺧": "牛",
    "⺨": "犬", "⺫": "目", "⺬": "示", "⺭": "礻", "⺮": "竹", "⺲": "罒", "⺳": "网", "⺶": "羊",
    "⺷": "羊", "⺸": "羊", "⺹": "老", "⺻": "聿", "⺼": "肉", "⺾": "艹", "⻀": "虎", "⻁": "虎",
    "⻄": "西", "⻆": "角", "⻈": "讠", "⻉": "贝", "⻊": "足", "⻌": "辶", "⻍": "辶", "⻎": "辶",
    "⻏": "阝", "⻑": "長", "⻒": "镸", "⻖": "阝", "⻗": "雨", "⻘": "青", "⻙": "韦",
    "⻝": "食", "⻟": "食", "⻠": "食", "⻡": "首", "⻣": "骨", "⻤": "鬼", "⻨": "麦",
}
# Kangxi radicals (U+2F00–U+2FD5) whose NFKC form is traditional: the simplified character the
# radical's glyph stands for in a simplified-Chinese font (computed once with a t2s table).
_KANGXI_SIMPLIFIED = {
    "⼾": "户", "⾒": "见", "⾙": "贝", "⾞": "车", "⾧": "长", "⾨": "门", "⾱": "韦", "⾴": "页",
    "⾵": "风", "⾶": "飞", "⾺": "马", "⾾": "斗", "⿂": "鱼", "⿃": "鸟", "⿄": "卤", "⿆": "麦",
    "⿈": "黄", "⿌": "黾", "⿑": "齐", "⿒": "齿", "⿓": "龙", "⿔": "龟",
}
# Traditional or variant code points that simplified fonts draw like the simplified character
# (what a Kangxi radical becomes after a plain NFKC elsewhere in a pipeline).
_VARIANTS = {"戶": "户", "戸": "户", "黃": "黄"}

_TABLE = str.maketrans({**_SUPPLEMENT, **_KANGXI_SIMPLIFIED, **_VARIANTS})


def fold(text: str) -> str:
    """Radicals and look-alikes to the characters they stand for; everything else unchanged."""
    if not text or not any("\u2e80" <= ch <= "\u2fdf" or ch in _VARIANTS for ch in text):
        return text
    text = text.translate(_TABLE)
    return "".join(unicodedata.normalize("NFKC", ch) if "\u2f00" <= ch <= "\u2fdf" else ch for ch in text)
