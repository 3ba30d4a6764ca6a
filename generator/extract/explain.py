"""The ``--explain`` view: per table row, which printed label matched which key and why."""

from __future__ import annotations

from typing import Any


def explain_text(outcome: Any) -> str:
    lines = [f"  位置：{outcome.located}", f"  格式版本：{outcome.template_reason}"] if outcome.located else [f"  格式版本：{outcome.template_reason}"]
    current = None
    for e in outcome.explain:
        if e.table != current:
            current = e.table
            lines.append(f"  [{e.table}]")
        values = " ".join(v if v.strip() else "·" for v in e.values)
        target = e.key or "—"
        lines.append(f"    “{e.printed}” → {target}：{e.why}" + (f"  [{values}]" if values else ""))
    return "\n".join(lines)
