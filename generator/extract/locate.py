"""Finding the report inside whatever surrounds it, and what the surroundings say about it.

Reports are found as a county finds them: inside a portal page (site header, navigation,
breadcrumb, a 信息公开 metadata table, the article, previous/next links naming other reports
and years, footer), a browser's printout of such a page, or a crawler's text of it. The
report is located by its content, never by a page template:

* its six part headings, in order (:func:`.sections.heading_score`);
* its title: the line (or two or three short lines) nearest before part 1 that reads like
  a report title (a year, 信息公开, 报告) — the page heading, the breadcrumb, the browser's
  header and a sidebar's list all name reports too, but further up;
* its end: the first line after the last part heading that belongs to the page and not the
  report (previous/next links, 打印/关闭, 主办/承办/网站标识码/ICP备, another report's title,
  a line outside the element that holds the parts on a web page).

Lines before the title are the page around the report: key-value pairs there (发布机构 /
发文机关 / 来源, 成文日期 / 发布日期, 索引号, 名称) are read as the page's metadata, with
what the file's own header says (a web page's <meta> tags, a crawler's ``Title:`` line).
Metadata lines between the title and part 1 (发布时间：… 来源：… 浏览次数：…) are metadata
too, never preamble. Running print artefacts (date and time with the page title, a URL
with "2/5") are dropped wherever they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..ingest.document import Block, Document, Line, Table
from .settings import Settings
from .tables import part_of_table

_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")
_NUMBERED = re.compile(r"^\s*第?\s*[一二三四五六七八九十0-9０-９]")  # how a part heading starts
_REPORTISH = re.compile(r"信息公开.{0,16}报告|政务公开.{0,12}年度报告")
# Lines of the site around an article, by their wording (normalised: no whitespace).
_CHROME_START = re.compile(
    r"^(?:上一篇|下一篇|上一条|下一条|上篇|下篇|前一篇|后一篇|相关链接|相关文章|相关阅读|相关信息|相关文件|相关新闻|"
    r"热门信息|热点信息|推荐阅读|相关推荐|最新信息|最新发布|猜你喜欢|专题专栏|"
    r"主办[:：单]|承办[:：单]|协办[:：]|版权所有|Copyright|©|网站标识码|技术支持|网站地图|联系我们|"
    r"您当前的位置|当前位置|您现在的位置|首页[>＞»]|扫一扫|分享到|返回顶部|打印本页|关闭窗口)",
    re.I,
)
_CHROME_SECTION = re.compile(r"^(?:相关链接|相关文章|相关阅读|相关信息|相关文件|相关新闻|热门信息|热点信息|推荐阅读|相关推荐|最新信息|最新发布|猜你喜欢)$")
_CHROME_ANYWHERE = re.compile(
    r"【打印|【关闭|打印本页|关闭窗口|【返回|【收藏|ICP备|公网安备|网站标识码|浏览次数|阅读次数|点击数[:：]|"
    r"建议使用.{0,20}分辨率|【字体|字体[:：]?【?大|字号[:：]"
)
# Print artefacts: "12/1/26, 8:50 AM  <title>" and "http://… 2/5" on every printed page.
_PRINT_HEADER = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s*(?:上午|下午)?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AP]M)?\s*")
_PRINT_FOOTER = re.compile(r"^(?:https?|file)://\S+\s+\d{1,3}\s*/\s*\d{1,3}$")

# Metadata keys as portals print them → our names.
_META_KEYS = {
    "发布机构": "publisher", "发文机关": "publisher", "发布单位": "publisher", "发文单位": "publisher",
    "公开主体": "publisher", "信息来源": "publisher", "来源": "publisher", "公开责任部门": "publisher",
    "成文日期": "written", "发文日期": "written", "生成日期": "written", "印发日期": "written",
    "发布日期": "published", "发布时间": "published", "公开日期": "published", "PublishedTime": "published",
    "索引号": "index", "名称": "title", "标题": "title", "文件名称": "title", "Title": "title",
    "URLSource": "url", "原文链接": "url", "原文地址": "url",
    # Keys whose values are not used, known so that a value ends where they begin.
    "主题分类": "", "体裁分类": "", "组配分类": "", "服务对象": "", "文号": "", "发文字号": "", "有效性": "",
    "关键词": "", "主题词": "", "信息分类": "", "公开方式": "", "公开范围": "", "时效": "", "失效时间": "",
}
_KEY_RE = re.compile("(" + "|".join(sorted((re.escape(k) for k in _META_KEYS), key=len, reverse=True)) + r")[:：]")
# A key of three or more characters may stand without a colon at the start of a line (a metadata
# table crawled to text: "发文机关 宁远县城关镇").
_LEADING_KEY = re.compile("^(" + "|".join(sorted((re.escape(k) for k in _META_KEYS if len(k) >= 3), key=len, reverse=True)) + r")(?![:：])")
_DATE_ONLY = re.compile(r"(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\d{1,2}:\d{2}(?::\d{2})?)?")
_STOP_VALUE = re.compile(r"【|\[|浏览次数|阅读次数|点击|字体|分享")


@dataclass
class Located:
    """The report's blocks (title to the end of its last part) and what the page says of it."""

    blocks: list[Block]
    meta: dict[str, str] = field(default_factory=dict)
    title: list[str] = field(default_factory=list)  # the title lines, as printed
    dropped: int = 0  # lines of the page around the report left out
    notes: list[str] = field(default_factory=list)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def is_title(text: str) -> bool:
    """Whether a line (or lines joined) reads like a report's title, not a sentence about it."""
    t = squeeze(text)
    if not (6 <= len(t) <= 80) or "。" in t or t.count("，") > 1:
        return False
    if _CHROME_START.match(t) or _CHROME_ANYWHERE.search(t):
        return False
    ends = t.endswith("报告") or re.search(r"报告[（(][^（()）]{1,8}[）)]$", t) is not None
    year = _YEAR.search(t) or re.search(r"[〇○零一二三四五六七八九]{4}年|[０-９]{4}年", t)
    return ends and year is not None and _REPORTISH.search(t) is not None


