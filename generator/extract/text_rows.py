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
from functools import lru_cache

from ..ingest.document import Cell, Table
from ..model import spec
from .labels import core

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
    if label and not re.search(r"[\u3400-\u9fff]", label) and not re.fullmatch(r"\d{1,2}\s*[.、．]", label):
        return None  # words that are not Chinese are not a label of these tables (but "1." is)
    return label, values


def rebuild(items: list[str | Table]) -> list[str | Table]:
    """The items of a part (paragraphs and tables, in order), with runs of row lines made tables."""
    out: list[str | Table] = []
    i = 0
    while i < len(items):
        pieces = _fragments_between_tables(items, i, out)
        if pieces:
            _attach([str(p) for p in items[i : i + pieces]], out[-1], items[i + pieces])  # type: ignore[arg-type]
            i += pieces
            continue
        run_end = _run(items, i)
        if run_end == i:
            if not (isinstance(items[i], Table) and not items[i].rows):  # type: ignore[union-attr]
                out.append(items[i])  # (a piece whose one row went to the row before is gone)
            i += 1
            continue
        rows: list[list[Cell]] = []
        for item in items[i:run_end]:
            label, values = split_line(str(item))  # type: ignore[misc]
            if not label and rows and not any(c.text for c in rows[-1][1:]):
                rows[-1].extend(Cell(v) for v in values)  # numbers one per line after their label
            elif not label and rows and len(rows[-1]) > 1 and _numbers_only(rows[-1]):
                rows[-1].extend(Cell(v) for v in values)  # one number per line: one row
            elif not values and rows and len(rows[-1]) == 1 and _continues(rows[-1][0].text, label):
                rows[-1][0].text += label  # a numbered label wrapped over lines, one cell a line
            else:
                rows.append([Cell(label)] + [Cell(v) for v in values])
        out.append(Table(rows))  # rows as long as printed: a blank never added
        i = run_end
    return out


FRAGMENT_MAX = 20  # a piece of a wrapped label: a cell's line in a narrow column
FRAGMENTS_MAX = 16  # a label wraps over at most this many more lines (two characters a line in a narrow column)


def _fragments_between_tables(items: list[str | Table], i: int, out: list[str | Table]) -> int:
    """How many short pieces of a label stand at ``i`` between two pieces of a table (a cell's
    text broken at its <br> by a crawler: "2.其他法律行政法规" / "禁止公开 | 0 | 0 …"), or 0."""
    if not out or not isinstance(out[-1], Table) or not out[-1].rows:
        return 0
    n = 0
    while i + n < len(items) and n < FRAGMENTS_MAX and not isinstance(items[i + n], Table):
        parsed = split_line(str(items[i + n]))
        if parsed is None or parsed[1] or not 0 < len(re.sub(r"\s+", "", parsed[0])) <= FRAGMENT_MAX:
            return 0
        n += 1
    after = items[i + n] if i + n < len(items) else None
    return n if n and isinstance(after, Table) and after.rows else 0


def _label_cells(row: list[Cell]) -> list[Cell]:
    return [c for c in row if c.text.strip() and not _VALUE.match(c.text.strip())]


def _has_values(row: list[Cell]) -> bool:
    return any(c.text.strip() and _VALUE.match(c.text.strip()) for c in row)


def _attach(fragments: list[str], before: Table, after: Table) -> None:
    """Give the pieces of a wrapped label to the row they belong to.

    Pieces that start with a numbering are the head of the next row's label ("2.其他法律行政法规"
    / "禁止公开 | 0 …"), unless that row has a numbering of its own. Other pieces are the tail
    of the row before ("…已获取" / "信息"); and when that row printed no numbers and the next
    row's label has no numbering, the next row is the end of the same label and its numbers are
    the row's ("1.申请人无正当理由" / "逾期不补正、…" / "开申请 | 0 …")."""
    text = "".join(f.strip() for f in fragments)
    last, first = before.rows[-1], after.rows[0]
    nxt = next(iter(_label_cells(first)), None)
    numbered_next = nxt is not None and _NUMBERED.match(nxt.text.strip()) is not None
    if _NUMBERED.match(text) and not numbered_next:
        if nxt is not None:
            nxt.text = text + nxt.text
        else:
            after.rows[0] = [Cell(text)] + first
        return
    labels = _label_cells(last)
    if not labels:  # the row before printed only numbers: the pieces are a row of their own
        before.rows.append([Cell(text)])
        return
    labels[-1].text += text
    if not _has_values(last) and not numbered_next and _has_values(first) and not (nxt and whole_label(nxt.text)):
        if nxt is not None:
            labels[-1].text += nxt.text
        last.extend(c for c in first if c is not nxt)
        del after.rows[0]


@lru_cache(maxsize=1)
def _whole_labels() -> frozenset[str]:
    """Every label the templates print (rows, groups, column headers), as its core words."""
    words = {core(r.label) for t in spec.TEMPLATES.values() for table in t.tables for r in table.rows}
    words |= {core(c.label) for t in spec.TEMPLATES.values() for table in t.tables for r in table.rows for c in r.columns}
    words |= {core(g) for g in (spec.RESULTS, spec.WITHHELD, spec.UNAVAILABLE, spec.NOT_PROCESSED, spec.OTHER, spec.APPLICANT_GROUP)}
    return frozenset(w for w in words if w)


def whole_label(text: str) -> bool:
    """Whether a piece of text is a whole label of the template (行政事业性收费), not a piece."""
    return core(text) in _whole_labels()


def _continues(pending: str, line: str) -> bool:
    """Whether a label-only line goes on the numbered label-only row before it ("1." / "属于国家
    秘密"; "2.其他法律行政" / "法规禁止公开"), and not a whole label of its own after a whole one."""
    if not _NUMBERED.match(pending.strip()) or _NUMBERED.match(line.strip()):
        return False
    if re.fullmatch(r"\d{1,2}\s*[.、．]", pending.strip()):
        return True
    return not whole_label(line) and not whole_label(pending)


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
