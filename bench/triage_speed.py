"""How long `fasdip triage` takes, process start included: on a 10 MB email with 20
attachments that need no OCR, or (``--passport KIND``) on a mail with one passport page.

The big email comes from the sample generator (text PDFs with a scanned-signature image,
and high-resolution red-background photos). With ``--passport KIND`` each run triages
another mail holding one data page of that degradation kind (samples/passport_kinds.py,
report seeds from 3 000 001), the case issue 14 times: a mission sends one passport.
Prints the figures (and, for passports, the ``seconds`` each reading reports and whether
it was accepted); asserts nothing. The glyph templates and the reply templates' compiled
code are loaded from the cache folder (``ocr.template_cache_dir``) as a user's second run
loads them; ``--cold-templates`` gives each run an empty folder instead (in a settings
file, not a FASDIP_ variable, which would load pydantic-settings), so that it renders and
compiles them (a first run's cost).

The project's modules are byte-compiled first, as ``scripts/setup.sh`` and ``pip install``
leave them: where ``PYTHONDONTWRITEBYTECODE`` is set (or a checkout was changed since) each
run would otherwise compile the changed modules from source (0.25 s of CPU for a worktree
with none), a cost no installed ``fasdip`` pays.

    .venv/bin/python bench/triage_speed.py [--runs 7] [--pdfs 8] [--photos 12]
    .venv/bin/python bench/triage_speed.py --passport clean --runs 9 [--cold-templates]
        [--instructions]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from samples.emails import build_email
from samples.files import oversized_pdf, photo_jpeg
from samples.passport_kinds import KINDS, make_kind

PASSPORT_SEEDS = 3_000_001  # away from the accuracy bench's dev and report seeds
# The project's packages, byte-compiled before timing (as scripts/setup.sh does).
PACKAGES = ("fasdip", "config", "ingest", "classifiers", "readers", "validators", "responders")


def build(pdfs: int, photos: int) -> bytes:
    attachments: list[tuple[str, str, bytes]] = []
    for i in range(pdfs):
        pdf = oversized_pdf(
            f"CURRICULUM VITAE {i}",
            [f"Name: Person {i} TESTER", "Education: ..."],
            seed=i,
            min_bytes=260_000,
        )
        attachments.append((f"CV_Person_{i}.pdf", "application/pdf", pdf))
    for i in range(photos):
        attachments.append(
            (f"Photo_Person_{i}.jpg", "image/jpeg", photo_jpeg("red", 1400, 2100, seed=i))
        )
    return build_email(
        sender="protocol@embassy.example",
        sender_name="Protocol Section",
        subject="Request for New Annual Airport Pass",
        body="Dear Sir or Madam,\nPlease find attached the documents. Screening test on 15 December 2026.\n",
        attachments=attachments,
        date=dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC),
        message_id="<bench-10mb@embassy.example>",
    )


def byte_compile(command: Path) -> Path:
    """Byte-compile the project's packages that ``command`` imports (the checkout named by
    PYTHONPATH, else the installed one; only changed modules are compiled); their folder."""
    python = command.parent / "python"
    where = subprocess.run(
        [str(python), "-c", "import fasdip; print(fasdip.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    )
    root = Path(where.stdout.strip()).parent.parent
    folders = [str(root / name) for name in PACKAGES]
    subprocess.run([str(python), "-m", "compileall", "-q", *folders], check=True)
    return root


def one_passport(kind: str, seed: int) -> bytes:
    """A request for a visitor pass holding one passport page of ``kind``."""
    sample = make_kind(kind, seed)
    data = sample.pdf()  # a passport copy is sent as PDF (a JPG or PNG is answered wrong_format)
    surname = sample.truth.surname.replace(" ", "_")
    return build_email(
        sender="protocol@embassy.example",
        sender_name="Protocol Section",
        subject="Passport copy for the visitor pass",
        body="Dear Sir or Madam,\nPlease find attached the passport copy.\n",
        attachments=[(f"Passport_{surname}.pdf", "application/pdf", data)],
        date=dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC),
        message_id=f"<bench-passport-{kind}-{seed}@embassy.example>",
    )


def triage(
    command: Path, path: Path, templates: Path | None = None
) -> tuple[float, float, dict[str, Any]]:
    """The wall and CPU (user + system) times of one ``fasdip triage --json``, its verdict;
    ``templates``: the cache folder of glyph and reply templates (default: the user's).

    The CPU time is the figure to compare on a machine busy with other work: the wall
    time there includes waiting for a core."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [str(command), *_config(templates), "triage", str(path), "--json"],
        capture_output=True,
        check=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, json.loads(done.stdout)


def _config(templates: Path | None) -> list[str]:
    """``--config`` naming ``templates`` as the cache folder ([]: the user's folder)."""
    if templates is None:
        return []
    settings = templates.with_suffix(".yaml")
    settings.write_text(f"ocr:\n  template_cache_dir: {json.dumps(str(templates))}\n")
    return ["--config", str(settings)]


def instructions(command: Path, path: Path, templates: Path | None) -> int:
    """The instructions one ``fasdip triage --json`` executes (valgrind's cachegrind, no
    cache simulation): a count that a machine busy with other work does not change, where
    its CPU time varies by a third. About a minute."""
    done = subprocess.run(
        [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            sys.executable,
            str(command),
            *_config(templates),
            "triage",
            str(path),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind printed no instruction count:\n{done.stderr[-500:]}")
    return int(found.group(1).replace(",", ""))


def time_passports(command: Path, kind: str, runs: int, cold: bool, count: bool) -> None:
    times: list[float] = []
    cpus: list[float] = []
    readings: list[float] = []
    accepted = 0
    load_before = os.getloadavg()[0]  # the machine may be shared: wall time waits for a core
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(PASSPORT_SEEDS, PASSPORT_SEEDS + runs):
            path = Path(tmp) / f"passport-{seed}.eml"
            path.write_bytes(one_passport(kind, seed))
            templates = Path(tmp) / f"templates-{seed}" if cold else None
            wall, cpu, verdict = triage(command, path, templates)
            times.append(wall)
            cpus.append(cpu)
            for reading in verdict["passports"]:
                readings.append(float(reading["seconds"]))
                accepted += bool(reading["accepted"])
        if count:  # the first mail again (its templates kept by its run, or anew if cold)
            first = Path(tmp) / f"passport-{PASSPORT_SEEDS}.eml"
            templates = Path(tmp) / "templates-counted" if cold else None
            executed = instructions(command, first, templates)
            print(f"instructions of one run (cachegrind): {executed:.3e}")
    how = "each rendering the templates" if cold else "templates kept"
    print(f"fasdip triage --json of a mail with one passport page ({kind}), {runs} mails ({how}):")
    print(
        f"  process start included: median {statistics.median(times):.2f} s   max {max(times):.2f} s"
    )
    print(
        f"  CPU (user + system) of the process: median {statistics.median(cpus):.2f} s   "
        f"max {max(cpus):.2f} s"
    )
    print(f"  load average (1 min) before and after: {load_before:.2f} {os.getloadavg()[0]:.2f}")
    if readings:
        print(
            f"  reading (its seconds): median {statistics.median(readings):.2f} s; "
            f"{accepted} of {len(readings)} accepted"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pdfs", type=int, default=8)
    parser.add_argument("--photos", type=int, default=12)
    parser.add_argument("--passport", choices=sorted(KINDS), help="time one-passport mails instead")
    parser.add_argument(
        "--cold-templates", action="store_true", help="each run renders the templates anew"
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="with --passport: also count one run's instructions (valgrind, ~1 min)",
    )
    args = parser.parse_args()

    command = Path(sys.executable).parent / "fasdip"
    print(f"timing the code in {byte_compile(command)} (byte-compiled)")
    if args.passport:
        time_passports(command, args.passport, args.runs, args.cold_templates, args.instructions)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.eml"
        path.write_bytes(build(args.pdfs, args.photos))
        times = []
        verdict = {}
        for _ in range(args.runs):
            start = time.perf_counter()
            done = subprocess.run(
                [str(command), "triage", str(path), "--json"], capture_output=True, check=True
            )
            times.append(time.perf_counter() - start)
            verdict = json.loads(done.stdout)
        size = path.stat().st_size
    print(
        f"email: {size / 1e6:.1f} MB, {len(verdict['attachments'])} attachments "
        f"({args.pdfs} text PDFs, {args.photos} photos), decision {verdict['decision']}"
    )
    print(f"fasdip triage --json, process start included, {args.runs} runs:")
    print(
        f"  median {statistics.median(times):.2f} s   min {min(times):.2f} s   max {max(times):.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
