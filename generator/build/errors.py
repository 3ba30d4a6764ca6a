"""Why a build stops: the message says it in Chinese, for the editor."""

from __future__ import annotations

from ..findings import Finding


class BuildError(Exception):
    """The build cannot go on; the message says why."""


class CheckFailed(BuildError):
    """The content has errors: no site is made (the findings say which)."""

    def __init__(self, findings: list[Finding]):
        super().__init__("内容检查发现错误，未生成网站")
        self.findings = findings
