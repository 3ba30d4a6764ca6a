"""The neutral document every reader produces and the extractor consumes.

A document is a sequence of blocks in reading order: text lines (with the page they stand on
and their position, or the elements of a web page they stand in) and tables (grids of cells, merged cells expanded so every row has a cell
at every column; a cell that only repeats a merged neighbour is marked ``copy``). The
extractor knows nothing about file formats; readers know nothing about the report template.
A reader gives everything the file holds, a web page's header, navigation and footer too:
finding the report inside it is recognition's work (:mod:`generator.extract.locate`).
"""

from __future__ import annotations

from dataclasses import dataclass, field


class ReadError(Exception):
    """A file that cannot be read as a report; the message is for editors (Chinese)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Cell:
    text: str
    copy: bool = False  # True where a merged cell spans over this position


@dataclass
class Line:
    text: str
    page: int = 1
    x0: float = 0.0
    top: float = 0.0
    new_paragraph: bool = True  # False: continues the paragraph of the line before it
    x1: float = 0.0  # right end (PDF), to tell a short last line of a paragraph
    size: float = 12.0  # font size (PDF)
    in_margin: bool = False  # in the page's header or footer band (PDF)
    path: tuple[int, ...] = ()  # the elements the line stands in, outermost first (HTML)
    link: bool = False  # all of the line is the text of links (navigation, previous/next)
    aside: bool = False  # in a column beside the text (a printed page's sidebar)


@dataclass
class Table:
    rows: list[list[Cell]]
    page: int = 1
    pages: tuple[int, ...] = ()  # every page a joined table stands on
    path: tuple[int, ...] = ()  # the elements the table stands in, outermost first (HTML)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def texts(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]


Block = Line | Table


@dataclass
class Document:
    path: str
    format: str  # pdf, docx, html, txt, md
    blocks: list[Block] = field(default_factory=list)
    pages: int = 1
    ocr: bool = False  # the text came from OCR: every number is uncertain
    notes: list[str] = field(default_factory=list)  # what the reader noticed (for --explain)
    problems: list[str] = field(default_factory=list)  # what could not be read (each becomes a finding)
    # What the file says about the report outside its text: a web page's <meta> tags
    # (ArticleTitle, PubDate, ContentSource), a crawler's "Title:"/"URL Source:" header.
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def lines(self) -> list[Line]:
        return [b for b in self.blocks if isinstance(b, Line)]

    def text(self) -> str:
        out = []
        for b in self.blocks:
            if isinstance(b, Line):
                out.append(b.text)
            else:
                out.extend("\t".join(c.text for c in row) for row in b.rows)
        return "\n".join(out)


def grid(rows: list[list[str]], page: int = 1) -> Table:
    """A table from rows of plain strings (no merged cells)."""
    return Table([[Cell(t) for t in row] for row in rows], page, (page,))
