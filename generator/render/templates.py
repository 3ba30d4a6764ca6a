"""The Jinja environment: the theme's search path, the ``default:`` prefix, escaping, filters.

Jinja2 is the design's template engine. A portal's ``overrides/templates`` folder comes first
in a ``ChoiceLoader``, then the theme's folders (``theme.Theme``); ``default:`` names the
default theme's templates, so an override may ``{% extends "default:report.html" %}`` and call
``super()`` (as datasette does). Autoescaping is on for every template and undefined variables
raise (``StrictUndefined``), so a misspelt name fails the build instead of printing nothing.

Filters: ``url`` (a site path as a link relative to the page; on a page of the large-text copy,
``large`` true, a link to an HTML page goes to that page's large-text twin, ``url(exact=True)``
to the page itself, e.g. the link to the twin), ``num`` (a number for reading),
``markdown`` (report text as HTML), ``summary`` (report text as a short plain text), ``svg`` (a
chart as inline SVG; laid out for large text on the 大字模式 pages). Function: ``sized(standard,
large)``, a text that differs between a page and its large-text twin (write this rather than
``{% if large %}``: the two pages are then made from one rendering, ``twins``).
"""

from __future__ import annotations

import functools
import posixpath
from pathlib import Path
from typing import Any

import jinja2

from ..pages.tables import format_number
from ..pages.urls import has_large_twin, large_url
from . import charts, markdown, twins
from .theme import THEMES, Theme


class TemplateError(Exception):
    """A template failed; the message names it, in Chinese, for the editor."""


def environment(theme: Theme, overrides: Path | None = None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if overrides is not None and overrides.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(overrides)))
    loaders.append(jinja2.FileSystemLoader([str(p) for p in theme.templates]))
    loaders.append(jinja2.PrefixLoader({"default": jinja2.FileSystemLoader(str(THEMES / "default" / "templates"))},
                                       delimiter=":"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["url"] = _url_filter
    env.filters["num"] = format_number
    env.filters["markdown"] = markdown.render
    env.filters["svg"] = _svg_filter
    env.filters["summary"] = _summary
    env.globals["sized"] = _sized
    # A page and its large-text twin are made from one rendering unless a template of the
    # portal's or of another theme than the default names ``large`` (``twins``).
    own = [overrides] if overrides is not None else []
    env.extend(xxgk_one_rendering=not twins.templates_ask_size(
        [*own, *(p for p in theme.templates if p.resolve() != (THEMES / "default" / "templates").resolve())]))
    return env


def render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateError as e:
        where = f"{e.filename}:{e.lineno}" if isinstance(e, jinja2.TemplateSyntaxError) else name
        raise TemplateError(f"模板 {where} 出错：{e}") from e


def relative_url(target: str, page: str) -> str:
    """``target`` (a site path like ``reports/a/2020.html``) as a link from ``page``."""
    if "://" in target or target.startswith(("#", "mailto:", "tel:")):
        return target
    return _relative(target, posixpath.dirname(page))


@functools.lru_cache(maxsize=65536)
def _relative(target: str, base: str) -> str:
    # Kept per (target, folder): the pages of a folder ask for the same links (style sheet,
    # menu, the agency's other years); posixpath.relpath was a tenth of rendering.
    anchor = ""
    if "#" in target:
        target, anchor = target.split("#", 1)
        anchor = "#" + anchor
    if target in ("", "."):
        target = "index.html"
    rel = posixpath.relpath(target, base or ".")
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel + anchor


@functools.lru_cache(maxsize=65536)
def _summary(text: str, limit: int = 200) -> str:
    # Kept per text: the preview renders the feed, every report's summary, after each edit
    # (at 300 × 7, 0.24 s of a 2.9 s update made every summary again).
    return markdown.plain(text, limit)


@jinja2.pass_context
def _svg_filter(context: Any, chart: Any) -> Any:
    size = context.get("large")
    if isinstance(size, twins.Both):
        return size.either(charts.svg(chart, large=False), charts.svg(chart, large=True))
    return charts.svg(chart, large=bool(size))


@jinja2.pass_context
def _url_filter(context: Any, target: str, exact: bool = False) -> str:
    size, page = context.get("large"), context["page_url"]
    if isinstance(size, twins.Both):
        if not exact and not isinstance(target, twins.TwinUrl) and has_large_twin(target or "index.html"):
            return _link(target, page, False, exact)  # a link to a page: the same text in both sizes
        large_target = target.large if isinstance(target, twins.TwinUrl) else target
        return size.either(_link(str(target), str(page), False, exact), _link(large_target, page.large, True, exact))
    return _link(target, page, bool(size), exact)


def _link(target: str, page: str, large: bool, exact: bool) -> str:
    if not exact and large and has_large_twin(target or "index.html"):
        target = large_url(target or "index.html")
    return relative_url(target, page)


@jinja2.pass_context
def _sized(context: Any, standard: str, large: str) -> str:
    """``sized(standard, large)``: the first text on a standard page, the second on its
    large-text twin (with the size open, a token for both: ``twins``)."""
    size = context.get("large")
    if isinstance(size, twins.Both):
        return size.either(standard, large)
    return large if size else standard
