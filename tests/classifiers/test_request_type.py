"""Request types in Indonesian and English, with their confidence and evidence."""

from __future__ import annotations

import pytest

from classifiers import Classifiers
from fasdip.models import RequestType


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Permohonan Pas Bandara Tahunan Baru a.n. Mr. John SMITH", RequestType.airport_pass_new),
        ("Request for a New Annual Airport Pass - Mr. John SMITH", RequestType.airport_pass_new),
        ("Permohonan Perpanjangan Pas Bandara Tahunan", RequestType.airport_pass_renewal),
        ("Renewal of the Annual Airport Pass for Ms. GARCIA", RequestType.airport_pass_renewal),
        ("Penggantian Pas Bandara Hilang", RequestType.airport_pass_lost),
        ("Replacement of lost airport pass", RequestType.airport_pass_lost),
        ("Permohonan Pas Bandara Kunjungan", RequestType.airport_pass_visitor),
        ("Request for Airport Visitor Pass", RequestType.airport_pass_visitor),
        ("Pemberitahuan Kunjungan Daerah Duta Besar ke Surabaya", RequestType.regional_visit),
        ("Notification of Regional Visit to Bali", RequestType.regional_visit),
        ("Pengangkatan Konsul Kehormatan di Bali", RequestType.honorary_consul),
        ("Appointment of Honorary Consul in Medan", RequestType.honorary_consul),
        ("Permohonan Kartu Identitas Diplomatik", RequestType.id_card),
        ("Application for Identity Card for the new Counsellor", RequestType.id_card),
        ("Akreditasi Diplomat: penambahan staf", RequestType.accreditation),
        (
            "Notification of appointment and accreditation of the First Secretary",
            RequestType.accreditation,
        ),
        ("Accreditation of the new Defence Attache", RequestType.attache_accreditation),
        ("Penggantian Atase Pertahanan", RequestType.attache_accreditation),
    ],
)
def test_the_subject_alone_decides_a_clear_request(
    classifiers: Classifiers, subject: str, expected: RequestType
) -> None:
    result = classifiers.request_type.classify(subject, "", [])
    assert result.request_type == expected
    assert result.confidence >= 0.6
    assert result.evidence[0].source == "subject"


def test_the_note_text_decides_when_the_subject_is_vague(classifiers: Classifiers) -> None:
    note = "The Embassy presents its compliments ... requests the renewal of the annual airport pass of Mr. X"
    result = classifiers.request_type.classify(
        "Diplomatic note 12/2026", "Please find attached.", [("a1", note)]
    )
    assert result.request_type == RequestType.airport_pass_renewal
    assert any(e.source == "note:a1" for e in result.evidence)


def test_nothing_recognisable_is_other_with_no_confidence(classifiers: Classifiers) -> None:
    result = classifiers.request_type.classify("Hello", "Could you call me back?", [])
    assert result.request_type == RequestType.other
    assert result.confidence == 0.0


def test_two_different_requests_in_one_mail_are_not_sure(classifiers: Classifiers) -> None:
    result = classifiers.request_type.classify(
        "Honorary consul appointment and regional visit", "konsul kehormatan; kunjungan daerah", []
    )
    assert result.confidence < 0.6
