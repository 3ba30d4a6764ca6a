"""A new, empty portal: the content folder an editor imports into and builds from.

``site.yaml`` is written from :data:`generator.model.portal.SITE_SETTINGS`, every setting with
its Chinese description as a comment, so the file documents itself and cannot drift from
what ``xxgk check`` accepts. ``agencies.yaml`` starts empty, with the fields of an entry
described in comments.
"""

from __future__ import annotations

from pathlib import Path

from . import yamlio
from .content import AGENCIES_FILE, ORIGINALS_DIR, REPORTS_DIR, SITE_FILE
from .model.portal import AGENCY_FIELDS, SITE_SETTINGS


class ScaffoldError(Exception):
    pass


def _comment(text: str) -> str:
    return "".join(f"# {line}\n" if line else "#\n" for line in text.splitlines())


def _scalar(key: str, value: str) -> str:
    """One ``key: value`` line, quoted by the YAML library where the value needs it."""
    return yamlio.dumps({key: value})


def site_yaml(title: str, sponsor: str) -> str:
    out = [
        _comment(
            "网站设置。以 # 开头的行是说明，不影响设置。\n"
            "带“必填”的项必须填写；其余各项可删去，或去掉行首的 # 后填写。"
        )
    ]
    values = {"title": title, "sponsor": sponsor}
    for s in SITE_SETTINGS:
        out.append("\n" + _comment(f"{s.description}{'（必填）' if s.required else ''}"))
        if s.key in values:
            out.append(_scalar(s.key, values[s.key]))
        elif s.kind is dict:
            out.append(f"# {s.key}:\n" + "".join(f"#   {k}: \n" for k in s.keys))
        else:
            out.append("# " + _scalar(s.key, s.example or ""))
    return "".join(out)


def agencies_yaml() -> str:
    lines = [
        "机关名录：每个机关一项，按下面的格式添加；导入报告时，未登记的机关会自动登记。",
        "",
        "- id: qixingpao",
        "  name: 宝清县七星泡镇人民政府",
        "  kind: township",
        "",
        "各项的含义：",
    ]
    lines += [f"  {f.key}{'（必填）' if f.required else ''}：{f.description}" for f in AGENCY_FIELDS]
    return _comment("\n".join(lines)) + "[]\n"


def create_portal(root: Path, title: str, sponsor: str) -> list[Path]:
    """Create the folder; refuse to touch a folder that already has files in it."""
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise ScaffoldError(f"{root} 已存在且不是空文件夹；为免覆盖已有内容，请换一个文件夹名")
    written = []
    for name, text in ((SITE_FILE, site_yaml(title, sponsor)), (AGENCIES_FILE, agencies_yaml())):
        yamlio.write_atomic(root / name, text)
        written.append(root / name)
    for folder in (REPORTS_DIR, ORIGINALS_DIR):
        (root / folder).mkdir(parents=True, exist_ok=True)
        written.append(root / folder)
    return written
