"""Passports and KTPs read inside the triage: OCR names a scan, the MRZ and NIK are judged."""

from __future__ import annotations

import datetime as dt

import pytest

from fasdip.models import Decision, DocumentType, FindingCode
from fasdip.pipeline import Triage
from samples.emails import build_email
from samples.files import page_scan_jpeg, photo_jpeg, scanned_pdf, text_pdf
from samples.passports import make_passport
from samples.people import check_digit

pytestmark = pytest.mark.slow  # whole mails with scans read by OCR

WHEN = dt.datetime(2026, 11, 16, 9, 30, tzinfo=dt.UTC)


def mail(body: str, *files: tuple[str, str, bytes]) -> bytes:
    return build_email(
        sender="protocol@embassy.example",
        sender_name="Protocol",
        subject="Request for New Annual Airport Pass",
        body=body,
        attachments=list(files),
        date=WHEN,
        message_id="<identity@embassy.example>",
    )


def note(name: str) -> tuple[str, str, bytes]:
    lines = [
        "The Embassy presents its compliments to the Ministry of Foreign Affairs, Directorate of",
        f"Diplomatic Facilities, and requests the issuance of the annual airport pass for Mr. {name},",
        "First Secretary. The Embassy avails itself of this opportunity to renew the assurances.",
    ]
    return ("Note.pdf", "application/pdf", text_pdf("NOTE VERBALE", lines))


def mrz_text_pdf(surname: str, given: str, expiry: str) -> bytes:
    number, birth = "C01X00T47", "850101"
    line1 = f"P<DEU{surname}<<{given}".ljust(44, "<")
    body = (
        f"{number}{check_digit(number)}DEU{birth}{check_digit(birth)}M{expiry}{check_digit(expiry)}"
    )
    optional = "<" * 14
    line2 = f"{body}{optional}{check_digit(optional)}"
    composite = line2[0:10] + line2[13:20] + line2[21:43]
    line2 += check_digit(composite)
    return text_pdf(
        "PASSPORT / REISEPASS", [f"Surname: {surname}", f"Given names: {given}", line1, line2]
    )


def test_a_scanned_passport_with_a_meaningless_name_is_found_and_read(triage: Triage) -> None:
    sample = make_passport(3)
    truth = sample.truth
    raw = mail(
        "Screening test on 15 December 2026.",
        note(f"{truth.given_names.title()} {truth.surname}"),
        ("scan001.pdf", "application/pdf", sample.pdf("jpeg")),
        ("Photo.jpg", "image/jpeg", photo_jpeg("red")),
    )
    verdict = triage.run(raw, today=dt.date(2026, 11, 16))

    scan = next(a for a in verdict.attachments if a.filename == "scan001.pdf")
    assert scan.document_type == DocumentType.passport
    [passport] = verdict.passports
    assert passport.accepted
    assert passport.surname.value == truth.surname
    assert passport.document_number.value == truth.document_number
    assert passport.document_number.check_digit_ok is True


def test_an_expired_passport_is_told_to_the_mission(triage: Triage) -> None:
    raw = mail(
        "Screening test on 15 December 2026.",
        note("Klaus MUELLER"),
        (
            "Passport Klaus Mueller.pdf",
            "application/pdf",
            mrz_text_pdf("MUELLER", "KLAUS", "260101"),
        ),
    )
    verdict = triage.run(raw, today=dt.date(2026, 11, 16))
    assert verdict.decision == Decision.missing_items
    expired = [f for f in verdict.findings if f.code == FindingCode.passport_expired]
    assert len(expired) == 1 and expired[0].params["expiry_date"]
    assert verdict.reply is not None and "Paspor pada" in verdict.reply.text


def test_a_passport_in_another_person_s_name_is_a_name_mismatch(triage: Triage) -> None:
    raw = mail(
        "Screening test on 15 December 2026.",
        note("Klaus MUELLER"),
        ("Passport Mueller.pdf", "application/pdf", mrz_text_pdf("SCHMIDT", "HANS", "320101")),
    )
    verdict = triage.run(raw, today=dt.date(2026, 11, 16))
    mismatches = [f for f in verdict.findings if f.code == FindingCode.name_mismatch]
    assert len(mismatches) == 1
    assert (
        "SCHMIDT" in mismatches[0].params["reason"] and "MUELLER" in mismatches[0].params["reason"]
    )
    # the mission reads which paper gives which name, in its own language
    assert verdict.reply is not None
    assert "Salinan paspor (halaman data): HANS SCHMIDT" in verdict.reply.text
    assert "Copy of the passport (data page): HANS SCHMIDT" in verdict.reply.text
    assert "Diplomatic note: Klaus MUELLER" in verdict.reply.text


def test_a_passport_sharing_only_the_surname_of_the_request_s_name_goes_to_an_officer(
    triage: Triage,
) -> None:
    """The request's name may be misread (a title taken for a given name: "Atase Pertahanan
    PENA"): a passport that shares its surname is no mistake to put to the mission, an
    officer looks; what is surely missing is still asked."""
    raw = mail(
        "Screening test on 15 December 2026.",
        note("Pertahanan PENA"),
        ("Passport Pena.pdf", "application/pdf", mrz_text_pdf("PENA", "JOSE LUIS", "320101")),
    )
    verdict = triage.run(raw, today=dt.date(2026, 11, 16))
    codes = {f.code for f in verdict.findings}
    assert FindingCode.name_mismatch not in codes
    assert FindingCode.identity_doubt in codes
    assert verdict.decision != Decision.registration_proof
    assert verdict.reply is None or "differs between documents" not in verdict.reply.text


def test_a_name_only_ocr_read_on_a_scan_that_disagrees_goes_to_an_officer(triage: Triage) -> None:
    """No note or mail names the applicant, so the name comes from a scanned stay permit's
    OCR. A passport that disagrees with it may be the OCR's misreading, not the mission's
    error: an officer looks, and the mission is not told its names differ."""
    sample = make_passport(2, today=dt.date(2026, 11, 16))
    permit = page_scan_jpeg(
        "KARTU IZIN TINGGAL TERBATAS DIPLOMATIK",
        ["Nama Lengkap : NOVAKOVA, PETRA", "Berlaku s.d. / Valid until : 31-12-2027"],
        seed=4,
    )
    unnamed_note = text_pdf(
        "NOTE VERBALE",
        [
            "The Embassy presents its compliments to the Ministry of Foreign Affairs and requests",
            "the issuance of an annual airport pass for its First Secretary. The Embassy avails",
            "itself of this opportunity to renew the assurances of its highest consideration.",
        ],
    )
    raw = mail(
        "Screening test on 15 December 2026.",
        ("Note.pdf", "application/pdf", unnamed_note),
        ("passport.pdf", "application/pdf", sample.pdf("jpeg")),
        ("permit.pdf", "application/pdf", scanned_pdf(permit)),
    )
    verdict = triage.run(raw, today=dt.date(2026, 11, 16))

    [applicant] = verdict.applicants
    assert applicant.name == "NOVAKOVA, PETRA"  # read on the permit, named nowhere else
    codes = {f.code for f in verdict.findings}
    assert FindingCode.name_mismatch not in codes
    assert FindingCode.identity_doubt in codes
    assert verdict.decision != Decision.registration_proof
    assert verdict.reply is None or "differs between documents" not in verdict.reply.text
