"""The hostile-input table: every kind of ``samples.hostile`` x K variants through the full
offline triage, each in its own process with a timeout, its peak memory measured.

For each kind: how many were tried, how many were handled with the expected finding (and
a fitting decision), how many crashed (the process failed or the verdict is wrong) or
hung (killed at the timeout), and the peak resident memory of the worst one: the child's
own high-water mark (``VmHWM``, read by the child at its end and polled by the parent
while it runs, so a killed child is measured too). ``ru_maxrss`` from ``wait4`` /
``getrusage(RUSAGE_CHILDREN)`` is printed as well, but on Linux it carries the parent's
high-water mark over fork and exec, so it overstates a child once the parent has built a
large input.
Prints the table; asserts nothing.

With ``--store``, one mail of each kind then goes through the service itself
(``fasdip poll --once`` on a local inbox under a temporary ``var``), and the store is
asked whether every one of them is there afterwards, and in which state.

    .venv/bin/python bench/hostile_table.py [--variants 3] [--timeout 120] [--kinds a,b]
                                            [--store]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from samples import hostile

CHILD = r"""
import json, sys, time
from config.settings import Settings
from fasdip.pipeline import Triage
raw = open(sys.argv[1], "rb").read()
triage = Triage.load(Settings())
started = time.monotonic()
verdict = triage.run(raw)
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")]
print(json.dumps({
    "peak_kb": int(hwm[0].split()[1]) if hwm else 0,
    "seconds": time.monotonic() - started,
    "decision": verdict.decision.value,
    "codes": sorted({f.code.value for f in verdict.findings}),
}))
"""


@dataclass
class Row:
    kind: str
    tried: int = 0
    handled: int = 0
    crashed: int = 0
    hung: int = 0
    peak_mb: float = 0.0
    slowest: float = 0.0
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Outcome:
    status: str  # "handled", "crashed", "hung"
    peak_mb: float
    seconds: float
    detail: str


def run_child(raw: bytes, case: hostile.HostileCase, timeout: float) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        mail = Path(tmp) / "mail.eml"
        mail.write_bytes(raw)
        out_path, err_path = Path(tmp) / "out", Path(tmp) / "err"
        with out_path.open("wb") as out, err_path.open("wb") as err:
            process = subprocess.Popen(
                [sys.executable, "-c", CHILD, str(mail)], stdout=out, stderr=err, cwd=tmp
            )
            started = time.monotonic()
            deadline = started + timeout
            hung = False
            polled_kb = 0
            while True:
                polled_kb = max(polled_kb, _high_water_kb(process.pid))
                pid, status, usage = os.wait4(process.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() > deadline:
                    hung = True
                    process.send_signal(signal.SIGKILL)
                    _, status, usage = os.wait4(process.pid, 0)
                    break
                time.sleep(0.02)
            process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - started
        peak = polled_kb / 1024
        del usage  # ru_maxrss: see the module's docstring
        if hung:
            return Outcome("hung", peak, seconds, f"killed after {timeout:.0f} s")
        if process.returncode != 0:
            tail = err_path.read_text("utf-8", "replace").strip().splitlines()[-4:]
            return Outcome("crashed", peak, seconds, f"exit {process.returncode}: {tail}")
        result = json.loads(out_path.read_text("utf-8"))
    peak = max(peak, result["peak_kb"] / 1024)
    codes = set(result["codes"])
    missing = [c.value for c in case.expected if c.value not in codes]
    if missing or result["decision"] not in {d.value for d in case.decisions}:
        return Outcome(
            "crashed", peak, seconds, f"{case.name}: {result['decision']}, missing {missing}"
        )
    return Outcome("handled", peak, seconds, "")


def store_check(cases: list[hostile.HostileCase], timeout: float) -> None:
    """Every case through ``fasdip poll --once``; then each raw mail looked up in the store."""
    from config.settings import Settings
    from fasdip.store.store import Store

    with tempfile.TemporaryDirectory(prefix="hostile-store-") as tmp:
        var = Path(tmp) / "var"
        inbox = var / "inbox"
        inbox.mkdir(parents=True)
        for case in cases:
            (inbox / f"{case.name}.eml").write_bytes(case.raw)
        env = {
            **os.environ,
            "FASDIP_STORE__VAR_DIR": str(var),
            "FASDIP_SERVICE__INBOX_DIR": str(inbox),
            "FASDIP_SERVICE__OUTBOX_DIR": str(var / "outbox"),
            "FASDIP_SERVICE__LOCK_FILE": str(var / "fasdip.lock"),
            "FASDIP_DIGEST__OUTPUT_DIR": str(var / "digest"),
        }
        fasdip = Path(sys.executable).with_name("fasdip")
        started = time.monotonic()
        try:
            done = subprocess.run(
                [str(fasdip), "poll", "--once"],
                env=env,
                cwd=tmp,
                capture_output=True,
                timeout=timeout,
                check=False,
            )
            outcome = f"exit {done.returncode}"
        except subprocess.TimeoutExpired:
            outcome = f"killed after {timeout:.0f} s"
        seconds = time.monotonic() - started
        settings = Settings(store={"var_dir": var})
        store = Store.open(settings.store, worker="hostile-table")
        try:
            mails = store.mails()
        finally:
            store.close()
    by_sha = {m.raw_sha256: m for m in mails if m.raw_sha256}
    # A mail over imap.max_message_bytes is recorded without its bytes (they stay in the
    # mailbox); the folder source keys it by the sha256 of "<file name>:<size>".
    by_uid = {m.key.uid: m for m in mails}
    print(f"\nthrough the service (fasdip poll --once, {outcome}, {seconds:.0f} s):")
    kept = 0
    for case in cases:
        record = by_sha.get(hashlib.sha256(case.raw).hexdigest())
        note = ""
        if record is None:
            uid = hashlib.sha256(f"{case.name}.eml:{len(case.raw)}".encode()).hexdigest()
            record = by_uid.get(uid)
            note = ", recorded without its bytes (they stay in the mailbox)"
        kept += record is not None
        state = (
            f"{record.status}, case {record.case_id}{note}"
            + (f": {record.last_error[:80]}" if record.last_error else "")
            if record
            else "NOT IN THE STORE"
        )
        print(f"  {case.name:26} {state}")
    print(f"  in the store afterwards: {kept}/{len(cases)}")


def _high_water_kb(pid: int) -> int:
    """VmHWM of a running process in KiB (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--kinds", default="", help="comma-separated kinds (default: all)")
    parser.add_argument("--store", action="store_true", help="also run them through the service")
    args = parser.parse_args()
    kinds = [k for k in args.kinds.split(",") if k] or list(hostile.KINDS)

    rows: list[Row] = []
    started = time.monotonic()
    for kind in kinds:
        row = Row(kind)
        for variant in range(args.variants):
            case = hostile.build_case(kind, variant)
            outcome = run_child(case.raw, case, args.timeout)
            row.tried += 1
            row.peak_mb = max(row.peak_mb, outcome.peak_mb)
            row.slowest = max(row.slowest, outcome.seconds)
            if outcome.status == "handled":
                row.handled += 1
            elif outcome.status == "hung":
                row.hung += 1
                row.problems.append(f"{case.name}: {outcome.detail}")
            else:
                row.crashed += 1
                row.problems.append(outcome.detail)
        rows.append(row)
        print(
            f"  {kind}: {row.handled}/{row.tried} handled, {row.slowest:.1f} s",
            file=sys.stderr,
            flush=True,
        )

    header = (
        f"| {'kind':22} | tried | handled with finding | crashed | hung | peak MB | slowest s |"
    )
    print(header)
    print("|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|")
    for row in rows:
        print(
            f"| {row.kind:22} | {row.tried:5} | {row.handled:20} | {row.crashed:7} | "
            f"{row.hung:4} | {row.peak_mb:7.0f} | {row.slowest:9.1f} |"
        )
    total = Row("total")
    for row in rows:
        total.tried += row.tried
        total.handled += row.handled
        total.crashed += row.crashed
        total.hung += row.hung
        total.peak_mb = max(total.peak_mb, row.peak_mb)
        total.slowest = max(total.slowest, row.slowest)
    print(
        f"| {'TOTAL':22} | {total.tried:5} | {total.handled:20} | {total.crashed:7} | "
        f"{total.hung:4} | {total.peak_mb:7.0f} | {total.slowest:9.1f} |"
    )
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"\n{total.tried} mails in {time.monotonic() - started:.0f} s; each a fresh process "
        f"(timeout {args.timeout:.0f} s); getrusage(RUSAGE_CHILDREN).ru_maxrss = "
        f"{children.ru_maxrss / 1024:.0f} MB (inherits this process's own peak: see the docstring)"
    )
    for row in rows:
        for problem in row.problems:
            print(f"  ! {row.kind}: {problem}")
    if args.store:
        store_check([hostile.build_case(kind, 0) for kind in kinds], args.timeout * len(kinds))


if __name__ == "__main__":
    main()
