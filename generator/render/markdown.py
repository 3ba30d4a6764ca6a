"""Report text (Markdown) to HTML with markdown-it-py; raw HTML in a report is shown as text.

markdown-it-py is the CommonMark parser the design chose. Its default preset passes raw HTML
through, so ``html`` is switched off: ``<script>`` in a report becomes ``&lt;script&gt;``.
Links keep markdown-it-py's own URL validation (no ``javascript:``). Headings inside report
text are shifted down so they sit under the page's part headings (h2): ``#`` becomes h3.
"""

from __future__ import annotations

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
    return Markup(_md.render(text))


def plain(text: str | None, limit: int = 0) -> str:
    """The text without Markdown punctuation, for descriptions and the feed summary."""
    if not text:
        return ""
    tokens = _md.parse(text)
    words = []
    for token in tokens:
        if token.type == "inline" and token.children:
            words.append("".join(c.content for c in token.children if c.type in ("text", "code_inline")))
    out = " ".join(w for w in words if w)
    return out[: limit - 1] + "…" if limit and len(out) > limit else out
