"""The scan reader on real scans: 001's own scanned PDF (shared corpus) and two scans made from
the wild office PDFs by tests/data/scan/make_scans.py (a grey JPEG scan of a gb2019 report with
money in 元; a black-and-white CCITT scan with a landscape part 4). Every table cell is compared
with the report's truth.yaml; the grid finder is checked on a table drawn turned by a degree."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
import yaml

from generator.extract.run import extract
from generator.ingest.document import Document, Line
from generator.ingest.read_pdf import read_pdf
from generator.ingest.read_scan import read_scan
from generator.ingest.scan_grid import find_grids, rule_masks
from generator.ingest.scan_image import straighten
from generator.ingest.scan_ocr import recogniser
from generator.model import spec

ROOT = Path(__file__).resolve().parent.parent
WILD = Path(os.environ.get("XXGK_SHARED", ROOT.parent / "shared")) / "corpus" / "wild"
SCANS = Path(__file__).resolve().parent / "data" / "scan"
TABLES = ("proactive", "requests", "review_litigation")
FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"  # Debian fonts-noto-cjk (CI installs it)

CASES = {
    "001-own-scan": (WILD / "001_2022_gb2021_town" / "report-scanned.pdf", WILD / "001_2022_gb2021_town" / "truth.yaml"),
    "004-grey-150dpi": (SCANS / "004_2019_gb2019_department.fixture150.pdf", WILD / "004_2019_gb2019_department" / "truth.yaml"),
    "007-bilevel-200dpi": (SCANS / "007_2023_gb2021_town.bilevel200.pdf", WILD / "007_2023_gb2021_town" / "truth.yaml"),
}


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    return {name: read_pdf(pdf) for name, (pdf, _) in CASES.items()}


def truth(name: str) -> dict[str, Any]:
    return yaml.safe_load(CASES[name][1].read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_cell_of_a_scan_is_read_as_printed(documents: dict[str, Document], name: str) -> None:
    want = truth(name)
    report = extract(documents[name], "x").report
    assert (report.year, report.template, report.agency_name) == (want["year"], want["template"], want["agency"])
    cells = 0
    for table in TABLES:
        got = getattr(report, table)
        for key, row in want[table].items():
            if isinstance(row, list):
                assert got[key] == row, f"{table}.{key}"
                cells += len(row)
    assert cells >= 180


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_scan_says_it_is_one_and_every_number_is_uncertain(documents: dict[str, Document], name: str) -> None:
    doc = documents[name]
    assert doc.ocr and doc.format == "pdf"
    assert any("页图像" in n and "逐格" in n and "PP-OCRv4" in n for n in doc.notes), doc.notes
    report = extract(doc, "x").report
    template = spec.TEMPLATES[report.template]
    numbers = [
        f"{t}.{r}.{col.key}"
        for t in TABLES
        for r, row in getattr(report, t).items()
        for col, v in zip(template.table(t).row(r).columns, row, strict=True)
        if v is not None
    ]
    assert len(numbers) >= 180 and report.uncertain == numbers


def test_title_part_headings_and_continued_table_of_001(documents: dict[str, Document]) -> None:
    doc = documents["001-own-scan"]
    lines = [b.text for b in doc.blocks if isinstance(b, Line)]
    assert "".join(lines[:2]) == "湄潭县高峰乡人民政府2022年政府信息公开工作年度报告"
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        assert heading in lines
    assert not any(t.strip("-—一 ").isdigit() for t in lines), "page numbers dropped"
    part3 = next(t for t in doc.tables if len(t.rows) > 20)
    assert part3.pages == (3, 4)  # continued on the next page, joined
    rows = part3.texts()
    assert rows[3][0] == "一、本年新收政府信息公开申请数量" and rows[3][3:] == ["0"] * 7
    # Merged cells expanded: the group label spans rows and is repeated as a copy.
    group = [r for r in part3.rows if r[0].text == "三、本年度办理结果"]
    assert len(group) >= 10 and not group[0][0].copy and all(r[0].copy for r in group[1:])


def test_money_printed_in_yuan_is_read_as_printed(documents: dict[str, Document]) -> None:
    rows = [r for t in documents["004-grey-150dpi"].tables for r in t.texts()]
    assert next(r for r in rows if r[0] == "政府集中采购")[:3] == ["政府集中采购", "4", "113612"]
    report = extract(documents["004-grey-150dpi"], "x").report
    assert report.proactive_as_printed == {"procurement": "113612元"}


def test_reading_is_deterministic() -> None:
    pdf = ROOT / "tests" / "data" / "import" / "bad" / "scanned.pdf"
    first, second = read_scan(pdf, 1), read_scan(pdf, 1)
    assert first.text() == second.text()
    # A borderless row of numbers set apart by spaces is a table row of 15 cells.
    assert [t.texts() for t in first.tables] == [[["1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "2", "0", "0", "0", "2"]]]


def _drawn_table(angle: float) -> np.ndarray:
    """A ruled table as a scan shows it: 150 dpi, grey paper, merged cells, turned by ``angle``."""
    page = np.full((700, 1000), 235, np.uint8)
    xs = [100, 300, 420, 540, 660, 780, 900]
    ys = [100, 140, 180, 220, 260, 300, 340]
    ink = 30
    for y in (ys[0], ys[1], ys[2], ys[-1]):
        cv2.line(page, (xs[0], y), (xs[-1], y), ink, 2)
    for y in ys[3:-1]:  # rows 2-4 of column 0 merged (no rule across column 0)
        cv2.line(page, (xs[1], y), (xs[-1], y), ink, 2)
    for x in (xs[0], xs[-1]):
        cv2.line(page, (x, ys[0]), (x, ys[-1]), ink, 2)
    for x in xs[1:-1]:  # the top row: one cell across the table
        cv2.line(page, (x, ys[1]), (x, ys[-1]), ink, 2)
    for r in range(1, 6):
        for c in range(1, 6):
            cv2.putText(page, str(r * c), (xs[c] + 45, ys[r] + 28), cv2.FONT_HERSHEY_SIMPLEX, 0.7, ink, 2)
    cv2.putText(page, "TOTAL", (xs[0] + 50, ys[3] + 28), cv2.FONT_HERSHEY_SIMPLEX, 0.8, ink, 2)
    m = cv2.getRotationMatrix2D((500, 350), angle, 1.0)
    return cv2.warpAffine(page, m, (1000, 700), borderValue=235)


@pytest.mark.parametrize("angle", [0.0, 1.2, -1.5])
def test_grid_with_merged_cells_is_found_in_a_turned_page(angle: float) -> None:
    img = straighten(_drawn_table(angle), 150, 1)
    assert abs(img.skew + angle) <= 0.1
    grids = find_grids(img.ink, *rule_masks(img.ink, img.dpi), img.dpi)
    assert len(grids) == 1
    grid = grids[0]
    assert (grid.n_rows, grid.n_cols) == (6, 6)
    spans = {(c.row, c.col): (c.rows, c.cols) for c in grid.cells}
    assert spans[(0, 0)] == (1, 6)  # the top row: one cell across the table
    assert spans[(2, 0)] == (4, 1)  # column 0, rows 2-5 merged
    assert all(spans[(1, c)] == (1, 1) for c in range(6))
    assert all(spans[(r, c)] == (1, 1) for r in range(2, 6) for c in range(1, 6))
    assert len(grid.cells) == 1 + 6 + 1 + 20


def test_a_drawn_table_is_read_cell_by_cell_blank_and_slash_as_printed(tmp_path: Path) -> None:
    """A table drawn with a CJK font, turned by a degree and saved as a 150 dpi JPEG-in-PDF scan."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, 21)
    page = Image.new("L", (1240, 900), 238)
    draw = ImageDraw.Draw(page)
    xs, ys = [150, 450, 640, 830, 1020], [300, 345, 390, 435, 480]
    rows = [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "0", "", "/"], ["行政规范性文件", "12", "3", "1036"], ["合计", "12", "3", "1036"]]
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=25, width=2)
    for x in xs:
        draw.line([(x, ys[0]), (x, ys[-1])], fill=25, width=2)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            w = draw.textlength(text, font=font)
            draw.text(((xs[c] + xs[c + 1] - w) / 2, ys[r] + 10), text, font=font, fill=25)
    draw.text((150, 200), "二、主动公开政府信息情况", font=ImageFont.truetype(FONT, 30), fill=25)
    page = page.rotate(-1.0, resample=Image.Resampling.BILINEAR, fillcolor=238)
    pdf = tmp_path / "drawn.pdf"
    page.save(pdf, "PDF", resolution=150.0, quality=60)
    doc = read_scan(pdf, 1)
    assert [b.text for b in doc.blocks if isinstance(b, Line)] == ["二、主动公开政府信息情况"]
    assert [t.texts() for t in doc.tables] == [rows]


def test_both_engines_read_a_number_and_a_label() -> None:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, 30)
    crops = []
    for text in ("113612", "行政事业性收费"):
        image = Image.new("L", (40 + 32 * len(text), 50), 255)
        ImageDraw.Draw(image).text((16, 6), text, font=font, fill=20)
        crops.append(np.array(image))
    for engine in ("rapidocr", "tesseract"):
        number, label = recogniser(engine).read(crops)
        assert number.number == "113612", engine
        assert label.text == "行政事业性收费", engine
