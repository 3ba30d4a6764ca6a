"""Splitting a document into its title, preamble and six parts, and lines into paragraphs.

Part headings are found by meaning, in order: a short paragraph whose numbering is the
part's (一、 … 六、) and whose words match the template's heading (so 一、机构建设方面 inside
part 1 is not taken for a heading). A heading broken over two lines is joined. Paragraphs
broken by a page or line wrap (no closing punctuation, not a sub-heading) are joined again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..ingest.document import Block, Line, Table
from ..model import spec
from .labels import core, normalize, number_of, numbering, similarity
from .settings import Settings
from .tables import part_of_table
from .text_rows import rebuild

END_PUNCT = tuple("。！？；：…”」』）)!?;:.")
_SUBHEADING = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．](?!\d)|[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，、,部分])"
)
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")


@dataclass
class Part:
    number: int
    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    pages: set[int] = field(default_factory=set)
    items: list[str | Table] = field(default_factory=list)  # paragraphs and tables in printed order


@dataclass
class Sections:
    head: list[str]  # paragraphs before part 1: the title and the preamble
    parts: dict[int, Part]
    notes: list[str] = field(default_factory=list)
    head_tables: list[Table] = field(default_factory=list)  # tables before part 1

    def tables_by_part(self) -> dict[int, list[Table]]:
        """The table pieces of parts 2, 3 and 4: where they stand, unless their words say they
        belong to another part (its heading missing, or lost); pieces before part 1 by their words."""
        out: dict[int, list[Table]] = {2: [], 3: [], 4: []}
        placed = [(None, t) for t in self.head_tables] + [(p.number, t) for p in self.parts.values() for t in p.tables]
        for where, table in placed:
            by_words = part_of_table(table)
            number = by_words if by_words is not None else where
            if number in out and (by_words is not None or where in out):
                out[number].append(table)
        return out


def _join(a: str, b: str) -> str:
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    return a + b


def paragraphs_of(lines: list[Line]) -> list[str]:
    out: list[str] = []
    for line in lines:
        text = _AUTOLINK.sub(r"\1", line.text.strip())
        if not text:
            continue
        if line.new_paragraph or not out:
            out.append(text)
        else:
            out[-1] = _join(out[-1], text)
    return out


def is_subheading(text: str, settings: Settings) -> bool:
    return len(text) <= settings.subheading_max and _SUBHEADING.match(text) is not None


def join_broken(paragraphs: list[str], settings: Settings) -> list[str]:
    """Join paragraphs cut by a page break: no closing punctuation and not a sub-heading."""
    out: list[str] = []
    for p in paragraphs:
        if (
            out
            and not out[-1].endswith(END_PUNCT)
            and not is_subheading(out[-1], settings)
            and not _SUBHEADING.match(p)
            and len(out[-1]) > settings.subheading_max
        ):
            out[-1] = _join(out[-1], p)
        else:
            out.append(p)
    return out


def heading_score(text: str, part: int, settings: Settings) -> float:
    n = normalize(text)
    if len(n) > settings.heading_max:
        return 0.0
    prefix, rest = numbering(n)
    if not prefix or number_of(prefix) != part or prefix.startswith("("):
        return 0.0
    return similarity(core(rest), core(spec.PART_TITLES[part].split("、", 1)[1]))


def _run_in_heading(text: str, expected: int, settings: Settings) -> str:
    """The part heading a long paragraph starts with ("一、总体情况。本年度……"), or ""."""
    m = re.match(r"^(.{4,30}?)(?:[。：:．]|\s)", text.strip())
    if not m or len(text) <= settings.heading_max:
        return ""
    head = m.group(1)
    return head if any(heading_score(head, part, settings) >= 0.8 for part in range(expected, 7)) else ""


def split(blocks: list[Block], settings: Settings) -> Sections:
    """The head (title and preamble paragraphs) and the six parts of a located report."""
    # Items in order: paragraphs (as strings) and tables; lines of one run become paragraphs.
    items: list[tuple[str | Table, int]] = []
    run: list[Line] = []

    def flush() -> None:
        if run:
            page = run[0].page
            items.extend((p, page) for p in paragraphs_of(run))
            run.clear()

    for block in blocks:
        if isinstance(block, Line):
            run.append(block)
        else:
            flush()
            items.append((block, block.page))
    flush()

    head: list[str] = []
    head_tables: list[Table] = []
    parts: dict[int, Part] = {}
    current: Part | None = None
    expected = 1
    i = 0
    while i < len(items):
        item, page = items[i]
        if isinstance(item, str):
            found = 0
            for part in range(expected, 7):
                score = heading_score(item, part, settings)
                if score >= 0.6:
                    found = part
                    break
            if not found:
                run_in = _run_in_heading(item, expected, settings)
                if run_in:  # "一、总体情况。本年度……": the heading, then its first paragraph
                    items[i : i + 1] = [(run_in, page), (item[len(run_in):].lstrip("。：:． "), page)]
                    continue
            if found:
                heading = item
                # A heading broken over two lines: take the next short line if it fits better.
                if i + 1 < len(items) and isinstance(items[i + 1][0], str):
                    nxt = str(items[i + 1][0])
                    if (
                        len(nxt) < 20
                        and not nxt.endswith(END_PUNCT)
                        and heading_score(heading + nxt, found, settings) > heading_score(heading, found, settings)
                    ):
                        heading += nxt
                        i += 1
                current = Part(found, heading)
                parts[found] = current
                expected = found + 1
                i += 1
                continue
        if current is None:
            if isinstance(item, str):
                head.append(item)
            else:
                head_tables.append(item)
        else:
            current.items.append(item)
            current.pages.update(item.pages or (item.page,) if isinstance(item, Table) else (page,))
        i += 1
    for part in parts.values():
        if part.number in (2, 3, 4):
            part.items = rebuild(part.items)
        part.tables = [t for t in part.items if isinstance(t, Table)]
        part.paragraphs = join_broken([p for p in part.items if isinstance(p, str)], settings)
    return Sections(head, parts, head_tables=head_tables)
