"""One applicant's files: bytes, the name a clerk gives them, and what they truly are."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from fasdip.models import DocumentType, FindingCode
from fieldmail import cards, render
from fieldmail.identity import Person, make_ktp, make_mrz, passport_number, plain
from fieldmail.truth import FileTruth, Habit, KtpTruth, MrzTruth

D = DocumentType
PDF, JPG, PNG = "application/pdf", "image/jpeg", "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SCANNED = {D.passport, D.stay_permit, D.kemlu_id_card, D.ktp, D.expired_airport_pass}


@dataclass
class Made:
    """A file ready to attach, with its truth and the habits it shows."""

    name: str
    data: bytes
    content_type: str
    truth: FileTruth
    habits: set[Habit] = field(default_factory=set)


@dataclass
class Clerk:
    """The habits of the person at the mission who scans and names the files (one per mail)."""

    rng: random.Random
    today: dt.date
    style: str  # "surname", "initial", "full", "scanner"
    fold: str  # "keep", "plain", "germanic"
    city: str
    counter: int = 0

    def spelled(self, person: Person) -> tuple[str, set[Habit]]:
        """How this clerk writes the person in a file name."""
        habits: set[Habit] = set()
        surname, given = person.surname, person.given
        if self.fold != "keep" and plain(surname) != surname:
            surname = plain(surname, germanic=self.fold == "germanic")
            given = plain(given)
            habits.add(Habit.no_accents)
        if self.style == "surname":
            habits.add(Habit.surname_only)
            return surname, habits
        if self.style == "initial" and " " in given:
            first, rest = given.split(" ", 1)
            habits.add(Habit.initial_given_name)
            return f"{first[0]} {rest} {surname}", habits
        return f"{given} {surname}", habits

    def scanner_name(self, ext: str) -> str:
        self.counter += 1
        if ext == "jpg":
            return f"IMG_{self.today:%Y%m%d}_{930 + self.counter * 3:04d}.jpg"
        return f"scan{40 + self.counter:04d}.pdf"


NAMES: dict[DocumentType, list[str]] = {
    D.passport: ["Passport {n}", "PASPOR {N}", "passport scan {n}", "Paspor_{n}"],
    D.stay_permit: ["Izin Tinggal {n}", "KITAS {n}", "Stay permit {n}", "ITAS {n}"],
    D.kemlu_id_card: ["ID card {n}", "Kartu Identitas {n}", "Kemlu card {n}"],
    D.cv: ["CV {n}", "Curriculum Vitae - {n}", "Daftar Riwayat Hidup {n}", "Resume {n}"],
    D.photo: ["Photo {n}", "foto {n}", "Pasfoto {n}", "{n} photo red"],
    D.ktp: ["KTP {n}", "ktp_{n}", "KTP scan {n}"],
    D.employment_proof: ["Surat Keterangan Kerja {n}", "Employment letter {n}", "Contract {n}"],
    D.expired_airport_pass: ["Expired pass {n}", "Pas Bandara lama {n}", "old airport card {n}"],
    D.police_loss_report: ["Laporan Kehilangan {n}", "Police report {n}"],
    D.applicant_statement: ["Surat Pernyataan Pemohon {n}", "Applicant statement {n}"],
    D.companion_statement: ["Surat Pernyataan Pendamping {n}", "Companion statement {n}"],
    D.tentative_agenda: [
        "Tentative Agenda {city}",
        "Agenda visit {city}",
        "Jadwal kunjungan {city}",
    ],
}


def file_name(kind: DocumentType, person: Person, clerk: Clerk, ext: str) -> tuple[str, set[Habit]]:
    """The clerk's name for one file."""
    rng = clerk.rng
    if clerk.style == "scanner" and kind != D.cv and rng.random() < 0.7:
        return clerk.scanner_name(ext), {Habit.meaningless_scan_name}
    spelled, habits = clerk.spelled(person)
    pattern = rng.choice(NAMES[kind])
    if "{city}" in pattern or "card" in pattern or "scan" in pattern:
        habits.add(Habit.city_or_word_in_name)
    name = pattern.format(n=spelled, N=spelled.upper(), city=clerk.city)
    if kind == D.tentative_agenda and rng.random() < 0.5:
        name = f"{name} {spelled}"
    if rng.random() < 0.25:
        name = name.replace(" ", "_")
    return f"{name}.{ext}", habits


