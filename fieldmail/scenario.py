"""What one mail is about: the mission, the request, the people, the facts, the defects."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from fasdip.models import ApplicantCategory, RequestType
from fieldmail.identity import Person, pick_people
from fieldmail.truth import Habit
from fieldmail.wording import Facts

RT = RequestType
# (English name, Indonesian name, ICAO code, mail domain)
MISSIONS = [
    (
        "Embassy of the Federal Republic of Germany",
        "Kedutaan Besar Republik Federal Jerman",
        "DEU",
        "jakarta.diplo.de.example",
    ),
    ("Royal Danish Embassy", "Kedutaan Besar Kerajaan Denmark", "DNK", "um.dk.example"),
    ("Royal Norwegian Embassy", "Kedutaan Besar Kerajaan Norwegia", "NOR", "mfa.no.example"),
    ("Embassy of France", "Kedutaan Besar Prancis", "FRA", "diplomatie.gouv.fr.example"),
    ("Embassy of Spain", "Kedutaan Besar Spanyol", "ESP", "maec.es.example"),
    ("Embassy of Sweden", "Kedutaan Besar Swedia", "SWE", "gov.se.example"),
    (
        "Embassy of the Kingdom of the Netherlands",
        "Kedutaan Besar Kerajaan Belanda",
        "NLD",
        "minbuza.nl.example",
    ),
    (
        "Embassy of the Republic of Poland",
        "Kedutaan Besar Republik Polandia",
        "POL",
        "msz.gov.pl.example",
    ),
    ("Embassy of Hungary", "Kedutaan Besar Hongaria", "HUN", "mfa.gov.hu.example"),
    (
        "Consulate General of Belgium in Surabaya",
        "Konsulat Jenderal Belgia di Surabaya",
        "BEL",
        "diplobel.fed.be.example",
    ),
    ("Embassy of Ireland", "Kedutaan Besar Irlandia", "IRL", "dfa.ie.example"),
    ("Embassy of the Czech Republic", "Kedutaan Besar Republik Ceko", "CZE", "mzv.cz.example"),
]
TITLES = [
    "First Secretary",
    "Second Secretary",
    "Counsellor",
    "Attaché",
    "Third Secretary",
    "Minister-Counsellor",
]
STAFF_TITLES = ["driver", "protocol assistant", "administrative assistant", "security officer"]
REGIONS = [
    ("Surabaya", "Jawa Timur", "Gubernur Jawa Timur, Bapak Hartono WIBISONO"),
    ("Medan", "Sumatera Utara", "Wali Kota Medan, Bapak Rudi SIAHAAN"),
    ("Makassar", "Sulawesi Selatan", "Rektor Universitas Hasanuddin, Prof. Andi MAPPARENTA"),
    ("Denpasar", "Bali", "Gubernur Bali, Bapak I Wayan SUDARSANA"),
    ("Yogyakarta", "DI Yogyakarta", "Sekretaris Daerah DIY, Ibu Endang SURYANINGSIH"),
]
FLIGHTS = ["GA 881", "SQ 956", "QR 956", "EK 356", "KL 809", "TK 56"]
WEIGHTS = {
    RT.airport_pass_new: 16,
    RT.airport_pass_renewal: 12,
    RT.airport_pass_lost: 8,
    RT.airport_pass_visitor: 10,
    RT.regional_visit: 12,
    RT.honorary_consul: 6,
    RT.id_card: 10,
    RT.accreditation: 8,
    RT.attache_accreditation: 6,
    RT.other: 8,
}


@dataclass
class Applicant:
    person: Person
    category: ApplicantCategory
    title: str

    def in_note(self, lang: str) -> str:
        if self.category == ApplicantCategory.local_staff:
            honour = "Sdr." if self.person.sex == "M" else "Sdri."
            return (
                f"{honour} {self.person.full} ({self.title}, staf lokal)"
                if lang == "id"
                else f"{self.person.full} ({self.title}, local staff)"
            )
        honour = "Mr." if self.person.sex == "M" else "Ms."
        if lang == "fr-en":
            honour = "Mr." if self.person.sex == "M" else "Mrs."
        if self.title.startswith(("Colonel", "Captain")):
            return f"{self.title} {self.person.full}"
        return f"{honour} {self.person.full}, {self.title}"


@dataclass
class Plan:
    """Everything decided before a single file is drawn."""

    number: int
    kind: RequestType
    lang: str
    today: dt.date
    mission: tuple[str, str, str, str]
    applicants: list[Applicant]
    facts: Facts
    clerk_name: str
    late: bool = False
    window_passed: bool = False
    no_flight: bool = False
    habits: set[Habit] = field(default_factory=set)
    not_applicants: list[str] = field(default_factory=list)


def _today(rng: random.Random) -> dt.date:
    date = dt.date(2026, 1, 12) + dt.timedelta(days=rng.randint(0, 300))
    while date.weekday() >= 5:
        date += dt.timedelta(days=1)
    return date


def _category_mix(kind: RequestType, count: int, rng: random.Random) -> list[ApplicantCategory]:
    official, staff = ApplicantCategory.foreign_official, ApplicantCategory.local_staff
    if kind == RT.honorary_consul:
        return [staff]  # an Indonesian citizen: identified by a KTP like local staff
    if kind in (RT.regional_visit, RT.accreditation, RT.attache_accreditation):
        return [official] * count
    pool = (
        [official, official, staff] if kind != RT.id_card else [official, official, official, staff]
    )
    return [rng.choice(pool) for _ in range(count)]


def plan(number: int, rng: random.Random) -> Plan:
    kinds = list(WEIGHTS)
    kind = rng.choices(kinds, weights=[WEIGHTS[k] for k in kinds])[0]
    lang = rng.choices(["en", "id", "fr-en"], weights=[45, 40, 15])[0]
    today = _today(rng)
    mission = rng.choice(MISSIONS)
    single = kind in (RT.honorary_consul, RT.attache_accreditation, RT.other)
    count = 1 if single else rng.choices([1, 2, 3], weights=[60, 30, 10])[0]
    cats = _category_mix(kind, count, rng)
    locals_ = pick_people(
        rng, sum(c == ApplicantCategory.local_staff for c in cats), local=True, today=today
    )
    foreign = [
        p.model_copy(update={"nationality": mission[2]})
        for p in pick_people(
            rng,
            sum(c == ApplicantCategory.foreign_official for c in cats) + 2,
            local=False,
            today=today,
        )
    ]
    ambassador_p, clerk_p = foreign.pop(), foreign.pop()
    applicants = []
    for cat in cats:
        if cat == ApplicantCategory.local_staff:
            title = "Konsul Kehormatan" if kind == RT.honorary_consul else rng.choice(STAFF_TITLES)
            applicants.append(Applicant(locals_.pop(0), cat, title))
        else:
            title = (
                rng.choice(["Colonel", "Captain (Navy)"])
                if kind == RT.attache_accreditation
                else rng.choice(TITLES)
            )
            applicants.append(Applicant(foreign.pop(0), cat, title))
    ambassador = (
        f"H.E. {ambassador_p.full}, Ambassador"
        if lang != "id"
        else f"{ambassador_p.full}, Duta Besar"
    )
    facts = Facts(
        mission=mission[0],
        mission_id=mission[1],
        note_number=f"{rng.randint(12, 480)}/{rng.choice(['PROT', 'ADM', 'CONS'])}/{today.year}",
        applicants=[a.in_note(lang) for a in applicants],
        ambassador=ambassador,
    )
    p = Plan(
        number=number,
        kind=kind,
        lang=lang,
        today=today,
        mission=mission,
        applicants=applicants,
        facts=facts,
        clerk_name=clerk_p.full.title() if rng.random() < 0.5 else clerk_p.given,
    )
    p.habits.add(Habit.ambassador_named)
    p.not_applicants += [ambassador_p.full, clerk_p.full]
    if lang == "fr-en":
        p.habits.add(Habit.french_english)
    _facts_for_kind(p, rng)
    return p


def _facts_for_kind(p: Plan, rng: random.Random) -> None:
    f, today = p.facts, p.today
    f.vague = rng.random() < 0.5
    if p.kind == RT.airport_pass_new:
        f.screening = today + dt.timedelta(days=rng.randint(10, 30)) if rng.random() < 0.6 else None
        if len(p.applicants) > 1:
            p.habits.add(Habit.two_applicants_one_line)
    elif p.kind == RT.airport_pass_renewal:
        p.window_passed = rng.random() < 0.12
        f.expired_on = today - dt.timedelta(
            days=rng.randint(45, 120) if p.window_passed else rng.randint(2, 25)
        )
    elif p.kind == RT.airport_pass_lost:
        f.lost_on = today - dt.timedelta(days=rng.randint(3, 20))
    elif p.kind == RT.airport_pass_visitor:
        _city, _, official = rng.choice(REGIONS)
        f.official_met = official if rng.random() < 0.7 else ""
        f.flight_date = today + dt.timedelta(days=rng.randint(6, 20))
        p.no_flight = rng.random() < 0.12
        f.flight = "" if p.no_flight else rng.choice(FLIGHTS)
        f.vague = True
    elif p.kind == RT.regional_visit:
        f.city, f.province, f.official_met = rng.choice(REGIONS)
        p.late = rng.random() < 0.2
        start = today + dt.timedelta(days=rng.randint(3, 9) if p.late else rng.randint(35, 70))
        f.visit_from, f.visit_to = start, start + dt.timedelta(days=rng.randint(1, 4))
        if p.late:
            p.habits.add(Habit.late_visit)
    elif p.kind == RT.honorary_consul:
        f.city, f.province, _ = rng.choice(REGIONS)
        # The candidate lives in the jurisdiction when a KTP of that province can be drawn
        # (Sulawesi Selatan and DI Yogyakarta cannot: those candidates live elsewhere).
        consul = p.applicants[0]
        consul.person = consul.person.model_copy(update={"home": f.province.upper()})
    elif (
        p.kind == RT.id_card
        and p.applicants[0].category == ApplicantCategory.foreign_official
        and rng.random() < 0.6
    ):
        lead = p.applicants[0].person
        spouse_given = rng.choice(["Claire", "Anna", "Marta", "Paul", "Erik"])
        f.spouse = f"{'Mrs.' if lead.sex == 'M' else 'Mr.'} {spouse_given} {lead.surname.upper()}"
        p.not_applicants.append(f"{spouse_given} {lead.surname.upper()}")
        p.habits.add(Habit.family_member_named)
    elif p.kind == RT.other:
        f.earlier_date = (
            today - dt.timedelta(days=rng.randint(20, 60)) if rng.random() < 0.6 else None
        )
    if f.official_met:
        p.habits.add(Habit.official_met_named)
        p.not_applicants.append(f.official_met.split(", ")[-1].split(" ", 1)[-1])
    if f.vague and p.kind in (
        RT.airport_pass_new,
        RT.airport_pass_renewal,
        RT.airport_pass_visitor,
    ):
        p.habits.add(Habit.vague_wording)
