"""Crawled Markdown and text renditions of a portal page, as crawlers and "reader" services make
them. Where a real converter exists it is run itself (html2text, markdownify, trafilatura,
inscriptis: their own handling of rowspan/colspan, blank cells and page chrome is the point);
the failure modes seen in crawled files that no converter makes by itself are reproduced by
the DOM change that causes them (a reader that sees each row as its own table, a scraper that
joins each row's text, ``get_text("\\n")``):

| style | file | what it does to the tables |
|---|---|---|
| ``html2text`` | .md | the whole page, lines wrapped at 78; rowspan and colspan lost, rows have fewer cells |
| ``markdownify`` | .md | the whole page; colspan padded with empty cells, rowspan lost (group labels land in the first cell of the group's first row) |
| ``trafilatura`` | .md | main content only; the converter's own grid |
| ``reader`` | .md | ``Title:/URL Source:/Published Time:/Markdown Content:`` header; every row its own table with its own ``|---|`` line, blank cells dropped |
| ``rows_blank`` | .md | Markdown rows separated by blank lines, no separator lines |
| ``text_cells`` | .txt | one cell per line, blank cells dropped (``get_text("\\n", strip=True)``) |
| ``text_merged`` | .txt | each row on one line, its cells joined by a space, or by nothing (``text_merged_nosep``) |
| ``inscriptis`` | .txt | inscriptis' text layout of the page (columns padded with spaces) |
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import html2text
import inscriptis
import markdownify
import trafilatura
from bs4 import BeautifulSoup

from .portal import Page

STYLES = ("html2text", "markdownify", "trafilatura", "reader", "rows_blank", "text_cells", "text_merged", "text_merged_nosep", "inscriptis")
MARKDOWN = {"html2text", "markdownify", "trafilatura", "reader", "rows_blank"}


@dataclass
class Rendition:
    text: str
    ext: str
    style: str
    variants: list[str]


def _soup(page: Page) -> BeautifulSoup:
    soup = BeautifulSoup(page.html, "lxml")
    for tag in soup(["script", "style", "noscript"]):
        tag.decompose()
    return soup


def _md(soup_or_html) -> str:
    return markdownify.markdownify(str(soup_or_html), heading_style="ATX", strip=["img"])


def _squeeze(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _html2text(page: Page) -> str:
    h = html2text.HTML2Text()
    h.ignore_images = True
    return h.handle(page.html)


def _trafilatura(page: Page) -> str:
    out = trafilatura.extract(page.html, output_format="markdown", include_tables=True, include_links=False,
                              include_formatting=True, favor_recall=True, url=page.url, with_metadata=False)
    return out or ""


def _unwrap_layout_tables(soup: BeautifulSoup) -> None:
    """Readers (Readability and the like) treat a table holding other tables or long text as layout."""
    for table in soup.find_all("table"):
        if table.find("table") or len(table.get_text(strip=True)) > 3000:
            for cell in table.find_all(["td", "th", "tr"]):
                if cell.find_parent("table") is table:
                    cell.name = "div"
            for part in table.find_all(["tbody", "thead"]):
                if part.find_parent("table") is table:
                    part.unwrap()
            table.name = "div"


def _reader(page: Page) -> str:
    """A reader service's output: the page title and URL up top, each table row as its own table."""
    soup = _soup(page)
    _unwrap_layout_tables(soup)
    for table in soup.find_all("table"):
        for tr in table.find_all("tr"):
            for td in tr.find_all(["td", "th"]):
                if not td.get_text(strip=True):
                    td.decompose()
                else:
                    td.name = "th"   # a one-row table's row is its heading row: "| a | b |" then "| --- | --- |"
            single = soup.new_tag("table")
            single.append(tr.extract())
            table.insert_before(single)
        table.decompose()
    body = _md(soup.body or soup)
    return (f"Title: {page.page_title}\n\nURL Source: {page.url}\n\nPublished Time: {page.published}\n\n"
            f"Markdown Content:\n{body}")


def _rows_blank(page: Page) -> str:
    md = _md(_soup(page).body)
    out = []
    for line in md.splitlines():
        if re.fullmatch(r"\|(\s*-+\s*\|)+\s*", line):
            continue
        out.append(line)
        if line.startswith("|"):
            out.append("")
    return "\n".join(out)


def _text_cells(page: Page) -> str:
    return _soup(page).get_text("\n", strip=True)


def _text_merged(page: Page, sep: str) -> str:
    soup = _soup(page)
    _unwrap_layout_tables(soup)   # a scraper joining each data row's cells keeps layout tables out of it
    for tr in soup.find_all("tr"):
        cells = [td.get_text("", strip=True) for td in tr.find_all(["td", "th"])]
        cells = [c for c in cells if c]
        label = [c for c in cells if not re.fullmatch(r"[-+0-9０-９.．/]+", c)]
        nums = [c for c in cells if re.fullmatch(r"[-+0-9０-９.．/]+", c)]
        p = soup.new_tag("p")
        p.string = " ".join(label) + (" " if label and nums else "") + sep.join(nums)
        tr.replace_with(p)
    for t in soup.find_all(["table", "tbody", "thead"]):
        t.unwrap()
    return soup.get_text("\n", strip=True)


def render(page: Page, style: str) -> Rendition:
    variants = []
    if style == "html2text":
        text = _html2text(page)
        variants += ["rowspan_lost", "colspan_lost", "page_chrome", "wrapped_lines"]
    elif style == "markdownify":
        text = _md(_soup(page).body)
        variants += ["rowspan_lost", "page_chrome"]
    elif style == "trafilatura":
        text = _trafilatura(page)
        variants += ["main_content_only"]
    elif style == "reader":
        text = _reader(page)
        variants += ["table_per_row", "blank_cells_dropped", "rowspan_lost", "page_chrome"]
    elif style == "rows_blank":
        text = _rows_blank(page)
        variants += ["rows_blank_separated", "rowspan_lost", "page_chrome"]
    elif style == "text_cells":
        text = _text_cells(page)
        variants += ["cell_per_line", "blank_cells_dropped", "page_chrome"]
    elif style == "text_merged":
        text = _text_merged(page, " ")
        variants += ["numbers_merged_space", "blank_cells_dropped", "page_chrome"]
    elif style == "text_merged_nosep":
        text = _text_merged(page, "")
        variants += ["numbers_merged_nosep", "blank_cells_dropped", "page_chrome"]
    elif style == "inscriptis":
        text = inscriptis.get_text(page.html)
        variants += ["text_layout", "page_chrome"]
    else:
        raise ValueError(style)
    return Rendition(_squeeze(text), ".md" if style in MARKDOWN else ".txt", style, variants)
