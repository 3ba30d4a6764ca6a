"""Scanned reports made from office PDFs: page images with a scanner's artefacts, no text layer.

Each page of an office PDF (``shared/corpus/wild/*/report.pdf``) is rasterised at a scanner's
resolution and spoilt the way a flatbed scanner or a copier spoils it: slightly rotated
(up to ±1.5°), shifted on the glass, grey paper with uneven lighting, lighter or darker
toner, sensor noise and dust, a little blur, JPEG compression. The pages are wrapped into an
image-only PDF of the original page size (Pillow's PDF writer embeds the JPEG as it is).
Everything is drawn from a random generator seeded by the report's name and the options, so
the same command always writes the same bytes.

    python tests/data/scan/make_scans.py --out .cache/scans            # every report, 3 scans each
    python tests/data/scan/make_scans.py --fixtures                     # the committed fixtures

The committed fixtures (beside this script) are small on purpose: a few pages at 150 dpi.
The benchmark (``bench/scan_bench.py``) writes its scans into a cache folder with ``--out``.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SHARED = Path(os.environ.get("XXGK_SHARED", ROOT.parent / "shared"))
WILD = SHARED / "corpus" / "wild"


@dataclass(frozen=True)
class Scanner:
    """How hard a scan spoils the page."""

    name: str
    dpi: int
    max_angle: float  # degrees, drawn per page in [-max_angle, max_angle]
    noise: float  # sigma of Gaussian sensor noise (grey levels)
    blur: float  # sigma of Gaussian blur (pixels at this dpi)
    quality: int  # JPEG quality
    paper: tuple[int, int]  # background grey range (uneven lighting across the page)
    ink: tuple[int, int]  # darkest toner grey range
    shift: float  # share of the page the sheet may lie off on the glass
    dust: int  # specks per page
    bilevel: bool = False  # black and white (CCITT G4 in the PDF), as office copiers scan to file


SCANNERS = {
    "office150": Scanner("office150", 150, 1.0, 5.0, 0.6, 55, (228, 246), (10, 45), 0.012, 40),
    "copier200": Scanner("copier200", 200, 1.5, 8.0, 0.9, 45, (215, 240), (25, 70), 0.02, 120),
    "flatbed300": Scanner("flatbed300", 300, 0.6, 4.0, 1.0, 70, (235, 250), (5, 30), 0.008, 20),
    "bilevel200": Scanner("bilevel200", 200, 1.2, 8.0, 0.6, 0, (205, 240), (10, 40), 0.015, 60, bilevel=True),
    # the committed fixture: grey, light noise, strong JPEG (small)
    "fixture150": Scanner("fixture150", 150, 1.2, 2.0, 0.6, 25, (225, 245), (15, 50), 0.012, 30),
}


def _rng(*parts: object) -> np.random.Generator:
    seed = int.from_bytes(hashlib.sha256("|".join(map(str, parts)).encode()).digest()[:8], "little")
    return np.random.default_rng(seed)


def spoil(page: np.ndarray, scanner: Scanner, rng: np.random.Generator) -> np.ndarray:
    """One clean grey page (uint8, white paper) → the same page as a scanner returns it."""
    import cv2

    h, w = page.shape
    ink = 1.0 - page.astype(np.float32) / 255.0  # 1 where the toner is darkest
    # The sheet lies a little rotated and shifted on the glass (what falls off the glass is lost).
    angle = float(rng.uniform(-scanner.max_angle, scanner.max_angle))
    dx, dy = (float(rng.uniform(-scanner.shift, scanner.shift)) * s for s in (w, h))
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    matrix[:, 2] += (dx, dy)
    ink = cv2.warpAffine(ink, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=0.0)
    if scanner.blur:
        ink = cv2.GaussianBlur(ink, (0, 0), scanner.blur)
    # Paper: a grey that changes slowly across the page; toner: not quite black.
    lo, hi = scanner.paper
    corners = rng.uniform(lo, hi, size=(2, 2)).astype(np.float32)
    paper = cv2.resize(corners, (w, h), interpolation=cv2.INTER_LINEAR)
    darkest = float(rng.uniform(*scanner.ink))
    out = paper - ink * (paper - darkest)
    # Dust and specks, then sensor noise.
    for _ in range(scanner.dust):
        x, y = int(rng.integers(0, w)), int(rng.integers(0, h))
        r = int(rng.integers(1, max(2, scanner.dpi // 100) + 1))
        cv2.circle(out, (x, y), r, float(rng.uniform(60, 180)), -1)
    out += rng.normal(0.0, scanner.noise, size=out.shape).astype(np.float32)
    return np.clip(out, 0, 255).astype(np.uint8)


def scan(pdf: Path, out: Path, scanner: Scanner, pages: list[int] | None = None) -> Path:
    """Write an image-only PDF of ``pdf`` (all pages, or the 1-based ``pages``) to ``out``."""
    import pypdfium2 as pdfium
    from PIL import Image

    rng = _rng(pdf.parent.name, pdf.name, scanner)
    doc = pdfium.PdfDocument(str(pdf))
    images = []
    try:
        for number in pages or range(1, len(doc) + 1):
            page = doc[number - 1]
            bitmap = page.render(scale=scanner.dpi / 72, grayscale=True)
            clean = np.array(bitmap.to_pil().convert("L"))
            spoilt = spoil(clean, scanner, rng)
            if scanner.bilevel:  # the copier's fixed threshold: noise becomes specks, edges ragged
                images.append(Image.fromarray(np.where(spoilt > 160, 255, 0).astype(np.uint8)).convert("1", dither=Image.Dither.NONE))
                continue
            # Through JPEG at the scanner's quality, then embedded as it is.
            buf = io.BytesIO()
            Image.fromarray(spoilt).save(buf, "JPEG", quality=scanner.quality)
            images.append(Image.open(io.BytesIO(buf.getvalue())))
    finally:
        doc.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    first, rest = images[0], images[1:]
    options = {} if scanner.bilevel else {"quality": scanner.quality}
    first.save(out, "PDF", resolution=float(scanner.dpi), save_all=True, append_images=rest, **options)
    return out


BENCH_SCANNERS = ("office150", "copier200", "flatbed300", "bilevel200")


def reports() -> list[Path]:
    return sorted(WILD.glob("*/report.pdf"))


# The committed fixtures: small, and unlike 001's own scan (which is gb2021 with a landscape
# part 4, grey JPEG): 004 is gb2019 with money in 元 and a portrait part 4 (pages 1, 3-5: the
# title and the three tables; page 2 is text only), 007 a black-and-white scan with full-width
# digits and a landscape part 4.
FIXTURES = (
    ("004_2019_gb2019_department", "fixture150", [1, 3, 4, 5]),
    ("007_2023_gb2021_town", "bilevel200", None),
)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, help="folder for the scans: <report>.<scanner>.pdf")
    ap.add_argument("--scanner", action="append", choices=sorted(SCANNERS), help="default: all")
    ap.add_argument("--fixtures", action="store_true", help="rewrite the committed fixtures beside this script")
    ap.add_argument("reports", nargs="*", help="report folder names (default: every report in the wild corpus)")
    args = ap.parse_args(argv)
    if args.fixtures:
        for name, scanner, pages in FIXTURES:
            target = scan(WILD / name / "report.pdf", HERE / f"{name}.{scanner}.pdf", SCANNERS[scanner], pages)
            print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KB")
        return 0
    if not args.out:
        ap.error("--out or --fixtures")
    names = set(args.reports)
    for pdf in reports():
        if names and pdf.parent.name not in names:
            continue
        for key in args.scanner or BENCH_SCANNERS:
            target = args.out / f"{pdf.parent.name}.{key}.pdf"
            scan(pdf, target, SCANNERS[key])
            print(f"{target}: {target.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
