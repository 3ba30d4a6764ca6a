"""Charts as inline SVG, made at build time: no script, no fetch, readable without them.

Each chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` giving the figures in
words; the page prints the same numbers in a data table beside it. Colours are picked for at
least 3:1 contrast against white (WCAG 1.4.11) and every series is also named in the legend
text, so colour is never the only cue. Hand-written SVG is a few dozen lines; a charting
library would add a dependency and scripts for no gain.
"""

from __future__ import annotations

from html import escape

from markupsafe import Markup

from ..pages.agency import Chart, Series
from ..pages.tables import format_number

# Colours with ≥ 3:1 contrast on white, distinguishable in the common colour-vision deficiencies.
PALETTE = ("#1d4f91", "#b3541e", "#2e7d32", "#7b1fa2", "#8d6e00", "#c2185b", "#455a64")


def svg(chart: Chart | None) -> Markup:
    """The ``svg`` filter: a chart of the page data as inline SVG."""
    if chart is None:
        return Markup("")
    return stacked_bars(chart.title, chart.categories, chart.series, chart.unit)


def stacked_bars(
    title: str, categories: list[str], series: list[Series], unit: str = "件", id: str = "chart"
) -> Markup:  # noqa: A002
    """Vertical stacked bars, one per category (e.g. a year), with a legend and a description."""
    width, height = 480, 260
    left, right, top, bottom = 48, 8, 20, 36
    legend_rows = (len(series) + 2) // 3
    total_height = height + legend_rows * 24 + 8
    totals = [sum(s.values[i] or 0 for s in series) for i in range(len(categories))]
    peak = max(totals + [1])
    scale_max = _nice(peak)
    plot_h = height - top - bottom
    plot_w = width - left - right
    slot = plot_w / max(len(categories), 1)
    bar_w = min(56.0, slot * 0.6)
    parts = []
    for k in range(5):  # grid lines and scale
        v = scale_max * k / 4
        y = top + plot_h - plot_h * k / 4
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" class="grid"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{format_number(_round(v))}</text>')
    for i, category in enumerate(categories):
        x = left + slot * i + (slot - bar_w) / 2
        y = top + plot_h
        for s_index, s in enumerate(series):
            value = s.values[i] or 0
            h = plot_h * value / scale_max
            if h > 0:
                y -= h
                parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                    f'fill="{PALETTE[s_index % len(PALETTE)]}"/>'
                )
        parts.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 18}" text-anchor="middle">{escape(category)}</text>'
        )
        if totals[i]:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h - plot_h * totals[i] / scale_max - 4:.1f}" '
                f'text-anchor="middle">{format_number(_round(totals[i]))}</text>'
            )
    for s_index, s in enumerate(series):  # legend
        col, row = s_index % 3, s_index // 3
        lx, ly = 8 + col * 160, height + row * 24
        parts.append(f'<rect x="{lx}" y="{ly}" width="14" height="14" fill="{PALETTE[s_index % len(PALETTE)]}"/>')
        parts.append(f'<text x="{lx + 20}" y="{ly + 12}">{escape(s.label)}</text>')
    desc = "；".join(
        f"{category}：" + "，".join(f"{s.label} {_word(s.values[i], unit)}" for s in series)
        for i, category in enumerate(categories)
    )
    svg = (
        f'<svg class="chart" viewBox="0 0 {width} {total_height}" role="img" '
        f'aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{id}-title">{escape(title)}</title><desc id="{id}-desc">{escape(desc)}</desc>'
        + "".join(parts)
        + "</svg>"
    )
    return Markup(svg)


def _word(value: float | None, unit: str) -> str:
    if value is None:
        return "空白"
    return f"{format_number(_round(value))}{unit}" if unit == "%" else f"{format_number(_round(value))} {unit}"


def _round(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 2)


def _nice(peak: float) -> float:
    """A scale maximum at or above the peak whose four steps are round whole numbers."""
    if peak <= 4:
        return 4.0
    scale = 1.0
    while True:
        for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8):
            step = m * scale
            if step.is_integer() and step * 4 >= peak:
                return step * 4
        scale *= 10
