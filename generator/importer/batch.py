"""A batch of originals into a content folder: find the files, read them in worker processes,
write their reports one at a time in this process (so ``agencies.yaml`` is never written by two
processes at once). One bad file, or a bad file already in the content folder, costs only its
own import: every file gets its message and the good ones are imported."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..ingest import DEFAULT_LIMITS, Limits
from ..ingest.readers import READERS, UNSUPPORTED
from .read import Parsed
from .register import Register
from .workers import parse_all
from .write import Outcome, ensure_content, place

DEFAULT_TIMEOUT = 300.0  # seconds per file: a 30-page scan read by OCR takes about a minute


@dataclass
class Options:
    content: Path
    agency: str | None = None
    year: int | None = None
    force: bool = False
    dry_run: bool = False
    explain: bool = False
    jobs: int = 1
    limits: Limits = field(default_factory=lambda: DEFAULT_LIMITS)
    timeout: float = DEFAULT_TIMEOUT


def collect(paths: Iterable[Path]) -> list[Path]:
    """Files to import: each file given, and every readable file under each folder given."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(
                sorted(
                    f
                    for f in p.rglob("*")
                    if f.is_file()
                    and not any(part.startswith(".") for part in f.relative_to(p).parts)
                    and (f.suffix.lower() in READERS or f.suffix.lower() in UNSUPPORTED)
                )
            )
        else:
            out.append(p)
    return out


def run_import(
    files: list[Path], options: Options, progress: Callable[[Iterator[Parsed], int], Iterator[Parsed]] | None = None
) -> list[Outcome]:
    ensure_content(options.content, options.dry_run)
    register = Register.load(options.content)
    tasks = [(f, options.agency, options.year) for f in files]
    results = parse_all(tasks, options.jobs, options.timeout, options.limits)
    if progress:
        results = progress(results, len(files))
    outcomes: list[Outcome] = []
    for parsed in results:
        try:
            outcomes.append(place(parsed, options.content, options.agency, options.force, options.dry_run, register))
        except OSError as e:
            outcomes.append(Outcome(parsed.path, "failed", f"写入失败：{e.strerror or e}"))
    return outcomes
