"""The build's one worker pool: ``--jobs`` processes, forked once, sharing the plan.

The only concurrency in xxgk. The loader, ``check``, ``fmt`` and ``serve``'s process never use
it (``serve`` builds with ``jobs=1``: a threaded process must not fork). The workers are forked
from the standard library's ``multiprocessing.Pool`` (fork context) after the content is loaded,
checked and planned, so each sees the plan in its memory as it was at the fork, copy-on-write,
without pickling it; a task sends only its arguments and gets back a small result. With
``jobs=1``, or where processes cannot be forked, the tasks run here, one after the other, and
the output is the same: every task writes its own files and returns what it wrote.

Measured (``python -m bench.build_bench --tools xxgk,xxgk-jobs1``, 3 runs each, on this 2-core
machine while other work kept its load at 7–20): no gain could be shown, run-by-run ratio of
two jobs to one 1.03 at 300 × 7 and at 50 × 7 (at 50 × 7 the workbook, one task, is most of
the build). What the pool can share on an idle machine is the exports' and pages' CPU time,
about 17 of the build's 34 CPU-seconds at 300 × 7. Re-measure it on an idle machine before
relying on it; ``--jobs 1`` gives the same site.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_shared: Any = None  # in a worker: what the pool was made with (set once, at the fork)


def default_jobs() -> int:
    """The machine's cores (as many as this process may use)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Workers:
    """``jobs`` forked processes holding ``shared``; :meth:`map` runs ``task(shared, item)``
    for every item, each in one worker, and returns the results in the items' order.
    ``task`` must be a module-level function (it is sent by name)."""

    def __init__(self, jobs: int, shared: Any):
        self.shared = shared
        self.jobs = max(1, jobs)
        self.pool: Any = None
        if self.jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self.pool = context.Pool(self.jobs, initializer=_hold, initargs=(shared,))

    def map(self, task: Callable[[Any, T], R], items: Iterable[T]) -> list[R]:
        items = list(items)
        if self.pool is None or len(items) <= 1:
            return [task(self.shared, item) for item in items]
        return self.pool.starmap(_run, [(task, item) for item in items], chunksize=1)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _hold(shared: Any) -> None:
    global _shared
    _shared = shared


def _run(task: Callable[[Any, T], R], item: T) -> R:
    return task(_shared, item)


def chunks(items: list[T], count: int) -> Iterator[list[T]]:
    """``items`` dealt into ``count`` lists, round robin (neighbours, often alike in cost,
    go to different workers)."""
    for start in range(count):
        part = items[start::count]
        if part:
            yield part
