"""Serve a built site on 127.0.0.1 (a free port) and open Debian's Chromium through Playwright.

Shared by the browser tests and ``python -m tests.browser.screenshots``. Never downloads a
browser: it launches /usr/bin/chromium (the Debian package), and every request to a host
other than 127.0.0.1 is aborted, so a stray link to another host fails instead of hanging.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(root: Path, prefix: str = "") -> Iterator[str]:
    """Serve ``root`` under ``/prefix/`` (to prove the site works under a sub-path)."""
    handler = functools.partial(_Prefixed, prefix=prefix, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{prefix + '/' if prefix else ''}"
    finally:
        server.shutdown()
        server.server_close()


class _Prefixed(_Quiet):
    def __init__(self, *args: object, prefix: str = "", **kwargs: object):
        self.prefix = prefix
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def translate_path(self, path: str) -> str:
        if self.prefix:
            head = f"/{self.prefix}"
            if not (path == head or path.startswith(head + "/")):
                return str(Path(self.directory) / "__outside_prefix__")
            path = path[len(head):] or "/"
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code == 404:  # what a web server configured with the site's 404 page does
            page = Path(self.directory) / "404.html"
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)


def block_other_hosts(context) -> list[str]:  # type: ignore[no-untyped-def]
    """Abort requests to any host but 127.0.0.1; return the list of blocked URLs."""
    blocked: list[str] = []

    def route(r):  # type: ignore[no-untyped-def]
        url = r.request.url
        if url.startswith(("http://127.0.0.1:", "data:", "blob:")):
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    context.route("**/*", route)
    return blocked


def launch(playwright):  # type: ignore[no-untyped-def]
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
