"""Helpers of the publishing tests (issue 14, items 2 and 7): a portal holding a real original
whose own table does not add up, and the Latin words a reader would meet on a page.

``with_hongze`` adds 洪泽区人民政府's 2023 report (tests/data/real: the PDF as published and its
hand-checked YAML). Part 4 prints 总计 0 beside 10 + 1 (行政复议) and 5 (复议后起诉): R4 twice,
the original's own arithmetic.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

REAL = Path(__file__).resolve().parent / "data" / "real"

HONGZE_AGENCY = """- id: hongze
  name: 洪泽区人民政府
  short_name: 洪泽区
  kind: county_government
  region: 江苏省淮安市洪泽区
  order: 60
"""


def with_hongze(content: Path) -> Path:
    """``content`` with hongze-2023 added, as imported (its YAML and its PDF)."""
    (content / "reports/hongze").mkdir(parents=True)
    (content / "originals/hongze").mkdir(parents=True)
    shutil.copy(REAL / "hongze-2023.yaml", content / "reports/hongze/2023.yaml")
    shutil.copy(REAL / "hongze-2023.pdf", content / "originals/hongze/2023.pdf")
    with (content / "agencies.yaml").open("a", encoding="utf-8") as f:
        f.write(HONGZE_AGENCY)
    return content


def break_shiwo(content: Path) -> int:
    """An editor's error in 石窝镇's 2021 report (a number typed as a word); its line."""
    file = content / "reports/shiwo/2021.yaml"
    text = file.read_text(encoding="utf-8")
    old = "  received_new: [0, 0, 0, 0, 0, 0, 0]"
    assert text.count(old) == 1
    file.write_text(text.replace(old, '  received_new: ["五", 0, 0, 0, 0, 0, 0]'), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


# --- Latin words on pages ---------------------------------------------------------------------

# Names a Chinese reader meets in Chinese sites too: file formats and units, the programs that
# open them, and the ICP licence (ICP备案号 is the legal term, printed in every government
# site's footer).
ALLOWED = frozenset({"PDF", "CSV", "XLSX", "JSON", "YAML", "ZIP", "KB", "MB", "ICP", "SHA-256", "Excel", "WPS"})
# A download's file name as saved (洪泽区人民政府-2023-政府信息公开工作年度报告.pdf): its extension.
_SAVED_AS = re.compile(r"[^\s/（）：:]+\.(?:pdf|docx?|csv|json|xlsx|yaml|txt|html?|zip)\b")
_URL = re.compile(r"https?://\S*|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_FILE = re.compile(r"\b(?:(?:reports|originals)/[a-z0-9-]+/\d{4}\.[a-z]+|agencies\.yaml|site\.yaml)\b")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:[.\-:/][A-Za-z0-9_]+)*")


class _Visible(HTMLParser):
    """The text a reader can meet: text outside script/style, and alt/title/aria-label/placeholder."""

    def __init__(self) -> None:
        super().__init__()
        self.hidden = 0
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self.hidden += 1
        for key, value in attrs:
            if key in ("alt", "title", "aria-label", "placeholder") and value:
                self.out.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.out.append(data)


def visible_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return "\n".join(parser.out)


# Keys whose values are codes, not text a reader is shown as written.
_CODE_KEYS = frozenset({"id", "agency", "template", "kind", "schema", "file", "sha256", "derived", "uncertain"})


def content_words(content: Path) -> set[str]:
    """Latin words the content's text holds (a report's text as printed, an address): the site
    shows them as the agency wrote them. Keys and code values (ids, templates) are not text."""
    import yaml

    words: set[str] = set()

    def walk(value: object, key: object = None) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key not in _CODE_KEYS:
            words.update(_WORD.findall(_URL.sub(" ", value)))

    for file in content.rglob("*.yaml"):
        walk(yaml.safe_load(file.read_text(encoding="utf-8")))
    return words


def latin_words(text: str, allowed: set[str] | frozenset[str] = frozenset(), files: bool = False) -> list[str]:
    """The Latin words of ``text`` a reader would meet, but web and mail addresses, the
    :data:`ALLOWED` names and ``allowed``; with ``files``, names of the content's files too."""
    text = _URL.sub(" ", text)
    if files:
        text = _FILE.sub(" ", text)
    text = _SAVED_AS.sub(" ", text)
    return sorted({w for w in _WORD.findall(text) if w not in ALLOWED and w not in allowed})
