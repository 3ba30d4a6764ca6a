"""PDF with pdfplumber (pdfminer.six underneath): the best-kept pure-Python PDF layout library,
with a table finder for ruled tables and exact word positions for everything else.

Per page: ruled tables come from ``find_tables`` (lines strategy); merged cells (``None`` in
its grid) become copies. Tables with one column or without a single number are page
decoration (WPS puts white rectangles behind text), not tables. Words outside the tables are
grouped into lines; a line whose words fall into separate columns with numbers among them is
a row of a borderless table (WPS and Word exports often have no rules), and label fragments
wrapped between such rows stay in the table. Page numbers and running headers/footers are
dropped; a paragraph starts where a line is indented or the line before it stopped short.
Tables continued on the next page are joined. A PDF without a text layer is a scan: it is
read by :mod:`.read_scan` (OCR, cell by cell), and marked as OCR so every number is listed for review.
"""

from __future__ import annotations

import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .document import Cell, Document, Line, ReadError, Table
from .glyphs import fold

logging.getLogger("pdfminer").setLevel(logging.ERROR)

PAGE_NUMBER = re.compile(
    r"^[-—–－\s]*(?:第\s*)?[0-9０-９]{1,3}(?:\s*页)?(?:\s*[/／]\s*(?:共\s*)?[0-9]{1,3}\s*页?)?[-—–－\s]*$"
)
_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
MARGIN = 0.075  # top and bottom share of the page where headers, footers and page numbers live
_NUMERIC = re.compile(r"^[+\-]?[0-9０-９][0-9０-９,，.]*(?:万?元)?$|^[/／\-—]$")


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def size(self) -> float:
        return max(self.bottom - self.top, 1.0)