@dataclass
class Paper:
    """What an applicant's papers say (shared by the separate files and the combined PDF)."""

    person: Person
    mrz: MrzTruth | None = None
    ktp: KtpTruth | None = None
    pages: dict[DocumentType, render.Page] = field(default_factory=dict)


def papers(person: Person, title: str, rng: random.Random, today: dt.date) -> Paper:
    """Render every page this person could need, once."""
    paper = Paper(person=person)
    page = render.Page
    if person.local:
        ktp, district = make_ktp(person, rng)
        paper.ktp = ktp
        paper.pages[D.ktp] = page(picture=cards.ktp_card(person, ktp, district, rng))
    else:
        expiry = today + dt.timedelta(days=rng.randint(400, 3000))
        mrz = make_mrz(person, passport_number(rng), expiry)
        paper.mrz = mrz
        issued = expiry - dt.timedelta(days=3652)
        paper.pages[D.passport] = page(picture=cards.passport_page(person, mrz, issued, rng))
        until = today + dt.timedelta(days=rng.randint(120, 900))
        paper.pages[D.stay_permit] = page(
            picture=cards.official_card(
                "IZIN TINGGAL DIPLOMATIK / STAY PERMIT",
                person,
                f"2C{rng.randint(10**7, 10**8 - 1)}",
                until,
                rng,
            )
        )
        paper.pages[D.kemlu_id_card] = page(
            picture=cards.official_card(
                "KARTU IDENTITAS / IDENTITY CARD",
                person,
                f"D-{rng.randint(1000, 9999)}/{today.year}",
                until,
                rng,
            )
        )
    paper.pages[D.cv] = page(
        title="CURRICULUM VITAE", font="libserif", lines=_cv_lines(person, title, rng)
    )
    return paper


def _cv_lines(person: Person, title: str, rng: random.Random) -> list[str]:
    return [
        f"Name: {person.given} {person.surname}",
        f"Date of birth: {person.birth:%d.%m.%Y}",
        f"Nationality: {'Indonesian' if person.local else person.nationality}",
        f"Position: {title}",
        "",
        "Education",
        f"{rng.choice(['Universität Wien', 'Universitas Indonesia', 'Sciences Po Paris', 'Leiden University'])}, "
        f"{rng.choice(['Law', 'International Relations', 'Economics', 'Public Administration'])}",
        "",
        "Professional experience",
        f"{person.birth.year + 26}-{person.birth.year + 31}: Desk officer, head office",
        f"{person.birth.year + 31}-present: {title}",
        "",
        "Languages: English, Bahasa Indonesia (basic)",
    ]


def statement_page(kind: DocumentType, person: Person, companion: str) -> render.Page:
    if kind == D.applicant_statement:
        return render.Page(
            title="SURAT PERNYATAAN PEMOHON",
            font="mono",
            lines=[
                f"Yang bertanda tangan di bawah ini, {person.full}, menyatakan bahwa Pas Bandara",
                "Kunjungan hanya akan digunakan sesuai tujuan permohonan.",
                "",
                person.full,
            ],
        )
    return render.Page(
        title="SURAT PERNYATAAN PENDAMPING",
        font="mono",
        lines=[
            f"Saya, {companion}, menyatakan akan mendampingi {person.full} selama berada",
            "di area terbatas bandar udara.",
            "",
            companion,
        ],
    )


