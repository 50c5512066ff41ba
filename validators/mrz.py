"""ICAO 9303 machine-readable zones: parse, verify, repair. Pure: text in, ``PassportReading`` out.

Formats: TD3 (passports, 2 x 44), TD2 (2 x 36), TD1 (ID cards, 3 x 30); a 44-character
zone starting with ``V`` is read as an MRV-A visa (no optional-data or composite digit).

Check digits cover the document number, the dates, the optional data and (composite)
most of the lower line; they do not cover names, nationality, issuer or sex, so those
are checked against what they can be (letters only, the ICAO code list, M/F/X/<).

OCR confusions are repaired position-aware. Where the position can hold only digits
(dates, check digits) a letter is mapped to its look-alike digit; where it can hold only
letters (codes, names, sex) the reverse. Where it can hold both (document number,
optional data) every combination of look-alikes is tried and a repair is taken only if
*exactly one* candidate makes the check digits (field, then composite) pass: two
passing candidates are a doubt, never a guess. Precision first: a zone is ``accepted``
only when every check digit passes and nothing is in doubt.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from fasdip.models import FieldRead, PassportReading

MRZ_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"

# ICAO 9303 part 3: codes besides ISO 3166-1 alpha-3 (ZIM is not one: Zimbabwe is ZWE).
ICAO_EXTRA_CODES = frozenset(
    {
        "D",
        "UNO",
        "UNA",
        "UNK",
        "XXA",
        "XXB",
        "XXC",
        "XXX",
        "XOM",
        "XPO",
        "XES",
        "XMP",
        "XCC",
        "XBA",
        "XIM",
        "EUE",
        "GBD",
        "GBN",
        "GBO",
        "GBP",
        "GBS",
        "RKS",
    }
)

# Look-alikes as Tesseract confuses them on OCR-B.
TO_DIGIT = {
    "O": "0",
    "Q": "0",
    "D": "0",
    "U": "0",
    "I": "1",
    "L": "1",
    "B": "8",
    "S": "5",
    "Z": "2",
    "G": "6",
}
TO_LETTER = {"0": "O", "1": "I", "2": "Z", "5": "S", "6": "G", "8": "B", "4": "A", "7": "T"}
# For positions that hold letters and digits: what else a read character may have been.
_ALTERNATIVES: dict[str, tuple[str, ...]] = {
    "0": ("O", "D", "Q"),
    "O": ("0",),
    "D": ("0",),
    "Q": ("0",),
    "1": ("I", "L"),
    "I": ("1",),
    "L": ("1",),
    "8": ("B",),
    "B": ("8",),
    "5": ("S",),
    "S": ("5",),
    "2": ("Z",),
    "Z": ("2",),
    "6": ("G",),
    "G": ("6",),
    "K": ("<",),
    "C": ("<",),
}
_MAX_CANDIDATES = 4096
_FILLER_LOOKALIKES = "KC"

_LENGTHS = {"TD3": (2, 44), "TD2": (2, 36), "TD1": (3, 30)}


@lru_cache(maxsize=1)
def icao_codes() -> frozenset[str]:
    """Every valid nationality / issuing-state code: ISO 3166-1 alpha-3 plus ICAO's own."""
    return frozenset(c.alpha_3 for c in pycountry.countries) | ICAO_EXTRA_CODES


def check_digit(data: str) -> str:
    """ICAO 9303 check digit (weights 7, 3, 1; ``<`` = 0, A = 10 … Z = 35)."""
    total = 0
    for i, char in enumerate(data):
        if char.isdigit():
            value = int(char)
        elif "A" <= char <= "Z":
            value = ord(char) - 55
        else:
            value = 0
        total += value * (7, 3, 1)[i % 3]
    return str(total % 10)


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


# --------------------------------------------------------------------------- fields


@dataclass
class _Field:
    value: str | None = None
    check_ok: bool | None = None
    repaired: bool = False
    doubt: str | None = None

    def read(self, confidence: float) -> FieldRead:
        if self.doubt is not None or self.check_ok is False:
            confidence = min(confidence, 0.3)
        elif self.repaired:
            confidence = min(confidence, 0.85)
        return FieldRead(
            value=self.value,
            confidence=round(confidence, 3),
            check_digit_ok=self.check_ok,
            repaired=self.repaired,
            doubt=self.doubt,
        )