def _lines_of(words: list[Word]) -> list[list[Word]]:
    """Group words into lines by vertical overlap, each line sorted left to right."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (round(w.top), w.x0)):
        if lines:
            last = lines[-1]
            top = min(x.top for x in last)
            bottom = max(x.bottom for x in last)
            overlap = min(bottom, w.bottom) - max(top, w.top)
            if overlap > 0.5 * min(w.size, bottom - top):
                last.append(w)
                continue
        lines.append([w])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _join_words(words: list[Word]) -> str:
    out = ""
    prev: Word | None = None
    for w in words:
        if prev is not None and out and w.text:
            gap = w.x0 - prev.x1
            if out[-1].isascii() and out[-1].isalnum() and w.text[0].isascii() and w.text[0].isalnum() and gap > 0.15 * w.size:
                out += " "
        out += w.text
        prev = w
    return out


def _clusters(line: list[Word]) -> list[list[Word]]:
    """Split a line into cells where the gap between words is wider than about 1.5 characters."""
    cells: list[list[Word]] = [[line[0]]]
    for w in line[1:]:
        gap = w.x0 - cells[-1][-1].x1
        if gap > 0.6 * w.size:
            cells.append([w])
        else:
            cells[-1].append(w)
    return cells


def _row_like(line: list[Word]) -> bool:
    """A table row: cells apart, ending in a number (or four or more cells: a header)."""
    cells = _clusters(line)
    texts = [_join_words(c) for c in cells]
    numeric = sum(1 for t in texts if _NUMERIC.match(t))
    if len(cells) >= 2 and _NUMERIC.match(texts[-1]):
        return numeric >= 2 or len(texts[0]) <= 30
    return len(cells) >= 4 and all(len(t) <= 12 for t in texts)


COLUMN_GAP = 2.5  # a gap of this many characters inside a line of text: two columns meet there


def _segments(line: list[Word]) -> list[list[Word]]:
    out: list[list[Word]] = [[line[0]]]
    for w in line[1:]:
        gap = w.x0 - out[-1][-1].x1
        if gap > COLUMN_GAP * w.size or gap < -0.5:  # far apart, or overlapping: two columns
            out.append([w])
        else:
            out[-1].append(w)
    return out


def _columns(lines: list[list[Word]]) -> list[tuple[float, list[Word], bool]]:
    """Lines with their sort keys, and whether each is in a side column (a printed page's
    sidebar, a box the text flows around), which is read apart from the text beside it.

    A column starts at an x where a piece of a line starts after a wide gap (or where words
    overlap) and where three or more pieces start in all. Every line with a word starting there
    after a gap is split there, and the two columns stand side by side from the first to the
    last line split, and on through the lines next to them that do not cross it. Of the two,
    the text column is the one with the sentences (。，；); the other is set before the text of
    that height and marked ``aside``. Table rows are never split."""
    text = [line for line in lines if not _row_like(line)]
    beside = Counter(round(seg[0].x0) for line in text for seg in _segments(line)[1:])  # pieces after a gap
    starts = Counter(round(seg[0].x0) for line in text for seg in _segments(line))
    edges = [x for x in beside if sum(n for s, n in starts.items() if abs(s - x) <= 3) >= 3]
    if not edges:
        return [(min(w.top for w in line), line, False) for line in lines]
    # The x with the most pieces after a gap (a page number or a header's title starts once).
    column = max(edges, key=lambda x: (sum(n for s, n in beside.items() if abs(s - x) <= 3), -x))

    def split(line: list[Word], loose: bool) -> tuple[list[Word], list[Word]]:
        """The words left of the column's start and those from it on: a word starting there
        after a gap or overlapping the word before; ``loose``, also the column's heading
        standing out a little to the left of it."""
        if _row_like(line):
            return line, []
        for k in range(1, len(line)):
            w, before = line[k], line[k - 1]
            if abs(w.x0 - column) <= 3 and (w.x0 - before.x1 > 0.2 * w.size or w.x0 < before.x1 - 0.5):
                return line[:k], line[k:]
            if loose and w.x0 >= column - 5 * w.size and (w.x0 < before.x1 - 0.5 or w.x0 - before.x1 > w.size):
                return line[:k], line[k:]
        return line, []

    strict = [split(line, False) for line in lines]
    both = [i for i, (left, right) in enumerate(strict) if left and right]
    if not both:
        return [(min(w.top for w in line), line, False) for line in lines]
    # The gutter starts where the left column's pieces end: a line starting right of it is the
    # right column's (a left sidebar's neighbour starts a little left of its first lines' indent).
    gutter = max(strict[i][0][-1].x1 for i in both)
    parts = []
    for line in lines:
        left, right = split(line, True)
        parts.append(([], line) if not right and not _row_like(line) and line[0].x0 > gutter else (left, right))
    first, last = both[0], both[-1]

    def crosses(i: int) -> bool:
        left, right = parts[i]
        return _row_like(lines[i]) or (bool(left) and left[-1].x1 > column + 3)

    while first > 0 and not crosses(first - 1):
        first -= 1
    while last + 1 < len(lines) and not crosses(last + 1):
        last += 1
    band = range(first, last + 1)

    def sentences(side: int) -> int:
        return sum(w.text.count(p) for i in band for w in parts[i][side] for p in "。，；")

    right_is_side = sentences(1) <= sentences(0)
    top = min(w.top for w in lines[first])
    out: list[tuple[float, list[Word], bool]] = []
    for i, line in enumerate(lines):
        if i not in band or _row_like(line):
            out.append((min(w.top for w in line), line, False))
            continue
        for side, ws in enumerate(parts[i]):
            if ws:
                aside = (side == 1) == right_is_side
                out.append((top - 1 + min(w.top for w in ws) / 10000 if aside else min(w.top for w in ws), ws, aside))
    return sorted(out, key=lambda t: t[0])


def _layout(
    words: list[Word], page_no: int, height: float, width: float, ruled: list[float] | None = None
) -> tuple[list[Line], list[Table], list[tuple[float, Line | Table]]]:
    """Lines and borderless tables from words (no ruled table among them; ``ruled`` are the tops
    of the ruled tables on the page, which no borderless table runs across: the rows a page
    break cut from a ruled table stand above and below it)."""
    ruled = ruled or []
    keyed = _columns(_lines_of(words))
    lines = [line for _, line, _ in keyed]
    key_of = {id(line): key for key, line, _ in keyed}
    aside = {id(line) for _, line, a in keyed if a}
    blocks: list[tuple[float, Line | Table]] = []
    i = 0
    while i < len(lines):
        if _row_like(lines[i]):
            # A borderless table: row-like lines, with short label fragments between them.
            j = i
            rows: list[list[Word]] = []
            while j < len(lines):
                if rows and any(rows[-1][0].top < t < lines[j][0].top for t in ruled):
                    break  # a ruled table stands between
                if _row_like(lines[j]):
                    rows.append(lines[j])
                    j += 1
                    continue
                k = j
                while k < len(lines) and not _row_like(lines[k]) and k - j < 3 and _is_fragment(lines[k], width):
                    k += 1
                if k < len(lines) and k > j and _row_like(lines[k]) and not any(rows[-1][0].top < t < lines[k][0].top for t in ruled):
                    rows.extend(lines[j:k])
                    j = k
                    continue
                break
            numbers = sum(1 for c in _clusters(rows[0]) if _NUMERIC.match(_join_words(c)))
            if len(rows) >= 2 or numbers >= 3:
                # Label fragments wrapped above the first row belong to the table too.
                while (
                    blocks and isinstance(blocks[-1][1], Line) and _is_fragment_line(blocks[-1][1])
                    and not any(blocks[-1][0] < t < rows[0][0].top for t in ruled)
                ):
                    top, frag = blocks.pop()
                    rows.insert(0, [Word(frag.text, frag.x0, frag.x1, top, top + frag.size)])
                blocks.append((min(w.top for w in rows[0]), Table(_grid(rows), page_no, (page_no,))))
                i = j
                continue
        line = lines[i]
        size = statistics.median(w.size for w in line)
        blocks.append((key_of[id(line)], Line(_join_words(line), page_no, line[0].x0, line[0].top, x1=line[-1].x1, size=size, aside=id(line) in aside)))
        i += 1
    return [], [], blocks


def _is_fragment_line(line: Line) -> bool:
    text = line.text.strip()
    return 0 < len(text) <= 40 and re.match(r"^[一二三四五六七八九十]+、", text) is None and not text.endswith(("。", "：", ":"))


def _is_fragment(line: list[Word], width: float) -> bool:
    text = _join_words(line)
    return 0 < len(text) <= 30 and re.match(r"^[一二三四五六七八九十]+、", text) is None and not text.endswith(("。", "：", ":"))


def _grid(rows: list[list[Word]]) -> list[list[Cell]]:
    """Cells of a borderless table: column boundaries from the cluster starts of all rows."""
    out = []
    for line in rows:
        out.append([Cell(_join_words(c)) for c in _clusters(line)])
    return out


def _inside(w: dict, bbox: tuple[float, float, float, float]) -> bool:  # type: ignore[type-arg]
    x0, top, x1, bottom = bbox
    cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def _ruled_tables(page) -> list:  # type: ignore[no-untyped-def]
    """Ruled tables, without the text rows WPS draws in rectangles around them.

    A row with cells in two or more columns is a table row; a row of one cell spanning the
    width is text unless it is a short band between table rows (第二十条第（八）项).
    """
    kept = []
    for t in _page_filter(page).find_tables():
        if _layout_box(t):
            continue
        grid = t.extract()
        boxes = [r.bbox for r in t.rows]
        real = [i for i, r in enumerate(grid) if sum(1 for c in r if c is not None) >= 2]
        if not real:
            continue
        first, last = real[0], real[-1]
        while first > 0 and _band(grid[first - 1]):
            first -= 1
        while last + 1 < len(grid) and _band(grid[last + 1]) and not any(
            c and c.strip().endswith(("。", "；", "：")) for c in grid[last + 1]
        ):
            last += 1
        rows = grid[first : last + 1]
        width = max((len(r) for r in rows), default=0)
        has_number = any(c is not None and _NUMERIC.match(c.strip()) for r in rows for c in r)
        # A table left blank by its agency has no number but is still a table of labels.
        if width >= 2 and (has_number or len(real) >= 3):
            x0 = min(b[0] for b in boxes[first : last + 1])
            x1 = max(b[2] for b in boxes[first : last + 1])
            bbox = (x0, boxes[first][1], x1, boxes[last][3])
            kept.append((bbox, rows))
    # A box drawn around other tables is the page's layout (a portal page's article frame).
    return [k for k in kept if not any(o is not k and _contains(k[0], o[0]) for o in kept)]


def _page_filter(page):  # type: ignore[no-untyped-def]
    """The page without the big filled, unstroked boxes behind its text.

    A printed web page fills boxes behind its header, article and footer; taken as ruling lines,
    their edges join the article's frame to the tables inside it into one grid. Rules are
    stroked, or filled but thin (Chromium draws every border as a thin filled rectangle); a
    filled box behind a single cell (WPS puts white ones behind every cell) is harmless and
    sometimes completes a rule the printer left short, so only boxes covering a fifth of the
    page go."""
    area = float(page.width) * float(page.height)

    def keep(obj: dict) -> bool:  # type: ignore[type-arg]
        if obj.get("object_type") != "rect" or obj.get("stroke"):
            return True
        return float(obj["width"]) * float(obj["height"]) < 0.2 * area

    return page.filter(keep)


def _layout_box(table) -> bool:  # type: ignore[no-untyped-def]
    """A ruled "table" that is really a frame around running text: a printed web page draws
    borders around its header, article and footer, and pdfplumber finds them as tables. No
    cell of a report's tables holds a paragraph (the longest label is about 40 characters)."""
    for row in table.extract():
        for cell in row:
            text = re.sub(r"\s+", "", cell or "")
            if len(text) > 120 or text.count("。") >= 2:
                return True
    return False


