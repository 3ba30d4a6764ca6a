"""Scanned PDFs (page images, no text layer): tables read cell by cell, text line by line.

Each page is rendered and straightened (:mod:`.scan_image`); ruled tables are found in the
image and cut into cells, merged cells included (:mod:`.scan_grid`); every cell's text lines
and every line of text outside the tables are cropped (:mod:`.scan_lines`) and read by a
recogniser (:mod:`.scan_ocr`). A cell in a column of numbers is read as a number (the
recogniser's output restricted to digits, point, comma, slash and dash), so a value cell holds
exactly the printed figure, a blank stays blank and "/" stays "/". The result is the same
neutral document the other readers give: lines (with positions in points, paragraphs marked
where a line is indented or the line before stopped short, page numbers dropped), tables
joined where one runs on to the next page, ``ocr=True`` (recognition lists every number as
uncertain) and a note saying the file was a scan read by OCR and by which engine.

Engine chosen by measuring (``bench/scan_bench.py``; the same page images, grids and crops,
only the recogniser differs; recognised by the extract stage as ``xxgk import`` does and scored
cell by cell against truth.yaml; measured on the shared 2-core machine while other work kept
its load between 4 and 9, so CPU seconds say more than wall seconds):

    001's own scan and the 8 reports scanned at 150 dpi (53 pages, 1,784 cells, one run):
                 cells right         non-zero right   docs perfect   text    s/page   CPU s/page
    rapidocr     1,784/1,784 100 %   199/199 100 %    9/9            0.997   10.7     2.6
    tesseract    1,746/1,784 97.9 %  179/199 90.0 %   5/9            0.874   21.0     7.7
    (tesseract / rapidocr time, median of the documents' ratios: 2.04; on 001's own scan,
    3 runs: both 200/200, 3.3 against 8.2 CPU s/page, ratio of wall times 1.58)

PP-OCRv4 is the default: right on every cell where tesseract lost one in ten non-zero
numbers, Chinese text far better (labels and headings are what recognition matches; "text" is
the difflib ratio of parts 1, 5 and 6 to the truth), and a third of tesseract's CPU time.
With it on the other scans (one run each): 200 dpi grey copier scans 1,584/1,584 cells,
200 dpi black-and-white (CCITT) scans 1,570/1,584 (99.1 %, 192/193 non-zero; the misses are
a few "0" that read as nothing or as 9 — nothing is now "?", a finding, never a blank).
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from .document import Cell, Document, Line, ReadError, Table
from .scan_grid import Grid, GridCell, find_grids, rule_masks
from .scan_image import PageImage, render
from .scan_lines import Box, bands, crop, despeckle, segments
from .scan_ocr import HEIGHT, TEXT_HEIGHT, Reading, recogniser

DEFAULT_ENGINE = "rapidocr"
ENGINES = {
    "rapidocr": "PP-OCRv4 中文模型（RapidOCR/onnxruntime）",
    "tesseract": "tesseract chi_sim",
}
MARGIN = 0.075  # top and bottom share of a page where page numbers and running heads live
SPLIT = 1.2  # a gap wider than this many line heights separates the pieces of a line
NUMBER_SPLIT = 0.45  # ... and this many digit heights separates two numbers
SHORT = 3.0  # a crop in a cell under this many times as wide as high may be a figure
UNREAD = "?"  # a cell with ink that no reading made anything of: never a silent blank
PAGE_NUMBER = re.compile(r"^[-—–－一\s]*(?:第\s*)?[0-9]{1,3}(?:\s*页)?(?:\s*[/／]\s*(?:共\s*)?[0-9]{1,3}\s*页?)?[-—–－一\s]*$")
_HEADING = re.compile(r"^[一二三四五六七八九十]+、")
_NUMERIC = re.compile(r"^[+\-]?[0-9][0-9,.]*(?:万?元)?$|^[/\-—]$")
_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"\w")


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _numeric(text: str) -> bool:
    return _NUMERIC.match(_nfkc(text).replace(" ", "")) is not None


def _join(parts: list[str]) -> str:
    out = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and p[0].isascii() and p[0].isalnum():
            out += " "
        out += p
    return out


@dataclass
class _Cell:
    row: int
    col: int
    rows: int
    cols: int
    lines: list[int]  # indexes of the crops of its text lines, top to bottom


@dataclass
class _Band:
    top: int
    pieces: list[tuple[Box, int]]  # a segment and the index of its crop


def read_scan(path: Path, pages: int, engine: str = DEFAULT_ENGINE) -> Document:
    """Read a PDF of page images; ``pages`` is its page count (for the document)."""
    import pypdfium2 as pdfium

    reader = recogniser(engine)
    pdf = pdfium.PdfDocument(str(path))
    try:
        per_page = [_read_page(render(pdf[i], i + 1), reader) for i in range(len(pdf))]
    finally:
        pdf.close()
    if not any(per_page):
        raise ReadError("PDF 没有文字层（扫描件），文字识别（OCR）也没有识别出文字")
    doc = Document(str(path), "pdf", pages=pages, ocr=True)
    doc.blocks = _paragraphs(per_page)
    doc.notes.append(f"共 {len(per_page)} 页图像，表格逐格、文字逐行识别；引擎：{ENGINES[engine]}")
    return doc


def _read_page(img: PageImage, reader) -> list[tuple[float, Line | Table]]:  # type: ignore[no-untyped-def]
    hmask, vmask = rule_masks(img.ink, img.dpi)
    grids = find_grids(img.ink, hmask, vmask, img.dpi)
    crops: list[np.ndarray] = []
    cells = _cell_crops(img, grids, hmask, vmask, crops)
    n_cells = len(crops)
    text_ink = despeckle(img.ink, img.dpi)
    for grid in grids:  # text outside the tables only
        x0, y0, x1, y1 = grid.box
        pad = grid.rule + 2
        text_ink[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad] = 0
    text_bands = _line_crops(img, text_ink, crops)

    # Short crops in cells (figures) at the recogniser's own height; lines of words (labels,
    # body text) at the lower one, which reads them as well for under half the time.
    heights = [HEIGHT if i < n_cells and c.shape[1] < SHORT * c.shape[0] else TEXT_HEIGHT for i, c in enumerate(crops)]
    readings = _read_all(reader, crops, heights)
    _split_numbers(text_bands, text_ink, img.grey, crops, readings, reader)
    scale = 72.0 / img.dpi
    height = img.grey.shape[0]
    blocks: list[tuple[float, Line | Table]] = [
        (grid.box[1], _table(grid, grid_cells, readings, img.number)) for grid, grid_cells in zip(grids, cells, strict=True)
    ]
    blocks.extend(_text_blocks(text_bands, readings, img.number, scale))
    blocks.sort(key=lambda b: b[0])
    out = []
    for k, (top, block) in enumerate(blocks):
        if isinstance(block, Line):
            in_margin = top < height * MARGIN or top > height * (1 - MARGIN)
            # A page number: in the margin, or the first or last thing on the page (a sheet
            # scanned off-centre, a landscape page, moves it out of the margin).
            if PAGE_NUMBER.match(block.text) and (in_margin or k in (0, len(blocks) - 1)):
                continue
            block.in_margin = in_margin
        out.append((top * scale, block))
    return out


def _read_all(reader, crops: list[np.ndarray], heights: list[int]) -> list[Reading]:  # type: ignore[no-untyped-def]
    out: list[Reading] = [Reading("", "")] * len(crops)
    for height in sorted(set(heights)):
        idx = [i for i, h in enumerate(heights) if h == height]
        for i, r in zip(idx, reader.read([crops[i] for i in idx], height), strict=True):
            out[i] = r
    return out


def _cell_crops(img: PageImage, grids: list[Grid], hmask: np.ndarray, vmask: np.ndarray, crops: list[np.ndarray]) -> list[list[_Cell]]:
    """Every cell of every grid with the crops of its text lines (appended to ``crops``)."""
    dpi = img.dpi
    # Inside cells: without what is left of the rules along the grid lines (a digit 1 in the
    # middle of a cell can be in the rule mask, and stays), and without specks.
    along = np.zeros_like(img.ink)
    for grid in grids:
        reach = grid.rule // 2 + max(2, int(dpi / 50)) + 1
        x0, y0, x1, y1 = grid.box
        for x in grid.xs:
            along[y0:y1, max(0, x - reach) : x + reach + 1] = 255
        for y in grid.ys:
            along[max(0, y - reach) : y + reach + 1, x0:x1] = 255
    rules = cv2.dilate(np.maximum(hmask, vmask), np.ones((3, 3), np.uint8)) & along
    ink = despeckle(np.where(rules > 0, 0, img.ink).astype(np.uint8), dpi)
    boxes: list[tuple[int, GridCell, Box]] = []
    for g, grid in enumerate(grids):
        inset = grid.rule // 2 + max(2, int(dpi / 75))
        for cell in grid.cells:
            x0, y0, x1, y1 = cell.box
            boxes.append((g, cell, Box(x0 + inset, y0 + inset, x1 - inset, y1 - inset)))
    # Lines of text in cells: first alone, then against the page's typical table line height
    # (so two lines set close together in one cell are cut apart).
    first = [bands(ink[b.y0 : b.y1, b.x0 : b.x1]) if b.x1 > b.x0 and b.y1 > b.y0 else [] for _, _, b in boxes]
    heights = [b - a for found in first for a, b in found]
    ref = float(statistics.median(heights)) if heights else None
    out: list[list[_Cell]] = [[] for _ in grids]
    for (g, cell, box), found in zip(boxes, first, strict=True):
        lines: list[int] = []
        if found:
            sub = ink[box.y0 : box.y1, box.x0 : box.x1]
            for a, b in bands(sub, ref):
                xs = np.flatnonzero((sub[a:b] > 0).any(axis=0))
                line = Box(box.x0 + int(xs[0]), box.y0 + a, box.x0 + int(xs[-1]) + 1, box.y0 + b)
                lines.append(len(crops))
                crops.append(crop(img.grey, line, box))
        out[g].append(_Cell(cell.row, cell.col, cell.rows, cell.cols, lines))
    return out


def _line_crops(img: PageImage, ink: np.ndarray, crops: list[np.ndarray]) -> list[_Band]:
    """Rows of text outside the tables, each cut into pieces at wide gaps (crops appended)."""
    out: list[_Band] = []
    for a, b in bands(ink):
        pieces = []
        for seg in segments(ink, a, b, SPLIT):
            pieces.append((seg, len(crops)))
            crops.append(crop(img.grey, seg))
        if pieces:
            out.append(_Band(a, pieces))
    return out


def _split_numbers(text_bands: list[_Band], ink: np.ndarray, grey: np.ndarray, crops: list[np.ndarray], readings: list[Reading], reader) -> None:  # type: ignore[no-untyped-def]
    """A piece that reads as one long number may be a row of numbers set a little apart (a
    borderless table): cut it where the gap between digits is half a digit high or more, and
    read the parts again."""
    todo: list[tuple[_Band, int, list[Box]]] = []
    for band in text_bands:
        for k, (box, i) in enumerate(band.pieces):
            text = _nfkc(readings[i].text)
            if len(text) < 2 or _CJK.search(text) or not _numeric(_digits(text)):
                continue
            parts = segments(ink, box.y0, box.y1, NUMBER_SPLIT, box.x0, box.x1)
            if len(parts) > 1:
                todo.append((band, k, parts))
    if not todo:
        return
    new = [crop(grey, p) for _, _, parts in todo for p in parts]
    readings.extend(reader.read(new))
    index = len(crops)
    crops.extend(new)
    placed = []
    for band, k, parts in todo:
        placed.append((band, k, [(p, index + j) for j, p in enumerate(parts)]))
        index += len(parts)
    for band, k, pieces in reversed(placed):  # from the right, so earlier indexes stay valid
        band.pieces[k : k + 1] = pieces


def _table(grid: Grid, cells: list[_Cell], readings: list[Reading], page: int) -> Table:
    free = {(c.row, c.col): _join([readings[i].text for i in c.lines]) for c in cells}
    # Value columns: most of their single-column cells read as numbers.
    numeric_cols = set()
    for col in range(grid.n_cols):
        texts = [free[(c.row, c.col)] for c in cells if c.col == col and c.cols == 1 and free[(c.row, c.col)]]
        numbers = sum(1 for t in texts if _numeric(t) or len(_CJK.findall(t)) < 2 and _numeric(_digits(t)))
        if numbers >= 2 and numbers * 2 >= len(texts):
            numeric_cols.add(col)
    rows = [[Cell("") for _ in range(grid.n_cols)] for _ in range(grid.n_rows)]
    for c in cells:
        text = free[(c.row, c.col)]
        spanned = set(range(c.col, c.col + c.cols))
        # A number: a cell without Chinese (every label of these tables has some), or one with
        # a misread character at most in a column of numbers.
        cjk = len(_CJK.findall(text))
        if c.lines and (cjk == 0 or cjk < 2 and (spanned <= numeric_cols or _numeric(text))):
            # Ink is never read as a blank: what the free reading saw stands when no digit could
            # be read, and "?" when it saw nothing (either fails to parse: a finding, not a guess).
            text = _number(_join([readings[i].number for i in c.lines])) or _number(_digits(text)) or text or UNREAD
        for r in range(c.row, c.row + c.rows):
            for k in range(c.col, c.col + c.cols):
                rows[r][k] = Cell(text, copy=(r, k) != (c.row, c.col))
    return Table(rows, page, (page,))


def _number(text: str) -> str:
    """A number as read, without spaces and without a point or comma at either end (a speck
    of dust beside a figure reads as one; no printed number starts or ends with them)."""
    return _nfkc(text).replace(" ", "").strip(".,·")


def _digits(text: str) -> str:
    """A misread number's likely digits (O for 0, l for 1), to judge whether a column holds numbers."""
    return _nfkc(text).translate(str.maketrans("OoDQl|I", "0000111"))


