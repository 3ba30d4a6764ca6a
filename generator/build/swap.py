"""Stage 7, swap: the new site put in place of the old one, whole, by renames.

Before anything else the output is checked and prepared (:func:`prepare`): it must not be the
content folder, lie inside it or contain it, nor be a file, nor be a folder this command did not
make (it has no ``.xxgk-build`` mark); its parent must be a folder that can be written. A lock
on that parent folder (``fcntl.flock``, released by the system when a build ends, even killed)
keeps two builds beside each other apart; holding it, the build removes what an earlier build
killed midway left beside the output (``.site.building-*``, ``.site.old-*``). The new site is
made in a temporary folder beside the output (everything a build writes, its search records and
scratch files included, is inside it), and only at the end two renames swap it in: the output is
never half-written, and a failed build leaves the old site as it was.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..findings import display_path
from .errors import BuildError

LOCK_WAIT = 10.0  # seconds to wait for another build beside this one (or the last processes of a killed one)
MARKER = ".xxgk-build"  # marks a folder this command made, so it may replace it


@dataclass
class Target:
    out: Path
    tmp: Path  # the new site, until swapped in
    lock: int  # the parent folder, opened and locked


def prepare(out: Path, content_dir: Path) -> Target:
    _check(out, content_dir)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        lock = os.open(out.parent, os.O_RDONLY)
    except OSError as e:
        raise BuildError(f"无法在 {display_path(out.parent)} 中生成网站：{e.strerror or e}") from e
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except OSError as e:
            if time.monotonic() > deadline:
                os.close(lock)
                raise BuildError(f"另一个 xxgk build 正在 {display_path(out.parent)} 中生成网站，请等它结束") from e
            time.sleep(0.1)
    for prefix in (f".{out.name}.building-", f".{out.name}.old-"):
        for left in out.parent.glob(prefix + "*"):
            shutil.rmtree(left, ignore_errors=True)
    try:
        tmp = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.building-"))
    except OSError as e:
        os.close(lock)
        raise BuildError(f"无法在 {display_path(out.parent)} 中生成网站：{e.strerror or e}") from e
    return Target(out, tmp, lock)


def swap(target: Target) -> None:
    """Put the new site in place: two renames, so the output is never half-written."""
    tmp, out = target.tmp, target.out
    (tmp / MARKER).write_text("xxgk\n", encoding="utf-8")
    os.chmod(tmp, 0o755)
    if out.exists():
        old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.old-"))
        os.rmdir(old)
        os.rename(out, old)
        os.rename(tmp, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(tmp, out)
    os.close(target.lock)


def abandon(target: Target) -> None:
    """A failed build: its temporary folder goes, the old site stays."""
    shutil.rmtree(target.tmp, ignore_errors=True)
    os.close(target.lock)


def _check(out: Path, content_dir: Path) -> None:
    """Refuse an output that is the content, inside it or around it, a file, or not ours."""
    content, where = content_dir.resolve(), out.resolve()
    if where == content or content.is_relative_to(where) or where.is_relative_to(content):
        raise BuildError(f"输出文件夹 {display_path(out)} 不能是内容文件夹，也不能在内容文件夹之中或包含内容文件夹")
    for parent in where.parents:
        if parent.exists() and not parent.is_dir():
            raise BuildError(f"输出位置 {display_path(out)} 无效：{display_path(parent)} 是文件，不是文件夹")
        if parent.exists():
            break
    if where.is_relative_to("/proc") or where.is_relative_to("/sys") or where.is_relative_to("/dev"):
        raise BuildError(f"输出位置 {display_path(out)} 是系统的虚拟文件夹，不能写入网站")
    if out.exists():
        if not out.is_dir():
            raise BuildError(f"输出位置 {display_path(out)} 已有同名文件，不是文件夹")
        if any(out.iterdir()) and not (out / MARKER).exists():
            raise BuildError(
                f"输出文件夹 {display_path(out)} 已存在且不是 xxgk 生成的网站（没有 {MARKER}），为免误删，未覆盖；请换一个文件夹或先清空它"
            )
