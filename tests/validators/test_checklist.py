"""The checklist against docs/requirements.md, every request type and both categories.

The expected sets are transcribed here from docs/requirements.md (not read from
requirements.yaml), so that a mistake in the YAML shows up.
"""

from __future__ import annotations

import pytest

from fasdip.models import ApplicantCategory, DocumentType, RequestType
from tests.validators.factories import Office
from validators import missing_documents

D = DocumentType
FO, LS = ApplicantCategory.foreign_official, ApplicantCategory.local_staff

NEW_FO = {D.diplomatic_note, D.passport, D.stay_permit, D.kemlu_id_card, D.cv, D.photo}
NEW_LS = {D.diplomatic_note, D.ktp, D.employment_proof, D.cv, D.photo}
VISIT = {D.diplomatic_note, D.passport, D.stay_permit, D.kemlu_id_card, D.cv, D.tentative_agenda}
MINIMUM = {D.diplomatic_note, D.cv, D.photo}

EXPECTED: dict[tuple[RequestType, ApplicantCategory], set[DocumentType]] = {
    (RequestType.airport_pass_new, FO): NEW_FO,
    (RequestType.airport_pass_new, LS): NEW_LS,
    (RequestType.airport_pass_renewal, FO): NEW_FO | {D.expired_airport_pass},
    (RequestType.airport_pass_renewal, LS): NEW_LS | {D.expired_airport_pass},
    (RequestType.airport_pass_lost, FO): NEW_FO | {D.police_loss_report},
    (RequestType.airport_pass_lost, LS): NEW_LS | {D.police_loss_report},
    (RequestType.airport_pass_visitor, FO): {
        D.diplomatic_note,
        D.passport,
        D.stay_permit,
        D.kemlu_id_card,
        D.applicant_statement,
        D.companion_statement,
        D.photo,
    },
    (RequestType.airport_pass_visitor, LS): {
        D.diplomatic_note,
        D.ktp,
        D.employment_proof,
        D.cv,
        D.applicant_statement,
        D.companion_statement,
        D.photo,
    },
    (RequestType.regional_visit, FO): VISIT,
    (RequestType.regional_visit, LS): VISIT,
    (RequestType.honorary_consul, FO): {D.diplomatic_note, D.ktp, D.cv},
    (RequestType.honorary_consul, LS): {D.diplomatic_note, D.ktp, D.cv},
    (RequestType.id_card, FO): MINIMUM,
    (RequestType.id_card, LS): MINIMUM,
    (RequestType.accreditation, FO): MINIMUM,
    (RequestType.accreditation, LS): MINIMUM,
    (RequestType.attache_accreditation, FO): MINIMUM,
    (RequestType.attache_accreditation, LS): MINIMUM,
    (RequestType.other, FO): set(),
    (RequestType.other, LS): set(),
}
CASES = sorted(EXPECTED, key=lambda k: (k[0].value, k[1].value))


def test_every_request_type_and_category_is_covered() -> None:
    assert set(EXPECTED) == {(r, c) for r in RequestType for c in ApplicantCategory}


@pytest.mark.parametrize(("request_type", "category"), CASES)
def test_nothing_sent_means_everything_missing(
    office: Office, request_type: RequestType, category: ApplicantCategory
) -> None:
    requirements = office.config.requirements
    missing = missing_documents(request_type, category, [], requirements)
    assert set(missing) == EXPECTED[request_type, category]
    assert len(missing) == len(set(missing))
    assert missing == requirements.required(request_type, category)  # order of the YAML


@pytest.mark.parametrize(("request_type", "category"), CASES)
def test_everything_sent_means_nothing_missing(
    office: Office, request_type: RequestType, category: ApplicantCategory
) -> None:
    found = [*EXPECTED[request_type, category], D.other]
    assert missing_documents(request_type, category, found, office.config.requirements) == []


@pytest.mark.parametrize(("request_type", "category"), CASES)
def test_each_single_document_left_out(
    office: Office, request_type: RequestType, category: ApplicantCategory
) -> None:
    expected = EXPECTED[request_type, category]
    for left_out in expected:
        found = (d for d in expected if d is not left_out)
        missing = missing_documents(request_type, category, found, office.config.requirements)
        assert missing == [left_out]


def test_order_follows_requirements_yaml(office: Office) -> None:
    missing = missing_documents(
        RequestType.airport_pass_lost, FO, [D.passport], office.config.requirements
    )
    assert missing == [
        D.diplomatic_note,
        D.police_loss_report,
        D.stay_permit,
        D.kemlu_id_card,
        D.cv,
        D.photo,
    ]


def test_combined_pdf_covers_are_counted(office: Office) -> None:
    """A visitor pass PDF with passport + stay permit + Kemlu ID: the caller passes its covers."""
    found = [D.diplomatic_note, D.passport, D.stay_permit, D.kemlu_id_card, D.photo, D.photo]
    missing = missing_documents(
        RequestType.airport_pass_visitor, FO, found, office.config.requirements
    )
    assert missing == [D.applicant_statement, D.companion_statement]
