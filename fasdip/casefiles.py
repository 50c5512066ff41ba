"""From the store to what people look at: documents on disk, registration proofs, the digest.

Everything here reads the store; the digest's figures are the store's rows, not a second
count. Documents are written under ``<var>/documents/<case>/`` with names made from the
attachment id and hash (a sender's file name is never a path), with mode
``protection.file_mode`` (0600, folders 0700) and, when ``protection.encryption_key`` is
set, encrypted (``….pdf.enc``; ``fasdip document FILE`` writes one out in clear). The
documents of a case purged by retention are not written again (its raw mails are gone).
"""

from __future__ import annotations

import datetime as dt
import email.utils
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import ingest
from config.catalog import FindingCatalog
from config.missions import MissionRegistry
from config.office import Requirements
from config.settings import Settings
from fasdip import mail_threads
from fasdip.errors import UsageError
from fasdip.models import FindingCode, Verdict
from fasdip.sending import default_mailer
from fasdip.store import OutboxItem, Store
from ingest.headers import decode_text
from responders import ReplyTemplates
from responders.digest import (
    AttentionLine,
    DigestCase,
    DigestTemplates,
    RenderedDigest,
    attention_line,
    build_digest,
    render_digest,
)

_EXTENSIONS = {"pdf": "pdf", "jpeg": "jpg", "png": "png", "docx": "docx", "zip": "zip"}


class CaseFiles:
    def __init__(
        self, settings: Settings, store: Store, requirements: Requirements, catalog: FindingCatalog
    ) -> None:
        self._settings = settings
        self._store = store
        self._requirements = requirements
        self._catalog = catalog
        self._var = Path(settings.store.var_dir)
        self._missions = MissionRegistry.load(settings.missions.file)
        # The store reads sealed raw mails with the office's key; documents get its mode.
        store.protect(settings.protection)
        self._vault = store.vault
        self._zone = ZoneInfo(settings.timezone)
        self._labels: tuple[str, ...] | None = None

    def digest_cases(self) -> list[DigestCase]:
        """The latest verdict of every case, with its documents, proofs and reply state."""
        mails = self._store.mails()
        purged = self._store.purged_raws()
        replies: dict[int, list[OutboxItem]] = {}
        for item in self._store.outbox():
            replies.setdefault(item.case_id, []).append(item)
        cases = []
        for case in self._store.cases():
            stored = self._store.verdicts(case.id)
            if not stored:
                continue
            verdict = Verdict.model_validate_json(stored[-1].verdict_json)
            case_mails = sorted((m for m in mails if m.case_id == case.id), key=lambda m: m.id)
            mission = self._missions.find(case.sender)
            sent = [r.sent_at for r in replies.get(case.id, []) if r.sent_at]
            cases.append(
                DigestCase(
                    verdict=verdict,
                    mission=mission.name if mission else "",
                    received_at=verdict.received_at or case.opened_at,
                    answered_at=sent[-1] if sent else None,
                    reply_waiting=_waiting(replies.get(case.id, []), self._zone),
                    reply_withheld=stored[-1].reply_withheld or "",
                    sender_known=FindingCode.unknown_sender
                    not in {f.code for f in verdict.findings},
                    documents=self._documents(
                        case.number,
                        [m.raw_sha256 for m in case_mails if m.raw_sha256],
                        purged,
                    ),
                    proofs=self._proofs(case.id),
                    page=case_page(self._settings.web.base_url, case.number),
                )
            )
        return cases

    def attention(self, now: dt.datetime, since: dt.datetime) -> list[AttentionLine]:
        """The digest's first section: mails not answered in time, replies not sent."""
        stale = dt.timedelta(minutes=self._settings.digest.attention_after_minutes)
        purged = self._store.purged_raws()
        lines = []
        for item in self._store.attention(now, stale_after=stale, since=since):
            sender, subject = item.case_sender or "", ""
            if item.raw_sha256 and item.raw_sha256 not in purged:
                head = mail_threads.headers(self._store.read_raw(item.raw_sha256))
                sender = mail_threads.sender(head) or sender
                subject = decode_text(head.get("Subject", ""))
            reason = item.reason
            if item.kind in ("quarantined", "failed") and item.tries:
                reason = f"{item.tries} tries, last: {reason}"
            lines.append(
                attention_line(
                    item.kind,
                    case_ref=item.case_ref or f"mail {item.mail_id}",
                    sender=sender,
                    subject=subject,
                    reason=reason,
                    since=item.since,
                    timezone=self._settings.timezone,
                    our_labels=self._subject_labels(),
                )
            )
        return lines

    def _subject_labels(self) -> tuple[str, ...]:
        """What our reply subjects put before the mission's own, from the office's
        template: a mission's answer to our reply is listed under its own subject."""
        if self._labels is None:
            templates = ReplyTemplates.load(
                self._settings.templates_dir, self._settings.ocr.template_cache_dir
            )
            self._labels = templates.subject_labels
        return self._labels

    def store_figures(self) -> tuple[int, int]:
        """(mails received, replies sent) as the store's rows count them."""
        received = len([m for m in self._store.mails() if m.duplicate_of is None])
        answered = len([item for item in self._store.outbox() if item.sent_at])
        return received, answered

    def digest(self, now: dt.datetime, hours: int = 24 * 7) -> tuple[RenderedDigest, Path]:
        """Render the digest of the store and save it (HTML and text) under the digest folder."""
        cases = self.digest_cases()
        start = now - dt.timedelta(hours=hours)
        data = build_digest(
            cases,
            self._requirements,
            self._settings.digest,
            generated_at=now,
            period_start=start,
            confidence_threshold=self._settings.classifier.confidence_threshold,
            timezone=self._settings.timezone,
            attention=self.attention(now, start),
            our_labels=self._subject_labels(),
        )
        # The mail and reply figures are the store's rows, not a count of the cases shown.
        received, answered = self.store_figures()
        numbers = data.sections.numbers.model_copy(
            update={"received": received, "answered": answered}
        )
        data = data.model_copy(
            update={"sections": data.sections.model_copy(update={"numbers": numbers})}
        )
        rendered = render_digest(data, DigestTemplates.load(self._settings.templates_dir))
        folder = Path(self._settings.digest.output_dir)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"digest-{now:%Y%m%d-%H%M}.html"
        path.write_text(rendered.html, encoding="utf-8")
        path.with_suffix(".txt").write_text(rendered.text, encoding="utf-8")
        return rendered, path

    def _documents(
        self, case_number: str, shas: list[str], purged: set[str] | None = None
    ) -> dict[str, str]:
        """Attachment id (``a2``, ``m1-a2`` for earlier mails) -> the file written for it
        (sealed ``….enc`` with an encryption key). Mails purged by retention have none."""
        folder = self._store.documents_dir / case_number
        paths: dict[str, str] = {}
        for number, sha in enumerate(shas, start=1):
            if purged and sha in purged:
                continue
            latest = number == len(shas)
            email = ingest.parse(
                self._store.read_raw(sha),
                self._settings.ingest,
                self._catalog,
                limits=self._settings.limits,
            )
            for att in email.attachments:
                key = att.id if latest else att.of_earlier_mail(number).id
                name = (
                    f"{key}-{att.sha256[:12]}.{_EXTENSIONS.get(att.detected_format.value, 'bin')}"
                )
                path = folder / name
                stored = self._vault.stored_path(path) or self._vault.write(path, att.data)
                paths[key] = str(stored)
        return paths

    def _proofs(self, case_id: int) -> list[str]:
        """The registration proofs the case's reply carried, written out for the officers
        under ``<var>/proofs/`` (sealed ``….pdf.enc`` with an encryption key)."""
        written = []
        for proof in self._store.case_proofs(case_id):
            path = self._var / "proofs" / proof.filename
            stored = self._vault.stored_path(path)
            if stored is None or self._vault.read_file(stored) != proof.content:
                stored = self._vault.write(path, proof.content)
            written.append(str(stored))
        return written


