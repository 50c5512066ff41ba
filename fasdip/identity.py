"""The identity stage: every passport and KTP of a case read once, then judged.

It joins two stages: ``readers.identity`` reads (MRZ, KTP fields, with doubts) and the
rules of ``validators`` turn the readings into findings (expired passport, NIK, names
that disagree, age). Before classification it also says what OCR finds in scans nothing
else names (``hints``). The pictures come from ingest (``page_images``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from config.catalog import FindingCatalog
from config.office import Rules
from fasdip.corrections import CaseCorrections
from fasdip.doubts import (
    NameWitness,
    confirm_ktp_name,
    confirm_ktp_nik,
    confirm_passport_name,
    doubt_a_misread_name,
    name_witnesses,
)
from fasdip.models import (
    Attachment,
    Classification,
    DocumentClassification,
    DocumentType,
    Finding,
    FindingCode,
    InboundEmail,
    KtpReading,
    PassportReading,
)
from fasdip.witnesses import names_read_by_ocr, roster_read_by_ocr, typed_texts, typed_witnesses
from readers.identity import IdentityReader, has_text, is_scan
from validators.identity import (
    age_findings,
    applicant_name_findings,
    ktp_findings,
    name_mismatch_findings,
)
from validators.passport_rules import passport_findings


class IdentityStage:
    """Reads every passport and KTP of a case and turns what they say into findings."""

    def __init__(
        self,
        reader: IdentityReader,
        catalog: FindingCatalog,
        rules: Rules,
        name_threshold: float,
        page_text: Callable[[Attachment], str] | None = None,
    ) -> None:
        """``page_text``: a scan's text read whole by Tesseract (a second reading of a KTP
        whose NIK the card reader is unsure of); None: no second reading."""
        self._reader = reader
        self._page_text = page_text
        self._catalog = catalog
        self._rules = rules
        self._name_threshold = name_threshold

    def names_read(
        self, email: InboundEmail, classification: Classification, today: dt.date
    ) -> dict[str, str]:
        """The holder's name read on each passport or KTP scan no applicant could claim
        (unassigned, or paired by order) and whose text names nobody: its MRZ's names, or
        the KTP's name line. The readings are the ones ``judge`` uses (read once, cached)."""
        unowned = {*classification.unassigned, *classification.assigned_by_order}
        docs = {d.attachment: d for d in classification.documents}
        names: dict[str, str] = {}
        for att in email.attachments:
            doc = docs[att.id]
            if att.id not in unowned or doc.person_name or not is_scan(att):
                continue
            name = None
            if DocumentType.passport in doc.covers:
                reading = self._reader.passport(att, today.isoformat(), _passport_pages(doc))
                name = f"{reading.given_names.value or ''} {reading.surname.value or ''}"
            elif DocumentType.ktp in doc.covers:
                ktp = self._reader.ktp(att)
                name = ktp.name.value if ktp is not None else None
            if name and name.strip():
                names[att.id] = name.strip()
        return names

    def judge(
        self,
        email: InboundEmail,
        classification: Classification,
        skip: set[str],
        today: dt.date,
        corrections: CaseCorrections | None = None,
        resend: frozenset[str] = frozenset(),
    ) -> tuple[list[PassportReading], list[KtpReading], list[Finding]]:
        """(passport readings, KTP readings, findings); ``skip``: superseded copies;
        ``corrections``: the officers' values win over the fields read; ``resend``: files
        the mission must send again in another form (format, size), whose passport or KTP
        is read all the same: what a reading says for certain (a passport expired or
        expiring, a NIK that cannot be, a consul living outside the jurisdiction) is told
        in the same reply rather than after the copy sent again, and no doubt is raised."""
        owner = {att_id: a.key for a in classification.applicants for att_id in a.attachments}
        docs = {d.attachment: d for d in classification.documents}
        names: dict[str, list[tuple[str, str]]] = {a.key: [] for a in classification.applicants}
        births: dict[str, dt.date] = {}
        passports: list[PassportReading] = []
        ktps: list[KtpReading] = []
        findings: list[Finding] = []
        typed_text, scanned = (
            typed_texts(email, classification),
            names_read_by_ocr(classification),
        )
        for att in email.attachments:
            doc, applicant = docs[att.id], owner.get(att.id)
            if att.id in skip or not (att.content and att.content.readable):
                continue
            witnesses = typed_witnesses(
                name_witnesses(classification, applicant), typed_text, scanned
            )
            if DocumentType.passport in doc.covers:
                passport, found = self._judge_passport(
                    att, doc, (applicant, witnesses), today, corrections, names, births
                )
                passports.append(passport)
                findings += _certain(found) if att.id in resend else found
            ktp = self._reader.ktp(att) if DocumentType.ktp in doc.covers else None
            if ktp is not None:
                ktp, found = self._judge_ktp(
                    att, ktp, (applicant, witnesses), corrections, names, births, today
                )
                ktps.append(ktp)
                findings += _certain(found) if att.id in resend else found
            if att.id in resend:
                continue
            if (
                doc.document_type == DocumentType.cv
                and applicant
                and doc.person_name
                and has_text(att)
            ):
                names[applicant].append(("CV", doc.person_name))
        read_by_ocr = scanned | roster_read_by_ocr(classification, typed_text)
        findings += self._per_applicant(classification, names, births, today, read_by_ocr)
        return passports, ktps, findings

    def _judge_passport(
        self,
        att: Attachment,
        doc: DocumentClassification,
        whose: tuple[str | None, list[NameWitness]],
        today: dt.date,
        corrections: CaseCorrections | None,
        names: dict[str, list[tuple[str, str]]],
        births: dict[str, dt.date],
    ) -> tuple[PassportReading, list[Finding]]:
        """The passport read on the pages that hold it, its findings and doubts; an
        accepted reading lends its name and birth date to the applicant's comparison;
        ``whose``: the applicant and how their papers spell their name."""
        applicant, witnesses = whose
        passport = self._reader.passport(att, today.isoformat(), _passport_pages(doc))
        if not _mrz_in_text_layer(att, passport.lines):  # OCR may add or change a letter
            passport = doubt_a_misread_name(
                passport,
                f"{passport.surname.value or ''} {passport.given_names.value or ''}",
                witnesses,
                cut=_name_fills_its_field(passport.lines),
            )
        passport = confirm_passport_name(passport, witnesses)
        if corrections is not None:
            passport = corrections.passport(passport, att.sha256)
        findings = passport_findings(
            passport, att, today, self._rules.passport_warn_months, self._catalog, applicant
        )
        findings += self._doubt(
            att,
            passport.accepted or _mrz_in_text_layer(att, passport.lines),
            passport.doubts,
            applicant,
            DocumentType.passport,
        )
        findings += self._specimen(att, passport.notes, applicant)
        if passport.accepted and applicant:
            given, surname = passport.given_names.value or "", passport.surname.value or ""
            names[applicant].insert(0, ("passport", f"{given} {surname}".strip()))
            _remember_birth(births, applicant, passport.birth_date.value)
        return passport, findings

    def _judge_ktp(
        self,
        att: Attachment,
        ktp: KtpReading,
        whose: tuple[str | None, list[NameWitness]],
        corrections: CaseCorrections | None,
        names: dict[str, list[tuple[str, str]]],
        births: dict[str, dt.date],
        today: dt.date,
    ) -> tuple[KtpReading, list[Finding]]:
        """The KTP reading with its NIK confirmed by a second reading of the card and its
        name by the other papers, its findings and doubts; an accepted reading lends its
        name and birth date to the comparison; ``whose``: the applicant and how their papers
        spell their name."""
        applicant, witnesses = whose
        card_text = ""
        if not ktp.accepted and self._page_text is not None and is_scan(att):
            card_text = self._page_text(att)
            ktp = confirm_ktp_nik(ktp, card_text, today)
        ktp = confirm_ktp_name(ktp, witnesses, card_text)
        ktp = doubt_a_misread_name(ktp, ktp.name.value or "", witnesses)
        if corrections is not None:
            ktp = corrections.ktp(ktp, att.sha256)
        findings = ktp_findings(ktp, att, self._catalog, applicant)
        findings += self._doubt(
            att, ktp.accepted or not is_scan(att), ktp.doubts, applicant, DocumentType.ktp
        )
        if ktp.accepted and applicant and ktp.name.value:
            names[applicant].append(("KTP", ktp.name.value))
            _remember_birth(births, applicant, ktp.birth_date.value)
        return ktp, findings

    def _per_applicant(
        self,
        classification: Classification,
        names: dict[str, list[tuple[str, str]]],
        births: dict[str, dt.date],
        today: dt.date,
        scanned_names: set[str],
    ) -> list[Finding]:
        """Each applicant's names compared across their documents (and the note), and their
        age; ``scanned_names``: names only OCR read on a scan."""
        findings: list[Finding] = []
        request = classification.request.request_type
        for group in classification.applicants:
            if group.name and group.name in scanned_names:
                # A name only OCR read on a scan (a scanned note, a stay permit's "Nama :")
                # may carry misread letters: a disagreement is an officer's to judge.
                mismatches = name_mismatch_findings(
                    [*names[group.key], ("scan", group.name)],
                    self._catalog,
                    group.key,
                    self._name_threshold,
                )
                findings += [self._name_doubt(m) for m in mismatches]
            else:
                findings += applicant_name_findings(
                    names[group.key], group.name, self._catalog, group.key, self._name_threshold
                )
            findings += age_findings(
                births.get(group.key),
                request,
                today,
                self._rules.id_card_min_age,
                self._catalog,
                group.key,
            )
        return findings

    def _doubt(
        self,
        att: Attachment,
        settled: bool,
        doubts: list[str],
        applicant: str | None,
        document: DocumentType,
    ) -> list[Finding]:
        """An OCR read not accepted goes to an officer (``settled``: accepted, or read from a
        text layer, which is exact); the mission is told an officer will look at that file
        (if it gets a reply at all)."""
        if settled:
            return []
        reason = "; ".join(doubts)[:200] or "not accepted"
        return [
            self._catalog.make(
                FindingCode.identity_doubt, attachment=att, applicant=applicant, reason=reason
            ),
            self._catalog.make(
                FindingCode.officer_will_check,
                attachment=att,
                applicant=applicant,
                document=document,
            ),
        ]

    def _name_doubt(self, mismatch: Finding) -> Finding:
        return self._catalog.make(
            FindingCode.identity_doubt,
            applicant=mismatch.applicant,
            reason=f"names differ, one read by OCR: {mismatch.params.get('reason', '')}"[:200],
        )

    def _specimen(self, att: Attachment, notes: list[str], applicant: str | None) -> list[Finding]:
        """A specimen (ICAO's Utopia) is read exactly and accepted by the reader, but no
        registration proof may rest on it: an officer looks (the note says why)."""
        specimen = [note for note in notes if "specimen" in note]
        if not specimen:
            return []
        return [
            self._catalog.make(
                FindingCode.identity_doubt,
                attachment=att,
                applicant=applicant,
                reason="; ".join(specimen)[:200],
            )
        ]


