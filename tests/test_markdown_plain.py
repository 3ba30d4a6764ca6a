"""Plain paragraphs are written without the Markdown parser, byte-identical to what it makes."""

from __future__ import annotations

import random

import pytest

from generator.content import load_content
from generator.render.markdown import _md, _plain_paragraphs, plain, render

from .conftest import DEMO

TEXT_FIELDS = ("preamble", "overview", "proactive_text", "requests_text", "review_litigation_text", "problems", "other")


def test_the_demo_reports_text_takes_the_short_way_and_reads_the_same():
    texts = [getattr(r, f) for r in load_content(DEMO).reports for f in TEXT_FIELDS]
    texts = [t for t in texts if t]
    assert len(texts) >= 15
    for text in texts:
        assert _plain_paragraphs(text) == _md.render(text)
        assert plain(text) == _plain_by_parsing(text)


@pytest.mark.parametrize(
    "text",
    [
        "一、概述\n\n本年度共收到申请 12 件。",  # plain
        '  前有空格的段落\n第二行   \n\n\n  "引号"与\'单引号\'  \n',
        "2020.1 起施行\n100%完成",  # a number with a dot but no list
    ],
)
def test_plain_text_is_written_as_markdown_it_py_writes_it(text: str):
    assert _plain_paragraphs(text) is not None
    assert render(text) == _md.render(text)


@pytest.mark.parametrize(
    "text",
    [
        "1. 第一项\n2. 第二项",  # ordered list
        "说明：\n- 一项",  # bullet list
        "标题\n===",  # setext heading
        "    缩进的代码",  # indented code
        "第一行  \n第二行",  # hard line break
        "　　首行缩进的段落",  # ideographic space
        "a & b",  # an entity could follow
        "**粗体**",
        "<b>标签</b>",
        "# 标题",
    ],
)
def test_text_with_markdown_goes_to_the_parser(text: str):
    assert _plain_paragraphs(text) is None
    assert render(text) == _md.render(text)


_RISKY = ["政府", "公开", "。", "，", " ", "  ", "    ", "\n", "\n\n", "\n  \n", "1.", "1)", "12. ", "-", "+", "=",
          "---", '"', "'", "(", ")", "（一）", "a", "9", "2020.", "http://x.cn", "%", "/", ":", "\u3000", "\t", "&",
          "<", ">", "*", "_", "#", "`", "~", "|", "[", "]", "!", "\\", "\r", "\u00a0", ".", "{", "}", "@"]
_SAFE = [p for p in _RISKY if p not in {"\u3000", "\t", "&", "<", ">", "*", "_", "#", "`", "~", "|", "[", "]", "!",
                                         "\\", "\r", "\u00a0"}]


@pytest.mark.parametrize("pieces", [_RISKY, _SAFE], ids=["risky", "safe"])
def test_random_text_taken_the_short_way_reads_as_the_parser_makes_it(pieces: list[str]):
    rng = random.Random(20261123)
    taken = 0
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 25)))
        html = _plain_paragraphs(text)
        if html is not None:
            taken += 1
            assert html == _md.render(text), repr(text)
            assert plain(text) == _plain_by_parsing(text), repr(text)
    assert taken > 1_000  # the comparison really ran


def _plain_by_parsing(text: str) -> str:
    """plain() as it is for text that is not only paragraphs: from markdown-it-py's tokens."""
    words = []
    for token in _md.parse(text):
        if token.type == "inline" and token.children:
            words.append("".join(c.content for c in token.children if c.type in ("text", "code_inline")))
    return " ".join(w for w in words if w)
