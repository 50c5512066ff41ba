"""Passport MRZ accuracy and speed on generated data pages (clean and degraded).

For N clean and N degraded pages from ``samples.passports``: per-field exact-match rate
(only accepted readings count as right), accepted-but-wrong (must be 0), time per image
(median, p95) and peak memory. ``--passporteye`` reads the same images with PassportEye
when it is importable (install it into the venv for the benchmark only).

    .venv/bin/python bench/passport_accuracy.py [-n 200] [--passporteye] [--no-tesseract]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import resource
import statistics
import time
import warnings
from collections.abc import Callable, Iterable, Iterator

from config.settings import OcrSettings
from fasdip.models import PassportReading
from readers.ocr import OcrEngine
from readers.passport import MRZ_FIELDS, read_passport
from samples.passports import PassportSample, PassportTruth, make_passport

TODAY = dt.date(2025, 6, 1)
FIELDS = MRZ_FIELDS


def expected(truth: PassportTruth) -> dict[str, str]:
    return {
        "document_number": truth.document_number,
        "surname": truth.surname,
        "given_names": truth.given_names,
        "nationality": truth.nationality,
        "birth_date": truth.birth_date.isoformat(),
        "sex": truth.sex,
        "expiry_date": truth.expiry_date.isoformat(),
        "issuing_state": truth.issuing_state,
    }


def ours(reading: PassportReading) -> tuple[dict[str, str], bool]:
    values = {f: (getattr(reading, f).value or "") for f in FIELDS}
    return values, reading.accepted


def bucket(reading: PassportReading) -> str:
    """At which step a reading that is not accepted stopped."""
    doubts = " ".join(reading.doubts)
    if "no MRZ band found" in doubts:
        return "band not found"
    if reading.mrz_format is None:
        return "band found, lines not cut"
    if "check digit fails" in doubts or "composite" in doubts:
        return "wrong characters (check digits fail)"
    if "another reading" in doubts or "several repairs" in doubts:
        return "ambiguous (two readings pass)"
    if "name character" in doubts:
        return "unsure name letter"
    if "ICAO code" in doubts or "does not fit" in doubts:
        return "wrong letter in a code"
    return "other: " + (reading.doubts[0] if reading.doubts else "")


def passporteye_reader() -> Callable[[PassportSample], tuple[dict[str, str], bool]] | None:
    try:
        from passporteye import read_mrz  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        return None

    def read(sample: PassportSample) -> tuple[dict[str, str], bool]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            mrz = read_mrz(io.BytesIO(sample.jpeg(92)))
        if mrz is None:
            return {}, False
        d = mrz.to_dict()

        def date(v: str, birth: bool) -> str:
            try:
                yy, mm, dd = int(v[:2]), int(v[2:4]), int(v[4:6])
                century = (
                    2000
                    if (2000 + yy <= TODAY.year if birth else 2000 + yy <= TODAY.year + 20)
                    else 1900
                )
                return dt.date(century + yy, mm, dd).isoformat()
            except ValueError:
                return ""

        values = {
            "document_number": d.get("number", "").replace("<", ""),
            "surname": d.get("surname", "").replace("<", " ").strip(),
            "given_names": " ".join(d.get("names", "").replace("<", " ").split()),
            "nationality": d.get("nationality", "").replace("<", ""),
            "birth_date": date(d.get("date_of_birth", ""), True),
            "sex": d.get("sex", "").replace("<", "X"),
            "expiry_date": date(d.get("expiration_date", ""), False),
            "issuing_state": d.get("country", "").replace("<", ""),
        }
        return values, bool(d.get("valid_score", 0) == 100)

    return read


def run(
    name: str,
    samples: Iterable[PassportSample],
    read: Callable[[PassportSample], tuple[dict[str, str], bool]],
    missed: Callable[[], str | None] | None = None,
) -> None:
    right = dict.fromkeys((*FIELDS, "all_fields"), 0)
    accepted_wrong = 0
    accepted = 0
    times: list[float] = []
    buckets: dict[str, int] = {}
    kinds: dict[str, list[int]] = {}
    n = 0
    for sample in samples:
        n += 1
        started = time.perf_counter()
        values, ok = read(sample)
        times.append(time.perf_counter() - started)
        truth = expected(sample.truth)
        accepted += ok
        all_right = all(values.get(f, "") == truth[f] for f in FIELDS)
        if ok and not all_right:
            accepted_wrong += 1
        for f in FIELDS:
            right[f] += int(ok and values.get(f, "") == truth[f])
        right["all_fields"] += int(ok and all_right)
        for kind in sample.truth.degradations:
            tally = kinds.setdefault(kind.split()[0] if kind[0] != "r" else kind, [0, 0])
            tally[0] += 1
            tally[1] += int(ok and all_right)
        if missed is not None and not ok:
            step = missed()
            if step:
                buckets[step] = buckets.get(step, 0) + 1
    times.sort()
    p95 = times[min(n - 1, round(0.95 * (n - 1)))]
    print(f"\n{name}: {n} images, accepted {accepted} ({100 * accepted / n:.1f}%)")
    for f, count in right.items():
        print(f"  {f:<16} {100 * count / n:6.1f}%")
    print(f"  accepted-but-wrong {accepted_wrong}")
    print(f"  time per image: median {statistics.median(times):.3f} s, p95 {p95:.3f} s")
    if buckets:
        print("  not accepted, by step:")
        for step, count in sorted(buckets.items(), key=lambda item: -item[1]):
            print(f"    {count:4d}  {step}")
    if kinds:
        print("  all fields exact, by degradation:")
        for kind, (total, good) in sorted(kinds.items()):
            print(f"    {kind:<12} {good:4d}/{total:<4d} {100 * good / total:5.1f}%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--passporteye", action="store_true")
    parser.add_argument("--no-tesseract", action="store_true", help="OCR-B templates only")
    args = parser.parse_args()
    engine = OcrEngine(OcrSettings())

    # Made one at a time (deterministic from the seed): memory measures the reader.
    def clean() -> Iterator[PassportSample]:
        return (make_passport(seed) for seed in range(args.n))

    def degraded() -> Iterator[PassportSample]:
        return (make_passport(10_000 + seed, degraded=True) for seed in range(args.n))

    sets = {"clean": clean, "degraded": degraded}
    last: list[PassportReading] = []
    for label, make in sets.items():

        def read(sample: PassportSample) -> tuple[dict[str, str], bool]:
            last[:] = []
            reading = read_passport(
                [sample.image],
                engine,
                "a1",
                f"bench-{sample.truth.seed}",
                today=TODAY,
                use_tesseract=not args.no_tesseract,
            )
            last.append(reading)
            return ours(reading)

        def step() -> str | None:
            return bucket(last[0]) if last else None

        run(f"fasdip {label}", make(), read, step)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (this process, generator included): {peak_mb:.0f} MB")
    if args.passporteye:
        reader = passporteye_reader()
        if reader is None:
            print("passporteye is not importable: .venv/bin/pip install passporteye")
            return
        for label, make in sets.items():
            run(f"PassportEye {label}", make(), reader)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"\npeak memory after PassportEye: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
