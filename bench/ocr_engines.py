"""OCR engines side by side on generated crops: time per call and accuracy (issue 14).

- MRZ band (two OCR-B lines cut from passport pages of a few kinds) and KTP text fields
  (the value of each labelled field, and the NIK, cut from cards): pytesseract (a
  Tesseract process per call) against tesserocr (Tesseract in-process, the model kept
  loaded), the same configuration as the readers (no dictionaries, a whitelist).
- KTP text fields and the whole card's page text: rapidocr-onnxruntime (PP-OCRv4, the
  models inside the wheel, one ONNX thread) against Tesseract.

Measures only; the production engine is not changed. tesserocr and rapidocr-onnxruntime
are the ``bench`` extra (``.venv/bin/pip install -e '.[bench]'``); an engine that is not
importable is reported and skipped. tesserocr wheels bundle their own Tesseract (the
version is printed), pytesseract runs the system's.

    .venv/bin/python bench/ocr_engines.py [-n 20] [--seeds report|dev]
"""

from __future__ import annotations

import argparse
import io
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pytesseract
from kind_runs import SEED_BASES, cpu_seconds, median, p95, print_table
from PIL import Image
from rapidfuzz.distance import Levenshtein

from samples.ktps import FIELDS as KTP_LABELS
from samples.ktps import KtpTruth, draw_card, make_truth
from samples.passport_kinds import make_kind
from samples.passports import DPI, _px

TESSDATA = "/usr/share/tesseract-ocr/5/tessdata/"
MRZ_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
NO_DICTIONARY = {"load_system_dawg": "0", "load_freq_dawg": "0"}
MRZ_KINDS = ("clean", "faint", "ocrb_heavy", "ocrb_thin", "ocrb_spread", "colour_cast", "zeros")
PAGE_WIDTH = round(125.0 / 25.4 * DPI)


@dataclass
class Crop:
    task: str  # "mrz band", "ktp field", "ktp nik", "ktp page"
    image: Image.Image
    truth: str


@dataclass
class Tally:
    n: int = 0
    exact: int = 0
    exact_tight: int = 0
    chars: float = 0.0
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)


Engine = Callable[[Crop], str]

# --------------------------------------------------------------------------- crops


def mrz_crops(n: int, base: int) -> list[Crop]:
    """The MRZ band of pages whose geometry is the generator's, only scaled."""
    crops = []
    for i in range(n):
        sample = make_kind(MRZ_KINDS[i % len(MRZ_KINDS)], base + i)
        image = sample.image.convert("RGB")
        scale = image.width / PAGE_WIDTH
        top = round((PAGE_WIDTH * 88 / 125 - _px(6) - _px(4.3) - _px(5.5)) * scale)
        bottom = round((PAGE_WIDTH * 88 / 125 - _px(3.5)) * scale)
        crops.append(
            Crop("mrz band", image.crop((0, top, image.width, bottom)), "\n".join(sample.truth.mrz))
        )
    return crops


def _card_values(truth: KtpTruth) -> dict[str, str]:
    values = {attr: str(getattr(truth, attr, "")) for _, attr in KTP_LABELS}
    values["birth"] = f"{truth.birth_place}, {truth.birth_date:%d-%m-%Y}"
    return values


def _jpeg(image: Image.Image, quality: int) -> Image.Image:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return Image.open(io.BytesIO(out.getvalue())).convert("RGB")


def ktp_crops(n: int, base: int) -> list[Crop]:
    """Per card (JPEG 92, every third JPEG 40): each field's value, the NIK, the page."""
    crops = []
    for i in range(n):
        truth = make_truth(base + i)
        card = _jpeg(draw_card(truth), 40 if i % 3 == 2 else 92)
        values = _card_values(truth)
        top = 148
        for _, attr in KTP_LABELS:
            width = 500 if attr == "sex" else 740
            crops.append(
                Crop("ktp field", card.crop((244, top - 5, width, top + 27)), values[attr])
            )
            top += 36
        crops.append(Crop("ktp nik", card.crop((188, 82, 600, 134)), truth.nik))
        page_words = [truth.province, truth.regency_city, truth.nik, *values.values()]
        crops.append(Crop("ktp page", card, " ".join(page_words)))
    return crops


# --------------------------------------------------------------------------- engines


def _psm(crop: Crop) -> int:
    return {"mrz band": 6, "ktp field": 7, "ktp nik": 7, "ktp page": 6}[crop.task]


def _whitelist(crop: Crop) -> str | None:
    return {"mrz band": MRZ_CHARS, "ktp nik": "0123456789"}.get(crop.task)


def pytesseract_engine() -> Engine:
    def read(crop: Crop) -> str:
        config = f"--psm {_psm(crop)} -c load_system_dawg=0 -c load_freq_dawg=0"
        if _whitelist(crop):
            config += f" -c tessedit_char_whitelist={_whitelist(crop)}"
        lang = "eng" if crop.task == "mrz band" else "ind"
        return str(pytesseract.image_to_string(crop.image, lang=lang, config=config))

    return read


