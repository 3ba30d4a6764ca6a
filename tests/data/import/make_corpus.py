"""Make the import test corpus: truth reports, and documents printed from them in many layouts.

Run from the repository root (needs python-docx, and for the PDFs LibreOffice and Chromium):

    .venv/bin/python tests/data/import/make_corpus.py

Writes ``truth/<name>.yaml`` (the expected report, as ``yamlio.dumps_report`` lays it out)
and ``docs/<name>.<layout>.<ext>``:

* ``gov.html``    — a government site page: site chrome around the article, title in the
                    page heading, rowspan/colspan tables, text in per-character spans;
* ``gbk.html``    — the same served as GBK (meta charset=gbk);
* ``docx``        — Word via python-docx, merged cells, labels broken by line breaks;
* ``lo.pdf``      — that DOCX printed by LibreOffice (ruled tables);
* ``chrome.pdf``  — the HTML printed by headless Chromium with its header and footer
                    (date, title, page x/y: running headers to drop), tables split over pages;
* ``borderless.pdf`` — Chromium, tables without any rules (word positions only);
* ``txt``         — tab-separated text like the seeds, labels broken by spaces.

Deterministic: the same numbers every run (random.Random with a fixed seed).
"""

from __future__ import annotations

import datetime as dt
import html
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from generator import yamlio  # noqa: E402
from generator.model import spec  # noqa: E402
from generator.model.report import Contact, Report  # noqa: E402

HERE = Path(__file__).resolve().parent
TRUTH = HERE / "truth"
DOCS = HERE / "docs"

# name, agency name, year, template, split （六）?, blank tables?
CASES = (
    ("chengguan-2020", "示例县城关镇人民政府", 2020, "gb2019", False, False),
    ("caizheng-2022", "示例县财政局", 2022, "gb2021", True, False),
    ("qingshan-2021", "示例县青山乡人民政府", 2021, "gb2021", False, False),
    ("minzheng-2020", "示例县民政局", 2020, "gb2019", False, True),
)
LAYOUTS = ("gov.html", "gbk.html", "docx", "lo.pdf", "chrome.pdf", "borderless.pdf", "txt")
# Chromium embeds CJK glyphs as Type 3 fonts (about 550 KB a file): two files keep the corpus small.
CHROMIUM = {"chengguan-2020": "chrome.pdf", "caizheng-2022": "borderless.pdf"}

PARAS = (
    "本年度，{a}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，持续推进政务公开工作。",
    "（一）主动公开情况。通过政府门户网站主动公开各类政府信息{n}条，其中政策文件{m}件，及时回应社会关切。",
    "（二）依申请公开情况。进一步规范依申请公开办理流程，严格按照法定时限答复，全年未发生因答复超期被纠错的情况。",
    "（三）政府信息管理情况。严格执行“三审三校”制度，落实保密审查，做到“涉密不上网、上网不涉密”。",
)


def _request_rows(rng: random.Random, split: bool, blank: bool) -> dict[str, list[Any]]:
    keys = [r.key for r in spec.REQUESTS.rows]
    drop = set(spec.OTHER_SPLIT if not split else spec.OTHER_SINGLE)
    keys = [k for k in keys if k not in drop]
    if blank:
        return {k: [None] * 7 for k in keys}
    rows: dict[str, list[Any]] = {}
    results = [k for k in keys if k in spec.RESULT_ROWS]
    for k in results:
        nat = rng.choice([0, 0, 0, 1, 2, 3, 5, 12, 31])
        org = [rng.choice([0, 0, 0, 0, 1, 2]) for _ in range(5)]
        rows[k] = [nat, *org]
    carried_forward = [rng.choice([0, 0, 1, 2]) for _ in range(6)]
    carried_over = [rng.choice([0, 0, 1, 3]) for _ in range(6)]
    total = [sum(rows[k][i] for k in results) for i in range(6)]
    received = [total[i] + carried_forward[i] - carried_over[i] for i in range(6)]
    for i in range(6):
        if received[i] < 0:
            carried_over[i] += received[i]
            received[i] = 0
    rows["received_new"] = received
    rows["carried_over"] = carried_over
    rows["total"] = total
    rows["carried_forward"] = carried_forward
    return {k: rows[k] + [sum(rows[k])] for k in keys}


