"""``xxgk serve`` driven over HTTP: a real server on 127.0.0.1 (a free port), real file edits
seen by the real watcher, the Server-Sent Events stream read as a browser would."""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.commands import serve as serve_command
from generator.preview.server import CLIENT, EVENTS, PreviewServer
from generator.preview.update import IncrementalBuilder

ROOT = Path(__file__).resolve().parent.parent
REPORT = Path("reports/baofeng/2020.yaml")
PAGE = "reports/baofeng/2020.html"
MARK = "预览测试新增的一句话。"
WAIT = 20.0  # seconds to wait for an update; normally well under one


class Events:
    """The SSE stream of a preview server, parsed into ``state`` events on a queue."""

    def __init__(self, url: str):
        self.queue: queue.Queue[dict] = queue.Queue()
        self.response = urllib.request.urlopen(url + EVENTS.lstrip("/"), timeout=WAIT)
        assert self.response.headers["Content-Type"].startswith("text/event-stream")
        self.ended = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        event, data = None, []
        try:
            for raw in self.response:
                line = raw.decode("utf-8").rstrip("\n")
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: "):
                    data.append(line[6:])
                elif line == "":
                    if event == "state":
                        self.queue.put(json.loads("\n".join(data)))
                    event, data = None, []
        except Exception:
            pass
        self.ended.set()

    def next(self, until) -> dict:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + WAIT
        while True:
            state = self.queue.get(timeout=max(0.01, deadline - time.monotonic()))
            if until(state):
                return state


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path / "content"


@pytest.fixture
def server(content: Path, tmp_path: Path) -> Iterator[PreviewServer]:
    builder = IncrementalBuilder(content, tmp_path / "build" / "site", search=False)
    server = PreviewServer(builder, [content], port=0)
    assert server.first_build().ok
    server.start()
    yield server
    server.close()


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=WAIT) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


def raw_get(server: PreviewServer, path: str, header: str | None = None):  # type: ignore[no-untyped-def]
    """The status of a request with the path exactly as given (no client-side normalising),
    or the value of ``header`` in the response."""
    host, port = server.httpd.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=WAIT)
    conn.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
    conn.putheader("Host", f"{host}:{port}")
    conn.endheaders()
    response = conn.getresponse()
    conn.close()
    return response.getheader(header) if header else response.status


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_pages_are_served_with_the_preview_client(server: PreviewServer) -> None:
    status, html = get(server.url + PAGE)
    assert status == 200
    assert f'<script src="{CLIENT}" data-version="1"></script></body>' in html
    status, js = get(server.url + CLIENT.lstrip("/"))
    assert status == 200 and "EventSource" in js and "location.reload()" in js
    assert get(server.url + "agencies/")[0] == 200  # a folder: its index.html
    assert raw_get(server, "/agencies") == 301
    assert raw_get(server, "////agencies", header="Location") == "/agencies/"  # not //agencies/, another host
    assert get(server.url + "no/such/page.html")[0] == 404
    assert server.url.startswith("http://127.0.0.1:")
    head = urllib.request.urlopen(urllib.request.Request(server.url + PAGE, method="HEAD"), timeout=WAIT)
    assert (
        head.status == 200
        and int(head.headers["Content-Length"]) == len(html.encode())
        and head.read() == b""
    )


def test_an_edit_shows_up_and_a_new_version_is_announced(server: PreviewServer, content: Path) -> None:
    events = Events(server.url)
    first = events.next(lambda s: True)
    assert first == {"version": 1, "ok": True, "findings": []}
    assert MARK not in get(server.url + PAGE)[1]

    edit(content / REPORT, "  （一）主动公开\n", f"  （一）主动公开\n\n  {MARK}\n")
    state = events.next(lambda s: s["version"] > 1)
    assert state == {"version": 2, "ok": True, "findings": []}
    status, html = get(server.url + PAGE)
    assert status == 200 and MARK in html
    assert 'data-version="2"' in html
    status, html = get(server.url + "large/" + PAGE)  # and its large-text twin
    assert status == 200 and MARK in html and 'class="large"' in html
    # the page's own download follows the edit too
    assert MARK in get(server.url + "reports/baofeng/2020.yaml")[1]


