"""Table rows printed as text lines: what a crawler or a copy-paste makes of a report's tables.

A portal page's text rendition (a crawler's Markdown or plain text, a "reader view", a page
saved as text) often loses the table but keeps its rows as lines: a row's label and numbers
on one line separated by spaces (``一、本年新收政府信息公开申请数量 705 3 0 0 5 0 713``),
or one cell per line (the label, then a number per line). Inside parts 2 to 4, a run of such
lines becomes a table again, each line (or label with the numbers after it) one row, so the
part's table reader recognises the rows by their labels and places the numbers by count —
never by guessing: a row whose count does not fit stays null with a finding (see
:func:`.tables.place`). Prose stays prose: a line with a sentence's punctuation, or a long
line, ends a run.
"""

from __future__ import annotations

import re
import unicodedata

from ..ingest.document import Cell, Table

_VALUE = re.compile(r"^(?:[+\-]?\d[\d,]*(?:\.\d+)?(?:万元|元|件|项|个|条)?|[/\\—–\-－]+|不适用)$")
_GLUED = re.compile(r"^(.*?[^\d\s.,+\-])([+\-]?\d[\d,]*(?:\.\d+)?)$")  # 数量705: a label with its number glued on
_NUMBERED = re.compile(r"^(?:[（(][一二三四五六七八九十]|[一二三四五六七八九十]+、|\d{1,2}\s*[.、．])")
LABEL_MAX = 48  # the longest template label is about 40 characters
LOOKAHEAD = 12  # label lines (a header, a wrapped label) before the first line with numbers


def _tokens(text: str) -> list[str]:
    t = re.sub(r"[|｜│┃║]", " ", unicodedata.normalize("NFKC", text))
    return t.split()


def split_line(text: str) -> tuple[str, list[str]] | None:
    """A line's label and its trailing values, or None for a line that is not a table row."""
    tokens = _tokens(text)
    if not tokens:
        return None
    values: list[str] = []
    while tokens and _VALUE.match(tokens[-1]):
        values.insert(0, tokens.pop())
    if tokens and not values:
        m = _GLUED.match(tokens[-1])
        if m and re.search(r"[\u3400-\u9fff）)]$", m.group(1)):
            tokens[-1] = m.group(1)
            values = [m.group(2)]
    label = " ".join(tokens)
    squeezed = re.sub(r"\s+", "", label)
    if len(squeezed) > LABEL_MAX or "。" in squeezed or squeezed.count("，") > 2 or squeezed.endswith(("：", ":")):
        return None
    if label and not re.search(r"[\u3400-\u9fff]", label):
        return None  # words that are not Chinese are not a label of these tables
    return label, values


def rebuild(items: list[str | Table]) -> list[str | Table]:
    """The items of a part (paragraphs and tables, in order), with runs of row lines made tables."""
    out: list[str | Table] = []
    i = 0
    while i < len(items):
        if _fragment_between_tables(items, i, out):
            _attach(str(items[i]), out[-1], items[i + 1])  # type: ignore[arg-type]
            i += 1
            continue
        run_end = _run(items, i)
        if run_end == i:
            out.append(items[i])
            i += 1
            continue
        rows: list[list[Cell]] = []
        for item in items[i:run_end]:
            label, values = split_line(str(item))  # type: ignore[misc]
            if not label and rows and not any(c.text for c in rows[-1][1:]):
                rows[-1].extend(Cell(v) for v in values)  # numbers one per line after their label
            elif not label and rows and len(rows[-1]) > 1 and _numbers_only(rows[-1]):
                rows[-1].extend(Cell(v) for v in values)  # one number per line: one row
            else:
                rows.append([Cell(label)] + [Cell(v) for v in values])
        out.append(Table(rows))  # rows as long as printed: a blank never added
        i = run_end
    return out


def _fragment_between_tables(items: list[str | Table], i: int, out: list[str | Table]) -> bool:
    """A short piece of a label between two pieces of a table: a cell's text broken at a <br>
    by a crawler ("2.重复" / "申请 | 17 | 2 …"), which belongs to the next row's label."""
    item = items[i]
    if isinstance(item, Table) or not out or not isinstance(out[-1], Table):
        return False
    if i + 1 >= len(items) or not isinstance(items[i + 1], Table):
        return False
    parsed = split_line(item)
    return parsed is not None and not parsed[1] and 0 < len(re.sub(r"\s+", "", parsed[0])) <= 20


def _attach(fragment: str, before: Table, after: Table) -> None:
    """Give a label piece to the row it belongs to: the head of the next row's label (a crawler
    breaks a cell at its <br>: "2.重复" / "申请 | 17 …"), or the tail of the row before when
    the next row's label starts with its own numbering (a wrapped "…已获取" / "信息")."""
    nxt = next((c for c in after.rows[0] if c.text.strip()), None) if after.rows else None
    if nxt is None or _VALUE.match(nxt.text.strip()):
        return
    if _NUMBERED.match(nxt.text.strip()) and not _NUMBERED.match(fragment.strip()):
        labels = [c for c in before.rows[-1] if c.text.strip() and not _VALUE.match(c.text.strip())] if before.rows else []
        if labels:
            labels[-1].text += fragment.strip()
        return
    nxt.text = fragment.strip() + nxt.text


def _numbers_only(row: list[Cell]) -> bool:
    return all(not c.text or _VALUE.match(c.text) for c in row[1:])


def _run(items: list[str | Table], start: int) -> int:
    """The end of a run of row lines starting at ``start`` (``start`` itself if none starts)."""
    end = start
    seen_values = False
    pending = 0  # label-only lines not yet followed by numbers
    i = start
    while i < len(items):
        item = items[i]
        if isinstance(item, Table):
            break
        parsed = split_line(item)
        if parsed is None:
            break
        label, values = parsed
        if values:
            seen_values = True
            pending = 0
            end = i + 1
        else:
            pending += 1
            if pending > LOOKAHEAD:
                break
        i += 1
    return end if seen_values else start