def _proactive(rng: random.Random, template: str, blank: bool) -> tuple[dict[str, list[Any]], dict[str, str]]:
    t = spec.TEMPLATES[template].table("proactive")
    out: dict[str, list[Any]] = {}
    printed: dict[str, str] = {}
    for row in t.rows:
        cells: list[Any] = []
        for c in row.columns:
            if blank:
                cells.append(None)
            elif c.kind == spec.MONEY:
                cells.append(rng.choice([0, 12.5, 356.82, 1024]))
            elif c.kind == spec.CHANGE:
                cells.append(rng.choice([0, 2, -1, 5]))
            else:
                cells.append(rng.choice([0, 0, 3, 17, 128, 1036]))
        out[row.key] = cells
    return out, printed


def _review(rng: random.Random, blank: bool) -> dict[str, list[Any]]:
    out = {}
    for r in spec.REVIEW_LITIGATION.rows:
        if blank:
            out[r.key] = [None] * 5
            continue
        four = [rng.choice([0, 0, 1, 2, 4]) for _ in range(4)]
        out[r.key] = four + [sum(four)]
    return out


def truth(case: tuple[Any, ...]) -> Report:
    name, agency_name, year, template, split, blank = case
    rng = random.Random(name)
    short = agency_name.removeprefix("示例县").removesuffix("人民政府")
    paras = [p.format(a=short, n=rng.randint(50, 900), m=rng.randint(1, 30)) for p in PARAS]
    proactive, printed = _proactive(rng, template, blank)
    report = Report(
        agency=name.split("-")[0],
        year=year,
        template=template,
        title=f"{agency_name}{year}年政府信息公开工作年度报告",
        agency_name=agency_name,
        published=dt.date(year + 1, 1, rng.randint(10, 28)),
        contact=Contact(address="示例县人民路1号", postcode="100000", phone="0000-1234567", email="gk@example.gov.cn"),
        preamble=(
            f"本报告根据《中华人民共和国政府信息公开条例》要求编制。报告中所列数据统计期限自{year}年1月1日起至{year}年12月31日止。"
            f"如对本报告有疑问，请与{short}办公室联系（地址：示例县人民路1号，邮编：100000，电话：0000-1234567，电子邮箱：gk@example.gov.cn）。\n"
        ),
        overview="\n\n".join(paras) + "\n",
        proactive=proactive,
        requests=_request_rows(rng, split, blank),
        review_litigation=_review(rng, blank),
        problems=f"一是公开内容的深度和广度有待加强。二是工作人员业务能力有待提高。{year + 1}年，我们将加强培训，提升公开质量。\n",
        other=("本年度未收取信息处理费。\n" if template == "gb2021" else "无其他需要报告的事项。\n"),
    )
    report.proactive_as_printed = printed
    return report


# --- An abstract printed layout: rows of (text, rowspan, colspan) ---------------------------

Cell = tuple[str, int, int]


def _fmt(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:g}" if v != int(v) else f"{int(v)}"
    return str(v)


def _break(label: str, style: str) -> str:
    """Break a label inside its cell the way real reports do (a space, or a line break)."""
    if len(label) < 8 or style == "none":
        return label
    cut = len(label) // 2
    return label[:cut] + ("\n" if style == "newline" else " ") + label[cut:]


def layout_proactive(r: Report, brk: str) -> list[list[Cell]]:
    t = r.spec.table("proactive")
    rows: list[list[Cell]] = []
    group = None
    for row in t.rows:
        if row.group != group:
            group = row.group
            rows.append([(group, 1, 4)])
            heads = [c.label.replace("（万元）", "（单位：万元）") for c in row.columns]
            if len(heads) == 3:
                rows.append([("信息内容", 1, 1)] + [(h, 1, 1) for h in heads])
            elif len(heads) == 2:
                rows.append([("信息内容", 1, 1), (heads[0], 1, 1), (heads[1], 1, 2)])
            else:
                rows.append([("信息内容", 1, 1), (heads[0], 1, 3)])
        values = [_fmt(v) for v in r.proactive[row.key]]  # type: ignore[index]
        label = row.label
        if len(values) == 3:
            rows.append([(label, 1, 1)] + [(v, 1, 1) for v in values])
        elif len(values) == 2:
            rows.append([(label, 1, 1), (values[0], 1, 1), (values[1], 1, 2)])
        else:
            rows.append([(label, 1, 1), (values[0], 1, 3)])
    return rows


