"""The editors' live preview: serve the last good build, rebuild on change, reload the browser.

Pieces, each a well-kept standard mechanism rather than hand-rolled polling:

* **Watching**: watchfiles (Rust ``notify`` underneath; inotify on Linux) yields sets of changed
  paths under the content folder and the themes, grouped with a short debounce.
* **Serving**: the standard library's ``ThreadingHTTPServer``; only files under the current
  build folder are served (a path that resolves outside it is refused with 403), and only on
  loopback unless told otherwise.
* **Reloading**: Server-Sent Events (the browser's ``EventSource``) on ``/__xxgk__/events``.
  Each HTML page served gets one ``<script>`` that reloads when a new build is ready and,
  while the content has errors, shows the findings in an overlay. The last good build keeps
  being served until the errors are fixed; no restart needed. Before any good build, every
  page is the findings page (:func:`findings_page`): the errors with file, line and field.

The builder is given (see :class:`Builder`; ``preview.update.IncrementalBuilder`` for
``xxgk serve``): it knows how to build everything once and how to bring the build folder up to
date after some files changed, never leaving it half-written. Watching starts before the first
build, so an edit saved during it is applied right after. Each page served is told the version
it comes from (``data-version``), so a build finished before its event stream connects still
reloads it. A builder may have ``close()`` (called when the preview stops).
"""

from __future__ import annotations

import errno
import json
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Protocol

from ..checks.run import blocking
from ..findings import SEVERITY_LABELS, Finding

EVENTS = "/__xxgk__/events"
CLIENT = "/__xxgk__/preview.js"
KEEPALIVE_SECONDS = 15.0
MAX_PATH = 4096  # longer request paths get 414 (no page of a site is that deep)


@dataclass
class UpdateResult:
    ok: bool  # False: the content has errors and the build folder was left as it was
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0
    pages: int = 0  # files written by this build or update (none: the browser need not reload)


class Builder(Protocol):
    out: Path

    def build(self) -> UpdateResult: ...

    def update(self, changed: set[Path]) -> UpdateResult: ...


class PreviewState:
    """What the browser needs to know: the build's version, and the findings of the last try."""

    def __init__(self) -> None:
        self.version = 0
        self.ok = True
        self.findings: list[dict[str, Any]] = []
        self.closed = False
        self.serial = 0  # every publish, so a new set of findings is sent even if as many as before
        self._changed = threading.Condition()

    def publish(self, result: UpdateResult) -> None:
        with self._changed:
            if result.ok and result.pages:  # a new build; nothing written: no need to reload
                self.version += 1
            self.ok = result.ok
            # the editor's errors: with a good build, why reports were left out; else why it failed
            self.findings = [f.as_dict() for f in result.findings if blocking(f)]
            self.serial += 1
            self._changed.notify_all()

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._changed.notify_all()

    def current(self) -> tuple[int, dict[str, Any]]:
        with self._changed:
            return self.serial, self.snapshot()

    def snapshot(self) -> dict[str, Any]:
        return {"version": self.version, "ok": self.ok, "findings": self.findings}

    def wait(self, seen: int, timeout: float) -> tuple[int, dict[str, Any] | None]:
        """Block until something is published after ``seen``: (serial, state), state None on
        timeout or close."""
        with self._changed:
            self._changed.wait_for(lambda: self.closed or self.serial != seen, timeout)
            if self.closed or self.serial == seen:
                return seen, None
            return self.serial, self.snapshot()


CLIENT_JS = (Path(__file__).parent / "client.js").read_text(encoding="utf-8")  # the page's live-reload client


def _inject(html: bytes, version: int) -> bytes:
    """The preview client at the end of the body, told which build the page comes from (so a
    build finished between serving the page and the client connecting still reloads it)."""
    tag = f'<script src="{CLIENT}" data-version="{version}"></script>'.encode()
    at = html.rfind(b"</body>")
    return html[:at] + tag + html[at:] if at >= 0 else html + tag


