"""The article of a report as the HTML that county CMSes actually carry, in four flavours:

- ``word``: pasted from Word / exported by Word ("Save as Web Page"): ``class=MsoNormal``, mso
  styles, ``<o:p></o:p>``, ``&nbsp;`` in blank cells, one ``<p>`` per printed line inside cells
  (long labels broken where Word wrapped them), a ``<span>`` per run and ``lang=EN-US`` digits;
- ``ueditor``: TRS/UEditor (TRS WCM, 集约化平台): ``<p style="text-indent:2em">``, ``<br/>`` inside
  cells, ``<tbody>`` only;
- ``ckeditor``: CKEditor/KindEditor-style editors (Hanweb, Kaipu): ``&emsp;`` indents, ``<thead>``
  with ``<th>`` for the heading rows;
- ``legacy``: old table-layout CMS: the whole text in one block with ``<br>`` between paragraphs,
  ``<font>`` tags, ``&nbsp;`` indents, ``bordercolor`` tables.
"""

from __future__ import annotations

import html
import random

from .layout import Block, Cell, Table

FLAVOURS = ("word", "ueditor", "ckeditor", "legacy")


def esc(s: str) -> str:
    return html.escape(s, quote=False)


def _wrap(text: str, width: int) -> list[str]:
    """Where a narrow Word cell wraps a label (one ``<p>`` per printed line)."""
    if len(text) <= width:
        return [text]
    return [text[i:i + width] for i in range(0, len(text), width)]


# ---- word ---------------------------------------------------------------------------------

def _word_run(text: str) -> str:
    """Word splits runs at script changes: CJK in one span, digits/Latin in a lang=EN-US span."""
    out, buf, latin = [], "", None
    for ch in text:
        is_latin = ch.isascii() and not ch.isspace()
        if latin is not None and is_latin != latin and buf:
            out.append(buf if not latin else f"<span lang=EN-US>{esc(buf)}</span>")
            buf = ""
        if not is_latin:
            ch = esc(ch)
        buf += ch
        latin = is_latin
    if buf:
        out.append(buf if not latin else f"<span lang=EN-US>{esc(buf)}</span>")
    return "".join(out)


def _word_p(text: str, style: str = "text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt;mso-line-height-rule:exactly") -> str:
    return (f"<p class=MsoNormal style='{style}'><span style='font-size:16.0pt;font-family:仿宋_GB2312;"
            f"mso-hansi-font-family:\"Times New Roman\"'>{_word_run(text)}<o:p></o:p></span></p>")


def _word_table(t: Table, rng: random.Random) -> str:
    rows = []
    for row in t.rows:
        tds = []
        for c in row:
            span = (f" colspan={c.colspan}" if c.colspan > 1 else "") + (f" rowspan={c.rowspan}" if c.rowspan > 1 else "")
            width = 8 if c.colspan == 1 else 16
            lines = _wrap(c.text, width) if c.text else []
            if lines:
                body = "".join(f"<p class=MsoNormal align=center style='text-align:center'><span style='font-size:10.0pt;"
                               f"font-family:宋体;mso-bidi-font-family:宋体'>{_word_run(x)}<o:p></o:p></span></p>" for x in lines)
            else:
                body = "<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US style='font-size:10.0pt'>&nbsp;<o:p></o:p></span></p>"
            tds.append(f"<td width={rng.choice([57, 64, 71, 85])}{span} valign=center style='border:solid windowtext 1.0pt;"
                       f"mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'>{body}</td>")
        rows.append("<tr style='mso-yfti-irow:0;height:20.0pt'>" + "".join(tds) + "</tr>")
    return ("<div align=center><table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0 style='border-collapse:collapse;"
            "border:none;mso-border-alt:solid windowtext .5pt;mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>"
            + "\n".join(rows) + "</table></div>\n" + _word_p(""))


def _word(blocks: list[Block], rng: random.Random) -> str:
    out = ["<div class=WordSection1 style='layout-grid:15.6pt'>"]
    for b in blocks:
        if b.kind == "title":
            for line in b.lines:
                out.append(f"<p class=MsoNormal align=center style='text-align:center;line-height:28.0pt'><b><span style='font-size:22.0pt;"
                           f"font-family:方正小标宋简体'>{_word_run(line)}<o:p></o:p></span></b></p>")
        elif b.kind == "h1":
            out.append(f"<p class=MsoNormal style='text-indent:32.0pt'><span style='font-size:16.0pt;font-family:黑体'>{_word_run(b.text)}<o:p></o:p></span></p>")
        elif b.kind == "h2":
            out.append(f"<p class=MsoNormal style='text-indent:32.0pt'><span style='font-size:16.0pt;font-family:楷体_GB2312'>{_word_run(b.text)}<o:p></o:p></span></p>")
        elif b.kind == "p":
            out.append(_word_p(b.text))
        elif b.kind == "table":
            out.append(_word_table(b.table, rng))
        elif b.kind == "sign":
            for line in b.lines:
                out.append(_word_p(line, "text-align:right;line-height:28.0pt"))
    out.append("</div>")
    return "\n".join(out)


