"""The rows of a data table as HTML: header rows, body rows and footer rows of a DataTable.

The default theme's ``data_table`` macro prints the caption and the scrolling region and calls
``table_rows(t)`` for what is inside ``<table>``. Written here rather than as Jinja loops
because a report page has about 200 cells and a Jinja loop step per cell (attribute lookups,
escaping each value) was half of the time spent rendering a site; this is about ten times
faster and prints the same markup. A theme that wants other cell markup can print the rows
itself from ``t`` (``t.head_rows``, ``t.rows``, ``t.foot``: see ``render.tables``).

Every text is escaped with markupsafe, as Jinja's autoescaping would.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

if TYPE_CHECKING:  # tables imports templates, which imports this module
    from .tables import BodyRow, DataCell, DataTable, Head

_MARKS = {
    "derived": '<span aria-hidden="true">*</span><span class="vh">（推算）</span>',
    "uncertain": '<span aria-hidden="true">?</span><span class="vh">（待核对）</span>',
}


_SPECIAL = re.compile("[<>&\"']")


def _esc(text: str) -> str:
    # most texts here are numbers and generated ids: look before calling escape()
    return str(escape(text)) if _SPECIAL.search(text) else text


def table_rows(t: DataTable, url: Callable[[str], str]) -> Markup:
    """``<thead>``, ``<tbody>`` and (when there are footer rows) ``<tfoot>`` of ``t``;
    ``url`` makes a site path relative to the page."""
    out = ["<thead>\n"]
    for row in t.head_rows:
        out.append("<tr>")
        out.extend(_head(h) for h in row)
        out.append("</tr>\n")
    out.append("</thead>\n<tbody>\n")
    out.append(t.body_html)
    for r in t.rows:
        for g in r.groups:
            out.append(f'<tr class="group"><th id="{_esc(g.id)}" colspan="{g.colspan}"><span>{_esc(g.text)}</span></th></tr>\n')
        out.append(_body_row(r, url))
        out.append("\n")
    out.append("</tbody>\n")
    if t.foot:
        out.append("<tfoot>\n")
        out.extend(_body_row(r, url) + "\n" for r in t.foot)
        out.append("</tfoot>\n")
    return Markup("".join(out))


def _head(h: Head) -> str:
    attrs = f' id="{_esc(h.id)}" scope="{_esc(h.scope)}"'
    if h.colspan > 1:
        attrs += f' colspan="{h.colspan}"'
    if h.rowspan > 1:
        attrs += f' rowspan="{h.rowspan}"'
    if h.numeric:
        attrs += ' class="num"'
    return f"<th{attrs}>{_esc(h.text)}</th>"


def _body_row(r: BodyRow, url: Callable[[str], str]) -> str:
    label = _esc(r.head.text)
    if r.link:
        label = f'<a href="{_esc(url(r.link))}">{label}</a>'
    cells = "".join(_cell(c) for c in r.cells)
    total = ' class="total"' if r.total else ""
    return f'<tr{total}><th id="{_esc(r.head.id)}" scope="row">{label}</th>{cells}</tr>'


def _cell(c: DataCell) -> str:
    kind = c.kind
    classes = f"{kind} {c.mark}" if c.mark else kind
    sort = f' data-sort="{_esc(c.sort)}"' if c.sort else ""
    if kind == "blank":
        body = '<span class="vh">空白</span>'
    elif kind == "na":
        body = '/<span class="vh">（不适用）</span>'
    else:
        body = _esc(c.text) + _MARKS.get(c.mark, "")
    return f'<td headers="{_esc(c.headers)}" class="{_esc(classes)}"{sort}>{body}</td>'
