"""Ruled tables in a straightened page image: cell boxes, merged cells included (OpenCV).

Rules are found by morphology on the ink image: an opening with a long horizontal element
keeps horizontal rules (and nothing of the text: no stroke of a character is a third of an
inch long), a vertical one keeps vertical rules (its length is under the lowest row of a
table, a fifth of an inch, and over most character strokes; a stroke that survives is no rule
because it does not reach the rules above and below it). A table is a connected group of
rules with at least two horizontal and two vertical ones.

Inside a table the rule positions give a grid of base cells: rows between consecutive
horizontal rules, columns between consecutive vertical rules. Two neighbouring base cells
belong to one merged cell when no rule separates them: the rule between them is looked for
along their common edge and must cover most of it. Every merged cell is a rectangle of base
cells (its bounding box, should broken rules make it ragged).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

SEPARATOR = 0.85  # share of a cell edge a rule covers (scans break thin rules a little)
FLANKED = 0.15  # share of a rule's length with ink right beside it on both sides, at most
FLANK = 2  # pixels beside a rule looked at


@dataclass
class GridCell:
    row: int
    col: int
    rows: int  # rows spanned
    cols: int  # columns spanned
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in pixels, between the rules


@dataclass
class Grid:
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 of the whole table
    ys: list[int]  # horizontal rule positions, top to bottom
    xs: list[int]  # vertical rule positions, left to right
    cells: list[GridCell] = field(default_factory=list)
    rule: int = 2  # typical rule thickness (pixels)

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1


def _positions(profile: np.ndarray, minimum: float) -> list[tuple[int, int]]:
    """Runs of a 1-D profile at or over ``minimum``: (start, end) index pairs."""
    on = profile >= minimum
    runs: list[tuple[int, int]] = []
    start = None
    for i, v in enumerate(on):
        if v and start is None:
            start = i
        elif not v and start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(on)))
    return runs


def _merge_runs(runs: list[tuple[int, int]], gap: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in runs:
        if out and a - out[-1][1] <= gap:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def rule_masks(ink: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical rule masks (uint8 0/255)."""
    # Scans break thin rules into dashes: close small gaps along the rule first.
    hlen, vlen = max(15, int(dpi * 0.33)), max(10, int(dpi * 0.14))
    gap = max(3, int(dpi / 50))
    h = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1)))
    h = cv2.morphologyEx(h, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (hlen, 1)))
    v = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, gap)))
    v = cv2.morphologyEx(v, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, vlen)))
    return h, v


def _coverage(mask: np.ndarray, fixed: int, a: int, b: int, tol: int, vertical: bool) -> float:
    """Share of [a, b) along a rule at position ``fixed`` (± tol) that the mask covers."""
    if b <= a:
        return 0.0
    if vertical:
        strip = mask[a:b, max(0, fixed - tol) : fixed + tol + 1]
        return float((strip.max(axis=1) > 0).mean()) if strip.size else 0.0
    strip = mask[max(0, fixed - tol) : fixed + tol + 1, a:b]
    return float((strip.max(axis=0) > 0).mean()) if strip.size else 0.0


def _flanked(mask: np.ndarray, ink: np.ndarray, fixed: int, a: int, b: int, tol: int, vertical: bool) -> float:
    """Share of [a, b) where ink lies right beside the line on both sides: a rule has paper on
    either side (the cells' padding); a character's stroke has the rest of the character."""
    a, b = a + 2 * tol, b - 2 * tol  # not where the rules at either end cross
    if b <= a:
        return 0.0
    lo = max(0, fixed - tol)
    band = mask[a:b, lo : fixed + tol + 1] if vertical else mask[lo : fixed + tol + 1, a:b].T
    img = ink[a:b, :] if vertical else ink[:, a:b].T
    on = (band > 0).sum(axis=0)
    if not on.any():
        return 0.0
    cols = np.flatnonzero(on >= on.max() * 0.5) + lo  # the rule's own width, where it is here
    first, last = int(cols[0]), int(cols[-1])
    left = img[:, max(0, first - 1 - FLANK) : max(0, first - 1)]  # a pixel off: the rule's ragged edge
    right = img[:, last + 2 : last + 2 + FLANK]
    if not left.size or not right.size:
        return 0.0
    return float(((left > 0).any(axis=1) & (right > 0).any(axis=1)).mean())


def _rule(mask: np.ndarray, ink: np.ndarray, fixed: int, a: int, b: int, tol: int, vertical: bool, need: float) -> bool:
    return _coverage(mask, fixed, a, b, tol, vertical) >= need and _flanked(mask, ink, fixed, a, b, tol, vertical) < FLANKED


