"""Report text (Markdown) to HTML with markdown-it-py; raw HTML in a report is shown as text.

markdown-it-py is the CommonMark parser the design chose. Its default preset passes raw HTML
through, so ``html`` is switched off: ``<script>`` in a report becomes ``&lt;script&gt;``.
Links keep markdown-it-py's own URL validation (no ``javascript:``). Headings inside report
text are shifted down so they sit under the page's part headings (h2): ``#`` becomes h3.

Most report text is plain paragraphs: no character that Markdown gives a meaning to. Such
text is written as ``<p>`` paragraphs directly (:func:`_plain_paragraphs`), byte-identical
to what markdown-it-py makes of it (a test compares the two on real and on random text) and
about thirty times faster; parsing was a fifth of the time of rendering a report page.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markupsafe import Markup

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_md.disable(["image"])  # a report page fetches nothing, not even a picture from elsewhere


def _shift_headings(md: MarkdownIt) -> None:
    def rule(state):  # type: ignore[no-untyped-def]
        for token in state.tokens:
            if token.type in ("heading_open", "heading_close"):
                level = min(int(token.tag[1]) + 2, 6)
                token.tag = f"h{level}"

    md.core.ruler.push("shift_headings", rule)


_shift_headings(_md)


def render(text: str | None) -> Markup:
    """Markdown text as safe HTML (raw HTML escaped, never passed through)."""
    if not text:
        return Markup("")
    html = _plain_paragraphs(text)
    return Markup(_md.render(text) if html is None else html)


# Any character with a meaning in CommonMark's inline or block syntax, any control character
# but the newline, and any whitespace but the plain space (whose handling differs between
# line starts, line ends and the paragraph's ends).
_MARKUP = re.compile(
    r"[\\`*_\[\]<>!&#|~\x00-\x09\x0b-\x1f\x7f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
)
_LEADING_BLANK_LINES = re.compile(r"^(?: *\n)+")
_BLANK_LINES = re.compile(r"\n(?: *\n)+")
# a line that could open a list, or underline the line before it as a heading
_BLOCK_START = re.compile(r" *(?:[-+=]|\d{1,9}[.)](?: |$))")


def _plain_paragraphs(text: str) -> str | None:
    """The HTML of text made only of paragraphs, as markdown-it-py writes it; ``None`` when
    the text may hold anything else (then markdown-it-py renders it)."""
    paragraphs = _paragraph_lines(text)
    if paragraphs is None:
        return None
    return "".join("<p>" + "\n".join(lines).replace('"', "&quot;") + "</p>\n" for lines in paragraphs)


def _paragraph_lines(text: str) -> list[list[str]] | None:
    """The lines of each paragraph as markdown-it-py reads them, when the text is only
    paragraphs; otherwise ``None``."""
    if _MARKUP.search(text):
        return None
    body = _LEADING_BLANK_LINES.sub("", text).rstrip(" \n")
    out = []
    for block in _BLANK_LINES.split(body) if body else []:
        lines = block.split("\n")
        if lines[0].startswith("    "):
            return None  # indented code
        for i, line in enumerate(lines):
            if _BLOCK_START.match(line) or (line.endswith("  ") and i < len(lines) - 1):
                return None  # a list, a heading's underline, or a hard line break
            lines[i] = line.strip(" ")
        out.append(lines)
    return out


def plain(text: str | None, limit: int = 0) -> str:
    """The text without Markdown punctuation, for descriptions and the feed summary."""
    if not text:
        return ""
    paragraphs = _paragraph_lines(text)
    if paragraphs is not None:  # a paragraph's text runs on across its line breaks
        words = ["".join(lines) for lines in paragraphs]
    else:
        words = []
        for token in _md.parse(text):
            if token.type == "inline" and token.children:
                words.append("".join(c.content for c in token.children if c.type in ("text", "code_inline")))
    out = " ".join(w for w in words if w)
    return out[: limit - 1] + "…" if limit and len(out) > limit else out