# ---- ueditor / ckeditor / legacy ---------------------------------------------------------------

def _cell_html(c: Cell, tag: str, br: bool) -> str:
    span = (f' colspan="{c.colspan}"' if c.colspan > 1 else "") + (f' rowspan="{c.rowspan}"' if c.rowspan > 1 else "")
    text = "<br/>".join(esc(x) for x in _wrap(c.text, 10)) if br and not c.number else esc(c.text)
    return f'<{tag}{span} style="border:1px solid #000;text-align:center;padding:2px 4px;">{text}</{tag}>'


def _editor_table(t: Table, thead: bool, legacy: bool) -> str:
    attrs = ('width="100%" border="1" cellspacing="0" cellpadding="0" bordercolor="#000000"' if legacy
             else 'border="1" cellspacing="0" cellpadding="0" width="100%" style="border-collapse:collapse;"')
    rows = [[_cell_html(c, "th" if thead and i < t.head_rows else "td", br=not legacy) for c in row] for i, row in enumerate(t.rows)]
    if thead:
        head = "".join(f"<tr>{''.join(r)}</tr>" for r in rows[:t.head_rows])
        body = "\n".join(f"<tr>{''.join(r)}</tr>" for r in rows[t.head_rows:])
        return f"<table {attrs}><thead>{head}</thead>\n<tbody>\n{body}\n</tbody></table>"
    body = "\n".join(f"<tr>\n{''.join(r)}\n</tr>" for r in rows)
    return f"<table {attrs}>\n<tbody>\n{body}\n</tbody>\n</table>"


def _ueditor(blocks: list[Block]) -> str:
    out = []
    for b in blocks:
        if b.kind == "title":
            out += [f'<p style="text-align:center;"><strong><span style="font-size:22px;">{esc(x)}</span></strong></p>' for x in b.lines]
        elif b.kind in ("h1", "h2"):
            out.append(f'<p style="text-indent:2em;line-height:2em;"><strong>{esc(b.text)}</strong></p>')
        elif b.kind == "p":
            out.append(f'<p style="text-indent:2em;line-height:2em;">{esc(b.text)}</p>')
        elif b.kind == "table":
            out.append(_editor_table(b.table, thead=False, legacy=False))
        elif b.kind == "sign":
            out += [f'<p style="text-align:right;">{esc(x)}</p>' for x in b.lines]
    return "\n".join(out)


def _ckeditor(blocks: list[Block]) -> str:
    out = []
    for b in blocks:
        if b.kind == "title":
            out.append('<h2 style="text-align:center">' + "<br />".join(esc(x) for x in b.lines) + "</h2>")
        elif b.kind == "h1":
            out.append(f"<p>&emsp;&emsp;<strong>{esc(b.text)}</strong></p>")
        elif b.kind == "h2":
            out.append(f"<p>&emsp;&emsp;<b>{esc(b.text)}</b></p>")
        elif b.kind == "p":
            out.append(f"<p>&emsp;&emsp;{esc(b.text)}</p>")
        elif b.kind == "table":
            out.append(_editor_table(b.table, thead=True, legacy=False))
        elif b.kind == "sign":
            out.append('<p style="text-align:right">' + "<br />".join(esc(x) for x in b.lines) + "</p>")
    return "\n".join(out)


def _legacy(blocks: list[Block]) -> str:
    out = []
    for b in blocks:
        if b.kind == "title":
            out.append('<div align="center"><font size="4"><b>' + "<br>".join(esc(x) for x in b.lines) + "</b></font></div><br>")
        elif b.kind in ("h1", "h2"):
            out.append(f"&nbsp;&nbsp;&nbsp;&nbsp;<b>{esc(b.text)}</b><br>")
        elif b.kind == "p":
            out.append(f"&nbsp;&nbsp;&nbsp;&nbsp;{esc(b.text)}<br>")
        elif b.kind == "table":
            out.append(_editor_table(b.table, thead=False, legacy=True))
        elif b.kind == "sign":
            out.append('<div align="right">' + "<br>".join(esc(x) for x in b.lines) + "</div>")
    return '<font face="宋体" style="font-size:14px;line-height:26px">\n' + "\n".join(out) + "\n</font>"


def render(blocks: list[Block], flavour: str, rng: random.Random) -> str:
    if flavour == "word":
        return _word(blocks, rng)
    if flavour == "ueditor":
        return _ueditor(blocks)
    if flavour == "ckeditor":
        return _ckeditor(blocks)
    return _legacy(blocks)
