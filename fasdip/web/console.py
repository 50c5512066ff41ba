"""Everything the console's pages need, opened once from the settings at start-up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from config.missions import MissionRegistry
from config.settings import Settings
from fasdip.mailroom import default_mailer, worker_name
from fasdip.pipeline import Triage
from fasdip.store import Store
from fasdip.web.actions import Actions
from fasdip.web.auth import Passwords, Throttle
from fasdip.web.casepage import CasePages
from fasdip.web.worklists import Filters, WorkLists, case_rows, work_lists
from fasdip.workers import readings_file


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

    def close(self) -> None:
        self.store.close()
