"""What the missions write: covering mails and diplomatic notes, in three registers.

English (a plain register), Indonesian (formal), and French-flavoured English (a French
speaker's calques: "has the honour to solicit", "the concerned", "Madam, Sir").
Each request sentence is written for this package; the phrases are deliberately not the
keyword lists of ``config/keywords.yaml``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from fasdip.models import RequestType

MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTHS_ID = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def day(date: dt.date, lang: str) -> str:
    months = MONTHS_ID if lang == "id" else MONTHS_EN
    return f"{date.day} {months[date.month - 1]} {date.year}"


@dataclass
class Facts:
    """What the note and the mail state, besides the applicants' names."""

    mission: str  # "Embassy of the Kingdom of Norway"
    mission_id: str  # "Kedutaan Besar Kerajaan Norwegia"
    note_number: str
    applicants: list[str]  # "Mr. Jürgen MÜLLER, First Secretary"
    ambassador: str
    spouse: str = ""
    official_met: str = ""
    city: str = ""
    province: str = ""
    visit_from: dt.date | None = None
    visit_to: dt.date | None = None
    flight: str = ""
    flight_date: dt.date | None = None
    expired_on: dt.date | None = None
    lost_on: dt.date | None = None
    screening: dt.date | None = None
    earlier_date: dt.date | None = None
    vague: bool = False
    extra: list[str] = field(default_factory=list)


def joined(names: list[str], lang: str) -> str:
    if len(names) == 1:
        return names[0]
    word = " dan " if lang == "id" else " and "
    return ", ".join(names[:-1]) + word + names[-1]


def request_sentence(kind: RequestType, f: Facts, lang: str) -> str:
    """The sentence that says what is asked (the heart of the note)."""
    who = joined(f.applicants, lang)
    many = len(f.applicants) > 1
    if lang == "id":
        return _request_id(kind, f, who, many)
    return _request_en(kind, f, who, many, french=lang == "fr-en")


def _request_en(kind: RequestType, f: Facts, who: str, many: bool, *, french: bool) -> str:
    ask = "has the honour to solicit" if french else "would be grateful for"
    rt = RequestType
    if kind == rt.airport_pass_new:
        head = (
            f"{ask} the applications for new annual airport passes for {who}"
            if many or f.vague
            else f"{ask} the issuance of an annual airport pass (Soekarno-Hatta) for {who}"
        )
        tail = (
            f" The screening test could take place on {day(f.screening, 'en')}."
            if f.screening
            else ""
        )
        return head + "." + tail
    if kind == rt.airport_pass_renewal:
        assert f.expired_on is not None
        if f.vague:
            return f"{ask} the extension of the airport pass of {who}, which expired on {day(f.expired_on, 'en')}."
        return f"{ask} the renewal of the annual airport pass of {who}, valid until {day(f.expired_on, 'en')}."
    if kind == rt.airport_pass_lost:
        assert f.lost_on is not None
        return (
            f"{ask} a replacement airport pass for {who}, whose pass was lost on "
            f"{day(f.lost_on, 'en')}; the police report of the loss is enclosed."
        )
    if kind == rt.airport_pass_visitor:
        assert f.flight_date is not None
        flight = f" on flight {f.flight} arriving on {day(f.flight_date, 'en')}" if f.flight else ""
        purpose = (
            f"to receive the delegation of {f.official_met}"
            if f.official_met
            else "to meet the visiting minister"
        )
        return f"{ask} a visitor airport pass for {who} {purpose}{flight}."
    if kind == rt.regional_visit:
        assert f.visit_from is not None and f.visit_to is not None
        return (
            f"wishes to inform that {who} will undertake a working visit to {f.city}, "
            f"{f.province}, from {day(f.visit_from, 'en')} to {day(f.visit_to, 'en')}, "
            f"to meet {f.official_met}. The concerned kindly requests the assistance of the Ministry."
        )
    if kind == rt.honorary_consul:
        return (
            f"{ask} the approval of the appointment of {who} as Honorary Consul in {f.city}, "
            f"with a consular jurisdiction covering the Province of {f.province}."
        )
    if kind == rt.id_card:
        spouse = f" {f.spouse}, spouse of the concerned, will apply separately." if f.spouse else ""
        return f"{ask} the issuance of the Kemlu identity card for {who}, recently arrived in Jakarta.{spouse}"
    if kind == rt.accreditation:
        return (
            f"has the honour to notify the arrival of {who}, who will assume duties in the "
            f"political and economic section, and {ask[4:] if french else 'requests'} the accreditation of the concerned."
        )
    if kind == rt.attache_accreditation:
        return f"{ask} the accreditation of {who} as Defence Attaché of the Embassy."
    return _other_en(f, who)


def _other_en(f: Facts, who: str) -> str:
    if f.earlier_date:
        return (
            f"would like to enquire about the status of the application submitted on "
            f"{day(f.earlier_date, 'en')} for {who}, as no answer has been received so far."
        )
    return "would appreciate to know the fees to be paid for an annual airport pass and how to pay them."


