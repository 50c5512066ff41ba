"""Machine-written mail is recognised, so that it is never answered."""

from __future__ import annotations

from classifiers import Classifiers
from fasdip.models import InboundEmail


def mail(**fields: object) -> InboundEmail:
    base: dict[str, object] = {
        "subject": "Permohonan Pas Bandara",
        "from_address": "protocol@embassy.example",
    }
    return InboundEmail.model_validate({**base, **fields})


def test_a_person_s_mail_is_not_automatic(classifiers: Classifiers) -> None:
    assert classifiers.automatic_evidence(mail(auto_submitted="no")) == []


def test_auto_submitted_precedence_and_lists_are_automatic(classifiers: Classifiers) -> None:
    assert classifiers.automatic_evidence(mail(auto_submitted="auto-replied"))
    assert classifiers.automatic_evidence(mail(precedence="bulk"))
    assert classifiers.automatic_evidence(mail(list_id="<news.embassy.example>"))


def test_bounces_and_null_senders_are_automatic(classifiers: Classifiers) -> None:
    assert classifiers.automatic_evidence(mail(from_address=""))
    assert classifiers.automatic_evidence(mail(from_address="mailer-daemon@mx.embassy.example"))
    assert classifiers.automatic_evidence(mail(content_type="multipart/report"))


def test_an_out_of_office_subject_is_automatic_even_without_headers(
    classifiers: Classifiers,
) -> None:
    evidence = classifiers.automatic_evidence(mail(subject="Out of Office: Permohonan Pas Bandara"))
    assert [e.source for e in evidence] == ["subject"]
