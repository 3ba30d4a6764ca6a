"""Plain text and Markdown, as reports are pasted from Word or web pages (like the seeds).

Table rows are recognised by their separators: tab-separated cells on one line, one cell per
line (each line starting with a tab, rows separated by blank lines), or Markdown pipe tables.
Markdown separator rows (``---|---``) are dropped. Everything else is a text line. Standard
library only: the format is too loose for a parser library to help.
"""

from __future__ import annotations

import re
from pathlib import Path

from .document import Cell, Document, Line, ReadError, Table

_SEPARATOR = re.compile(r"^[\s|:\-—]+$")
_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")


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


def _cells_of(line: str) -> list[str] | None:
    """The cells of a table row line, or None for a text line."""
    stripped = line.strip()
    if "\t" in line.rstrip("\n") and line.strip("\t ").strip():
        if stripped.startswith("|"):
            pass
        else:
            return line.split("\t")
    if stripped.startswith("|") and stripped.count("|") >= 2:
        inner = stripped.strip("|")
        return [c.strip() for c in inner.split("|")]
    return None


def parse_text(text: str, path: str, fmt: str = "txt") -> Document:
    doc = Document(path, fmt)
    lines = _BOOKMARK.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            doc.blocks.append(Table([[Cell(c.strip()) for c in r] for r in rows]))
            rows.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
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
        cells = _cells_of(line)
        if cells is not None:
            if not all(_SEPARATOR.match(c) or not c.strip() for c in cells):
                rows.append(cells)
            i += 1
            continue
        if not line.strip():
            i += 1
            continue
        if line.lstrip().startswith("|") or _SEPARATOR.match(line.strip()) and "|" in line:
            i += 1
            continue
        flush()
        doc.blocks.append(Line(line.strip()))
        i += 1
    flush()
    if not any(isinstance(b, Line) for b in doc.blocks) and not doc.tables:
        raise ReadError("文件是空的，没有可导入的内容")
    return doc