def simple_page(kind: DocumentType, person: Person, facts_line: str) -> render.Page:
    titles = {
        D.employment_proof: "SURAT KETERANGAN KERJA / LETTER OF EMPLOYMENT",
        D.police_loss_report: "SURAT LAPORAN KEHILANGAN - KEPOLISIAN NEGARA REPUBLIK INDONESIA",
        D.tentative_agenda: "TENTATIVE AGENDA",
        D.expired_airport_pass: "PAS BANDARA TAHUNAN - OTORITAS BANDAR UDARA",
    }
    return render.Page(
        title=titles[kind], font="libserif", lines=[f"Nama: {person.full}", facts_line]
    )


def build_file(
    kind: DocumentType, paper: Paper, page: render.Page, clerk: Clerk, *, defect: str = ""
) -> Made:
    """One file of one applicant; ``defect`` in "", docx, png, big, blue, white."""
    rng = clerk.rng
    person = paper.person
    problems: list[FindingCode] = []
    image_only = page.picture is not None
    if kind == D.photo:
        colour = {"blue": (40, 90, 200), "white": (246, 246, 244)}.get(defect, (196, 24, 32))
        picture = render.portrait(rng, colour)
        if defect in ("blue", "white"):
            problems.append(FindingCode.photo_background_not_red)
        if defect == "png":
            data, ctype, ext = render.png(picture), PNG, "png"
            problems.append(FindingCode.wrong_format)
        else:
            data, ctype, ext = render.jpeg(picture, rng.randint(80, 92)), JPG, "jpg"
        image_only = True
    elif defect == "docx":
        data, ctype, ext = render.docx([page.title, *page.lines]), DOCX, "docx"
        problems.append(FindingCode.wrong_format)
    elif page.picture is not None:
        picture = render.degrade(page.picture, rng, grey=rng.random() < 0.3)
        if defect == "big":
            data = render.scan_pdf([render.oversized(picture, rng)], 95)
            problems.append(FindingCode.too_large)
        else:
            data = render.scan_pdf([picture], rng.randint(40, 70))
        ctype, ext = PDF, "pdf"
    else:
        data, ctype, ext = render.text_pdf([page]), PDF, "pdf"
    name, habits = file_name(kind, person, clerk, ext)
    habits |= {Habit.docx_file} if defect == "docx" else set()
    habits |= {Habit.png_file} if defect == "png" else set()
    habits |= {Habit.oversized_file} if FindingCode.too_large in problems else set()
    habits |= {Habit.photo_not_red} if defect in ("blue", "white") else set()
    truth = FileTruth(
        filename=name,
        content_type=ctype,
        document_type=kind,
        covers=[kind],
        applicant=person.full,
        problems=problems,
        size=len(data),
        image_only=image_only,
        mrz=paper.mrz if kind == D.passport else None,
        ktp=paper.ktp if kind == D.ktp else None,
    )
    return Made(name=name, data=data, content_type=ctype, truth=truth, habits=habits)


def combined_file(paper: Paper, kinds: Sequence[DocumentType], clerk: Clerk) -> Made:
    """One PDF holding several of the applicant's documents, one page each."""
    rng = clerk.rng
    pages = []
    for kind in kinds:
        page = paper.pages[kind]
        if page.picture is not None:
            page = render.Page(picture=render.degrade(page.picture, rng, grey=False))
        pages.append(page)
    data = render.text_pdf(pages)
    spelled, habits = clerk.spelled(paper.person)
    pattern = rng.choice(
        ["Documents - {n}", "Passport_IzinTinggal_IDCard_{u}", "Dokumen {n}", "Berkas lengkap {n}"]
    )
    name = pattern.format(n=spelled, u=spelled.replace(" ", "_")) + ".pdf"
    truth = FileTruth(
        filename=name,
        content_type=PDF,
        document_type=kinds[0],
        covers=list(kinds),
        applicant=paper.person.full,
        problems=[],
        size=len(data),
        image_only=all(paper.pages[k].picture is not None for k in kinds),
        mrz=paper.mrz if D.passport in kinds else None,
    )
    return Made(
        name=name, data=data, content_type=PDF, truth=truth, habits=habits | {Habit.combined_pdf}
    )