def _text_blocks(bands_: list[_Band], readings: list[Reading], page: int, scale: float) -> list[tuple[float, Line | Table]]:
    """Lines, and borderless tables: runs of rows whose pieces end in a number."""
    out: list[tuple[float, Line | Table]] = []
    rows: list[tuple[_Band, list[str]]] = []

    def flush() -> None:
        if not rows:
            return
        numbers = sum(1 for t in rows[0][1] if _numeric(t))
        if len(rows) >= 2 or numbers >= 3:
            out.append((rows[0][0].top, Table([[Cell(t) for t in r] for _, r in rows], page, (page,))))
        else:
            for band, r in rows:
                out.append((band.top, _line(" ".join(r), band, scale, page)))
        rows.clear()

    for band in bands_:
        # A piece set apart that reads as dots or quotes only is dust.
        band.pieces = [(b, i) for b, i in band.pieces if _WORD.search(readings[i].text) or b.x1 - b.x0 >= 1.5 * b.height]
        if not band.pieces:
            continue
        cells = _cells_of(band, readings)
        if len(cells) >= 2 and _numeric(cells[-1]):
            rows.append((band, cells))
            continue
        flush()
        text = _join([readings[i].text for _, i in band.pieces])
        if _WORD.search(text):
            out.append((band.top, _line(text, band, scale, page)))
    flush()
    return out


