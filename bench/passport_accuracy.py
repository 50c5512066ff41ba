"""Passport MRZ accuracy and speed per degradation kind (``samples.passport_kinds``), and on
pages the reader was not written for (``fieldmail``: ``bench/fieldmail_scans.py``).

For each kind, N pages (default 100): all key fields exact (whether accepted or not),
accepted, accepted-but-wrong (must be 0), each field exact, time per page (median, p95,
the reading only) and peak memory; then, per kind, at which step the readings that were
not accepted stopped, and a few failing seeds (``make_kind(kind, seed)`` redraws one).
``--passporteye`` reads the same pages with PassportEye when it is importable.

    .venv/bin/python bench/passport_accuracy.py [--kinds all|k1,k2] [-n 100]
        [--seeds report|dev] [--base SEED] [--jobs 1] [--no-tesseract] [--passporteye]
        [--fields] [--engine tesseract|tesserocr]

fieldmail's held-back seeds are 5000-5099: ``--kinds fieldmail --base 5000``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import io
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

from fieldmail_scans import FIELDMAIL, fieldmail_passport, passport_fields
from fieldmail_scans import TODAY as FIELDMAIL_TODAY
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
from PIL import Image

from readers.mrz_rivals import MRZ_FIELDS
from samples.passport_kinds import KINDS, TODAY, make_kind
from samples.passports import PassportTruth
from samples.scan_files import to_jpeg

FIELDS = MRZ_FIELDS
ALL_KINDS = {
    **{kind: text for kind, (text, _) in KINDS.items()},
    FIELDMAIL: "fieldmail's page: another layout, heavier OCR-B at its own pitch, its scanning",
}


@dataclass(frozen=True)
class Page:
    """One page to read: its image (and file, when the kind made one), the fields it
    shows, the day it is read on, and a note for the failure list."""

    image: Image.Image
    truth: dict[str, str]
    key: str
    today: dt.date
    data: bytes = b""
    note: str = ""


Reader = Callable[[Page], tuple[dict[str, str], bool, list[str]]]


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


def make_page(kind: str, seed: int) -> Page:
    """The page of ``kind`` and ``seed``, with the fields it shows."""
    key = f"bench-{kind}-{seed}"
    if kind == FIELDMAIL:
        scan = fieldmail_passport(seed)
        return Page(scan.image, passport_fields(scan.mrz), key, FIELDMAIL_TODAY, note=scan.note)
    sample = make_kind(kind, seed)
    image_file = b"" if sample.data.startswith(b"%PDF") else sample.data  # PassportEye: no PDF
    return Page(sample.image, expected(sample.truth), key, TODAY, image_file)


def bucket(doubts: list[str], found_lines: bool) -> str:
    """At which step a reading that is not accepted stopped."""
    text = " ".join(doubts)
    if "no MRZ band found" in text:
        return "band not found"
    if not found_lines:
        return "band found, lines not cut"
    if "check digit fails" in text or "composite" in text:
        return "check digits fail"
    if "another reading" in text or "several repairs" in text:
        return "ambiguous (two readings pass)"
    if "name character" in text:
        return "unsure name letter"
    if "ICAO code" in text or "does not fit" in text:
        return "wrong letter in a code"
    return "other: " + (doubts[0][:50] if doubts else "")


@dataclass
class KindResult:
    kind: str
    n: int = 0
    all_exact: int = 0
    accepted: int = 0
    accepted_wrong: int = 0
    fields: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    steps: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    timing: Timing = field(default_factory=Timing)


def fasdip_reader(use_tesseract: bool, engine_name: str) -> Reader:
    from config.settings import OcrSettings
    from readers.ocr_tesserocr import ocr_engine
    from readers.passport import read_passport

    engine = ocr_engine(OcrSettings.model_validate({"engine": engine_name}))

    def read(page: Page) -> tuple[dict[str, str], bool, list[str]]:
        reading = read_passport(
            [page.image], engine, "a1", page.key, today=page.today, use_tesseract=use_tesseract
        )
        values = {f: (getattr(reading, f).value or "") for f in FIELDS}
        doubts = list(reading.doubts)
        if reading.mrz_format is None:
            doubts.append("(no lines)")
        return values, reading.accepted, doubts

    return read


def passporteye_reader() -> Reader | None:
    try:
        from passporteye import read_mrz  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        return None

    def date(v: str, birth: bool, today: dt.date) -> str:
        try:
            yy, mm, dd = int(v[:2]), int(v[2:4]), int(v[4:6])
            limit = today.year if birth else today.year + 20
            return dt.date((2000 if 2000 + yy <= limit else 1900) + yy, mm, dd).isoformat()
        except ValueError:
            return ""

    def read(page: Page) -> tuple[dict[str, str], bool, list[str]]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            mrz = read_mrz(io.BytesIO(page.data or to_jpeg(page.image, 92)))
        if mrz is None:
            return {}, False, ["no MRZ band found"]
        d = mrz.to_dict()
        values = {
            "document_number": d.get("number", "").replace("<", ""),
            "surname": d.get("surname", "").replace("<", " ").strip(),
            "given_names": " ".join(d.get("names", "").replace("<", " ").split()),
            "nationality": d.get("nationality", "").replace("<", ""),
            "birth_date": date(d.get("date_of_birth", ""), True, page.today),
            "sex": d.get("sex", "").replace("<", "X"),
            "expiry_date": date(d.get("expiration_date", ""), False, page.today),
            "issuing_state": d.get("country", "").replace("<", ""),
        }
        return values, bool(d.get("valid_score", 0) == 100), []

    return read


def measure(kind: str, *, n: int, base: int, reader: str, failures: int, engine: str) -> KindResult:
    """N pages of ``kind`` read one by one (run in a process of its own)."""
    read = (
        fasdip_reader(reader != "no-tesseract", engine)
        if reader != "passporteye"
        else passporteye_reader()
    )
    if read is None:
        raise SystemExit("passporteye is not importable: .venv/bin/pip install passporteye")
    result = KindResult(kind)
    for seed in range(base, base + n):
        page = make_page(kind, seed)
        started = result.timing.start()
        values, ok, doubts = read(page)
        result.timing.stop(started)
        truth = page.truth
        wrong = [f for f in FIELDS if values.get(f, "") != truth[f]]
        result.n += 1
        result.accepted += ok
        result.all_exact += not wrong
        result.accepted_wrong += ok and bool(wrong)
        for f in FIELDS:
            result.fields[f] += f not in wrong
        if not ok:
            step = bucket(doubts, "(no lines)" not in doubts)
            result.steps[step] = result.steps.get(step, 0) + 1
        if (wrong or not ok) and len(result.failures) < failures:
            got = ", ".join(f"{f}={values.get(f, '')!r} (is {truth[f]!r})" for f in wrong)
            if not any(values.values()):
                got = "nothing read"
            note = f" ({page.note})" if page.note else ""
            why = "; ".join(doubts)[:160]
            result.failures.append(f"seed {seed}{note}: accepted={ok} {got} | {why}")
    result.timing.close()
    return result


def report(title: str, results: list[KindResult], show_fields: bool) -> None:
    print(f"\n{title}")
    headers = ["kind", "n", "exact %", "accepted %", "acc-wrong", *TIMING_HEADERS]
    if show_fields:
        headers += [f[:8] for f in FIELDS]
    rows = []
    for r in results:
        row = [r.kind, str(r.n), pct(r.all_exact, r.n), pct(r.accepted, r.n), str(r.accepted_wrong)]
        row += r.timing.cells()
        if show_fields:
            row += [pct(r.fields[f], r.n) for f in FIELDS]
        rows.append(row)
    total = sum(r.n for r in results)
    rows.append(
        [
            "ALL",
            str(total),
            pct(sum(r.all_exact for r in results), total),
            pct(sum(r.accepted for r in results), total),
            str(sum(r.accepted_wrong for r in results)),
        ]
        + [""] * len(TIMING_HEADERS)
        + ([""] * len(FIELDS) if show_fields else [])
    )
    print_table(headers, rows)
    for r in results:
        if r.steps or r.failures:
            steps = ", ".join(
                f"{count} {step}" for step, count in sorted(r.steps.items(), key=lambda i: -i[1])
            )
            print(f"\n  {r.kind}: not accepted: {steps or 'none'}")
            for failure in r.failures:
                print(f"    {failure}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser, ALL_KINDS)
    parser.add_argument("--base", type=int, help="first seed (instead of --seeds' first)")
    parser.add_argument("--no-tesseract", action="store_true", help="OCR-B templates only")
    parser.add_argument("--passporteye", action="store_true", help="PassportEye instead")
    parser.add_argument("--fields", action="store_true", help="a column per field")
    parser.add_argument(
        "--engine", choices=("tesseract", "tesserocr"), default="tesseract", help="ocr.engine"
    )
    args = parser.parse_args()
    kinds = selected(args, list(ALL_KINDS))
    reader = (
        "passporteye" if args.passporteye else "no-tesseract" if args.no_tesseract else "fasdip"
    )
    base = SEED_BASES[args.seeds] if args.base is None else args.base
    work = functools.partial(
        measure, n=args.n, base=base, reader=reader, failures=args.failures, engine=args.engine
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
    title = f"{reader} ({args.engine}) on passports, {seeds} from {base}, {time.perf_counter() - started:.0f} s"
    report(title, results, args.fields)


if __name__ == "__main__":
    main()
