"""Issue 14, item 7: everything the command line says is Chinese. Every subcommand's --help and
representative mistakes (a wrong command, option, value; a broken YAML file; an editor's error
in a report; the original's own arithmetic) print no English sentence: argparse's headings and
messages, the severity words and the YAML parser's messages are translated; English field keys
and option names may stay (in parentheses, or as what the editor types)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import COMMANDS, main

from .conftest import edit
from .publishing import break_shiwo, with_hongze

# Two or more English words in a row: a sentence left untranslated ("show this help message").
_SENTENCE = re.compile(r"\b[A-Za-z]{2,}(?: [A-Za-z]{2,})+\b")
# English words of argparse, PyYAML and our own old output, alone.
_WORDS = re.compile(
    r"\b(usage|error|warning|info|options|positional|arguments?|invalid|choice|required|expected|"
    r"unrecognized|found|while|scanning|parsing|mapping|sequence|scalar|token|allowed|context)\b",
    re.IGNORECASE,
)
# What may stay: option names and choices, paths and addresses, quoted values (what was typed).
_TYPED = re.compile(r"xxgk(?: [a-z]+)?|--?[a-z][a-z-]*|\{[a-z,]+\}|'[^']*'|\"[^\"]*\"|\S*[/@]\S*|\S+\.(?:yaml|yml|pdf|html|csv|json|xlsx)\b")


def english(text: str) -> list[str]:
    """The English sentences and words of ``text`` that are not what an editor types."""
    plain = _TYPED.sub(" ", text)
    return _SENTENCE.findall(plain) + _WORDS.findall(plain)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    try:
        code = main(list(argv))
    except SystemExit as e:  # --help, and argparse's own errors
        code = int(e.code or 0)
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.parametrize("command", [None, *(c.NAME for c in COMMANDS)])
def test_every_help_is_chinese(command: str | None, capsys: pytest.CaptureFixture[str]):
    code, text = run(capsys, *([command] if command else []), "--help")
    assert code == 0
    assert text.startswith("用法：xxgk")
    assert "选项:" in text and "显示本帮助并退出" in text
    if command not in (None,):
        assert "参数:" in text or command == "import" or "选项:" in text
    assert english(text) == [], text


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        ((), "xxgk: 错误：缺少必需的参数：命令"),
        (("publish",), "xxgk: 错误：参数 命令：无效的选择：'publish'（可选："),
        (("check", "--format", "xml"), "xxgk check: 错误：参数 --format：无效的选择：'xml'（可选：'text', 'json', 'csv'）"),
        (("check", "--since", "去年"), "xxgk check: 错误：参数 --since：值无效：'去年'（应为整数）"),
        (("check", "--no-such-option"), "xxgk: 错误：无法识别的参数：--no-such-option"),
        (("import",), "xxgk import: 错误：缺少必需的参数：文件或文件夹"),
        (("build", "--jobs", "0"), "xxgk build: 错误：参数 --jobs：--jobs 应为正整数，而不是 0"),
        (("serve", "--port"), "xxgk serve: 错误：参数 --port：后面应有一个值"),
    ],
)
def test_usage_errors_are_chinese(argv: tuple[str, ...], said: str, capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    code, text = run(capsys, *argv)
    assert code == 2
    assert said in text, text
    assert english(text) == [], text


def test_findings_and_yaml_messages_are_chinese(content: Path, capsys: pytest.CaptureFixture[str]):
    with_hongze(content)
    break_shiwo(content)
    (content / "reports/baofeng/2020.yaml").write_text("schema: 1\nagency: [baofeng\nyear: 2020\n", encoding="utf-8")
    edit(content / "reports/qixingpao/2020.yaml", "template: gb2019\n", "template: gb2019\nbad: x: y\n")
    code, text = run(capsys, "check", "content")
    assert code == 1
    assert "content/reports/baofeng/2020.yaml:3:5: 错误 YAML：YAML 格式错误：读取方括号列表 [ … ] 时，没有找到应有的逗号“,”或右方括号“]”" in text
    assert "错误 YAML：YAML 格式错误：读取“键: 值”各行时" in text or "这里不能出现“键: 值”" in text
    assert "错误 R4（review_litigation.review.total）" in text and "警告 Q5（other）" in text
    assert "个错误（其中 2 个是原件本身加不拢，照常发布）" in text
    assert english(text) == [], text
    code, text = run(capsys, "build", "content", "--out", "site", "--no-search")
    assert code == 3
    assert "以下 3 项有错误，这次没有发布（其余报告照常发布）" in text
    assert english(text) == [], text
    code, text = run(capsys, "fmt", "content", "--check")
    assert english(text) == [], text
