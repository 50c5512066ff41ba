"""Who gets a reply: the mailroom's rules on top of the triage's verdict.

In this order: a mail kept out of the case it named (``CaseInfo.suspicious``: spoofed,
another mission's) goes to the officers unanswered; automatic mail is never answered;
nothing that could start a mail loop (RFC 3834: Auto-Submitted, Precedence, List-Id,
null or robot senders, our own address); only senders in the missions registry; not a
registered mission's mail that fails sender authentication (``fasdip.trust``). A human
mail that passed all this is answered; the daily caps per case and per sender are a
safety net against loops that no header shows, and a reply they hold back goes to the
officers (``reply_withheld``), never silently.
"""

from __future__ import annotations

import datetime as dt
import re
from email.message import Message
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict

from config.catalog import FindingCatalog
from config.missions import MissionRegistry
from config.settings import Settings
from fasdip import mail_threads
from fasdip.models import Decision, Finding, FindingCode, Verdict
from fasdip.store import CaseInfo, Store
from fasdip.trust import judge_sender
from ingest.headers import decode_text

_BULK = {"bulk", "list", "junk"}
_ROBOTS = re.compile(r"^(postmaster|mailer-daemon|no-?reply|do-?not-?reply)$", re.IGNORECASE)


class SenderStanding(BaseModel):
    """Who a mail is from, as threading and the policy see it before any reading."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    address: str  # the From address, lower case ("" for a null sender)
    mission: str  # registry key, or ``address:<address>`` for a sender it does not know
    registered: bool
    distrust: str | None = None  # why its authentication failed (registered missions)


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

    def standing(self, head: Message) -> SenderStanding:
        address = mail_threads.sender(head).strip().lower()
        mission = self.missions.find(address) if address else None
        if mission is None:
            return SenderStanding(address=address, mission=f"address:{address}", registered=False)
        check = judge_sender(
            [str(v) for v in head.get_all("Authentication-Results", [])],
            address,
            self.settings.trust.authserv_ids,
        )
        return SenderStanding(
            address=address,
            mission=mission.key,
            registered=True,
            distrust=check.reason if check.spoofed else None,
        )

    def apply(
        self,
        verdict: Verdict,
        head: Message,
        case: CaseInfo,
        standing: SenderStanding,
        now: dt.datetime,
    ) -> tuple[Verdict, str | None]:
        """The verdict as stored, and why no reply (``None``: the reply goes out)."""
        verdict, withheld = self.screen(verdict, head, case, standing)
        if withheld is not None:
            return verdict, withheld
        return self.rate_limited(verdict, case, now)

    def screen(
        self,
        verdict: Verdict,
        head: Message,
        case: CaseInfo | None = None,
        standing: SenderStanding | None = None,
    ) -> tuple[Verdict, str | None]:
        """Every rule but the daily limits (an officer's own reply is not rate-limited);
        without ``case`` (the console: an officer chose to answer) a suspicious case is the
        officer's call, and the sender's standing is read from ``head``."""
        sender = verdict.sender.strip().lower()
        if standing is None:
            standing = self.standing(head)
        if case is not None and case.suspicious is not None:
            finding = self.catalog.make(FindingCode.thread_refused, reason=case.suspicious)
            reason = f"suspicious: {case.suspicious}"
            return _update(verdict, Decision.officer_review, reason, finding), "suspicious mail"
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
        if standing.distrust is not None:
            finding = self.catalog.make(FindingCode.sender_spoofed, reason=standing.distrust)
            reason = f"sender authentication failed: {standing.distrust}"
            return (
                _update(verdict, Decision.officer_review, reason, finding),
                "sender authentication failed",
            )
        return verdict, None

    def rate_limited(
        self, verdict: Verdict, case: CaseInfo, now: dt.datetime
    ) -> tuple[Verdict, str | None]:
        """The safety caps: over one, the reply is held back and the case goes to an
        officer with ``reply_withheld`` (the mission must not be left unanswered)."""
        reply = verdict.reply
        if reply is None:
            return verdict, None
        day_start = (
            now.astimezone(self.zone)
            .replace(hour=0, minute=0, second=0, microsecond=0)
            .astimezone(dt.UTC)
        )
        limits = self.settings.service
        reason = None
        if self.store.replies_since(day_start, case_id=case.id) >= limits.replies_per_case_per_day:
            reason = f"safety cap: {limits.replies_per_case_per_day} replies in this case today"
        elif any(
            self.store.replies_since(day_start, sender=to) >= limits.replies_per_sender_per_day
            for to in reply.to
        ):
            reason = f"safety cap: {limits.replies_per_sender_per_day} replies to the sender today"
        if reason is None:
            return verdict, None
        finding = self.catalog.make(
            FindingCode.reply_withheld, reason=reason, kind=reply.kind.value
        )
        return _update(verdict, Decision.officer_review, reason, finding), reason

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
