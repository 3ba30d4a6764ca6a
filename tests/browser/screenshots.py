"""Screenshots of every page type at phone (375 px) and desktop (1280 px) width.

    python -m tests.browser.screenshots SITE_DIR OUT_DIR

For looking at the pages, not a test: the tests are test_a11y.py and test_site_browser.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from .serve import block_other_hosts, launch, serve

PAGES = {
    "synth-agency": "agencies/agency-0001.html",  # a bench.synth portal: figures, so a chart
    "synth-large-agency": "large/agencies/agency-0001.html",
    "home": "index.html",
    "agencies": "agencies/index.html",
    "agency": "agencies/qixingpao.html",
    "report": "reports/shiwo/2021.html",
    "report-blank": "reports/hongqi/2020.html",
    "compare-index": "compare/index.html",
    "compare": "compare/2020.html",
    "data": "data/index.html",
    "help": "help.html",
    "search": "search.html",
    "404": "404.html",
    "large-report": "large/reports/shiwo/2021.html",  # 大字模式: the large-text copy
    "large-agency": "large/agencies/qixingpao.html",
    "large-search": "large/search.html",
}
VIEWPORTS = {"phone": (375, 812), "desktop": (1280, 900)}


def main() -> None:
    site, out = Path(sys.argv[1]), Path(sys.argv[2])
    only = sys.argv[3:] or [name for name in PAGES if not name.startswith("synth-")]
    out.mkdir(parents=True, exist_ok=True)
    with serve(site, "sub/path") as base, sync_playwright() as p:
        browser = launch(p)
        for vp, (w, h) in VIEWPORTS.items():
            context = browser.new_context(viewport={"width": w, "height": h}, device_scale_factor=1)
            block_other_hosts(context)
            page = context.new_page()
            for name in only:
                page.goto(base + PAGES[name])
                if name.endswith("search"):
                    page.wait_for_timeout(500)
                    page.fill("#search-q", "年度报告")
                    page.wait_for_timeout(1500)
                page.screenshot(path=str(out / f"{name}-{vp}.png"), full_page=True)
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
