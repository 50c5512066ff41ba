"""Judging mails in worker processes: both cores busy, and one bad file killed alone.

``Triage.run`` (parse, PDF and image decoding, OCR, rules, the reply) is the CPU-heavy
and the dangerous part of a mail's life: a hostile attachment may try to hang it or to
eat all memory. ``PoolJudge`` runs it in a pool of worker processes (pebble), each
started fresh (``spawn``) with its own ``Triage`` and a cap on its address space
(``RLIMIT_AS``, inherited by Tesseract); each mail gets a deadline. A mail that breaks
the deadline or the memory cap, or whose worker dies, is not retried: it becomes an
``officer_review`` verdict read from its headers alone, with a finding that names the
limit, and the worker is replaced. The mailroom's IMAP, store and SMTP work stays in
the service process and never waits behind another mail's OCR.

``InlineJudge`` runs the same in the calling process: the offline ``fasdip triage``,
the tests of the mailroom's own rules, and ``workers.processes: 1``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime as dt
import logging
import multiprocessing
import os
import resource
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from pebble import ProcessExpired, ProcessFuture, ProcessPool

from config.settings import Settings, WorkerSettings
from fasdip.corrections import CaseCorrections
from fasdip.errors import ConfigError
from fasdip.models import Finding, FindingCode, Verdict
from fasdip.pipeline import Triage
from fasdip.startup import one_thread_each
from fasdip.store.vault import Vault
from fasdip.timing import StageClock

_LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class Judged:
    """A verdict and the seconds each stage took to reach it."""

    verdict: Verdict
    seconds: dict[str, float] = field(default_factory=dict)


class Judge(Protocol):
    """Turns a mail's bytes into a verdict; ``slots`` mails may be handed to it at once."""

    @property
    def slots(self) -> int: ...

    def run(
        self,
        raw: bytes,
        *,
        case_ref: str | None = None,
        earlier: Sequence[bytes] = (),
        today: dt.date | None = None,
        corrections: CaseCorrections | None = None,
    ) -> Judged: ...

    def close(self) -> None: ...


class InlineJudge:
    """``Triage.run`` in this process, one mail at a time."""

    def __init__(self, triage: Triage) -> None:
        self.triage = triage

    @property
    def slots(self) -> int:
        return 1

    # The signature of Judge.run, written again as a Protocol's implementations must be.
    def run(
        self,
        raw: bytes,
        *,
        case_ref: str | None = None,
        earlier: Sequence[bytes] = (),
        today: dt.date | None = None,
        corrections: CaseCorrections | None = None,
    ) -> Judged:
        clock = StageClock()
        verdict = self.triage.run(
            raw,
            today=today,
            case_ref=case_ref,
            earlier=earlier,
            clock=clock,
            corrections=corrections,
        )
        return Judged(verdict, clock.seconds)

    def close(self) -> None:
        return None


def pool_size(settings: WorkerSettings) -> int:
    """``processes``, or one per core this process may run on."""
    return settings.processes or len(os.sched_getaffinity(0))


