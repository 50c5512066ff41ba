"""The mailroom: the service-level order of work. One poll does, in this order:

1. **fetch**   the source lists new mails (IMAP: UIDs above the stored cursor, in batches);
2. **save**    each mail's raw bytes go to durable storage first (``var/raw/<sha256>.eml``,
               fsynced), then its row (key, second key); the cursor advances per batch;
3. **claim**   a due mail is claimed in the store (a row written before any work; a second
               poller cannot take it);
4. **triage**  its case is found or opened (case number in the subject, In-Reply-To /
               References, or the same mission and the same applicants' passport, NIK or
               name within a window; never the subject alone; a mail that fails the
               sender check or comes from another mission never joins the case it names),
               then ``Triage.run`` judges it with the case's earlier mails (``earlier=``:
               every document so far); the mailroom adds the missions-registry check
               (unknown sender: officer review, no reply), the loop guard and the safety
               caps (a reply held back goes to an officer);
5. **commit**  verdict + outbox row (with its deterministic Message-ID) + the signed
               registration proofs of a complete case + the mail's ``done`` in one
               transaction; a failure instead retries with back-off and, after N failed
               tries, quarantines the mail for an officer (listed first in the digest);
6. **send**    due outbox rows are sent (SMTP, or .eml files), each rebuilt from its row
               with its stored proofs attached; a failed send stays in the outbox, retried
               with back-off (also on the outbox's own timer, ``fasdip.wakeups``);
7. **ack**     only then is the mail acknowledged at the source (IMAP keyword / move,
               or the file moved to ``done/``).

A crash between any two steps is repaired by the next poll: nothing before step 2 is
state; a saved raw mail without a row is fetched again (the cursor did not move); a claim
of this worker is released at start-up; a committed mail is never judged again; an
unsent reply stays in the outbox; an unacknowledged mail is acknowledged next time.
The one window left is between the SMTP server's "250 OK" and the store's "sent": a crash
exactly there sends that reply again, with the same Message-ID.
"""

from __future__ import annotations

import datetime as dt
import socket
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from email.message import Message
from zoneinfo import ZoneInfo

from config.missions import MissionRegistry
from config.settings import Settings
from fasdip import mail_threads
from fasdip.corrections import CaseCorrections
from fasdip.fetching import Fetching, default_source
from fasdip.logs import mail_logger
from fasdip.models import FindingCode, Verdict
from fasdip.pipeline import Triage
from fasdip.poll_report import PollReport as PollReport  # re-exported: callers import it here
from fasdip.proofs import proof_files
from fasdip.reply_policy import ReplyPolicy, SenderStanding
from fasdip.sending import default_mailer, send_one
from fasdip.store import (
    CaseInfo,
    LostClaimError,
    MailRecord,
    OutboxItem,
    Store,
    ThreadHints,
)
from fasdip.timing import StageClock
from fasdip.workers import InlineJudge, Judge, make_judge, service_triage
from ingest.source import MailSource, SourceError
from responders.outgoing import Mailer, build_message

Hook = Callable[[str], None]
_OFFICER_MUST_ACT = {FindingCode.reply_withheld, FindingCode.thread_refused}


def worker_name(settings: Settings) -> str:
    return settings.service.worker_name or socket.gethostname()


