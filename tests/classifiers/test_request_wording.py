"""Request wording our generator does not use (issue 13, kind 4): each row is a way other
missions write a request, and the type (and how sure) a person reading it would settle on."""

from __future__ import annotations

import pytest

from classifiers import Classifiers
from config.settings import Settings
from fasdip.models import RequestType

NOTE_CLOSING = (
    "The Embassy avails itself of this opportunity to renew to the Ministry the assurances of "
    "its highest consideration."
)

CASES = [
    (
        "the notification of a diplomat's arrival is an accreditation",
        "Notification of arrival - LAN",
        "Please find attached our note on the arrival of Ms. Nguyen Thi LAN, Attaché.",
        RequestType.accreditation,
    ),
    (
        "a visit to a named place in a subject, with a covering body only, is a regional visit",
        "Nota 207/ADM/2026 - Kunjungan ke Yogyakarta",
        "Yth. Bapak/Ibu Fasdip,\n\nTerlampir nota diplomatik kami beserta dokumen pendukung.",
        RequestType.regional_visit,
    ),
    (
        "the extension of a pass that expired on a stated date is a renewal",
        "Airport pass extension - Mr. Smith",
        "We kindly request the extension of the airport pass of Mr. John SMITH, which expired "
        "on 3 November 2026.",
        RequestType.airport_pass_renewal,
    ),
    (
        "prolongation, in Indonesian: perpanjangan masa berlaku",
        "Permohonan perpanjangan masa berlaku pas bandara",
        "Pas bandara staf kami telah habis masa berlakunya pada 1 November 2026.",
        RequestType.airport_pass_renewal,
    ),
    (
        "two applicants and plural words keep a new pass sure",
        "Applications for new annual airport passes",
        "We submit applications for new annual airport passes for Mr. John SMITH, First "
        "Secretary, and Ms. Mary JONES, Counsellor, and Mr. Ali KHAN, Second Secretary.",
        RequestType.airport_pass_new,
    ),
    (
        "a temporary pass to meet a delegation is a visitor pass",
        "Temporary airport pass",
        "We kindly request a temporary airport pass for Mr. Arif RAHMAN to receive the "
        "delegation of the Minister arriving on 4 December 2026 on flight GA 881.",
        RequestType.airport_pass_visitor,
    ),
    (
        "a pass stolen with a wallet, and a replacement asked for, is a lost pass",
        "Stolen airport pass - replacement",
        "The annual airport pass of Mr. Rui LIMA, First Secretary, was stolen together with his "
        "wallet on 24 November 2026; the Embassy requests a replacement pass.",
        RequestType.airport_pass_lost,
    ),
    (
        "dicuri, in Indonesian, is a lost pass too",
        "Permohonan pas bandara pengganti",
        "Pas bandara tahunan staf kami, Bapak Agus SETIAWAN, dicuri pada 20 November 2026.",
        RequestType.airport_pass_lost,
    ),
    (
        "a question on the status of an earlier application is no new request",
        "Status of our application",
        "Could you kindly inform us about the status of our application for an airport pass "
        "for Mr. John SMITH sent on 3 November?",
        RequestType.other,
    ),
    (
        "a lost annual pass is a replacement, not a new pass",
        "Lost annual airport pass",
        "We regret to inform you that the annual airport pass of Mr. John SMITH was lost on "
        "2 November 2026; the police report is attached.",
        RequestType.airport_pass_lost,
    ),
    (
        "a question on fees is no new request",
        "Airport pass fee",
        "How much is the fee for an annual airport pass for our new attaché?",
        RequestType.other,
    ),
    (
        "pembaruan (renewal) of a pass whose validity has ended, in Indonesian",
        "Pas Bandara a.n. SUTRISNO",
        "Bersama ini Kedutaan Besar Swedia dengan hormat mengajukan permohonan pembaruan pas "
        "bandara a.n. Sdr. Bambang SUTRISNO (staf lokal) yang telah berakhir masa berlakunya "
        "pada 20 Juli 2026.",
        RequestType.airport_pass_renewal,
    ),
    (
        "a question on the amount of the fee and how to pay it, in Indonesian",
        "Pertanyaan",
        "Bersama ini Kedutaan Besar dengan hormat menanyakan besaran biaya Pas Bandara Tahunan "
        "serta tata cara pembayarannya.",
        RequestType.other,
    ),
    (
        "the arrival of new staff with a request to accredit them, in Indonesian",
        "Kedatangan staf - CARON",
        "Bersama ini Kedutaan Besar dengan hormat memberitahukan kedatangan Ms. Élodie CARON, "
        "First Secretary dan dengan hormat mengajukan permohonan akreditasi yang bersangkutan "
        "sebagai diplomat.",
        RequestType.accreditation,
    ),
    (
        "an adjective and a plural inside the request's words: diplomatic identity cards",
        "ID cards - Second Secretary and family",
        "The Embassy has the honour to request the issuance of diplomatic identity cards for "
        "Mr. Lars BERG, Second Secretary, and his spouse.",
        RequestType.id_card,
    ),
    (
        "the issuance of Kemlu ID cards, in a covering mail",
        "ID cards",
        "Dear colleagues, kindly process the issuance of Kemlu ID cards for our two attachés.",
        RequestType.id_card,
    ),
]


