"""Where every page and file of the site lives: site paths, no Jinja, no I/O.

Every URL is a path inside the site folder ending in a file name (``agencies/index.html``,
never ``agencies/``): the site then works from a local folder, where a folder link would show
a file listing, as well as under any sub-path of a web server. Templates turn these site paths
into links relative to the page with the ``url`` filter.

Every HTML page ``P`` also has a large-text (大字模式) twin at ``large/P``, rendered from the same
context (``build.pages``); its links to pages stay inside ``large/``, while static files,
downloads and originals are shared (:func:`has_large_twin`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

HOME = "index.html"
AGENCIES = "agencies/index.html"
COMPARE = "compare/index.html"
DATA = "data/index.html"
HELP = "help.html"
SEARCH = "search.html"
QUALITY = "quality.html"  # only with --with-audit: the county office's view of every finding
NOT_FOUND = "404.html"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
STATIC = "static"
PAGEFIND = "pagefind"
LARGE = "large"  # the large-text (大字模式) copy of every HTML page: page P at large/P
ORIGINALS = "originals"

REPORT_DATA_SUFFIXES = ("yaml", "json", "csv")
# An original a browser would run (HTML) is published twice: a cleaned copy to read at
# original_url, and the untouched file packed in a ZIP at original_archive_url.
RUNNABLE_SUFFIXES = (".html", ".htm", ".xhtml", ".svg", ".xml", ".shtml")


def large_url(url: str) -> str:
    """The large-text twin of the page at ``url`` (a site path)."""
    return f"{LARGE}/{url}"


def has_large_twin(target: str) -> bool:
    """Whether the site path ``target`` (perhaps with ``#anchor``) is an HTML page of the site,
    which has a large-text twin; static files, downloads and originals (an HTML original's
    cleaned copy too) are shared by both sizes, not copied."""
    path = target.split("#", 1)[0]
    return path.endswith(".html") and not path.startswith((f"{ORIGINALS}/", f"{LARGE}/", f"{STATIC}/", f"{PAGEFIND}/"))


def agency_url(agency: str) -> str:
    return f"agencies/{agency}.html"


def report_url(agency: str, year: int) -> str:
    return f"reports/{agency}/{year}.html"


def report_data_url(agency: str, year: int, suffix: str) -> str:
    return f"reports/{agency}/{year}.{suffix}"


def compare_url(year: int) -> str:
    return f"compare/{year}.html"


def data_file_url(name: str) -> str:
    return f"data/{name}"


def original_suffix(source_file: str) -> str:
    return PurePosixPath(source_file).suffix.lower()


def original_url(agency: str, year: int, source_file: str) -> str:
    """Where the original is published: originals/<agency>/<year><suffix> (for an HTML
    original, the cleaned copy to read)."""
    suffix = original_suffix(source_file)
    if suffix in RUNNABLE_SUFFIXES:
        suffix = ".html"
    return f"{ORIGINALS}/{agency}/{year}{suffix}"


def original_archive_url(agency: str, year: int, source_file: str) -> str | None:
    """For an original a browser would run: the ZIP holding it untouched; else None."""
    suffix = original_suffix(source_file)
    if suffix not in RUNNABLE_SUFFIXES:
        return None
    return f"{ORIGINALS}/{agency}/{year}{suffix}.zip"


@dataclass(frozen=True)
class Page:
    """One HTML page of the site: where it goes, which template prints it, what kind of page
    it is (``pages.KINDS``) and what it is about (an agency id; an agency id and a year; a year)."""

    url: str
    template: str
    kind: str
    key: tuple[object, ...] = field(default=())
    in_sitemap: bool = True
