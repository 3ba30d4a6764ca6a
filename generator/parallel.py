"""Work in a forked process, beside the main one.

A build's steps that need only the loaded content (loading half of the reports, writing the
dataset files) run in a forked child: it sees the parent's memory as it was at the fork,
without pickling anything there; only its result comes back, pickled through a pipe.
``multiprocessing`` does the forking; where processes cannot be forked (not on Linux), the
work is simply done at once in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable
from typing import Any


class ForkedError(Exception):
    """The work failed in the child; the message names the error."""


def yield_to_others(step: int = 5) -> None:
    """Lower this process's scheduling priority (a ``nice`` step), so that work which cannot
    be shared out (the search indexer, which runs on about one core) gets the CPU first and
    the work that can fills the rest. Without effect where priorities cannot be changed."""
    try:
        os.nice(step)
    except (AttributeError, OSError):
        pass


class Forked:
    """Runs ``work()`` in a forked process; :meth:`result` waits for its return value (or
    raises :class:`ForkedError`), :meth:`cancel` stops it. With ``background`` the process
    runs at a lower priority (:func:`yield_to_others`). With ``group`` it leads a process
    group of its own, and :meth:`cancel` stops the programs it started too."""

    def __init__(self, work: Callable[[], Any], background: bool = False, group: bool = False):
        self.process: Any = None
        self.group = group
        if "fork" not in multiprocessing.get_all_start_methods():
            self.value, self.error = None, ""
            try:
                self.value = work()
            except Exception as e:  # reported by result(), like the forked case
                self.error = f"{type(e).__name__}: {e}"
            return
        context = multiprocessing.get_context("fork")
        self.receive, send = context.Pipe(duplex=False)

        def run() -> None:
            if group:
                _lead_group(0)
            if background:
                yield_to_others()
            try:
                send.send(("ok", work()))
            except BaseException as e:
                send.send(("error", f"{type(e).__name__}: {e}"))
            finally:
                send.close()

        self.process = context.Process(target=run, daemon=True)
        self.process.start()
        if group:
            _lead_group(self.process.pid)  # here too: whichever runs first, cancel finds the group
        send.close()

    def result(self) -> Any:
        if self.process is None:
            if self.error:
                raise ForkedError(self.error)
            return self.value
        try:
            kind, value = self.receive.recv()
        except EOFError:
            kind, value = "error", f"进程意外退出（退出码 {self.process.exitcode}）"
        finally:
            self.process.join()
            self.receive.close()
        if kind == "error":
            raise ForkedError(value)
        return value

    def cancel(self) -> None:
        if self.process is not None:
            if self.group:
                try:
                    os.killpg(self.process.pid, signal.SIGKILL)
                except OSError:
                    pass
            if self.process.is_alive():
                self.process.kill()
            self.process.join()


def _lead_group(pid: int) -> None:
    try:
        os.setpgid(pid, pid)  # 0: this process
    except OSError:  # already done by the other side, or the process has ended
        pass