def _request_id(kind: RequestType, f: Facts, who: str, many: bool) -> str:
    rt = RequestType
    ask = "dengan hormat mengajukan permohonan"
    if kind == rt.airport_pass_new:
        tail = (
            f" Jadwal screening test yang diinginkan: {day(f.screening, 'id')}."
            if f.screening
            else ""
        )
        return f"{ask} Pas Bandara Tahunan baru atas nama {who}.{tail}"
    if kind == rt.airport_pass_renewal:
        assert f.expired_on is not None
        word = "pembaruan" if f.vague else "perpanjangan Pas Bandara Tahunan"
        return f"{ask} {word} pas bandara a.n. {who} yang telah berakhir masa berlakunya pada {day(f.expired_on, 'id')}."
    if kind == rt.airport_pass_lost:
        assert f.lost_on is not None
        return (
            f"{ask} penggantian Pas Bandara a.n. {who} yang hilang pada {day(f.lost_on, 'id')}. "
            "Surat laporan kehilangan dari Kepolisian terlampir."
        )
    if kind == rt.airport_pass_visitor:
        assert f.flight_date is not None
        flight = (
            f" dengan penerbangan {f.flight} tanggal {day(f.flight_date, 'id')}" if f.flight else ""
        )
        met = (
            f"menjemput delegasi {f.official_met}" if f.official_met else "mendampingi tamu negara"
        )
        return f"{ask} Pas Bandara Kunjungan untuk {who} guna {met}{flight}."
    if kind == rt.regional_visit:
        assert f.visit_from is not None and f.visit_to is not None
        return (
            f"dengan hormat memberitahukan rencana kunjungan kerja {who} ke {f.city}, {f.province}, "
            f"pada tanggal {day(f.visit_from, 'id')} s.d. {day(f.visit_to, 'id')} untuk bertemu {f.official_met}."
        )
    if kind == rt.honorary_consul:
        return (
            f"{ask} persetujuan pengangkatan {who} sebagai Konsul Kehormatan di {f.city} "
            f"dengan wilayah yurisdiksi Provinsi {f.province}."
        )
    if kind == rt.id_card:
        spouse = (
            f" Istri/suami yang bersangkutan, {f.spouse}, akan diajukan terpisah."
            if f.spouse
            else ""
        )
        return f"{ask} penerbitan Kartu Identitas Kemlu untuk {who}.{spouse}"
    if kind == rt.accreditation:
        return f"dengan hormat memberitahukan kedatangan {who} dan {ask} akreditasi yang bersangkutan sebagai diplomat."
    if kind == rt.attache_accreditation:
        return f"{ask} akreditasi {who} sebagai Atase Pertahanan pada Kedutaan Besar."
    if f.earlier_date:
        return (
            f"dengan hormat menanyakan perkembangan permohonan tanggal {day(f.earlier_date, 'id')} "
            f"atas nama {who} yang hingga kini belum kami terima jawabannya."
        )
    return (
        "dengan hormat menanyakan besaran biaya Pas Bandara Tahunan serta tata cara pembayarannya."
    )


def note_lines(kind: RequestType, f: Facts, lang: str, today: dt.date) -> tuple[str, list[str]]:
    """(title, lines) of the diplomatic note, signed for the ambassador."""
    if lang == "id":
        title = f"NOTA DIPLOMATIK No. {f.note_number}"
        opening = (
            f"{f.mission_id} menyampaikan salam hormat kepada Kementerian Luar Negeri Republik "
            "Indonesia, c.q. Direktorat Fasilitas Diplomatik, dan"
        )
        closing = (
            f"{f.mission_id} menggunakan kesempatan ini untuk menyampaikan kembali "
            "penghargaan yang setinggi-tingginya."
        )
        place = f"Jakarta, {day(today, 'id')}"
        sign = f"a.n. Duta Besar, {f.ambassador}"
    else:
        title = f"NOTE VERBALE No. {f.note_number}"
        opening = (
            f"The {f.mission} presents its compliments to the Ministry of Foreign Affairs of "
            "the Republic of Indonesia, Directorate of Diplomatic Facilities, and"
        )
        closing = (
            f"The {f.mission} avails itself of this opportunity to renew to the Ministry the "
            "assurances of its highest consideration."
        )
        place = f"Jakarta, {day(today, 'en')}"
        sign = f"For the Ambassador, {f.ambassador}"
    return title, [
        f"{opening} {request_sentence(kind, f, lang)}",
        "",
        *f.extra,
        closing,
        "",
        place,
        sign,
    ]


GREETING = {"en": "Dear Sir or Madam,", "fr-en": "Madam, Sir,", "id": "Yth. Bapak/Ibu Fasdip,"}
SIGN_OFF = {
    "en": "Kind regards,",
    "fr-en": "Please accept, Madam, Sir, our best regards,",
    "id": "Hormat kami,",
}


def cover_text(
    kind: RequestType, f: Facts, lang: str, clerk: str, *, note_attached: bool, rng: random.Random
) -> str:
    """The covering mail: sometimes the request restated, sometimes only 'please find attached'."""
    lines = [GREETING[lang], ""]
    if note_attached and rng.random() < 0.4:
        lines.append(
            "Terlampir nota diplomatik kami beserta dokumen pendukung."
            if lang == "id"
            else "Please find attached our note and the supporting documents."
        )
    elif lang == "id":
        lines.append(f"Bersama ini {f.mission_id} {request_sentence(kind, f, lang)}")
    else:
        lines.append(f"The {f.mission} {request_sentence(kind, f, lang)}")
    lines += [
        "",
        SIGN_OFF[lang],
        clerk,
        "Protocol Section" if lang != "id" else "Bagian Protokol",
        f.mission if lang != "id" else f.mission_id,
    ]
    return "\n".join(lines)
