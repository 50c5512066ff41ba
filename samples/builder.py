"""From a scenario recipe (``Spec``) to an email and its truth."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from fasdip.models import ApplicantCategory, DocumentType, FindingCode, RequestType
from samples import documents as d
from samples.documents import Defect
from samples.emails import build_email
from samples.people import MISSION_BY_KEY, Mission, PeopleFactory, Person
from samples.truth import (
    DEFECT_FINDING,
    FOREIGN,
    LOCAL,
    REQUIRED,
    Truth,
    TruthApplicant,
    TruthAttachment,
    decide,
)
from samples.wording import LABEL_EN, LABEL_ID, subject_and_body

Lang = Literal["id", "en"]
NameStyle = Literal["descriptive", "indonesian", "underscore", "generic", "short"]
DT = DocumentType
JAKARTA = dt.timezone(dt.timedelta(hours=7))

WITH_PORTRAIT = {
    DT.passport,
    DT.stay_permit,
    DT.kemlu_id_card,
    DT.ktp,
    DT.cv,
    DT.expired_airport_pass,
}
FLIGHTS = ("GA 881", "SQ 956", "JL 725", "QF 41", "TK 56", "KL 809", "EK 356", "KE 627", "NH 835")
VISIT_REGIONS = (
    ("Surabaya", "Jawa Timur", "East Java"),
    ("Denpasar", "Bali", "Bali"),
    ("Medan", "Sumatera Utara", "North Sumatra"),
    ("Makassar", "Sulawesi Selatan", "South Sulawesi"),
    ("Kupang", "Nusa Tenggara Timur", "East Nusa Tenggara"),
)
CONSUL_SEATS = {
    "denpasar": ("Denpasar", "the Province of Bali", "Provinsi Bali"),
    "surabaya": ("Surabaya", "the Province of East Java", "Provinsi Jawa Timur"),
    "medan": ("Medan", "the Province of North Sumatra", "Provinsi Sumatera Utara"),
}


@dataclass
class Spec:
    """A scenario recipe: what to send and what to get wrong."""

    name: str
    kind: RequestType
    language: Lang
    mission: str
    categories: list[ApplicantCategory] = field(default_factory=lambda: [FOREIGN])
    omit: dict[int, list[DocumentType]] = field(default_factory=dict)  # applicant -> docs
    omit_note: bool = False
    defects: dict[tuple[int, DocumentType], Defect] = field(default_factory=dict)
    style: NameStyle = "descriptive"
    swap: tuple[DocumentType, DocumentType] | None = None  # file names of applicant 0 swapped
    combined: bool = False  # visitor pass: passport + stay permit + Kemlu ID in one PDF
    no_flight: bool = False
    no_screening: bool = False
    renewal_late: bool = False
    visit_late: bool = False
    html: bool = False
    inline: bool = False
    consul_seat: str = "denpasar"


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _when(rng: random.Random) -> dt.datetime:
    days = [dt.date(2026, 11, 2) + dt.timedelta(i) for i in range(19)]
    day = rng.choice([x for x in days if x.weekday() < 5])
    return dt.datetime(
        day.year,
        day.month,
        day.day,
        rng.randint(7, 16),
        rng.randint(0, 59),
        rng.randint(0, 59),
        tzinfo=JAKARTA,
    )


def _details(spec: Spec, rng: random.Random, day: dt.date, people: list[Person]) -> d.Details:
    k = spec.kind
    if k is RequestType.airport_pass_new:
        return d.Details(
            screening=None if spec.no_screening else day + dt.timedelta(rng.randint(20, 40))
        )
    if k is RequestType.airport_pass_renewal:
        back = rng.randint(45, 70) if spec.renewal_late else rng.randint(2, 20)
        return d.Details(old_expiry=day - dt.timedelta(back))
    if k is RequestType.airport_pass_lost:
        return d.Details(lost_on=day - dt.timedelta(rng.randint(2, 10)))
    if k is RequestType.airport_pass_visitor:
        purpose = rng.choice(
            (
                (
                    "in order to pick up the visiting delegation of our Ministry of Foreign Affairs",
                    "untuk menjemput delegasi Kementerian Luar Negeri negara kami",
                ),
                (
                    "in order to see off the Minister and the accompanying delegation",
                    "untuk mengantar Menteri beserta delegasi yang mendampingi",
                ),
            )
        )
        flight = (
            None
            if spec.no_flight
            else (rng.choice(FLIGHTS), day + dt.timedelta(rng.randint(6, 14)))
        )
        return d.Details(purpose=purpose, flight=flight)
    if k is RequestType.regional_visit:
        start = day + dt.timedelta(5 if spec.visit_late else rng.randint(40, 60))
        return d.Details(
            visit=(start, start + dt.timedelta(rng.randint(1, 2))), region=rng.choice(VISIT_REGIONS)
        )
    if k is RequestType.honorary_consul:
        _, en, id_ = CONSUL_SEATS[spec.consul_seat]
        return d.Details(jurisdiction=(f"jurisdiction covering {en}", f"wilayah {id_}"))
    return d.Details()


def _people(spec: Spec, factory: PeopleFactory, mission: Mission) -> list[Person]:
    out: list[Person] = []
    for category in spec.categories:
        if spec.kind is RequestType.honorary_consul:
            out.append(factory.local(spec.consul_seat, "Honorary Consul"))
        elif category is LOCAL:
            out.append(factory.local())
        else:
            position = "Defence Attaché" if spec.kind is RequestType.attache_accreditation else None
            out.append(factory.foreign(mission, position))
    return out


def _filename(
    spec: Spec,
    doc: DocumentType,
    person: Person | None,
    mission: Mission,
    counter: list[int],
    covers: list[DocumentType],
) -> str:
    ext = "jpg" if doc is DT.photo else "pdf"
    counter[0] += 1
    if spec.style == "generic":
        if ext == "jpg":
            return f"IMG_{2030 + counter[0]}.jpg"
        return f"scan{counter[0]:03d}.pdf" if counter[0] % 2 else f"document({counter[0]}).pdf"
    if spec.style == "short":
        return f"{LABEL_EN[doc].lower().replace(' ', '_')}.{ext}"
    labels = LABEL_ID if spec.style == "indonesian" else LABEL_EN
    label = ", ".join(labels[c] for c in covers) if len(covers) > 1 else labels[doc]
    if person is None:
        return (
            f"Nota Diplomatik – {mission.name_native}.pdf"
            if spec.style == "indonesian"
            else f"{label}.pdf"
        )
    if spec.style == "underscore":
        return f"{_ascii(label).replace(' ', '_')}_{_ascii(person.name).replace(' ', '_')}.{ext}"
    joiner = " a.n. " if spec.style == "indonesian" else " - "
    return f"{label}{joiner}{person.name}.{ext}"


def _content(
    doc: DocumentType,
    p: Person,
    mission: Mission,
    spec: Spec,
    details: d.Details,
    day: dt.date,
    companion: str,
) -> d.Page:
    issued = dt.date(2025, (d.hash_name(p.name) % 12) + 1, 10)
    if doc is DT.passport:
        return d.passport_page(p)
    if doc is DT.stay_permit:
        return d.stay_permit_page(p, mission, issued)
    if doc is DT.kemlu_id_card:
        return d.kemlu_id_page(p, mission, issued)
    if doc is DT.cv:
        return d.cv_page(p, mission, spec.language)
    if doc is DT.ktp:
        return d.ktp_page(p)
    if doc is DT.employment_proof:
        return d.employment_page(p, mission, spec.language, issued.replace(year=2019))
    if doc is DT.expired_airport_pass:
        return d.airport_pass_page(p, details.old_expiry or day - dt.timedelta(10))
    if doc is DT.police_loss_report:
        return d.police_report_page(p, details.lost_on or day - dt.timedelta(3))
    if doc is DT.applicant_statement:
        return d.applicant_statement_page(p, mission)
    if doc is DT.companion_statement:
        return d.companion_statement_page(p, companion, mission)
    if doc is DT.tentative_agenda:
        return d.agenda_page(p, mission, details)
    raise ValueError(doc)


def build(spec: Spec, seed: int) -> tuple[bytes, Truth]:
    """The email bytes and the truth of one scenario."""
    rng = random.Random(f"{seed}:{spec.name}")
    mission = MISSION_BY_KEY[spec.mission]
    when = _when(rng)
    factory = PeopleFactory(rng)
    people = _people(spec, factory, mission)
    details = _details(spec, rng, when.date(), people)
    companion = factory.local(position="Protocol Assistant").name
    mid_hash = hashlib.sha256(f"{seed}/{spec.name}".encode()).hexdigest()
    message_id = f"<{mid_hash[:20]}.{when:%Y%m%d%H%M%S}@{mission.address.rpartition('@')[2]}>"
    counter = [0]
    files: list[tuple[str, str, bytes]] = []
    attachments: list[TruthAttachment] = []
    found: list[list[DocumentType]] = [[] for _ in people]
    findings: set[FindingCode] = set()

    def add(
        doc: DocumentType,
        person: Person | None,
        data: bytes,
        defect: Defect | None,
        covers: list[DocumentType],
        name: str,
    ) -> None:
        ctype = "image/jpeg" if doc is DT.photo else "application/pdf"
        if defect == "docx":
            name = name.rsplit(".", 1)[0] + ".docx"
            ctype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        elif spec.style == "generic" and ctype == "application/pdf" and len(files) % 3 == 2:
            ctype = "application/octet-stream"
        code = DEFECT_FINDING.get(defect or "")
        if code:
            findings.add(code)
        files.append((name, ctype, data))
        attachments.append(
            TruthAttachment(
                filename=name,
                content_type=ctype,
                document_type=doc,
                covers=covers,
                applicant=person.name if person else None,
                findings=[code] if code else [],
                size=len(data),
            )
        )

    if not spec.omit_note:
        note_day = when.date() - dt.timedelta(rng.randint(0, 2))
        number = (
            f"{rng.randint(100, 999)}/PROT/XI/2026"
            if spec.language == "id"
            else f"{rng.randint(100, 999)}/2026/PROT"
        )
        page = d.note_page(mission, spec.language, spec.kind, people, number, note_day, details)
        add(
            DT.diplomatic_note,
            None,
            d.render(page, d.emblem_jpeg(rng.randint(0, 9))),
            None,
            [DT.diplomatic_note],
            _filename(spec, DT.diplomatic_note, None, mission, counter, [DT.diplomatic_note]),
        )
        for row in found:
            row.append(DT.diplomatic_note)
    for i, person in enumerate(people):
        required = REQUIRED[spec.kind][person.category]
        wanted = [
            doc for doc in d.PER_PERSON_ORDER if doc in required and doc not in spec.omit.get(i, [])
        ]
        photo = d.photo_jpeg("red", 200, 300, seed=rng.randint(0, 10**6))
        groups: list[list[DocumentType]] = [[doc] for doc in wanted]
        combo = [DT.passport, DT.stay_permit, DT.kemlu_id_card]
        if spec.combined and all(doc in wanted for doc in combo):
            groups = [combo] + [[doc] for doc in wanted if doc not in combo]
        names = {tuple(g): _filename(spec, g[0], person, mission, counter, g) for g in groups}
        if spec.swap and i == 0:
            a, b = ((x,) for x in spec.swap)
            names[a], names[b] = names[b], names[a]
        for group in groups:
            doc = group[0]
            defect = spec.defects.get((i, doc))
            seed_i = rng.randint(0, 10**6)
            if doc is DT.photo:
                colour: Literal["red", "blue", "white"] = (
                    "blue" if defect == "blue" else "white" if defect == "white" else "red"
                )
                data = d.photo_jpeg(colour, seed=seed_i)
            else:
                page = _content(doc, person, mission, spec, details, when.date(), companion)
                pages = (
                    [
                        _content(x, person, mission, spec, details, when.date(), companion)
                        for x in group
                    ]
                    if len(group) > 1
                    else None
                )
                image = (
                    photo
                    if doc in WITH_PORTRAIT
                    else d.emblem_jpeg(d.hash_name(mission.key + doc.value))
                )
                data = d.encode(page, defect, seed_i, image, pages)
            add(doc, person, data, defect, group, names[tuple(group)])
            found[i].extend(group)

    applicants = [
        TruthApplicant(
            name=p.name,
            category=p.category,
            documents=found[i],
            missing=[x for x in REQUIRED[spec.kind][p.category] if x not in found[i]],
        )
        for i, p in enumerate(people)
    ]
    if any(a.missing for a in applicants):
        findings.add(FindingCode.missing_document)
    blocking_detail = spec.no_flight
    if spec.no_flight or spec.no_screening:
        findings.add(FindingCode.missing_detail)
    if spec.renewal_late:
        findings.add(FindingCode.renewal_window_passed)
    if spec.visit_late:
        findings.add(FindingCode.visit_too_late)
    subject, body = subject_and_body(
        spec.kind, spec.language, mission, people, details, CONSUL_SEATS[spec.consul_seat][0]
    )
    decision = decide(spec.kind, findings, blocking_detail=blocking_detail)
    truth = Truth(
        request_type=spec.kind,
        language=spec.language,
        applicants=applicants,
        decision=decision,
        findings=sorted(findings),
        today=when.date(),
        sender=mission.address,
        subject=subject,
        attachments=attachments,
    )
    mailer = (
        "Apple Mail (2.3826.400.131.1.6)"
        if spec.inline
        else rng.choice(("Microsoft Outlook 16.0", "Mozilla Thunderbird 128.4.2", ""))
    )
    eml = build_email(
        mission.address,
        mission.sender_name,
        subject,
        body,
        files,
        when,
        message_id,
        html_alternative=spec.html,
        inline=spec.inline,
        mailer=mailer,
    )
    return eml, truth
