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


def svg(chart: Chart | None, large: bool = False) -> Markup:
    """The ``svg`` filter: a chart of the page data as inline SVG (laid out for large text on
    the pages of the 大字模式 copy)."""
    if chart is None:
        return Markup("")
    return stacked_bars(chart.title, chart.categories, chart.series, large=large)


# The text size the layout is made for, in the chart's own units: the style sheet sets the same
# (site.css: .chart 15px; html.large .chart 24px, the chart at most 520 px wide, so that on a
# 375 px phone, where the chart is drawn at 331/480 of its size, text is still 16.5 px).
TEXT, LARGE_TEXT = 15, 24


def _text_width(text: str, size: float) -> float:
    """About how wide ``text`` is drawn: CJK characters a full em, the rest about half."""
    return sum(size if ord(c) > 0x2E80 else 0.6 * size for c in text)


def stacked_bars(
    title: str, categories: list[str], series: list[Series], unit: str = "件", id: str = "chart", large: bool = False
) -> Markup:  # noqa: A002
    """Vertical stacked bars, one per category (e.g. a year), with a legend and a description."""
    size = LARGE_TEXT if large else TEXT
    em = size / TEXT  # how much larger than the standard layout
    width, height = 480, round(260 * (1.15 if large else 1))
    left, right, top, bottom = round(48 * em), 8, round(20 * em), round(36 * em)
    per_row = 2 if large else 3
    legend_rows = (len(series) + per_row - 1) // per_row
    total_height = height + legend_rows * round(24 * em) + 8
    totals = [sum(s.values[i] or 0 for s in series) for i in range(len(categories))]
    peak = max(totals + [1])
    scale_max = _nice(peak)
    plot_h = height - top - bottom
    plot_w = width - left - right
    slot = plot_w / max(len(categories), 1)
    bar_w = min(56.0, slot * 0.6)
    # category labels that would run into each other lose a trailing 年 (2019年 → 2019)
    labels = list(categories)
    if any(_text_width(c, size) > slot - 4 for c in labels):
        labels = [c.removesuffix("年") for c in labels]
    parts = []
    for step in range(5):  # grid lines and scale
        v = scale_max * step / 4
        y = top + plot_h - plot_h * step / 4
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" class="grid"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4 * em:.1f}" text-anchor="end">{format_number(_round(v))}</text>')
    for i in range(len(categories)):
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
            f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + round(18 * em)}" text-anchor="middle">{escape(labels[i])}</text>'
        )
        if totals[i]:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h - plot_h * totals[i] / scale_max - 4:.1f}" '
                f'text-anchor="middle">{format_number(_round(totals[i]))}</text>'
            )
    for s_index, s in enumerate(series):  # legend
        col, row = s_index % per_row, s_index // per_row
        lx, ly = 8 + col * (480 // per_row), height + row * round(24 * em)
        box = round(14 * em)
        parts.append(f'<rect x="{lx}" y="{ly}" width="{box}" height="{box}" fill="{PALETTE[s_index % len(PALETTE)]}"/>')
        parts.append(f'<text x="{lx + box + 6}" y="{ly + round(12 * em)}">{escape(s.label)}</text>')
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
    return "空白" if value is None else f"{format_number(_round(value))} {unit}"


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
