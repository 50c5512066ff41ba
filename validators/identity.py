"""Findings from identity reads: the KTP's NIK, one applicant's names, the age for ID cards.

Precision first: a finding is made only from what was read with confidence. A doubtful
NIK read makes no ``nik_invalid``; it stays in ``KtpReading.doubts`` for an officer.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata

from config.catalog import FindingCatalog
from fasdip.folding import fold
from fasdip.marks import MARKS, has_marks, words_fit
from fasdip.models import (
    Attachment,
    DocumentType,
    Finding,
    FindingCode,
    KtpReading,
    RequestType,
)
from fasdip.nik import check_nik
from validators._findings import make_bilingual

# ICAO 9303 transliteration of the letters that do not simply lose their accent.
ICAO: dict[str, str] = {
    "Ä": "AE",
    "Ö": "OE",
    "Ü": "UE",
    "ß": "SS",
    "Å": "AA",
    "Æ": "AE",
    "Ø": "OE",
    "Œ": "OE",
    "Þ": "TH",
    "Ð": "D",
    "Ł": "L",
    "Đ": "D",
    "İ": "I",
    "I": "I",
}


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_forms(name: str, *, marks: bool = False) -> set[str]:
    """The ways one name may be written: accents dropped, and ICAO-transliterated.

    ``"Jürgen Ø. Müller"`` -> ``{"JURGEN O MULLER", "JUERGEN OE MUELLER"}``; an MRZ
    name (``MULLER<<JURGEN``) reads as words. ``marks``: a letter the PDF's font lost
    stays "?" in its word (``"Mai Ph?m"`` -> ``{"MAI PH?M"}``, ``fasdip.marks``).
    """
    upper = unicodedata.normalize("NFC", name).upper().replace("<", " ")
    if marks:
        upper = "".join("?" if c in MARKS else c for c in upper)
    icao = "".join(ICAO.get(c, c) for c in upper)
    kept = r"[^A-Z ?]+" if marks else r"[^A-Z ]+"
    forms = set()
    for variant in (upper, icao):
        plain = _strip_accents(variant)
        plain = re.sub(kept, " ", plain.replace("'", "").replace("’", ""))
        forms.add(" ".join(plain.split()))
    return {f for f in forms if f}


def fit_despite_marks(a: str, b: str) -> bool:
    """Whether two names, one with letters a PDF's font lost ("J?rgen M?ller"), are one
    name: every word of the one with fewer words fits a word of the other."""
    for x, y in itertools.product(name_forms(a, marks=True), name_forms(b, marks=True)):
        short, long_ = sorted((x.split(), y.split()), key=len)
        if words_fit(short, long_):
            return True
    return False


def _names_differ(a: str, b: str, threshold: float) -> bool | None:
    """True: two people; False: one; None: a name holds letters a PDF's font lost and does
    not fit the other: those letters may be the difference (an officer looks)."""
    if name_similarity(a, b) >= threshold:
        return False
    if has_marks(a) or has_marks(b):
        return False if fit_despite_marks(a, b) else None
    return True


def name_similarity(a: str, b: str) -> float:
    """0..100, ignoring order, accents, ICAO transliteration and a missing middle name."""
    # Imported on first use: a one-passport mail compares no names (issue 14, 1.3 %).
    from rapidfuzz import fuzz

    best = 0.0
    for x, y in itertools.product(name_forms(a), name_forms(b)):
        best = max(best, fuzz.token_sort_ratio(x, y), fuzz.token_set_ratio(x, y))
        # Spaces lost or added by OCR ("RINIEUIS" for "RINI EUIS").
        best = max(best, fuzz.ratio("".join(sorted(x.split())), "".join(sorted(y.split()))))
        best = max(best, fuzz.ratio(x.replace(" ", ""), y.replace(" ", "")))
    return best


def name_mismatch_findings(
    names: list[tuple[str, str]],
    catalog: FindingCatalog,
    applicant: str | None,
    threshold: float,
) -> list[Finding]:
    """One ``name_mismatch`` per name clearly not the first source's, naming every source
    that gives it (a passport of someone else is one line, "passport: X / CV, note: Y").

    ``names``: (source label, name) of ONE applicant, the most trusted first (passport
    MRZ, then KTP, CV, note). ``threshold``: the similarity (0-100) below which two
    names are different people.
    """
    present = [(source, name) for source, name in names if name and name.strip()]
    if len(present) < 2:
        return []
    reference_source, reference = present[0]
    differing: dict[tuple[bool, str], tuple[str, list[str]]] = {}
    for source, name in present[1:]:
        differ = _names_differ(reference, name, threshold)
        if differ is not False:
            _, sources = differing.setdefault((differ is True, fold(name)), (name, []))
            sources.append(source)
    findings = []
    for (two_people, _), (name, sources) in differing.items():
        reason = f"{reference_source}: {reference} / {', '.join(sources)}: {name}"
        if two_people:
            findings.append(
                _two_people(
                    catalog, applicant, reason, (reference_source, reference), (sources, name)
                )
            )
        else:
            findings.append(
                catalog.make(
                    FindingCode.identity_doubt,
                    applicant=applicant,
                    reason=f"letters lost in the PDF's text: {reason}",
                )
            )
    return findings


# The papers a name comes from, as the reply names them.
_SOURCE_DOCUMENTS = {
    "passport": DocumentType.passport,
    "KTP": DocumentType.ktp,
    "CV": DocumentType.cv,
    "note": DocumentType.diplomatic_note,
}


def _two_people(
    catalog: FindingCatalog,
    applicant: str | None,
    reason: str,
    reference: tuple[str, str],
    differing: tuple[list[str], str],
) -> Finding:
    """A ``name_mismatch`` naming, in each language, the papers and the names they give:
    "Salinan paspor (halaman data): X; Curriculum Vitae (CV) dan Nota Diplomatik: Y"."""

    def named(sources: list[str], language: int, joiner: str) -> str:
        names = [
            catalog.document_names(_SOURCE_DOCUMENTS[s])[language] if s in _SOURCE_DOCUMENTS else s
            for s in sources
        ]
        return f" {joiner} ".join(names)

    def text(language: int, joiner: str) -> str:
        first = named([reference[0]], language, joiner)
        return f"{first}: {reference[1]}; {named(differing[0], language, joiner)}: {differing[1]}"

    return make_bilingual(
        catalog,
        FindingCode.name_mismatch,
        id_params={"names": text(0, "dan")},
        en_params={"names": text(1, "and")},
        applicant=applicant,
        reason=reason,
    )


def applicant_name_findings(
    names: list[tuple[str, str]],
    roster_name: str | None,
    catalog: FindingCatalog,
    applicant: str | None,
    threshold: float,
) -> list[Finding]:
    """The applicant's documents' names compared (``name_mismatch_findings``), the name
    the request gives among them when it is clearly another person's, so that a passport
    of someone else is said once (``roster_name_findings`` tells the cases apart)."""
    by_request = roster_name_findings(names, roster_name, catalog, applicant, threshold)
    if roster_name and any(f.code is FindingCode.name_mismatch for f in by_request):
        return name_mismatch_findings(
            [*names, ("note", roster_name)], catalog, applicant, threshold
        )
    return name_mismatch_findings(names, catalog, applicant, threshold) + by_request


def roster_name_findings(
    names: list[tuple[str, str]],
    roster_name: str | None,
    catalog: FindingCatalog,
    applicant: str | None,
    threshold: float,
) -> list[Finding]:
    """The name the request gives an applicant (read from the note or the mail) against the
    most trusted document's (``names`` as for ``name_mismatch_findings``).

    Names that differ but share a word of three letters or more (the subject's "Atase
    Pertahanan PEÑA" for a CV's "José Luis PEÑA") are more likely the request's name misread
    than a mission's mistake: an officer looks (``identity_doubt``), nothing is asked of the
    mission. Names with no word in common are a ``name_mismatch``."""
    present = [(source, name) for source, name in names if name and name.strip()]
    if not present or not roster_name or not roster_name.strip():
        return []
    source, reference = present[0]
    differ = _names_differ(reference, roster_name, threshold)
    if differ is False:
        return []
    shared = {w for w in fold(reference).split() if len(w) >= 3} & set(fold(roster_name).split())
    if not shared and differ:
        return name_mismatch_findings(
            [present[0], ("note", roster_name)], catalog, applicant, threshold
        )
    return [
        catalog.make(
            FindingCode.identity_doubt,
            applicant=applicant,
            filename=roster_name,
            reason=f"the request names {roster_name}, the {source} {reference}",
        )
    ]


def ktp_findings(
    reading: KtpReading,
    attachment: Attachment,
    catalog: FindingCatalog,
    applicant: str | None,
) -> list[Finding]:
    """``nik_invalid`` and ``nik_mismatch`` from a KTP read, only when the NIK read is sure."""
    nik = reading.nik
    if nik.value is None or nik.doubt is not None:
        return []  # not read, or read with doubt: reading.doubts sends it to an officer
    printed_date = _iso(reading.birth_date.value) if reading.birth_date.doubt is None else None
    printed_sex = reading.sex.value if reading.sex.doubt is None else None
    check = check_nik(nik.value, printed_date, printed_sex)
    if check.problems:
        code, reasons = FindingCode.nik_invalid, check.problems
    elif check.mismatches:
        code, reasons = FindingCode.nik_mismatch, check.mismatches
    else:
        return []
    reason = "; ".join(reasons)
    return [catalog.make(code, attachment=attachment, applicant=applicant, reason=reason)]


def age_on(birth_date: dt.date, today: dt.date) -> int:
    before_birthday = (today.month, today.day) < (birth_date.month, birth_date.day)
    return today.year - birth_date.year - int(before_birthday)


def age_findings(
    birth_date: dt.date | None,
    request_type: RequestType,
    today: dt.date,
    min_age: int,
    catalog: FindingCatalog,
    applicant: str | None,
) -> list[Finding]:
    """``applicant_under_17`` for an ID-card request whose applicant is under ``min_age``."""
    if request_type is not RequestType.id_card or birth_date is None:
        return []
    if age_on(birth_date, today) >= min_age:
        return []
    return [
        catalog.make(
            FindingCode.applicant_under_17,
            applicant=applicant,
            age=str(age_on(birth_date, today)),
            birth_date=birth_date.isoformat(),
        )
    ]


def _iso(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
