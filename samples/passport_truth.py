"""Who a generated passport belongs to and what its MRZ says: the truth of a data page.

``make_truth(seed)`` draws a person (names with their accents, from the missions' and a
few more states) and a document, deterministic from the seed; ``with_mrz`` changes the
document (code, states, number, optional data) and computes its two TD3 lines again.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from samples.missions import MISSIONS
from samples.people import check_digit, mrz_field

_EXTRA_PEOPLE: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "DEU",
        "DEUTSCH",
        ("Jürgen", "Klaus-Peter"),
        ("Jörg", "Käthe Anna"),
        ("MÜLLER", "SCHRÖDER", "KOCH", "BLOCK"),
    ),
    (
        "FRA",
        "FRANÇAISE",
        ("François", "Jérôme"),
        ("Hélène", "Zoé"),
        ("LEFÈVRE", "D'ARCY", "CLÉMENT"),
    ),
    ("NOR", "NORSK", ("Bjørn", "Øyvind"), ("Åse", "Kjersti"), ("SKÅR", "LØKKE", "ØSTBY")),
    ("TUR", "TÜRK", ("Çağrı", "Oğuz"), ("Gülşen", "İpek"), ("ÖZTÜRK", "ÇELİK", "KOÇ")),
    (
        "IRL",
        "IRISH",
        ("Seán", "Ciarán"),
        ("Aoife", "Síle"),
        ("O'BRIEN", "MAC CÁRTHAIGH", "KAVANAGH"),
    ),
    (
        "BRA",
        "BRASILEIRO(A)",
        ("João", "Sebastião"),
        ("Conceição", "Luíza"),
        ("GONÇALVES", "ARAÚJO LIMA"),
    ),
    ("D", "DEUTSCH", ("Maximilian",), ("Großmann Ilse",), ("WEIß", "KÜCK")),
    ("VNM", "VIET NAM", ("Nguyễn Văn",), ("Thị Mai",), ("TRẦN", "PHẠM")),
    ("POL", "POLSKIE", ("Łukasz", "Wojciech"), ("Małgorzata", "Zuzanna"), ("KOWALCZYK", "WÓJCIK")),
    ("KOR", "REPUBLIC OF KOREA", ("Kyung Chul",), ("Ji Eun",), ("KIM", "PARK", "CHOI")),
    ("XXA", "STATELESS", ("Kemal",), ("Cecile",), ("KACKAR",)),
    ("UNO", "UNITED NATIONS", ("Kofi",), ("Cecilia",), ("ACKERMAN", "MCCOCK")),
)


class PassportTruth(BaseModel):
    """What the generator printed: every MRZ field (MRZ form) and the visual values."""

    model_config = ConfigDict(frozen=True)

    seed: int
    document_code: str = "P"
    issuing_state: str  # as in the MRZ without fillers: "DEU", "D", "UNO"
    nationality: str
    surname: str  # MRZ form, spaces between parts: "MUELLER"
    given_names: str  # MRZ form: "KLAUS PETER"
    surname_printed: str  # visual zone, with accents: "MÜLLER"
    given_names_printed: str
    document_number: str  # without fillers
    birth_date: dt.date
    sex: Literal["M", "F", "X"]
    expiry_date: dt.date
    issue_date: dt.date
    optional_data: str  # without fillers
    mrz: list[str]
    kind: str = "clean"  # the named degradation kind (samples.passport_kinds)
    degradations: list[str] = Field(default_factory=list)


# --------------------------------------------------------------------------- truth


def _document_number(rng: random.Random) -> str:
    pattern = rng.choice(
        ("LDDDDDDDD", "LLDDDDDDD", "DDDDDDDDD", "LLLDDDDDD", "LDLDDDDDL", "DDDDDDDD", "LLDDDDDD")
    )
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return "".join(rng.choice(letters) if p == "L" else rng.choice("0123456789") for p in pattern)


def _people_pool() -> list[tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]]:
    pool = [(m.country_code, m.nationality, m.given_m, m.given_f, m.surnames) for m in MISSIONS]
    return pool + list(_EXTRA_PEOPLE)


def make_truth(seed: int, today: dt.date | None = None) -> PassportTruth:
    rng = random.Random(seed)
    today = today or dt.date(2025, 6, 1)
    code, nationality_text, given_m, given_f, surnames = rng.choice(_people_pool())
    del nationality_text
    sex: Literal["M", "F", "X"] = (
        rng.choice(("M", "F", "M", "F", "X")) if rng.random() < 0.1 else rng.choice(("M", "F"))
    )
    given_printed = rng.choice(given_f if sex == "F" else given_m)
    surname_printed = rng.choice(surnames)
    if rng.random() < 0.25:  # a second surname
        surname_printed = f"{surname_printed} {rng.choice(surnames)}"
    if rng.random() < 0.3:  # a second given name
        given_printed = f"{given_printed} {rng.choice(given_m + given_f)}"
    birth = dt.date(rng.randint(1950, 2006), rng.randint(1, 12), rng.randint(1, 28))
    issue = today - dt.timedelta(days=rng.randint(30, 3650))
    years = rng.choice((5, 10, 10))
    expiry = dt.date(issue.year + years, issue.month, min(issue.day, 28)) - dt.timedelta(days=1)
    number = _document_number(rng)
    optional = (
        ""
        if rng.random() < 0.7
        else "".join(rng.choice("0123456789") for _ in range(rng.randint(6, 14)))
    )
    issuer = code if rng.random() < 0.9 else rng.choice(("GBR", "UNO", "XXA", "D", "IDN"))
    truth = PassportTruth(
        seed=seed,
        issuing_state=issuer,
        nationality=code,
        surname="",
        given_names="",
        surname_printed=surname_printed,
        given_names_printed=given_printed,
        document_number=number,
        birth_date=birth,
        sex=sex,
        expiry_date=expiry,
        issue_date=issue,
        optional_data=optional,
        mrz=[],
    )
    return with_mrz(truth)


def with_mrz(truth: PassportTruth, **changes: str) -> PassportTruth:
    """``truth`` with ``changes`` (document_code, issuing_state, nationality,
    document_number, optional_data) and its MRZ lines and MRZ names computed again."""
    t = truth.model_copy(update=changes)
    names = f"{mrz_field(t.surname_printed)}<<{mrz_field(t.given_names_printed)}"
    line1 = f"{t.document_code.ljust(2, '<')}{t.issuing_state.ljust(3, '<')}{names}"
    line1 = line1[:44].ljust(44, "<")
    # What survives truncation is the truth of the names.
    surname_kept, _, given_kept = line1[5:].rstrip("<").partition("<<")
    num = t.document_number.ljust(9, "<")
    opt = t.optional_data.ljust(14, "<")
    opt_digit = check_digit(opt) if t.optional_data else "<"
    b, e = t.birth_date.strftime("%y%m%d"), t.expiry_date.strftime("%y%m%d")
    body = (
        num
        + check_digit(num)
        + t.nationality.ljust(3, "<")
        + b
        + check_digit(b)
        + t.sex
        + e
        + check_digit(e)
        + opt
        + opt_digit
    )
    composite = body[0:10] + body[13:20] + body[21:43]
    line2 = body + check_digit(composite)
    assert len(line1) == 44 and len(line2) == 44
    return t.model_copy(
        update={
            "surname": " ".join(p for p in surname_kept.split("<") if p),
            "given_names": " ".join(p for p in given_kept.split("<") if p),
            "mrz": [line1, line2],
        }
    )
