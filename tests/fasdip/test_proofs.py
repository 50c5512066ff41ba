"""What a registration proof names: the applicant as the mail names them, else as an
accepted reading of their passport or KTP prints them (a one-word Indonesian name the
roster cannot take from the note), never a bare "Applicant 1" when a reading knows."""

from __future__ import annotations

import datetime as dt

import pytest

from config.office import load_office
from config.settings import load_settings
from fasdip.assemble import named_by_readings
from fasdip.models import (
    ApplicantCategory,
    ApplicantVerdict,
    Decision,
    DocumentType,
    FieldRead,
    KtpReading,
    PassportReading,
    RequestType,
    Verdict,
)
from fasdip.proofs import proof_data


def verdict(
    name: str | None, ktp: KtpReading | None = None, passport: PassportReading | None = None
) -> Verdict:
    return Verdict(
        case_ref="FASDIP-2026-000123",
        message_id="<m1@embassy.example>",
        subject="Pas Bandara",
        sender="consular@embassy.example",
        received_at=None,
        today=dt.date(2026, 11, 16),
        request_type=RequestType.airport_pass_new,
        request_confidence=1.0,
        request_evidence=[],
        applicants=[
            ApplicantVerdict(
                key="p1",
                name=name,
                category=ApplicantCategory.local_staff,
                documents=[DocumentType.ktp],
                missing=[],
                attachments=["a2"],
            )
        ],
        attachments=[],
        findings=[],
        ktps=[ktp] if ktp else [],
        passports=[passport] if passport else [],
        decision=Decision.registration_proof,
        decision_reason="complete",
        reply=None,
    )


KTP = KtpReading(
    attachment="a2",
    nik=FieldRead(value="3672031008990992", confidence=0.9),
    name=FieldRead(value="INDRA", confidence=0.95),
    accepted=True,
)
PASSPORT = PassportReading(
    attachment="a2",
    document_number=FieldRead(value="N1234567", confidence=0.99),
    surname=FieldRead(value="BERG", confidence=0.99),
    given_names=FieldRead(value="LARS ERIK", confidence=0.99),
    accepted=True,
)


@pytest.mark.parametrize(
    ("name", "ktp", "passport", "shown"),
    [
        ("Indra Kusuma", KTP, None, "Indra Kusuma"),  # the mail's name first
        (None, KTP, None, "INDRA"),  # a one-word name only the KTP gives
        (None, None, PASSPORT, "LARS ERIK BERG"),
        (None, KTP.model_copy(update={"accepted": False}), None, "Applicant 1"),  # not trusted
    ],
    ids=["named in the mail", "read on the KTP", "read on the passport", "reading in doubt"],
)
def test_the_proof_names_the_applicant(
    name: str | None,
    ktp: KtpReading | None,
    passport: PassportReading | None,
    shown: str,
) -> None:
    requirements = load_office(load_settings()).requirements
    [data] = proof_data(verdict(name, ktp, passport), "Embassy of Example", requirements)
    assert data.applicant_name == shown


@pytest.mark.parametrize(
    ("name", "ktp", "passport", "shown"),
    [
        ("Indra Kusuma", KTP, None, "Indra Kusuma"),
        (None, KTP, None, "INDRA"),
        (None, None, PASSPORT, "LARS ERIK BERG"),
        (None, KTP.model_copy(update={"accepted": False}), None, None),
    ],
    ids=["named in the mail", "read on the KTP", "read on the passport", "reading in doubt"],
)
def test_the_reply_and_the_console_name_the_applicant_as_the_proof_does(
    name: str | None,
    ktp: KtpReading | None,
    passport: PassportReading | None,
    shown: str | None,
) -> None:
    case = verdict(name, ktp, passport)
    [applicant] = named_by_readings(case.applicants, case.passports, case.ktps)
    assert applicant.name == shown
