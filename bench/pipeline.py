"""The whole pipeline on a realistic mailbox: throughput, stage times, latency, memory.

Builds N requests with the sample generator (``samples.mailbox``: every request type,
half with scanned passports and KTPs), then runs the service's own mailroom on the
embedded defaults (inbox and outbox folders, SQLite) in a temporary folder, twice:

1. **backlog**: all N mails are in the inbox at once; polls run until every one is
   answered. Prints requests per minute and the seconds per request of each stage
   (parse, classify, ocr, rules, compose in the workers; store and send in the service).
2. **steady**: a fresh store; mails arrive one by one at a rate under the measured
   capacity (``--load`` of it), the service polling as IDLE would wake it; prints p50 and
   p95 from a mail's arrival in the inbox to its reply in the outbox.

Peak memory is the largest sum, over the bench process and all its children (workers,
Tesseract), of their proportional set size (PSS: shared pages counted once), sampled
every 50 ms. ``--serial`` judges in the service process (``workers.processes: 1``) pinned
to one core (Tesseract included), to show the gain of the pool. Prints figures; asserts nothing.

    .venv/bin/python bench/pipeline.py [-n 200] [--serial] [--steady 60] [--load 0.5]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from email import message_from_bytes
from pathlib import Path

from config.settings import Settings, WorkerSettings, load_settings
from fasdip.cli_demo import demo_settings
from fasdip.mailroom import Mailroom, PollReport
from fasdip.timing import STAGES
from fasdip.workers import PoolJudge, pool_size
from samples.missions import registry_yaml


class MemorySampler(threading.Thread):
    """The peak, over time, of the summed PSS of this process and its descendants."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_mb = 0.0
        self.at_peak: dict[str, float] = {}  # MB by kind of process, at the peak
        self.stop = threading.Event()
        self.cpu_seconds = 0.0  # this thread's own CPU, left out of the service's

    def run(self) -> None:
        while not self.stop.wait(0.05):
            self.cpu_seconds = time.thread_time()
            parts = _tree_pss_kb(os.getpid())
            total = sum(parts.values()) / 1024
            if total > self.peak_mb:
                self.peak_mb = total
                self.at_peak = {}
                for (_pid, kind), kb in parts.items():
                    self.at_peak[kind] = self.at_peak.get(kind, 0.0) + kb / 1024


def _tree_pss_kb(root: int) -> dict[tuple[int, str], int]:
    """PSS in kB of ``root`` and every descendant, keyed by (pid, kind of process)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    found: dict[tuple[int, str], int] = {}
    for pid in tree:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        kind = (
            "bench and service"
            if pid == root
            else "workers"
            if b"multiprocessing" in cmdline
            else "tesseract"
            if b"tesseract" in cmdline
            else "other"
        )
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                found[(pid, kind)] = int(line.split()[1])
    return found


def bench_settings(base: Path, serial: bool) -> Settings:
    base.mkdir(parents=True)
    (base / "inbox").mkdir()
    (base / "missions.yaml").write_text(registry_yaml(), encoding="utf-8")
    settings = demo_settings(load_settings(), base)
    return settings.model_copy(update={"workers": WorkerSettings(processes=1 if serial else 0)})


@dataclass(frozen=True)
class Cpu:
    """CPU seconds (user + system) of the service process and of its worker processes."""

    service: float
    workers: float

    @classmethod
    def now(cls, sampler: MemorySampler) -> Cpu:
        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)  # workers, once reaped
        return cls(
            own.ru_utime + own.ru_stime - sampler.cpu_seconds,
            children.ru_utime + children.ru_stime,
        )

    def __sub__(self, other: Cpu) -> Cpu:
        return Cpu(self.service - other.service, self.workers - other.workers)


def backlog(
    mails: list[Path], base: Path, serial: bool, sampler: MemorySampler
) -> tuple[float, PollReport, int, Cpu]:
    """Seconds, what the polls did, worker processes, and the CPU it all took (the workers'
    counted when the pool stops, as their parent reaps them)."""
    settings = bench_settings(base, serial)
    for path in mails:
        shutil.copy(path, base / "inbox" / path.name)
    before = Cpu.now(sampler)
    room = Mailroom.open(settings)
    total = PollReport()
    try:
        started = time.perf_counter()
        while total.processed + total.failed < len(mails):
            report = room.poll_once()
            total.merge(report)
            if report.processed + report.failed == 0 and report.fetched == 0:
                break
        elapsed = time.perf_counter() - started
    finally:
        room.close()
    workers = pool_size(settings.workers) if isinstance(room.judge, PoolJudge) else 1
    return elapsed, total, workers, Cpu.now(sampler) - before


def steady(mails: list[Path], base: Path, serial: bool, per_minute: float) -> list[float]:
    """Seconds from each mail's arrival to its reply, arrivals spaced at ``per_minute``."""
    settings = bench_settings(base, serial)
    inbox, outbox = base / "inbox", base / "outbox"
    room = Mailroom.open(settings)
    arrived: dict[str, float] = {}
    done = threading.Event()

    def service() -> None:  # what IDLE does: a poll as soon as something may have arrived
        while not done.is_set():
            if room.poll_once().fetched == 0:
                time.sleep(0.05)

    poller = threading.Thread(target=service)
    poller.start()
    try:
        for number, path in enumerate(mails):
            raw = path.read_bytes()
            message_id = str(message_from_bytes(raw)["Message-ID"]).strip()
            staging = base / f"{number:04d}.tmp"
            staging.write_bytes(raw)
            arrived[message_id] = time.time()
            staging.rename(inbox / f"{number:04d}.eml")
            time.sleep(60.0 / per_minute)
        deadline = time.time() + 600
        while len(list(outbox.glob("*.eml"))) < len(mails) and time.time() < deadline:
            time.sleep(0.2)
    finally:
        done.set()
        poller.join()
        room.close()
    latencies = []
    for reply in outbox.glob("*.eml"):
        answered = str(message_from_bytes(reply.read_bytes())["In-Reply-To"]).strip()
        if answered in arrived:
            latencies.append(reply.stat().st_mtime - arrived[answered])
    return sorted(latencies)