def tesserocr_engine() -> tuple[Engine, str] | None:
    try:
        import tesserocr
    except ImportError:
        return None
    apis: dict[tuple[str, int], object] = {}

    def api(lang: str, psm: int) -> tesserocr.PyTessBaseAPI:
        if (lang, psm) not in apis:  # kept loaded: what tesserocr is measured for
            apis[lang, psm] = tesserocr.PyTessBaseAPI(
                path=TESSDATA, lang=lang, psm=psm, variables=dict(NO_DICTIONARY)
            )
        return apis[lang, psm]

    def read(crop: Crop) -> str:
        handle = api("eng" if crop.task == "mrz band" else "ind", _psm(crop))
        handle.SetVariable("tessedit_char_whitelist", _whitelist(crop) or "")
        handle.SetImage(crop.image)
        return str(handle.GetUTF8Text())

    return read, str(tesserocr.tesseract_version()).splitlines()[0]


def rapidocr_engine() -> Engine | None:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        return None
    engine = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)

    def read(crop: Crop) -> str:
        array = np.asarray(crop.image.convert("RGB"))
        if crop.task == "ktp page":
            result, _ = engine(array)
            return " ".join(str(r[1]) for r in result or [])
        result, _ = engine(array, use_det=False, use_cls=False, use_rec=True)
        return " ".join(str(r[0]) for r in result or [])

    return read


# --------------------------------------------------------------------------- scoring


def _norm(text: str, task: str) -> str:
    if task == "mrz band":
        return "\n".join(
            line.replace(" ", "") for line in text.strip().splitlines() if line.strip()
        )
    if task == "ktp nik":
        return "".join(c for c in text if c.isdigit())
    return " ".join(text.replace(":", " ").split()).upper()


def score(crop: Crop, text: str) -> tuple[bool, bool, float]:
    """(exact, exact with spaces ignored, character accuracy with spaces ignored); for a
    page, all its words found, and the share found (spaces ignored: PP-OCR drops many)."""
    if crop.task == "ktp page":
        flat = _norm(text, crop.task).replace(" ", "")
        words = _norm(crop.truth, crop.task).split()
        share = sum(w in flat for w in words) / len(words)
        found = set(_norm(text, crop.task).split())
        return all(w in found for w in words), share == 1.0, share
    got, want = _norm(text, crop.task), _norm(crop.truth, crop.task)
    tight, tight_want = got.replace(" ", ""), want.replace(" ", "")
    chars = 1 - Levenshtein.normalized_distance(tight, tight_want)
    return got == want, tight == tight_want, chars


def measure(engine: Engine, crops: list[Crop], warm: int = 2) -> dict[str, Tally]:
    for crop in crops[:warm]:  # first calls load models and caches: not counted
        engine(crop)
    tallies: dict[str, Tally] = {}
    for crop in crops:
        tally = tallies.setdefault(crop.task, Tally())
        started, cpu = time.perf_counter(), cpu_seconds()
        text = engine(crop)
        tally.seconds.append(time.perf_counter() - started)
        tally.cpu.append(cpu_seconds() - cpu)
        exact, tight, chars = score(crop, text)
        tally.n += 1
        tally.exact += exact
        tally.exact_tight += tight
        tally.chars += chars
    return tallies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20, help="passport pages and KTP cards")
    parser.add_argument("--seeds", choices=sorted(SEED_BASES), default="report")
    args = parser.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one thread, as the service runs Tesseract
    base = SEED_BASES[args.seeds]
    crops = mrz_crops(args.n, base) + ktp_crops(args.n, base)
    engines: dict[str, Engine] = {}
    print(f"pytesseract: system Tesseract {pytesseract.get_tesseract_version()}")
    engines["pytesseract"] = pytesseract_engine()
    loaded = tesserocr_engine()
    if loaded is None:
        print("tesserocr: not importable (pip install tesserocr), skipped")
    else:
        engines["tesserocr"], version = loaded[0], loaded[1]
        print(f"tesserocr: bundled {version}")
    started = time.perf_counter()
    rapid = rapidocr_engine()
    if rapid is None:
        print("rapidocr-onnxruntime: not importable, skipped")
    else:
        print(f"rapidocr-onnxruntime: loaded in {time.perf_counter() - started:.2f} s")
        engines["rapidocr"] = rapid
    rows = []
    for name, engine in engines.items():
        chosen = [c for c in crops if name != "rapidocr" or c.task != "mrz band"]
        for task, t in measure(engine, chosen).items():
            rows.append(
                [
                    task,
                    name,
                    str(t.n),
                    f"{100 * t.exact / t.n:.1f}",
                    f"{100 * t.exact_tight / t.n:.1f}",
                    f"{100 * t.chars / t.n:.1f}",
                    f"{1000 * median(t.seconds):.0f}",
                    f"{1000 * p95(t.seconds):.0f}",
                    f"{1000 * median(t.cpu):.0f}",
                ]
            )
    rows.sort(key=lambda r: r[0])
    headers = [
        "task",
        "engine",
        "n",
        "exact %",
        "no-space %",
        "chars %",
        "median ms",
        "p95 ms",
        "cpu ms",
    ]
    print()
    print_table(headers, rows)


if __name__ == "__main__":
    main()
