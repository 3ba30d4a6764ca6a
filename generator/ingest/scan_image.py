"""Page images of a scanned PDF: rendered, binarised and straightened (OpenCV, numpy).

Pages are rendered with pypdfium2 (already installed with pdfplumber) at the resolution the
scan was made at, read from the page's image (clamped to 150–200 dpi: less loses strokes of
small table text, more only costs time — the recogniser scales every text line to 48 pixels
high anyway), in grey. Ink is separated from paper by a threshold against the local
background (grey paper and uneven lighting), and the page is turned straight by the angle that
makes the rows of ink sharpest (the projection profile: text lines and table rules both line
up with the image rows when the page is straight), searched to 0.05° within ±3°.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

MIN_DPI, MAX_DPI, DEFAULT_DPI = 150, 200, 200
MAX_SKEW = 3.0  # degrees


@dataclass
class PageImage:
    grey: np.ndarray  # uint8, straightened
    ink: np.ndarray  # uint8 0/255, 255 where ink, straightened
    dpi: float
    number: int
    skew: float = 0.0  # degrees the scan was turned by


def page_dpi(page) -> float:  # type: ignore[no-untyped-def]
    """The resolution of the largest image on a pdfium page, or 0 when it has none."""
    import pypdfium2.raw as pdfium_c

    best, area = 0.0, 0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        try:
            meta = obj.get_metadata()
        except Exception:  # noqa: BLE001 - a damaged image: render at the default resolution
            continue
        if meta.width * meta.height > area:
            area, best = meta.width * meta.height, float(meta.horizontal_dpi or 0.0)
    return best


def render(page, number: int) -> PageImage:  # type: ignore[no-untyped-def]
    dpi = page_dpi(page) or DEFAULT_DPI
    dpi = min(max(dpi, MIN_DPI), MAX_DPI)
    grey = page.render(scale=dpi / 72, grayscale=True, may_draw_forms=False).to_numpy()
    if grey.ndim == 3:
        grey = cv2.cvtColor(grey, cv2.COLOR_BGR2GRAY if grey.shape[2] == 3 else cv2.COLOR_BGRA2GRAY)
    grey = np.ascontiguousarray(grey)
    return straighten(grey, dpi, number)


def binarise(grey: np.ndarray, dpi: float) -> np.ndarray:
    """Ink (255) against the local background: robust to grey paper and uneven light."""
    block = int(dpi / 4) | 1
    return cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 25)


def _sharpness(small: np.ndarray, angle: float) -> float:
    h, w = small.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rows = cv2.warpAffine(small, m, (w, h), flags=cv2.INTER_LINEAR).sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(rows)).sum())


def skew_angle(ink: np.ndarray) -> float:
    """The angle (degrees, counter-clockwise) that makes the rows of ink sharpest."""
    h, w = ink.shape
    scale = min(1.0, 800 / max(h, w))
    small = cv2.resize(ink, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA).astype(np.float32)
    if small.sum() == 0:
        return 0.0
    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.25), key=lambda a: _sharpness(small, float(a)))
    fine = np.arange(best - 0.25, best + 0.25 + 1e-9, 0.05)
    return round(float(max(fine, key=lambda a: _sharpness(small, float(a)))), 2)


def straighten(grey: np.ndarray, dpi: float, number: int) -> PageImage:
    ink = binarise(grey, dpi)
    angle = skew_angle(ink)
    if abs(angle) >= 0.05:
        h, w = grey.shape
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        paper = int(np.median(grey[:: 8, :: 8]))
        grey = cv2.warpAffine(grey, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=paper)
        ink = binarise(grey, dpi)
    return PageImage(grey, ink, dpi, number, angle)
