"""Every page type of the demo site, by name (one example of each, and the odd ones)."""

PAGE_TYPES = {
    "home": "index.html",
    "agencies": "agencies/index.html",
    "agency": "agencies/qixingpao.html",
    "agency-without-tables": "agencies/hongqi.html",
    "report-gb2019": "reports/qixingpao/2020.html",
    "report-gb2021": "reports/shiwo/2021.html",
    "report-blank-tables": "reports/hongqi/2020.html",
    "report-2019": "reports/beileng/2019.html",
    "compare-index": "compare/index.html",
    "compare-year": "compare/2020.html",
    "compare-gb2021-year": "compare/2021.html",
    "compare-county": "compare/county.html",
    "compare-indicator": "compare/indicators/received_new.html",
    "compare-indicator-rate": "compare/indicators/disclosure_rate.html",
    "compare-picker": "compare/picker.html",
    "data": "data/index.html",
    "help": "help.html",
    "search": "search.html",
    "not-found": "404.html",
    "quality": "quality.html",
}