def layout_requests(r: Report, brk: str) -> list[list[Cell]]:
    req = r.requests or {}
    rows: list[list[Cell]] = [
        [("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3), ("申请人情况", 1, 7)],
        [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)],
        [(c.label, 1, 1) for c in spec.REQUEST_COLUMNS[1:6]],
    ]
    keys = [k for k in spec.REQUESTS.row_keys if k in req]
    results = [k for k in keys if k in spec.RESULT_ROWS or k == "total"]
    first_result = True
    seen_sub: set[str] = set()
    for key in keys:
        row = spec.REQUESTS.row(key)
        vals = [(_fmt(v), 1, 1) for v in req[key]]
        cells: list[Cell] = []
        if key not in results:
            cells.append((row.label, 1, 3))
        else:
            if first_result:
                cells.append((spec.RESULTS, len(results), 1))
                first_result = False
            if row.subgroup:
                if row.subgroup not in seen_sub:
                    n = sum(1 for k in results if spec.REQUESTS.row(k).subgroup == row.subgroup)
                    cells.append((row.subgroup, n, 1))
                    seen_sub.add(row.subgroup)
                cells.append((_break(row.label, brk), 1, 1))
            else:
                cells.append((_break(row.label, brk) if key == "partially_disclosed" else row.label, 1, 2))
        rows.append(cells + vals)
    return rows


def layout_review(r: Report, brk: str) -> list[list[Cell]]:
    rl = r.review_litigation or {}
    heads = [c.label for c in spec.REVIEW_COLUMNS]
    return [
        [("行政复议", 1, 5), ("行政诉讼", 1, 10)],
        [(h, 2, 1) for h in heads] + [("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)],
        [(h, 1, 1) for h in heads] * 2,
        [(_fmt(v), 1, 1) for key in ("review", "litigation_direct", "litigation_after_review") for v in rl[key]],
    ]


def expand(rows: list[list[Cell]]) -> list[list[str]]:
    grid: dict[tuple[int, int], str] = {}
    for ri, row in enumerate(rows):
        c = 0
        for text, rs, cs in row:
            while (ri, c) in grid:
                c += 1
            for dr in range(rs):
                for dc in range(cs):
                    grid[(ri + dr, c + dc)] = text if not (dr or dc) else ""
            c += cs
    width = max(c for _, c in grid) + 1
    return [[grid.get((ri, c), "") for c in range(width)] for ri in range(len(rows))]


# --- Renderers -----------------------------------------------------------------------------


def _parts(r: Report) -> list[tuple[str, Any]]:
    """The report as a sequence of ("title"|"p"|"h"|"table", content)."""
    seq: list[tuple[str, Any]] = [("p", p) for p in (r.preamble or "").split("\n\n") if p.strip()]
    seq.append(("h", spec.PART_TITLES[1]))
    seq += [("p", p) for p in (r.overview or "").strip().split("\n\n")]
    for n, _key, lay in ((2, "proactive", layout_proactive), (3, "requests", layout_requests), (4, "review_litigation", layout_review)):
        seq.append(("h", spec.PART_TITLES[n]))
        seq.append(("table", lay))
    seq.append(("h", spec.PART_TITLES[5]))
    seq += [("p", p) for p in (r.problems or "").strip().split("\n\n")]
    seq.append(("h", spec.PART_TITLES[6]))
    seq += [("p", p) for p in (r.other or "").strip().split("\n\n")]
    seq.append(("sign", f"{r.agency_name}"))
    pub = r.published
    seq.append(("sign", f"{pub.year}年{pub.month}月{pub.day}日" if pub else ""))
    return seq


def _spans(text: str) -> str:
    return "".join(f"<span>{html.escape(ch)}</span>" for ch in text)


def render_html(r: Report, borders: bool = True, charset: str = "utf-8", brk: str = "newline", chrome: bool = True) -> str:
    body: list[str] = []
    for i, (kind, content) in enumerate(_parts(r)):
        if kind == "p":
            inner = _spans(content.strip()) if i % 3 == 1 else html.escape(content.strip())
            body.append(f'<p style="text-indent:2em">{inner}</p>')
        elif kind == "h":
            body.append(f"<p><strong>{html.escape(content)}</strong></p>")
        elif kind == "sign":
            body.append(f'<p style="text-align:right">{html.escape(content)}</p>')
        else:
            rows = content(r, brk)
            trs = []
            for row in rows:
                tds = "".join(
                    f"<td{f' rowspan={rs}' if rs > 1 else ''}{f' colspan={cs}' if cs > 1 else ''}>"
                    + html.escape(text).replace("\n", "<br>")
                    + "</td>"
                    for text, rs, cs in row
                )
                trs.append(f"<tr>{tds}</tr>")
            body.append('<table class="data">' + "".join(trs) + "</table>")
    border = "1px solid #000" if borders else "none"
    style = (
        "body{font-family:'Noto Serif CJK SC','Noto Sans CJK SC',serif;font-size:12pt}"
        f"table.data{{border-collapse:collapse;width:100%;margin:1em 0}} table.data td{{border:{border};padding:4px 6px;font-size:10pt}}"
        "p{margin:0.4em 0;line-height:1.6}"
    )
    title = html.escape(r.title)
    if chrome:
        return (
            f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="{charset}"><title>{title}_示例县人民政府</title>'
            f"<style>{style}</style></head><body>"
            '<div class="top"><a href="/">示例县人民政府</a> | <a href="/xxgk">政府信息公开</a></div>'
            '<ul class="nav"><li>首页</li><li>政务公开</li><li>政务服务</li><li>互动交流</li></ul>'
            '<div class="position">当前位置：首页 &gt; 政府信息公开 &gt; 年度报告</div>'
            f'<div class="article"><h1 class="title">{title}</h1>'
            '<div class="info">发布时间：2023-01-20　来源：示例县人民政府办公室　浏览次数：<span id="hits">128</span></div>'
            f'<div id="zoom" class="TRS_Editor">{"".join(body)}</div>'
            '<div class="share">分享到：微信 微博</div></div>'
            '<div class="footer">主办：示例县人民政府办公室　网站标识码：0000000000</div>'
            "<script>document.getElementById('hits').textContent='129';</script></body></html>"
        )
    head_title = f'<p style="text-align:center;font-size:18pt"><strong>{title}</strong></p>'
    return (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="{charset}"><title>{title}</title>'
        f"<style>{style}</style></head><body>{head_title}{''.join(body)}</body></html>"
    )


def render_docx(r: Report, out: Path) -> None:
    import docx
    from docx.shared import Pt

    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Noto Serif CJK SC"
    style.font.size = Pt(12)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rFonts")
    if fonts is None:
        fonts = rpr.makeelement("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rFonts", {})
        rpr.append(fonts)
    fonts.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", "Noto Serif CJK SC")
    t = d.add_paragraph()
    t.alignment = 1
    t.add_run(r.title).bold = True
    for kind, content in _parts(r):
        if kind == "p":
            p = d.add_paragraph(content.strip())
            p.paragraph_format.first_line_indent = Pt(24)
        elif kind == "h":
            d.add_paragraph().add_run(content).bold = True
        elif kind == "sign":
            d.add_paragraph(content).alignment = 2
        else:
            rows = content(r, "newline")
            grid = expand(rows)
            table = d.add_table(rows=len(grid), cols=len(grid[0]))
            table.style = "Table Grid"
            occupied: set[tuple[int, int]] = set()
            for ri, row in enumerate(rows):
                c = 0
                for text, rs, cs in row:
                    while (ri, c) in occupied:
                        c += 1
                    cell = table.cell(ri, c)
                    if rs > 1 or cs > 1:
                        cell = cell.merge(table.cell(ri + rs - 1, c + cs - 1))
                    lines = text.split("\n")
                    cell.paragraphs[0].text = lines[0]
                    for extra in lines[1:]:
                        cell.add_paragraph(extra)
                    for dr in range(rs):
                        for dc in range(cs):
                            occupied.add((ri + dr, c + dc))
                    c += cs
    d.save(str(out))


def render_txt(r: Report) -> str:
    out = [r.agency_name or "", f"{r.year}年政府信息公开工作年度报告", ""]
    for kind, content in _parts(r):
        if kind in ("p", "h", "sign"):
            out += [content.strip(), ""]
        else:
            for row in expand(content(r, "space")):
                out.append("\t".join(c.replace("\n", " ") for c in row))
            out.append("")
    return "\n".join(out)


def chromium_pdf(src: Path, out: Path, header_footer: bool) -> None:
    with tempfile.TemporaryDirectory() as profile:
        cmd = [
            "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
            f"--print-to-pdf={out}", src.as_uri(),
        ]
        if not header_footer:
            cmd.insert(-1, "--no-pdf-header-footer")
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)


def libreoffice_pdf(src: Path, out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(src)],
            check=True, capture_output=True, timeout=180,
        )
        shutil.move(str(Path(tmp) / (src.stem + ".pdf")), out)


def make_bad() -> None:
    """bad/encrypted.pdf (LibreOffice, open password "secret") and bad/scanned.pdf (an image only)."""
    bad = HERE / "bad"
    bad.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "encrypted.txt"
        src.write_text("示例县某某局2022年政府信息公开工作年度报告\n一、总体情况\n", encoding="utf-8")
        options = (
            'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
            '"DocumentOpenPassword":{"type":"string","value":"secret"}}'
        )
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", options, "--outdir", tmp, str(src)],
            check=True, capture_output=True, timeout=180,
        )
        shutil.move(str(Path(tmp) / "encrypted.pdf"), bad / "encrypted.pdf")
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 28)
    lines = [
        "示例县城关镇人民政府",
        "2020年政府信息公开工作年度报告",
        "",
        "一、总体情况",
        "本年度，城关镇认真贯彻落实《条例》。",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议        行政诉讼",
        "   ".join("1 0 0 0 1 0 0 0 0 0 2 0 0 0 2".split()),
        "五、存在的主要问题及改进情况",
        "一是公开内容有待丰富。",
        "六、其他需要报告的事项",
        "无其他需要报告的事项。",
    ]
    image = Image.new("L", (1240, 900), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((80, 40 + i * 58), line, fill=0, font=font)
    image.save(bad / "scanned.pdf", "PDF", resolution=150)


def write_documents(r: Report, name: str, folder: Path, layouts: tuple[str, ...] = LAYOUTS, brk: str = "newline") -> None:
    """Print one truth report in the given layouts into folder/<name>.<layout>."""
    folder.mkdir(parents=True, exist_ok=True)
    if "gov.html" in layouts:
        (folder / f"{name}.gov.html").write_text(render_html(r, brk=brk), encoding="utf-8")
    if "gbk.html" in layouts:
        (folder / f"{name}.gbk.html").write_bytes(render_html(r, charset="gbk", brk=brk).encode("gb18030"))
    if "txt" in layouts:
        (folder / f"{name}.txt").write_text(render_txt(r), encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        if "docx" in layouts or "lo.pdf" in layouts:
            docx_file = Path(tmp) / f"{name}.docx"
            render_docx(r, docx_file)
            if "docx" in layouts:
                shutil.copy(docx_file, folder / f"{name}.docx")
            if "lo.pdf" in layouts:
                libreoffice_pdf(docx_file, folder / f"{name}.lo.pdf")
        if "chrome.pdf" in layouts:
            plain = Path(tmp) / f"{name}.html"
            plain.write_text(render_html(r, chrome=False, brk=brk), encoding="utf-8")
            chromium_pdf(plain, folder / f"{name}.chrome.pdf", header_footer=True)
        if "borderless.pdf" in layouts:
            bare = Path(tmp) / f"{name}.borderless.html"
            bare.write_text(render_html(r, borders=False, chrome=False, brk="none"), encoding="utf-8")
            chromium_pdf(bare, folder / f"{name}.borderless.pdf", header_footer=False)


def main() -> None:
    if sys.argv[1:] == ["bad"]:
        make_bad()
        return
    TRUTH.mkdir(exist_ok=True)
    for case in CASES:
        name = case[0]
        r = truth(case)
        (TRUTH / f"{name}.yaml").write_text(yamlio.dumps_report(r.to_data()), encoding="utf-8")
        layouts = tuple(x for x in LAYOUTS if not x.endswith(("chrome.pdf", "borderless.pdf"))) + (
            (CHROMIUM[name],) if name in CHROMIUM else ()
        )
        write_documents(r, name, DOCS, layouts)
        print(name)
    make_bad()


if __name__ == "__main__":
    main()
