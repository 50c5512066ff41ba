"""Reading identity documents: the MRZ of each passport copy, the fields of each KTP.

A text layer is read as text (exact, no OCR); a scan or a photo goes to the OCR readers
of ``readers``. Readings are kept per attachment sha256, so a document is read once
even when it is looked at twice (an OCR hint before classification, then the reading).
"""

from __future__ import annotations

import datetime as dt
import re

from PIL import Image

import ingest.pdf
from classifiers.documents import DocumentClassifier
from config.catalog import FindingCatalog
from config.office import Rules
from config.settings import DEFAULT_LIMITS, LimitsSettings
from fasdip.errors import OcrError
from fasdip.models import (
    IMAGE_FORMATS,
    Attachment,
    Classification,
    DocumentType,
    FileFormat,
    Finding,
    FindingCode,
    InboundEmail,
    KtpReading,
    PassportReading,
)
from ingest.images import decode_image
from readers.cache import ReadingCache
from readers.mrz import parse_mrz
from readers.ocr import OcrEngine
from validators.identity import age_findings, ktp_findings, name_mismatch_findings
from validators.passport_rules import passport_findings

_MRZ_LINE = re.compile(r"^[A-Z0-9<]{30,44}$")


def has_text(att: Attachment) -> bool:
    return bool(att.content and att.content.text.strip())


def is_scan(att: Attachment) -> bool:
    """An image, or a PDF without a text layer: only OCR can read it."""
    if att.detected_format in IMAGE_FORMATS:
        return bool(att.content and att.content.readable)
    return (
        att.detected_format == FileFormat.pdf
        and not has_text(att)
        and bool(att.content and att.content.readable)
    )


def page_images(att: Attachment, limits: LimitsSettings) -> list[Image.Image]:
    """The pictures OCR reads: a PDF's page images, or the image itself; [] if none decode
    (or a picture is over ``limits.max_image_pixels``)."""
    if att.detected_format == FileFormat.pdf:
        return ingest.pdf.page_images(att.data, limits=limits)
    image = decode_image(att.data, limits)
    return [image] if image is not None else []


class IdentityReader:
    """Readings kept per document hash (``ReadingCache``: in memory, and in the service
    also in a file the worker processes share), so a document is read once."""

    def __init__(
        self,
        engine: OcrEngine,
        cache: ReadingCache | None = None,
        limits: LimitsSettings = DEFAULT_LIMITS,
    ) -> None:
        self._engine = engine
        self._cache = cache or ReadingCache()
        self._limits = limits

    def passport(self, att: Attachment, today_iso: str) -> PassportReading:
        key = f"{att.sha256}:{today_iso}"
        kept = self._cache.get("passport", key)
        if kept is not None:
            reading = PassportReading.model_validate_json(kept)
        else:
            reading = self._read_passport(att, today_iso)
            self._cache.put("passport", key, reading.model_dump_json())
        return reading.model_copy(update={"attachment": att.id})

    def ktp(self, att: Attachment) -> KtpReading | None:
        kept = self._cache.get("ktp", att.sha256)
        if kept is not None:
            reading = None if kept == "null" else KtpReading.model_validate_json(kept)
        else:
            reading = self._read_ktp(att)
            self._cache.put("ktp", att.sha256, reading.model_dump_json() if reading else "null")
        return reading.model_copy(update={"attachment": att.id}) if reading else None

    def shows_a_card(self, att: Attachment) -> bool:
        """Whether the first page shows the blue of an e-KTP (a cheap look, no OCR)."""
        from readers.ktp_layout import shows_a_card

        images = page_images(att, self._limits)
        return bool(images) and shows_a_card(images[0])

    def _read_passport(self, att: Attachment, today_iso: str) -> PassportReading:
        from readers.passport import read_passport  # OCR-B templates: only for passports

        today = dt.date.fromisoformat(today_iso)
        if has_text(att) and att.content:
            lines = [line.replace(" ", "") for line in att.content.text.splitlines()]
            mrz = [line for line in lines if _MRZ_LINE.match(line) and "<" in line]
            if mrz:
                return parse_mrz(mrz, attachment=att.id, today=today)
        images = page_images(att, self._limits)
        if not images:
            return PassportReading(attachment=att.id, doubts=["no page image to read"])
        try:
            return read_passport(images, self._engine, att.id, att.sha256, today)
        except OcrError as err:
            return PassportReading(attachment=att.id, doubts=[f"OCR failed: {err.message}"])

    def _read_ktp(self, att: Attachment) -> KtpReading | None:
        from readers.ktp import read_ktp  # region lists and OCR-A templates: only for KTPs
        from readers.ktp_text import ktp_from_text

        if has_text(att) and att.content:
            return ktp_from_text(att.content.text, att.id)
        images = page_images(att, self._limits)
        if not images:
            return None
        try:
            return read_ktp(images, self._engine, att.id, att.sha256)
        except OcrError as err:
            return KtpReading(attachment=att.id, doubts=[f"OCR failed: {err.message}"])


