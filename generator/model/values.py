"""What a value of the content may be, and how a value is named in messages.

Shared by the report (:mod:`.report`) and the portal files (:mod:`.portal`): agency ids
(:func:`id_problem`), the path of an original (:func:`original_path_problem`), web addresses
(:func:`url_problem`), and :func:`type_name` / :func:`number_text` / :func:`suggest` for the
Chinese messages about wrong values.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import ipaddress
import re
from typing import Any
from urllib.parse import urlsplit

ORIGINALS_DIR = "originals"  # the folder of the content folder holding the original files
# An agency id (the spec: a lower-case ASCII slug). \Z, not $: "shiwo\n" is not an id.
SLUG = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")
MAX_ID_LENGTH = 100  # file names are built from it (agencies/<id>.html …): far below 255 bytes
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def id_problem(value: Any) -> str | None:
    """Why a value is not an agency id, or None when it is one (wherever it comes from: a
    report, agencies.yaml, a folder name): no separators, ``..``, spaces, control characters
    or trailing newline can pass the pattern."""
    if not isinstance(value, str):
        return f"应为机关代码（小写字母、数字和连字符），实为 {type_name(value)}"
    if len(value) > MAX_ID_LENGTH:
        return f"机关代码最长 {MAX_ID_LENGTH} 个字符，实有 {len(value)} 个"
    if not SLUG.match(value):
        return f"应为小写字母、数字和连字符组成的机关代码（如 qixingpao、shi-wo），实为 {quoted(value)}"
    return None


def original_path_problem(file: str) -> str | None:
    """Why ``source.file`` cannot name an original, or None: it must be a relative path
    inside ``originals/`` written with ``/``, without ``..`` or control characters. (Whether
    the file is there, and not a link out of the content folder, is for content loading.)"""
    parts = file.split("/")
    if (
        len(parts) < 2
        or parts[0] != ORIGINALS_DIR
        or any(p in ("", ".", "..") for p in parts)
        or "\\" in file
        or _CONTROL.search(file)
    ):
        return (
            f"应为 {ORIGINALS_DIR}/ 下的原件路径，用 / 分隔、不含 ..（如 {ORIGINALS_DIR}/qixingpao/2020.pdf），"
            f"实为 {quoted(file)}；网站只发布 {ORIGINALS_DIR}/ 中的原件"
        )
    return None


def url_problem(value: str, base: bool = False) -> str | None:
    """Why a text is not a web address a page may name, or None when it is one: http or
    https, one host (no user name before an @), a plain path (no ``//``, ``.`` or ``..``
    segments, no backslash), no spaces or control characters. A ``base`` address (a site's
    base_url) takes no query or fragment either."""
    if _SPACE_OR_CONTROL.search(value):
        return "网址中不能有空格或控制字符"
    if "\\" in value:
        return "网址中不能有反斜杠 \\"
    try:
        parts = urlsplit(value)
        port = parts.port  # a port that is not a number raises here
    except ValueError:
        return "不是有效的网址"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not value.lower().startswith(scheme + "://"):
        return "应以 http:// 或 https:// 开头"
    if "@" in parts.netloc:
        return "网址的主机名前不能有用户名（@）"
    host = parts.hostname or ""
    if not _host_ok(host) or (port is not None and not 0 < port < 65536):
        return f"主机名 {host or '（空）'} 无效"
    if "//" in parts.path:
        return "路径中不能有连续的 //（浏览器会把其后的部分当作另一个网站）"
    if any(seg in (".", "..") for seg in parts.path.split("/")):
        return "路径中不能有 . 或 .. 段"
    if base and (parts.query or parts.fragment or value.endswith(("?", "#"))):
        return "网站地址不能带 ? 或 # 之后的部分"
    return None


_SPACE_OR_CONTROL = re.compile("[\\s\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LABEL = re.compile(r"\A(?!-)[a-z0-9-]{1,63}(?<!-)\Z")


def _host_ok(host: str) -> bool:
    if host.isascii() and all(_LABEL.match(label) for label in host.split(".")):
        return len(host) <= 253  # the common case: www.example.gov.cn
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii")  # 中文域名 → xn--…
    except UnicodeError:
        return False
    return len(ascii_host) <= 253 and all(_LABEL.match(label) for label in ascii_host.split("."))


def quoted(value: str) -> str:
    """A short repr of a text for messages: control characters and the like made visible."""
    return repr(value if len(value) <= 40 else value[:40] + "…")


def number_text(value: int | float) -> str:
    """A number for a message; a huge one by its first digits and its length."""
    if type(value) is int and value.bit_length() > 64:
        digits = int(value.bit_length() * 0.30103) + 1  # about; str() of a huge int is slow
        return f"{str(value)[:6] if digits < 4000 else ''}…（约 {digits} 位数）"
    return str(value)


def suggest(key: str, choices: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(key, choices, n=1)
    return f"，是否应为 {close[0]}？" if close else ""


def type_name(value: Any) -> str:
    """A value as a message names it: its kind and (a short form of) itself."""
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return f"真假值 {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"数字 {number_text(value)}"
    if isinstance(value, str):
        return f"文字“{value if len(value) <= 80 else value[:80] + '…'}”"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "键值映射"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return f"日期 {value}"
    return type(value).__name__