def case_page(base_url: str, number: str) -> str | None:
    """The case's page in the officers' console, when ``web.base_url`` says where it is."""
    return f"{base_url.rstrip('/')}/cases/{quote(number)}" if base_url else None


def _waiting(replies: list[OutboxItem], zone: ZoneInfo) -> str:
    """Why the case's latest reply has not left ("" when it has, or there is none)."""
    if not replies or replies[-1].sent_at is not None:
        return ""
    latest = replies[-1]
    queued = latest.next_try_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
    if latest.tries:
        return f"{latest.tries} failed tries, next at {queued}: {latest.last_error or '-'}"
    return f"in the outbox, to be sent at the next poll (due {queued})"


def send_digest(settings: Settings, rendered: RenderedDigest) -> list[str]:
    """Mail the digest to the officers (``Auto-Submitted: auto-generated``); their addresses."""
    recipients = list(settings.digest.recipients)
    if not recipients:
        raise UsageError(
            "no officers to send to: set FASDIP_DIGEST__RECIPIENTS (a list of addresses)"
        )
    message = EmailMessage()
    message["From"] = settings.office_address
    message["To"] = ", ".join(recipients)
    message["Subject"] = rendered.subject
    message["Date"] = email.utils.formatdate(localtime=False)
    message["Message-ID"] = email.utils.make_msgid(domain=settings.service.message_id_domain)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: never answered by a machine
    message["X-Auto-Response-Suppress"] = "All"
    message.set_content(rendered.text)
    message.add_alternative(rendered.html, subtype="html")
    mailer = default_mailer(settings)
    try:
        # CRLF line ends (policy SMTP): smtplib sends bytes as they are, and a server reads
        # a message of bare LFs as one over-long line.
        mailer.send(settings.office_address, recipients, message.as_bytes(policy=SMTP))
    finally:
        mailer.close()
    return recipients
