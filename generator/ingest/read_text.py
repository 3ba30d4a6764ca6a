"""Plain text and Markdown: reports pasted from Word, and crawled renditions of portal pages.

Blocks are found line by line, because the format is too loose for a Markdown parser to find
tables in what crawlers write: a table row is tab-separated cells on one line, one cell per
line (each line starting with a tab, rows separated by blank lines), or cells separated by
``|`` with or without the leading and trailing pipe (html2text writes ``规章 | 0 | 0 | 0``),
a pipe table ending at a blank or text line (tab-separated rows, as pasted from Word, run on
across blank lines), so a crawl that made every row a table of its own gives one piece per row (recognition reads the pieces of a part in order); ``---|---``
separator lines are dropped. Everything else is a text line.

Inline Markdown — ``**bold**``, ``[links](…)``, images, backslash escapes, entities, ``<br>``
— is removed with markdown-it-py's inline parser (the project's Markdown library, so a
crawler's escaping is undone exactly as Markdown defines it), and ``#`` heading and ``>``
quote markers are dropped, so ``## 三、收到和处理…`` is the part heading it prints. This is done
for Markdown files and for text that is plainly Markdown. A crawler's header (``Title:``,
``URL Source:``, ``Published Time:`` before ``Markdown Content:``) goes to the document's
metadata.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .document import Cell, Document, Line, ReadError, Table

_SEPARATOR = re.compile(r"^[\s|:\-—–=+─━┼┬┴├┤┌┐└┘═╪╤╧╔╗╚╝╠╣╦╩╬]+$")
# Text-mode browsers (w3m, lynx) and some crawlers draw table rules with box-drawing characters.
_RULES = str.maketrans({c: "|" for c in "｜│┃║"})
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_HEADER = re.compile(r"^(Title|URL Source|Published Time|Description)\s*:\s*(.*)$")
_HEADER_KEYS = {"Title": "title", "URL Source": "url", "Published Time": "published"}
_MARKDOWN_SIGNS = re.compile(r"\*\*[^*\n]+\*\*|\]\([^)\s]*\)|^#{1,6}\s|^\s*\|?\s*:?-{3,}", re.M)


def decode(raw: bytes, path: str) -> str:
    """UTF-8 (with or without BOM), else what charset-normalizer finds (GBK, GB18030 …)."""
    if not raw.strip():
        raise ReadError("文件是空的，没有可导入的内容")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for encoding in ("gb18030",):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise ReadError("无法识别文件的文字编码（不是 UTF-8 或 GBK 文本），可能不是文本文件")
    return str(best)


def read_text(path: Path) -> Document:
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise ReadError("文件含有二进制内容，不是文本文件（扩展名与内容不符？）")
    text = decode(raw, str(path))
    return parse_text(text, str(path), "md" if path.suffix.lower() in (".md", ".markdown") else "txt")


@lru_cache(maxsize=1)
def _inline_parser():  # type: ignore[no-untyped-def]
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True})


def plain(text: str) -> str:
    """The text of a line of Markdown: emphasis, links, images, escapes and entities removed."""
    return _plain(text)[0]


def _plain(text: str) -> tuple[str, bool]:
    """The text of a line of Markdown, and whether all of it is the text of links."""
    if not re.search(r"[*_\[\]\\&<`!]", text):
        return text, False
    tokens = _inline_parser().parseInline(text)
    out: list[str] = []
    depth = 0  # inside a link
    linked = unlinked = 0
    for t in tokens[0].children or []:
        if t.type == "link_open":
            depth += 1
        elif t.type == "link_close":
            depth -= 1
        elif t.type in ("text", "code_inline"):
            out.append(t.content)
            if t.content.strip():
                linked, unlinked = (linked + 1, unlinked) if depth else (linked, unlinked + 1)
        elif t.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif t.type == "html_inline" and re.match(r"<br\b", t.content, re.I):
            out.append("\n")
    return "".join(out), linked > 0 and unlinked == 0


def _block_markup(line: str) -> str:
    """A Markdown line without its heading, quote and bullet markers."""
    line = re.sub(r"^\s{0,3}>\s?", "", line)
    line = re.sub(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$", r"\1", line)
    return re.sub(r"^\s{0,3}[-*+]\s+(?=\S)", "", line)


def _cells_of(line: str) -> list[str] | None:
    """The cells of a table row line, or None for a text line."""
    stripped = line.strip()
    if "\t" in line.rstrip("\n") and stripped and not stripped.startswith("|"):
        return line.split("\t")
    if "|" in stripped:
        inner = stripped
        if inner.startswith("|"):
            inner = inner[1:]
        if inner.endswith("|") and not inner.endswith("\\|"):
            inner = inner[:-1]
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", inner)]
        if len(cells) >= 2:
            return cells
    return None


def parse_text(text: str, path: str, fmt: str = "txt") -> Document:
    doc = Document(path, fmt)
    lines = _BOOKMARK.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    lines = _crawler_header(lines, doc)
    markdown = fmt == "md" or len(_MARKDOWN_SIGNS.findall(text)) >= 3
    rows: list[list[str]] = []
    piped = False  # the rows being gathered are Markdown pipe rows (not tab-separated ones)

    def clean(s: str) -> str:
        return plain(s) if markdown else s

    def flush() -> None:
        if rows:
            doc.blocks.append(Table([[Cell(clean(c).strip()) for c in r] for r in rows]))
            rows.clear()

    i = 0
    while i < len(lines):
        line = lines[i].translate(_RULES)
        # One cell per line: a run of lines "\t<text>" (no other tab) up to a blank line.
        if re.match(r"^\t[^\t]*$", line) is not None:
            j = i
            block = []
            while j < len(lines) and re.match(r"^\t[^\t]*$", lines[j]):
                block.append(lines[j][1:])
                j += 1
            if len(block) > 1 or (j < len(lines) and not lines[j].strip()) or j == len(lines):
                rows.append(block)
                i = j
                continue
        if not line.strip():
            if piped:
                flush()  # a blank line ends a Markdown table (one table per row stays so)
            i += 1
            continue
        if _SEPARATOR.match(line.strip()) and ("|" in line or "-" in line.strip()[:3]):
            i += 1  # a Markdown table's ---|--- line
            continue
        cells = _cells_of(line)
        if cells is not None and _laid_out(cells):
            flush()  # a page laid out in a table, crawled onto one line: its text and inner tables
            for block in _unflatten(line):
                if isinstance(block, Table):
                    doc.blocks.append(Table([[Cell(clean(c.text).strip()) for c in r] for r in block.rows]))
                else:
                    text_line, link = _plain(block.text) if markdown else (block.text, False)
                    doc.blocks.extend(Line(p.strip(), link=link) for p in text_line.split("\n") if p.strip())
            i += 1
            continue
        if cells is not None:
            if not all(_SEPARATOR.match(c) or not c.strip() for c in cells):
                if rows and piped != ("|" in line):
                    flush()
                piped = "|" in line
                rows.append(cells)
            i += 1
            continue
        flush()
        if markdown:
            line = re.sub(r"^\s*\|\s*(.*?)\s*\|\s*$", r"\1", line)  # a one-cell "table": a page's layout
        for piece in _paragraphs(line) if markdown else [line]:
            text_line, link = _plain(_block_markup(piece)) if markdown else (piece, False)
            for part in text_line.split("\n"):
                part = part.replace("\xa0", " ").replace("\u3000", " ").strip()
                if part:
                    doc.blocks.append(Line(part, link=link))
        i += 1
    flush()
    doc.blocks = _rejoin_inline(doc.blocks)
    if not any(isinstance(b, Line) for b in doc.blocks) and not doc.tables:
        raise ReadError("文件是空的，没有可导入的内容")
    return doc


_CONTINUES = re.compile(r"^[）)〕」』”’，,。、；;：:%％年月日件条篇号个项次名万元]")
_OPENS = re.compile(r"[（(〔「『“‘]$")
_NUMBER_ONLY = re.compile(r"^[0-9０-９][0-9０-９,.]*$")


def _rejoin_inline(blocks: list[Line | Table]) -> list[Line | Table]:
    """Text lines a crawler broke at every inline element ("全年发布政策解读" / "11" / "篇。…",
    "（" / "http://…" / "）"): a line that continues a sentence (a unit or closing punctuation
    after a number, a closing bracket) is joined to the line before. A label and its number in
    a table printed one cell per line ("行政许可" / "177" / "行政处罚") are left alone."""
    out: list[Line | Table] = []
    for k, b in enumerate(blocks):
        prev = out[-1] if out else None
        nxt = blocks[k + 1] if k + 1 < len(blocks) else None
        if isinstance(b, Line) and isinstance(prev, Line) and not prev.link and not b.link:
            a, t = prev.text, b.text
            row = re.search(r"\s[0-9０-９][0-9０-９,.]*$", a)  # a table row's numbers end the line: leave it
            inside = (  # "…特向社会公布" / "2019" / "年度…": a number in the middle of a sentence
                _NUMBER_ONLY.match(t) and isinstance(nxt, Line) and _CONTINUES.match(nxt.text)
                and not re.search(r"[。！？：:]$", a) and len(a) > 8 and re.search(r"[\u3400-\u9fff]$", a)
                and not re.match(r"^\s*(?:第?[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.、．])", a)
            )
            number_ends = re.search(r"[0-9０-９]$", a) is not None  # "…公布2019" / "年度…"
            if not row and (inside or (number_ends and _CONTINUES.match(t)) or _OPENS.search(a) or (t[0] in "）)〕」』" and len(a) > 1)):
                prev.text = a + t
                continue
        out.append(b)
    return out


def _paragraphs(line: str) -> list[str]:
    """A long line of Markdown a crawler made of a whole cell of running text: Chinese puts no
    space after a sentence's end or around a heading, so a space there is where paragraphs met
    ("…监督权。 **（一）聚焦重点工作** 围绕…")."""
    if len(line) < 200:
        return [line]
    return [p for p in re.split(r"(?<=[。！？；])\s+(?=\S)|\s+(?=\*\*[^*\s])|(?<=[^*\s]\*\*)\s+", line) if p.strip()]


def _laid_out(cells: list[str]) -> bool:
    """A pipe row that is no row of a report's table: a cell holds running text (a page laid out
    in a table), or a whole inner table was flattened into it (``| --- |`` inside the line)."""
    if sum(1 for c in cells if _SEPARATOR.match(c) and "-" in c) and any(c.strip() and not _SEPARATOR.match(c) for c in cells):
        return True
    return any(len(c) > 150 or c.count("。") >= 2 for c in cells)


def _unflatten(line: str) -> list[Line | Table]:
    """The text and tables of a layout table crawled onto one line (markdownify writes a table
    inside a cell as its rows one after another: ``| a | b | | --- | --- | | 1 | 2 | | 3 | 4 |``).

    An inner table is a run of two or more ``---`` cells: its header is the cells just before
    the run, and its rows follow, each as many cells as the run is long and each followed by an
    empty cell where the line break was. Every other cell is text: paragraphs run together with
    spaces are split where three or more spaces stand between them."""
    tokens = re.split(r"(?<!\\)\|", line)
    is_rule = [bool(re.fullmatch(r"\s*:?-{3,}:?\s*", t)) for t in tokens]
    out: list[Line | Table] = []
    text: list[str] = []

    def flush_text() -> None:
        for t in text:
            for piece in re.split(r"\s{3,}|<br\s*/?>", t):
                if piece.strip():
                    out.append(Line(piece.strip()))
        text.clear()

    i = 0
    while i < len(tokens):
        if not is_rule[i]:
            text.append(tokens[i])
            i += 1
            continue
        j = i
        while j < len(tokens) and is_rule[j]:
            j += 1
        w = j - i
        if w < 2 or i - 1 - w < 0:
            i = j  # a one-column "table": the page's layout, its cells are text
            continue
        header = tokens[i - 1 - w : i - 1]
        del text[len(text) - w - 1 :]  # the header (and the empty cell after it) are not text
        flush_text()
        rows = [header]
        k = j
        while k + w < len(tokens) and not tokens[k].strip() and not any(is_rule[k + 1 : k + 1 + w]):
            rows.append(tokens[k + 1 : k + 1 + w])
            k += 1 + w
        out.append(Table([[Cell(c.strip()) for c in r] for r in rows]))
        i = k
    flush_text()
    return out


def _crawler_header(lines: list[str], doc: Document) -> list[str]:
    """A reader service's header (Title:, URL Source:, Published Time:, then Markdown Content:)."""
    for n, line in enumerate(lines[:12]):
        if line.strip() == "Markdown Content:":
            for head in lines[:n]:
                m = _HEADER.match(head.strip())
                if m and m.group(1) in _HEADER_KEYS and m.group(2).strip():
                    doc.meta[_HEADER_KEYS[m.group(1)]] = m.group(2).strip()
            return lines[n + 1 :]
    return lines
