"""A theme: a folder of Jinja templates and static files, which may extend another theme.

A theme is a folder with ``templates/`` and ``static/``, named on the command line by its
name under ``themes/`` or by a path. Like a mkdocs theme (``mkdocs_theme.yml``), it may say
``extends: default`` (or another theme's name) in a ``theme.yaml`` file: templates it does not
have come from the theme it extends, whose static files are copied first and overwritten by
its own. Any template may ``{% extends "default:report.html" %}`` to build on the default
theme's template of the same name and override some of its blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import yamlio
from ..findings import display_path

THEMES = Path(__file__).resolve().parent.parent.parent / "themes"
SETTINGS = "theme.yaml"


class ThemeError(Exception):
    """The theme cannot be used; the message says why, in Chinese, for the editor."""


@dataclass(frozen=True)
class Theme:
    name: str
    chain: tuple[Path, ...]  # this theme's folder, then the folders of the themes it extends

    @property
    def templates(self) -> list[Path]:
        return [folder / "templates" for folder in self.chain if (folder / "templates").is_dir()]

    @property
    def static(self) -> list[Path]:
        """Static folders in copying order: the extended theme's first."""
        return [folder / "static" for folder in reversed(self.chain) if (folder / "static").is_dir()]


def load_theme(name: str) -> Theme:
    chain: list[Path] = []
    current: str | None = name
    while current is not None:
        folder = _folder(current, chain[-1] if chain else None)
        if folder in chain:
            raise ThemeError(f"主题 {name} 的 extends 构成循环：{' → '.join(str(p) for p in [*chain, folder])}")
        chain.append(folder)
        current = _extends(folder)
    return Theme(name, tuple(chain))


def _folder(name: str, child: Path | None) -> Path:
    if "/" in name or name.startswith("."):
        folder = Path(name) if child is None or Path(name).is_absolute() else (child / name)
    else:
        folder = THEMES / name
    folder = folder.resolve()
    if not (folder / "templates").is_dir():
        known = "、".join(sorted(p.name for p in THEMES.iterdir() if (p / "templates").is_dir()))
        raise ThemeError(f"主题 {name} 不存在（没有 {folder}/templates）；可用的主题：{known}")
    return folder


def _extends(folder: Path) -> str | None:
    file = folder / SETTINGS
    if not file.is_file():
        return None
    loaded, problems = yamlio.load_file(file, display_path(file))
    if problems or loaded is None:
        raise ThemeError(f"{display_path(file)} 无法读取：" + "；".join(p.message for p in problems))
    data = loaded.data
    if data is None:
        return None
    if not isinstance(data, dict) or set(data) - {"extends"}:
        raise ThemeError(f"{display_path(file)} 只能写 extends: 主题名称")
    parent = data.get("extends")
    if parent is not None and not isinstance(parent, str):
        raise ThemeError(f"{display_path(file)} 的 extends 应为主题名称")
    return parent
