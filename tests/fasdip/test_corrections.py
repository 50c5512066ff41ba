"""Officers' corrections win over the machine's reading in every judgement of the case:
the console's "judge again" and the mailroom's follow-ups alike."""

from __future__ import annotations

import datetime as dt
import email.utils
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from config.settings import load_settings
from fasdip.corrections import CaseCorrections
from fasdip.mailroom import Mailroom
from fasdip.models import (
    ApplicantCategory,
    ApplicantGroup,
    Attachment,
    Classification,
    Decision,
    DocumentClassification,
    DocumentType,
    FieldRead,
    FileFormat,
    InboundEmail,
    PassportReading,
    RequestClassification,
    RequestType,
    Verdict,
)
from fasdip.pipeline import Triage
from fasdip.store.console_records import CorrectionRecord
from samples.console import SCAN_NAME, unnamed_scan_request
from tests.fasdip.web.conftest import poll, write_config

FOREIGN = ApplicantCategory.foreign_official


def scan_of(verdict: Verdict) -> str:
    return next(a.sha256 for a in verdict.attachments if a.filename == SCAN_NAME)


@pytest.mark.slow  # Tesseract reads the scans
def test_a_document_type_set_by_an_officer_completes_the_case(triage: Triage) -> None:
    raw, truth = unnamed_scan_request()
    machine = triage.run(raw)
    assert machine.decision == Decision.officer_review
    scan = next(a for a in machine.attachments if a.filename == SCAN_NAME)
    assert scan.document_type != DocumentType.kemlu_id_card  # the machine's guess is wrong
    fixed = triage.run(
        raw, corrections=CaseCorrections(document_types={scan.sha256: DocumentType.kemlu_id_card})
    )
    assert fixed.decision == truth.decision == Decision.registration_proof
    [corrected] = [a for a in fixed.attachments if a.filename == SCAN_NAME]
    assert (corrected.document_type, corrected.confidence) == (DocumentType.kemlu_id_card, 1.0)
    assert fixed.reply is not None and fixed.reply.kind == Decision.registration_proof


def follow_up(case_number: str, reply_id: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Embassy of Japan <consular@embassy-japan.example>"
    msg["To"] = "fasdip.dafis.kundak@kemlu.go.id"
    msg["Subject"] = f"Re: {case_number} additional note"
    msg["Message-ID"] = "<followup1@embassy-japan.example>"
    msg["In-Reply-To"] = reply_id
    msg["Date"] = email.utils.format_datetime(dt.datetime.now(dt.UTC))
    msg.set_content("Dear colleagues, kindly note the screening test date is unchanged.")
    return bytes(msg)


@pytest.mark.slow  # Tesseract reads the scans
def test_a_correction_wins_when_a_follow_up_is_judged_by_the_mailroom(
    tmp_path: Path, triage: Triage
) -> None:
    raw, _truth = unnamed_scan_request()
    config = write_config(tmp_path)
    poll(config, triage, {"1.eml": raw})
    settings = load_settings(config)
    room = Mailroom.open(settings, triage=triage)
    try:
        [case] = room.store.cases()
        first = Verdict.model_validate_json(room.store.verdicts(case.id)[-1].verdict_json)
        room.store.add_correction(
            case.id,
            kind="document_type",
            sha256=scan_of(first),
            value="kemlu_id_card",
            officer="ani",
            now=dt.datetime.now(dt.UTC),
            detail="scan004.pdf is the Kemlu ID card",
        )
        [reply] = room.store.outbox(case.id)
        (settings.service.inbox_dir / "2.eml").write_bytes(follow_up(case.number, reply.message_id))
        assert room.poll_once().processed == 1
        latest = Verdict.model_validate_json(room.store.verdicts(case.id)[-1].verdict_json)
    finally:
        room.close()
    assert latest.decision == Decision.registration_proof
    [scan] = [a for a in latest.attachments if a.filename == SCAN_NAME]
    assert scan.id.startswith("m1-") and scan.document_type == DocumentType.kemlu_id_card


def record(kind: str, sha: str, value: str, field: str = "") -> CorrectionRecord:
    return CorrectionRecord(
        id=1,
        case_id=1,
        kind=kind,
        sha256=sha,
        field=field,
        value=value,
        officer="ani",
        at=dt.datetime(2026, 11, 29, tzinfo=dt.UTC),
    )


def doubtful() -> PassportReading:
    return PassportReading(
        attachment="a2",
        surname=FieldRead(value="SUSANT0", confidence=0.4, doubt="read as 0 or O"),
        given_names=FieldRead(value="BUDI", confidence=0.9),
        doubts=["surname: read as 0 or O"],
    )


def test_a_corrected_field_is_no_longer_in_doubt_and_the_latest_correction_wins() -> None:
    fixes = CaseCorrections.of(
        [
            record("field", "abc", "SUSANTA", "passport.surname"),
            record("field", "abc", "SUSANTO", "passport.surname"),
        ]
    )
    fixed = fixes.passport(doubtful(), "abc")
    assert fixed.surname.value == "SUSANTO" and fixed.surname.doubt is None
    assert fixed.accepted and fixed.doubts == []
    assert fixes.passport(doubtful(), "another file") == doubtful()


def test_confirming_a_reading_accepts_it_as_read() -> None:
    fixed = CaseCorrections.of([record("confirm", "abc", "yes")]).passport(doubtful(), "abc")
    assert fixed.surname.value == "SUSANT0" and fixed.accepted


@given(st.lists(st.sampled_from(list(DocumentType)), min_size=1, max_size=6))
def test_the_last_document_type_given_is_the_one_kept(types: list[DocumentType]) -> None:
    fixes = CaseCorrections.of([record("document_type", "abc", t.value) for t in types])
    assert fixes.document_types == {"abc": types[-1]}


def test_an_applicant_set_by_an_officer_owns_the_document_and_no_one_else_does() -> None:
    email = InboundEmail(
        attachments=[
            Attachment(
                id=f"a{n}",
                filename=f"scan{n}.pdf",
                declared_type="application/pdf",
                detected_format=FileFormat.pdf,
                size=10,
                sha256=f"{n}" * 64,
            )
            for n in (1, 2)
        ]
    )
    found = Classification(
        request=RequestClassification(request_type=RequestType.airport_pass_new, confidence=1.0),
        documents=[
            DocumentClassification(
                attachment=f"a{n}", document_type=DocumentType.cv, confidence=0.9
            )
            for n in (1, 2)
        ],
        applicants=[
            ApplicantGroup(
                key="p1", name="A", category=FOREIGN, category_confidence=1, attachments=["a1"]
            ),
            ApplicantGroup(key="p2", name="B", category=FOREIGN, category_confidence=1),
        ],
        unassigned=["a2"],
    )
    fixes = CaseCorrections.of(
        [record("applicant", "1" * 64, "p2"), record("applicant", "2" * 64, "p2")]
    )
    fixed = fixes.classification(email, found)
    assert [a.attachments for a in fixed.applicants] == [[], ["a1", "a2"]]
    assert fixed.unassigned == []
    unknown = CaseCorrections.of([record("applicant", "1" * 64, "p9")]).classification(email, found)
    assert unknown == found  # an applicant the case no longer has changes nothing
