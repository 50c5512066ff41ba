"""Document makers: the content of each document type, with the cues a reader looks for.

Each ``*_page`` function returns a ``Page`` (title, lines) so the same content can be
rendered as a text PDF, a scan, a Word file or a broken file; ``render`` makes the usual
text PDF. The binary makers of ``samples.files`` are re-exported here.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from fasdip.models import DocumentType, RequestType
from samples.files import (
    Page,
    corrupt_pdf,
    docx_bytes,
    emblem_jpeg,
    encrypted_pdf,
    oversized_pdf,
    page_scan_jpeg,
    photo_jpeg,
    scanned_pdf,
    text_pdf,
    text_pdf_pages,
)
from samples.people import Mission, Person, mrz_lines
from samples.wording import REQUEST_PHRASE, Details, detail_sentences, fmt_date, fmt_range

Defect = Literal[
    "blue", "white", "too_large", "jpeg_as_pdf", "docx", "encrypted", "corrupt", "empty", "scan"
]

__all__ = [
    "Defect",
    "Details",
    "Page",
    "corrupt_pdf",
    "docx_bytes",
    "emblem_jpeg",
    "encode",
    "encrypted_pdf",
    "fmt_date",
    "fmt_range",
    "oversized_pdf",
    "page_scan_jpeg",
    "photo_jpeg",
    "render",
    "scanned_pdf",
    "text_pdf",
    "text_pdf_pages",
]


def note_page(
    mission: Mission,
    language: str,
    kind: RequestType,
    people: list[Person],
    number: str,
    date: dt.date,
    details: Details,
) -> Page:
    """A diplomatic note (Nota Diplomatik) naming every applicant with an honorific."""
    en = language == "en"
    sender = mission.name_en if en else mission.name_id
    phrase = REQUEST_PHRASE[kind][0 if en else 1]
    listed = [
        f"{i}. {p.titled(language)}, {p.position_in(language)}"
        + (f", passport No. {p.passport_no}" if p.passport_no else "")
        + (f", NIK {p.nik}" if p.nik else "")
        for i, p in enumerate(people, 1)
    ]
    if en:
        opening = (
            f"The {sender} presents its compliments to the Ministry of Foreign Affairs of "
            "the Republic of Indonesia, c.q. Directorate of Diplomatic Facilities, and has "
            f"the honour to request the {phrase} for the following "
            f"{'person' if len(people) == 1 else 'persons'}:"
        )
        closing = (
            f"The {sender} avails itself of this opportunity to renew to the Ministry of "
            "Foreign Affairs of the Republic of Indonesia, c.q. Directorate of Diplomatic "
            "Facilities, the assurances of its highest consideration."
        )
        head = [f"Note No. {number}", ""]
        foot = [
            "",
            f"Jakarta, {fmt_date(date, 'en')}",
            "",
            "To the Ministry of Foreign Affairs of the Republic of Indonesia",
            "c.q. Directorate of Diplomatic Facilities",
            "Jakarta",
        ]
        title = mission.name_en.upper()
    else:
        opening = (
            f"{sender} menyampaikan salam hormat kepada Kementerian Luar Negeri Republik "
            "Indonesia, c.q. Direktorat Fasilitas Diplomatik, dan dengan hormat "
            f"mengajukan permohonan {phrase} bagi:"
        )
        closing = (
            f"{sender} menggunakan kesempatan ini untuk menyampaikan kembali kepada "
            "Kementerian Luar Negeri Republik Indonesia, c.q. Direktorat Fasilitas "
            "Diplomatik, penghargaan yang setinggi-tingginya."
        )
        head = ["NOTA DIPLOMATIK", f"Nomor: {number}", ""]
        foot = [
            "",
            f"Jakarta, {fmt_date(date, 'id')}",
            "",
            "Kepada Yth. Kementerian Luar Negeri Republik Indonesia",
            "c.q. Direktorat Fasilitas Diplomatik",
            "Jakarta",
        ]
        title = mission.name_id.upper()
    return title, [
        *head,
        opening,
        "",
        *listed,
        "",
        *detail_sentences(kind, details, language),
        "",
        closing,
        *foot,
    ]


def passport_page(p: Person) -> Page:
    line1, line2 = mrz_lines(p)
    return "PASSPORT / PASSEPORT", [
        f"Type: PD    Code of issuing State: {p.country_code}    Passport No.: {p.passport_no}",
        f"Surname: {p.surname}",
        f"Given names: {p.given.upper()}",
        f"Name: {p.name}",
        f"Nationality: {p.nationality}",
        f"Date of birth: {p.birth_date.strftime('%d %b %Y').upper()}",
        f"Sex: {p.sex}",
        f"Place of birth: {p.birth_place.upper()}",
        f"Date of issue: {p.passport_issue.strftime('%d %b %Y').upper()}",
        f"Date of expiry: {p.passport_expiry.strftime('%d %b %Y').upper()}",
        "Authority: MINISTRY OF FOREIGN AFFAIRS",
        "",
        "",
        line1,
        line2,
    ]


def stay_permit_page(p: Person, mission: Mission, issued: dt.date) -> Page:
    return "IZIN TINGGAL DINAS / DIPLOMATIC STAY PERMIT", [
        "Direktorat Jenderal Imigrasi - Kementerian Imigrasi dan Pemasyarakatan",
        f"Nomor Register / Register No.: 2C1{issued.strftime('%y')}{p.passport_no[-6:]}",
        f"Name: {p.name}",
        f"Kewarganegaraan / Nationality: {p.nationality}",
        f"Nomor Paspor / Passport No.: {p.passport_no}",
        f"Jabatan / Position: {p.position} - {mission.name_en}",
        f"Berlaku sejak / Valid from: {issued.strftime('%d-%m-%Y')}",
        f"Berlaku sampai / Valid until: {issued.replace(year=issued.year + 2).strftime('%d-%m-%Y')}",
    ]


def kemlu_id_page(p: Person, mission: Mission, issued: dt.date) -> Page:
    return "KARTU IDENTITAS DIPLOMATIK", [
        "Kementerian Luar Negeri Republik Indonesia",
        "Diplomatic Identity Card issued by the Ministry of Foreign Affairs",
        f"No.: D-{issued.year}-{p.passport_no[-5:]}",
        f"Nama: {p.name}",
        f"Jabatan: {p.position_in('id')}",
        f"Perwakilan: {mission.name_id}",
        f"Berlaku s.d.: {issued.replace(year=issued.year + 2).strftime('%d-%m-%Y')}",
    ]


def cv_page(p: Person, mission: Mission, language: str) -> Page:
    en = language == "en"
    year = p.birth_date.year
    lines = [
        f"Name: {p.name}",
        f"{'Date of birth' if en else 'Tanggal lahir'}: {fmt_date(p.birth_date, language)}",
        f"{'Place of birth' if en else 'Tempat lahir'}: {p.birth_place.title()}",
        f"{'Nationality' if en else 'Kewarganegaraan'}: "
        f"{p.nationality.title() if p.passport_no else 'Indonesia'}",
        f"{'Position' if en else 'Jabatan'}: {p.position_in(language)}, {mission.name_en}",
        "",
        "EDUCATION" if en else "PENDIDIKAN",
        f"{year + 18}-{year + 22}  Bachelor of Arts, International Relations",
        f"{year + 23}-{year + 25}  Master of Public Policy",
        "",
        "WORK EXPERIENCE" if en else "PENGALAMAN KERJA",
        f"{year + 26}-{year + 30}  Desk Officer, Asia-Pacific Department",
        f"{year + 30}-{year + 34}  {p.position}, {mission.name_en}",
        "",
        "LANGUAGES: English, Indonesian (basic)",
    ]
    return "CURRICULUM VITAE", lines


def ktp_page(p: Person) -> Page:
    assert p.region is not None
    r = p.region
    return f"PROVINSI {r.province}", [
        r.regency,
        "KARTU TANDA PENDUDUK",
        f"NIK : {p.nik}",
        f"Nama : {p.name.upper()}",
        f"Tempat/Tgl Lahir : {p.birth_place}, {p.birth_date.strftime('%d-%m-%Y')}",
        f"Jenis Kelamin : {'LAKI-LAKI' if p.sex == 'M' else 'PEREMPUAN'}    "
        f"Gol. Darah : {p.extra.get('blood', '-')}",
        f"Alamat : {p.address}",
        f"RT/RW : {p.extra.get('rt_rw', '001/001')}",
        f"Kel/Desa : {r.village}",
        f"Kecamatan : {r.district}",
        f"Agama : {p.extra.get('religion', 'ISLAM')}",
        f"Status Perkawinan : {p.extra.get('marital', 'KAWIN')}",
        "Pekerjaan : KARYAWAN SWASTA",
        "Kewarganegaraan : WNI",
        "Berlaku Hingga : SEUMUR HIDUP",
    ]


def employment_page(p: Person, mission: Mission, language: str, since: dt.date) -> Page:
    if language == "id":
        return "SURAT KETERANGAN BEKERJA", [
            f"Yang bertanda tangan di bawah ini, Kepala Administrasi {mission.name_id}, "
            "menerangkan bahwa:",
            f"Nama: {p.name}",
            f"NIK: {p.nik}",
            f"Jabatan: {p.position_in('id')}",
            f"bekerja pada {mission.name_id} sebagai staf lokal sejak "
            f"{fmt_date(since, 'id')} sampai dengan sekarang.",
            "Demikian surat keterangan ini dibuat untuk dipergunakan sebagaimana mestinya.",
        ]
    return "LETTER OF EMPLOYMENT", [
        "To whom it may concern,",
        f"Name: {p.name}",
        f"NIK: {p.nik}",
        f"Position: {p.position}",
        f"This is to certify that the above-named Indonesian citizen is employed by the "
        f"{mission.name_en} as a member of its local staff since {fmt_date(since, 'en')}.",
        "Head of Administration",
    ]


def airport_pass_page(p: Person, expiry: dt.date) -> Page:
    return "PAS BANDARA / AIRPORT PASS", [
        "Kantor Otoritas Bandara Wilayah I - Soekarno-Hatta",
        f"No. Pas: PB-{expiry.year - 1}-{abs(hash_name(p.name)) % 100000:05d}",
        f"Nama: {p.name}",
        f"Instansi: {p.position_in('id')}",
        "Area: TERMINAL 3 - KEDATANGAN / ARRIVAL",
        f"Berlaku sampai / Expiry date: {expiry.strftime('%d-%m-%Y')}",
    ]


def hash_name(name: str) -> int:
    """A small stable hash (``hash()`` is salted per process)."""
    value = 7
    for char in name:
        value = (value * 31 + ord(char)) % 1_000_003
    return value


def police_report_page(p: Person, reported: dt.date) -> Page:
    return "SURAT TANDA PENERIMAAN LAPORAN KEHILANGAN", [
        "KEPOLISIAN NEGARA REPUBLIK INDONESIA",
        "DAERAH METRO JAYA - RESOR BANDARA SOEKARNO-HATTA",
        f"Nomor: STPLK/{hash_name(p.name) % 900 + 100}/{reported.strftime('%m')}/"
        f"{reported.year}/RESTA BSH",
        f"Nama: {p.name}",
        f"Telah melaporkan kehilangan pada tanggal {fmt_date(reported, 'id')}:",
        "1 (satu) lembar Pas Bandara Tahunan atas nama pelapor.",
        "Surat ini bukan pengganti dokumen yang hilang.",
    ]


def applicant_statement_page(p: Person, mission: Mission) -> Page:
    return "SURAT PERNYATAAN PEMOHON / APPLICANT'S STATEMENT", [
        "Yang bertanda tangan di bawah ini / The undersigned:",
        f"Name: {p.name}",
        f"Jabatan / Position: {p.position}, {mission.name_en}",
        "menyatakan akan mematuhi seluruh ketentuan keamanan bandara selama menggunakan Pas "
        "Bandara Kunjungan / declares to comply with all airport security rules while using the "
        "visitor pass.",
    ]


def companion_statement_page(p: Person, companion: str, mission: Mission) -> Page:
    return "SURAT PERNYATAAN PENDAMPING / COMPANION'S STATEMENT", [
        f"Yang bertanda tangan di bawah ini / The undersigned companion: {companion}, "
        "Protocol Officer",
        "menyatakan akan mendampingi / declares to accompany:",
        f"Name: {p.name}",
        f"dari / of the {mission.name_en}, selama berada di area terbatas bandara / while in "
        "the restricted area of the airport.",
    ]


def agenda_page(p: Person, mission: Mission, details: Details) -> Page:
    assert details.visit and details.region
    start, end = details.visit
    city, _, prov_en = details.region
    lines = [
        f"Regional visit of {p.titled('en')}, {p.position}, {mission.name_en}",
        f"Name: {p.name}",
        f"Destination: {city}, {prov_en}",
        "",
    ]
    activities = (
        "Courtesy call on the Governor",
        "Meeting with the Chamber of Commerce",
        "Visit to the university",
        "Return to Jakarta",
    )
    day = start
    for i, activity in enumerate(activities):
        lines.append(f"{fmt_date(day, 'en')}  09.00  {activity}, {city}")
        if day < end and i % 2 == 1:
            day += dt.timedelta(1)
    return "TENTATIVE AGENDA", lines


def render(page: Page, image: bytes | None = None) -> bytes:
    """The usual form of a document: a text PDF."""
    return text_pdf(page[0], page[1], image)


def encode(
    page: Page,
    defect: Defect | None,
    seed: int,
    image: bytes | None,
    pages: list[Page] | None = None,
) -> bytes:
    """The bytes of a document as sent: a text PDF, or the given defect of it."""
    if defect == "too_large":
        return oversized_pdf(page[0], page[1], seed)
    if defect in ("jpeg_as_pdf", "scan"):
        scan = page_scan_jpeg(page[0], page[1], seed, image)
        return scan if defect == "jpeg_as_pdf" else scanned_pdf(scan)
    if defect == "docx":
        return docx_bytes(page[0], page[1])
    if defect == "empty":
        return b""
    pdf = text_pdf_pages(pages, image) if pages else render(page, image)
    if defect == "encrypted":
        return encrypted_pdf(pdf, seed=seed)
    if defect == "corrupt":
        return corrupt_pdf(pdf, seed)
    return pdf


PER_PERSON_ORDER: tuple[DocumentType, ...] = (
    DocumentType.police_loss_report,
    DocumentType.passport,
    DocumentType.stay_permit,
    DocumentType.kemlu_id_card,
    DocumentType.ktp,
    DocumentType.employment_proof,
    DocumentType.cv,
    DocumentType.expired_airport_pass,
    DocumentType.applicant_statement,
    DocumentType.companion_statement,
    DocumentType.tentative_agenda,
    DocumentType.photo,
)