class Mailroom:
    def __init__(
        self,
        settings: Settings,
        triage: Triage,
        store: Store,
        source: MailSource,
        mailer: Mailer,
        missions: MissionRegistry,
        *,
        judge: Judge | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        hook: Hook | None = None,
    ) -> None:
        self.settings = settings
        self.triage = triage
        self.judge = judge or InlineJudge(triage)
        self._send_lock = threading.Lock()
        self.store = store
        self.source = source
        self.mailer = mailer
        self.missions = missions
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self.hook = hook or (lambda step: None)
        self.zone = ZoneInfo(settings.timezone)
        self.policy = ReplyPolicy(settings, store, missions, triage.catalog)
        self._threshold = settings.classifier.confidence_threshold
        store.release_own_claims(self.clock())

    @classmethod
    def open(
        cls,
        settings: Settings,
        *,
        triage: Triage | None = None,
        judge: Judge | None = None,
        source: MailSource | None = None,
        mailer: Mailer | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        hook: Hook | None = None,
    ) -> Mailroom:
        """Everything from settings, checked at start: store (migrated), registry, source.

        Mails are judged by ``judge``; without one, by the given ``triage`` in this
        process, or else by a pool of worker processes (``workers`` settings)."""
        missions = MissionRegistry.load(settings.missions.file)
        if judge is None and triage is None:
            triage = service_triage(settings)
            judge = make_judge(settings, triage)
        triage = triage or Triage.load(settings)
        store = Store.open(
            settings.store, worker=worker_name(settings), protection=settings.protection
        )
        return cls(
            settings,
            triage,
            store,
            source or default_source(settings),
            mailer or default_mailer(settings),
            missions,
            judge=judge,
            clock=clock,
            hook=hook,
        )

    def close(self) -> None:
        self.judge.close()
        self.source.close()
        self.mailer.close()
        self.store.close()

    # ------------------------------------------------------------------ one poll

    def poll_once(self) -> PollReport:
        report = PollReport()
        self.intake(report)
        self.work(report)
        self.send(report)
        self.acknowledge(report)
        return report

    def intake(self, report: PollReport) -> None:
        """Steps 1-2: new mails to durable storage and into the store."""
        Fetching(self.source, self.store, self.clock, self.hook).take_in(report)

    def work(self, report: PollReport, limit: int = 1000) -> None:
        """Steps 3-5 for every due mail in the store, as many at once as the judge has
        slots; each reply is sent as soon as its mail is committed (step 6)."""
        slots = self.judge.slots
        if slots == 1:
            self._work(report, limit)
            return
        parts = [PollReport() for _ in range(slots)]
        with ThreadPoolExecutor(slots, thread_name_prefix="mailroom") as threads:
            running = [threads.submit(self._work, part, limit) for part in parts]
            for future in running:
                future.result()
        for part in parts:
            report.merge(part)

    def _work(self, report: PollReport, limit: int) -> None:
        for _ in range(limit):
            clock = StageClock()
            mail = self.store.claim_next(self.clock())
            clock.lap("store")
            if mail is None:
                return
            self.hook("claimed")
            try:
                self.process(mail, report, clock)
            except LostClaimError as exc:
                report.errors.append(str(exc))
            except Exception as exc:
                after = self.store.fail(mail.id, f"{type(exc).__name__}: {exc}", self.clock())
                report.failed += 1
                mail_logger(__name__, f"mail {mail.id}").warning(
                    "failed (%s, try %d): %s", after.status, after.attempts, exc
                )
            if self.judge.slots > 1:
                self.send(report)
                clock.lap("send")
            report.merge(PollReport(seconds=clock.seconds))

    def process(
        self, mail: MailRecord, report: PollReport, clock: StageClock | None = None
    ) -> None:
        """Steps 4-5 for one claimed mail: its case, its verdict, then the commit."""
        clock = clock or StageClock()
        assert mail.raw_sha256 is not None
        raw = self.store.read_raw(mail.raw_sha256)
        head = mail_threads.headers(raw)
        now = self.clock()
        standing = self.policy.standing(head)
        hints, probe = self._thread_hints(mail, raw, head, standing, now, clock)
        clock.start()
        case = self.store.assign_case(mail.id, hints, now)
        verdict = self._judge_case(mail, raw, case, probe, clock)
        verdict, withheld = self.policy.apply(verdict, head, case, standing, now)
        references = list(reversed(hints.message_ids))  # theirs, oldest first
        queued = self._commit(mail, verdict, withheld, references)
        clock.lap("store")
        self.hook("committed")
        report.processed += 1
        report.queued += queued is not None
        report.withheld += withheld is not None
        _log_outcome(mail, case, verdict, queued, withheld)

    def _judge_case(
        self,
        mail: MailRecord,
        raw: bytes,
        case: CaseInfo,
        probe: Verdict | None,
        clock: StageClock,
    ) -> Verdict:
        """The case is judged again with every document received so far; a first mail
        already read for its identities (``probe``) is not read again."""
        earlier = self.store.earlier_raws(case.id, mail.id)
        corrections = CaseCorrections.of(self.store.corrections(case.id))
        clock.lap("store")
        if probe is not None and not earlier and corrections.empty:
            verdict = self.triage.for_case(probe, case.number)
            clock.lap("compose")
            return verdict
        judged = self.judge.run(
            raw,
            case_ref=case.number,
            earlier=earlier,
            corrections=None if corrections.empty else corrections,
        )
        clock.add(judged.seconds)
        clock.start()
        return judged.verdict

    def _commit(
        self, mail: MailRecord, verdict: Verdict, withheld: str | None, references: list[str]
    ) -> str | None:
        """Step 5 in one transaction; returns the queued reply's Message-ID, if any."""
        reply = verdict.reply

        def build(message_id: str) -> tuple[str, list[str], bytes]:
            assert reply is not None
            content = build_message(
                reply,
                message_id=message_id,
                sender=self.settings.office_address,
                sender_name=self.settings.office_name_id,
                references=references,
                date=self.clock(),
            )
            return self.settings.office_address, list(reply.to), content

        requirements = self.triage.office.requirements
        result = self.store.commit(
            mail.id,
            decision=verdict.decision.value,
            verdict_json=verdict.model_dump_json(),
            now=self.clock(),
            reply=build if reply is not None else None,
            reply_kind=reply.kind.value if reply else "",
            withheld=withheld,
            message_id_domain=self.settings.service.message_id_domain,
            identities=mail_threads.identity_digests(verdict, self.store.vault.identity_key),
            attachments=verdict.attachments,
            request_type=mail_threads.request_key(verdict, self._threshold),
            proofs=proof_files(verdict, self.missions, requirements, self.settings.proof)
            if reply is not None
            else (),
        )
        return result.outbox_message_id

    def _thread_hints(
        self,
        mail: MailRecord,
        raw: bytes,
        head: Message,
        standing: SenderStanding,
        now: dt.datetime,
        clock: StageClock,
    ) -> tuple[ThreadHints, Verdict | None]:
        """What threading needs; with no header naming a case, the mail is read first for
        its applicants' passport numbers, NIKs and names and its request type (the same
        applicants of the same mission join), and that reading is returned too."""
        hints = mail_threads.thread_hints(
            head,
            now,
            self.zone,
            self.settings.service.thread_window_days,
            mission=standing.mission,
            distrust=standing.distrust,
        )
        clock.lap("store")
        if mail.case_id is not None or hints.case_numbers or hints.message_ids:
            return hints, None
        judged = self.judge.run(raw)
        clock.add(judged.seconds)
        update = {
            "applicants": mail_threads.applicant_identities(
                judged.verdict, self.store.vault.identity_key
            ),
            "request_type": mail_threads.request_key(judged.verdict, self._threshold),
        }
        return hints.model_copy(update=update), judged.verdict

    # ------------------------------------------------------------------ send and acknowledge

    def send_due(self) -> PollReport:
        """Only step 6, on the outbox's own timer: replies due again after a failed send
        leave within seconds of the server's return, not at the next poll."""
        report = PollReport()
        self.send(report)
        return report

    def send(self, report: PollReport) -> None:
        """Step 6: every due outbox row, each marked sent right after the server took it."""
        batch = 50
        for _ in range(1000):  # full batches until the due rows run out
            items = self.store.claim_outbox(self.clock(), limit=batch)
            for item in items:
                self._send_one(item, report)
            if len(items) < batch:
                return

    def _send_one(self, item: OutboxItem, report: PollReport) -> None:
        with self._send_lock:  # one connection to the SMTP server, shared by the threads
            sent = send_one(self.store, self.mailer, item, self.clock)
        if not sent:
            report.send_failed += 1
            return
        report.sent += 1
        self.hook("sent")

    def acknowledge(self, report: PollReport) -> None:
        """Step 7: mark mails at the source once committed and answered."""
        pending = self.store.to_acknowledge(self.source.account, self.source.folder)
        if not pending:
            return
        by_key = {m.key: m.id for m in pending}
        try:
            done = self.source.acknowledge(list(by_key))
        except SourceError as exc:
            report.errors.append(f"acknowledge: {exc}")
            return
        self.store.mark_acked([by_key[k] for k in done if k in by_key], self.clock())
        report.acknowledged += len(done)
        self.hook("acknowledged")


# ---------------------------------------------------------------------- helpers


def _log_outcome(
    mail: MailRecord, case: CaseInfo, verdict: Verdict, queued: str | None, withheld: str | None
) -> None:
    log = mail_logger(__name__, case.number)
    log.info(
        "mail %d from %s: %s case, decision %s, %s",
        mail.id,
        verdict.sender or "(null sender)",
        "suspicious" if case.suspicious else "new" if case.new else "follow-up in",
        verdict.decision.value,
        f"reply queued {queued}" if queued else f"no reply ({withheld or 'none composed'})",
    )
    if {f.code for f in verdict.findings} & _OFFICER_MUST_ACT:
        # A mission left unanswered by a safety cap, or a mail kept out of its case.
        log.warning("mail %d: no reply sent (%s); an officer must look at it", mail.id, withheld)
