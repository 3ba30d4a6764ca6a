"""Text recognition of cropped text lines: PP-OCRv4 on onnxruntime, or tesseract for comparison.

The scan reader finds every text line itself (the rows of a table's cells, the lines of body
text between the tables), so only a recogniser is needed: it reads one cropped line at a time,
no detection model. Two engines read the same crops and are compared by ``bench/scan_bench.py``:

* ``rapidocr`` (the default): the PP-OCRv4 Chinese recogniser that the PyPI wheel
  ``rapidocr-onnxruntime`` ships inside itself (nothing is downloaded at run time), run
  directly on onnxruntime. Its cost grows with the crop's width once scaled to the input
  height (convolutions are 53 % of it, measured with onnxruntime's profiler), so crops are
  batched by width without RapidOCR's padding to 320 pixels (a cell holding "0" is about 40
  columns), and lines of words are read 32 pixels high instead of the model's 48: 2.2 times
  faster, text as well read (difflib ratio to the office PDF's text over six scanned pages:
  0.987 at 32, 0.989 at 48, 0.985 at 28, 0.968 at 24). The CTC output is decoded twice, once
  freely and once with only the characters of a number ("0-9 . , / - — 万元"), so a value cell
  reads "0", never "O" or "〇".
* ``tesseract`` (Debian ``tesseract-ocr-chi-sim``): all crops of a page stacked into one image
  and read in one process (``--psm 6``, TSV boxes give each crop its words); value cells a
  second time with a digit whitelist.

The figures that chose the default are in read_scan.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

from .document import ReadError

HEIGHT = 48  # the recogniser's input height, as trained: table cells are read at it
TEXT_HEIGHT = 32  # lines of body text: 2.2 times faster, as well read (see read_scan.py)
NUMBER_CHARS = "0123456789.,/-—万元"
MAX_BATCH_COLUMNS = 6000  # a batch's padded width × crops: large batches gain nothing on CPU


@dataclass
class Reading:
    text: str  # read freely
    number: str  # read with the characters of a number only
    score: float = 1.0


def threads() -> int:
    """onnxruntime threads for one import process: 1 unless XXGK_OCR_THREADS says otherwise.

    Measured on the 2-core machine while others worked on it: 2 threads took 9.1 s for the
    lines of a page that 1 thread read in 4.0 s; files imported with --jobs use the cores."""
    env = os.environ.get("XXGK_OCR_THREADS", "")
    return int(env) if env.isdigit() and int(env) > 0 else 1


class RapidRecogniser:
    name = "rapidocr"

    def __init__(self) -> None:
        try:
            import onnxruntime as ort
            import rapidocr_onnxruntime
        except ImportError as e:
            why = "；此组件只支持 Python 3.12 及以下版本，请用 Python 3.10–3.12 安装 xxgk" if sys.version_info >= (3, 13) else "；请重新安装 xxgk 后再导入"
            raise ReadError(f"PDF 没有文字层（扫描件），需要文字识别（OCR）组件 rapidocr-onnxruntime，但未安装{why}") from e
        model = Path(rapidocr_onnxruntime.__file__).parent / "models" / "ch_PP-OCRv4_rec_infer.onnx"
        if not model.exists():
            raise ReadError(f"文字识别模型缺失：{model}；请重新安装 rapidocr-onnxruntime")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads()
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self.input = self.session.get_inputs()[0].name
        chars = self.session.get_modelmeta().custom_metadata_map["character"].splitlines()
        self.chars = ["", *chars, " "]  # CTC blank first, space last (as PaddleOCR trains it)
        allowed = [0] + [i for i, ch in enumerate(self.chars) if ch and ch in NUMBER_CHARS]
        self.number_ids = np.array(sorted(set(allowed)))

    def _decode(self, ids: np.ndarray, probs: np.ndarray) -> tuple[str, float]:
        out, scores, prev = [], [], -1
        for i, p in zip(ids.tolist(), probs.tolist(), strict=True):
            if i != prev and i != 0:
                out.append(self.chars[i])
                scores.append(p)
            prev = i
        return "".join(out), (float(np.mean(scores)) if scores else 1.0)

    def read(self, crops: list[np.ndarray], height: int = HEIGHT) -> list[Reading]:
        if not crops:
            return []
        scaled = []
        for crop in crops:
            h, w = crop.shape[:2]
            width = max(8, int(round(w * height / max(h, 1))))
            scaled.append(cv2.resize(crop, (width, height), interpolation=cv2.INTER_AREA if h > height else cv2.INTER_CUBIC))
        order = sorted(range(len(scaled)), key=lambda i: scaled[i].shape[1])
        results: list[Reading | None] = [None] * len(crops)
        start = 0
        while start < len(order):
            end = start + 1
            while end < len(order) and scaled[order[end]].shape[1] * (end - start + 1) <= MAX_BATCH_COLUMNS:
                end += 1
            batch = [scaled[i] for i in order[start:end]]
            width = max(b.shape[1] for b in batch)
            x = np.zeros((len(batch), 3, height, width), np.float32)
            for k, b in enumerate(batch):
                x[k, :, :, : b.shape[1]] = (b.astype(np.float32) / 127.5 - 1.0)[None, :, :]
            probs = self.session.run(None, {self.input: x})[0]  # (batch, steps, classes)
            for k, i in enumerate(order[start:end]):
                steps = max(1, int(np.ceil(probs.shape[1] * batch[k].shape[1] / width)))
                p = probs[k, :steps]
                ids = p.argmax(axis=1)
                text, score = self._decode(ids, p.max(axis=1))
                sub = p[:, self.number_ids]
                number, _ = self._decode(self.number_ids[sub.argmax(axis=1)], sub.max(axis=1))
                if text and not number:  # the likeliest figure where the free reading saw a character
                    steps = [t for t in range(len(ids)) if ids[t] != 0 and (t == 0 or ids[t] != ids[t - 1])]
                    digits = self.number_ids[1:]
                    number = "".join(self.chars[digits[p[t, digits].argmax()]] for t in steps)
                results[i] = Reading(text, number, score)
            start = end
        return [r or Reading("", "") for r in results]


class TesseractRecogniser:
    """Tesseract through its command line, one process per page and kind of crop."""

    name = "tesseract"

    def __init__(self) -> None:
        if not shutil.which("tesseract"):
            raise ReadError("未安装 tesseract-ocr，无法用 tesseract 识别扫描件")
        langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split()
        if "chi_sim" not in langs:
            raise ReadError("未安装中文识别数据 tesseract-ocr-chi-sim")

    def _run(self, crops: list[np.ndarray], extra: list[str]) -> list[str]:
        gap = 24
        height = sum(c.shape[0] + gap for c in crops) + gap
        width = max(c.shape[1] for c in crops) + 2 * gap
        sheet = np.full((height, width), 255, np.uint8)
        spans = []
        y = gap
        for c in crops:
            sheet[y : y + c.shape[0], gap : gap + c.shape[1]] = c
            spans.append((y - gap // 2, y + c.shape[0] + gap // 2))
            y += c.shape[0] + gap
        with tempfile.TemporaryDirectory() as tmp:
            image = Path(tmp) / "sheet.png"
            cv2.imwrite(str(image), sheet)
            tsv = subprocess.run(
                ["tesseract", str(image), "stdout", "-l", "chi_sim", "--psm", "6", *extra, "tsv"],
                capture_output=True, text=True, check=True,
            ).stdout
        words: list[list[tuple[int, str]]] = [[] for _ in crops]
        for row in tsv.splitlines()[1:]:
            f = row.split("\t")
            if len(f) < 12 or f[0] != "5" or not f[11].strip():
                continue
            left, top, h = int(f[6]), int(f[7]), int(f[9])
            centre = top + h / 2
            for k, (a, b) in enumerate(spans):
                if a <= centre < b:
                    words[k].append((left, f[11].strip()))
                    break
        return [_join_words([t for _, t in sorted(ws)]) for ws in words]

    def read(self, crops: list[np.ndarray], height: int = HEIGHT) -> list[Reading]:
        if not crops:
            return []
        texts = self._run(crops, [])
        numeric = [i for i, c in enumerate(crops) if c.shape[1] < 8 * c.shape[0]]  # short crops may be numbers
        numbers = dict(zip(numeric, self._run([crops[i] for i in numeric], ["-c", "tessedit_char_whitelist=0123456789.,/-"]), strict=True)) if numeric else {}
        return [Reading(t, numbers.get(i, t)) for i, t in enumerate(texts)]


def _join_words(words: list[str]) -> str:
    out = ""
    for w in words:
        if out and out[-1].isascii() and out[-1].isalnum() and w[:1].isascii() and w[:1].isalnum():
            out += " "
        out += w
    return out


@lru_cache(maxsize=2)
def recogniser(name: str = "rapidocr") -> RapidRecogniser | TesseractRecogniser:
    """One recogniser per process (loading the model takes a third of a second)."""
    if name == "tesseract":
        return TesseractRecogniser()
    if name == "rapidocr":
        return RapidRecogniser()
    raise ValueError(f"unknown OCR engine {name!r}")
