"""Wording shared by emails and notes: dates in words, request phrases, stated details."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fasdip.dates import MONTHS_EN, MONTHS_ID
from fasdip.models import DocumentType, RequestType
from samples.people import Mission, Person


def fmt_date(day: dt.date, language: str) -> str:
    """``12 March 2027`` / ``12 Maret 2027``."""
    months = MONTHS_ID if language == "id" else MONTHS_EN
    return f"{day.day} {months[day.month - 1]} {day.year}"


def fmt_range(start: dt.date, end: dt.date, language: str) -> str:
    """``from 10 to 12 February 2027`` / ``pada tanggal 10-12 Februari 2027``."""
    if start.month == end.month and start.year == end.year:
        span = (
            f"{start.day}-{fmt_date(end, 'id')}"
            if language == "id"
            else f"{start.day} to {fmt_date(end, 'en')}"
        )
    else:
        span = (
            f"{fmt_date(start, 'id')} - {fmt_date(end, 'id')}"
            if language == "id"
            else f"{fmt_date(start, 'en')} to {fmt_date(end, 'en')}"
        )
    return f"pada tanggal {span}" if language == "id" else f"from {span}"


@dataclass(frozen=True)
class Details:
    """Statements a request makes in its text (email body and note)."""

    screening: dt.date | None = None  # new pass: wanted screening-test date
    old_expiry: dt.date | None = None  # renewal: the old pass's expiry
    lost_on: dt.date | None = None  # lost pass
    purpose: tuple[str, str] | None = None  # visitor: (en, id)
    flight: tuple[str, dt.date] | None = None  # visitor: ("GA 881", date)
    visit: tuple[dt.date, dt.date] | None = None  # regional visit
    region: tuple[str, str, str] | None = None  # (city, province id, province en)
    jurisdiction: tuple[str, str] | None = None  # honorary consul: (en, id)


REQUEST_PHRASE: dict[RequestType, tuple[str, str]] = {
    RequestType.airport_pass_new: (
        "issuance of a new annual airport pass",
        "penerbitan Pas Bandara Tahunan Baru",
    ),
    RequestType.airport_pass_renewal: (
        "renewal of the annual airport pass",
        "perpanjangan Pas Bandara Tahunan",
    ),
    RequestType.airport_pass_lost: (
        "replacement of a lost airport pass",
        "penggantian Pas Bandara yang hilang",
    ),
    RequestType.airport_pass_visitor: (
        "issuance of an airport visitor pass",
        "penerbitan Pas Bandara Kunjungan (visitor pass)",
    ),
    RequestType.regional_visit: (
        "notification of a regional visit",
        "pemberitahuan kunjungan daerah",
    ),
    RequestType.honorary_consul: (
        "appointment of an honorary consul",
        "pengangkatan Konsul Kehormatan",
    ),
    RequestType.id_card: ("issuance of an identity card", "penerbitan kartu identitas"),
    RequestType.accreditation: (
        "accreditation of a new member of its diplomatic staff",
        "penambahan diplomat dan staf",
    ),
    RequestType.attache_accreditation: (
        "accreditation of its defence attaché",
        "penambahan Atase Pertahanan",
    ),
}


def detail_sentences(kind: RequestType, details: Details, language: str) -> list[str]:
    """The sentences stating the request's details, as a body or a note says them."""
    en = language == "en"
    out: list[str] = []
    if details.screening:
        day = fmt_date(details.screening, language)
        out.append(
            f"The Embassy kindly proposes the screening test on {day} at the Airport "
            "Authority Office."
            if en
            else f"Kedutaan mengusulkan jadwal screening test pada tanggal {day} di Kantor "
            "Otoritas Bandara."
        )
    if details.old_expiry:
        day = fmt_date(details.old_expiry, language)
        out.append(
            f"The current airport pass expired on {day}."
            if en
            else f"Pas Bandara yang lama telah habis masa berlakunya pada tanggal {day}."
        )
    if details.lost_on:
        day = fmt_date(details.lost_on, language)
        out.append(
            f"The airport pass was lost on {day} and the loss has been reported to the police."
            if en
            else f"Pas Bandara tersebut hilang pada tanggal {day} dan telah dilaporkan kepada "
            "pihak Kepolisian."
        )
    if details.purpose:
        purpose = details.purpose[0] if en else details.purpose[1]
        out.append(
            f"The pass is requested {purpose}." if en else f"Pas tersebut diperlukan {purpose}."
        )
    if details.flight:
        code, arrival = details.flight
        out.append(
            f"The delegation will arrive on flight {code} on {fmt_date(arrival, 'en')}."
            if en
            else f"Rombongan akan tiba dengan penerbangan {code} pada tanggal "
            f"{fmt_date(arrival, 'id')}."
        )
    if details.visit and details.region:
        city, prov_id, prov_en = details.region
        span = fmt_range(*details.visit, language)
        out.append(
            f"The visit will take place {span} to {city}, {prov_en}."
            if en
            else f"Kunjungan tersebut akan dilaksanakan {span} ke {city}, {prov_id}."
        )
    if details.jurisdiction:
        out.append(
            f"The consular jurisdiction will cover {details.jurisdiction[0]}."
            if en
            else f"Wilayah yurisdiksi konsuler meliputi {details.jurisdiction[1]}."
        )
    return out


