"""ICAO 9303 machine-readable zones: parse, verify, repair. Pure: text in, ``PassportReading`` out.

Formats: TD3 (passports, 2 x 44), TD2 (2 x 36), TD1 (ID cards, 3 x 30); a 44-character
zone starting with ``V`` is read as an MRV-A visa (no optional-data or composite digit).

Check digits cover the document number, the dates, the optional data and (composite)
most of the lower line; they do not cover names, nationality, issuer or sex, so those
are checked against what they can be (letters only, the ICAO code list, M/F/X/<).

Repairs by check digit live in ``readers.mrz_repair``, the checks of what no check
digit covers in ``readers.mrz_fields``. Precision first: a zone is ``accepted`` only
when every check digit passes and nothing is in doubt.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from fasdip.icao import check_digit
from fasdip.models import PassportReading
from readers.mrz_fields import (
    ICAO_EXTRA_CODES,
    clean_name_field,
    code_field,
    code_notes,
    icao_codes,
    parse_date,
    parse_sex,
)
from readers.mrz_repair import (
    MRZ_ALPHABET,
    Checked,
    Field,
    as_digits,
    as_letters,
    resolve,
)

__all__ = [
    "ICAO_EXTRA_CODES",
    "MRZ_ALPHABET",
    "check_digit",
    "clean_line",
    "detect_format",
    "fit_length",
    "icao_codes",
    "parse_mrz",
]

_LENGTHS = {"TD3": (2, 44), "TD2": (2, 36), "TD1": (3, 30)}


def clean_line(text: str) -> str:
    """One OCR line reduced to the MRZ alphabet (``«`` is a filler; spaces dropped)."""
    text = text.upper().replace("«", "<").replace("‹", "<").replace(" ", "")
    return "".join(ch for ch in text if ch in MRZ_ALPHABET)


def detect_format(lines: Sequence[str]) -> str | None:
    """``TD3``, ``TD2`` or ``TD1`` from the line count and lengths (after ``fit_lengths``)."""
    for name, (count, length) in _LENGTHS.items():
        if len(lines) == count and all(len(line) == length for line in lines):
            return name
    return None


def fit_length(line: str, length: int) -> str:
    """A line one or two characters off made ``length`` long by growing/shrinking filler.

    OCR drops or doubles a ``<`` inside long filler runs; the longest run absorbs the
    difference (check digits verify the outcome). Lines further off are returned as they are.
    """
    diff = length - len(line)
    if diff == 0 or abs(diff) > 3:
        return line
    runs = [(m.start(), m.end()) for m in re.finditer(r"<{2,}", line)]
    if not runs:
        return line[:length] if diff < 0 else line + "<" * diff
    start, end = max(runs, key=lambda r: (r[1] - r[0], r[0]))
    run = end - start
    if diff < 0 and run + diff < 1:
        return line
    return line[:start] + "<" * (run + diff) + line[end:]


# --------------------------------------------------------------------------- parse


def parse_mrz(
    lines: Sequence[str],
    *,
    attachment: str = "",
    today: dt.date | None = None,
    confidence: float = 0.99,
    seconds: float = 0.0,
) -> PassportReading:
    """The fields of a machine-readable zone, each verified; ``accepted`` only if all hold."""
    today = today or dt.date.today()
    cleaned = [clean_line(line) for line in lines if clean_line(line)]
    fmt = None
    for name, (count, length) in _LENGTHS.items():
        if len(cleaned) == count:
            fitted = [fit_length(line, length) for line in cleaned]
            if all(len(line) == length for line in fitted):
                fmt, cleaned = name, fitted
                break
    if fmt is None:
        return PassportReading(
            attachment=attachment,
            lines=cleaned,
            doubts=["no MRZ of a known format (TD1, TD2, TD3)"],
            seconds=seconds,
        )
    if fmt == "TD1":
        return _parse_td1(cleaned, attachment, today, confidence, seconds)
    return _parse_td23(cleaned, fmt, attachment, today, confidence, seconds)


def _parse_td23(
    lines: list[str],
    fmt: str,
    attachment: str,
    today: dt.date,
    confidence: float,
    seconds: float,
) -> PassportReading:
    l1, l2 = lines
    width = len(l1)
    doc_code, _ = as_letters(l1[:2])
    visa = doc_code.startswith("V")
    number = Checked("document_number", l2[0:9], l2[9], digits_only=False)
    birth = Checked("birth_date", l2[13:19], l2[19], digits_only=True)
    expiry = Checked("expiry_date", l2[21:27], l2[27], digits_only=True)
    checked = [number, birth, expiry]
    composite: tuple[str, str] | None = None
    if fmt == "TD3" and not visa:
        optional = Checked("optional", l2[28:42], l2[42], digits_only=False, filler_ok=True)
        checked.append(optional)
        composite = ("", as_digits(l2[43])[0])
    elif fmt == "TD2" and not visa:
        composite = ("", as_digits(l2[35])[0])

    def build(choice: dict[str, tuple[str, str]]) -> str:
        data = "".join("".join(choice[name]) for name in ("document_number", "birth_date"))
        data += "".join(choice["expiry_date"])
        if fmt == "TD3":
            return data + "".join(choice["optional"])
        return data + l2[28:35]

    return _finish(
        attachment=attachment,
        fmt=fmt,
        lines=lines,
        doc_code=doc_code,
        issuer_raw=l1[2:5],
        names_raw=l1[5:width],
        nationality_raw=l2[10:13],
        sex_raw=l2[20],
        checked=checked,
        composite=composite,
        build=build,
        today=today,
        confidence=confidence,
        seconds=seconds,
    )


def _parse_td1(
    lines: list[str], attachment: str, today: dt.date, confidence: float, seconds: float
) -> PassportReading:
    l1, l2, l3 = lines
    doc_code, _ = as_letters(l1[:2])
    number_raw, digit_raw, optional1 = l1[5:14], l1[14], l1[15:30]
    long_rest = ""
    if digit_raw == "<" and optional1[:1] not in ("", "<"):
        # Long document number: it goes on in the optional data, its check digit last.
        long_rest = optional1.split("<", 1)[0]
        number_raw, digit_raw = number_raw + long_rest[:-1], long_rest[-1:]
    number = Checked("document_number", number_raw, digit_raw, digits_only=False)
    birth = Checked("birth_date", l2[0:6], l2[6], digits_only=True)
    expiry = Checked("expiry_date", l2[8:14], l2[14], digits_only=True)
    composite = ("", as_digits(l2[29])[0])

    def build(choice: dict[str, tuple[str, str]]) -> str:
        # The composite covers the upper line from the number on, as printed.
        value, digit = choice["document_number"]
        if long_rest:
            top = value[:9] + "<" + value[9:] + digit + optional1[len(long_rest) :]
        else:
            top = value + digit + optional1
        return top + "".join(choice["birth_date"]) + "".join(choice["expiry_date"]) + l2[18:29]

    reading = _finish(
        attachment=attachment,
        fmt="TD1",
        lines=lines,
        doc_code=doc_code,
        issuer_raw=l1[2:5],
        names_raw=l3,
        nationality_raw=l2[15:18],
        sex_raw=l2[7],
        checked=[number, birth, expiry],
        composite=composite,
        build=build,
        today=today,
        confidence=confidence,
        seconds=seconds,
    )
    return reading


def _finish(
    *,
    attachment: str,
    fmt: str,
    lines: list[str],
    doc_code: str,
    issuer_raw: str,
    names_raw: str,
    nationality_raw: str,
    sex_raw: str,
    checked: list[Checked],
    composite: tuple[str, str] | None,
    build: Callable[[dict[str, tuple[str, str]]], str],
    today: dt.date,
    confidence: float,
    seconds: float,
) -> PassportReading:
    doubts = _document_code_doubts(fmt, doc_code)
    fields, composite_ok, digit_doubts = _by_check_digits(checked, composite, build)
    doubts += digit_doubts
    doubts += _clean_number(fields["document_number"])
    doubts += _parse_dates(fields, today)
    optional = fields.pop("optional", None)
    optional_repaired = ["optional_data"] if optional is not None and optional.repaired else []
    named = _named_fields(fields, issuer_raw, nationality_raw, sex_raw, names_raw)
    unchecked = ("issuing_state", "nationality", "sex", "surname", "given_names")
    doubts += [doubt for n in unchecked if (doubt := named[n].doubt)]
    repaired = [n for n, f in named.items() if f.repaired] + optional_repaired
    accepted = (
        not doubts
        and all(f.check_ok for f in (named["document_number"], named["birth_date"]))
        and bool(named["expiry_date"].check_ok)
        and composite_ok is not False
    )
    return PassportReading(
        attachment=attachment,
        mrz_format=fmt,
        lines=lines,
        document_number=named["document_number"].read(confidence),
        surname=named["surname"].read(confidence),
        given_names=named["given_names"].read(confidence),
        nationality=named["nationality"].read(confidence),
        birth_date=named["birth_date"].read(confidence),
        sex=named["sex"].read(confidence),
        expiry_date=named["expiry_date"].read(confidence),
        issuing_state=named["issuing_state"].read(confidence),
        composite_check_ok=composite_ok,
        repaired_fields=repaired,
        accepted=accepted,
        doubts=list(dict.fromkeys(doubts)),
        notes=code_notes(named["issuing_state"].value, named["nationality"].value),
        seconds=seconds,
    )


def document_code_fits(fmt: str, doc_code: str) -> bool:
    """Whether a document code starts with a letter its format allows (P or V in TD3)."""
    return bool(doc_code) and doc_code[0] in {"TD3": "PV", "TD2": "IACPV", "TD1": "IACP"}[fmt]


def _document_code_doubts(fmt: str, doc_code: str) -> list[str]:
    if not document_code_fits(fmt, doc_code):
        return [f"document code '{doc_code}' does not fit {fmt}"]
    return []


def _by_check_digits(
    checked: list[Checked],
    composite: tuple[str, str] | None,
    build: Callable[[dict[str, tuple[str, str]]], str],
) -> tuple[dict[str, Field], bool | None, list[str]]:
    """The checked fields as repaired by their check digits (when exactly one repair
    passes), whether the composite digit passes, and the doubts."""
    fields: dict[str, Field] = {}
    choice, problem = resolve(checked, composite, build)
    composite_ok: bool | None = None if composite is None else choice is not None
    for field in checked:
        if choice is not None:
            value, digit = choice[field.name]
            was = as_digits(field.read)[0] if field.digits_only else field.read
            fixed = value != was or (field.digits_only and as_digits(field.read)[1])
            fixed = fixed or digit != field.digit_read
            fields[field.name] = Field(value=value, check_ok=True, repaired=fixed)
        else:
            value = field.first
            ok = field.read_passes
            doubt = None
            if problem == "ambiguous" and len(field.passing or []) > 1:
                doubt = "several repairs pass the check digits"
            fields[field.name] = Field(value=value, check_ok=ok, doubt=doubt)
    doubts: list[str] = []
    if problem == "check_digit":
        failed = [f.name for f in checked if not f.passing]
        doubts.append("check digit fails: " + ", ".join(failed))
    elif problem == "ambiguous":
        doubts.append("several repairs pass the check digits")
    elif problem == "composite":
        doubts.append("composite check digit fails")
    return fields, composite_ok, doubts


def _clean_number(number: Field) -> list[str]:
    """The document number without fillers; none left is a doubt, and so is a filler
    inside it: a number is left-justified (ICAO 9303-3), and an A, K or U (values 10, 20,
    30) read as '<' passes every check digit."""
    if number.value is None:
        return []
    if "<" in number.value.rstrip("<"):
        number.value = number.value.replace("<", "") or None
        number.doubt = "a filler '<' inside the document number"
        return [number.doubt]
    number.value = number.value.replace("<", "") or None
    if number.value is None:
        number.doubt = "no document number"
        return ["no document number"]
    return []


def _parse_dates(fields: dict[str, Field], today: dt.date) -> list[str]:
    """Birth and expiry dates as ISO dates (the century from ``today``), with doubts."""
    doubts: list[str] = []
    for name in ("birth_date", "expiry_date"):
        dated = fields[name]
        kind = "birth" if name == "birth_date" else "expiry"
        if dated.value is None:
            continue
        iso, doubt = parse_date(dated.value, kind, today)
        dated.value = iso if iso is not None else dated.value
        if doubt:
            dated.doubt = doubt
            doubts.append(doubt)
    return doubts


def _named_fields(
    fields: dict[str, Field], issuer_raw: str, nationality_raw: str, sex_raw: str, names_raw: str
) -> dict[str, Field]:
    """Every field of the reading by name: the checked ones, and those no digit covers."""
    surname, given, names_changed, name_doubt = clean_name_field(names_raw)
    surname_field = Field(value=surname or None, repaired=names_changed)
    given_field = Field(value=given or None, repaired=names_changed)
    if name_doubt:
        surname_field.doubt = name_doubt
    if not surname:
        surname_field.doubt = "no surname"
    return {
        "document_number": fields["document_number"],
        "surname": surname_field,
        "given_names": given_field,
        "nationality": code_field(nationality_raw, "nationality"),
        "birth_date": fields["birth_date"],
        "sex": parse_sex(sex_raw),
        "expiry_date": fields["expiry_date"],
        "issuing_state": code_field(issuer_raw, "issuing state"),
    }


_PASSPORT_FIRST_LINE = re.compile(r"^P[A-Z<][A-Z<]{3}[A-Z]")


def shows_an_mrz(reading: PassportReading) -> bool:
    """Whether a reading is evidence of a passport's MRZ (enough to call a scan a passport):
    the lines of its format (2x44, 2x36 or 3x30) in the MRZ alphabet, the first one shaped
    as a passport's, and at least the check digit of the document number or of a date
    passing. One noisy line that happens to hold ``<`` and capitals (a stay permit's or a
    CV's text read by OCR) is no MRZ."""
    shape = _LENGTHS.get(reading.mrz_format or "")
    if shape is None:
        return False
    count, length = shape
    lines = [line for line in reading.lines if len(line) == length]
    if len(lines) < count or any(ch not in MRZ_ALPHABET for line in lines for ch in line):
        return False
    first = lines[0]
    # A passport's first line: "P", a type letter or filler, the issuing state's letters,
    # then the name with "<<" between surname and given names.
    if not _PASSPORT_FIRST_LINE.match(first) or "<<" not in first[5:]:
        return False
    return any(
        field.check_digit_ok
        for field in (reading.document_number, reading.birth_date, reading.expiry_date)
    )