def _contains(outer: tuple[float, float, float, float], inner: tuple[float, float, float, float]) -> bool:
    return outer[0] <= inner[0] + 1 and outer[1] <= inner[1] + 1 and outer[2] >= inner[2] - 1 and outer[3] >= inner[3] - 1 and outer != inner


def _band(row: list) -> bool:  # type: ignore[type-arg]
    cells = [c for c in row if c is not None]
    if len(cells) != 1:
        return False
    text = re.sub(r"\s+", "", cells[0])
    return 0 < len(text) <= 20 and re.match(r"^[一二三四五六七八九十]+、", text) is None


def read_pdf(path: Path) -> Document:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    with path.open("rb") as f:
        head = f.read(1024)
    if b"%PDF-" not in head:
        raise ReadError("文件不是 PDF 格式（文件头不是 %PDF-），可能已损坏或扩展名有误")
    encrypted = ReadError("PDF 文件已加密（需要密码才能打开），无法读取；请取得未加密的原件后再导入")
    try:
        pdf = pdfplumber.open(path)
        pdf.pages  # noqa: B018 - parsing the page tree is where damage shows
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise encrypted from e
    except Exception as e:
        if b"/Encrypt" in path.read_bytes()[-65536:] or "password" in str(e).lower():
            raise encrypted from e
        if isinstance(e, PDFSyntaxError) or "pdfminer" in type(e).__module__ or type(e).__name__ == "PdfminerException":
            raise ReadError("PDF 文件已损坏，无法读取（可能下载不完整）") from e
        raise
    with pdf:
        doc = Document(str(path), "pdf", pages=len(pdf.pages))
        if not pdf.pages:
            raise ReadError("PDF 文件没有任何页面")
        per_page: list[list[tuple[float, Line | Table]]] = []
        has_text = False
        for number, page in enumerate(pdf.pages, 1):
            try:
                blocks, text = _read_page(page, number)
            except Exception as e:  # one damaged page costs only itself: the rest is read
                if isinstance(e, (MemoryError, RecursionError)):
                    raise
                doc.problems.append(f"第 {number} 页无法读取（{type(e).__name__}），其内容未导入，请对照原件")
                per_page.append([])
                continue
            has_text = has_text or text
            per_page.append(blocks)
            page.flush_cache()
        if not has_text and not doc.problems:
            from .read_scan import read_scan  # here: OpenCV and onnxruntime load only for scans

            return read_scan(path, len(pdf.pages))
    running = _drop_running(per_page)
    if running:
        doc.meta["running_header"] = running[0]  # a browser prints the page's title there
    doc.blocks = _paragraphs(per_page)
    return doc


