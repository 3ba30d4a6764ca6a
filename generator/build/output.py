"""Where the exports and pages stages put files: a folder (the build), or memory (the preview).

Both take site paths (``reports/a/2020.html``) and bytes and return the size written, so a
stage does not care which: the build writes straight into its temporary folder; the preview
keeps an update's files in memory and writes only those whose bytes changed
(:func:`write_if_changed`), so a failed update never leaves the served folder half-written.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class Folder:
    def __init__(self, root: Path):
        self.root = root

    def write(self, url: str, data: bytes) -> int:
        path = self.root / url
        try:
            path.write_bytes(data)
        except FileNotFoundError:  # its folder is not there yet: made on the first file written into it
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return len(data)


class Memory:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def write(self, url: str, data: bytes) -> int:
        self.files[url] = data
        return len(data)

    def flush(self, root: Path) -> int:
        """Write the files whose bytes changed into ``root``; returns how many were written."""
        return sum(write_if_changed(root / url, data) for url, data in self.files.items())


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write a file only when its bytes changed, via temp + rename, so a reader never sees
    half a file. Returns whether it was written."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
