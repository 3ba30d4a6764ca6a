"""``xxgk serve``: build into a temporary folder, serve it, rebuild on edit, reload the browser.

The work is done by :mod:`generator.preview.server` (server, watcher, live reload) and
:mod:`generator.preview.update` (full build, then the build's stages on what an edit affects); this module parses
arguments, makes and removes the temporary folder, and prints. Findings that stop an update
are printed the way ``xxgk check`` prints them.
"""

from __future__ import annotations

import argparse
import errno
import shutil
import signal
import sys
import tempfile
import threading
from pathlib import Path

from ..checks.run import blocking
from ..findings import display_path, printable
from ..preview.server import PreviewServer, UpdateResult
from ..preview.update import NOT_CONTENT, NOTE, IncrementalBuilder
from ..render.theme import ThemeError, load_theme

NAME = "serve"
HELP = "本地预览：生成到临时文件夹并启动预览服务器，修改内容后自动更新浏览器中的页面"
DESCRIPTION = (
    "生成网站到临时文件夹（不会写入 site/），在本机启动预览服务器，并监视内容文件夹和主题："
    "保存修改后只重新生成受影响的页面，打开的浏览器页面自动刷新。内容有错误时，终端和页面上都会列出问题"
    "（文件、行号、说明）：有错误的报告不生成，其余照常预览；还没有成功生成过时，页面上列出这些错误；"
    "某次修改引入错误时，预览继续显示上一次成功生成的版本；改正后自动恢复。按 Ctrl-C 停止，临时文件夹随之删除。"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("content", nargs="?", default="content", help="内容文件夹（默认 content）")
    parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000；0 表示任选一个空闲端口）")
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="监听地址（默认 127.0.0.1，只有本机可以访问；0.0.0.0 会让局域网内都能访问）",
    )
    parser.add_argument("--theme", default="default", help="主题名称或主题文件夹（默认 default）")


def run(args: argparse.Namespace) -> int:
    content = Path(args.content)
    if not content.is_dir():
        print(f"xxgk: 错误：内容文件夹 {display_path(content)} 不存在", file=sys.stderr)
        return 1
    try:
        theme = load_theme(args.theme).chain[0]
    except ThemeError as e:
        print(f"xxgk: 错误：{e}", file=sys.stderr)
        return 1
    tmp = Path(tempfile.mkdtemp(prefix="xxgk-serve-"))
    try:
        return _serve(content, theme, args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _serve(content: Path, theme: Path, args: argparse.Namespace, tmp: Path) -> int:
    builder = IncrementalBuilder(content, tmp / "site", args.theme)
    try:
        server = PreviewServer(builder, [content, theme], args.host, args.port, report=_print)
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            print(
                f"xxgk: 错误：端口 {args.port} 已被占用（可能已有一个 xxgk serve 在运行）；请用 --port 换一个端口，如 --port {args.port + 1}",
                file=sys.stderr,
            )
        else:
            print(
                f"xxgk: 错误：无法在 {args.host}:{args.port} 上启动预览服务器：{e.strerror or e}",
                file=sys.stderr,
            )
        return 1
    print(f"正在生成预览（{display_path(content)}）……", flush=True)
    try:
        first = server.first_build()
        if not first.ok and any(f.rule == NOT_CONTENT for f in first.findings):
            return 1  # not a content folder at all: said above
        server.start()
        print(f"预览文件夹：{builder.out.parent}", flush=True)
        print(f"预览地址：{server.url}  （按 Ctrl-C 停止）", flush=True)
        print(f"注意：{NOTE}", flush=True)
        if args.host not in ("127.0.0.1", "localhost"):
            print(
                f"注意：预览服务器监听 {args.host}，同一网络中的其他电脑也能访问；只在本机预览时请去掉 --host",
                flush=True,
            )
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, lambda *_: server.stop.set())
        while not server.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        try:
            server.close()
        except KeyboardInterrupt:  # a second Ctrl-C while stopping: stop all the same
            server.close()
    print("已停止预览。", flush=True)
    return 0


def _print(result: UpdateResult, changed: set[Path] | None) -> None:
    """One line per update; the errors, compiler-style, when the content is broken."""
    what = (
        "生成预览"
        if changed is None
        else "更新（"
        + "、".join(sorted(printable(display_path(p)) for p in changed)[:3])
        + (" 等" if len(changed or ()) > 3 else "")
        + "）"
    )
    errors = [f for f in result.findings if blocking(f)]
    if result.ok:
        print(f"{what}：完成，写入 {result.pages} 个文件，用时 {result.seconds:.2f} 秒", flush=True)
        if errors and (changed is None or result.pages):
            for finding in errors:
                print(finding.format(), file=sys.stderr)
            print(f"{what}：内容中有 {len(errors)} 个错误，所在的报告没有生成，其余报告照常预览；改正后会自动更新",
                  file=sys.stderr, flush=True)
        return
    if any(f.rule == NOT_CONTENT for f in errors):
        print(f"xxgk: 错误：{printable(errors[0].message)}", file=sys.stderr, flush=True)
        return
    for finding in errors:
        print(finding.format(), file=sys.stderr)
    shown = "尚无可预览的版本，页面上会列出这些错误" if changed is None else "预览仍显示上一次成功生成的版本"
    print(f"{what}：内容中有 {len(errors)} 个错误，{shown}；改正后会自动更新", file=sys.stderr, flush=True)
