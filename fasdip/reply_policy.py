"""Who gets a reply: the mailroom's rules on top of the triage's verdict.

In this order: automatic mail is never answered; nothing that could start a mail loop
(RFC 3834: Auto-Submitted, Precedence, List-Id, null or robot senders, our own address);
only senders in the missions registry; not a registered mission's mail that fails
sender authentication (``fasdip.trust``); and at most the configured number of replies
per case and per sender each day.
"""

from __future__ import annotations

import datetime as dt
import re
from email.message import Message
from zoneinfo import ZoneInfo

from config.catalog import FindingCatalog
from config.missions import MissionRegistry
from config.settings import Settings
from fasdip.models import Decision, Finding, FindingCode, Verdict
from fasdip.store import CaseInfo, Store
from fasdip.trust import judge_sender
from ingest.headers import decode_text

_BULK = {"bulk", "list", "junk"}
_ROBOTS = re.compile(r"^(postmaster|mailer-daemon|no-?reply|do-?not-?reply)$", re.IGNORECASE)


class ReplyPolicy:
    def __init__(
        self,
        settings: Settings,
        store: Store,
        missions: MissionRegistry,
        catalog: FindingCatalog,
    ) -> None:
        self.settings = settings
        self.store = store
        self.missions = missions
        self.catalog = catalog
        self.zone = ZoneInfo(settings.timezone)
        own = {settings.office_address, settings.imap.username, settings.smtp.username}
        self.own_addresses = {a.strip().lower() for a in own if a and "@" in a}

    def apply(
        self, verdict: Verdict, head: Message, case: CaseInfo, now: dt.datetime
    ) -> tuple[Verdict, str | None]:
        """The verdict as stored, and why no reply (``None``: the reply goes out)."""
        verdict, withheld = self.screen(verdict, head)
        if withheld is not None:
            return verdict, withheld
        return self.rate_limited(verdict, case, now)

    def screen(self, verdict: Verdict, head: Message) -> tuple[Verdict, str | None]:
        """Every rule but the daily limits (an officer's own reply is not rate-limited)."""
        sender = verdict.sender.strip().lower()
        if verdict.decision is Decision.ignore:
            return verdict, "automatic message"
        loop = self.loop_reason(head, sender)
        if loop is not None:
            finding = self.catalog.make(FindingCode.auto_submitted, reason=loop)
            return _update(verdict, Decision.ignore, loop, finding), loop
        if self.missions.find(sender) is None:
            finding = self.catalog.make(FindingCode.unknown_sender, reason=sender)
            reason = f"sender {sender} is not in the missions registry"
            return _update(verdict, Decision.officer_review, reason, finding), "unknown sender"
        check = judge_sender(
            [str(v) for v in head.get_all("Authentication-Results", [])],
            sender,
            self.settings.trust.authserv_ids,
        )
        if check.spoofed:
            finding = self.catalog.make(FindingCode.sender_spoofed, reason=check.reason)
            reason = f"sender authentication failed: {check.reason}"
            return (
                _update(verdict, Decision.officer_review, reason, finding),
                "sender authentication failed",
            )
        return verdict, None

    def rate_limited(
        self, verdict: Verdict, case: CaseInfo, now: dt.datetime
    ) -> tuple[Verdict, str | None]:
        reply = verdict.reply
        if reply is None:
            return verdict, None
        day_start = (
            now.astimezone(self.zone)
            .replace(hour=0, minute=0, second=0, microsecond=0)
            .astimezone(dt.UTC)
        )
        limits = self.settings.service
        if reply.kind is Decision.missing_items and (
            self.store.replies_since(day_start, case_id=case.id, kind=reply.kind.value)
            >= limits.missing_items_per_case_per_day
        ):
            return verdict.model_copy(update={"reply": None}), "rate limit: case answered today"
        if any(
            self.store.replies_since(day_start, sender=to) >= limits.replies_per_sender_per_day
            for to in reply.to
        ):
            return verdict.model_copy(update={"reply": None}), "rate limit: sender's daily cap"
        return verdict, None

    def loop_reason(self, head: Message, sender: str) -> str | None:
        """Why answering this mail could start a loop (RFC 3834), or ``None``."""
        auto = decode_text(head.get("Auto-Submitted", "")).strip().lower()
        if auto and auto != "no":
            return f"Auto-Submitted: {auto}"
        if decode_text(head.get("Precedence", "")).strip().lower() in _BULK:
            return "Precedence: bulk/list/junk"
        if head.get("List-Id") is not None:
            return "List-Id"
        if not sender:
            return "null sender"
        if _ROBOTS.match(sender.split("@", 1)[0]):
            return f"robot sender {sender}"
        if sender in self.own_addresses:
            return "our own address"
        return None


def _update(verdict: Verdict, decision: Decision, reason: str, finding: Finding) -> Verdict:
    return verdict.model_copy(
        update={
            "decision": decision,
            "decision_reason": reason,
            "findings": [*verdict.findings, finding],
            "reply": None,
        }
    )