def _as_digits(text: str) -> tuple[str, bool]:
    out = "".join(TO_DIGIT.get(ch, ch) for ch in text)
    return out, out != text


def _as_letters(text: str) -> tuple[str, bool]:
    out = "".join(TO_LETTER.get(ch, ch) for ch in text)
    return out, out != text


def _candidates(text: str) -> list[str]:
    """Every look-alike variant of an alphanumeric field (the read itself first)."""
    options = [(ch, *_ALTERNATIVES.get(ch, ())) for ch in text]
    total = 1
    for opt in options:
        total *= len(opt)
    if total > _MAX_CANDIDATES:  # keep only the main look-alike per position
        options = [opt[:2] for opt in options]
    return ["".join(combo) for combo in itertools.product(*options)]


def _digit_ok(data: str, digit: str, *, filler_ok: bool = False) -> bool:
    if filler_ok and digit == "<" and set(data) <= {"<"}:
        return True
    return check_digit(data) == digit


@dataclass
class _Checked:
    """A check-digit-protected field: the candidates (value, check digit) that pass."""

    name: str
    read: str
    digit_read: str
    digits_only: bool
    filler_ok: bool = False
    passing: list[tuple[str, str]] | None = None
    read_passes: bool = False

    def __post_init__(self) -> None:
        digit, _ = _as_digits(self.digit_read)
        self.digit = digit
        if self.digits_only:
            value, _ = _as_digits(self.read)
            self.values = [value]
        else:
            self.values = _candidates(self.read)
        digit_options = [digit]
        if self.filler_ok and self.digit_read in ("<", *_FILLER_LOOKALIKES):
            digit_options = ["<"]
        self.passing = [
            (v, d)
            for v in self.values
            for d in digit_options
            if _digit_ok(v, d, filler_ok=self.filler_ok)
        ]
        first = self.values[0]
        self.read_passes = (first, digit_options[0]) in self.passing

    def stage(self, wide: bool) -> list[tuple[str, str]]:
        assert self.passing is not None
        if self.read_passes and not wide:
            return [self.passing[[p[0] for p in self.passing].index(self.values[0])]]
        return self.passing


def _resolve(
    fields: list[_Checked], composite: tuple[str, str] | None, build: object
) -> tuple[dict[str, tuple[str, str]] | None, str | None]:
    """Choose one passing candidate per field such that the composite passes.

    Returns the choice, or ``None`` with the reason (no candidate / several candidates).
    ``build`` turns a choice into the composite's data string.
    """
    assert callable(build)
    for wide in (False, True):
        options = [f.stage(wide) for f in fields]
        if any(not o for o in options):
            return None, "check_digit"
        # Fewest changed characters first: one look-alike swap that alone makes every
        # check digit pass is taken; two candidates at the same (lowest) count are a doubt.
        tiers: dict[int, list[dict[str, tuple[str, str]]]] = {}
        for count, combo in enumerate(itertools.product(*options)):
            if count > _MAX_CANDIDATES * 4:
                break
            choice = {f.name: c for f, c in zip(fields, combo, strict=True)}
            if composite is not None and check_digit(build(choice)) != composite[1]:
                continue
            changes = sum(_changes(f, choice[f.name][0]) for f in fields)
            tiers.setdefault(changes, []).append(choice)
        if tiers:
            found = tiers[min(tiers)]
            if len(found) == 1:
                return found[0], None
            return None, "ambiguous"
    return None, "composite"


def _changes(field: _Checked, value: str) -> int:
    return sum(1 for a, b in zip(field.values[0], value, strict=False) if a != b)


# --------------------------------------------------------------------------- names, codes, dates