def findings_page(state: dict[str, Any]) -> bytes:
    """The page served while there is no good build yet: the content's errors, each with its
    file, line and field, in Chinese (the preview client reloads it when the state changes).
    Never claims to show an earlier version: there is none."""
    findings = state["findings"]
    if findings:
        title = "还没有可以预览的版本：内容中有错误"
        lead = (f"内容中有 {len(findings)} 个错误，网站还没有成功生成过，所以这里还没有页面可看。"
                "请按下列文件和行号改正；保存后预览会自动重新生成，本页随之刷新。")
    else:
        title = "正在生成预览"
        lead = "正在生成预览，请稍候；生成完成后本页会自动刷新。"
    items = []
    for f in findings:
        where = f["file"] + (f"，第 {f['line']} 行第 {f['column'] or 1} 列" if f.get("line") else "")
        field = f"（{f['field']}）" if f.get("field") else ""
        label = SEVERITY_LABELS.get(f["severity"], f["severity"])
        items.append(f"<li><p><strong>{escape(where)}</strong></p><p>{escape(label)} {escape(f['rule'])}{escape(field)}："
                     f"{escape(f['message'])}</p></li>")
    seen = escape(json.dumps(findings, ensure_ascii=False, sort_keys=True))
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>"
        "<style>body{font:18px/1.7 system-ui,'Noto Sans CJK SC',sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;"
        "color:#1a1a1a}h1{font-size:1.5rem;color:#b00020}li{margin:.75rem 0}li p{margin:0;overflow-wrap:anywhere}</style></head>"
        f'<body><main id="xxgk-findings-page" data-findings="{seen}"><h1>{escape(title)}</h1><p>{escape(lead)}</p>'
        f'<ol>{"".join(items)}</ol></main></body></html>'
    ).encode()