DT = DocumentType
LABEL_EN = {
    DT.diplomatic_note: "Diplomatic Note",
    DT.passport: "Passport",
    DT.stay_permit: "Stay Permit",
    DT.kemlu_id_card: "Kemlu ID Card",
    DT.cv: "CV",
    DT.photo: "Photo",
    DT.ktp: "KTP",
    DT.employment_proof: "Letter of Employment",
    DT.expired_airport_pass: "Expired Airport Pass",
    DT.police_loss_report: "Police Loss Report",
    DT.applicant_statement: "Applicant Statement",
    DT.companion_statement: "Companion Statement",
    DT.tentative_agenda: "Tentative Agenda",
}
LABEL_ID = {
    DT.diplomatic_note: "Nota Diplomatik",
    DT.passport: "Paspor",
    DT.stay_permit: "Izin Tinggal",
    DT.kemlu_id_card: "ID Card Kemlu",
    DT.cv: "CV",
    DT.photo: "Pas Foto",
    DT.ktp: "KTP",
    DT.employment_proof: "Surat Keterangan Bekerja",
    DT.expired_airport_pass: "Pas Bandara Lama",
    DT.police_loss_report: "Laporan Kehilangan Polisi",
    DT.applicant_statement: "Surat Pernyataan Pemohon",
    DT.companion_statement: "Surat Pernyataan Pendamping",
    DT.tentative_agenda: "Agenda Kunjungan",
}

SUBJECTS: dict[RequestType, tuple[str, str]] = {
    RequestType.airport_pass_new: (
        "Request for New Annual Airport Pass – {n}",
        "Permohonan Pas Bandara Tahunan Baru a.n. {n}",
    ),
    RequestType.airport_pass_renewal: (
        "Request for Renewal of Annual Airport Pass – {n}",
        "Permohonan Perpanjangan Pas Bandara Tahunan a.n. {n}",
    ),
    RequestType.airport_pass_lost: (
        "Replacement of Lost Airport Pass – {n}",
        "Permohonan Penggantian Pas Bandara Hilang a.n. {n}",
    ),
    RequestType.airport_pass_visitor: (
        "Request for Airport Visitor Pass – {n}",
        "Permohonan Pas Bandara Kunjungan a.n. {n}",
    ),
    RequestType.regional_visit: (
        "Notification of Regional Visit to {r} – {n}",
        "Pemberitahuan Kunjungan Daerah ke {r} a.n. {n}",
    ),
    RequestType.honorary_consul: (
        "Appointment of Honorary Consul in {c} – {n}",
        "Permohonan Pengangkatan Konsul Kehormatan di {c} a.n. {n}",
    ),
    RequestType.id_card: (
        "Application for Identity Card – {n}",
        "Permohonan Kartu Identitas a.n. {n}",
    ),
    RequestType.accreditation: ("Accreditation of {n} as {p}", "Penambahan Diplomat a.n. {n}"),
    RequestType.attache_accreditation: (
        "Request for Accreditation: Defence Attaché – {n}",
        "Penambahan Atase Pertahanan a.n. {n}",
    ),
}


def names_phrase(people: list[Person], language: str) -> str:
    titled = [p.titled(language) for p in people]
    if len(titled) == 1:
        return titled[0]
    return ", ".join(titled[:-1]) + (" dan " if language == "id" else " and ") + titled[-1]


def subject_and_body(
    kind: RequestType,
    language: str,
    mission: Mission,
    people: list[Person],
    details: Details,
    consul_city: str = "",
) -> tuple[str, str]:
    """The subject and plain-text body of a request email, in natural diplomatic prose."""
    en = language == "en"
    names = names_phrase(people, language)
    region = details.region or ("", "", "")
    subject = SUBJECTS[kind][0 if en else 1].format(
        n=names,
        p=people[0].position,
        c=consul_city,
        r=f"{region[0]}, {region[2] if en else region[1]}",
    )
    phrase = REQUEST_PHRASE[kind][0 if en else 1]
    facts = detail_sentences(kind, details, language)
    sender = mission.name_en if en else mission.name_id
    if kind is RequestType.regional_visit:
        ask = (
            f"the {sender} would like to notify the Ministry of the regional visit of {names}"
            if en
            else f"{sender} menyampaikan pemberitahuan kunjungan daerah a.n. {names}"
        )
    else:
        ask = (
            f"the {sender} would like to submit the request for the {phrase} for {names}"
            if en
            else f"{sender} menyampaikan permohonan {phrase} a.n. {names}"
        )
    if en:
        lines = [
            "Dear Sir/Madam,",
            "",
            f"With reference to the above subject, {ask}.",
            "",
            *facts,
            *([""] if facts else []),
            "Please find attached the Diplomatic Note and the supporting documents.",
            "",
            "Thank you for your kind assistance.",
            "",
            "Best regards,",
            "",
            mission.sender_name,
        ]
    else:
        lines = [
            "Yth. Direktorat Fasilitas Diplomatik,",
            "",
            f"Dengan hormat, bersama ini {ask}.",
            "",
            *facts,
            *([""] if facts else []),
            "Terlampir kami sampaikan Nota Diplomatik beserta dokumen pendukung.",
            "",
            "Atas perhatian dan kerja sama yang baik, kami ucapkan terima kasih.",
            "",
            "Hormat kami,",
            "",
            mission.sender_name,
        ]
    return subject, "\n".join(lines) + "\n"
