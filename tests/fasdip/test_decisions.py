"""When the machine is unsure it says so to an officer, never a guess to a mission."""

from __future__ import annotations

from fasdip.models import Decision, FindingCode
from fasdip.pipeline import Triage
from samples.files import photo_jpeg, text_pdf
from tests.fasdip.scan_builders import mail

NOTE = [
    "The Embassy of the Kingdom of Norway presents its compliments to the Ministry of Foreign",
    "Affairs, Directorate of Diplomatic Facilities, and has the honour to request the issuance",
    "of the annual airport pass for Mr. Ola NORDMANN, First Secretary, and Ms. Kari NORDMANN,",
    "Attache.",
    "The Embassy avails itself of this opportunity to renew the assurances of its highest consideration.",
]


def pdf(name: str, title: str, *lines: str) -> tuple[str, str, bytes]:
    return (name, "application/pdf", text_pdf(title, list(lines)))


def test_a_mail_asking_two_things_at_once_goes_to_an_officer(triage: Triage) -> None:
    raw = mail(
        "Honorary consul appointment and regional visit",
        "We notify the appointment of the honorary consul (konsul kehormatan) and a regional visit "
        "(kunjungan daerah) of the Ambassador.",
        pdf("Nota.pdf", "NOTA DIPLOMATIK", "menyampaikan salam hormat"),
    )
    verdict = triage.run(raw)
    assert verdict.decision == Decision.officer_review
    assert FindingCode.uncertain_request_type in {f.code for f in verdict.findings}
    assert verdict.reply is not None and "Apabila diperlukan dokumen" in verdict.reply.text


def test_a_cv_that_could_be_either_applicant_s_goes_to_an_officer(triage: Triage) -> None:
    raw = mail(
        "Request for New Annual Airport Pass",
        "Please find attached. Screening test on 15 December 2026.",
        pdf("Note.pdf", "NOTE VERBALE", *NOTE),
        pdf("scan001.pdf", "CURRICULUM VITAE", "Education: University of Oslo"),
    )
    verdict = triage.run(raw)
    assert verdict.decision == Decision.officer_review
    assert "unassigned_document" in verdict.decision_reason
    assert verdict.reply is not None
    assert (
        "scan001.pdf" not in verdict.reply.text
    )  # officers' doubts are not the mission's business


def test_a_request_with_its_documents_in_order_gets_the_missing_list(triage: Triage) -> None:
    raw = mail(
        "Request for New Annual Airport Pass",
        "Please find attached. Screening test on 15 December 2026.",
        pdf("Note.pdf", "NOTE VERBALE", *NOTE),
        pdf("Passport Ola Nordmann.pdf", "PASSPORT", "Name: Ola NORDMANN"),
        ("Photo Ola Nordmann.jpg", "image/jpeg", photo_jpeg("red")),
        ("Photo Kari Nordmann.jpg", "image/jpeg", photo_jpeg("blue")),
    )
    verdict = triage.run(raw)
    assert verdict.decision == Decision.missing_items
    missing = {a.name: [m.value for m in a.missing] for a in verdict.applicants}
    assert missing["Ola NORDMANN"] == ["stay_permit", "kemlu_id_card", "cv"]
    assert missing["Kari NORDMANN"] == ["passport", "stay_permit", "kemlu_id_card", "cv"]
    assert verdict.reply is not None
    text = verdict.reply.text
    assert text.index("Kari NORDMANN") < text.index(
        'Foto "Photo Kari Nordmann.jpg" tidak berlatar belakang merah'
    )


def test_an_applicant_of_unknown_category_goes_to_an_officer(triage: Triage) -> None:
    raw = mail(
        "Request for New Annual Airport Pass",
        "Please find attached. Screening test on 15 December 2026.",
        pdf(
            "Note.pdf",
            "NOTE VERBALE",
            *[line.replace(", First Secretary,", "") for line in NOTE[:3]],
            "Thank you.",
        ),
        ("Photo Kari Nordmann.jpg", "image/jpeg", photo_jpeg("red")),
    )
    verdict = triage.run(raw)
    assert verdict.decision == Decision.officer_review
    assert "uncertain_category" in verdict.decision_reason


def test_a_child_under_17_named_with_a_birth_date_is_refused_and_asked_for_nothing(
    triage: Triage,
) -> None:
    """The note asks ID cards for a diplomat and his son "born on 4 March 2014": the son is
    refused (no card under 17), and the mission is not asked for the son's CV."""
    raw = mail(
        "ID cards - Second Secretary and family",
        "Please find the request for ID cards for our Second Secretary and his son.",
        pdf(
            "NV130.pdf",
            "NOTE VERBALE",
            "The Embassy presents its compliments to the Ministry and has the honour to request",
            "the issuance of diplomatic identity cards for Mr. Ola NORDMANN, Second Secretary,",
            "and his son, Per NORDMANN, born on 4 March 2014.",
        ),
        pdf("CV.pdf", "CURRICULUM VITAE", "Name: Ola NORDMANN"),
        ("photo father.jpg", "image/jpeg", photo_jpeg("red")),
        ("photo son.jpg", "image/jpeg", photo_jpeg("red")),
    )
    verdict = triage.run(raw)
    son = next(a for a in verdict.applicants if a.name == "Per NORDMANN")
    refusals = [f for f in verdict.findings if f.code == FindingCode.applicant_under_17]
    assert [f.applicant for f in refusals] == [son.key]
    assert son.missing == []
    assert verdict.reply is not None
    assert "di bawah 17 tahun" in verdict.reply.text and "under 17" in verdict.reply.text
    assert "Curriculum Vitae" not in verdict.reply.text