def make_handler(root: Callable[[], Path], state: PreviewState) -> type[SimpleHTTPRequestHandler]:
    class Handler(SimpleHTTPRequestHandler):
        server_version = "xxgk-preview"

        def log_message(self, format: str, *args: Any) -> None:  # quiet: the terminal is for findings
            pass

        def handle(self) -> None:
            try:
                super().handle()
            except ConnectionError:  # the browser went away (an aborted load): nothing to say
                self.close_connection = True

        def do_GET(self) -> None:
            try:
                self._get()
            except OSError as e:
                if isinstance(e, ConnectionError):
                    raise
                # e.g. a path too long for the file system (ENAMETOOLONG): the request's fault
                status = HTTPStatus.REQUEST_URI_TOO_LONG if e.errno == errno.ENAMETOOLONG else HTTPStatus.BAD_REQUEST
                self._send(status, "text/plain; charset=utf-8", f"{status.value} {status.phrase}".encode())

        def _get(self) -> None:
            if len(self.path) > MAX_PATH:
                return self._send(HTTPStatus.REQUEST_URI_TOO_LONG, "text/plain; charset=utf-8", b"414 URI Too Long")
            path = urllib.parse.urlsplit(self.path).path
            version = state.version  # before reading the file: a newer page still reloads once
            if path == EVENTS:
                return self._events()
            if path == CLIENT:
                return self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", CLIENT_JS.encode())
            file = self._resolve(path)
            if file is None:
                return self._send(
                    HTTPStatus.FORBIDDEN,
                    "text/plain; charset=utf-8",
                    "403 只能访问预览文件夹中的文件".encode(),
                )
            if file.is_dir():
                if not path.endswith("/"):
                    # rebuilt from the checked parts: never "//host/", which would leave the site
                    parts = [p for p in urllib.parse.unquote(path).split("/") if p]
                    self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                    self.send_header("Location", urllib.parse.quote("/" + "".join(p + "/" for p in parts)))
                    self.end_headers()
                    return None
                file = file / "index.html"
            if not file.is_file():
                return self._not_found(version)
            try:
                body = file.read_bytes()
            except OSError:  # replaced or removed by a build in between
                return self._not_found(version)
            kind = self.guess_type(str(file))
            if kind == "text/html":
                kind, body = "text/html; charset=utf-8", _inject(body, version)
            return self._send(HTTPStatus.OK, kind, body)

        def _not_found(self, version: int) -> None:
            missing = root() / "404.html"
            try:
                body = missing.read_bytes()
            except OSError:  # no good build yet: the findings themselves, on a page of their own
                page = findings_page(state.snapshot())
                return self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/html; charset=utf-8", _inject(page, version))
            self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", _inject(body, version))

        def do_HEAD(self) -> None:
            if urllib.parse.urlsplit(self.path).path == EVENTS:
                return self._send(HTTPStatus.METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", b"")
            self.head_only = True
            try:
                self.do_GET()
            finally:
                self.head_only = False

        def _resolve(self, path: str) -> Path | None:
            """The file for a URL path, or None when it would lie outside the build folder."""
            base = root().resolve()
            parts = [p for p in urllib.parse.unquote(path).split("/") if p]
            if any(p in ("..", ".") or "\\" in p or "\x00" in p for p in parts):
                return None
            target = base.joinpath(*parts).resolve()
            return target if target == base or target.is_relative_to(base) else None

        def _send(self, status: HTTPStatus, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if not getattr(self, "head_only", False):
                self.wfile.write(body)

        def _events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen, current = state.current()
            try:
                self.wfile.write(b"retry: 1000\n\n")
                while not state.closed:
                    if current is not None:
                        data = json.dumps(current, ensure_ascii=False)
                        self.wfile.write(f"event: state\ndata: {data}\n\n".encode())
                    else:
                        self.wfile.write(b": keepalive\n\n")
                    self.wfile.flush()
                    seen, current = state.wait(seen, KEEPALIVE_SECONDS)
            except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
                pass
            self.close_connection = True

    return Handler


class QuietServer(ThreadingHTTPServer):
    """Never a traceback in the editor's terminal: a client that goes away is nothing to report,
    anything else one line."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            return
        print(f"xxgk: 预览服务器处理请求时出错：{type(error).__name__}: {error}", file=sys.stderr)


class PreviewServer:
    """Serves ``builder.out`` and keeps it up to date with the watched folders."""

    def __init__(
        self,
        builder: Builder,
        watch: Iterable[Path],
        host: str = "127.0.0.1",
        port: int = 8000,
        report: Callable[[UpdateResult, set[Path] | None], None] = lambda result, changed: None,
    ):
        self.builder = builder
        self.watch = [p for p in watch if p.exists()]
        self.state = PreviewState()
        self.report = report
        self.stop = threading.Event()
        self.httpd = QuietServer((host, port), make_handler(lambda: builder.out, self.state))
        self.httpd.daemon_threads = True
        self._watcher: threading.Thread | None = None
        self._http: threading.Thread | None = None
        self.watching = threading.Event()  # the watches are in place
        self.built = threading.Event()  # the first build is done: changes may be applied

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def first_build(self) -> UpdateResult:
        """The full build. Watching starts before it, so an edit made meanwhile is not lost:
        it is applied once the build is done."""
        self._start_watching()
        try:
            result = self.builder.build()
        finally:
            self.built.set()
        self.state.publish(result)
        self.report(result, None)
        return result

    def start(self) -> None:
        """Watch (if ``first_build`` did not start it) and serve in background threads;
        :meth:`close` stops both."""
        self._start_watching()
        self.built.set()
        self.watching.wait(10)
        self._http = threading.Thread(
            target=self.httpd.serve_forever, args=(0.1,), name="xxgk-http", daemon=True
        )
        self._http.start()

    def _start_watching(self) -> None:
        if self._watcher is None:
            self._watcher = threading.Thread(target=self._watch_loop, name="xxgk-watch", daemon=True)
            self._watcher.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until :meth:`close` (True) or ``timeout``; Ctrl-C reaches the caller."""
        return self.stop.wait(timeout)

    def close(self) -> None:
        """Stop watching and serving; open event streams end. Safe to call twice."""
        self.stop.set()
        self.state.close()
        if self._http is not None:
            self.httpd.shutdown()  # returns once serve_forever has stopped
            self._http.join(timeout=5)
            self._http = None
        self.httpd.server_close()
        if self._watcher is not None:
            self._watcher.join(timeout=10)
            self._watcher = None
        close = getattr(self.builder, "close", None)  # e.g. a pending background refresh
        if close is not None:
            close()

    def _watch_loop(self) -> None:
        try:
            self._watch_changes()
        except Exception as e:  # e.g. the content folder was removed: say so; keep serving
            self.watching.set()
            if not self.stop.is_set():
                failure = UpdateResult(
                    False, [_internal_error(e, "监视文件夹时出错，预览不再自动更新，请重新启动 xxgk serve")]
                )
                self.state.publish(failure)
                self.report(failure, set())

    def _watch_changes(self) -> None:
        import watchfiles

        waiting: set[Path] = set()
        # step: the changes are handed over once 20 ms pass without a new one (an editor's
        # save is several events); debounce: at most 400 ms are grouped together.
        # rust_timeout + yield_on_timeout: an empty set every 200 ms, the first one telling that
        # the watches are in place (``start`` waits for it, so no edit after it is missed).
        for changes in watchfiles.watch(
            *self.watch,
            debounce=400,
            step=20,
            stop_event=self.stop,
            raise_interrupt=False,
            rust_timeout=200,
            yield_on_timeout=True,
        ):
            self.watching.set()
            if self.stop.is_set():
                return
            waiting |= {Path(p) for _, p in changes}
            if not waiting or not self.built.is_set():
                continue
            changed, waiting = waiting, set()
            start = time.perf_counter()
            try:
                result = self.builder.update(changed)
            except Exception as e:  # a bug must not take the preview down; say it and go on
                result = UpdateResult(False, [_internal_error(e)])
            result.seconds = result.seconds or time.perf_counter() - start
            self.state.publish(result)
            self.report(result, changed)


def _internal_error(error: Exception, what: str = "生成时出现程序错误") -> Finding:
    from ..findings import ERROR, Location

    return Finding(ERROR, "INTERNAL", f"{what}：{type(error).__name__}: {error}", Location("xxgk"))
