"""The theme contract: typed page contexts, the handbook's template reference generated from
them, every name a default template uses is a context field, named blocks, ``extends:``."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import jinja2
import pytest
from jinja2 import meta

from generator.build import BuildError, build
from generator.handbook import templates_page
from generator.pages.kinds import KINDS
from generator.pages.site import Common
from generator.render.templates import environment
from generator.render.theme import THEMES, load_theme

from .conftest import DEMO

TEMPLATES = THEMES / "default" / "templates"


def _reference_sections() -> dict[str, set[str]]:
    """The variables the generated reference lists, by section heading."""
    sections: dict[str, set[str]] = {}
    current = ""
    for line in templates_page().splitlines():
        if line.startswith("## "):
            current = line[3:]
            sections[current] = set()
        found = re.match(r"\| `([a-z_0-9]+)` \| `", line)
        if found:
            sections[current].add(found.group(1))
    return sections


def test_the_handbooks_template_reference_lists_every_context_field():
    sections = _reference_sections()
    common = {f.name for f in dataclasses.fields(Common)}
    assert sections["所有页面共有的变量"] == common
    for kind, (template, context, _) in KINDS.items():
        fields = {f.name for f in dataclasses.fields(context)}
        listed = sections[f"`{template}`（{kind}）"]
        expected = fields if kind in ("feed", "sitemap") else fields - common
        assert listed == expected, kind
        for f in dataclasses.fields(context):
            assert f.metadata.get("doc"), f"{context.__name__}.{f.name} has no description"


def _used(name: str) -> set[str]:
    env = environment(load_theme("default"))
    source = (TEMPLATES / name).read_text(encoding="utf-8")
    macros = set(re.findall(r"{% macro (\w+)", (TEMPLATES / "_macros.html").read_text(encoding="utf-8")))
    # a loop's variable seen inside a scoped block ({% block part scoped %}) is the loop's
    loops = {name for target in re.findall(r"{% for ([\w, ]+) in", source) for name in re.split(r"[, ]+", target)}
    return meta.find_undeclared_variables(env.parse(source)) - set(env.globals) - macros - loops


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_name_a_default_template_uses_is_a_field_of_its_context(kind: str):
    template, context, _ = KINDS[kind]
    fields = {f.name for f in dataclasses.fields(context)}
    assert _used(template) <= fields, _used(template) - fields


def test_the_page_frame_uses_only_the_common_fields():
    assert _used("base.html") <= {f.name for f in dataclasses.fields(Common)}


@pytest.mark.parametrize("kind", [k for k in KINDS if k not in ("feed", "sitemap")])
def test_every_page_template_has_named_blocks_inside_its_content(kind: str):
    source = (TEMPLATES / KINDS[kind][0]).read_text(encoding="utf-8")
    names = re.findall(r"{% block (\w+)", source)
    assert names[0] in ("content", "base") and len(names) >= 2 or kind in ("search", "not_found"), names


def test_a_theme_may_extend_the_default(tmp_path: Path):
    theme = tmp_path / "county"
    (theme / "templates").mkdir(parents=True)
    (theme / "static").mkdir()
    (theme / "theme.yaml").write_text("extends: default\n", encoding="utf-8")
    (theme / "static/site.css").write_text("/* county */\n", encoding="utf-8")
    (theme / "templates/report.html").write_text(
        '{% extends "default:report.html" %}{% block downloads %}<p class="county">请到政务服务大厅查阅原件</p>{% endblock %}',
        encoding="utf-8",
    )
    out = tmp_path / "site"
    build(DEMO, out, theme=str(theme), search=False)
    report = (out / "reports/shiwo/2021.html").read_text(encoding="utf-8")
    assert '<p class="county">请到政务服务大厅查阅原件</p>' in report and 'id="downloads"' not in report
    assert "三、收到和处理政府信息公开申请情况" in report  # the rest of the default template
    assert (out / "static/site.css").read_text(encoding="utf-8") == "/* county */\n"  # its own static file wins
    assert (out / "static/enhance.js").is_file()  # the default theme's others are there
    assert "<h1>" in (out / "index.html").read_text(encoding="utf-8")  # templates it lacks: the default's


def test_a_theme_extending_itself_or_a_missing_theme_is_a_clear_error(tmp_path: Path):
    theme = tmp_path / "loop"
    (theme / "templates").mkdir(parents=True)
    (theme / "theme.yaml").write_text("extends: ./\n", encoding="utf-8")
    with pytest.raises(BuildError, match="extends 构成循环"):
        build(DEMO, tmp_path / "site", theme=str(theme), search=False)
    (theme / "theme.yaml").write_text("extends: nosuch\n", encoding="utf-8")
    with pytest.raises(BuildError, match="主题 nosuch 不存在"):
        build(DEMO, tmp_path / "site", theme=str(theme), search=False)


def test_templates_see_typed_contexts_not_dicts():
    for kind, (_, context, _) in KINDS.items():
        assert dataclasses.is_dataclass(context), kind
    with pytest.raises(jinja2.UndefinedError):
        environment(load_theme("default")).from_string("{{ nope.x }}").render()
