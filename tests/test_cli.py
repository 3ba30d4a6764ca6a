"""The xxgk command as an editor runs it: exit statuses, output formats, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import edit


def xxgk(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_check_passes_on_the_demo_content(content: Path):
    result = xxgk("check", "content", cwd=content.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("检查了 5 份报告、5 个机关：0 个错误，")
    assert result.stderr == ""


def test_strict_fails_on_the_demo_warnings(content: Path):
    assert xxgk("check", "content", "--strict", cwd=content.parent).returncode == 1


def test_an_originals_arithmetic_is_printed_compiler_style_and_does_not_fail_the_check(content: Path):
    """An R4 error is the original's own (it prints these numbers): listed, in Chinese with the
    field key in parentheses, but publishable, so the check passes unless --strict."""
    line, _ = edit(content / "reports/baofeng/2020.yaml", "  review: [0, 0, 0, 0, 0]", "  review: [1, 0, 0, 0, 0]")
    result = xxgk("check", "content", cwd=content.parent)
    assert result.returncode == 0
    assert (
        f"content/reports/baofeng/2020.yaml:{line}:24: 错误 R4（review_litigation.review.total）："
        "第四部分“行政复议”：结果维持 1 + 结果纠正 0 + 其他结果 0 + 尚未审结 0 = 1，而总计为 0；二者应相等"
    ) in result.stdout.splitlines()
    assert result.stdout.splitlines()[-1].startswith("检查了 5 份报告、5 个机关：1 个错误（其中 1 个是原件本身加不拢，照常发布），")
    assert xxgk("check", "content", "--strict", cwd=content.parent).returncode == 1


def test_an_editors_error_exits_1(content: Path):
    line, _ = edit(content / "reports/baofeng/2020.yaml", "  review: [0, 0, 0, 0, 0]", "  review: [1, 0, 0, 0]")
    result = xxgk("check", "content", cwd=content.parent)
    assert result.returncode == 1
    assert f"content/reports/baofeng/2020.yaml:{line}:3: 错误 SCHEMA（review_litigation.review）：" in result.stdout


def test_json_output(content: Path):
    edit(content / "reports/baofeng/2020.yaml", "  review: [0, 0, 0, 0, 0]", "  review: [1, 0, 0, 0, 0]")
    result = xxgk("check", "content", "--format", "json", cwd=content.parent)
    assert result.returncode == 0  # the original's own arithmetic: publishable
    data = json.loads(result.stdout)
    assert data["reports"] == 5 and data["counts"]["error"] == 1
    [r4] = [f for f in data["findings"] if f["rule"] == "R4"]
    assert r4["file"] == "content/reports/baofeng/2020.yaml"
    assert r4["field"] == "review_litigation.review.total"
    assert r4["severity"] == "error" and r4["data"] == {"sum": 1, "total": 0}


def test_broken_yaml_is_a_finding_not_a_traceback(content: Path):
    (content / "reports/baofeng/2020.yaml").write_text("schema: 1\nagency: [baofeng\n", encoding="utf-8")
    result = xxgk("check", "content", cwd=content.parent)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert (
        "content/reports/baofeng/2020.yaml:3:1: 错误 YAML：YAML 格式错误：读取方括号列表 [ … ] 时，"
        "没有找到应有的逗号“,”或右方括号“]”，请检查方括号是否配对"
    ) in result.stdout


def test_binary_garbage_is_a_finding_not_a_traceback(content: Path):
    (content / "reports/baofeng/2020.yaml").write_bytes(b"\x00\xff\xfe garbage")
    result = xxgk("check", "content", cwd=content.parent)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "content/reports/baofeng/2020.yaml:1:2: 错误 YAML：文件不是 UTF-8 编码" in result.stdout  # at the \xff


def test_not_a_content_folder_exits_2(tmp_path: Path):
    result = xxgk("check", "nowhere", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "xxgk: 错误：内容文件夹 nowhere 不存在"


def test_fmt_check_and_rewrite(content: Path):
    file = content / "reports/baofeng/2020.yaml"
    canonical = file.read_text(encoding="utf-8")
    file.write_text(canonical.replace("  received_new: [1, 0, 0, 0, 0, 0, 1]", "  received_new: [1,0,0,0,0,0,1]"), encoding="utf-8")
    assert xxgk("fmt", "content", "--check", cwd=content.parent).returncode == 1
    assert file.read_text(encoding="utf-8") != canonical  # --check writes nothing
    assert xxgk("fmt", "content", cwd=content.parent).returncode == 0
    assert file.read_text(encoding="utf-8") == canonical
    assert xxgk("fmt", "content", "--check", cwd=content.parent).returncode == 0


def test_help_lists_every_rule():
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--help"], capture_output=True, text=True)
    for rule in ("R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8"):
        assert rule in result.stdout


def test_init_then_check(tmp_path: Path):
    assert xxgk("init", "portal", cwd=tmp_path).returncode == 0
    assert xxgk("check", "portal", cwd=tmp_path).returncode == 0
    again = xxgk("init", "portal", cwd=tmp_path)
    assert again.returncode == 2 and "已存在且不是空文件夹" in again.stderr