@pytest.mark.parametrize(
    ("kind", "subject", "body", "expected"), CASES, ids=[row[0] for row in CASES]
)
def test_the_request_type_of_ordinary_wording(
    classifiers: Classifiers,
    settings: Settings,
    kind: str,
    subject: str,
    body: str,
    expected: RequestType,
) -> None:
    result = classifiers.request_type.classify(subject, body, [])
    assert result.request_type == expected
    assert result.confidence >= settings.classifier.confidence_threshold  # settled, no officer


def test_the_closing_formula_of_every_note_is_no_renewal(classifiers: Classifiers) -> None:
    """ "to renew ... the assurances" closes every note: it says nothing of a renewal."""
    note = (
        "The Embassy presents its compliments and has the honour to request the issuance of "
        "a new annual airport pass for Mr. John SMITH, First Secretary. " + NOTE_CLOSING
    )
    result = classifiers.request_type.classify("Airport pass", "", [("a1", note)])
    assert result.request_type == RequestType.airport_pass_new
    assert RequestType.airport_pass_renewal not in result.scores


# A question about an earlier request that names its applicants and repeats the request's
# words, in a mail with no diplomatic note: ``other`` (an officer answers), not a new request.
QUESTIONS = [
    (
        "Follow-up: airport passes for Mr. John SMITH and Ms. Mary JONES",
        "Dear Sir/Madam,\nWe would like to inquire about the applications for new annual airport "
        "passes for Mr. John SMITH, First Secretary, and Ms. Mary JONES, Attache, submitted with "
        "our Note No. 12/2026. Could you kindly let us know when the passes will be ready?",
    ),
    (
        "Pas Bandara - SMITH, JONES",
        "Dengan hormat,\nKami ingin menanyakan perkembangan permohonan pas bandara tahunan baru "
        "untuk Bapak John SMITH dan Ibu Mary JONES yang kami kirimkan pada tanggal 3 Maret 2026.",
    ),
    (
        "Status - new airport passes",
        "Could you please advise on the status of the new annual airport pass applications for "
        "Mr. John SMITH and Ms. Mary JONES?",
    ),
    (
        "Query on airport pass applications",
        "Dear colleagues, may we ask whether the airport passes for Mr. John SMITH and Ms. Mary "
        "JONES, applied for on 3 March, are ready?",
    ),
    (
        "Pertanyaan pas bandara",
        "Mohon informasi apakah pas bandara tahunan untuk Bapak John SMITH dan Ibu Mary JONES "
        "yang diajukan pada 3 Maret 2026 sudah selesai diproses.",
    ),
    (
        "Re: New annual airport passes",
        "Dear Sir, we have not yet received any news regarding our request for new annual "
        "airport passes for Mr. John SMITH and Ms. Mary JONES. When can we expect them?",
    ),
]


@pytest.mark.parametrize(("subject", "body"), QUESTIONS, ids=[q[0] for q in QUESTIONS])
def test_a_question_about_an_earlier_request_is_no_new_request(
    classifiers: Classifiers, subject: str, body: str
) -> None:
    result = classifiers.request_type.classify(subject, body, [])
    assert result.request_type == RequestType.other
    assert result.confidence == 1.0


def test_a_note_makes_a_mail_a_request_even_beside_a_question(classifiers: Classifiers) -> None:
    """A note asking for a new pass, its covering mail asking after another case too: the
    note's request stands (the question only weighs as an ``other`` cue)."""
    note = (
        "The Embassy presents its compliments and has the honour to request the issuance of "
        "a new annual airport pass for Mr. Paul KOCH, Attaché. " + NOTE_CLOSING
    )
    body = "Please find attached our note. We would also welcome any update on our application "
    result = classifiers.request_type.classify("New airport pass - KOCH", body, [("a1", note)])
    assert result.request_type == RequestType.airport_pass_new