def test_a_broken_file_shows_its_finding_keeps_the_last_good_build_and_recovers(
    server: PreviewServer, content: Path
) -> None:
    events = Events(server.url)
    events.next(lambda s: True)
    good = get(server.url + PAGE)[1]

    edit(content / REPORT, "year: 2020\n", "year: [2020\n")
    state = events.next(lambda s: not s["ok"])
    assert state["version"] == 1
    [finding] = state["findings"]
    assert finding["file"].endswith(str(REPORT))
    assert (finding["line"], finding["severity"], finding["rule"]) == (
        5,
        "error",
        "YAML",
    )  # where the parser gave up
    assert finding["message"].startswith("YAML 格式错误")
    status, html = get(server.url + PAGE)
    assert status == 200 and html == good  # still the last good build

    # A check error (not YAML) is shown the same way, with its field.
    edit(content / REPORT, "year: [2020\n", "year: 2021\n")
    state = events.next(lambda s: not s["ok"] and any(f["field"] == "year" for f in s["findings"]))
    assert any("2021" in f["message"] and f["line"] == 4 for f in state["findings"])

    edit(content / REPORT, "year: 2021\n", "year: 2020\n")
    edit(content / REPORT, "  （一）主动公开\n", f"  （一）主动公开\n\n  {MARK}\n")
    state = events.next(lambda s: s["ok"])
    assert state == {"version": 2, "ok": True, "findings": []}
    assert MARK in get(server.url + PAGE)[1]


def test_an_edit_to_agencies_rebuilds_everything(server: PreviewServer, content: Path) -> None:
    events = Events(server.url)
    events.next(lambda s: True)
    edit(content / "agencies.yaml", "name: 靖安县宝峰镇", "name: 靖安县宝峰镇（改名）")
    events.next(lambda s: s["version"] == 2)
    assert "靖安县宝峰镇（改名）" in get(server.url + "agencies/index.html")[1]


def test_nothing_outside_the_build_folder_is_served(server: PreviewServer, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    (server.builder.out / "link.txt").symlink_to(secret)
    (server.builder.out / "linkdir").symlink_to(tmp_path)
    assert raw_get(server, "/index.html") == 200
    for path in (
        "/../secret.txt",
        "/../build/site/index.html",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/reports/..%2f..%2fsecret.txt",
        "/link.txt",
        "/linkdir/secret.txt",
    ):
        assert raw_get(server, path) == 403, path


def test_close_stops_serving_and_ends_the_event_stream(content: Path, tmp_path: Path) -> None:
    builder = IncrementalBuilder(content, tmp_path / "site", search=False)
    server = PreviewServer(builder, [content], port=0)
    server.first_build()
    server.start()
    url = server.url
    events = Events(url)
    events.next(lambda s: True)
    server.close()
    assert events.ended.wait(5)
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url, timeout=5)
    server.close()  # twice is harmless


SERVE = (
    "import sys, argparse; from generator.commands import serve; p = argparse.ArgumentParser(); "
    "serve.add_arguments(p); sys.exit(serve.run(p.parse_args(sys.argv[1:])))"
)