def _clean_name_field(raw: str) -> tuple[str, str, bool, str | None]:
    """Surname and given names from the name field; K/C read for ``<`` put back to filler."""
    text = raw.replace("«", "<")
    text, digits_fixed = _as_letters(text)
    changed = digits_fixed
    tokens = text.split("<")
    # Trailing runs of K/C attached to the last letters: "MARIAKKKK" -> "MARIA".
    letters_at = [i for i, t in enumerate(tokens) if t and set(t) - set(_FILLER_LOOKALIKES)]
    last = letters_at[-1] if letters_at else -1
    for i, tok in enumerate(tokens):
        if not tok:
            continue
        if i > last:  # after the last real word: only filler look-alikes
            tokens[i] = ""
            changed = True
            continue
        stripped = re.sub(r"[KC]{3,}$", "", tok)
        if stripped != tok and stripped:
            tokens[i] = stripped
            changed = True
    # "<K<" and "<<K" inside the field: a single K/C between fillers is a filler.
    for i in range(1, len(tokens) - 1):
        tok = tokens[i]
        if tok in ("K", "C") and (tokens[i - 1] == "" or tokens[i + 1] == ""):
            tokens[i] = ""
            changed = True
    text = "<".join(tokens)
    doubt = None
    if "<<" in text.strip("<"):
        surname_raw, given_raw = text.strip("<").split("<<", 1)
    else:
        surname_raw, given_raw = text.strip("<"), ""
    surname = " ".join(p for p in surname_raw.split("<") if p)
    given = " ".join(p for p in given_raw.split("<") if p)
    if not re.fullmatch(r"[A-Z ]+", surname or "-"):
        doubt = "surname is not letters only"
    if re.search(r"[^A-Z ]", given):
        doubt = "given names are not letters only"
    return surname, given, changed, doubt


def _code_field(raw: str, what: str) -> _Field:
    value, changed = _as_letters(raw)
    code = value.rstrip("<")
    if code not in icao_codes():
        # A filler read as K/C at the end: "DKK" -> "D".
        trimmed = value.rstrip("<" + _FILLER_LOOKALIKES)
        while trimmed and trimmed not in icao_codes() and trimmed[-1] in _FILLER_LOOKALIKES:
            trimmed = trimmed[:-1]
        if trimmed and trimmed != code and trimmed in icao_codes() and len(code) == 3:
            # Only when the code read has filler look-alikes after a short code.
            return _Field(value=trimmed, repaired=True, doubt=None)
        return _Field(
            value=code or None, repaired=changed, doubt=f"{what} '{code}' is not an ICAO code"
        )
    return _Field(value=code, repaired=changed)


def _date(raw: str, kind: str, today: dt.date) -> tuple[str | None, str | None]:
    if not raw.isdigit() or len(raw) != 6:
        return None, f"{kind} date '{raw}' is not YYMMDD"
    yy, mm, dd = int(raw[:2]), int(raw[2:4]), int(raw[4:])
    if kind == "birth":
        century = 2000 if 2000 + yy <= today.year else 1900
    else:
        century = 2000 if 2000 + yy <= today.year + 20 else 1900
    try:
        value = dt.date(century + yy, mm, dd)
    except ValueError:
        return None, f"{kind} date '{raw}' is not a real date"
    if kind == "birth" and value > today:
        return value.isoformat(), "birth date is in the future"
    return value.isoformat(), None