def _read_page(page, number: int) -> tuple[list[tuple[float, Line | Table]], bool]:  # type: ignore[no-untyped-def]
    """One page's blocks in reading order, and whether it has a text layer at all."""
    blocks: list[tuple[float, Line | Table]] = []
    tables = _ruled_tables(page)
    bboxes = [bbox for bbox, _ in tables]
    for bbox, grid in tables:
        rows = [[Cell("", copy=True) if c is None else Cell(fold(c.strip())) for c in r] for r in grid]
        blocks.append((bbox[1], Table(rows, number, (number,))))
    words = [
        Word(fold(w["text"]), w["x0"], w["x1"], w["top"], w["bottom"])
        for w in page.extract_words(x_tolerance=1.5, y_tolerance=3)
        if not any(_inside(w, b) for b in bboxes)
    ]
    _, _, more = _layout(words, number, float(page.height), float(page.width), [b[1] for b in bboxes])
    blocks.extend(more)
    blocks.sort(key=lambda b: b[0])
    return _drop_margins(blocks, float(page.height)), bool(page.chars)


def _drop_margins(blocks: list[tuple[float, Line | Table]], height: float) -> list[tuple[float, Line | Table]]:
    out = []
    for top, b in blocks:
        if isinstance(b, Line) and (top < height * MARGIN or top > height * (1 - MARGIN)) and PAGE_NUMBER.match(b.text):
            continue
        if isinstance(b, Line):
            b.top = top
            b.in_margin = top < height * MARGIN or top > height * (1 - MARGIN)
        out.append((top, b))
    return out


