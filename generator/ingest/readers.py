"""Which reader reads which file: a table from file-name suffix to reader, and the one
entry point :func:`read_document` that turns every failure into a :class:`ReadError` with
one clear Chinese message (never a traceback)."""

from __future__ import annotations

import importlib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .document import Document, ReadError

# suffix → (module, function, format name as shown to editors)
READERS: dict[str, tuple[str, str, str]] = {
    ".pdf": ("read_pdf", "read_pdf", "PDF"),
    ".docx": ("read_docx", "read_docx", "Word (DOCX)"),
    ".html": ("read_html", "read_html", "网页 (HTML)"),
    ".htm": ("read_html", "read_html", "网页 (HTML)"),
    ".shtml": ("read_html", "read_html", "网页 (HTML)"),
    ".txt": ("read_text", "read_text", "纯文本"),
    ".md": ("read_text", "read_text", "Markdown"),
    ".markdown": ("read_text", "read_text", "Markdown"),
}
# Known formats we cannot read, with what to do instead.
UNSUPPORTED = {
    ".doc": "旧版 Word（.doc）格式无法直接导入，请用 Word 或 WPS 另存为 .docx 或 PDF 后再导入",
    ".wps": "WPS 文字（.wps）格式无法直接导入，请另存为 .docx 或 PDF 后再导入",
    ".xls": "电子表格不是年度报告的原件格式，无法导入",
    ".xlsx": "电子表格不是年度报告的原件格式，无法导入",
    ".jpg": "图片无法直接导入，请使用 PDF 原件（扫描件可先转为 PDF）",
    ".png": "图片无法直接导入，请使用 PDF 原件（扫描件可先转为 PDF）",
}
SUFFIXES = tuple(READERS)


def reader_for(path: Path) -> Callable[[Path], Document]:
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED:
        raise ReadError(UNSUPPORTED[suffix])
    if suffix not in READERS:
        known = "、".join(sorted({s.lstrip(".") for s in READERS}))
        raise ReadError(f"不支持的文件格式“{path.suffix or '（无扩展名）'}”，可导入的格式：{known}")
    module, function, _ = READERS[suffix]
    return getattr(importlib.import_module(f"{__package__}.{module}"), function)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Limits:
    """What one file may cost before it is refused (``xxgk import --max-size/--max-pages``).

    A report is a few pages and at most a few MB (a scan of 20 pages at 300 dpi is ~30 MB);
    the defaults leave ample room and stop a mistaken or hostile file before it exhausts the
    machine: a DOCX is a zip, and one of a few KB can unpack to gigabytes."""

    max_bytes: int = 100 * 1024 * 1024
    max_pages: int = 300
    max_unpacked: int = 300 * 1024 * 1024  # all parts of a DOCX, unpacked


DEFAULT_LIMITS = Limits()


def check_limits(path: Path, limits: Limits) -> None:
    """Refuse a file over the limits, with one clear message, before any reader opens it."""
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise ReadError(
            f"文件有 {size / 1048576:.1f} MB，超过单个文件 {limits.max_bytes / 1048576:.0f} MB 的上限，未读取"
            "（年度报告原件通常只有几 MB；确属原件可用 --max-size 放宽）"
        )
    suffix = path.suffix.lower()
    if suffix == ".docx" and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            unpacked = sum(i.file_size for i in z.infolist())
        if unpacked > limits.max_unpacked:
            raise ReadError(
                f"Word 文件解压后有 {unpacked / 1048576:.0f} MB，超过 {limits.max_unpacked / 1048576:.0f} MB 的上限"
                "（可能是压缩炸弹或嵌入了大量图片），未读取"
            )
    if suffix == ".pdf":
        pages = pdf_pages(path)
        if pages is not None and pages > limits.max_pages:
            raise ReadError(
                f"PDF 有 {pages} 页，超过 {limits.max_pages} 页的上限，未读取"
                "（年度报告通常不超过 30 页；确属原件可用 --max-pages 放宽）"
            )


def pdf_pages(path: Path) -> int | None:
    """The page count a PDF declares in its page tree (None when it cannot be read: the reader
    then says what is wrong)."""
    try:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfparser import PDFParser
        from pdfminer.pdftypes import resolve1

        with path.open("rb") as f:
            document = PDFDocument(PDFParser(f))
            count = resolve1(document.catalog["Pages"]).get("Count")
            return int(resolve1(count)) if count is not None else None
    except Exception:
        return None


def read_document(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read one file; every problem is a ReadError with a message for editors."""
    reader = reader_for(path)
    try:
        if path.stat().st_size == 0:
            raise ReadError("文件是空的（0 字节），没有可导入的内容")
        check_limits(path, limits)
        return reader(path)
    except ReadError:
        raise
    except (zipfile.BadZipFile, KeyError) as e:
        raise ReadError(f"文件已损坏，无法按 {READERS[path.suffix.lower()][2]} 格式读取（{type(e).__name__}）") from e
    except OSError as e:
        raise ReadError(f"无法读取文件：{e.strerror or e}") from e
    except Exception as e:  # a library's own error on a damaged file
        raise ReadError(
            f"文件已损坏或不是有效的 {READERS[path.suffix.lower()][2]} 文件，无法读取（{type(e).__name__}: {e}）"
        ) from e