def clean_title(text: str) -> str:
    """A title as pages and crawlers wrap it: without the site name after "_" or " - ", a
    browser header's date, a "Title:" prefix."""
    t = re.sub(r"^\s*Title:\s*", "", text)
    t = _PRINT_HEADER.sub("", t)
    parts = [p for p in re.split(r"\s*(?:_|\s[-|｜—]\s|[|｜])\s*", t) if p.strip()]
    t = next((p for p in parts if is_title(squeeze(p))), parts[0] if parts else "")
    # The site's name before the title, apart by a space ("大竹县人民政府 大竹县庙坝镇人民政府2022年…"):
    # the shortest end that is still a title naming an agency before its year.
    words = t.split()
    for k in range(len(words) - 1, 0, -1):
        rest = "".join(words[k:])
        if is_title(rest) and _names_agency(rest):
            return rest
    return squeeze(t)


def _names_agency(title: str) -> bool:
    """Whether a title names an agency: before its year, or between the year and 信息公开."""
    if re.match(r"^[\u3400-\u9fff]{2,}.*?(?:19|20)\d{2}\s*年", title):
        return True
    m = re.match(r"^(?:19|20)\d{2}\s*年度?(.*?)(?:政府信息公开|政务公开|信息公开)", title)
    return m is not None and len(m.group(1)) >= 2


def is_chrome(line: Line) -> bool:
    t = squeeze(line.text)
    return bool(_CHROME_START.match(t) or _CHROME_ANYWHERE.search(t))


def is_print_artefact(line: Line) -> bool:
    text = line.text.strip()
    return bool(_PRINT_FOOTER.match(text) or (_PRINT_HEADER.match(text) and is_title(clean_title(text))))


def read_meta(text: str) -> dict[str, str]:
    """Key-value pairs of a metadata line or table row: 发布机构：某局 成文日期：2023-01-31 …"""
    t = squeeze(text)
    found: dict[str, str] = {}
    matches = list(_KEY_RE.finditer(t))
    lead = _LEADING_KEY.match(t)
    if lead and not (matches and matches[0].start() == 0):
        matches.insert(0, lead)
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(t)
        value = t[m.end():end]
        stop = _STOP_VALUE.search(value)
        if stop:
            value = value[: stop.start()]
        value = value.strip("|｜;；,，")
        if value and _META_KEYS[m.group(1)]:
            found.setdefault(_META_KEYS[m.group(1)], value)
    return found


