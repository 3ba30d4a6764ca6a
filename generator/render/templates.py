"""The Jinja environment: theme search path, the ``default:`` prefix, escaping, the url filter.

Jinja2 is the design's template engine. A portal's ``overrides/templates`` folder comes first
in a ``ChoiceLoader``, then the theme's; ``PrefixLoader({"default": theme})`` lets an override
``{% extends "default:report.html" %}`` and call ``super()`` (as datasette does). Autoescaping
is on for every template and undefined variables raise (``StrictUndefined``), so a misspelt
name fails the build instead of printing nothing.
"""

from __future__ import annotations

import functools
import posixpath
from pathlib import Path
from typing import Any

import jinja2

from .table_html import table_rows

THEMES = Path(__file__).resolve().parent.parent.parent / "themes"


class ThemeError(Exception):
    """The theme named on the command line does not exist."""


def theme_dir(name: str) -> Path:
    folder = Path(name) if ("/" in name or name.startswith(".")) else THEMES / name
    if not (folder / "templates").is_dir():
        known = "、".join(sorted(p.name for p in THEMES.iterdir() if (p / "templates").is_dir()))
        raise ThemeError(f"主题 {name} 不存在（没有 {folder}/templates）；可用的主题：{known}")
    return folder


def relative_url(target: str, page: str) -> str:
    """``target`` (a site path like ``reports/a/2020.html``) as a link from ``page``."""
    if "://" in target or target.startswith(("#", "mailto:", "tel:")):
        return target
    return _relative(target, posixpath.dirname(page))


@functools.lru_cache(maxsize=65536)
def _relative(target: str, base: str) -> str:
    # Kept per (target, folder): the pages of a folder ask for the same links (style sheet,
    # menu, the agency's other years), and posixpath.relpath was a tenth of rendering.
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


def environment(theme: Path, overrides: Path | None = None) -> jinja2.Environment:
    theme_loader = jinja2.FileSystemLoader(str(theme / "templates"))
    loaders: list[jinja2.BaseLoader] = []
    if overrides is not None and overrides.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(overrides)))
    loaders.append(theme_loader)
    loaders.append(jinja2.PrefixLoader({"default": theme_loader}, delimiter=":"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["url"] = _url_filter
    env.globals["table_rows"] = _table_rows
    env.filters["num"] = format_number
    return env


@jinja2.pass_context
def _url_filter(context: Any, target: str) -> str:
    return relative_url(target, context["page_url"])


@jinja2.pass_context
def _table_rows(context: Any, table: Any) -> Any:
    page = context["page_url"]
    return table_rows(table, lambda target: relative_url(target, page))


def format_number(value: Any) -> str:
    """A cell for reading: thousands grouped, money without trailing zeros, blank as ''."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        text = f"{value:,.4f}".rstrip("0").rstrip(".")
        return text
    return str(value)