def percentile(values: list[float], fraction: float) -> float:
    return values[min(len(values) - 1, round(fraction * (len(values) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="requests in the mailbox")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--serial", action="store_true", help="judge in one process")
    parser.add_argument("--steady", type=int, default=60, help="mails of the steady phase")
    parser.add_argument("--load", type=float, default=0.5, help="steady arrivals / capacity")
    args = parser.parse_args()
    if args.serial:  # one core, for this process and every child (Tesseract) it starts
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    print(f"building {args.n} requests (seed {args.seed})…", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="fasdip-bench-") as tmp:
        # Built in a process of its own: this one holds only the service while it measures.
        mailbox = Path(tmp) / "mailbox"
        command = [sys.executable, "-m", "samples.mailbox", str(mailbox), "-n", str(args.n)]
        built = subprocess.run(
            [*command, "--seed", str(args.seed)],
            capture_output=True,
            text=True,
            check=True,
        )
        summary = json.loads(built.stdout)
        print(
            f"mailbox: {summary['requests']} requests, {summary['attachments_mean']:.1f} "
            f"attachments on average, {summary['scanned_requests']} with scanned "
            f"passports/KTPs ({summary['scans']} scans), {summary['megabytes']:.1f} MB"
        )
        files = sorted(mailbox.glob("*.eml"))
        sampler = MemorySampler()
        sampler.start()
        load = os.getloadavg()[0]
        elapsed, report, slots, cpu = backlog(files, Path(tmp) / "backlog", args.serial, sampler)
        mode = "serial (1 process)" if args.serial else f"pool of {slots} worker processes"
        rate = report.processed / elapsed * 60
        print(
            f"\nmode: {mode}, {os.cpu_count()} cores; load average {load:.2f} before the "
            f"backlog, {os.getloadavg()[0]:.2f} after (other work on the machine slows the "
            "wall-clock figures, not the CPU ones)"
        )
        print(
            f"backlog: {report.processed} processed, {report.failed} failed, {report.sent} replies"
        )
        print(f"  {elapsed:.1f} s in all: {rate:.1f} requests per minute")
        done = max(report.processed, 1)
        print(
            f"  CPU: {(cpu.service + cpu.workers) / done:.3f} s per request (service "
            f"{cpu.service / done:.3f}, workers {cpu.workers / done:.3f}): at most "
            f"{60 * (os.cpu_count() or 1) * done / (cpu.service + cpu.workers):.0f} "
            f"requests a minute on {os.cpu_count()} idle cores"
        )
        print("  seconds per request, by stage (summed over workers):")
        for stage in STAGES:
            per = report.seconds.get(stage, 0.0) / max(report.processed, 1)
            print(f"    {stage:<9} {per:7.3f}")
        per_minute = rate * args.load
        latencies = steady(files[: args.steady], Path(tmp) / "steady", args.serial, per_minute)
    sampler.stop.set()
    sampler.join()
    if latencies:
        print(
            f"steady: {len(latencies)} mails arriving at {per_minute:.0f}/min "
            f"({args.load:.0%} of capacity): arrival to reply "
            f"p50 {percentile(latencies, 0.5):.2f} s, p95 {percentile(latencies, 0.95):.2f} s, "
            f"max {latencies[-1]:.2f} s"
        )
    parts = ", ".join(f"{kind} {mb:.0f}" for kind, mb in sorted(sampler.at_peak.items()))
    print(f"peak memory (PSS, all processes): {sampler.peak_mb:.0f} MB ({parts})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
