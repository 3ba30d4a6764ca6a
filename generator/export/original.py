"""Originals a browser would run (HTML pages): a cleaned copy to read, the file itself zipped.

An HTML original published as it is would run its scripts on the portal's own domain. So the
site offers two files instead:

* a copy to read in the browser: decoded (bs4's ``UnicodeDammit``, which reads the page's own
  charset, e.g. GBK, and guesses when there is none) and cleaned by nh3 (Python's binding of
  the Rust ``ammonia`` sanitiser, the well-kept allow-list cleaner) down to text, headings,
  lists and tables: no script, style, frame, form, image, link to load or event handler
  survives. The page also forbids, in its Content-Security-Policy, scripts and anything loaded
  from elsewhere, should a browser ever meet something the cleaner let through;
* the untouched file inside a ZIP archive (stored, not compressed; fixed date), which no
  browser opens as a page: the file's bytes and so its SHA-256 are the original's.
"""

from __future__ import annotations

import html
import io
import zipfile

import nh3
from bs4 import UnicodeDammit

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "center", "code", "col", "colgroup", "dd", "del", "div",
    "dl", "dt", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "li", "ol", "p", "pre",
    "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
ATTRIBUTES = {"td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"}, "col": {"span"}, "colgroup": {"span"},
              "ol": {"start"}, "a": {"name"}}
POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'"


def cleaned(data: bytes, title: str) -> bytes:
    """A page holding the original's text and tables, and nothing that runs or loads."""
    text = UnicodeDammit(data, ["utf-8", "gb18030"]).unicode_markup or ""
    body = nh3.clean(text, tags=TAGS, attributes=ATTRIBUTES, url_schemes=set(), link_rel=None, strip_comments=True)
    page = (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{html.escape(title)}（原件）</title></head>\n<body>\n"
        "<p><small>这是报告原件网页的文字与表格，已去除脚本、样式和外部链接；原始文件见报告页面的下载。</small></p>\n"
        f"{body}\n</body></html>\n"
    )
    return page.encode("utf-8")


def archive(name: str, data: bytes) -> bytes:
    """``data`` as the one file ``name`` of a ZIP archive, byte-identical for the same input."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as z:
        info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        z.writestr(info, data)
    return buffer.getvalue()
