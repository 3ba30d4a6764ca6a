"""One rendering, two pages: a page and its large-text (大字模式) twin from one pass of its template.

A page ``P`` and its twin ``large/P`` are printed from the same context and differ in a few
places only: the ``<html>`` element's class, the link to the other size, the canonical link, the
links to shared files (style sheets, downloads, originals, which the twin reaches from one
folder deeper) and the charts (laid out for large text). Links to pages are the same text in
both, since the twin's links stay inside ``large/``. So the template is rendered once with the
size left open (:func:`render_both`): where the two pages differ, the ``url`` and ``svg``
filters and the ``sized(standard, large)`` function write a token naming both texts, and the
two pages are made from the one output by putting each page's text in place of the tokens.

Measured at 300 × 7 (2,441 pages and their twins made in one process without writing them, CPU
seconds, medians of 3, idle 2-core machine): 12.1 s rendering each page once per size, 9.2 s
with one rendering.

While the size is open, ``large`` is a :class:`Both`: a template that asks it directly
(``{% if large %}``, printing it, comparing it) raises :class:`SizeNeeded`, and so does a token
that a filter changed on its way to the page (it would be left in the output); the page is then
rendered twice, once per size, as before. A theme that branches on ``large`` is never wrong,
only slower; :func:`templates_ask_size` tells the build not to try for such a theme at all.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

STANDARD, LARGE = 0, 1
NONCE = secrets.token_hex(8)  # made when the build starts: no page text can hold a token by chance
_TOKEN = re.compile("\ue000" + NONCE + r"\.(\d+)\ue001")


class SizeNeeded(Exception):
    """The template asked which size it prints: render each page on its own."""


class Both:
    """The value of ``large`` while the size is open; it holds the texts the tokens stand for."""

    def __init__(self) -> None:
        self.texts: list[tuple[str, str]] = []

    def either(self, standard: str, large: str) -> Markup | str:
        """What a template prints for two texts, one per page (plain text is escaped, as the
        template would): a token, or the text itself when both are the same."""
        if standard == large:
            return standard
        self.texts.append((str(escape(standard)), str(escape(large))))
        return Markup(f"\ue000{NONCE}.{len(self.texts) - 1}\ue001")

    def pages(self, html: str) -> tuple[str, str]:
        """The standard page and its twin from the output rendered with this ``large``."""
        standard, large = self._fill(html, STANDARD), self._fill(html, LARGE)
        if any(mark in page for page in (standard, large) for mark in ("\ue000", NONCE)):  # a token a filter changed
            raise SizeNeeded
        return standard, large

    def _fill(self, html: str, size: int) -> str:
        return _TOKEN.sub(lambda m: self._fill(self.texts[int(m[1])][size], size), html)

    def _ask(self, *args: object) -> Any:
        raise SizeNeeded

    __bool__ = __str__ = __html__ = __eq__ = __ne__ = __iter__ = __len__ = _ask
    __hash__ = object.__hash__

    def __repr__(self) -> str:
        return "<大字模式与标准字号两种>"


class TwinUrl(str):
    """A site path that differs between the two pages (``page_url``, ``twin_url``): the ``url``
    filter links each page to its own; printed as it is, it asks for the size."""

    def __new__(cls, standard: str, large: str) -> TwinUrl:
        made = super().__new__(cls, standard)
        made.large = large
        return made

    def __html__(self) -> str:
        raise SizeNeeded


def render_both(render: Callable[[dict[str, Any]], str], context: dict[str, Any], large_context: dict[str, Any],
                one_rendering: bool = True) -> tuple[str, str]:
    """The page and its twin: ``render`` called once with the size open, or once per size when
    the template asks for it (or not ``one_rendering``). ``large_context`` is the twin's own
    context (``pages.site.as_large``)."""
    if one_rendering:
        both = Both()
        open_context = {**context, "large": both,
                        "page_url": TwinUrl(context["page_url"], large_context["page_url"]),
                        "twin_url": TwinUrl(context["twin_url"], large_context["twin_url"])}
        try:
            return both.pages(render(open_context))
        except SizeNeeded:
            pass
    return render(context), render(large_context)


_LARGE = re.compile(r"\blarge\b")


def templates_ask_size(folders: Iterable[Path]) -> bool:
    """Whether a template in ``folders`` (a theme's or a portal's overrides) names ``large``
    (``{% if large is true %}`` would not raise :class:`SizeNeeded`): then each page is
    rendered once per size."""
    return any(_LARGE.search(p.read_text(encoding="utf-8", errors="replace"))
               for folder in folders if folder.is_dir() for p in sorted(folder.rglob("*")) if p.is_file())
