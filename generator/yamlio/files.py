"""Files in and out: reading a UTF-8 text file within a size limit, writing one atomically.

Reading refuses, with one finding, a file that cannot be read, is over the size limit (before
reading it), or is not UTF-8 (a GBK file is named as such, at the first byte that is not
UTF-8). Writing goes through a temporary file that then replaces the target, so readers see
the old or the new text, never a part; the file keeps its permissions (:func:`write_atomic`).
"""

from __future__ import annotations

import os
import secrets
import shutil
import stat
from pathlib import Path

from ..findings import ERROR, YAML_SYNTAX, Finding, Location

MAX_BYTES = 1024 * 1024  # a report is about 10 KB; anything near this is not a report
REPORT_TOO_BIG = "一份报告通常只有十几 KB，这不像是一份报告"


def too_big(path: str, size: int, limit: int, why: str = "") -> Finding:
    """The finding for a file refused unread because of its size."""
    return Finding(
        ERROR,
        YAML_SYNTAX,
        f"文件过大（{_size_text(size)}，上限为 {_size_text(limit)}），未读取{'；' + why if why else ''}",
        Location(path),
    )


def _size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"


def read_text(
    file: Path, path: str, max_bytes: int = MAX_BYTES, too_big_why: str = REPORT_TOO_BIG
) -> tuple[str | None, list[Finding]]:
    """A UTF-8 text file's text (a byte-order mark dropped), or None and the finding why not.
    ``path`` is how the file is named in findings."""
    try:
        size = file.stat().st_size
        if size > max_bytes:
            return None, [too_big(path, size, max_bytes, too_big_why)]
        raw = file.read_bytes()
    except OSError as e:
        return None, [Finding(ERROR, YAML_SYNTAX, f"无法读取文件：{e.strerror}", Location(path))]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        column = len(raw[raw.rfind(b"\n", 0, e.start) + 1 : e.start].decode("utf-8")) + 1  # valid up to there
        try:
            raw.decode("gb18030")
            which = "文件看来是 GBK（GB18030）编码，不是 UTF-8"
        except UnicodeDecodeError:
            which = "文件不是 UTF-8 编码"
        return None, [Finding(ERROR, YAML_SYNTAX, f"{which}，请另存为 UTF-8", Location(path, line, column))]
    return text.removeprefix("\ufeff"), []


def write_atomic(file: Path, text: str, inside: Path | None = None) -> None:
    """Write a file so that readers see the old or the new content, never a part.

    The text goes to a temporary file beside the target, which then replaces it. A file that
    is a symbolic link is written where the link points, and stays a link; with ``inside``,
    only when that is inside the folder ``inside`` (else :class:`PermissionError`). A file
    keeps its permissions; a new one gets those of the other files in its folder, or what
    the umask gives any new file where the folder has none (never mkstemp's 0600).
    """
    target = file
    if file.is_symlink():
        target = file.resolve()
        if inside is not None and not target.is_relative_to(inside.resolve()):
            raise PermissionError(f"{file} 是指向 {inside} 之外（{target}）的链接，未写入")
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(target)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies, as to any new file
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            if mode is not None:
                os.fchmod(out.fileno(), mode)
            out.write(text)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def copy_atomic(src: Path, dst: Path) -> None:
    """Copy a file (an original, any bytes) the way :func:`write_atomic` writes one: through a
    temporary file beside ``dst``, keeping ``dst``'s permissions or taking its neighbours'."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(dst)
    tmp = dst.with_name(f".{dst.name}.{secrets.token_hex(6)}.tmp")
    try:
        shutil.copyfile(src, tmp)
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, dst)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _mode_for(file: Path) -> int | None:
    """The permission bits a file written at ``file`` should have: its own when it exists, else
    those of a file beside it (without execute bits); None to leave them to the umask."""
    try:
        return stat.S_IMODE(file.stat().st_mode)
    except FileNotFoundError:
        pass
    try:
        with os.scandir(file.parent) as listing:
            for entry in listing:
                if not entry.name.startswith(".") and entry.is_file(follow_symlinks=False):
                    return stat.S_IMODE(entry.stat(follow_symlinks=False).st_mode) & 0o666
    except OSError:
        pass
    return None
