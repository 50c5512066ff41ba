"""KTP reading accuracy, per field, on generated cards: N clean and N degraded.

Prints the exact-match rate of each field, how many readings were accepted with a wrong
NIK (must be 0), how many were left in doubt, how many names were read without doubt but
wrong, time per card (median, p95) and peak memory (this process and the Tesseract
children). Asserts nothing.

    .venv/bin/python bench/ktp_accuracy.py [--n 200] [--seed 1000]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time

from config.settings import OcrSettings
from fasdip.errors import OcrError
from fasdip.models import KtpReading
from readers.ktp import read_ktp
from readers.ocr import OcrEngine
from samples.ktps import KtpTruth, make_ktp

FIELDS = (
    "nik",
    "name",
    "birth_place",
    "birth_date",
    "sex",
    "address",
    "rt_rw",
    "kelurahan_desa",
    "kecamatan",
    "religion",
    "marital_status",
    "occupation",
    "citizenship",
    "province",
    "regency_city",
)


def expected(truth: KtpTruth, field: str) -> str:
    if field == "birth_date":
        return truth.birth_date.isoformat()
    return str(getattr(truth, field))


def run(n: int, seed: int, degraded: bool, engine: OcrEngine) -> None:
    right = dict.fromkeys(FIELDS, 0)
    accepted_wrong = doubtful = accepted = 0
    name_sure = name_sure_wrong = 0
    seconds: list[float] = []
    for i in range(n):
        sample = make_ktp(seed + i, degraded=degraded)
        image = sample.image()
        started = time.perf_counter()
        try:
            reading = read_ktp([image], engine, "a1", f"bench-{degraded}-{seed + i}")
        except OcrError as err:  # a timeout counts as a card not read, as in the pipeline
            reading = KtpReading(attachment="a1", doubts=[err.message])
        seconds.append(time.perf_counter() - started)
        for field in FIELDS:
            if getattr(reading, field).value == expected(sample.truth, field):
                right[field] += 1
        if reading.accepted:
            accepted += 1
            if reading.nik.value != sample.truth.nik:
                accepted_wrong += 1
        else:
            doubtful += 1
        if reading.name.value is not None and reading.name.doubt is None:
            name_sure += 1
            if reading.name.value != sample.truth.name:
                name_sure_wrong += 1
    kind = "degraded" if degraded else "clean"
    print(f"\n{kind}: {n} cards")
    for field in FIELDS:
        print(f"  {field:<16} {100 * right[field] / n:6.1f} %")
    print(f"  NIK accepted {accepted}, in doubt {doubtful}, accepted but wrong {accepted_wrong}")
    print(
        f"  name without doubt {name_sure}, in doubt {n - name_sure}, "
        f"without doubt but wrong {name_sure_wrong}"
    )
    seconds.sort()
    p95 = seconds[min(len(seconds) - 1, int(0.95 * len(seconds)))]
    print(f"  time per card: median {statistics.median(seconds):.2f} s, p95 {p95:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1000)
    args = parser.parse_args()
    engine = OcrEngine(OcrSettings())
    run(args.n, args.seed, False, engine)
    run(args.n, args.seed, True, engine)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\npeak memory: this process {own:.0f} MB, largest Tesseract child {children:.0f} MB")


if __name__ == "__main__":
    main()
