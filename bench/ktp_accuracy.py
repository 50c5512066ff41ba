"""KTP reading accuracy and speed per degradation kind (``samples.ktp_kinds``), and on
cards the reader was not written for (``fieldmail``: ``bench/ktp_fieldmail.py``).

For each kind, N cards (default 100): NIK exact, name exact, all fields exact (of those
the kind's generator knows: fieldmail's NIK, name, birth date and sex), accepted,
accepted-but-wrong (accepted with a wrong NIK or name, or a mock-up the truth says to reject
accepted at all: must be 0), names left in doubt, names read without doubt but wrong,
time per card (median, p95, the reading only) and peak memory (the kind's process and
its largest Tesseract child); then per kind the commonest doubts and a few failing seeds
(``make_kind(kind, seed)`` redraws one; ``--failures 100`` lists every card not
accepted and right).

    .venv/bin/python bench/ktp_accuracy.py [--kinds all|k1,k2] [-n 100]
        [--seeds report|dev] [--base SEED] [--jobs 1] [--fields]
        [--engine tesseract|tesserocr]
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from dataclasses import dataclass, field

from kind_runs import (
    SEED_BASES,
    TIMING_HEADERS,
    Timing,
    add_arguments,
    pct,
    print_table,
    run_kinds,
    selected,
)
from ktp_fieldmail import DESCRIPTION, FIELDMAIL, Card, fieldmail_card

from samples.ktp_kinds import KINDS, make_kind
from samples.ktps import KtpTruth

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


ALL_KINDS = {**{kind: text for kind, (text, _) in KINDS.items()}, FIELDMAIL: DESCRIPTION}


def expected(truth: KtpTruth, name: str) -> str:
    if name == "birth_date":
        return truth.birth_date.isoformat()
    return str(getattr(truth, name))


def make_card(kind: str, seed: int) -> Card:
    """The card of ``kind`` and ``seed``, with the values it shows."""
    if kind == FIELDMAIL:
        return fieldmail_card(seed)
    sample = make_kind(kind, seed)
    truth = sample.truth
    return Card(sample.image(), {f: expected(truth, f) for f in FIELDS}, truth.expect)


@dataclass
class KindResult:
    kind: str
    n: int = 0
    all_exact: int = 0
    accepted: int = 0
    accepted_wrong: int = 0
    name_doubt: int = 0
    name_sure_wrong: int = 0
    crashed: int = 0
    fields: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    known: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    doubts: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    timing: Timing = field(default_factory=Timing)


def measure(kind: str, *, n: int, base: int, failures: int, engine_name: str) -> KindResult:
    """N cards of ``kind`` read one by one (run in a process of its own)."""
    from config.settings import OcrSettings
    from fasdip.errors import OcrError
    from fasdip.models import KtpReading
    from readers.ktp import read_ktp
    from readers.ocr_tesserocr import ocr_engine

    engine = ocr_engine(OcrSettings(engine=engine_name))
    result = KindResult(kind)
    for seed in range(base, base + n):
        card = make_card(kind, seed)
        image = card.image
        started = result.timing.start()
        try:
            reading = read_ktp([image], engine, "a1", f"bench-{kind}-{seed}")
        except OcrError as err:  # a timeout counts as a card not read, as in the pipeline
            reading = KtpReading(attachment="a1", doubts=[err.message])
        except Exception as err:  # a reader bug: counted and named, the run goes on
            result.crashed += 1
            result.failures.append(f"seed {seed}: CRASHED {type(err).__name__}: {err}")
            reading = KtpReading(attachment="a1", doubts=[f"crashed: {type(err).__name__}"])
        result.timing.stop(started)
        truth = card.truth
        wrong = [f for f in truth if getattr(reading, f).value != truth[f]]
        result.n += 1
        result.all_exact += not wrong
        for f in truth:
            result.known[f] += 1
            result.fields[f] += f not in wrong
        result.accepted += reading.accepted
        if reading.accepted and (card.expect == "reject" or "nik" in wrong or "name" in wrong):
            result.accepted_wrong += 1
        if reading.name.value is None or reading.name.doubt is not None:
            result.name_doubt += 1
        elif "name" in wrong:
            result.name_sure_wrong += 1
        for doubt in reading.doubts:
            short = doubt[:60]
            result.doubts[short] = result.doubts.get(short, 0) + 1
        bad = card.expect == "accept" and (
            "nik" in wrong or "name" in wrong or not reading.accepted
        )
        if (bad or (card.expect == "reject" and reading.accepted)) and len(
            result.failures
        ) < failures:
            got = ", ".join(
                f"{f}={getattr(reading, f).value!r} (is {truth[f]!r})"
                for f in wrong
                if f in ("nik", "name")
            )
            why = "; ".join(reading.doubts)[:160]
            note = f" ({card.note})" if card.note else ""
            result.failures.append(f"seed {seed}{note}: accepted={reading.accepted} {got} | {why}")
    result.timing.close()
    return result


def report(title: str, results: list[KindResult], show_fields: bool) -> None:
    print(f"\n{title}")
    headers = ["kind", "n", "NIK %", "name %", "all %", "accepted %", "acc-wrong"]
    headers += ["name doubt %", "sure-wrong", "crashed", *TIMING_HEADERS]
    if show_fields:
        headers += [f[:8] for f in FIELDS]
    rows = []
    for r in results:
        row = [
            r.kind,
            str(r.n),
            pct(r.fields["nik"], r.known["nik"]),
            pct(r.fields["name"], r.known["name"]),
            pct(r.all_exact, r.n),
            pct(r.accepted, r.n),
            str(r.accepted_wrong),
            pct(r.name_doubt, r.n),
            str(r.name_sure_wrong),
            str(r.crashed),
            *r.timing.cells(),
        ]
        if show_fields:
            row += [pct(r.fields[f], r.known[f]) for f in FIELDS]
        rows.append(row)
    print_table(headers, rows)
    for r in results:
        common = sorted(r.doubts.items(), key=lambda i: -i[1])[:4]
        if common or r.failures:
            print(f"\n  {r.kind}: " + "; ".join(f"{count}x {text}" for text, count in common))
            for failure in r.failures:
                print(f"    {failure}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser, ALL_KINDS)
    parser.add_argument("--base", type=int, help="first seed (instead of --seeds' first)")
    parser.add_argument("--fields", action="store_true", help="a column per field")
    parser.add_argument(
        "--engine", choices=("tesseract", "tesserocr"), default="tesseract", help="ocr.engine"
    )
    args = parser.parse_args()
    kinds = selected(args, list(ALL_KINDS))
    base = SEED_BASES[args.seeds] if args.base is None else args.base
    work = functools.partial(
        measure, n=args.n, base=base, failures=args.failures, engine_name=args.engine
    )
    started = time.perf_counter()
    results = []
    for result in run_kinds(work, kinds, args.jobs):  # each kind's figures as it ends
        results.append(result)
        report(
            f"{result.kind}, {time.perf_counter() - started:.0f} s so far", [result], args.fields
        )
        sys.stdout.flush()
    seeds = f"{args.seeds} seeds" if args.base is None else "seeds"
    title = f"fasdip on KTPs, {seeds} from {base}, {time.perf_counter() - started:.0f} s"
    report(title, results, args.fields)


if __name__ == "__main__":
    main()