def _sex(raw: str) -> _Field:
    value = raw
    repaired = False
    if value in _FILLER_LOOKALIKES:
        value, repaired = "<", True
    if value not in ("M", "F", "X", "<"):
        return _Field(value=raw, doubt=f"sex '{raw}' is not M, F, X or <")
    return _Field(value="X" if value == "<" else value, repaired=repaired)


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
    doc_code, _ = _as_letters(l1[:2])
    visa = doc_code.startswith("V")
    number = _Checked("document_number", l2[0:9], l2[9], digits_only=False)
    birth = _Checked("birth_date", l2[13:19], l2[19], digits_only=True)
    expiry = _Checked("expiry_date", l2[21:27], l2[27], digits_only=True)
    checked = [number, birth, expiry]
    composite: tuple[str, str] | None = None
    if fmt == "TD3" and not visa:
        optional = _Checked("optional", l2[28:42], l2[42], digits_only=False, filler_ok=True)
        checked.append(optional)
        composite = ("", _as_digits(l2[43])[0])
    elif fmt == "TD2" and not visa:
        composite = ("", _as_digits(l2[35])[0])

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
    doc_code, _ = _as_letters(l1[:2])
    number_raw, digit_raw, optional1 = l1[5:14], l1[14], l1[15:30]
    long_rest = ""
    if digit_raw == "<" and optional1[:1] not in ("", "<"):
        # Long document number: it goes on in the optional data, its check digit last.
        long_rest = optional1.split("<", 1)[0]
        number_raw, digit_raw = number_raw + long_rest[:-1], long_rest[-1:]
    number = _Checked("document_number", number_raw, digit_raw, digits_only=False)
    birth = _Checked("birth_date", l2[0:6], l2[6], digits_only=True)
    expiry = _Checked("expiry_date", l2[8:14], l2[14], digits_only=True)
    composite = ("", _as_digits(l2[29])[0])

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
    checked: list[_Checked],
    composite: tuple[str, str] | None,
    build: object,
    today: dt.date,
    confidence: float,
    seconds: float,
) -> PassportReading:
    doubts: list[str] = []
    repaired: list[str] = []
    fields: dict[str, _Field] = {}

    allowed_first = {"TD3": "PV", "TD2": "IACPV", "TD1": "IACP"}[fmt]
    if not doc_code or doc_code[0] not in allowed_first:
        doubts.append(f"document code '{doc_code}' does not fit {fmt}")

    choice, problem = _resolve(checked, composite, build)
    composite_ok: bool | None = None if composite is None else choice is not None
    for field in checked:
        if choice is not None:
            value, digit = choice[field.name]
            was = _as_digits(field.read)[0] if field.digits_only else field.read
            fixed = value != was or (field.digits_only and _as_digits(field.read)[1])
            fixed = fixed or digit != field.digit_read
            fields[field.name] = _Field(value=value, check_ok=True, repaired=fixed)
        else:
            value = field.values[0]
            ok = field.read_passes
            doubt = None
            if problem == "ambiguous" and len(field.passing or []) > 1:
                doubt = "several repairs pass the check digits"
            fields[field.name] = _Field(value=value, check_ok=ok, doubt=doubt)
    if problem == "check_digit":
        failed = [f.name for f in checked if not f.passing]
        doubts.append("check digit fails: " + ", ".join(failed))
    elif problem == "ambiguous":
        doubts.append("several repairs pass the check digits")
    elif problem == "composite":
        doubts.append("composite check digit fails")

    number = fields["document_number"]
    if number.value is not None:
        number.value = number.value.replace("<", "") or None
        if number.value is None:
            number.doubt = "no document number"
            doubts.append("no document number")

    for name in ("birth_date", "expiry_date"):
        dated = fields[name]
        kind = "birth" if name == "birth_date" else "expiry"
        if dated.value is None:
            continue
        iso, doubt = _date(dated.value, kind, today)
        dated.value = iso if iso is not None else dated.value
        if doubt:
            dated.doubt = doubt
            doubts.append(doubt)
    optional = fields.pop("optional", None)
    if optional is not None and optional.repaired:
        repaired.append("optional_data")

    issuer = _code_field(issuer_raw, "issuing state")
    nationality = _code_field(nationality_raw, "nationality")
    sex = _sex(sex_raw)
    surname, given, names_changed, name_doubt = _clean_name_field(names_raw)
    surname_field = _Field(value=surname or None, repaired=names_changed)
    given_field = _Field(value=given or None, repaired=names_changed)
    if name_doubt:
        surname_field.doubt = name_doubt
    if not surname:
        surname_field.doubt = "no surname"
    doubts += [f.doubt for f in (issuer, nationality, sex, surname_field, given_field) if f.doubt]

    named = {
        "document_number": fields["document_number"],
        "surname": surname_field,
        "given_names": given_field,
        "nationality": nationality,
        "birth_date": fields["birth_date"],
        "sex": sex,
        "expiry_date": fields["expiry_date"],
        "issuing_state": issuer,
    }
    repaired = [n for n, f in named.items() if f.repaired] + repaired
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
        seconds=seconds,
    )
