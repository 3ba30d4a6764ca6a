"""HTML as government sites serve it, with BeautifulSoup on lxml (the usual robust pair for
real-world markup; lxml is fast and forgiving of broken tags).

The page's encoding comes from its ``<meta>`` declaration or, failing that, from
charset-normalizer (GBK and GB2312 pages are common; both are decoded as GB18030, their
superset). The whole body is read, the site's header, navigation and footer too, each line
with the elements it stands in and whether it is all link text: the report is found inside
the page by its content, in recognition (:mod:`generator.extract.locate`), which also reads
the <meta> tags kept here. Tables have rowspan/colspan expanded; text split into one span per
character is joined again because only block elements start a new line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .document import Cell, Document, Line, ReadError, Table

BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "blockquote",
    "pre", "center", "dd", "dt", "ul", "ol", "header", "footer", "main", "form", "figure",
}
LAYOUT = {"tbody", "thead", "tfoot", "tr", "td", "th"}  # the parts of a layout table, walked as blocks
DROP = {"script", "style", "noscript", "nav", "iframe", "svg", "button", "select", "input", "textarea", "head"}
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def decode_html(raw: bytes) -> str:
    m = _META.search(raw[:4096])
    candidates = []
    if m:
        name = m.group(1).decode("ascii").lower()
        candidates.append("gb18030" if name in ("gbk", "gb2312", "gb_2312-80", "x-gbk", "gb18030") else name)
    candidates += ["utf-8", "gb18030"]
    for enc in candidates:
        try:
            return raw.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise ReadError("无法识别网页的文字编码")
    return str(best)


def read_html(path: Path) -> Document:
    raw = path.read_bytes()
    if not raw.strip():
        raise ReadError("文件是空的，没有可导入的内容")
    return parse_html(decode_html(raw), str(path))


# <meta name=…> of government CMSes (the national standard for government sites asks for
# ArticleTitle, PubDate, ContentSource) and of the Open Graph: what the page says of its article.
META_NAMES = {
    "articletitle": "title", "og:title": "title",
    "pubdate": "published", "article:published_time": "published",
    "contentsource": "publisher",
    "url": "url", "og:url": "url",
}


def parse_html(text: str, path: str) -> Document:
    """Every text line and table of the page's body in reading order, each with the elements it
    stands in; what the <meta> tags and <title> say about the article in ``meta``."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "lxml")
    doc = Document(path, "html")
    for m in soup.find_all("meta"):
        key = META_NAMES.get(str(m.get("name") or m.get("property") or "").lower())
        content = re.sub(r"\s+", " ", str(m.get("content") or "")).strip()
        if key and content:
            doc.meta.setdefault(key, content)
    if soup.title is not None and soup.title.get_text("").strip():
        doc.meta["page_title"] = re.sub(r"\s+", " ", soup.title.get_text("")).strip()
    for el in soup.find_all(list(DROP)):
        el.decompose()
    _walk(soup.body or soup, doc.blocks, ())
    if not doc.blocks:
        raise ReadError("网页中没有正文内容")
    return doc


def _walk(node: Any, out: list[Any], path: tuple[int, ...]) -> None:
    from bs4 import NavigableString, Tag

    buffer: list[str] = []
    linked: list[bool] = []  # per piece of text in the buffer: whether it is the text of a link

    def flush() -> None:
        text = "".join(buffer)
        link = bool(linked) and all(linked)
        buffer.clear()
        linked.clear()
        for part in text.split("\n"):
            part = part.replace("\xa0", " ").replace("\u3000", " ").strip()
            part = re.sub(r"[ \t\r\f\v]+", " ", part)
            if part:
                out.append(Line(part, path=path, link=link))

    here = path + (id(node),)
    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child).__name__ in ("Comment", "Doctype", "ProcessingInstruction", "Declaration"):
                continue
            piece = re.sub(r"[\r\n\t]+", " ", str(child))
            buffer.append(piece)
            if piece.strip():
                linked.append(False)
        elif isinstance(child, Tag):
            if child.name == "br":
                buffer.append("\n")
            elif child.name == "table" and _layout_table(child):
                flush()
                _walk(child, out, here)  # a page laid out in a table: its cells are blocks
                flush()
            elif child.name == "table":
                flush()
                _table(child, out, here)
            elif child.name in BLOCKS | LAYOUT or child.find(list(BLOCKS | {"table", "br"})) is not None:
                flush()
                _walk(child, out, here)
                flush()
            else:
                piece = re.sub(r"[\r\n\t]+", " ", child.get_text(""))
                buffer.append(piece)
                if piece.strip():
                    linked.append(child.name == "a" or _all_links(child))
    flush()


def _all_links(node: Any) -> bool:
    """Whether every piece of text inside an inline element belongs to a link."""
    from bs4 import NavigableString

    texts = [s for s in node.descendants if isinstance(s, NavigableString) and s.strip()]
    return bool(texts) and all(s.find_parent("a") is not None for s in texts)


def _cell_text(cell: Any) -> str:
    from bs4 import NavigableString

    parts: list[str] = []
    for el in cell.descendants:
        if getattr(el, "name", None) in ("br", "p", "div") and parts:
            parts.append("\n")
        elif isinstance(el, NavigableString) and type(el).__name__ == "NavigableString":
            parts.append(str(el))
    text = "".join(parts).replace("\xa0", " ").replace("\u3000", " ")
    return "\n".join(re.sub(r"\s+", " ", t).strip() for t in text.split("\n") if t.strip())


def _layout_table(table: Any) -> bool:
    """A table used for the page's layout (older CMSes lay out whole pages in tables): it holds
    another table, or a cell holds running text. A report's tables hold labels and numbers."""
    if table.find("table") is not None:
        return True
    for cell in table.find_all(["td", "th"]):
        text = re.sub(r"\s+", "", cell.get_text(""))
        if len(text) > 150 or text.count("。") >= 2:
            return True
    return False


def _table(table: Any, out: list[Any], path: tuple[int, ...] = ()) -> None:
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    grid: dict[tuple[int, int], Cell] = {}
    width = 0
    for r, tr in enumerate(rows):
        c = 0
        for td in tr.find_all(["td", "th"], recursive=False):
            while (r, c) in grid:
                c += 1
            try:
                rs = max(1, int(td.get("rowspan", 1) or 1))
                cs = max(1, int(td.get("colspan", 1) or 1))
            except ValueError:
                rs = cs = 1
            rs, cs = min(rs, 200), min(cs, 50)
            text = _cell_text(td)
            for dr in range(rs):
                for dc in range(cs):
                    grid[(r + dr, c + dc)] = Cell(text, copy=bool(dr or dc))
            c += cs
            width = max(width, c)
    height = max((r for r, _ in grid), default=-1) + 1
    cells = [[grid.get((r, c), Cell("")) for c in range(width)] for r in range(height)]
    if cells:
        out.append(Table(cells, path=path))
