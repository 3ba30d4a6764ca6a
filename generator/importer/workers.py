"""Reading files in worker processes, each file within a time limit: the import's one place of
concurrency.

A file that runs past the limit (a PDF built to make a parser loop, a scan of hundreds of
pages) is stopped — its worker and everything the worker started (an OCR engine's threads, a converter) are killed as
one process group — and reported with one clear message; a worker that dies (out of memory, a
crash in a C library) costs only its file. Either way a fresh worker takes the next file, so
the batch always goes on. Results come back in the order the files were given.

The standard library's ``multiprocessing`` with the "forkserver" start method: workers are
forked from a clean server process, never from this one (which may run a progress bar's
thread), and the server imports the readers once so a new worker starts in milliseconds.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from ..ingest import Limits
from .read import Parsed, parse_file

Task = tuple[Path, "str | None", "int | None"]


def _serve(conn: Connection, limits: Limits) -> None:  # runs in the worker
    os.setpgrp()  # the worker leads a process group: killing it stops whatever it started too
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        conn.send(parse_file(*task, limits=limits))


@dataclass
class _Worker:
    process: Any
    conn: Connection
    index: int = -1  # the task it works on
    started: float = 0.0

    def kill(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.process.join(5)
        self.conn.close()


def _start(ctx: Any, limits: Limits) -> _Worker:
    parent, child = ctx.Pipe()
    process = ctx.Process(target=_serve, args=(child, limits), daemon=True)
    process.start()
    child.close()
    return _Worker(process, parent)


def parse_all(tasks: list[Task], jobs: int, timeout: float, limits: Limits) -> Iterator[Parsed]:
    """Parse every task in worker processes; yield the results in the order of ``tasks``."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["generator.importer.read"])
    workers = [_start(ctx, limits) for _ in range(max(1, min(jobs, len(tasks))))]
    results: dict[int, Parsed] = {}
    pending = list(range(len(tasks)))
    done_up_to = 0
    try:
        while done_up_to < len(tasks):
            for w in workers:
                if w.index < 0 and pending:
                    w.index, w.started = pending.pop(0), time.monotonic()
                    w.conn.send(tasks[w.index])
            busy = [w for w in workers if w.index >= 0]
            deadline = min(w.started for w in busy) + timeout
            ready = wait([w.conn for w in busy], timeout=max(0.0, deadline - time.monotonic()))
            now = time.monotonic()
            for i, w in enumerate(workers):
                if w.index < 0:
                    continue
                if w.conn in ready:
                    try:
                        results[w.index] = w.conn.recv()
                        w.index = -1
                        continue
                    except (EOFError, OSError):
                        message = "处理此文件的进程意外退出（内存不足或程序库崩溃），未导入；请单独重新导入"
                elif now - w.started >= timeout:
                    message = f"读取超过 {timeout:.0f} 秒的时间上限，已停止，未导入（可用 --timeout 放宽）"
                else:
                    continue
                results[w.index] = Parsed(tasks[w.index][0], error=message)
                w.kill()
                workers[i] = _start(ctx, limits)
            while done_up_to in results:
                yield results.pop(done_up_to)
                done_up_to += 1
    finally:
        for w in workers:
            if w.index >= 0:
                w.kill()
            else:
                try:
                    w.conn.send(None)
                except OSError:
                    pass
                w.process.join(5)
                if w.process.is_alive():
                    w.kill()