def find_grids(ink: np.ndarray, hmask: np.ndarray, vmask: np.ndarray, dpi: float) -> list[Grid]:
    """Every ruled table on the page, top to bottom, from the ink and its rule masks (:func:`rule_masks`)."""
    both = cv2.bitwise_or(hmask, vmask)
    both = cv2.dilate(both, np.ones((3, 3), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(both, connectivity=8)
    grids: list[Grid] = []
    for i in range(1, n):
        x, y, w, h, _ = stats[i]
        if w < dpi * 0.8 or h < dpi * 0.12:
            continue
        grid = _grid(ink, hmask, vmask, (int(x), int(y), int(x + w), int(y + h)), dpi)
        if grid is not None:
            grids.append(grid)
    grids.sort(key=lambda g: (g.box[1], g.box[0]))
    return grids


def _grid(ink: np.ndarray, hmask: np.ndarray, vmask: np.ndarray, box: tuple[int, int, int, int], dpi: float) -> Grid | None:
    x0, y0, x1, y1 = box
    tol = max(2, int(dpi / 50))
    hsub, vsub = hmask[y0:y1, x0:x1], vmask[y0:y1, x0:x1]
    # Horizontal rules: rows of the mask with a long run of rule (any part of the table).
    hprof = (hsub > 0).sum(axis=1)
    ys = [y0 + (a + b) // 2 for a, b in _merge_runs(_positions(hprof, dpi * 0.3), tol)]
    vprof = (vsub > 0).sum(axis=0)
    xs = [x0 + (a + b) // 2 for a, b in _merge_runs(_positions(vprof, dpi * 0.1), tol)]
    if len(ys) < 2 or len(xs) < 2:
        return None
    thickness = max(1, int(np.median([b - a for a, b in _positions(hprof, dpi * 0.3)] or [2])))
    # A horizontal candidate is a rule where a long run of it has paper above and below (strokes
    # of characters side by side can line up into a run, but have the characters around them).
    ys = [y for y in ys if _long_rule(hmask, ink, y, x0, x1, tol, dpi)]
    if len(ys) < 2:
        return None
    # A vertical candidate is a rule only if it spans some row from rule to rule.
    xs = [x for x in xs if any(_rule(vmask, ink, x, ys[r], ys[r + 1], tol, True, 0.8) for r in range(len(ys) - 1))]
    if len(xs) < 2:
        return None
    right, below = _separators(ink, hmask, vmask, xs, ys, tol)
    # Positions that separate no two cells anywhere were strokes after all: drop them.
    keep_x = [0] + [c + 1 for c in range(len(xs) - 2) if right[:, c].any()] + [len(xs) - 1]
    keep_y = [0] + [r + 1 for r in range(len(ys) - 2) if below[r, :].any()] + [len(ys) - 1]
    if len(keep_x) < len(xs) or len(keep_y) < len(ys):
        xs, ys = [xs[i] for i in keep_x], [ys[i] for i in keep_y]
        right, below = _separators(ink, hmask, vmask, xs, ys, tol)
    return _cells(xs, ys, right, below, box, thickness)


def _long_rule(hmask: np.ndarray, ink: np.ndarray, y: int, x0: int, x1: int, tol: int, dpi: float) -> bool:
    row = (hmask[max(0, y - tol) : y + tol + 1, x0:x1] > 0).any(axis=0)
    padded = np.concatenate(([False], row, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    for a, b in zip(edges[::2], edges[1::2], strict=True):
        if b - a >= dpi * 0.3 and _flanked(hmask, ink, y, x0 + int(a), x0 + int(b), tol, False) < FLANKED:
            return True
    return False


def _separators(ink: np.ndarray, hmask: np.ndarray, vmask: np.ndarray, xs: list[int], ys: list[int], tol: int) -> tuple[np.ndarray, np.ndarray]:
    """Where a rule separates neighbouring base cells: right of (r, c), and below (r, c)."""
    nr, nc = len(ys) - 1, len(xs) - 1
    right = np.zeros((nr, max(nc - 1, 0)), bool)
    below = np.zeros((max(nr - 1, 0), nc), bool)
    for r in range(nr):
        for c in range(nc):
            # Along the whole edge, ends included: text lines up with no rule across a cell's padding.
            if c + 1 < nc:
                right[r, c] = _rule(vmask, ink, xs[c + 1], ys[r] + 1, ys[r + 1] - 1, tol, True, SEPARATOR)
            if r + 1 < nr:
                below[r, c] = _rule(hmask, ink, ys[r + 1], xs[c] + 1, xs[c + 1] - 1, tol, False, SEPARATOR)
    return right, below


def _cells(xs: list[int], ys: list[int], right: np.ndarray, below: np.ndarray, box: tuple[int, int, int, int], thickness: int) -> Grid:
    nr, nc = len(ys) - 1, len(xs) - 1
    parent = list(range(nr * nc))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not right[r, c]:
                parent[find(r * nc + c + 1)] = find(r * nc + c)
            if r + 1 < nr and not below[r, c]:
                parent[find((r + 1) * nc + c)] = find(r * nc + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(nr):
        for c in range(nc):
            groups.setdefault(find(r * nc + c), []).append((r, c))
    cells = []
    taken = np.zeros((nr, nc), bool)
    for members in sorted(groups.values(), key=lambda m: min(m)):
        r0, c0 = min(r for r, _ in members), min(c for _, c in members)
        r1, c1 = max(r for r, _ in members), max(c for _, c in members)
        if taken[r0 : r1 + 1, c0 : c1 + 1].any():  # a ragged merge overlapping another: keep base cells
            for r, c in members:
                if not taken[r, c]:
                    taken[r, c] = True
                    cells.append(GridCell(r, c, 1, 1, (xs[c], ys[r], xs[c + 1], ys[r + 1])))
            continue
        taken[r0 : r1 + 1, c0 : c1 + 1] = True
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
    cells.sort(key=lambda k: (k.row, k.col))
    return Grid((xs[0], ys[0], xs[-1], ys[-1]), ys, xs, cells, thickness)