def _meta_table(table: Table, meta: dict[str, str]) -> bool:
    """Read a table of the page's metadata (索引号, 发布机构, 成文日期 …); whether it was one."""
    rows = [" ".join(c.text for c in row if not c.copy) for row in table.rows]
    found = [read_meta(r) for r in rows]
    if sum(1 for f in found if f) < max(1, len(rows) // 2):
        return False
    _read_meta_lines(rows, meta)
    return True


def _read_meta_lines(texts: list[str], meta: dict[str, str]) -> bool:
    """Metadata from lines in order (a key alone on a line takes the next line as its value);
    whether the last line is a key waiting for its value."""
    waiting = False
    for i, text in enumerate(texts):
        found = read_meta(text)
        key = _KEY_RE.fullmatch(squeeze(text))
        if key and not found and i + 1 < len(texts) and not _KEY_RE.search(squeeze(texts[i + 1])):
            found = read_meta(key.group(0) + texts[i + 1])  # "发文机关：" / "某局" on the next line
        for k, v in found.items():
            meta.setdefault(k, v)
        waiting = bool(key) and not found and i + 1 == len(texts)
    return waiting


def _is_meta_line(line: Line) -> bool:
    t = squeeze(line.text)
    if _DATE_ONLY.fullmatch(t):
        return True  # a page's date and time on a line of their own
    m = _KEY_RE.search(t) or _LEADING_KEY.match(t)
    return m is not None and m.start() <= 2 and len(t) <= 120 and "。" not in t


def locate(document: Document, settings: Settings) -> Located:
    from .sections import heading_score

    blocks = [b for b in document.blocks if not (isinstance(b, Line) and (b.aside or is_print_artefact(b)))]
    dropped = len(document.blocks) - len(blocks)
    meta = {k: v for k, v in document.meta.items() if v}

    # The part headings, in order.
    headings: list[int] = []
    expected = 1
    for i, b in enumerate(blocks):
        if isinstance(b, Line) and _NUMBERED.match(b.text) and len(squeeze(b.text)) <= settings.heading_max:
            for part in range(expected, 7):
                if heading_score(b.text, part, settings) >= 0.6:
                    headings.append(i)
                    expected = part + 1
                    break
    first = headings[0] if headings else len(blocks)

    # The title: the nearest title-like line(s) before the first part.
    start, title = _find_title(blocks, first)
    if start is None:
        start = _head_start(blocks, first)
    before, report = blocks[:start], blocks[start:]
    texts = [t for b in before for t in ([b.text] if isinstance(b, Line) else [" ".join(c.text for c in row if not c.copy) for row in b.rows])]
    _read_meta_lines(texts, meta)
    dropped += sum(1 for b in before if isinstance(b, Line))

    # Between the title and part 1: metadata lines are not preamble.
    first_in_report = first - start
    head_end = min(first_in_report, len(report))
    kept: list[Block] = []
    value_next = False  # the line after a lone "发文机关：" is its value
    for i, b in enumerate(report):
        if len(title) <= i < head_end and isinstance(b, Table) and _meta_table(b, meta):
            dropped += 1  # the page's metadata table under the title
            continue
        if len(title) <= i < head_end and isinstance(b, Line) and (value_next or _is_meta_line(b) or is_chrome(b) or b.link):
            if _read_meta_lines([b.text], meta) and _KEY_RE.fullmatch(squeeze(b.text)):
                value_next = True
                meta_key = b.text
                continue
            if value_next:
                _read_meta_lines([meta_key, b.text], meta)
            value_next = False
            dropped += 1
            continue
        kept.append(b)
    report = kept

    # The end: the first line of the page after the last part heading.
    if headings:
        last_heading = blocks[headings[-1]]
        last = next(i for i, b in enumerate(report) if b is last_heading)
        container = _container(blocks[headings[0]], last_heading)
        for i in range(last + 1, len(report)):
            b = report[i]
            if isinstance(b, Line) and _ends_report(b, container):
                dropped += sum(1 for x in report[i:] if isinstance(x, Line))
                # A crawler that keeps the page's text first may set the tables after it.
                report = report[:i] + [x for x in report[i:] if isinstance(x, Table) and part_of_table(x)]
                break
    return Located(report, meta, title, dropped)


def describe(located: Located) -> str:
    """What locating did, for --explain: the page lines left out and the metadata read."""
    names = {"publisher": "发布机构", "written": "成文日期", "published": "发布日期", "index": "索引号", "title": "标题", "url": "网址"}
    meta = "；".join(f"{names[k]}={v}" for k, v in located.meta.items() if k in names)
    title = "".join(squeeze(t) for t in located.title) or "（未找到，取自网页信息）"
    return f"报告标题：{title}；略去报告之外的 {located.dropped} 行" + (f"；网页信息：{meta}" if meta else "")


def _find_title(blocks: list[Block], first: int) -> tuple[int | None, list[str]]:
    """The nearest title before part 1: one line, or up to three short lines standing together
    (agency / year and the rest), of which only the last says 报告."""
    lines = [(i, b) for i, b in enumerate(blocks[:first]) if isinstance(b, Line)]
    # Titles above a section of the page's own (相关链接, 热门信息), or in its list, name other reports.
    floor = -1
    for k, (i, b) in enumerate(lines):
        if _CHROME_SECTION.match(squeeze(b.text)):
            floor = i
            for j, item in lines[k + 1 :]:  # the section's list: links or titles, one after another
                if j != floor + 1 or not (item.link or is_title(clean_title(item.text))):
                    break
                floor = j
    for n in range(len(lines) - 1, -1, -1):
        if lines[n][0] <= floor:
            break
        if "报告" not in squeeze(lines[n][1].text) or lines[n][1].link:
            continue  # a title's last line says 报告; a link names another page's report
        found: list[tuple[int, Line]] = []
        for width in (1, 2, 3):
            if n - width + 1 < 0:
                break
            window = lines[n - width + 1 : n + 1]
            if window[-1][0] - window[0][0] != width - 1:
                break  # the lines of a title stand together, no table between them
            earlier = [squeeze(b.text) for _, b in window[:-1]]
            if any(_not_title_start(t, b) for t, (_, b) in zip(earlier, window, strict=False)):
                break
            if any(len(squeeze(b.text)) > 60 for _, b in window):
                break
            if not _one_column([b for _, b in window]):
                break  # a sidebar's line beside the title on a printed page
            joined = "".join(squeeze(b.text) for _, b in window)
            if is_title(clean_title(joined) if width == 1 else joined):
                found = window
        if found:
            return found[0][0], [b.text for _, b in found]
    return None, []


def _one_column(lines: list[Line]) -> bool:
    """Whether lines printed on a page stand in one column (their extents overlap); lines
    without positions (web pages, text) always do."""
    boxes = [(b.x0, b.x1) for b in lines if b.x1 > b.x0]
    if len(boxes) < 2:
        return True
    return min(x1 for _, x1 in boxes) > max(x0 for x0, _ in boxes)


def _not_title_start(text: str, line: Line) -> bool:
    """A line that cannot be the first part of a title printed over lines (the agency, or the
    agency and year): too long, a whole title itself, a link, the page's words."""
    if len(text) > 40 or "报告" in text or line.link or _is_meta_line(line) or is_chrome(line):
        return True
    if not re.match(r"^[\u3400-\u9fff0-9〇]", text) or len(re.findall(r"[\u3400-\u9fff]", text)) < 2:
        return True  # "】" left of a 【打印】, a date "2024-01-21": not the agency or the year
    return "信息公开" in text and not _YEAR.search(text)


def _head_start(blocks: list[Block], first: int) -> int:
    """Without a title: the preamble is the run of prose lines just before part 1."""
    i = first
    while i > 0:
        b = blocks[i - 1]
        if not isinstance(b, Line) or b.link or is_chrome(b) or _is_meta_line(b):
            break
        t = squeeze(b.text)
        if len(t) < 15 and not t.endswith(("。", "：", ":")):
            break
        i -= 1
    return i


def _container(a: Block, b: Block) -> tuple[int, ...]:
    """The elements both part headings stand in (web pages); () elsewhere."""
    pa, pb = getattr(a, "path", ()), getattr(b, "path", ())
    common: list[int] = []
    for x, y in zip(pa, pb, strict=False):
        if x != y:
            break
        common.append(x)
    return tuple(common)


def _ends_report(line: Line, container: tuple[int, ...]) -> bool:
    if container and line.path[: len(container)] != container:
        return True
    if is_chrome(line) or (line.link and len(squeeze(line.text)) <= 60):
        return True
    return is_title(clean_title(line.text)) and not isinstance(line, Table)