_CERTAIN = (
    FindingCode.passport_expired,
    FindingCode.passport_expires_soon,
    FindingCode.nik_invalid,
    FindingCode.nik_mismatch,
)


def _certain(findings: list[Finding]) -> list[Finding]:
    """What a reading says for certain: a passport's expiry, a NIK read sure that cannot
    be (the other findings of a reading are doubts or "send a clear copy", moot for a
    file sent again)."""
    return [f for f in findings if f.code in _CERTAIN]


def _passport_pages(doc: DocumentClassification) -> list[int]:
    """The pages of a (combined) PDF typed passport: where its MRZ is read."""
    return [i for i, t in enumerate(doc.page_types) if t == DocumentType.passport]


def _remember_birth(births: dict[str, dt.date], applicant: str, iso: str | None) -> None:
    if iso and applicant not in births:
        try:
            births[applicant] = dt.date.fromisoformat(iso)
        except ValueError:
            return


def _mrz_in_text_layer(att: Attachment, lines: Sequence[str]) -> bool:
    """Whether a passport's MRZ lines were read from the PDF's text layer (exact), not by OCR
    from a scanned page (a combined PDF may have text pages and a scanned passport page)."""
    if not lines or is_scan(att) or att.content is None:
        return False
    layer = att.content.text.replace(" ", "")
    return all(line in layer for line in lines)


def _name_fills_its_field(lines: Sequence[str]) -> bool:
    """Whether the MRZ's name field is full (no filler at its end): the name may be cut.
    The name is on the first line of a passport or a TD2 card, on the third of a TD1 card."""
    if not lines:
        return False
    name_line = lines[2] if len(lines) == 3 else lines[0]
    return not name_line.endswith("<")
