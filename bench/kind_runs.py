"""What the per-kind accuracy benches share: options, seeds, one process per kind, tables.

Seeds: ``--seeds report`` (the default) draws documents from 1_000_000 on, ``--seeds
dev`` from 0. Tune the readers on dev seeds, quote figures from report seeds only, so
the figures are not measured on the documents a reader was tuned on.

Each kind runs in a fresh process (``--jobs`` at a time), so its peak memory is its own:
``peak MB`` is that process (generator included; documents are made one at a time) and
``tess MB`` the largest Tesseract child it started.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

from fasdip.startup import one_thread_each

SEED_BASES = {"report": 1_000_000, "dev": 0}

R = TypeVar("R")


def cpu_seconds() -> float:
    """CPU time of this process and its waited-for children (Tesseract) so far."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


@dataclass
class Timing:
    """Seconds per document (wall clock, and CPU: on a shared, loaded machine the CPU
    time is the steadier figure) and the process's peak memory."""

    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_mb: float = 0.0
    children_mb: float = 0.0

    def start(self) -> tuple[float, float]:
        return time.perf_counter(), cpu_seconds()

    def stop(self, started: tuple[float, float]) -> None:
        self.seconds.append(time.perf_counter() - started[0])
        self.cpu.append(cpu_seconds() - started[1])

    def close(self) -> None:
        self.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    def cells(self) -> list[str]:
        return [
            f"{median(self.seconds):.2f}",
            f"{p95(self.seconds):.2f}",
            f"{median(self.cpu):.2f}",
            f"{p95(self.cpu):.2f}",
            f"{self.peak_mb:.0f}",
            f"{self.children_mb:.0f}",
        ]


TIMING_HEADERS = ["median s", "p95 s", "cpu med", "cpu p95", "peak MB", "tess MB"]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] if ordered else 0.0


def add_arguments(parser: argparse.ArgumentParser, kinds: Iterable[str]) -> None:
    names = ", ".join(kinds)
    parser.add_argument("--kinds", default="all", help=f"comma-separated, or all: {names}")
    parser.add_argument("-n", type=int, default=100, help="documents per kind (default 100)")
    parser.add_argument("--seeds", choices=sorted(SEED_BASES), default="report")
    parser.add_argument("--jobs", type=int, default=1, help="kinds measured at once")
    parser.add_argument("--failures", type=int, default=3, help="failing seeds listed per kind")


def selected(args: argparse.Namespace, kinds: Sequence[str]) -> list[str]:
    if args.kinds == "all":
        return list(kinds)
    chosen = [k.strip() for k in args.kinds.split(",") if k.strip()]
    unknown = [k for k in chosen if k not in kinds]
    if unknown:
        raise SystemExit(f"unknown kind(s) {', '.join(unknown)}: choose from {', '.join(kinds)}")
    return chosen


def run_kinds(measure: Callable[[str], R], kinds: Sequence[str], jobs: int) -> Iterable[R]:
    """``measure(kind)`` for each kind, each in a fresh process, results in order. Each
    process has one thread per native library, as the service's workers and the CLI
    (``fasdip.startup.one_thread_each``): OpenBLAS's threads would otherwise spin after each
    of the readers' small products and be counted as the readers' time."""
    one_thread_each()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, max_tasks_per_child=1) as pool:
        yield from pool.map(measure, kinds)


def pct(count: int, total: int) -> str:
    return f"{100 * count / total:5.1f}" if total else "  -  "


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = "  ".join(
        h.rjust(w) if i else h.ljust(w)
        for i, (h, w) in enumerate(zip(headers, widths, strict=True))
    )
    print(line)
    print("-" * len(line))
    for row in rows:
        print(
            "  ".join(
                c.rjust(w) if i else c.ljust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
