"""Which reader reads which file: a table from file-name suffix to reader, and the one
entry point :func:`read_document` that turns every failure into a :class:`ReadError` with
one clear Chinese message (never a traceback)."""

from __future__ import annotations

import importlib
import zipfile
from collections.abc import Callable
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


def read_document(path: Path) -> Document:
    """Read one file; every problem is a ReadError with a message for editors."""
    reader = reader_for(path)
    try:
        if path.stat().st_size == 0:
            raise ReadError("文件是空的（0 字节），没有可导入的内容")
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
