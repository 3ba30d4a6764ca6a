"""One file in, a recognised report out (or one clear message): the work a worker process does.

Nothing is written here. Every failure becomes a message for the editor; a bug in a reader or
in recognition is reported as such and never stops the batch.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content import ORIGINALS_DIR
from ..extract import extract
from ..extract.tables import Explained
from ..ingest import DEFAULT_LIMITS, Limits, ReadError, read_document
from ..model.report import Report
from .register import valid_id


@dataclass
class Parsed:
    path: Path
    report: Report | None = None
    notes: list[Any] = field(default_factory=list)
    error: str = ""
    cells: int = 0
    read: int = 0
    unread: list[str] = field(default_factory=list)
    explain: list[Explained] = field(default_factory=list)
    template_reason: str = ""
    located: str = ""
    sha256: str = ""
    ocr: str = ""  # the file was a scan: how its text was read (for the summary)


def path_hints(path: Path) -> tuple[str | None, int | None]:
    """originals/<agency>/<year>.<ext>: the layout of a content folder tells agency and year."""
    agency = path.parent.name if valid_id(path.parent.name) and path.parent.parent.name == ORIGINALS_DIR else None
    year = int(path.stem) if re.fullmatch(r"(19|20)\d\d", path.stem) else None
    return agency, year


def parse_file(path: Path, agency: str | None, year: int | None, limits: Limits = DEFAULT_LIMITS) -> Parsed:
    out = Parsed(path)
    try:
        if not path.exists():
            raise ReadError("文件不存在")
        if not path.is_file():
            raise ReadError("不是普通文件，未读取")
        document = read_document(path, limits)
        out.sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        hint_agency, hint_year = path_hints(path)
        ex = extract(document, agency or hint_agency or "unknown", year, year_hint=hint_year)
    except ReadError as e:
        out.error = e.message
        return out
    except RecursionError:
        out.error = "文件结构嵌套过深，无法读取"
        return out
    except MemoryError:
        out.error = "文件太大，读取时内存不足"
        return out
    except Exception as e:  # a bug must not stop the batch; say what it was
        out.error = f"导入时出现内部错误（{type(e).__name__}: {e}），请把此文件报告给开发者"
        return out
    out.report = ex.report
    out.notes = ex.notes
    out.cells, out.read, out.unread = ex.cells, ex.read, ex.unread
    out.explain = ex.explain
    out.template_reason = ex.template_reason
    out.located = ex.located
    if document.ocr:
        out.ocr = "；".join(document.notes) or "扫描件，文字由文字识别（OCR）读取"
    return out