# Francophone missions write their notes verbales in French: "a l'honneur de solliciter ...".
FRENCH_OPENING = (
    "L'Ambassade de la République de Valdoria présente ses compliments au Ministère des Affaires "
    "étrangères de la République d'Indonésie et a l'honneur de "
)
FRENCH_CLOSING = (
    " L'Ambassade saisit cette occasion pour renouveler au Ministère les assurances de sa très "
    "haute considération."
)
FRENCH = [
    (
        "a new annual airport pass (laissez-passer annuel d'aéroport)",
        "Demande de laissez-passer aéroport",
        "solliciter la délivrance d'un laissez-passer annuel d'aéroport pour M. François "
        "LEFÈVRE, Premier Secrétaire.",
        RequestType.airport_pass_new,
    ),
    (
        "the renewal of a pass that has expired (renouvellement)",
        "Renouvellement du laissez-passer - M. DUBOIS",
        "solliciter le renouvellement du laissez-passer annuel d'aéroport de M. Jean DUBOIS, "
        "Conseiller, qui a expiré le 20 novembre 2026.",
        RequestType.airport_pass_renewal,
    ),
    (
        "a pass lost (perte), and its replacement",
        "Perte de laissez-passer",
        "porter à sa connaissance la perte du laissez-passer annuel d'aéroport de Mme Claire "
        "MARTIN, Attachée, et de solliciter un laissez-passer de remplacement.",
        RequestType.airport_pass_lost,
    ),
    (
        "a visitor's pass to meet a delegation on a flight (vol: no loss)",
        "Laissez-passer visiteur",
        "solliciter un laissez-passer visiteur pour M. Paul BERNARD afin d'accueillir la "
        "délégation du Ministre arrivant le 4 décembre 2026 par le vol GA 881.",
        RequestType.airport_pass_visitor,
    ),
    (
        "a regional visit (visite de travail à)",
        "Visite à Yogyakarta",
        "l'informer de la visite de travail à Yogyakarta de S.E. M. Marc PETIT, Ambassadeur, "
        "du 5 au 7 janvier 2027.",
        RequestType.regional_visit,
    ),
    (
        "an identity card for a spouse (carte d'identité)",
        "Carte d'identité - Mme ROUX",
        "solliciter la délivrance d'une carte d'identité diplomatique pour Mme Anne ROUX, "
        "épouse de M. Luc ROUX, Premier Secrétaire.",
        RequestType.id_card,
    ),
    (
        "an honorary consul (consul honoraire)",
        "Consul honoraire à Surabaya",
        "notifier la nomination de M. Budi SANTOSO en qualité de consul honoraire à Surabaya, "
        "avec juridiction sur la province de Jawa Timur.",
        RequestType.honorary_consul,
    ),
    (
        "the accreditation of a new diplomat (accréditation)",
        "Arrivée d'un diplomate",
        "notifier l'arrivée de notre nouveau Premier Secrétaire, M. Hugo LAMBERT, et de "
        "solliciter l'accréditation de celui-ci.",
        RequestType.accreditation,
    ),
]


@pytest.mark.parametrize(
    ("kind", "subject", "asked", "expected"), FRENCH, ids=[row[0] for row in FRENCH]
)
def test_a_french_note_verbale_is_understood(
    classifiers: Classifiers,
    settings: Settings,
    kind: str,
    subject: str,
    asked: str,
    expected: RequestType,
) -> None:
    note = FRENCH_OPENING + asked + FRENCH_CLOSING
    body = "Madame, Monsieur,\nveuillez trouver ci-joint notre note verbale.\nCordialement"
    result = classifiers.request_type.classify(subject, body, [("a1", note)])
    assert result.request_type == expected
    assert result.confidence >= settings.classifier.confidence_threshold  # settled, no officer


WORDS_HOLDING_FRENCH_CUES = [
    (
        "English words holding 'vol' and 'perte': a new pass still",
        "New airport pass - volunteer coordinator",
        "We request a new annual airport pass for Mr. John SMITH, volunteer coordinator, who is "
        "involved in the evolving programme (Vol. 2 of the handbook, flight GA 881). "
        "Screening test on 3 December 2026.",
        RequestType.airport_pass_new,
    ),
    (
        "Indonesian words near the French ones: a new pass still",
        "Permohonan pas bandara tahunan baru",
        "Dengan hormat mengajukan permohonan pas bandara tahunan baru untuk Bapak Agus "
        "SETIAWAN (staf lokal), relawan pada program kunjungan volunter, penerbangan GA 881.",
        RequestType.airport_pass_new,
    ),
]


@pytest.mark.parametrize(
    ("kind", "subject", "body", "expected"),
    WORDS_HOLDING_FRENCH_CUES,
    ids=[row[0] for row in WORDS_HOLDING_FRENCH_CUES],
)
def test_french_cues_raise_no_false_type_in_english_or_indonesian(
    classifiers: Classifiers, kind: str, subject: str, body: str, expected: RequestType
) -> None:
    result = classifiers.request_type.classify(subject, body, [])
    assert result.request_type == expected
    assert RequestType.airport_pass_lost not in result.scores


def test_the_french_closing_formula_is_no_renewal(classifiers: Classifiers) -> None:
    """ "saisit cette occasion pour renouveler ... les assurances" closes every French note."""
    note = FRENCH_OPENING + FRENCH[0][2] + FRENCH_CLOSING
    result = classifiers.request_type.classify("Laissez-passer", "", [("a1", note)])
    assert result.request_type == RequestType.airport_pass_new
    assert RequestType.airport_pass_renewal not in result.scores
