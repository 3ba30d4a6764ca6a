"""The PDF reader on the real PDFs and the corpus: tables joined over pages, page numbers and
running headers dropped, paragraphs, borderless tables from word positions."""

from __future__ import annotations

from pathlib import Path

from generator.ingest.document import Line
from generator.ingest.glyphs import fold
from generator.ingest.read_pdf import read_pdf

REAL = Path(__file__).resolve().parent / "data" / "real"  # the two real PDFs, committed beside their truth
CORPUS = Path(__file__).resolve().parent / "data" / "import" / "docs"


def test_real_pdf_tables_are_joined_across_pages_and_page_numbers_dropped() -> None:
    doc = read_pdf(REAL / "hongze-2023.pdf")
    tables = doc.tables
    assert [t.pages for t in tables] == [(2, 3), (3, 4), (4,)]
    assert not any(isinstance(b, Line) and b.text.strip("-") in {"1", "2", "3", "4", "5"} for b in doc.blocks)
    part3 = tables[1].texts()
    assert part3[3][0] == "一、本年新收政府信息公开申请数量" and part3[3][3:] == ["21", "0", "0", "0", "0", "0", "21"]


def test_paragraphs_start_at_indented_lines_and_run_across_pages() -> None:
    doc = read_pdf(REAL / "hongze-2023.pdf")
    starts = [b.text[:10] for b in doc.blocks if isinstance(b, Line) and b.new_paragraph]
    assert "（三）政府信息管理情况。" in [b.text for b in doc.blocks if isinstance(b, Line)]
    assert "加强区政府门户网站及" in starts


def test_chromium_running_header_and_footer_are_dropped() -> None:
    doc = read_pdf(CORPUS / "chengguan-2020.chrome.pdf")
    text = doc.text()
    assert "file://" not in text and "/3" not in text.replace("2020/", "")
    assert text.startswith("示例县城关镇人民政府2020年政府信息公开工作年度报告")


def test_borderless_table_rows_come_from_word_positions() -> None:
    doc = read_pdf(CORPUS / "caizheng-2022.borderless.pdf")
    rows = [r for t in doc.tables for r in t.texts()]
    assert ["行政规范性文件", "1036", "3", "1036"] in rows
    assert ["（七）总计", "177", "12", "9", "13", "17", "12", "240"] in rows


def test_cjk_radicals_from_type3_fonts_are_folded() -> None:
    assert fold("⽰例县⼈⺠政府") == "示例县人民政府"
    assert fold("⼾籍") == "户籍"  # NFKC alone gives the traditional 戶


def test_a_page_that_cannot_be_read_costs_only_itself(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import generator.ingest.read_pdf as reader
    from generator.extract import extract

    real = reader._read_page

    def damaged(page, number):  # type: ignore[no-untyped-def]
        if number == 5:
            raise ValueError("broken content stream")
        return real(page, number)

    monkeypatch.setattr(reader, "_read_page", damaged)
    doc = read_pdf(REAL / "hongze-2023.pdf")
    assert doc.problems == ["第 5 页无法读取（ValueError），其内容未导入，请对照原件"]
    ex = extract(doc, "hongze")
    assert ex.report.requests is not None and ex.report.requests["received_new"][6] == 21  # pages 1–4 read
    assert ex.report.other is None  # part 6 stood on page 5
    assert any(n.severity == "warning" and "第 5 页无法读取" in n.message for n in ex.notes)
