"""A browser's "save as PDF" of portal pages: Debian's Chromium, headless, driven by Playwright
(the project's own test dependency), printing with the header and footer lines a browser adds
to every page: date and time and the page title on top, the URL and ``x/y`` below.

The page is served at its own portal URL by intercepting the request (nothing leaves the
machine; every other request, scripts and styles of the real site, is aborted as if offline).
The print date is written into the header template instead of Chromium's live ``date`` field,
and the PDF's creation dates are set to it, so a seed gives the same PDF every time.
Chromium embeds Noto CJK (a CFF font) as Type 3 fonts, as real browser PDFs of Chinese pages do.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


@dataclass
class PrintJob:
    html: str
    encoding: str
    url: str
    out: Path
    printed_at: dt.datetime
    date_style: str = "zh"      # zh: 2024/3/5 14:22 ; en: 3/5/24, 2:22 PM


def _stamp(job: PrintJob) -> str:
    t = job.printed_at
    if job.date_style == "en":
        h = t.hour % 12 or 12
        return f"{t.month}/{t.day}/{t:%y}, {h}:{t:%M} {'AM' if t.hour < 12 else 'PM'}"
    return f"{t.year}/{t.month}/{t.day} {t:%H:%M}"


def _templates(job: PrintJob) -> tuple[str, str]:
    style = "font-size:8px;font-family:sans-serif;width:100%;margin:0 7mm;display:flex;justify-content:space-between"
    header = f'<div style="{style}"><span>{_stamp(job)}</span><span class="title"></span><span></span></div>'
    footer = f'<div style="{style}"><span class="url"></span><span><span class="pageNumber"></span>/<span class="totalPages"></span></span></div>'
    return header, footer


def _fix_dates(pdf: Path, when: dt.datetime) -> None:
    """Same-length replacement of the PDF's CreationDate/ModDate (keeps the xref offsets right)."""
    data = pdf.read_bytes()
    stamp = when.strftime("%Y%m%d%H%M%S").encode()

    def sub(m: re.Match) -> bytes:
        old = m.group(2)
        return m.group(1) + (stamp + old[len(stamp):])[:len(old)] + b")"
    pdf.write_bytes(re.sub(rb"(/(?:CreationDate|ModDate) ?\(D:)([^)]*)\)", sub, data))


def print_pages(jobs: list[PrintJob]) -> None:
    if not jobs:
        return
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(locale="zh-CN")
            page = context.new_page()
            current: dict = {}

            def route(r):
                if r.request.url == current["url"]:
                    r.fulfill(status=200, body=current["body"], headers={"Content-Type": f"text/html; charset={current['charset']}"})
                else:
                    r.abort()
            page.route("**/*", route)
            for job in jobs:
                current.update(url=job.url, body=job.html.encode(job.encoding, errors="xmlcharrefreplace"),
                               charset="GBK" if job.encoding == "gbk" else "UTF-8")
                page.goto(job.url, wait_until="load")
                header, footer = _templates(job)
                job.out.parent.mkdir(parents=True, exist_ok=True)
                page.pdf(path=str(job.out), format="A4", display_header_footer=True, header_template=header,
                         footer_template=footer, print_background=False,
                         margin={"top": "12mm", "bottom": "12mm", "left": "10mm", "right": "10mm"})
                _fix_dates(job.out, job.printed_at)
        finally:
            browser.close()
