"""Word files (python-docx: real merged cells, the fonts real reports name, a page-number footer)
and office PDFs of them (LibreOffice ``soffice --headless --convert-to pdf``, when installed;
Debian package ``libreoffice-writer-nogui``). Both optional kinds of the held-out corpus."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .browser import _fix_dates
from .layout import Block, grid_positions


def _font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = "Times New Roman"
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)


def _para(doc, text: str, font: str = "仿宋_GB2312", size: float = 16, bold: bool = False, align=None, indent: bool = True):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    p.paragraph_format.line_spacing = Pt(28)
    _font(p.add_run(text), font, size, bold)
    return p


def _page_number_footer(section) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run("— "), "宋体", 10.5)
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    p._p.append(fld)
    _font(p.add_run(" —"), "宋体", 10.5)


def _table(doc, block: Block) -> None:
    t = block.table
    placed = grid_positions(t)
    ncols = max(col + c.colspan for row in placed for col, c in row)
    table = doc.add_table(rows=len(t.rows), cols=ncols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for ri, row in enumerate(placed):
        for col, c in row:
            cell = table.cell(ri, col)
            if c.rowspan > 1 or c.colspan > 1:
                cell = cell.merge(table.cell(ri + c.rowspan - 1, col + c.colspan - 1))
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(p.add_run(c.text), "宋体", 9, bold=c.head)


def write_docx(blocks: list[Block], out: Path, when: dt.datetime, landscape_part4: bool = False) -> None:
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    _page_number_footer(sec)
    for b in blocks:
        if b.kind == "title":
            for line in b.lines:
                _para(doc, line, "方正小标宋简体", 22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
        elif b.kind == "h1":
            if landscape_part4 and b.text.startswith("四、"):
                new = doc.add_section()
                new.orientation = WD_ORIENT.LANDSCAPE
                new.page_width, new.page_height = Mm(297), Mm(210)
            if landscape_part4 and b.text.startswith("五、"):
                new = doc.add_section()
                new.orientation = WD_ORIENT.PORTRAIT
                new.page_width, new.page_height = Mm(210), Mm(297)
            _para(doc, b.text, "黑体", 16)
        elif b.kind == "h2":
            _para(doc, b.text, "楷体_GB2312", 16)
        elif b.kind == "p":
            _para(doc, b.text)
        elif b.kind == "table":
            _table(doc, b)
        elif b.kind == "sign":
            for line in b.lines:
                _para(doc, line, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    doc.core_properties.author = "Administrator"
    doc.core_properties.created = doc.core_properties.modified = when
    doc.core_properties.revision = 3
    out.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    doc.save(buf)
    _fixed_zip(buf.getvalue(), out, when)


def _fixed_zip(data: bytes, out: Path, when: dt.datetime) -> None:
    """The same parts with the same timestamp each, so a seed gives the same file."""
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(item.filename))


def _fix_id(pdf: Path, seed: bytes) -> None:
    """LibreOffice's trailer /ID and /DocChecksum change run by run: same-length replacement by a digest."""
    data = pdf.read_bytes()
    digest = hashlib.md5(seed).hexdigest().upper().encode()

    def sub(m: re.Match) -> bytes:
        return b"<" + (digest * 2)[:len(m.group(1))] + b">"
    data = re.sub(rb"<([0-9A-Fa-f]{32})>", sub, data)
    pdf.write_bytes(re.sub(rb"/DocChecksum /[0-9A-Fa-f]{32}", b"/DocChecksum /" + digest, data))


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_pdfs(docs: list[tuple[Path, Path]], when) -> list[Path]:
    """Office PDFs of Word files (one soffice run for all); [] when LibreOffice is not installed."""
    exe = soffice()
    if not exe or not docs:
        return []
    done = []
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        outdir = Path(tmp) / "out"
        for i, (src, _) in enumerate(docs):
            staged = Path(tmp) / f"d{i:04d}.docx"
            shutil.copyfile(src, staged)
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(outdir)]
        subprocess.run(cmd + [str(Path(tmp) / f"d{i:04d}.docx") for i in range(len(docs))],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=1800)
        for i, (_, dest) in enumerate(docs):
            pdf = outdir / f"d{i:04d}.pdf"
            if pdf.exists():
                shutil.move(str(pdf), dest)
                _fix_dates(dest, when)
                _fix_id(dest, dest.name.encode())
                done.append(dest)
    return done
