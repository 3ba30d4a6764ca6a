"""Pagefind's filter index made the same on every build (part of stage 6, search).

Pagefind 1.5 writes its filters (year, kind, agency: ``build.search``) from hash maps, in an
order that changes from run to run, so the filter files, the metadata file that names them and
``pagefind-entry.json`` differ between two builds of the same content, while the rest of the
index (the fragments and word chunks) does not; the maintainer says so himself in
https://github.com/Pagefind/pagefind/issues/638. Two builds of the same content must be byte
for byte the same (deploys copy only what changed; tests/test_site_build.py), so after Pagefind
this module sorts the filters by name and each filter's values, and renames the files after
their new content.

The files are gzip-compressed ``pagefind_dcd`` + CBOR. CBOR is read and written with cbor2
(PyPI: the maintained CBOR library for Python, with a C extension), which gives back exactly
Pagefind's bytes for the same data (checked in tests/test_search_records.py); gzip with the
time stamp 0, so the compressed bytes depend on the content only.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"


def _read(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path.name}: not a Pagefind index file")
    return cbor2.loads(raw[len(SIGNATURE):])


def _write(data: Any) -> bytes:
    return gzip.compress(SIGNATURE + cbor2.dumps(data), mtime=0)


def _name(lang: str, body: bytes, length: int) -> str:
    return f"{lang}_{hashlib.sha256(body).hexdigest()[:length]}"


def stabilise(index: Path) -> None:
    """Sort the filters of the Pagefind index in ``index`` (a ``pagefind`` folder) and name the
    files they change after their content."""
    entry_file = index / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    text = entry_file.read_text(encoding="utf-8")
    for lang, about in entry["languages"].items():
        old_meta = index / f"pagefind.{about['hash']}.pf_meta"
        meta = _read(old_meta)
        filters = meta[3]  # [[name, file hash], …]
        renamed = []
        for name, file_hash in filters:
            old = index / "filter" / f"{file_hash}.pf_filter"
            data = _read(old)
            data[1] = sorted(data[1], key=lambda value: value[0])  # [[value, [page numbers]], …]
            body = _write(data)
            new_hash = _name(lang, body, len(file_hash) - len(lang) - 1)
            old.unlink()
            (index / "filter" / f"{new_hash}.pf_filter").write_bytes(body)
            renamed.append([name, new_hash])
        meta[3] = sorted(renamed)
        body = _write(meta)
        new_meta = _name(lang, body, len(about["hash"]) - len(lang) - 1)
        old_meta.unlink()
        (index / f"pagefind.{new_meta}.pf_meta").write_bytes(body)
        text = text.replace(f'"hash":"{about["hash"]}"', f'"hash":"{new_meta}"')
    entry_file.write_text(text, encoding="utf-8")