class IdentityStage:
    """Reads every passport and KTP of a case and turns what they say into findings."""

    def __init__(
        self, reader: IdentityReader, catalog: FindingCatalog, rules: Rules, name_threshold: float
    ) -> None:
        self._reader = reader
        self._catalog = catalog
        self._rules = rules
        self._name_threshold = name_threshold

    def hints(
        self, email: InboundEmail, documents: DocumentClassifier, today: dt.date
    ) -> dict[str, tuple[DocumentType, str]]:
        """What OCR finds in scans that nothing else names (an MRZ: passport; a NIK: KTP)."""
        found: dict[str, tuple[DocumentType, str]] = {}
        for att in email.attachments:
            if not is_scan(att) or documents.score(att).scores:
                continue
            if self._reader.passport(att, today.isoformat()).mrz_format:
                found[att.id] = (DocumentType.passport, "MRZ read by OCR")
                continue
            # A whole page is read for KTP labels only if it shows a card's blue: an A4
            # scan of a letter is not OCR'd at full cost on the chance it is a KTP.
            ktp = self._reader.ktp(att) if self._reader.shows_a_card(att) else None
            if ktp is not None and ktp.nik.value:
                found[att.id] = (DocumentType.ktp, "NIK read by OCR")
        return found

    def judge(
        self,
        email: InboundEmail,
        classification: Classification,
        skip: set[str],
        today: dt.date,
    ) -> tuple[list[PassportReading], list[KtpReading], list[Finding]]:
        """(passport readings, KTP readings, findings); ``skip``: superseded copies."""
        owner = {att_id: a.key for a in classification.applicants for att_id in a.attachments}
        docs = {d.attachment: d for d in classification.documents}
        names: dict[str, list[tuple[str, str]]] = {a.key: [] for a in classification.applicants}
        births: dict[str, dt.date] = {}
        passports: list[PassportReading] = []
        ktps: list[KtpReading] = []
        findings: list[Finding] = []
        for att in email.attachments:
            doc, applicant = docs[att.id], owner.get(att.id)
            if att.id in skip or not (att.content and att.content.readable):
                continue
            if DocumentType.passport in doc.covers:
                passport = self._reader.passport(att, today.isoformat())
                passports.append(passport)
                findings += passport_findings(
                    passport, att, today, self._rules.passport_warn_months, self._catalog, applicant
                )
                findings += self._doubt(att, passport.accepted, passport.doubts, applicant)
                if passport.accepted and applicant:
                    given, surname = passport.given_names.value or "", passport.surname.value or ""
                    names[applicant].insert(0, ("passport", f"{given} {surname}".strip()))
                    _remember_birth(births, applicant, passport.birth_date.value)
            if DocumentType.ktp in doc.covers:
                ktp = self._reader.ktp(att)
                if ktp is None:
                    continue
                ktps.append(ktp)
                findings += ktp_findings(ktp, att, self._catalog, applicant)
                findings += self._doubt(att, ktp.accepted, ktp.doubts, applicant)
                if ktp.accepted and applicant and ktp.name.value:
                    names[applicant].append(("KTP", ktp.name.value))
                    _remember_birth(births, applicant, ktp.birth_date.value)
            if (
                doc.document_type == DocumentType.cv
                and applicant
                and doc.person_name
                and has_text(att)
            ):
                names[applicant].append(("CV", doc.person_name))
        request = classification.request.request_type
        for group in classification.applicants:
            sources = names[group.key] + ([("note", group.name)] if group.name else [])
            findings += name_mismatch_findings(
                sources, self._catalog, group.key, self._name_threshold
            )
            findings += age_findings(
                births.get(group.key),
                request,
                today,
                self._rules.id_card_min_age,
                self._catalog,
                group.key,
            )
        return passports, ktps, findings

    def _doubt(
        self, att: Attachment, accepted: bool, doubts: list[str], applicant: str | None
    ) -> list[Finding]:
        """An OCR read not accepted goes to an officer (a text layer is exact: no doubt)."""
        if accepted or not is_scan(att):
            return []
        reason = "; ".join(doubts)[:200] or "not accepted"
        return [
            self._catalog.make(
                FindingCode.identity_doubt, attachment=att, applicant=applicant, reason=reason
            )
        ]


def _remember_birth(births: dict[str, dt.date], applicant: str, iso: str | None) -> None:
    if iso and applicant not in births:
        try:
            births[applicant] = dt.date.fromisoformat(iso)
        except ValueError:
            return
