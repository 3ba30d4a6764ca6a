"""Text lines in an ink image (numpy, OpenCV): where to crop for the recogniser.

Specks (dust, noise) are dropped first: ink too small for a stroke and away from any larger
ink (a decimal point or 、 beside its characters is kept). Lines are the runs of ink rows of
a horizontal projection; a sliver much lower than the lines around it (the dots of a quote,
one stroke of 二 alone) joins its neighbour, and a run as tall as two lines is cut at its
faintest row. Within a line, a gap wider than ``split`` line heights separates segments (the
columns of a borderless table, a signature set apart); a comma's gap is under one height.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np


@dataclass
class Box:
    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def height(self) -> int:
        return self.y1 - self.y0


def despeckle(ink: np.ndarray, dpi: float) -> np.ndarray:
    """The ink without isolated specks: blobs under a twenty-fifth of an inch across and
    round (a hyphen or a dash is long and thin, and stays), away from larger ink."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if n <= 1:
        return ink
    w, h = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    long_side, short_side = np.maximum(w, h), np.maximum(1, np.minimum(w, h))
    big = (long_side >= dpi / 25) | ((long_side >= 3 * short_side) & (long_side >= dpi / 50))
    big[0] = False
    if big[1:].all():
        return ink
    big_mask = np.where(big[labels], 255, 0).astype(np.uint8)
    reach = max(3, int(dpi / 12))  # a sixth of a character away at most
    near = cv2.dilate(big_mask, cv2.getStructuringElement(cv2.MORPH_RECT, (reach, reach)))
    keep = big.copy()
    keep[np.unique(labels[near > 0])] = True  # small ink touching the reach of larger ink
    keep[0] = False
    return np.where(keep[labels], 255, 0).astype(np.uint8)


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    padded = np.concatenate(([False], mask, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


def bands(ink: np.ndarray, ref: float | None = None) -> list[tuple[int, int]]:
    """Rows of text in an ink image: (top, bottom) pairs."""
    rows = (ink > 0).sum(axis=1)
    runs = _runs(rows > 0)
    if not runs:
        return []
    heights = sorted(b - a for a, b in runs)
    tall = [x for x in heights if x >= heights[-1] / 3] or heights  # slivers say nothing of a line's height
    typical = ref or float(tall[len(tall) // 2])

    def extent(a: int, b: int) -> tuple[int, int]:
        xs = np.flatnonzero((ink[a:b] > 0).any(axis=0))
        return int(xs[0]), int(xs[-1]) + 1

    # A sliver joins the nearer neighbour above or below it when it is close and lies over it
    # (the dots of a quote, the top stroke of 二); a small sliver by itself is dust.
    changed = True
    while changed and len(runs) > 1:
        changed = False
        for i, (a, b) in enumerate(runs):
            if b - a >= 0.45 * typical:
                continue
            x0, x1 = extent(a, b)
            gaps = []
            for j in (i - 1, i + 1):
                if 0 <= j < len(runs):
                    n0, n1 = extent(*runs[j])
                    if x0 < n1 + typical and n0 - typical < x1:
                        gaps.append((a - runs[j][1] if j < i else runs[j][0] - b, j))
            if not gaps:
                continue
            gap, j = min(gaps)
            lo, hi = min(runs[j][0], a), max(runs[j][1], b)
            if gap <= 0.35 * typical and hi - lo <= 1.4 * typical:
                runs[min(i, j)] = (lo, hi)
                del runs[max(i, j)]
                changed = True
                break
    out: list[tuple[int, int]] = []
    for a, b in runs:
        if b - a < 0.45 * typical:
            x0, x1 = extent(a, b)
            if x1 - x0 < 0.45 * typical and x1 - x0 < 2 * (b - a):
                continue  # a speck on its own row (a hyphen is long: it stays)
        out.extend(_cut(rows, a, b, typical))
    return out


def _cut(rows: np.ndarray, a: int, b: int, typical: float) -> list[tuple[int, int]]:
    """A run as tall as two or more lines, cut at its faintest rows."""
    n = int(round((b - a) / typical)) if typical > 0 else 1
    if b - a < 1.7 * typical or n < 2:
        return [(a, b)]
    out = []
    start = a
    for k in range(1, n):
        centre = a + (b - a) * k // n
        lo, hi = max(start + 1, centre - int(typical * 0.3)), min(b - 1, centre + int(typical * 0.3))
        if hi <= lo:
            continue
        cut = lo + int(np.argmin(rows[lo:hi]))
        out.append((start, cut))
        start = cut
    out.append((start, b))
    return out


def segments(ink: np.ndarray, top: int, bottom: int, split: float, left: int = 0, right: int | None = None) -> list[Box]:
    """Pieces of one text row (between ``left`` and ``right``) separated by gaps wider than
    ``split`` × the row's height."""
    cols = (ink[top:bottom, left:right] > 0).any(axis=0)
    runs = [(a + left, b + left) for a, b in _runs(cols)]
    if not runs:
        return []
    gap = split * (bottom - top)
    pieces = [list(runs[0])]
    for a, b in runs[1:]:
        if a - pieces[-1][1] > gap:
            pieces.append([a, b])
        else:
            pieces[-1][1] = b
    out = []
    for a, b in pieces:
        sub = ink[top:bottom, a:b] > 0
        ys = np.flatnonzero(sub.any(axis=1))
        out.append(Box(a, top + int(ys[0]), b, top + int(ys[-1]) + 1))
    return out


def crop(grey: np.ndarray, box: Box, limit: Box | None = None) -> np.ndarray:
    """The line's image with a margin the recogniser expects, contrast stretched; margins
    beyond ``limit`` (a cell's inside) are filled with paper."""
    h = box.height
    my, mx = max(2, int(0.2 * h)), max(3, int(0.3 * h))
    lim = limit or Box(0, 0, grey.shape[1], grey.shape[0])
    x0, y0 = max(lim.x0, box.x0 - mx), max(lim.y0, box.y0 - my)
    x1, y1 = min(lim.x1, box.x1 + mx), min(lim.y1, box.y1 + my)
    part = grey[y0:y1, x0:x1]
    if part.size == 0:
        return np.full((max(h, 1), max(box.x1 - box.x0, 1)), 255, np.uint8)
    dark, paper = np.percentile(part, (1, 60))
    if paper - dark >= 24:
        part = np.clip((part.astype(np.float32) - dark) * (255.0 / (paper - dark)), 0, 255).astype(np.uint8)
    out = np.full((box.height + 2 * my, box.x1 - box.x0 + 2 * mx), 255, np.uint8)
    oy, ox = y0 - (box.y0 - my), x0 - (box.x0 - mx)
    out[oy : oy + part.shape[0], ox : ox + part.shape[1]] = part
    return out
