"""Document → Report: sections, head, tables, and the notes an editor must see.

The result is a :class:`~generator.model.report.Report` built from what was read (cells that
could not be read are null and listed in ``unread``) plus notes; the importer turns notes
into findings and writes the report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..ingest.document import Document, ReadError
from ..model import spec
from ..model.report import Contact, Report, Source
from .locate import describe, is_title, locate
from .preamble import looks_like_agency, meta_date, read_head, take_signature
from .sections import split
from .settings import DEFAULT, Settings
from .tables import Explained, Note, TableResult, read_proactive, read_requests, read_review, template_votes

TEXT_KEY = {1: "overview", 5: "problems", 6: "other"}
TABLE_TEXT_KEY = {2: "proactive_text", 3: "requests_text", 4: "review_litigation_text"}


@dataclass
class Extraction:
    report: Report
    notes: list[Note] = field(default_factory=list)
    explain: list[Explained] = field(default_factory=list)
    cells: int = 0  # cells of the tables, in all
    read: int = 0  # cells holding a value read from the original
    unread: list[str] = field(default_factory=list)
    template_reason: str = ""
    located: str = ""  # where the report was found in the file (for --explain)


def _markdown(paragraphs: list[str]) -> str | None:
    paras = [p.strip() for p in paragraphs if p.strip()]
    return "\n\n".join(paras) + "\n" if paras else None


def choose_template(year: int | None, tables: list, hint: str | None = None) -> tuple[str, str]:
    if hint:
        return hint, "由 --template 指定"
    gb19, gb21 = template_votes(tables)
    if gb19 > gb21:
        return "gb2019", f"表头为 2019 年版格式（{gb19} 处 2019 年版用语，{gb21} 处 2021 年版用语）"
    if gb21 > gb19:
        return "gb2021", f"表头为 2021 年版格式（{gb21} 处 2021 年版用语，{gb19} 处 2019 年版用语）"
    if year is not None and year < spec.GB2019_FIRST_YEAR and not tables:
        return "none", f"{year} 年的报告，无固定表格"
    if year is not None and year >= spec.GB2021_FIRST_YEAR:
        return "gb2021", "表头无法判断，按年度（2021 年及以后）取 2021 年版"
    return "gb2019", "表头无法判断，按年度取 2019 年版"


def extract(
    document: Document,
    agency: str,
    year: int | None = None,
    settings: Settings = DEFAULT,
    year_hint: int | None = None,
) -> Extraction:
    """Recognise a report in a document. ``year`` is the editor's (--year), ``year_hint`` what
    the file's place says (originals/<agency>/<year>.pdf), used when the document says nothing."""
    located = locate(document, settings)
    sections = split(located.blocks[len(located.title):], settings)
    head = read_head(sections.head, settings, located.title, located.meta)
    has_tables = any(sections.tables_by_part().values())
    if not sections.parts and not has_tables and not is_title(head.title):
        raise ReadError("未找到年度报告的标题、六个部分（一、总体情况 … 六、其他需要报告的事项）和统计表格，不像是政府信息公开工作年度报告")
    if not is_title(head.title) and len(sections.parts) < 3:
        raise ReadError("找不到报告标题（如“某局2020年政府信息公开工作年度报告”），正文也找不到年度报告的各部分，不像是政府信息公开工作年度报告")
    notes: list[Note] = [Note("warning", problem) for problem in document.problems]
    the_year = year or head.year or year_hint
    if the_year is None:
        raise ReadError("标题、网页信息和前言中都没有报告年度（如“2020年政府信息公开工作年度报告”），请用 --year 指定报告年度")
    if year and head.year and year != head.year:
        notes.append(Note("warning", f"标题中的年度为 {head.year}，按 --year 指定的 {year} 导入", "year"))
    elif head.year is None:
        notes.append(Note("warning", f"文件中没有写明报告年度，按文件所在位置取 {the_year} 年，请核对", "year"))
    if not sections.parts:
        notes.append(Note("error", "未找到年度报告的六个部分（一、总体情况 … 六、其他需要报告的事项），正文未导入；表格按内容读取，请对照原件补全"))
    all_tables = [t for ts in sections.tables_by_part().values() for t in ts]
    template_key, reason = choose_template(the_year, all_tables)
    template = spec.TEMPLATES[template_key]

    last = max(sections.parts) if sections.parts else 0
    published: dt.date | None = None
    signer = ""
    if last:
        sections.parts[last].paragraphs, published, signer = take_signature(sections.parts[last].paragraphs)
    if published is None:
        published = meta_date(located.meta.get("written", "")) or meta_date(located.meta.get("published", ""))
    agency_name = head.agency_name or (signer if looks_like_agency(signer) else "")
    if not head.agency_name and agency_name:
        notes.append(Note("info", f"标题中没有机关名称，按文末署名取“{agency_name}”", "agency_name"))

    report = Report(
        agency=agency,
        year=the_year,
        template=template_key,
        title=head.title or f"{agency_name}{the_year}年政府信息公开工作年度报告",
        agency_name=agency_name or None,
        published=published,
    )
    if head.url:
        report.source = Source(file="", url=head.url)
    if head.contact:
        report.contact = Contact(**head.contact)
    report.preamble = _markdown(head.preamble)
    for number, key in TEXT_KEY.items():
        part = sections.parts.get(number)
        if part is None:
            notes.append(Note("warning", f"未找到第{'一二三四五六'[number - 1]}部分（{spec.PART_TITLES[number]}）", key))
            continue
        setattr(report, key, _markdown(part.paragraphs))
    ex = Extraction(report, notes, template_reason=reason, located=describe(located))
    if template.tables:
        readers = {
            2: lambda ts: read_proactive(ts, template, settings),
            3: lambda ts: read_requests(ts, settings),
            4: lambda ts: read_review(ts, settings),
        }
        tables = sections.tables_by_part()
        for number, table_key in ((2, "proactive"), (3, "requests"), (4, "review_litigation")):
            part = sections.parts.get(number)
            name = f"第{'一二三四五六'[number - 1]}部分"
            if part is None and not tables[number]:
                notes.append(Note("warning", f"未找到{name}（{spec.PART_TITLES[number]}）", table_key))
                continue
            if part is None:
                notes.append(Note("warning", f"未找到{name}的标题（{spec.PART_TITLES[number]}），按表格内容读取了它的表格，请核对", table_key))
            else:
                setattr(report, TABLE_TEXT_KEY[number], _markdown(part.paragraphs))
            if not tables[number]:
                notes.append(Note("warning", f"{name}没有表格", table_key))
                continue
            res: TableResult = readers[number](tables[number])
            setattr(report, table_key, res.rows)
            if table_key == "proactive":
                report.proactive_as_printed = dict(res.as_printed)
            notes.extend(res.notes)
            ex.explain.extend(res.explain)
            report.derived.extend(res.derived)
            report.uncertain.extend(res.uncertain)
            ex.unread.extend(res.unread)
            for row in res.rows.values():
                ex.cells += len(row)
                ex.read += sum(1 for c in row if c is not None)
    elif any(p.tables for p in sections.parts.values()):
        notes.append(Note("info", f"{the_year} 年的报告按无固定格式（template: none）导入，表格未导入"))
    if document.ocr:
        report.uncertain = [
            f"{t}.{r}.{c.key}"
            for t in ("proactive", "requests", "review_litigation")
            if getattr(report, t)
            for r, cells in getattr(report, t).items()
            for c, v in zip(template.table(t).row(r).columns, cells, strict=False)
            if v is not None
        ]
    return ex

