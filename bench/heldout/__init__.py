"""A held-out corpus of annual reports "as found in the wild", to measure ``xxgk import``.

Synthetic 政府信息公开工作年度报告 (invented agencies' numbers and text, real county names) with
their expected import (``truth.yaml``, the format of ``shared/corpus/wild``), each rendered the
ways a county office meets them: portal pages of several CMSes, browsers' "save as PDF" of those
pages, crawled Markdown and text renditions, Word files and office PDFs.

It is written without looking at the importer, so that it measures the importer on documents it
was not tuned for. Stages, data flowing one way:

    places (agencies, names) -> numbers (tables) + prose (six parts) -> truth (report + YAML)
    -> layout (the printed article: blocks and tables with merged cells)
    -> article_html / portal (pages) -> browser (PDFs), crawl (Markdown/text), office (DOCX/PDF)
    -> make (the corpus folder, index.tsv, the committed fixture) ; score (xxgk as a black box)

    python -m bench.heldout.make --out DIR --seed N --count N
    python -m bench.heldout.score [--out DIR]
"""