def test_serve_command_stops_cleanly_on_ctrl_c(content: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(content), "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines = []
    try:
        for line in proc.stdout:  # type: ignore[union-attr]
            lines.append(line)
            if "预览地址" in line:
                break
        out = "".join(lines)
        url = re.search(r"预览地址：(http://127\.0\.0\.1:\d+/)", out).group(1)  # type: ignore[union-attr]
        folder = Path(re.search(r"预览文件夹：(\S+)", out).group(1))  # type: ignore[union-attr]
        assert folder.is_dir() and not folder.is_relative_to(ROOT)
        assert get(url + PAGE)[0] == 200
        proc.send_signal(signal.SIGINT)
        rest, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "已停止预览" in rest
    assert "Traceback" not in err
    assert not folder.exists()
    assert not (ROOT / "site").is_relative_to(folder)


def test_serve_command_says_when_the_port_is_taken(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        args = argparse.Namespace(content=str(content), port=port, host="127.0.0.1", theme="default")
        assert serve_command.run(args) == 1
    err = capsys.readouterr().err
    assert f"xxgk: 错误：端口 {port} 已被占用" in err and "--port" in err
    assert "Traceback" not in err


def test_serve_command_prints_findings_like_check(
    content: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(content / REPORT, "year: 2020\n", "year: 2021\n")
    args = argparse.Namespace(content=str(content), port=0, host="127.0.0.1", theme="default")
    old = signal.getsignal(signal.SIGTERM)
    # The server starts despite the errors (its pages show them); once the first build is
    # reported (the others are built: it takes a while on a busy machine), Ctrl-C.
    reported = threading.Event()
    said = serve_command._print
    monkeypatch.setattr(serve_command, "_print", lambda *a: (said(*a), reported.set()))
    threading.Thread(target=lambda: reported.wait(120) and time.sleep(0.5) or os.kill(os.getpid(), signal.SIGINT),
                     daemon=True).start()
    try:
        code = serve_command.run(args)
    finally:
        signal.signal(signal.SIGTERM, old)
    out, err = capsys.readouterr()
    assert code == 0
    assert re.search(
        r"reports/baofeng/2020\.yaml:4:\d+: 错误 REF（year）：year 为 2021，但文件名为 2020\.yaml", err
    ), err
    # that report is left out, the others previewed (as xxgk build publishes them)
    assert "生成预览：内容中有 1 个错误，所在的报告没有生成，其余报告照常预览；改正后会自动更新" in err
    assert "预览地址：http://127.0.0.1:" in out and "已停止预览。" in out


def test_an_update_then_the_background_refresh_give_what_a_full_build_gives(content: Path, tmp_path: Path) -> None:
    """Right after a partial update every file is byte-identical to a fresh full build's except
    the whole-dataset download holding the text (and the data page, which gives its size);
    once edits pause, the background refresh
    brings that and the search index up to date too: then the folders are identical."""
    from generator.build import build

    builder = IncrementalBuilder(content, tmp_path / "preview" / "site", search=True)
    builder.quiet = 1.0
    server = PreviewServer(builder, [content], port=0)
    try:
        server.first_build()
        server.start()
        events = Events(server.url)
        events.next(lambda s: True)
        edit(content / REPORT, "  （一）主动公开\n", f"  （一）主动公开\n\n  {MARK}\n")
        events.next(lambda s: s["version"] == 2)
        served = files(builder.out)
        build(content, tmp_path / "fresh")
        expected = files(tmp_path / "fresh")
        pages = {k: v for k, v in expected.items() if not k.startswith("pagefind/")}  # its names are hashes
        assert {k for k in served if not k.startswith("pagefind/")} == pages.keys()
        # the CSVs hold only tables; the data page states the text-holding file's size
        differ = sorted(k for k in pages if served[k] != pages[k])
        assert differ in (["data/xxgk.json"], ["data/index.html", "data/xxgk.json", "large/data/index.html"])
        assert served.keys() != expected.keys()  # the search index is the one made before the edit
        assert served[PAGE] == expected[PAGE] and MARK.encode() in served[PAGE]
        assert served["large/" + PAGE] == expected["large/" + PAGE] and MARK.encode() in served["large/" + PAGE]

        deadline = time.monotonic() + WAIT
        while files(builder.out) != expected and time.monotonic() < deadline:
            time.sleep(0.2)
        assert files(builder.out) == expected
    finally:
        server.close()


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_while_agencies_is_broken_a_report_edit_does_not_publish(
    server: PreviewServer, content: Path
) -> None:
    events = Events(server.url)
    events.next(lambda s: True)
    edit(content / "agencies.yaml", "- id: baofeng\n", "- id: [baofeng\n")
    state = events.next(lambda s: not s["ok"])
    assert any(f["file"].endswith("agencies.yaml") and f["rule"] == "YAML" for f in state["findings"])
    edit(content / REPORT, "  （一）主动公开\n", f"  （一）主动公开\n\n  {MARK}\n")
    state = events.next(lambda s: True)  # the report's edit alone would be fine, but the portal is not
    assert not state["ok"] and any(f["file"].endswith("agencies.yaml") for f in state["findings"])
    assert MARK not in get(server.url + PAGE)[1]
    edit(content / "agencies.yaml", "- id: [baofeng\n", "- id: baofeng\n")
    assert events.next(lambda s: s["ok"])["version"] == 2
    assert MARK in get(server.url + PAGE)[1]


def test_a_save_that_changes_nothing_does_not_reload(server: PreviewServer, content: Path) -> None:
    events = Events(server.url)
    events.next(lambda s: True)
    (content / "reports/baofeng/.2020.yaml.swp").write_bytes(b"vim")  # an editor's file
    text = (content / REPORT).read_bytes()
    (content / REPORT).write_bytes(text)  # saved, unchanged
    edit(content / REPORT, "year: 2020\n", "year: [2020\n")
    seen = []
    events.next(lambda s: seen.append(s) or not s["ok"])
    assert all(s["version"] == 1 for s in seen)  # nothing before the breaking edit made a new version
    (content / REPORT).write_bytes(text)  # undone: the overlay goes, the page stays as it was
    assert events.next(lambda s: True) == {"version": 1, "ok": True, "findings": []}


def test_a_too_long_or_bad_request_gets_an_answer_not_an_empty_reply(content: Path) -> None:
    """Issue 12, row 11: an 8 KB path, and a browser that goes away mid-reply: the server
    answers 414/400 and says nothing in the terminal."""
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(content), "--port", "0"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        for line in proc.stdout:  # type: ignore[union-attr]
            if "预览地址" in line:
                break
        url = re.search(r"(http://127\.0\.0\.1:(\d+)/)", line)
        assert url is not None
        port = int(url.group(2))
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
        conn.request("GET", "/" + "a/" * 4096)
        assert conn.getresponse().status == 414
        conn.close()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
        conn.request("GET", "/" + "b" * 300 + ".html")  # a name longer than the file system allows
        assert conn.getresponse().status in (400, 414)
        conn.close()
        for _ in range(20):  # loads aborted as soon as they start
            with socket.create_connection(("127.0.0.1", port)) as s:
                s.sendall(b"GET /reports/baofeng/2020.html HTTP/1.1\r\nHost: x\r\n\r\n")
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        with socket.create_connection(("127.0.0.1", port)) as s:  # and an event stream dropped
            s.sendall(b"GET /__xxgk__/events HTTP/1.1\r\nHost: x\r\n\r\n")
            s.recv(100)
        assert get(url.group(1) + PAGE)[0] == 200  # still serving
        time.sleep(0.5)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "Traceback" not in err and "Error" not in err, err


def test_a_report_folder_moved_out_of_and_back_into_reports_is_noticed(
    server: PreviewServer, content: Path, tmp_path: Path
) -> None:
    """Issue 12, row 12: a folder moved, not a file saved."""
    events = Events(server.url)
    events.next(lambda s: True)
    assert get(server.url + PAGE)[0] == 200
    (content / "reports/baofeng").rename(tmp_path / "baofeng")
    events.next(lambda s: s["version"] == 2)
    assert get(server.url + PAGE)[0] == 404
    assert "暂未收录" in get(server.url + "agencies/baofeng.html")[1]
    (tmp_path / "baofeng").rename(content / "reports/baofeng")
    events.next(lambda s: s["version"] == 3)
    assert get(server.url + PAGE)[0] == 200