class PoolJudge:
    """``Triage.run`` in worker processes, each mail with a deadline and a memory cap."""

    def __init__(self, settings: Settings, triage: Triage) -> None:
        self.settings = settings.workers
        self.triage = triage  # for the verdicts on mails the workers could not judge
        self._size = pool_size(self.settings)
        self._initargs = (
            settings,
            self.settings.memory_mb,
            logging.getLogger().getEffectiveLevel(),
        )
        self._lock = threading.Lock()
        self._pool = self._start()

    def _start(self) -> ProcessPool:
        """A new pool, its workers started now (not on the first mail), or a clear error."""
        # One worker per core, each on one thread; spawned workers (and their Tesseract
        # children) inherit it from this environment.
        one_thread_each()
        pool = ProcessPool(
            max_workers=self._size,
            max_tasks=self.settings.max_tasks,
            initializer=_start_worker,
            initargs=self._initargs,
            context=multiprocessing.get_context("spawn"),
        )
        try:
            pool.schedule(_ready).result(timeout=STARTUP_SECONDS)
        except (BrokenProcessPool, MemoryError, FutureTimeout) as exc:
            _stop(pool, 0)
            raise ConfigError(
                f"the worker processes could not start ({type(exc).__name__}: {exc}); "
                f"check workers.memory_mb (now {self.settings.memory_mb}) and the config files"
            ) from exc
        return pool

    @property
    def slots(self) -> int:
        """One mail per worker, and ``workers.queued`` more waiting in the pool: the
        service's store and send (about a fifth of a mail's time) overlap the OCR."""
        return self._size + self.settings.queued

    # The signature of Judge.run, written again as a Protocol's implementations must be.
    def run(
        self,
        raw: bytes,
        *,
        case_ref: str | None = None,
        earlier: Sequence[bytes] = (),
        today: dt.date | None = None,
        corrections: CaseCorrections | None = None,
    ) -> Judged:
        timeout = self.settings.email_timeout_seconds
        for attempt in (1, 2):
            pool, future = self._schedule(raw, case_ref, tuple(earlier), today, corrections)
            try:
                verdict, seconds = future.result()
            except FutureTimeout:
                finding = self._limit(
                    "workers.email_timeout_seconds", f"not judged within {timeout:g} s"
                )
            except MemoryError:
                finding = self._limit(
                    "workers.memory_mb", f"needed more than {self.settings.memory_mb} MB"
                )
            except ProcessExpired as exc:  # this mail's worker died
                finding = self._failed(f"the worker process stopped with exit code {exc.exitcode}")
            except BrokenProcessPool as exc:  # every worker died at once: whose fault is unknown
                self._restart(pool)
                if attempt == 1:
                    _LOG.warning("the worker pool broke (%s): the mail is judged again", exc)
                    continue
                finding = self._failed(f"the worker pool broke twice ({exc})")
            else:
                return Judged(verdict, seconds)
            break
        return Judged(self.triage.unjudged(raw, finding, case_ref=case_ref, today=today))

    def _schedule(
        self,
        raw: bytes,
        case_ref: str | None,
        earlier: tuple[bytes, ...],
        today: dt.date | None,
        corrections: CaseCorrections | None,
    ) -> tuple[ProcessPool, ProcessFuture[tuple[Verdict, dict[str, float]]]]:
        """The mail handed to a worker (and the pool it went to)."""
        args = (raw, case_ref, earlier, today, corrections)
        timeout = self.settings.email_timeout_seconds
        with self._lock:
            try:
                return self._pool, self._pool.schedule(_judge, args=args, timeout=timeout)
            except RuntimeError:  # pebble: "Unexpected error within the Pool"
                self._restart_locked(self._pool)
                return self._pool, self._pool.schedule(_judge, args=args, timeout=timeout)

    def _restart(self, broken: ProcessPool) -> None:
        with self._lock:
            self._restart_locked(broken)

    def _restart_locked(self, broken: ProcessPool) -> None:
        """A new pool for one broken by killed workers (once, whoever notices first)."""
        if self._pool is broken:
            _LOG.warning("the worker pool broke (workers killed?): starting a new one")
            _stop(broken, 0)
            self._pool = self._start()

    def _failed(self, reason: str) -> Finding:
        return self.triage.catalog.make(FindingCode.processing_failed, reason=reason)

    def _limit(self, name: str, reason: str) -> Finding:
        return self.triage.catalog.make(FindingCode.limit_exceeded, limit_name=name, reason=reason)

    def close(self) -> None:
        _stop(self._pool, self.settings.email_timeout_seconds)


def _stop(pool: ProcessPool, grace_seconds: float) -> None:
    """Let running mails finish for ``grace_seconds``, then stop the workers."""
    pool.close()  # type: ignore[no-untyped-call]
    if grace_seconds > 0:
        try:
            pool.join(timeout=grace_seconds)
        except TimeoutError:
            _LOG.warning("workers still busy after %g s: stopped", grace_seconds)
    pool.stop()  # type: ignore[no-untyped-call]
    pool.join()


def readings_file(settings: Settings) -> Path:
    """Where the service keeps identity readings, shared by its worker processes."""
    return settings.store.var_dir / "readings.sqlite3"


def service_triage(settings: Settings) -> Triage:
    """The service's triage: identity readings kept in ``readings_file``, sealed with
    ``protection.encryption_key`` when one is set."""
    return Triage.load(
        settings,
        readings_file=readings_file(settings),
        sealer=Vault.from_settings(settings.protection),
    )


def make_judge(settings: Settings, triage: Triage) -> Judge:
    """A pool of workers, or the calling process when ``workers.processes`` is 1."""
    if settings.workers.processes == 1:
        return InlineJudge(triage)
    return PoolJudge(settings, triage)


# ---------------------------------------------------------------------- in the worker

STARTUP_SECONDS = 120.0

_TRIAGE: Triage | None = None


def _start_worker(settings: Settings, memory_mb: int, log_level: int) -> None:
    """Once per worker process: cap its memory, load the config, set up its logs."""
    global _TRIAGE
    limit = memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    logging.basicConfig(level=log_level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    _TRIAGE = service_triage(settings)


def _ready() -> bool:
    return _TRIAGE is not None


def _judge(
    raw: bytes,
    case_ref: str | None,
    earlier: tuple[bytes, ...],
    today: dt.date | None,
    corrections: CaseCorrections | None = None,
) -> tuple[Verdict, dict[str, float]]:
    if _TRIAGE is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker started without its initializer")
    clock = StageClock()
    verdict = _TRIAGE.run(
        raw, today=today, case_ref=case_ref, earlier=earlier, clock=clock, corrections=corrections
    )
    _give_back_memory()
    return verdict, clock.seconds


def _give_back_memory() -> None:
    """Return the freed heap of a mail's images to the system (glibc keeps it otherwise:
    a worker measured 172 MB after 20 mails, 150 MB with this)."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


_LIBC_PATH = ctypes.util.find_library("c")
_LIBC = ctypes.CDLL(_LIBC_PATH) if _LIBC_PATH and sys.platform == "linux" else None
