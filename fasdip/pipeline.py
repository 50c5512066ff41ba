"""The one place that knows the order of the stages.

    raw bytes -> ingest.parse -> ingest.inspect -> (automatic? ignore)
              -> classify -> check files and photos -> checklist per applicant
              -> rules on text and dates -> decide -> compose the reply -> Verdict

Everything loaded from config happens once, in ``Triage.load``; ``Triage.run`` is pure:
no network, no files written, the same bytes and date give the same verdict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import ingest
import responders
import validators
from classifiers import Classifiers
from config.catalog import FindingCatalog
from config.office import OfficeConfig, load_office
from config.settings import Settings
from fasdip import assemble
from fasdip.checks import CaseChecks, note_text, owners
from fasdip.corrections import CaseCorrections
from fasdip.decide import decide, left_to_officers
from fasdip.holiday_calendar import HolidayCalendar
from fasdip.identity import IdentityStage
from fasdip.logs import MailLogger, mail_logger
from fasdip.models import (
    ApplicantVerdict,
    AttachmentVerdict,
    Classification,
    Decision,
    Finding,
    FindingCode,
    InboundEmail,
    KtpReading,
    Severity,
    Verdict,
)
from fasdip.pages import first_page_text, page_images
from fasdip.scans import ScanReader
from fasdip.timing import StageClock
from readers import template_cache
from readers.cache import ReadingCache, Sealer
from readers.identity import IdentityReader
from readers.ocr_tesserocr import ocr_engine
from readers.page_text import PageTextReader


@dataclass(frozen=True)
class _Mail:
    """The mail being judged (with its case's earlier mails) and the dates its rules use."""

    email: InboundEmail
    received: dt.date | None  # the ministry's receipt date (Jakarta), when the mail says it
    today: dt.date  # the date expiry rules use
    case_ref: str
    log: MailLogger


_FORM_ONLY = frozenset({FindingCode.wrong_format, FindingCode.too_large})  # the file is whole


def _blocking(findings: Sequence[Finding]) -> set[FindingCode]:
    return {f.code for f in findings if f.severity == Severity.blocking}


@dataclass(frozen=True)
class _FileChecks:
    """The verdict on each file and each applicant's set; what OCR need not read."""

    findings: list[Finding]
    attachments: list[AttachmentVerdict]
    applicants: list[ApplicantVerdict]
    not_to_read: set[str]  # superseded copies, and files the mission must send again
    resend: frozenset[str]  # of those, whole files to send in another form (format, size)


@dataclass(frozen=True)
class Triage:
    """Everything a triage needs, loaded and checked once at start-up."""

    settings: Settings
    office: OfficeConfig
    catalog: FindingCatalog
    classifiers: Classifiers
    templates: responders.ReplyTemplates
    identity: responders.OfficeIdentity
    timezone: ZoneInfo
    identities: IdentityStage
    scans: ScanReader
    checks: CaseChecks
    calendar: HolidayCalendar = field(default_factory=HolidayCalendar)

    @classmethod
    def load(
        cls,
        settings: Settings,
        *,
        readings_file: Path | None = None,
        sealer: Sealer | None = None,
    ) -> Triage:
        """Config loaded and checked; with ``readings_file`` the identity readings are also
        kept in that file (the service: shared by its workers, kept across restarts),
        sealed by ``sealer`` when it encrypts (the store's ``Vault``)."""
        office = load_office(settings)
        catalog = FindingCatalog(office.messages, office.requirements)
        template_cache.keep_in(settings.ocr.template_cache_dir)  # OCR-B/-A glyphs, once
        engine = ocr_engine(settings.ocr)
        cache = ReadingCache(
            settings.ocr.cache_entries, readings_file, settings.ocr.cache_days, sealer=sealer
        )
        # A combined PDF may show the passport on a later page: as many pages as are typed.
        reader = IdentityReader(
            engine,
            lambda att: page_images(att, settings.limits, settings.ocr.page_text_max_pages),
            cache,
        )
        pages = PageTextReader(engine, cache, settings.ocr.page_text_width)
        return cls(
            settings=settings,
            office=office,
            catalog=catalog,
            classifiers=Classifiers(office.keywords, office.requirements, settings.classifier),
            templates=responders.ReplyTemplates.load(
                settings.templates_dir, settings.ocr.template_cache_dir
            ),
            identity=responders.OfficeIdentity(
                address=settings.office_address,
                name_id=settings.office_name_id,
                name_en=settings.office_name_en,
                timezone=settings.timezone,
            ),
            timezone=ZoneInfo(settings.timezone),
            checks=CaseChecks(catalog, office.requirements, settings.classifier, settings.photo),
            identities=IdentityStage(
                reader,
                catalog,
                office.requirements.rules,
                name_threshold=settings.classifier.name_mismatch_threshold,
                page_text=lambda att: first_page_text(pages, att, settings.limits),
            ),
            scans=ScanReader(
                reader,
                pages,
                settings.limits,
                settings.ocr,
                settings.classifier.document_confidence_threshold,
            ),
        )

    def run(
        self,
        raw: bytes,
        *,
        today: dt.date | None = None,
        case_ref: str | None = None,
        earlier: Sequence[bytes] = (),
        clock: StageClock | None = None,
        corrections: CaseCorrections | None = None,
    ) -> Verdict:
        """The verdict on ``raw``; with ``earlier`` (the case's previous mails, oldest first)
        the case is judged again with every document received so far. ``clock`` books the
        time of each stage (parse, classify, ocr, rules, compose). ``corrections`` (the
        officers', ``fasdip.corrections``) win over the machine's reading."""
        clock = clock or StageClock()
        clock.start()
        mail = self._read_mail(raw, earlier, today, case_ref)
        clock.lap("parse")
        unanswered = self._not_a_request(mail)
        if unanswered is not None:
            return unanswered
        classification = self._classify(mail, clock, corrections)
        files = self._check_files(mail, classification)
        clock.lap("rules")
        # Superseded copies and broken files are not read; a passport to send again in
        # another form is, for what it says for certain (an expiry told now, not next time).
        passports, ktps, identity_findings = self.identities.judge(
            mail.email, classification, files.not_to_read - files.resend, mail.today,
            corrections, files.resend,
        )  # fmt: skip
        clock.lap("ocr")
        # What rests on a doubted reading is left to an officer, not asked of the mission.
        details = self._detail_findings(mail, classification, ktps)
        if assemble.unread_note_sent_again(mail.email, classification, files.findings):
            # What the note says is unknown: no detail is asked that it may already state.
            details = [f for f in details if f.code != FindingCode.missing_detail]
        findings = left_to_officers([*files.findings, *identity_findings, *details])
        findings, applicants = assemble.nothing_asked_of_the_refused(findings, files.applicants)
        applicants = assemble.named_by_readings(applicants, passports, ktps)
        request = classification.request
        decision, reason = decide(
            request,
            self.office.requirements.request_types[request.request_type],
            findings,
            has_documents=bool(mail.email.attachments),
            confidence_threshold=self.settings.classifier.confidence_threshold,
        )
        mail.log.info("decision %s: %s", decision.value, reason)
        clock.lap("rules")
        verdict = self._with_reply(
            assemble.verdict(
                mail.email,
                mail.case_ref,
                mail.today,
                findings,
                decision,
                reason,
                request,
                files.attachments,
                applicants,
                passports,
                ktps,
            )
        )
        clock.lap("compose")
        return verdict

    # ------------------------------------------------------------------ the steps of run

    def _read_mail(
        self,
        raw: bytes,
        earlier: Sequence[bytes],
        today: dt.date | None,
        case_ref: str | None,
    ) -> _Mail:
        """Mail in: bytes to a typed email, every attachment's content read once, with the
        case's earlier mails; the dates the rules use, and the case reference."""
        email = ingest.parse(raw, self.settings.ingest, self.catalog, limits=self.settings.limits)
        email = ingest.inspect(email, self.settings.ingest, limits=self.settings.limits)
        if earlier and email.looks_like_email:
            email = self._with_earlier(email, earlier)
        received = self.receipt_date(email)
        today = today or received or dt.datetime.now(self.timezone).date()
        case_ref = case_ref or assemble.provisional_case_ref(email, received or today)
        log = mail_logger(__name__, case_ref)
        log.info("parsed: %d attachment(s), %d byte(s)", len(email.attachments), email.raw_size)
        return _Mail(email, received, today, case_ref, log)

    def _not_a_request(self, mail: _Mail) -> Verdict | None:
        """The verdict on what is no request at all: not an email, or written by a machine."""
        email = mail.email
        if not email.looks_like_email:
            verdict = assemble.verdict(
                email, mail.case_ref, mail.today, email.findings, Decision.officer_review,
                "not an email",
            )  # fmt: skip
            return self._with_reply(verdict)
        automatic = self.classifiers.automatic_evidence(email)
        if not automatic:
            return None
        finding = self.catalog.make(FindingCode.auto_submitted, reason=automatic[0].cue)
        mail.log.info("automatic message (%s): ignored", automatic[0].cue)
        verdict = assemble.verdict(
            email, mail.case_ref, mail.today, [*email.findings, finding], Decision.ignore,
            automatic[0].cue,
        )  # fmt: skip
        return self._with_reply(verdict)

    def _classify(
        self, mail: _Mail, clock: StageClock, corrections: CaseCorrections | None = None
    ) -> Classification:
        """What is it, and whose papers are these (OCR names a scan nothing else names);
        the officers' ``corrections`` win over the machine's document types and owners."""
        clock.lap("classify")
        scans = self.scans.evidence(mail.email, self.classifiers.documents, mail.today)
        clock.lap("ocr")
        classification = self.classifiers.classify(mail.email, scans.hints, scans.page_texts)
        # An identity scan nobody's name or text claims is claimed by the name read on it.
        names = self.identities.names_read(mail.email, classification, mail.today)
        if names:
            classification = self.classifiers.classify(
                mail.email, scans.hints, scans.page_texts, names
            )
        if corrections is not None:
            classification = corrections.classification(mail.email, classification)
        request = classification.request
        mail.log.info("request %s (%.2f)", request.request_type.value, request.confidence)
        clock.lap("classify")
        return classification

    def _check_files(self, mail: _Mail, classification: Classification) -> _FileChecks:
        """Is each file right, and is each applicant's set complete (a document sent again
        in a later mail of the case supersedes the earlier copy)."""
        email = mail.email
        findings: list[Finding] = [
            *email.findings,
            *self.checks.request_findings(email, classification),
        ]
        superseded = assemble.superseded(email, classification, owners(classification))
        attachment_verdicts = self.checks.attachments(email, classification, superseded)
        for av in attachment_verdicts:
            findings += av.findings
        applicant_verdicts = self.checks.checklists(classification)
        findings += self.checks.type_doubts(
            email, classification, attachment_verdicts, applicant_verdicts
        )
        findings += self.checks.misread_suspects(
            email, classification, applicant_verdicts, superseded
        )
        for applicant in applicant_verdicts:
            findings += [
                self.catalog.make(
                    FindingCode.missing_document, document=doc, applicant=applicant.key
                )
                for doc in applicant.missing
            ]
        blocked = {av.id: _blocking(av.findings) for av in attachment_verdicts}
        resend = frozenset(
            av_id
            for av_id, codes in blocked.items()
            if codes and codes <= _FORM_ONLY and av_id not in superseded
        )
        not_to_read = superseded | {av_id for av_id, codes in blocked.items() if codes}
        return _FileChecks(findings, attachment_verdicts, applicant_verdicts, not_to_read, resend)

    def _detail_findings(
        self, mail: _Mail, classification: Classification, ktps: Sequence[KtpReading]
    ) -> list[Finding]:
        """Rules that need only text and dates (and a consul's KTP for the jurisdiction)."""
        email, start, request = mail.email, mail.received or mail.today, classification.request
        texts = validators.TextSources(
            subject=email.subject, body=email.body_text, note=note_text(email, classification)
        )
        findings = validators.check_details(
            request.request_type,
            texts,
            start,
            self.office.requirements,
            self.office.keywords,
            self.catalog,
            self.holidays_around(start),
        )
        return findings + validators.stated_findings(
            request.request_type,
            texts,
            ktps,
            classification.applicants,
            self.office.keywords,
            self.office.requirements.rules.id_card_min_age,
            self.catalog,
            mail.today,
        )

    # ------------------------------------------------------------------ stage helpers

    def _with_earlier(self, email: InboundEmail, earlier: Sequence[bytes]) -> InboundEmail:
        """The follow-up seen as the whole case (``assemble.whole_case``)."""
        ingest_settings, limits = self.settings.ingest, self.settings.limits
        previous = [
            ingest.inspect(ingest.parse(raw, ingest_settings, self.catalog, limits=limits),
                           ingest_settings, limits=limits)
            for raw in earlier
        ]  # fmt: skip
        return assemble.whole_case(email, previous)

    def receipt_date(self, email: InboundEmail) -> dt.date | None:
        """The day the ministry received the mail (Jakarta time): the 14-working-day clock."""
        moment = email.received_at or email.date
        return validators.local_date(moment, self.settings.timezone) if moment else None

    def holidays_around(self, day: dt.date) -> Mapping[dt.date, str]:
        return self.calendar.around(day)

    def unjudged(
        self,
        raw: bytes,
        finding: Finding,
        *,
        case_ref: str | None = None,
        today: dt.date | None = None,
    ) -> Verdict:
        """The verdict on a mail that could not be judged (a limit broken, a worker killed):
        read from its headers alone, it goes to an officer with ``finding`` saying why."""
        email = ingest.envelope(raw, self.settings.limits)
        received = self.receipt_date(email)
        today = today or received or dt.datetime.now(self.timezone).date()
        case_ref = case_ref or assemble.provisional_case_ref(email, received or today)
        mail_logger(__name__, case_ref).warning("not judged: %s", finding.text_en)
        reason = f"{finding.code.value}: {finding.params.get('reason', '')}".rstrip(": ")
        verdict = assemble.verdict(
            email, case_ref, today, [finding], Decision.officer_review, reason
        )
        return self._with_reply(verdict)

    def for_case(self, verdict: Verdict, case_ref: str) -> Verdict:
        """The same verdict under the case number the store gave (its reply worded again):
        a mail read once before its case was known need not be read twice."""
        return self._with_reply(verdict.model_copy(update={"case_ref": case_ref, "reply": None}))

    def _with_reply(self, verdict: Verdict) -> Verdict:
        reply = responders.compose(verdict, self.office.requirements, self.templates, self.identity)
        return verdict.model_copy(update={"reply": reply})
