"""Everything the console's pages need, opened once from the settings at start-up."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from config.missions import MissionRegistry
from config.settings import Settings
from fasdip.mailroom import worker_name
from fasdip.pipeline import Triage
from fasdip.sending import default_mailer
from fasdip.store import Store
from fasdip.web.actions import Actions
from fasdip.web.auth import Passwords, Throttle
from fasdip.web.casepage import CasePages
from fasdip.web.worklists import Filters, WorkLists, case_rows, work_lists
from fasdip.workers import readings_file

T = TypeVar("T")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class Console:
    settings: Settings
    store: Store
    missions: MissionRegistry
    pages: CasePages
    actions: Actions
    passwords: Passwords
    throttle: Throttle
    clock: Callable[[], dt.datetime] = _now
    # Judging runs on one thread of its own: the readings cache's SQLite connection
    # belongs to the thread that opened it, and two OCR runs at once would only fight
    # over the cores the service needs.
    judging: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="console-judge")
    )

    @classmethod
    def open(cls, settings: Settings, *, clock: Callable[[], dt.datetime] = _now) -> Console:
        """Store (migrated; the office's key reads sealed files), config, registry."""
        triage = Triage.load(settings, readings_file=readings_file(settings))
        store = Store.open(
            settings.store,
            worker=f"{worker_name(settings)}-web",
            protection=settings.protection,
        )
        missions = MissionRegistry.load(settings.missions.file)
        pages = CasePages(settings, store, missions, triage.catalog)
        return cls(
            settings=settings,
            store=store,
            missions=missions,
            pages=pages,
            actions=Actions(
                store, triage, missions, pages, lambda: default_mailer(settings), clock
            ),
            passwords=Passwords(),
            throttle=Throttle(settings.web.signin_max_delay_seconds),
            clock=clock,
        )

    def lists(self, filters: Filters) -> WorkLists:
        return work_lists(
            case_rows(self.store, self.missions), self.store.quarantined(), filters, self.clock()
        )

    async def act(self, action: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run an action (it may judge the case) on the judging thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.judging, functools.partial(action, *args, **kwargs))

    def close(self) -> None:
        self.judging.shutdown(wait=True)
        self.store.close()