def _cells_of(band: _Band, readings: list[Reading]) -> list[str]:
    """The pieces of a row as cells; a piece of numbers with spaces is one cell per number."""
    cells: list[str] = []
    for _, i in band.pieces:
        r = readings[i]
        text = _nfkc(r.text)
        words = text.split()
        if len(words) > 1 and all(_numeric(_digits(w)) for w in words):
            number_words = [_number(w) for w in _nfkc(r.number).split()]
            cells.extend(number_words if len(number_words) == len(words) else words)
        elif text and len(_CJK.findall(text)) < 2 and _numeric(_digits(text)) and _nfkc(r.number):
            cells.append(_number(r.number))
        elif text:
            cells.append(text)
    return cells


def _line(text: str, band: _Band, scale: float, page: int) -> Line:
    boxes = [b for b, _ in band.pieces]
    size = statistics.median(b.height for b in boxes) * scale
    return Line(text, page, boxes[0].x0 * scale, band.top * scale, x1=boxes[-1].x1 * scale, size=max(size, 1.0))


def _paragraphs(pages: list[list[tuple[float, Line | Table]]]) -> list[Line | Table]:
    """Paragraph starts, and tables continued on the next page joined to the one before."""
    lines = [b for blocks in pages for _, b in blocks if isinstance(b, Line) and not b.in_margin]
    margin = statistics.median(sorted(round(b.x0) for b in lines)[: max(1, len(lines) // 2)]) if lines else 0.0
    right = statistics.median(sorted(b.x1 for b in lines)[len(lines) // 2 :]) if lines else 0.0
    out: list[Line | Table] = []
    prev: Line | None = None
    for blocks in pages:
        first_on_page = True
        for _, b in blocks:
            if isinstance(b, Table):
                last = next((x for x in reversed(out) if not (isinstance(x, Line) and x.in_margin)), None)
                if first_on_page and isinstance(last, Table) and b.page == last.page + 1:
                    last.rows.extend(b.rows)
                    last.pages = tuple(last.pages) + (b.page,)
                else:
                    out.append(b)
                prev = None
                first_on_page = False
                continue
            first_on_page = first_on_page and b.in_margin
            size = b.size
            heading = _HEADING.match(b.text) is not None and len(b.text) <= 40
            b.new_paragraph = (
                prev is None
                or b.x0 > margin + 0.8 * size
                or b.x0 < margin - 0.8 * size
                or prev.x1 < right - 1.5 * size
                or heading
                or (_HEADING.match(prev.text) is not None and len(prev.text) <= 40)
            )
            out.append(b)
            prev = b
    return out