def _drop_running(pages: list[list[tuple[float, Line | Table]]]) -> list[str]:
    """Running headers and footers: the same margin line (digits aside: page numbers, the
    browser's "1/5") on at least half of the pages, and on two at least. A browser's "save as
    PDF" prints date and time, the page title, the URL and "page/pages" on every page.
    Returns the text of the dropped lines as they stand on the first page (a browser's header
    holds the page's title, which recognition may need)."""
    if len(pages) < 2:
        return []
    counts = Counter(
        re.sub(r"\d+", "#", b.text) for blocks in pages for _, b in blocks if isinstance(b, Line) and b.in_margin
    )
    repeated = {t for t, n in counts.items() if n >= max(2, (len(pages) + 1) // 2)}
    dropped = [b.text for _, b in pages[0] if isinstance(b, Line) and b.in_margin and re.sub(r"\d+", "#", b.text) in repeated]
    for blocks in pages:
        blocks[:] = [
            (t, b)
            for t, b in blocks
            if not (isinstance(b, Line) and b.in_margin and re.sub(r"\d+", "#", b.text) in repeated)
        ]
    return dropped


def _paragraphs(pages: list[list[tuple[float, Line | Table]]]) -> list[Line | Table]:
    """Mark where paragraphs start, and join tables continued on the next page."""
    lines = [b for blocks in pages for _, b in blocks if isinstance(b, Line)]
    if lines:
        margin = Counter(round(b.x0) for b in lines).most_common(1)[0][0]
        right = statistics.median(sorted(b.x1 for b in lines)[len(lines) // 2 :])
    out: list[Line | Table] = []
    prev: Line | None = None
    for blocks in pages:
        for _, b in blocks:
            if isinstance(b, Table):
                if out and isinstance(out[-1], Table) and b.page == out[-1].page + 1 - 0 and b.page != out[-1].page:
                    last = out[-1]
                    last.rows.extend(b.rows)
                    last.pages = tuple(last.pages) + (b.page,)
                    continue
                out.append(b)
                prev = None
                continue
            size = b.size
            indented = b.x0 > margin + 0.8 * size
            short_before = prev is not None and prev.x1 < right - 1.5 * size
            heading = _HEADING.match(b.text) is not None and len(b.text) <= 40
            b.new_paragraph = (
                prev is None or indented or short_before or b.x0 < margin - 0.8 * size or heading
                or (prev is not None and _HEADING.match(prev.text) is not None and len(prev.text) <= 40)
            )
            out.append(b)
            prev = b
    return out
