"""Honorary consul: the candidate's KTP address must lie in the jurisdiction the note names."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from fasdip.models import FieldRead, FindingCode, KtpReading
from tests.validators.factories import Office
from validators import TextSources
from validators.jurisdiction import jurisdiction_findings


def card(
    province: str | None,
    regency: str | None = None,
    *,
    accepted: bool = True,
    doubt: str | None = None,
    nik: str | None = None,
) -> KtpReading:
    return KtpReading(
        attachment="a2",
        nik=FieldRead(value=nik, confidence=0.6, doubt="NIK digit 11 unclear" if nik else None),
        province=FieldRead(value=province, confidence=0.9, doubt=doubt),
        regency_city=FieldRead(value=regency, confidence=0.9),
        accepted=accepted,
    )


@dataclass
class Case:
    kind: str
    note: str
    ktp: KtpReading
    outside: bool


CASES = [
    Case(
        "a province in English, the card from another",
        "to appoint Mr. Yoga SIMANJUNTAK as Honorary Consul with a consular district comprising "
        "the Province of Bali.",
        card("JAWA TIMUR", "KABUPATEN BANGKALAN"),
        True,
    ),
    Case(
        "the card's province named in English",
        "with a consular jurisdiction covering East Java and Bali.",
        card("JAWA TIMUR", "KOTA SURABAYA"),
        False,
    ),
    Case(
        "a city of the card's province named",
        "Dengan wilayah kerja meliputi Kota Surabaya dan sekitarnya.",
        card("JAWA TIMUR", "KOTA MALANG"),
        False,
    ),
    Case(
        "an old Papua card for a new Papuan province",
        "with a consular district comprising the Province of Papua Selatan.",
        card("PAPUA", "KABUPATEN MERAUKE"),
        False,
    ),
    Case(
        "no region named: nothing to compare",
        "with a consular jurisdiction to be agreed with the Ministry.",
        card("JAWA TIMUR"),
        False,
    ),
    Case(
        "a place named outside the jurisdiction sentence does not count",
        "The candidate was born in Medan. The consular district comprises Jawa Timur.",
        card("JAWA TIMUR"),
        False,
    ),
    Case(
        "a card not accepted is not judged",
        "with a consular district comprising the Province of Bali.",
        card("JAWA TIMUR", accepted=False),
        False,
    ),
    Case(
        "a card not accepted (a NIK digit unsure) whose NIK names the printed province",
        "with a consular district comprising the Province of Bali.",
        card("JAWA TIMUR", accepted=False, nik="3578016508900002"),
        True,
    ),
    Case(
        "a card not accepted whose NIK names another province than printed: not judged",
        "with a consular district comprising the Province of Bali.",
        card("JAWA TIMUR", accepted=False, nik="5171016508900002"),
        False,
    ),
    Case(
        "a card not accepted, its NIK and province both of the jurisdiction: nothing said",
        "with a consular district comprising the Province of Bali.",
        card("BALI", accepted=False, nik="5171016508900002"),
        False,
    ),
    Case(
        "a card not accepted, its province unsure: not judged even if the NIK agrees",
        "with a consular district comprising the Province of Bali.",
        card("JAWA TIMUR", accepted=False, nik="3578016508900002", doubt="letter unclear"),
        False,
    ),
    Case(
        "a province read with doubt and no regency: not judged",
        "with a consular district comprising the Province of Bali.",
        card("JAWA TIMUR", doubt="letter unclear"),
        False,
    ),
    Case(
        "a province misread beyond recognition, the regency sure",
        "with a consular district comprising the Province of Bali.",
        card("JXWQ TMR", "KOTA SURABAYA"),
        True,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.kind for c in CASES])
def test_a_consul_living_outside_the_jurisdiction_is_told(office: Office, case: Case) -> None:
    cues = office.config.keywords.details["jurisdiction"]
    findings = jurisdiction_findings(TextSources(note=case.note), [case.ktp], cues, office.catalog)
    assert [f.code for f in findings] == (
        [FindingCode.ktp_outside_jurisdiction] if case.outside else []
    )


def test_the_reply_names_both_places_in_both_languages(office: Office) -> None:
    note = "with a consular district comprising the Province of Bali."
    cues = office.config.keywords.details["jurisdiction"]
    [finding] = jurisdiction_findings(
        TextSources(note=note), [card("JAWA TIMUR")], cues, office.catalog
    )
    assert "Jawa Timur" in finding.text_id and "Bali" in finding.text_id
    assert "Jawa Timur" in finding.text_en and "Bali" in finding.text_en
    assert "yurisdiksi" in finding.text_id and "jurisdiction" in finding.text_en
