"""HTML as government sites serve it, with BeautifulSoup on lxml (the usual robust pair for
real-world markup; lxml is fast and forgiving of broken tags).

The page's encoding comes from its ``<meta>`` declaration or, failing that, from
charset-normalizer (GBK and GB2312 pages are common; both are decoded as GB18030, their
superset). The article is found inside the site's chrome as the innermost element holding
the report's first and last part headings; the title is taken from the page's heading when
the article does not print it. Tables have rowspan/colspan expanded; text split into one
span per character is joined again because only block elements start a new line.
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


def _text(node: Any) -> str:
    return re.sub(r"\s+", "", node.get_text("")) if node is not None else ""


def _find_article(soup: Any) -> Any:
    best = None
    for el in soup.find_all(True):
        if el.name in DROP:
            continue
        text = el.get_text("")
        if "总体情况" in text and ("其他需要报告" in text or "存在的主要问题" in text):
            best = el  # find_all is in document order: later matches are deeper
    return best or soup.body or soup


def parse_html(text: str, path: str) -> Document:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "lxml")
    for el in soup.find_all(list(DROP)):
        el.decompose()
    article = _find_article(soup)
    doc = Document(path, "html")
    _walk(article, doc.blocks)
    # The title, when the article does not print it, is the page's heading.
    lines = [re.sub(r"\s+", "", b.text) for b in doc.blocks[:2] if isinstance(b, Line)]
    if not any(re.search(r"(19|20)\d\d年.*报告$", "".join(lines[: n + 1])) for n in range(len(lines))):
        title = None
        for tag in ("h1", "h2", "h3"):
            for h in soup.find_all(tag):
                t = h.get_text("").strip()
                if "报告" in t and article not in h.parents:
                    title = t
                    break
            if title:
                break
        if title is None and soup.title is not None:
            t = soup.title.get_text("").strip()
            title = re.split(r"\s*[-_|｜—]\s*", t)[0] if "报告" in t else None
        if title:
            doc.blocks.insert(0, Line(re.sub(r"\s+", " ", title).strip()))
    if not doc.blocks:
        raise ReadError("网页中没有正文内容")
    return doc


def _walk(node: Any, out: list[Any]) -> None:
    from bs4 import NavigableString, Tag

    buffer: list[str] = []

    def flush() -> None:
        text = "".join(buffer)
        buffer.clear()
        for part in text.split("\n"):
            part = part.replace("\xa0", " ").replace("\u3000", " ").strip()
            part = re.sub(r"[ \t\r\f\v]+", " ", part)
            if part:
                out.append(Line(part))

    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child).__name__ in ("Comment", "Doctype", "ProcessingInstruction", "Declaration"):
                continue
            buffer.append(re.sub(r"[\r\n\t]+", " ", str(child)))
        elif isinstance(child, Tag):
            if child.name == "br":
                buffer.append("\n")
            elif child.name == "table":
                flush()
                _table(child, out)
            elif child.name in BLOCKS or child.find(list(BLOCKS | {"table", "br"})) is not None:
                flush()
                _walk(child, out)
                flush()
            else:
                buffer.append(re.sub(r"[\r\n\t]+", " ", child.get_text("")))
    flush()


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


def _table(table: Any, out: list[Any]) -> None:
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
        out.append(Table(cells))
