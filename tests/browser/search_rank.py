"""Where reports with a figure of 0 land in the search results for that figure's words.

    python -m tests.browser.search_rank CONTENT_DIR SITE_DIR

For measuring the ranking (docs/publish.md, "搜索能找到什么"), not a test: for 不予公开, 行政复议
and 行政诉讼 it prints how many reports are found and the average position, in the whole list,
of the reports whose figure is 0 (0% first, 100% last; about 50% when the figure plays no part).
Queries go through Pagefind's own JavaScript in Debian's Chromium, as on the search page.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from generator.content import load_content
from generator.pages import figures

from .serve import launch, serve

QUERIES = (("不予公开", "withheld"), ("行政复议", "review"), ("行政诉讼", "litigation"))
SEARCH = """async (q) => { const pf = await import(new URL('pagefind/pagefind.js', location.href).href);
  await pf.options({baseUrl: '/'}); const r = await pf.search(q);
  return (await Promise.all(r.results.map(x => x.data()))).map(x => x.url); }"""


def main() -> None:
    content, site = Path(sys.argv[1]), Path(sys.argv[2])
    values = {f"/reports/{r.agency}/{r.year}.html": figures.values(r) for r in load_content(content).reports}
    with serve(site, "") as url, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.goto(url + "index.html")
        for words, key in QUERIES:
            found = [u for u in page.evaluate(SEARCH, words) if u in values]
            zero = [i for i, u in enumerate(found) if not (values[u][key] or 0) > 0]
            where = f"{sum(zero) / len(zero) / max(1, len(found) - 1):.0%}" if zero and len(zero) < len(found) else "—"
            print(f"{words}: {len(found)} of {len(values)} reports found; {len(zero)} with {key} = 0, "
                  f"on average at {where} of the list")
        browser.close()


if __name__ == "__main__":
    main()
